"""The window's assets: the theme (colours, fonts, sizes) and the map overlay.

Everything the window draws itself (the map, gauges, bars) takes its colours and sizes from
`assets/ui/theme.json`, the same file pygame_gui reads for its widgets: custom blocks `#map`,
`#gauge`, `#bar` and `#layout`. A missing or damaged file raises `AssetError`, whose message
is one line naming the file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from attrs import frozen

REPO_ROOT = Path(__file__).resolve().parents[2]
ASSETS_DIR = REPO_ROOT / "assets"
THEME_PATH = ASSETS_DIR / "ui" / "theme.json"
OVERLAY_PATH = ASSETS_DIR / "ui" / "map_overlay.json"

# What the window's own drawing needs from the theme: block -> colour names.
THEME_COLOURS: dict[str, tuple[str, ...]] = {
    "#map": (
        "background", "frame", "sea", "graticule", "land", "land_border", "china_land", "us_land",
        "pledge_none", "pledge_considering", "pledge_pledged", "pledge_hosting",
        "chain_first", "chain_second", "chain_label", "us_marker", "china_marker",
        "marker_outline", "empty_marker", "site_label", "label_shadow", "range_ring", "coverage",
        "covered_target", "target", "selection", "info_bg", "info_border", "info_text", "info_dim",
    ),
    "#gauge": ("good", "middling", "bad", "bar_bg", "text", "dim_text", "border"),
    "#bar": ("fill", "done", "background", "text"),
}
THEME_SIZES: tuple[str, ...] = (
    "margin", "gap", "hud_height", "status_height", "panel_width", "panel_width_wide", "wide_from",
    "row_height", "small_row_height", "menu_button_width", "menu_button_height", "form_width",
    "content_width", "label_width", "button_width", "hud_text_width", "tooltip_width",
    "gauge_min_width", "gauge_max_width", "dialog_width", "dialog_height", "marker_radius",
    "range_ring_width", "chain_width", "coverage_alpha", "dim_alpha",
)


class AssetError(ValueError):
    """An asset is missing or damaged; the message is one line naming the file."""


def _where(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def asset_error(path: Path, problem: str) -> AssetError:
    return AssetError(f"asset {_where(path)}: {' '.join(str(problem).split())}")


def read_json(path: Path) -> dict:
    """A JSON object from `path`, or AssetError naming the file and what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise asset_error(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise asset_error(path, f"cannot read file ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise asset_error(path, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise asset_error(path, "invalid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise asset_error(path, "the top level must be a JSON object")
    return data


# ---- the theme ---------------------------------------------------------------------------------


@frozen
class Palette:
    """Colours (as (r, g, b, a) tuples) and sizes (ints) the window draws with."""

    colours: dict[str, tuple[int, int, int, int]]
    sizes: dict[str, int]

    def colour(self, block: str, name: str) -> tuple[int, int, int, int]:
        return self.colours[f"{block}.{name}"]

    def size(self, name: str) -> int:
        return self.sizes[name]


def _parse_colour(text, path: Path, where: str) -> tuple[int, int, int, int]:
    import pygame  # only here: the rest of this module is plain data

    if not isinstance(text, str):
        raise asset_error(path, f"{where} must be a colour string like '#rrggbb'")
    try:
        c = pygame.Color(text)
    except (ValueError, TypeError):
        raise asset_error(path, f"{where}: '{text}' is not a colour") from None
    return (c.r, c.g, c.b, c.a)


def load_theme(path: Path | None = None) -> tuple[dict, Palette]:
    """The theme as a dict for pygame_gui, and the palette the window draws with."""
    from pygame_gui.core.ui_appearance_theme import UIThemeValidator

    path = Path(path) if path is not None else THEME_PATH
    data = read_json(path)
    problems = UIThemeValidator.validate_theme_file(data)
    if problems:
        raise asset_error(path, problems[0])
    colours: dict[str, tuple[int, int, int, int]] = {}
    for block, names in THEME_COLOURS.items():
        section = data.get(block, {}).get("colours") if isinstance(data.get(block), dict) else None
        if not isinstance(section, dict):
            raise asset_error(path, f"missing block '{block}' with 'colours'")
        for name in names:
            if name not in section:
                raise asset_error(path, f"'{block}.colours' has no '{name}'")
            colours[f"{block}.{name}"] = _parse_colour(section[name], path, f"{block}.colours.{name}")
    misc = data.get("#layout", {}).get("misc") if isinstance(data.get("#layout"), dict) else None
    if not isinstance(misc, dict):
        raise asset_error(path, "missing block '#layout' with 'misc'")
    sizes: dict[str, int] = {}
    for name in THEME_SIZES:
        raw = misc.get(name)
        try:
            value = int(str(raw))
        except ValueError:
            raise asset_error(path, f"'#layout.misc.{name}' must be a whole number, got {raw!r}") from None
        if value < 0:
            raise asset_error(path, f"'#layout.misc.{name}' must not be negative")
        sizes[name] = value
    return data, Palette(colours=colours, sizes=sizes)


# ---- the map overlay -----------------------------------------------------------------------------


@frozen
class Chain:
    id: str
    label: str
    label_at: tuple[float, float]
    points: np.ndarray  # (n, 2) lon, lat


@frozen
class MapOverlay:
    """Island chains, the countries of each side and ally, and the part of the map to show."""

    view: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max
    chains: tuple[Chain, ...]
    side_countries: dict[str, tuple[str, ...]]
    ally_countries: dict[str, tuple[str, ...]]


def _lonlat(raw, path: Path, where: str) -> tuple[float, float]:
    if (
        not isinstance(raw, list) or len(raw) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw)
        or not all(math.isfinite(v) for v in raw)
    ):
        raise asset_error(path, f"{where} must be [longitude, latitude]")
    lon, lat = float(raw[0]), float(raw[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise asset_error(path, f"{where} [{lon}, {lat}] is not on the globe")
    return lon, lat


def _span(raw, path: Path, where: str, limit: float) -> tuple[float, float]:
    if (
        not isinstance(raw, list) or len(raw) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw)
        or not all(-limit <= v <= limit for v in raw) or not raw[0] < raw[1]
    ):
        raise asset_error(path, f"{where} must be [smaller, larger] degrees within ±{limit:g}")
    return float(raw[0]), float(raw[1])


def _isos(raw, path: Path, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise asset_error(path, f"'{where}' must be an object")
    out = {}
    for key, codes in raw.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) and c for c in codes):
            raise asset_error(path, f"'{where}.{key}' must be a list of country codes")
        out[key] = tuple(codes)
    return out


def load_overlay(path: Path | None = None) -> MapOverlay:
    path = Path(path) if path is not None else OVERLAY_PATH
    data = read_json(path)
    for key in ("view", "chains", "sides", "allies"):
        if key not in data:
            raise asset_error(path, f"missing key '{key}'")
    view = data["view"]
    if not isinstance(view, dict) or "lon" not in view or "lat" not in view:
        raise asset_error(path, "'view' must have 'lon' and 'lat' ranges")
    lon0, lon1 = _span(view["lon"], path, "view.lon", 180)
    lat0, lat1 = _span(view["lat"], path, "view.lat", 90)
    chains = []
    if not isinstance(data["chains"], list):
        raise asset_error(path, "'chains' must be a list")
    for i, raw in enumerate(data["chains"]):
        if not isinstance(raw, dict):
            raise asset_error(path, f"chains[{i}] must be an object")
        for key in ("id", "label", "label_at", "points"):
            if key not in raw:
                raise asset_error(path, f"chains[{i}] has no '{key}'")
        if not isinstance(raw["id"], str) or not isinstance(raw["label"], str):
            raise asset_error(path, f"chains[{i}] 'id' and 'label' must be text")
        pts = raw["points"]
        if not isinstance(pts, list) or len(pts) < 2:
            raise asset_error(path, f"chains[{i}].points needs at least 2 points")
        points = np.array([_lonlat(p, path, f"chains[{i}].points[{j}]") for j, p in enumerate(pts)])
        points.setflags(write=False)
        chains.append(Chain(raw["id"], raw["label"], _lonlat(raw["label_at"], path, f"chains[{i}].label_at"), points))
    return MapOverlay(
        view=(lon0, lat0, lon1, lat1),
        chains=tuple(chains),
        side_countries=_isos(data["sides"], path, "sides"),
        ally_countries=_isos(data["allies"], path, "allies"),
    )
