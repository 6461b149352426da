"""A message with one button (OK), over the scene that showed it (dimmed underneath); nothing
else changes. Enter, Escape, OK or the window's close button go back."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox

from game.ui.scene import Scene, pressed
from game.ui.scenes.dialog import Dialog


class Notice(Dialog):
    def __init__(self, app, parent: Scene, title: str, text: str, ok: str = "OK"):
        super().__init__(app, parent)
        self.title = title
        self.text = text
        self.ok_text = ok

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        k = getattr(getattr(self.app, "look", None), "scale", 100) / 100
        inner = self.open_window(self.title, min(w - 40, round(620 * k)), min(h - 40, round(300 * k)))
        m, bh, bw = p.size("margin"), p.size("row_height") + 4, round(130 * k)
        self.message = UITextBox(self.text, pygame.Rect(m, m, inner[0] - 2 * m, inner[1] - bh - 3 * m),
                                 self.manager, container=self.window, object_id=ObjectID("#dialog_text"))
        self.ok = UIButton(pygame.Rect(inner[0] - bw - m, inner[1] - bh - m, bw, bh), self.ok_text, self.manager,
                           container=self.window, object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.ok])

    def shortcuts(self):
        return [("Message", [("Enter, Esc", "Close it")])]

    def handle(self, event):
        if self.dismissed(event) or pressed(event, self.ok):
            return self.parent
        if self.focus.handle(event):
            return None
        return None
