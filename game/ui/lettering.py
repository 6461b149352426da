"""Text the window draws itself (map labels, gauges), in the theme's fonts."""

from __future__ import annotations

import pygame

HALO = ((-1, 0), (1, 0), (0, -1), (0, 1), (1, 1))


class Lettering:
    """Renders text with the font the theme gives an element id (e.g. "#map_label")."""

    def __init__(self, manager, cache_size: int = 512):
        self.theme = manager.get_theme()
        self._cache: dict[tuple, pygame.Surface] = {}
        self._limit = cache_size

    def font(self, element_id: str):
        return self.theme.get_font([element_id])

    def size(self, text: str, element_id: str) -> tuple[int, int]:
        return self.font(element_id).size(text)

    def render(self, text: str, element_id: str, colour) -> pygame.Surface:
        k = (text, element_id, tuple(colour))
        surf = self._cache.get(k)
        if surf is None:
            if len(self._cache) >= self._limit:
                self._cache.clear()
            surf = self.font(element_id).render_premul(text, pygame.Color(colour))
            self._cache[k] = surf
        return surf

    def draw(self, surface: pygame.Surface, text: str, element_id: str, colour, pos,
             anchor: str = "topleft", halo=None) -> pygame.Rect:
        """Draw `text` with its `anchor` point at `pos`; an optional halo colour behind it."""
        surf = self.render(text, element_id, colour)
        rect = surf.get_rect(**{anchor: (int(pos[0]), int(pos[1]))})
        if halo is not None:
            shade = self.render(text, element_id, halo)
            for dx, dy in HALO:
                surface.blit(shade, rect.move(dx, dy), special_flags=pygame.BLEND_PREMULTIPLIED)
        surface.blit(surf, rect, special_flags=pygame.BLEND_PREMULTIPLIED)
        return rect
