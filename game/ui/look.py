"""How the window looks: the theme at the chosen text size, in the chosen palette.

`theme.json` is drawn for 1280 × 720 at 100%. A larger size multiplies every font size and every
`#layout` size (margins, rows, panels) by the same factor; the window's own drawing takes its
fonts and sizes from the same theme, so the map and gauges grow with the widgets. A size is used
only where the window holds it (1280 × 720 → 100%, 1600 × 900 → 125%, 1920 × 1080 → 150%);
"auto" (0) takes the largest that fits.

A palette other than the standard one is a small file under `assets/ui/` whose blocks replace
the same colours in `theme.json` (`theme_colourblind.json`: Okabe–Ito colours for the sides,
the pledge statuses and the gauges).

`WindowManager` is pygame_gui's UIManager with its theme's cache of element ids keyed compactly
(see `CompactTheme`): the library's own key costs megabytes and milliseconds per widget.
"""

from __future__ import annotations

import copy

import pygame_gui
from attrs import frozen
from pygame_gui.core import UIAppearanceTheme

from game.ui.assets import ASSETS_DIR, THEME_COLOURS, THEME_SIZES, AssetError, Palette, read_json

BASE_SIZE = (1280, 720)
STEPS = (100, 125, 150)
PALETTE_FILES = {"standard": None, "colourblind": ASSETS_DIR / "ui" / "theme_colourblind.json"}
PALETTE_WORDS = {"standard": "Standard", "colourblind": "Colour-blind safe (Okabe–Ito)"}
UNSCALED = frozenset({"coverage_alpha", "dim_alpha", "wide_from"})  # alphas and thresholds
SCALED_MISC = ("title_bar_height", "rect_width", "shape_corner_radius")  # widget sizes in the theme
FONT_STYLES = ("bold", "italic", "bold_italic")
RUN_SIZES = (12, 13, 14, 15, 16)  # sizes of the text boxes' bold and italic runs, at 100%


def fitting_scale(size: tuple[int, int]) -> int:
    """The largest step (percent) at which the 1280 × 720 layout fits in a window of `size`."""
    w, h = size
    fits = [s for s in STEPS if BASE_SIZE[0] * s // 100 <= w and BASE_SIZE[1] * s // 100 <= h]
    return max(fits) if fits else STEPS[0]


def effective_scale(chosen: int, size: tuple[int, int]) -> int:
    """The size used: `chosen` (0 = auto) but never more than the window holds."""
    fit = fitting_scale(size)
    return fit if chosen == 0 else max(STEPS[0], min(chosen, fit))


def merged(base: dict, overlay: dict) -> dict:
    """`base` with `overlay`'s values put in, block by block and key by key."""
    out = copy.deepcopy(base)
    for key, value in overlay.items():
        if key.startswith("_"):  # notes for people, not for pygame_gui
            continue
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _times(text, percent: int) -> str:
    return str(max(1, round(int(str(text)) * percent / 100)))


def scaled(theme: dict, percent: int) -> dict:
    """The theme with every font size and layout size multiplied by percent / 100."""
    out = copy.deepcopy(theme)
    if percent == 100:
        return out
    for name, block in out.items():
        if not isinstance(block, dict):
            continue
        font = block.get("font")
        if isinstance(font, dict) and "size" in font:
            font["size"] = _times(font["size"], percent)
        misc = block.get("misc")
        if not isinstance(misc, dict):
            continue
        for key, value in misc.items():
            if name == "#layout" and key not in UNSCALED or key in SCALED_MISC:
                misc[key] = _times(value, percent)
    return out


def palette_of(theme: dict, where: str) -> Palette:
    """The colours and sizes the window draws with, from a (merged, scaled) theme."""
    import pygame

    colours = {}
    for block, names in THEME_COLOURS.items():
        section = theme.get(block, {}).get("colours", {})
        for name in names:
            try:
                c = pygame.Color(section[name])
            except (KeyError, ValueError, TypeError):
                raise AssetError(f"asset {where}: '{block}.colours.{name}' is missing or not a colour") from None
            colours[f"{block}.{name}"] = (c.r, c.g, c.b, c.a)
    misc = theme["#layout"]["misc"]
    return Palette(colours=colours, sizes={name: int(str(misc[name])) for name in THEME_SIZES})


def font_sizes(theme: dict) -> list[int]:
    sizes = {int(str(b["font"]["size"])) for b in theme.values()
             if isinstance(b, dict) and isinstance(b.get("font"), dict) and "size" in b["font"]}
    return sorted(sizes)


@frozen
class Look:
    theme: dict
    palette: Palette
    scale: int  # percent actually used
    palette_name: str

    def preload(self) -> list[dict]:
        """The fonts pygame_gui's text boxes ask for (bold and italic runs), for `preload_fonts`.
        Each font loaded costs its file's bytes again (~0.25 MB): only these sizes."""
        sizes = sorted({max(1, round(s * self.scale / 100)) for s in RUN_SIZES})
        return [{"name": "noto_sans", "point_size": size, "style": style, "antialiased": "1"}
                for size in sizes for style in FONT_STYLES]


def load_look(base_theme: dict, palette_name: str = "standard", percent: int = 100) -> Look:
    """The theme in `palette_name` at `percent`; AssetError (one line) if the palette file is bad."""
    theme = base_theme
    where = "assets/ui/theme.json"
    path = PALETTE_FILES.get(palette_name)
    if path is not None:
        from pygame_gui.core.ui_appearance_theme import UIThemeValidator

        overlay = read_json(path)
        theme = merged(base_theme, overlay)
        where = f"assets/ui/{path.name}"
        problems = UIThemeValidator.validate_theme_file(theme)
        if problems:
            raise AssetError(f"asset {where}: {' '.join(str(problems[0]).split())}")
    theme = scaled(theme, percent)
    return Look(theme=theme, palette=palette_of(theme, where), scale=percent, palette_name=palette_name)


# ---- pygame_gui, without its giant cache keys ------------------------------------------------------


class CompactTheme(UIAppearanceTheme):
    """pygame_gui's theme with one change. pygame_gui 0.6.14 keys its cache of an element's
    combined theme ids by `str(a).join(str(b).join(str(c)).join(str(d)))`: a string whose length
    is the product of the id lists' lengths (hundreds of kilobytes for a button in a scrolling
    panel), built for every widget and kept. In a game that is ~70 MB and a good part of each
    widget's build time. Here the same ids are computed the library's way (its code below, MIT
    licence) and cached under a tuple of the id lists."""

    def build_all_combined_ids(self, element_base_ids, element_ids, class_ids, object_ids) -> list[str]:
        cache = self.__dict__.setdefault("_compact_ids", {})
        key = tuple(None if ids is None else tuple(ids) for ids in (element_base_ids, element_ids, class_ids,
                                                                     object_ids))
        found = cache.get(key)
        if found is not None:
            return found
        combined_ids: list[str] = []
        if None not in (object_ids, element_ids, class_ids, element_base_ids):
            if not len(object_ids) == len(element_ids) == len(class_ids) == len(element_base_ids):
                raise ValueError(f"Object & class ID hierarchy is not equal in length to Element ID hierarchy"
                                 f"Element IDs: {element_ids}\nClass IDs: {class_ids}\nObject IDs: {object_ids}")
            if element_ids:
                self._get_next_id_node(None, element_base_ids, element_ids, class_ids, object_ids, 0,
                                       len(element_ids), combined_ids)
            current = combined_ids[:]
            found_all = not current
            while not found_all:
                for index, current_id in enumerate(current):
                    stop = current_id.find(".")
                    if stop == -1:
                        found_all = True
                    else:
                        current[index] = current_id[stop + 1:]
                        combined_ids.append(current[index])
        cache[key] = combined_ids
        return combined_ids


class WindowManager(pygame_gui.UIManager):
    """pygame_gui's UIManager, on a `CompactTheme`."""

    def create_new_theme(self, theme_path=None) -> UIAppearanceTheme:
        theme = CompactTheme(self.resource_loader, self._locale)
        if theme_path is not None:
            theme.load_theme(theme_path)
        return theme
