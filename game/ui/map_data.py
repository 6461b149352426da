"""Western Pacific coastline map: loading the asset and projecting it.

The asset ``assets/map/western_pacific.json`` is derived from Natural Earth
(public domain) by ``tools/make_map.py``. This module has no pygame
dependency: it turns the JSON into numpy arrays and offers a pure
projection function from lon/lat to pixel coordinates.
"""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import numpy as np

from game.ui.assets import ASSETS_DIR, asset_error, read_json

DEFAULT_MAP_PATH = ASSETS_DIR / "map" / "western_pacific.json"

BBox = tuple[float, float, float, float]


@attrs.frozen
class Country:
    """One country: ISO-3 code, English name and its outer rings.

    Each polygon is a read-only float array of shape (n, 2) holding
    (lon, lat) pairs; the ring is implicitly closed.
    """

    iso: str
    name: str
    polygons: tuple[np.ndarray, ...] = attrs.field(eq=False, repr=False)


@attrs.frozen
class CoastlineMap:
    """The whole map: its bbox (lon_min, lat_min, lon_max, lat_max)."""

    bbox: BBox
    countries: tuple[Country, ...]
    source: str = ""

    def country(self, iso: str) -> Country | None:
        for c in self.countries:
            if c.iso == iso:
                return c
        return None

    def iter_polygons(self):
        """Yield (country, polygon) pairs."""
        for c in self.countries:
            for poly in c.polygons:
                yield c, poly


def _parse_bbox(raw, path: Path) -> BBox:
    if not isinstance(raw, list) or len(raw) != 4:
        raise asset_error(path, "'bbox' must be a list of 4 numbers")
    try:
        vals = tuple(float(v) for v in raw)
    except (TypeError, ValueError):
        raise asset_error(path, "'bbox' must be a list of 4 numbers") from None
    if any(isinstance(v, bool) for v in raw) or not all(map(math.isfinite, vals)):
        raise asset_error(path, "'bbox' must be a list of 4 finite numbers")
    lon0, lat0, lon1, lat1 = vals
    if not (lon0 < lon1 and lat0 < lat1):
        raise asset_error(path, f"'bbox' {list(vals)} is empty (need min < max)")
    return vals  # type: ignore[return-value]


def _parse_polygon(raw, path: Path, where: str) -> np.ndarray:
    try:
        arr = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise asset_error(path, f"{where} is not a list of [lon, lat] numbers") from None
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] < 3:
        raise asset_error(path, f"{where} must have at least 3 [lon, lat] points")
    if not np.isfinite(arr).all():
        raise asset_error(path, f"{where} has non-finite coordinates")
    arr.setflags(write=False)
    return arr


def load_coastlines(path: str | Path | None = None) -> CoastlineMap:
    """Load the coastline map from ``path`` (default: the bundled asset).

    Raises AssetError (a ValueError) with a one-line message naming the
    file if it is missing, unreadable or not in the expected format.
    """
    path = Path(path) if path is not None else DEFAULT_MAP_PATH
    data = read_json(path)
    for key in ("bbox", "countries"):
        if key not in data:
            raise asset_error(path, f"missing key {key!r}")
    bbox = _parse_bbox(data["bbox"], path)
    raw_countries = data["countries"]
    if not isinstance(raw_countries, list) or not raw_countries:
        raise asset_error(path, "'countries' must be a non-empty list")

    countries = []
    seen: set[str] = set()
    for i, rc in enumerate(raw_countries):
        if not isinstance(rc, dict):
            raise asset_error(path, f"countries[{i}] must be an object")
        iso, name, polys = rc.get("iso"), rc.get("name"), rc.get("polygons")
        if not isinstance(iso, str) or not iso:
            raise asset_error(path, f"countries[{i}] has no 'iso' string")
        if not isinstance(name, str):
            raise asset_error(path, f"countries[{i}] ({iso}) has no 'name' string")
        if iso in seen:
            raise asset_error(path, f"duplicate country {iso!r}")
        seen.add(iso)
        if not isinstance(polys, list) or not polys:
            raise asset_error(path, f"country {iso} must have a non-empty 'polygons' list")
        polygons = tuple(
            _parse_polygon(p, path, f"country {iso} polygon {j}")
            for j, p in enumerate(polys)
        )
        countries.append(Country(iso=iso, name=name, polygons=polygons))

    source = data.get("source", "")
    return CoastlineMap(
        bbox=bbox,
        countries=tuple(countries),
        source=source if isinstance(source, str) else "",
    )


def project(lonlat: np.ndarray, bbox: BBox, width: float, height: float) -> np.ndarray:
    """Project (lon, lat) points to pixel coordinates (x right, y down).

    Equirectangular projection with longitudes scaled by the cosine of the
    bbox's mean latitude, scaled uniformly to fit the bbox inside a
    ``width`` x ``height`` frame (aspect kept) and centred in it. The
    bbox's west/east edges map to x of the fitted area, north to its top.
    Accepts any array of shape (..., 2) and returns floats of the same shape.
    """
    lon0, lat0, lon1, lat1 = (float(v) for v in bbox)
    if not (lon0 < lon1 and lat0 < lat1):
        raise ValueError(f"empty bbox {bbox!r}")
    if not (width > 0 and height > 0):
        raise ValueError(f"frame must have positive size, got {width}x{height}")
    pts = np.asarray(lonlat, dtype=float)
    if pts.shape[-1:] != (2,):
        raise ValueError(f"lonlat must have shape (..., 2), got {pts.shape}")

    k = math.cos(math.radians((lat0 + lat1) / 2.0))
    world_w = (lon1 - lon0) * k
    world_h = lat1 - lat0
    scale = min(width / world_w, height / world_h)
    off_x = (width - world_w * scale) / 2.0
    off_y = (height - world_h * scale) / 2.0

    out = np.empty(pts.shape, dtype=float)
    out[..., 0] = off_x + (pts[..., 0] - lon0) * (k * scale)
    out[..., 1] = off_y + (lat1 - pts[..., 1]) * scale
    return out
