"""The bar across the top of the map: year, phase, money left, and one gauge per index.

Each gauge is a small picture (name, value, change since last year, a bar) in a UIImage that
carries a tooltip: hovering it lists the named terms that add up to the index.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage, UILabel, UIPanel

from game.model import orders
from game.model.assessment import Assessment, Index
from game.model.level import SIDE_NAMES, Level, Side
from game.model.state import GameState
from game.numbers import rounded_down, signed

SHORT = {"deterrence": "Deterrence", "leverage": "Leverage", "talks": "Talks", "cost": "Cost",
         "risk": "Risk", "score": "Score"}
STANDING_SHORT = {"us": "Cohesion", "china": "Influence"}
HIGH_IS_BAD = {"cost", "risk"}
ABOUT = {
    "deterrence": "How well your survivable forces hold the other side's valued targets at risk.",
    "leverage": "How much the other side would pay to see your forces go: your bargaining chips.",
    "standing": "How your allies and the region stand with you.",
    "talks": "Your government's willingness to talk (the ladder needs both sides').",
    "cost": "What your forces, programs and diplomacy cost against your budget.",
    "risk": "Escalation risk, shared by both sides: arms racing, exposed forces, tension.",
    "score": "Your overall score: the level's weights applied to the indices.",
}
PHASE_WORDS = {"orders": "Orders", "talks": "Talks", "over": "Game over", "assessment": "Assessment"}
GAUGE_KEYS = ("deterrence", "leverage", "standing", "talks", "cost", "risk", "score")


def gauge_indices(result: Assessment, side: Side) -> list[tuple[str, Index]]:
    mine = result.side(side)
    out = []
    for k in GAUGE_KEYS:
        index = result.shared.get(k) if k == "risk" else mine.get(k)
        if index is not None:
            out.append((k, index))
    return out


def short_label(key: str, side: Side) -> str:
    return STANDING_SHORT[side] if key == "standing" else SHORT.get(key, key.capitalize())


def tooltip_html(key: str, index: Index, limit: int = 12) -> str:
    lines = [f"<b>{html.escape(index.name)}: {index.value:.0f}</b>", f"<i>{html.escape(ABOUT.get(key, ''))}</i>"]
    terms = sorted(index.terms, key=lambda t: -abs(t.value))
    for t in terms[:limit]:
        lines.append(f"{html.escape(t.name)}: {signed(t.value)}")
    if len(terms) > limit:
        lines.append(f"… and {len(terms) - limit} smaller terms")
    if not terms:
        lines.append("No terms yet.")
    return "<br>".join(lines)


def money_line(level: Level, state: GameState, side: Side) -> str:
    cap = level.sides[side].capital_cap
    if state.phase == "orders":
        book = orders.ledger(level, state, side)
        budget, capital = book.budget, book.capital
        return f"{SIDE_NAMES[side]}  ·  Budget ${budget:,.0f}M left  ·  Capital {capital:g} of {cap:g}"
    me = state.side(side)
    return f"{SIDE_NAMES[side]}  ·  Budget ${me.budget:,.0f}M  ·  Capital {me.capital:g} of {cap:g}"


class Hud:
    def __init__(self, scene):
        self.scene = scene
        self.gauges: dict[str, UIImage] = {}
        self.values: dict[str, float] = {}

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m = p.size("margin")
        self.rect = pygame.Rect(rect)
        self.panel = UIPanel(self.rect, manager=s.manager, container=s.root, object_id=ObjectID("#hud_bar"))
        left = p.size("hud_text_width")
        n = len(GAUGE_KEYS)
        room = self.rect.width - left - 60 - m
        gw = max(p.size("gauge_min_width"), min(p.size("gauge_max_width"), room // n - 6))
        gh = self.rect.height - 14
        x = self.rect.width - m - n * (gw + 6)
        year_h, money_h = s.lettering.line_height("#hud_year"), s.lettering.line_height("#hud_money")
        top = max(0, (self.rect.height - year_h - money_h) // 2)
        self.year = UILabel(pygame.Rect(m, top, x - 2 * m, year_h), "", s.manager, container=self.panel,
                            object_id=ObjectID("#hud_year"))
        self.money = UILabel(pygame.Rect(m, top + year_h, x - 2 * m, money_h), "", s.manager, container=self.panel,
                             object_id=ObjectID("#hud_money"))
        self.gauges = {}
        for i, k in enumerate(GAUGE_KEYS):
            img = UIImage(pygame.Rect(x + i * (gw + 6), 6, gw, gh), pygame.Surface((gw, gh)), s.manager,
                          container=self.panel, object_id=ObjectID(f"#gauge_{k}"))
            self.gauges[k] = img

    def refresh(self, level: Level, state: GameState, side: Side, result: Assessment, caption: str = "") -> None:
        phase = PHASE_WORDS.get(state.phase, state.phase)
        self.year.set_text(f"{state.year}  ·  {phase}" + (f"  ·  {caption}" if caption else ""))
        self.money.set_text(money_line(level, state, side))
        last = state.history[-1].indices if state.history else None
        for k, index in gauge_indices(result, side):
            img = self.gauges.get(k)
            if img is None:
                continue
            before = None
            if last is not None:
                group = "shared" if k == "risk" else side
                before = last.get(group, {}).get(k)
            img.set_image(self.picture(k, short_label(k, side), index.value, before, img.rect.size))
            img.set_tooltip(tooltip_html(k, index), wrap_width=self.scene.palette.size("tooltip_width"))
            self.values[k] = index.value

    def picture(self, key: str, label: str, value: float, before: float | None, size) -> pygame.Surface:
        s = self.scene
        p = s.palette
        text = s.lettering
        w, h = size
        surf = pygame.Surface((w, h))
        surf.fill(p.colour("#map", "frame"))
        pygame.draw.rect(surf, p.colour("#gauge", "border"), surf.get_rect(), 1, border_radius=4)
        shown = rounded_down(value) if key == "talks" else f"{value:.0f}"  # talks: against the ladder's needs
        room = w - 6 - text.size(shown, "#gauge_value")[0] - 4  # left of the value
        text.draw(surf, shown, "#gauge_value", p.colour("#gauge", "text"), (w - 6, 2), "topright")
        if before is not None and abs(value - before) >= 0.5:
            delta = value - before
            worse = (delta > 0) == (key in HIGH_IS_BAD)
            colour = p.colour("#gauge", "bad" if worse else "good")
            text.draw(surf, signed(delta, 0), "#gauge", colour, (room, 5), "topright")
            room -= text.size(signed(delta, 0), "#gauge")[0] + 4
        text.draw(surf, text.fit(label, "#gauge", room - 6), "#gauge", p.colour("#gauge", "dim_text"), (6, 4))
        bar = pygame.Rect(6, h - 14, w - 12, 8)
        pygame.draw.rect(surf, p.colour("#gauge", "bar_bg"), bar, border_radius=3)
        share = max(0.0, min(1.0, value / 100.0))
        good = 1.0 - share if key in HIGH_IS_BAD else share
        tone = "good" if good >= 0.55 else "middling" if good >= 0.3 else "bad"
        if share > 0:
            pygame.draw.rect(surf, p.colour("#gauge", tone), pygame.Rect(bar.x, bar.y, max(2, int(bar.w * share)), bar.h),
                             border_radius=3)
        return surf
