"""A yes/no question over the scene that asked it (which stays, dimmed, underneath)."""

from __future__ import annotations

from typing import Callable

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox

from game.ui.scene import Scene, pressed
from game.ui.scenes.dialog import Dialog


class Confirm(Dialog):
    """Asks `question`; Yes runs `on_yes` (its result is the next scene, None = back to parent).

    Enter answers the focused button (No, unless `default_yes`), Escape or
    the window's close button answers No, Left/Right/Tab move between the two.
    """

    def __init__(self, app, parent: Scene, title: str, question: str, on_yes: Callable[[], object],
                 yes: str = "Yes", no: str = "No", default_yes: bool = False):
        super().__init__(app, parent)
        self.title = title
        self.question = question
        self.on_yes = on_yes
        self.yes_text, self.no_text = yes, no
        self.focus.index = 1 if default_yes else 0

    def build(self) -> None:
        p = self.palette
        inner = self.open_window(self.title, p.size("dialog_width"), p.size("dialog_height"))
        m, bh, bw = p.size("margin"), p.size("row_height") + 4, 130
        UITextBox(self.question, pygame.Rect(m, m, inner[0] - 2 * m, inner[1] - bh - 3 * m),
                  self.manager, container=self.window, object_id=ObjectID("#dialog_text"))
        y = inner[1] - bh - m
        self.no = UIButton(pygame.Rect(inner[0] - 2 * bw - 2 * m, y, bw, bh), self.no_text, self.manager,
                           container=self.window)
        self.yes = UIButton(pygame.Rect(inner[0] - bw - m, y, bw, bh), self.yes_text, self.manager,
                            container=self.window, object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.no, self.yes])

    def handle(self, event):
        if self.dismissed(event):
            return self.parent
        if self.focus.handle(event):
            return None
        if pressed(event, self.no):
            return self.parent
        if pressed(event, self.yes):
            nxt = self.on_yes()
            return self.parent if nxt is None else nxt
        return None
