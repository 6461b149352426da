"""Charts as inline SVG text: line charts over the years and horizontal bar charts.

Every string that goes into the markup passes through `esc`; numbers are formatted here.
The charts need no script and no network: a browser, a word processor or a printer shows them.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

SIDE_COLOURS = {"us": "#1f5fa8", "china": "#c0392b", "shared": "#6b4c9a"}
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#843c39", "#3182bd",
)
FONT = "font-family=\"system-ui, sans-serif\""


def esc(text: object) -> str:
    """Text safe inside HTML or SVG, in element content and in quoted attributes."""
    return html.escape(str(text), quote=True)


def num(x: float) -> str:
    """A coordinate: short, and never 'nan' or '-0'."""
    if not math.isfinite(x):
        x = 0.0
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = max(high - low, 1e-9)
    raw = span / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    ticks, t = [], first
    while t <= high + step * 1e-6:
        ticks.append(round(t, 10))
        t += step
    return ticks


def value_range(values: Sequence[float], low: float = 0.0, high: float = 100.0) -> tuple[float, float]:
    """The chart's vertical range: `low`–`high`, widened to take every value."""
    finite = [v for v in values if v is not None and math.isfinite(v)]
    lo = min([low, *finite])
    hi = max([high, *finite])
    return lo, hi if hi > lo else lo + 1.0


def line_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[float | None]]],
               *, low: float = 0.0, high: float = 100.0, width: int = 520, height: int = 230,
               unit: str = "") -> str:
    """A line chart: `series` is (name, colour, values), one value per label (None: no point)."""
    left, right, top, bottom = 44, 12, 30, 42
    legend = _legend_layout([name for name, _, _ in series], left, width - right)
    extra = 16 * (max(y for _, y in legend) if legend else 0)
    plot_w, plot_h = width - left - right, height - top - bottom
    height += extra
    lo, hi = value_range([v for _, _, vs in series for v in vs if v is not None], low, high)
    n = max(1, len(labels) - 1)

    def x(i: int) -> float:
        return left + plot_w * (i / n if len(labels) > 1 else 0.5)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / (hi - lo))

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" {FONT} font-size="11">',
           f"<title>{esc(title)}</title>",
           f'<text x="{left}" y="16" font-size="13" font-weight="bold">{esc(title)}</text>']
    for t in _ticks(lo, hi):
        out.append(f'<line x1="{left}" y1="{num(y(t))}" x2="{width - right}" y2="{num(y(t))}" '
                   f'stroke="#ddd" stroke-width="1"/>')
        out.append(f'<text x="{left - 4}" y="{num(y(t) + 4)}" text-anchor="end" fill="#555">'
                   f"{esc(f'{t:g}{unit}')}</text>")
    every = max(1, math.ceil(len(labels) / 12))
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            out.append(f'<text x="{num(x(i))}" y="{top + plot_h + 14}" text-anchor="middle" '
                       f'fill="#555">{esc(label)}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#888"/>')
    for name, colour, values in series:
        points = [(x(i), y(v), v, labels[i]) for i, v in enumerate(values) if v is not None and math.isfinite(v)]
        if len(points) > 1:
            path = " ".join(f"{num(px)},{num(py)}" for px, py, _, _ in points)
            out.append(f'<polyline points="{path}" fill="none" stroke="{esc(colour)}" stroke-width="2"/>')
        for px, py, v, label in points:
            out.append(f'<circle cx="{num(px)}" cy="{num(py)}" r="2.6" fill="{esc(colour)}">'
                       f"<title>{esc(f'{name}, {label}: {v:.1f}{unit}')}</title></circle>")
    for (name, colour, _), (lx, row) in zip(series, legend):
        ly = top + plot_h + 28 + 16 * row
        out.append(f'<rect x="{num(lx)}" y="{ly}" width="10" height="10" fill="{esc(colour)}"/>')
        out.append(f'<text x="{num(lx + 14)}" y="{ly + 9}">{esc(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _legend_layout(names: Sequence[str], start: float, end: float) -> list[tuple[float, int]]:
    """(x, row) of each legend entry, wrapping onto new rows at `end`."""
    out, x, row = [], start, 0
    for name in names:
        w = 22 + 6.5 * len(name)
        if x > start and x + w > end:
            x, row = start, row + 1
        out.append((x, row))
        x += w
    return out


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[tuple[str, str, float | None]]]], *,
              low: float = 0.0, high: float | None = None, width: int = 640, unit: str = "",
              empty: str = "none") -> str:
    """Horizontal bars: `rows` is (label, bars), each bar (name, colour, value); a bar whose
    value is None is written as `empty`. The scale starts at `low` and reaches `high`
    (default: the largest value)."""
    label_w, right, top, bar_h, gap = 170, 50, 28, 12, 8
    bars_per_row = max([len(bars) for _, bars in rows] + [1])
    row_h = bars_per_row * bar_h + gap
    names = []
    for _, bars in rows:
        for name, colour, _ in bars:
            if (name, colour) not in names:
                names.append((name, colour))
    legend_h = 22 if len(names) > 1 else 0
    height = top + row_h * max(1, len(rows)) + legend_h + 6
    values = [v for _, bars in rows for _, _, v in bars if v is not None and math.isfinite(v)]
    hi = max([high if high is not None else 0.0, *values, low + 1.0])
    plot_w = width - label_w - right

    def w(v: float) -> float:
        return plot_w * max(0.0, (v - low) / (hi - low))

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg" {FONT} font-size="11">',
           f"<title>{esc(title)}</title>",
           f'<text x="4" y="16" font-size="13" font-weight="bold">{esc(title)}</text>']
    for r, (label, bars) in enumerate(rows):
        y0 = top + r * row_h
        shown = label if len(label) <= 26 else label[:25] + "…"
        out.append(f'<text x="{label_w - 6}" y="{num(y0 + len(bars) * bar_h / 2 + 4)}" text-anchor="end">'
                   f"<title>{esc(label)}</title>{esc(shown)}</text>")
        for b, (name, colour, value) in enumerate(bars):
            y = y0 + b * bar_h
            if value is None or not math.isfinite(value):
                out.append(f'<text x="{label_w + 2}" y="{num(y + bar_h - 2)}" fill="#777">{esc(empty)}</text>')
                continue
            out.append(f'<rect x="{label_w}" y="{num(y)}" width="{num(w(value))}" height="{bar_h - 2}" '
                       f'fill="{esc(colour)}"><title>{esc(f"{label}, {name}: {value:g}{unit}")}</title></rect>')
            out.append(f'<text x="{num(label_w + w(value) + 4)}" y="{num(y + bar_h - 2)}" fill="#333">'
                       f"{esc(f'{value:.1f}'.rstrip('0').rstrip('.') + unit)}</text>")
    legend_x = label_w
    for name, colour in names if len(names) > 1 else ():
        out.append(f'<rect x="{num(legend_x)}" y="{height - 20}" width="10" height="10" fill="{esc(colour)}"/>')
        out.append(f'<text x="{num(legend_x + 14)}" y="{height - 11}">{esc(name)}</text>')
        legend_x += 22 + 6.5 * len(name)
    out.append("</svg>")
    return "\n".join(out)
