"""How good was the deal? The debrief's picture of it, drawn with pygame.

Left, the deal space of the year a treaty was signed (or the last year with formal offers),
from `game.analysis.deal_space.deal_review`: every candidate deal as a dot at (what it is worth
to the United States, what it is worth to China), in score points against no deal; the Pareto
frontier as a line; the Nash bargaining point marked; the offers made that year (numbered, in
the offering side's colour) and the signed deal (a ring). Right, the scripted opponent's
concession curve (`game.ai.bargaining.concession_curve`): the least a deal had to be worth to it,
year by year, before it reacted to the game; and below, the verdict in words.

Colours and fonts are the charts' (`game.ui.charts.ChartStyle`, `#chart` fonts).
"""

from __future__ import annotations

import math
from typing import Sequence

import pygame
from attrs import frozen

from game.ai.bargaining import concession_curve
from game.ai.profile import profiles
from game.model.level import SIDE_NAMES, SIDES, Level, called, other
from game.numbers import signed


@frozen
class Curve:
    side: str  # the side whose curve it is (its colour)
    label: str
    points: tuple[tuple[int, float], ...]


def concession_curves(level: Level, setup) -> list[Curve]:
    """The concession curve of each side a scripted personality played."""
    personas = profiles().personalities
    curves = []
    for side in SIDES:
        persona = personas.get(setup.who(side))
        if persona is None:
            continue
        pts = tuple((year, float(concession_curve(level, year, persona)))
                    for year in range(level.start_year, level.end_year + 1, level.years_per_round))
        curves.append(Curve(side, f"{SIDE_NAMES[side]} ({persona.title.lower()}): the least it would take", pts))
    return curves


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = max(high - low, 1e-9)
    raw = span / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    t = math.ceil(low / step) * step
    ticks = []
    while t <= high + step * 1e-6:
        ticks.append(round(t, 10))
        t += step
    return ticks


def padded(values: Sequence[float], include_zero: bool = True) -> tuple[float, float]:
    vals = list(values) + ([0.0] if include_zero else [])
    lo, hi = min(vals), max(vals)
    pad = max(0.1, (hi - lo) * 0.08)
    return lo - pad, hi + pad


def number(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed_mark(review: dict | None):
    """The signed deal's mark (the acceptance), if a treaty was signed that year."""
    if review is None:
        return None
    return next((m for m in review["offers"] if m["verb"] == "accepts the offer"), None)


def offer_marks(review: dict | None) -> list[dict]:
    if review is None:
        return []
    return [m for m in review["offers"] if m["verb"] == "offers"]


def verdict(review: dict | None, signed_year: int | None) -> list[str]:
    """The deal judged in a few sentences."""
    if review is None:
        return ["No formal offer was ever made, so there is no deal to judge: the talks never reached "
                "the point where terms were put on the table."]
    year = review["year"]
    space = review["space"]
    mark = signed_mark(review)
    lines = []
    if mark is None:
        offers = offer_marks(review)
        lines.append(f"No treaty was signed. The last formal offers were made in {year}: {len(offers)} of them.")
        if offers:
            mark = offers[-1]
            lines.append(f"The last offer, by {called(mark['side'])}, was worth {signed(mark['us'])} to the "
                         f"United States and {signed(mark['china'])} to China.")
    else:
        lines.append(f"The treaty signed in {signed_year or year} was worth {signed(mark['us'])} points to the "
                     f"United States and {signed(mark['china'])} to China.")
    if mark is not None:
        gap = mark["below_frontier"]
        if gap <= 0.005:
            lines.append("It lies on the Pareto frontier: no other deal was better for both sides at once.")
        else:
            lines.append(f"It lies {number(gap)} points below the Pareto frontier: another deal was that much "
                         f"better for both sides.")
        best = mark["best_nash_product"]
        if best > 0:
            share = max(0.0, mark["nash_product"] / best)
            lines.append(f"Its Nash product (gain × gain) is {share:.0%} of the Nash point's.")
    if space.nash is not None:
        lines.append(f"The Nash point gave the United States {signed(space.us[space.nash])} and China "
                     f"{signed(space.china[space.nash])}.")
    else:
        lines.append("No candidate deal helped both sides that year: there was no Nash point.")
    return lines


class DealChart:
    """Draws the deal space, the concession curves and the verdict into a surface."""

    def __init__(self, style, lettering, level: Level, review: dict | None, curves: list[Curve],
                 signed_year: int | None = None, note: str | None = None):
        self.style = style
        self.text = lettering
        self.level = level
        self.review = review
        self.curves = curves
        self.signed_year = signed_year
        self.note = note  # said where the curves would be, when there are none

    def picture(self, size: tuple[int, int]) -> pygame.Surface:
        surf = pygame.Surface(size)
        self.draw(surf, surf.get_rect())
        return surf

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        st = self.style
        surface.fill(st.colour("background"), rect)
        gap = 8
        left_w = int(rect.width * 0.58)
        scatter = pygame.Rect(rect.x, rect.y, left_w, rect.height)
        right = pygame.Rect(rect.x + left_w + gap, rect.y, rect.width - left_w - gap, rect.height)
        curve_h = int(right.height * 0.44)
        self.scatter(surface, scatter)
        self.curve_panel(surface, pygame.Rect(right.x, right.y, right.width, curve_h))
        self.words(surface, pygame.Rect(right.x, right.y + curve_h + gap, right.width, right.height - curve_h - gap))

    # ---- pieces ------------------------------------------------------------------------------

    def frame(self, surface, cell: pygame.Rect, title: str) -> int:
        st, text = self.style, self.text
        pygame.draw.rect(surface, st.colour("panel"), cell, border_radius=4)
        pygame.draw.rect(surface, st.colour("axis"), cell, 1, border_radius=4)
        drawn = text.draw(surface, text.fit(title, "#chart_title", cell.width - 16), "#chart_title", st.colour("text"),
                          (cell.x + 8, cell.y + 5))
        return drawn.bottom + 4

    def wrap(self, words: str, font: str, width: int) -> list[str]:
        lines, line = [], ""
        for word in words.split():
            wider = f"{line} {word}" if line else word
            if self.text.size(wider, font)[0] <= width or not line:
                line = wider
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
        return lines

    def scatter(self, surface, cell: pygame.Rect) -> None:
        st, text = self.style, self.text
        review = self.review
        title = (f"The deals possible in {review['year']} (score points against no deal)"
                 if review else "The deal space")
        top = self.frame(surface, cell, title)
        if review is None or not len(review["space"].offers):
            for i, line in enumerate(self.wrap("No formal offers were made, so there is no deal space to show.",
                                               "#chart", cell.width - 40)):
                text.draw(surface, line, "#chart", st.colour("dim_text"), (cell.centerx, cell.centery + 18 * i),
                          "center")
            return
        space = review["space"]
        legend_h = self.scatter_legend(surface, pygame.Rect(cell.x + 8, top, cell.width - 16, 0))
        lh = text.size("0", "#chart")[1]
        label_w = text.size("-0.00", "#chart")[0]
        plot = pygame.Rect(cell.x + label_w + lh + 18, top + legend_h + 6, 0, 0)
        plot.width = cell.right - 14 - plot.x
        plot.height = cell.bottom - 2 * lh - 18 - plot.y
        if plot.width < 40 or plot.height < 40:
            return
        marks = review["offers"]
        xs = list(space.us) + [m["us"] for m in marks]
        ys = list(space.china) + [m["china"] for m in marks]
        x0, x1 = padded(xs)
        y0, y1 = padded(ys)

        def px(x: float) -> int:
            return plot.x + round(plot.width * (x - x0) / (x1 - x0))

        def py(y: float) -> int:
            return plot.bottom - round(plot.height * (y - y0) / (y1 - y0))

        for t in nice_ticks(x0, x1):
            pygame.draw.line(surface, st.colour("grid"), (px(t), plot.y), (px(t), plot.bottom), 1)
            text.draw(surface, number(t), "#chart", st.colour("dim_text"), (px(t), plot.bottom + 4), "midtop")
        for t in nice_ticks(y0, y1):
            pygame.draw.line(surface, st.colour("grid"), (plot.x, py(t)), (plot.right, py(t)), 1)
            text.draw(surface, number(t), "#chart", st.colour("dim_text"), (plot.x - 5, py(t)), "midright")
        both = pygame.Rect(px(0), plot.y, plot.right - px(0), py(0) - plot.y).clip(plot)
        if both.width > 0 and both.height > 0:  # the deals both sides gain from
            shade = pygame.Surface(both.size, pygame.SRCALPHA)
            r, g, b, _ = st.colour("shared")
            shade.fill((r, g, b, 22))
            surface.blit(shade, both.topleft)
            text.draw(surface, "both gain", "#chart", st.colour("shared"), (both.right - 4, both.y + 2), "topright")
        pygame.draw.rect(surface, st.colour("axis"), plot, 1)
        zero = st.colour("axis")
        pygame.draw.line(surface, zero, (px(0), plot.y), (px(0), plot.bottom), 2)
        pygame.draw.line(surface, zero, (plot.x, py(0)), (plot.right, py(0)), 2)
        text.draw(surface, "no deal", "#chart", st.colour("dim_text"), (px(0) + 4, py(0) + 2))
        text.draw(surface, "Worth to the United States", "#chart", st.colour("us"),
                  (plot.centerx, plot.bottom + lh + 8), "midtop")
        label = text.render("Worth to China", "#chart", st.colour("china"))
        turned = pygame.transform.rotate(label, 90)
        surface.blit(turned, turned.get_rect(midleft=(cell.x + 4, plot.centery)).move(0, 0),
                     special_flags=pygame.BLEND_PREMULTIPLIED)
        dot = st.colour("dim_text")
        for x, y in zip(space.us, space.china):
            pygame.draw.circle(surface, dot, (px(x), py(y)), 2)
        front = [(px(space.us[i]), py(space.china[i])) for i in space.frontier]
        if len(front) >= 2:
            pygame.draw.lines(surface, st.colour("shared"), False, front, 2)
        for p in front:
            pygame.draw.circle(surface, st.colour("shared"), p, 3)
        if space.nash is not None:
            self.diamond(surface, (px(space.us[space.nash]), py(space.china[space.nash])), 8, st.colour("text"))
        signed = signed_mark(review)
        for n, m in enumerate(offer_marks(review), 1):
            centre = (px(m["us"]), py(m["china"]))
            self.triangle(surface, centre, 7, st.colour(m["side"]))
            text.draw(surface, str(n), "#chart", st.colour("text"), (centre[0] + 8, centre[1] - 4), "bottomleft")
        if signed is not None:
            centre = (px(signed["us"]), py(signed["china"]))
            pygame.draw.circle(surface, st.colour("text"), centre, 11, 2)
            pygame.draw.circle(surface, st.colour("shared"), centre, 15, 1)

    def scatter_legend(self, surface, rect: pygame.Rect) -> int:
        st, text = self.style, self.text
        h = text.size("Ag", "#chart")[1] + 6
        x, y = rect.x, rect.y + h // 2
        entries = [
            ("dot", st.colour("dim_text"), "a possible deal"),
            ("line", st.colour("shared"), "Pareto frontier"),
            ("diamond", st.colour("text"), "Nash point"),
            ("triangle", st.colour("us"), "U.S. offer"),
            ("triangle", st.colour("china"), "Chinese offer"),
            ("ring", st.colour("text"), "signed"),
        ]
        rows = 1
        for kind, colour, label in entries:
            w = 22 + text.size(label, "#chart")[0] + 14
            if x + w > rect.right and x > rect.x:
                x, y, rows = rect.x, y + h, rows + 1
            c = (x + 8, y)
            if kind == "dot":
                pygame.draw.circle(surface, colour, c, 3)
            elif kind == "line":
                pygame.draw.line(surface, colour, (x, y), (x + 16, y), 2)
            elif kind == "diamond":
                self.diamond(surface, c, 6, colour)
            elif kind == "triangle":
                self.triangle(surface, c, 6, colour)
            else:
                pygame.draw.circle(surface, colour, c, 7, 2)
            x = text.draw(surface, label, "#chart", st.colour("text"), (x + 20, y), "midleft").right + 14
        return rows * h

    @staticmethod
    def diamond(surface, c, r, colour) -> None:
        x, y = c
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])

    @staticmethod
    def triangle(surface, c, r, colour) -> None:
        x, y = c
        pygame.draw.polygon(surface, colour, [(x, y - r), (x + r, y + r - 2), (x - r, y + r - 2)])
        pygame.draw.polygon(surface, (0, 0, 0), [(x, y - r), (x + r, y + r - 2), (x - r, y + r - 2)], 1)

    def curve_panel(self, surface, cell: pygame.Rect) -> None:
        st, text = self.style, self.text
        top = self.frame(surface, cell, "The opponent's concession curve")
        if not self.curves:
            note = self.note or "No scripted personality played: there is no concession curve."
            for i, line in enumerate(self.wrap(note, "#chart", cell.width - 24)):
                text.draw(surface, line, "#chart", st.colour("dim_text"), (cell.x + 12, top + 8 + 18 * i))
            return
        lh = text.size("0", "#chart")[1]
        x = cell.x + 8
        for c in self.curves:
            pygame.draw.line(surface, st.colour(c.side), (x, top + lh // 2), (x + 16, top + lh // 2), 2)
            x = text.draw(surface, c.label, "#chart", st.colour("text"), (x + 20, top)).right + 14
        label_w = text.size("-0.0", "#chart")[0]
        year_w = text.size("2020", "#chart")[0]
        plot = pygame.Rect(cell.x + label_w + 14, top + lh + 10, 0, 0)
        plot.width = cell.right - year_w // 2 - 10 - plot.x
        plot.height = cell.bottom - lh - 12 - plot.y
        if plot.width < 30 or plot.height < 30:
            return
        values = [v for c in self.curves for _, v in c.points]
        deal = self.deal_points()
        values += [v for _, _, v in deal]
        y0, y1 = padded(values)
        level = self.level
        span = max(1, level.end_year - level.start_year)

        def px(year: float) -> int:
            return plot.x + round(plot.width * (year - level.start_year) / span)

        def py(v: float) -> int:
            return plot.bottom - round(plot.height * (v - y0) / (y1 - y0))

        for t in nice_ticks(y0, y1, 4):
            pygame.draw.line(surface, st.colour("grid"), (plot.x, py(t)), (plot.right, py(t)), 1)
            text.draw(surface, number(t), "#chart", st.colour("dim_text"), (plot.x - 5, py(t)), "midright")
        step = next((s for s in (1, 2, 4, 5, 10) if (span // s + 1) * (year_w + 8) <= plot.width), 10)
        for year in range(level.start_year, level.end_year + 1):
            if (year - level.start_year) % step == 0:
                text.draw(surface, str(year), "#chart", st.colour("dim_text"), (px(year), plot.bottom + 4), "midtop")
        pygame.draw.rect(surface, st.colour("axis"), plot, 1)
        if self.review is not None:
            x = px(self.review["year"])
            pygame.draw.line(surface, st.colour("shared"), (x, plot.y), (x, plot.bottom), 1)
        for c in self.curves:
            pts = [(px(year), py(v)) for year, v in c.points]
            if len(pts) >= 2:
                pygame.draw.lines(surface, st.colour(c.side), False, pts, 2)
        for side, year, v in deal:
            self.diamond(surface, (px(year), py(v)), 6, st.colour(side))
            pygame.draw.circle(surface, st.colour("text"), (px(year), py(v)), 9, 1)

    def deal_points(self) -> list[tuple[str, int, float]]:
        """(side, year, value): what the signed deal (or the last offer) was worth to each side
        that has a curve, in the year it was made."""
        review = self.review
        if review is None:
            return []
        mark = signed_mark(review) or (offer_marks(review)[-1] if offer_marks(review) else None)
        if mark is None:
            return []
        return [(c.side, review["year"], mark[c.side]) for c in self.curves]

    def words(self, surface, cell: pygame.Rect) -> None:
        st, text = self.style, self.text
        top = self.frame(surface, cell, "The verdict")
        lines = verdict(self.review, self.signed_year)
        if self.curves and self.deal_points():
            lines.append("Ringed on the curve: what the deal was worth to the opponent. Above the curve, it "
                         "could accept.")
        lh = text.size("Ag", "#chart")[1] + 2
        y = top + 4
        for sentence in lines:
            for line in self.wrap(sentence, "#chart", cell.width - 20):
                if y + lh > cell.bottom - 4:
                    return
                text.draw(surface, line, "#chart", st.colour("text"), (cell.x + 10, y))
                y += lh
            y += 4


def opponent_of(session) -> str | None:
    """The side a scripted personality played against the player (None if none, e.g. hotseat)."""
    if session.player is None or getattr(session, "hotseat", False):
        return None
    return other(session.player)
