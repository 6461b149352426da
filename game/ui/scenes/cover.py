"""A screen laid over the map screen (its `parent`), which stays alive underneath.

The negotiation table, the year-end report, the charts and the debrief are covers: the
game's map keeps its state and widgets, and going back to it (Escape, Back) costs nothing.
A cover builds its widgets inside `self.sheet`, a window-sized panel above everything the
parent shows, so the parent's widgets neither show through nor take clicks.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIPanel

from game.ui.scene import Scene


class Cover(Scene):
    dim = False  # True: the parent shows through, dimmed (a popup), instead of being hidden

    def __init__(self, app, parent: Scene):
        super().__init__(app)
        self.parent = parent
        self.sheet: UIPanel | None = None

    @property
    def scale(self) -> float:
        """The look's text size (1.0 at 100%): sizes the theme does not give grow with it."""
        return getattr(getattr(self.app, "look", None), "scale", 100) / 100

    def px(self, n: float) -> int:
        return max(1, round(n * self.scale))

    def above_parent(self) -> int:
        """The layer just above the parent's widgets."""
        if self.parent is not None and self.parent.root is not None:
            return self.parent.root.get_top_layer() + 1
        return 1

    def build(self) -> None:
        w, h = self.size
        self.sheet = UIPanel(pygame.Rect(0, 0, w, h), starting_height=self.above_parent(), manager=self.manager,
                             container=self.root, object_id=ObjectID("#dim_cover" if self.dim else "#cover"))
        self.build_sheet()

    def build_sheet(self) -> None:
        """Create the widgets in `self.sheet` (subclasses)."""

    def close(self) -> None:
        super().close()
        self.size = None  # built again when shown again

    def draw(self, surface: pygame.Surface) -> None:
        if self.dim and self.parent is not None:
            self.parent.draw(surface)
        else:
            super().draw(surface)

    @property
    def map_screen(self):
        """The map screen under this cover (and any covers between)."""
        scene = self.parent
        while isinstance(scene, Cover):
            scene = scene.parent
        return scene
