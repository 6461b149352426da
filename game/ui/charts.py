"""Charts of every index over the years, drawn with pygame: small multiples, one per index,
each side's line on a 0–100 axis with year ticks, and a legend.

The data are the year records (`state.history[i].indices`); the colours and fonts come from
the theme: each side's line is its map marker colour (`#map.us_marker`, `#map.china_marker`, so
the colour-blind palette changes them too), the shared line the first island chain's; frames,
grid and text from the `#chart` block (falling back on the gauges' colours), fonts from
`#chart`, `#chart_title` and `#chart_value`.
"""

from __future__ import annotations

from typing import Sequence

import pygame
from attrs import frozen

from game.model.level import SIDE_NAMES, SIDES, Side
from game.model.state import YearRecord

CHARTS: tuple[tuple[str, str], ...] = (
    ("score", "Score"),
    ("deterrence", "Deterrence"),
    ("leverage", "Leverage (bargaining chips)"),
    ("standing", "Cohesion / influence"),
    ("talks", "Willingness to talk"),
    ("cost", "Cost (lower is better)"),
    ("risk", "Escalation risk (lower is better)"),
)
SHARED = frozenset({"risk"})
COLOURS: dict[str, tuple[str, str]] = {  # name -> the fallback (block, colour) in the palette
    "background": ("#map", "frame"),
    "panel": ("#map", "background"),
    "grid": ("#gauge", "bar_bg"),
    "axis": ("#gauge", "border"),
    "text": ("#gauge", "text"),
    "dim_text": ("#gauge", "dim_text"),
    "us": ("#map", "us_marker"),
    "china": ("#map", "china_marker"),
    "shared": ("#map", "chain_first"),
}
TICK_STEPS = (1, 2, 4, 5, 10, 20)
HOW_TO_READ = (
    "How to read them: one panel per index, each side's value at the end of each year, on the same "
    "0–100 scale. Score weighs the others by each side's own objectives. Escalation risk is shared. "
    "The year-end report (Y on the map) says which terms moved an index, and why."
)


@frozen
class ChartStyle:
    colours: dict[str, tuple[int, int, int, int]]

    def colour(self, name: str) -> tuple[int, int, int, int]:
        return self.colours[name]

    @classmethod
    def from_theme(cls, theme: dict, palette) -> ChartStyle:
        """The `#chart` block's colours; any it lacks (or cannot parse) from the palette."""
        block = theme.get("#chart", {}) if isinstance(theme, dict) else {}
        given = block.get("colours", {}) if isinstance(block, dict) else {}
        colours = {}
        for name, fallback in COLOURS.items():
            colour = None
            if isinstance(given, dict) and isinstance(given.get(name), str):
                try:
                    c = pygame.Color(given[name])
                    colour = (c.r, c.g, c.b, c.a)
                except (ValueError, TypeError):
                    colour = None
            colours[name] = colour if colour is not None else palette.colour(*fallback)
        return cls(colours=colours)


@frozen
class Series:
    group: str  # a side or "shared": also the name of its colour
    label: str
    points: tuple[tuple[int, float], ...]  # (year, value)


def series_of(history: Sequence[YearRecord], key: str) -> list[Series]:
    """One index's lines: each side's, or the single shared one."""
    groups = ("shared",) if key in SHARED else SIDES
    out = []
    for group in groups:
        points = tuple((r.year, float(r.indices[group][key])) for r in history
                       if key in r.indices.get(group, {}))
        label = "Both sides" if group == "shared" else SIDE_NAMES[group]
        out.append(Series(group, label, points))
    return out


def grid_shape(n: int, width: int, height: int, aspect: float = 1.5) -> tuple[int, int]:
    """Columns and rows for `n` panels whose shape comes nearest `aspect` (width / height)."""
    best = (1, n)
    best_err = float("inf")
    for cols in range(1, n + 1):
        rows = -(-n // cols)
        cell = (width / cols) / max(1.0, height / rows)
        err = abs(cell - aspect) / aspect + 0.15 * (cols * rows - n)
        if err < best_err:
            best, best_err = (cols, rows), err
    return best


def tick_step(years: int, room: int, label_w: int) -> int:
    for step in TICK_STEPS:
        if (years // step + 1) * (label_w + 10) <= room:
            return step
    return TICK_STEPS[-1]


class Charts:
    """Draws the charts of a game's history into a rectangle of a surface."""

    def __init__(self, style: ChartStyle, lettering, years: tuple[int, int], player: Side | None = None):
        self.style = style
        self.text = lettering
        self.years = years
        self.player = player
        self.noted = ""  # the part of HOW_TO_READ the last drawing had room for

    def picture(self, size: tuple[int, int], history: Sequence[YearRecord]) -> pygame.Surface:
        surf = pygame.Surface(size)
        self.draw(surf, surf.get_rect(), history)
        return surf

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, history: Sequence[YearRecord]) -> None:
        st, text = self.style, self.text
        surface.fill(st.colour("background"), rect)
        legend_h = self.legend(surface, rect)
        body = pygame.Rect(rect.x, rect.y + legend_h, rect.width, rect.height - legend_h)
        self.noted = ""
        if not history:
            text.draw(surface, "No year has ended yet: the charts begin with the first year's assessment.",
                      "#chart", st.colour("dim_text"), body.center, "center")
            return
        cols, rows = grid_shape(len(CHARTS), body.width, body.height)
        gap = 8
        cw = (body.width - (cols - 1) * gap) // cols
        ch = (body.height - (rows - 1) * gap) // rows
        for i, (key, title) in enumerate(CHARTS):
            r, c = divmod(i, cols)
            cell = pygame.Rect(body.x + c * (cw + gap), body.y + r * (ch + gap), cw, ch)
            self.panel(surface, cell, title, series_of(history, key))
        if cols * rows > len(CHARTS):  # spare cells at the end of the last row: how to read the charts
            r, c = divmod(len(CHARTS), cols)
            spare = pygame.Rect(body.x + c * (cw + gap), body.y + r * (ch + gap), (cols - c) * (cw + gap) - gap, ch)
            self.noted = self.note(surface, spare.inflate(-24, -24), HOW_TO_READ)

    def note(self, surface: pygame.Surface, rect: pygame.Rect, text: str) -> str:
        """As many whole sentences of `text` as fit in `rect`, wrapped; returns what it drew."""
        sentences = [s + "." for s in text.rstrip(".").split(". ")]
        h = self.text.size("Ag", "#chart")[1] + 3
        for n in range(len(sentences), 0, -1):
            lines = self._wrapped(" ".join(sentences[:n]), rect.width)
            if len(lines) * h <= rect.height:
                colour = self.style.colour("dim_text")
                for i, line in enumerate(lines):
                    self.text.draw(surface, line, "#chart", colour, (rect.x, rect.y + i * h))
                return " ".join(sentences[:n])
        return ""

    def _wrapped(self, text: str, width: int) -> list[str]:
        lines = [""]
        for word in text.split():
            wider = lines[-1] + (" " if lines[-1] else "") + word
            if self.text.size(wider, "#chart")[0] <= width or not lines[-1]:
                lines[-1] = wider
            else:
                lines.append(word)
        return lines

    def legend(self, surface: pygame.Surface, rect: pygame.Rect) -> int:
        st, text = self.style, self.text
        h = text.size("Ag", "#chart")[1] + 10
        x = rect.x + 4
        y = rect.y + h // 2
        entries = [(side, SIDE_NAMES[side] + (" (you)" if side == self.player else "")) for side in SIDES]
        entries.append(("shared", "Both sides (shared risk)"))
        for group, label in entries:
            pygame.draw.line(surface, st.colour(group), (x, y), (x + 22, y), 3)
            x += 28
            x = text.draw(surface, label, "#chart", st.colour("text"), (x, y), "midleft").right + 22
        note = "0–100 each year; higher is better except cost and risk"
        if x + text.size(note, "#chart")[0] < rect.right - 4:
            text.draw(surface, note, "#chart", st.colour("dim_text"), (rect.right - 4, y), "midright")
        return h

    def panel(self, surface: pygame.Surface, cell: pygame.Rect, title: str, lines: list[Series]) -> None:
        st, text = self.style, self.text
        pygame.draw.rect(surface, st.colour("panel"), cell, border_radius=4)
        pygame.draw.rect(surface, st.colour("axis"), cell, 1, border_radius=4)
        th = text.size("Ag", "#chart_title")[1]
        lh = text.size("2020", "#chart")[1]
        title_rect = text.draw(surface, title, "#chart_title", st.colour("text"), (cell.x + 8, cell.y + 5))
        # the latest values, in each line's colour, at the top right
        x = cell.right - 8
        for s in reversed(lines):
            if s.points:
                value = f"{s.points[-1][1]:.0f}"
                w = text.size(value, "#chart_value")[0]
                if x - w > title_rect.right + 6:
                    drawn = text.draw(surface, value, "#chart_value", st.colour(s.group), (x, cell.y + 4), "topright")
                    x = drawn.left - 8
        label_w = text.size("100", "#chart")[0]
        year_w = text.size("2020", "#chart")[0]
        plot = pygame.Rect(cell.x + label_w + 14, cell.y + th + 12, 0, 0)
        plot.width = cell.right - (year_w // 2 + 8) - plot.x
        plot.height = cell.bottom - lh - 14 - plot.y
        if plot.width < 20 or plot.height < 20:
            return
        for v in (0, 25, 50, 75, 100):
            y = plot.bottom - round(plot.height * v / 100)
            colour = st.colour("axis") if v in (0, 100) else st.colour("grid")
            pygame.draw.line(surface, colour, (plot.x, y), (plot.right, y), 1)
            if v in (0, 50, 100):
                text.draw(surface, str(v), "#chart", st.colour("dim_text"), (plot.x - 5, y), "midright")
        y0, y1 = self.years
        span = max(1, y1 - y0)

        def px(year: float) -> int:
            return plot.x + round(plot.width * (year - y0) / span)

        def py(value: float) -> int:
            return plot.bottom - round(plot.height * max(0.0, min(100.0, value)) / 100)

        step = tick_step(span, plot.width, year_w)
        for year in range(y0, y1 + 1):
            if (year - y0) % step:
                continue
            x = px(year)
            pygame.draw.line(surface, st.colour("axis"), (x, plot.bottom), (x, plot.bottom + 3), 1)
            text.draw(surface, str(year), "#chart", st.colour("dim_text"), (x, plot.bottom + 6), "midtop")
        for s in lines:
            colour = st.colour(s.group)
            pts = [(px(year), py(v)) for year, v in s.points]
            if len(pts) >= 2:
                pygame.draw.lines(surface, colour, False, pts, 2)
            for p in pts:
                pygame.draw.circle(surface, colour, p, 3)
