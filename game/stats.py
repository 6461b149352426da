"""Small statistics for summaries of many games: 95% intervals a teacher can quote."""

from __future__ import annotations

import math
from statistics import mean, median, stdev

Z95 = 1.959964


def mean_interval(values: list[float]) -> tuple[float, float, float] | None:
    """Mean and its normal-approximation 95% interval."""
    if not values:
        return None
    m = mean(values)
    half = Z95 * stdev(values) / math.sqrt(len(values)) if len(values) > 1 else 0.0
    return m, m - half, m + half


def rate_interval(k: int, n: int) -> tuple[float, float, float] | None:
    """A proportion and its Wilson 95% interval."""
    if n == 0:
        return None
    p = k / n
    denom = 1 + Z95**2 / n
    centre = (p + Z95**2 / (2 * n)) / denom
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / denom
    return p, max(0.0, centre - half), min(1.0, centre + half)


def median_interval(values: list[float]) -> tuple[float, float, float] | None:
    """The median and a distribution-free 95% interval from order statistics."""
    if not values:
        return None
    xs = sorted(values)
    n = len(xs)
    half = Z95 * math.sqrt(n) / 2
    lo = max(0, math.floor(n / 2 - half) - 1)
    hi = min(n - 1, math.ceil(n / 2 + half))
    return median(xs), xs[lo], xs[hi]
