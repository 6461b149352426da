"""A dialog: a window over the scene that opened it (`parent`), which stays, dimmed, underneath."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage, UIWindow

from game.ui.scene import FocusRing, Scene, key


class Dialog(Scene):
    def __init__(self, app, parent: Scene):
        super().__init__(app)
        self.parent = parent
        self.focus = FocusRing(across=True)
        self.window = None

    def open_window(self, title: str, width: int, height: int) -> tuple[int, int]:
        """Dim the parent and open a blocking window of this size in the middle; its inner size."""
        w, h = self.size
        dim = pygame.Surface((w, h), pygame.SRCALPHA)
        dim.fill((0, 0, 0, self.palette.size("dim_alpha")))
        under = self.parent.root.get_top_layer() + 1 if self.parent and self.parent.root else 1
        UIImage(pygame.Rect(0, 0, w, h), dim, self.manager, container=self.root, starting_height=under)
        rect = pygame.Rect((w - width) // 2, (h - height) // 2, width, height)
        self.window = UIWindow(rect, self.manager, title, object_id=ObjectID("#dialog"), draggable=False)
        self.window.set_blocking(True)
        return self.window.get_container().get_size()

    def dismissed(self, event) -> bool:
        """Escape, or the window's close button."""
        return key(event, pygame.K_ESCAPE) or (
            event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window
        )

    def close(self) -> None:
        if self.window is not None:
            self.window.kill()
            self.window = None
        super().close()

    def draw(self, surface) -> None:
        self.parent.draw(surface)
