"""Text the window draws itself (map labels, gauges), in the theme's fonts."""

from __future__ import annotations

import pygame

HALO = ((-1, 0), (1, 0), (0, -1), (0, 1), (1, 1))


def line_height(manager, element_id: str) -> int:
    """The height of a line of text in the theme's font for `element_id` (e.g. "@heading"): what
    a label needs to show its text whole, at any text size."""
    return Lettering(manager).line_height(element_id)


def small_size(manager) -> int:
    """The size (pixels) of the theme's small text ("@small"), for small runs inside text boxes."""
    return Lettering(manager).font("@small").get_point_size()


def text_box_frame(manager) -> tuple[int, int]:
    """What a text box (the theme's "text_box") takes round its text, across and down: its
    padding and border on both sides."""
    theme = manager.get_theme()
    pad_x, pad_y = (int(v) for v in str(theme.get_misc_data("padding", ["text_box"])).split(","))
    border = theme.get_misc_data("border_width", ["text_box"])  # pygame_gui: {"left": n, "right": n, ...}
    return pad_x * 2 + border["left"] + border["right"], pad_y * 2 + border["top"] + border["bottom"]


class Lettering:
    """Renders text with the font the theme gives an element id (e.g. "#map_label")."""

    def __init__(self, manager, cache_size: int = 512):
        self.theme = manager.get_theme()
        self._cache: dict[tuple, pygame.Surface] = {}
        self._fitted: dict[tuple, str] = {}
        self._limit = cache_size

    def font(self, element_id: str):
        return self.theme.get_font([element_id])

    def size(self, text: str, element_id: str) -> tuple[int, int]:
        return self.font(element_id).size(text)

    def fit(self, text: str, element_id: str, width: int) -> str:
        """`text`, cut short with "…" if it is wider than `width` (remembered: lines that are
        drawn again each move, such as the watch log's, are measured once)."""
        k = (text, element_id, width)
        found = self._fitted.get(k)
        if found is None:
            found = text
            if self.size(text, element_id)[0] > width:
                lo, hi = 0, len(text)  # the longest start that fits with "…"
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if self.size(text[:mid].rstrip() + "…", element_id)[0] <= width:
                        lo = mid
                    else:
                        hi = mid - 1
                found = text[:lo].rstrip() + "…"
            if len(self._fitted) >= self._limit:
                self._fitted.clear()
            self._fitted[k] = found
        return found

    def line_height(self, element_id: str) -> int:
        """The height of one line in the font for `element_id` (a rendered line is this high)."""
        return self.font(element_id).size("Ag")[1]

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
