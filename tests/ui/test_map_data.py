"""Tests for the Western Pacific coastline asset and its loader."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from game.ui.assets import AssetError
from game.ui.map_data import (
    DEFAULT_MAP_PATH,
    CoastlineMap,
    load_coastlines,
    project,
)


def point_in_polygon(lon: float, lat: float, poly: np.ndarray) -> bool:
    """Even-odd ray casting."""
    x, y = poly[:, 0], poly[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > lat) != (y2 > lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x + (lat - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (lon < xs)) % 2)


def countries_containing(cmap: CoastlineMap, lat: float, lon: float) -> list[str]:
    return [c.iso for c, poly in cmap.iter_polygons() if point_in_polygon(lon, lat, poly)]


@pytest.fixture(scope="module")
def cmap() -> CoastlineMap:
    return load_coastlines()


# --- the committed asset -------------------------------------------------------


def test_default_path_is_in_repo_assets():
    repo_root = Path(__file__).resolve().parents[2]
    assert DEFAULT_MAP_PATH == repo_root / "assets" / "map" / "western_pacific.json"
    assert DEFAULT_MAP_PATH.is_file()


def test_asset_is_small():
    assert DEFAULT_MAP_PATH.stat().st_size < 400 * 1024


def test_asset_loads_with_bbox(cmap):
    lon0, lat0, lon1, lat1 = cmap.bbox
    assert lon0 <= 95 and lon1 >= 160
    assert lat0 <= -12 and lat1 >= 50
    assert "Natural Earth" in cmap.source


@pytest.mark.parametrize("iso", ["JPN", "CHN", "PHL", "KOR", "TWN", "PRK", "GUM", "AUS", "IDN"])
def test_key_countries_present(cmap, iso):
    country = cmap.country(iso)
    assert country is not None
    assert country.polygons


def test_country_names(cmap):
    assert cmap.country("JPN").name == "Japan"
    assert cmap.country("CHN").name == "China"
    assert cmap.country("PHL").name == "Philippines"


def test_no_placeholder_iso_codes(cmap):
    isos = [c.iso for c in cmap.countries]
    assert "-99" not in isos
    assert len(set(isos)) == len(isos)
    assert cmap.country("nope") is None


def test_polygons_are_lonlat_arrays_inside_bbox(cmap):
    lon0, lat0, lon1, lat1 = cmap.bbox
    for _, poly in cmap.iter_polygons():
        assert poly.dtype == np.float64
        assert poly.ndim == 2 and poly.shape[1] == 2 and poly.shape[0] >= 3
        assert np.all(poly[:, 0] >= lon0) and np.all(poly[:, 0] <= lon1)
        assert np.all(poly[:, 1] >= lat0) and np.all(poly[:, 1] <= lat1)
        assert not poly.flags.writeable


@pytest.mark.parametrize(
    ("name", "lat", "lon", "iso"),
    [
        ("Andersen AFB, Guam", 13.581, 144.924, "GUM"),
        ("Kadena AB, Okinawa", 26.352, 127.769, "JPN"),
        ("Taipei", 25.033, 121.565, "TWN"),
        ("Basco, Batanes", 20.45, 121.97, "PHL"),
        ("Manila, Luzon", 14.6, 121.0, "PHL"),
        ("Seoul", 37.57, 126.98, "KOR"),
        ("Darwin", -12.41, 130.87, "AUS"),
    ],
)
def test_places_are_on_land(cmap, name, lat, lon, iso):
    assert countries_containing(cmap, lat, lon) == [iso], name


def test_open_sea_is_sea(cmap):
    # Philippine Sea, between Okinawa and Guam.
    assert countries_containing(cmap, 20.0, 135.0) == []


# --- projection ------------------------------------------------------------------


def _corners(bbox):
    lon0, lat0, lon1, lat1 = bbox
    return np.array([[lon0, lat1], [lon1, lat1], [lon0, lat0], [lon1, lat0]])


def test_project_corners_fill_frame_of_same_aspect():
    bbox = (95.0, -14.0, 160.0, 50.0)
    k = math.cos(math.radians(18.0))
    height = 640.0
    width = height * (65.0 * k) / 64.0
    px = project(_corners(bbox), bbox, width, height)
    expected = np.array([[0, 0], [width, 0], [0, height], [width, height]])
    np.testing.assert_allclose(px, expected, atol=1e-9)


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (600, 900), (1000, 1000)])
def test_project_corners_touch_frame_edges_and_are_centred(width, height):
    bbox = (95.0, -14.0, 160.0, 50.0)
    px = project(_corners(bbox), bbox, width, height)
    (x0, y0), (x1, _), (_, y1) = px[0], px[1], px[2]
    # The fitted map touches two opposite edges of the frame ...
    touches_lr = math.isclose(x0, 0, abs_tol=1e-9) and math.isclose(x1, width)
    touches_tb = math.isclose(y0, 0, abs_tol=1e-9) and math.isclose(y1, height)
    assert touches_lr or touches_tb
    # ... and is centred on the other axis, never spilling out.
    assert math.isclose(x0 + x1, width) and math.isclose(y0 + y1, height)
    assert 0 <= x0 < x1 <= width + 1e-9 and 0 <= y0 < y1 <= height + 1e-9
    # North is up, west is left.
    np.testing.assert_allclose(px[1], [x1, y0])
    np.testing.assert_allclose(px[3], [x1, y1])


def test_project_keeps_aspect_scaled_by_cos_mean_latitude():
    bbox = (100.0, 0.0, 140.0, 40.0)
    px = project(np.array([[100.0, 20.0], [110.0, 20.0], [100.0, 30.0]]), bbox, 800, 800)
    dx = px[1, 0] - px[0, 0]
    dy = px[0, 1] - px[2, 1]
    assert math.isclose(dx / dy, math.cos(math.radians(20.0)))


def test_project_single_point_and_shape():
    bbox = (95.0, -14.0, 160.0, 50.0)
    one = project(np.array([127.5, 18.0]), bbox, 1280, 720)
    assert one.shape == (2,)
    np.testing.assert_allclose(one, [640, 360])
    many = project(np.zeros((3, 4, 2)), bbox, 1280, 720)
    assert many.shape == (3, 4, 2)


def test_project_rejects_bad_arguments():
    with pytest.raises(ValueError):
        project(np.zeros((1, 2)), (10, 0, 10, 5), 100, 100)
    with pytest.raises(ValueError):
        project(np.zeros((1, 2)), (0, 0, 10, 5), 0, 100)
    with pytest.raises(ValueError):
        project(np.zeros((1, 3)), (0, 0, 10, 5), 100, 100)


# --- damaged or missing files ------------------------------------------------------


def test_missing_file_raises(tmp_path):
    path = tmp_path / "no_such_map.json"
    with pytest.raises(AssetError) as info:
        load_coastlines(path)
    message = str(info.value)
    assert "no_such_map.json" in message
    assert "\n" not in message
    assert isinstance(info.value, ValueError)


def _valid_doc() -> dict:
    return {
        "source": "test",
        "licence": "public domain (Natural Earth)",
        "bbox": [0, 0, 10, 10],
        "countries": [
            {"iso": "AAA", "name": "A", "polygons": [[[1, 1], [2, 1], [2, 2]]]},
        ],
    }


def test_small_valid_file_loads(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(_valid_doc()))
    m = load_coastlines(str(path))
    assert m.bbox == (0.0, 0.0, 10.0, 10.0)
    assert m.country("AAA").polygons[0].shape == (3, 2)


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        '{"countries": [',  # truncated
        "[]",
        json.dumps({**_valid_doc(), "bbox": [0, 0, 10]}),
        json.dumps({**_valid_doc(), "bbox": [10, 0, 0, 10]}),
        json.dumps({k: v for k, v in _valid_doc().items() if k != "countries"}),
        json.dumps({**_valid_doc(), "countries": []}),
        json.dumps({**_valid_doc(), "countries": [{"iso": "AAA", "name": "A"}]}),
        json.dumps({**_valid_doc(), "countries": [{"iso": "AAA", "name": "A", "polygons": [[[1, 1], [2, 2]]]}]}),
        json.dumps({**_valid_doc(), "countries": [{"iso": "AAA", "name": "A", "polygons": [[[1, "x"], [2, 2], [3, 3]]]}]}),
        json.dumps({**_valid_doc(), "countries": [{"name": "A", "polygons": [[[1, 1], [2, 1], [2, 2]]]}]}),
        json.dumps({**_valid_doc(), "countries": _valid_doc()["countries"] * 2}),
    ],
)
def test_damaged_file_raises(tmp_path, content):
    path = tmp_path / "damaged_map.json"
    path.write_text(content)
    with pytest.raises(AssetError) as info:
        load_coastlines(path)
    message = str(info.value)
    assert "damaged_map.json" in message
    assert "\n" not in message


def test_binary_garbage_raises(tmp_path):
    path = tmp_path / "garbage_map.json"
    path.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(AssetError, match="garbage_map.json"):
        load_coastlines(path)
