"""The map as last drawn, kept while nothing it shows changes.

Most frames of the map screen show the same map: the same game state, selection, range ring,
labels and layers; only the mouse moves. `MapFrame.draw` draws the map (`MapView.draw`, without
the hover box) once into a picture and blits that picture on the next frames; the hover box, the
one thing that follows the mouse, goes on top each frame. The picture is drawn again when the
state object, the selection, the ring, the labels, the layers, the map's size or the MapView
itself (a new look) changes.
"""

from __future__ import annotations

import pygame


class MapFrame:
    def __init__(self):
        self.picture: pygame.Surface | None = None
        self.key = None
        self.state = None
        self.threats: dict[int, int] = {}
        self.redraws = 0  # how often the picture was drawn (for tests and the bench)

    def draw(self, surface: pygame.Surface, view, state, *, selected, ring_class, hover, labels) -> None:
        rect = view.rect
        key = (id(view), tuple(rect), selected, ring_class, labels, view.show_legend, view.show_reach)
        if self.picture is None or key != self.key or state is not self.state:
            size = (rect.right, rect.bottom)
            if self.picture is None or self.picture.get_size() != size:
                self.picture = pygame.Surface(size)
            view.draw(self.picture, state, selected=selected, ring_class=ring_class, hover=None, labels=labels)
            self.key, self.state = key, state
            self.threats = view.threatened(state) if view.show_reach else {}
            self.redraws += 1
        surface.blit(self.picture, rect, area=rect)
        if hover is not None:
            # MapView draws its hover box last, over everything else: the same call here
            view._draw_hover(surface.subsurface(rect), state, hover, self.threats)  # noqa: SLF001
