"""A yes/no question over the scene that asked it (which stays, dimmed, underneath)."""

from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UITextBox, UIWindow

from game.ui.scene import FocusRing, Scene, key, pressed


class Confirm(Scene):
    """Asks `question`; Yes runs `on_yes` (its result is the next scene, None = back to parent).

    Enter answers the focused button (No, unless `default_yes`), Escape or
    the window's close button answers No, Left/Right/Tab move between the two.
    """

    def __init__(self, app, parent: Scene, title: str, question: str, on_yes: Callable[[], object],
                 yes: str = "Yes", no: str = "No", default_yes: bool = False):
        super().__init__(app)
        self.parent = parent
        self.title = title
        self.question = question
        self.on_yes = on_yes
        self.yes_text, self.no_text = yes, no
        self.focus = FocusRing(across=True)
        self.focus.index = 1 if default_yes else 0
        self.window = None

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        dim = pygame.Surface((w, h), pygame.SRCALPHA)
        dim.fill((0, 0, 0, p.size("dim_alpha")))
        under = self.parent.root.get_top_layer() + 1 if self.parent and self.parent.root else 1
        UIImage(pygame.Rect(0, 0, w, h), dim, self.manager, container=self.root, starting_height=under)
        dw, dh = p.size("dialog_width"), p.size("dialog_height")
        rect = pygame.Rect((w - dw) // 2, (h - dh) // 2, dw, dh)
        self.window = UIWindow(rect, self.manager, self.title, object_id=ObjectID("#dialog"), draggable=False)
        self.window.set_blocking(True)
        inner = self.window.get_container().get_size()
        m, bh, bw = p.size("margin"), p.size("row_height") + 4, 130
        UITextBox(self.question, pygame.Rect(m, m, inner[0] - 2 * m, inner[1] - bh - 3 * m),
                  self.manager, container=self.window, object_id=ObjectID("#dialog_text"))
        y = inner[1] - bh - m
        self.no = UIButton(pygame.Rect(inner[0] - 2 * bw - 2 * m, y, bw, bh), self.no_text, self.manager,
                           container=self.window)
        self.yes = UIButton(pygame.Rect(inner[0] - bw - m, y, bw, bh), self.yes_text, self.manager,
                            container=self.window, object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.no, self.yes])

    def close(self) -> None:
        if self.window is not None:
            self.window.kill()
            self.window = None
        super().close()

    def handle(self, event):
        if key(event, pygame.K_ESCAPE) or (
            event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window
        ):
            return self.parent
        if self.focus.handle(event):
            return None
        if pressed(event, self.no):
            return self.parent
        if pressed(event, self.yes):
            nxt = self.on_yes()
            return self.parent if nxt is None else nxt
        return None

    def draw(self, surface) -> None:
        self.parent.draw(surface)
