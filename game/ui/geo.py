"""Distances and range rings on the globe (pure numpy, no pygame)."""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance (haversine); broadcasts over arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def range_ring(lat: float, lon: float, radius_km: float, points: int = 120) -> np.ndarray:
    """The points at `radius_km` from (lat, lon) along every bearing: an (n, 2) lon/lat ring.

    Longitudes are kept continuous around the centre (no jump at ±180°), so the ring can be
    projected and drawn as one polygon.
    """
    d = radius_km / EARTH_RADIUS_KM
    bearing = np.linspace(0.0, 2 * np.pi, points, endpoint=False)
    p1, l1 = np.radians(lat), np.radians(lon)
    p2 = np.arcsin(np.sin(p1) * np.cos(d) + np.cos(p1) * np.sin(d) * np.cos(bearing))
    l2 = l1 + np.arctan2(np.sin(bearing) * np.sin(d) * np.cos(p1), np.cos(d) - np.sin(p1) * np.sin(p2))
    lon2 = np.degrees(l2)
    lon2 = lon + (lon2 - lon + 180.0) % 360.0 - 180.0
    return np.column_stack([lon2, np.degrees(p2)])
