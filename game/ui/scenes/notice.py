"""A message with one button (OK), over the scene that showed it (dimmed underneath); nothing
else changes. Enter, Escape, OK or the window's close button go back."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UITextBox, UIWindow

from game.ui.scene import FocusRing, Scene, key, pressed


class Notice(Scene):
    def __init__(self, app, parent: Scene, title: str, text: str, ok: str = "OK"):
        super().__init__(app)
        self.parent = parent
        self.title = title
        self.text = text
        self.ok_text = ok
        self.focus = FocusRing(across=True)
        self.window = None

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        k = getattr(getattr(self.app, "look", None), "scale", 100) / 100
        dim = pygame.Surface((w, h), pygame.SRCALPHA)
        dim.fill((0, 0, 0, p.size("dim_alpha")))
        under = self.parent.root.get_top_layer() + 1 if self.parent and self.parent.root else 1
        UIImage(pygame.Rect(0, 0, w, h), dim, self.manager, container=self.root, starting_height=under)
        dw, dh = min(w - 40, round(620 * k)), min(h - 40, round(300 * k))
        rect = pygame.Rect((w - dw) // 2, (h - dh) // 2, dw, dh)
        self.window = UIWindow(rect, self.manager, self.title, object_id=ObjectID("#dialog"), draggable=False)
        self.window.set_blocking(True)
        inner = self.window.get_container().get_size()
        m, bh, bw = p.size("margin"), p.size("row_height") + 4, round(130 * k)
        self.message = UITextBox(self.text, pygame.Rect(m, m, inner[0] - 2 * m, inner[1] - bh - 3 * m),
                                 self.manager, container=self.window, object_id=ObjectID("#dialog_text"))
        self.ok = UIButton(pygame.Rect(inner[0] - bw - m, inner[1] - bh - m, bw, bh), self.ok_text, self.manager,
                           container=self.window, object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.ok])

    def close(self) -> None:
        if self.window is not None:
            self.window.kill()
            self.window = None
        super().close()

    def shortcuts(self):
        return [("Message", [("Enter, Esc", "Close it")])]

    def handle(self, event):
        if key(event, pygame.K_ESCAPE) or pressed(event, self.ok) or (
            event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window
        ):
            return self.parent
        if self.focus.handle(event):
            return None
        return None

    def draw(self, surface) -> None:
        self.parent.draw(surface)
