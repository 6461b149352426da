"""How good was the deal? The space of possible deals in a given year, valued by both sides.

Each candidate deal is a reduction of one U.S. ground-launched class against one Chinese class
(in steps of a quarter of what each side holds), with or without the first-island-chain zone,
under data exchange or on-site verification. Both sides value every candidate through the
model (`negotiation.values_of`: score points against no deal). From those points come the
Pareto frontier (deals no other deal beats for both sides) and the Nash bargaining point (the
deal that maximises the product of both sides' gains over no deal).
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from game.model.actions import Offer, Term
from game.model.level import Level
from game.model.negotiation import holdings, values_of
from game.model.offers import tradeable_count
from game.model.state import GameState

STEPS = (0.25, 0.5, 0.75, 1.0)
VERIFICATION = ("data", "onsite")


@frozen
class DealSpace:
    offers: tuple[Offer, ...]
    us: np.ndarray  # value of each offer to the United States (score points against no deal)
    china: np.ndarray  # ... and to China
    frontier: np.ndarray  # indices of the Pareto-optimal offers, by rising U.S. value
    nash: int | None  # index of the Nash bargaining point (None if no deal helps both)

    def locate(self, us_value: float, china_value: float) -> dict[str, float]:
        """Where a deal worth (us_value, china_value) stands: its distance below the frontier
        (0 on it) and its Nash product against the best one."""
        gaps = [
            max(0.0, min(self.us[i] - us_value, self.china[i] - china_value))
            for i in self.frontier
            if self.us[i] >= us_value and self.china[i] >= china_value
        ]
        best = _nash_product(self.us[self.nash], self.china[self.nash]) if self.nash is not None else 0.0
        return {
            "below_frontier": float(max(gaps)) if gaps else 0.0,
            "nash_product": _nash_product(us_value, china_value),
            "best_nash_product": float(best),
        }


def _nash_product(us: float, china: float) -> float:
    return float(max(us, 0.0) * max(china, 0.0))


def candidate_offers(level: Level, state: GameState) -> list[Offer]:
    us = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "us" and c.ground_launched]
    china = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "china" and c.ground_launched]
    offers = []
    for ui, u in us:
        have_u = tradeable_count(level, state, ui)
        for ki, k in china:
            have_k = holdings(state, ki)
            if not have_u or not have_k:
                continue
            for su in STEPS:
                for sk in STEPS:
                    terms = (
                        Term("us", u.id, "reduce", max(1, round(have_u * su))),
                        Term("china", k.id, "reduce", max(1, round(have_k * sk))),
                    )
                    for verification in VERIFICATION:
                        offers.append(Offer(terms=terms, verification=verification, years=3))
                        offers.append(Offer(terms=terms, zones=("first",), verification=verification, years=3))
    return offers


def pareto_front(us: np.ndarray, china: np.ndarray) -> np.ndarray:
    """Indices of points that no other point beats on both values, by rising U.S. value."""
    order = np.lexsort((-china, -us))  # best U.S. value first, ties by best China value
    front, best_china = [], -np.inf
    for i in order:
        if china[i] > best_china:
            front.append(i)
            best_china = china[i]
    return np.array(sorted(front, key=lambda i: us[i]), dtype=np.int64)


def deal_space(level: Level, state: GameState) -> DealSpace:
    offers = candidate_offers(level, state)
    us = np.array([v.total for v in values_of(level, state, "us", offers)]) if offers else np.zeros(0)
    china = np.array([v.total for v in values_of(level, state, "china", offers)]) if offers else np.zeros(0)
    frontier = pareto_front(us, china) if offers else np.zeros(0, dtype=np.int64)
    gains = np.clip(us, 0, None) * np.clip(china, 0, None)
    nash = int(np.argmax(gains)) if len(gains) and gains.max() > 0 else None
    return DealSpace(offers=tuple(offers), us=us, china=china, frontier=frontier, nash=nash)


def state_at(game, year: int) -> GameState | None:
    """The state as the talks of `year` opened, replayed from the game's log."""
    from game.model import engine

    state = engine.new_game(game.level, game.state.seed)
    for side, action in game.log:
        if state.year == year and state.phase == "talks":
            return state
        state = engine.apply(game.level, state, side, action)
    return state if state.year == year and state.phase == "talks" else None


def deal_review(game) -> dict | None:
    """The deal space in the year a treaty was signed (or the last year with formal talks),
    with where the signed treaty or the last offers stand in it."""
    talks = game.state.talks
    formal_years = sorted({e.year for e in talks.transcript if e.offer is not None})
    year = talks.signed_year or (formal_years[-1] if formal_years else None)
    if year is None:
        return None
    state = state_at(game, year)
    if state is None:
        return None
    space = deal_space(game.level, state)
    offers = [e for e in talks.transcript if e.year == year and e.offer is not None]
    marks = []
    for entry in offers:
        us_value = values_of(game.level, state, "us", [entry.offer])[0].total
        china_value = values_of(game.level, state, "china", [entry.offer])[0].total
        marks.append({"side": entry.side, "verb": entry.verb, "us": us_value, "china": china_value,
                      **space.locate(us_value, china_value)})
    return {"year": year, "space": space, "offers": marks}
