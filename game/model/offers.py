"""A bounded menu of offers a side might put on the table, for legal-action lists and bots.

Any well-formed offer may be proposed; this menu is the finite set a list of legal actions
shows: like-for-like and cross-class reductions of matching size, with and without a zone.
"""

from __future__ import annotations

from game.model.actions import Offer, Term
from game.model.level import Level, Side
from game.model.negotiation import holdings
from game.model.state import GameState
from game.model.world import fielded

MENU_VERIFICATION = ("data", "onsite")


def tradeable_count(level: Level, state: GameState, ci: int) -> int:
    """What a side could put on the table of a class: what it holds, or a program's first lots."""
    have = holdings(state, ci)
    if have == 0 and not fielded(level, state.progress, ci) and state.pace[ci] != "cut":
        return 2 * level.classes[ci].lot_size
    return have


def menu(level: Level, state: GameState, side: Side) -> list[Offer]:
    us = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "us" and c.ground_launched]
    china = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "china" and c.ground_launched]
    us_other = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "us" and not c.ground_launched]
    offers: list[Offer] = []
    for ui, u in us + us_other:
        have_u = tradeable_count(level, state, ui)
        if have_u == 0:
            continue
        for ki, k in china:
            have_k = holdings(state, ki)
            if have_k == 0:
                continue
            n = max(1, min(have_u, have_k))
            n_half = max(1, n // 2)
            for count in sorted({n_half, n}):
                terms = (Term("us", u.id, "reduce", count), Term("china", k.id, "reduce", count))
                for verification in MENU_VERIFICATION:
                    offers.append(Offer(terms=terms, verification=verification, years=3))
    for ki, k in china:
        have_k = holdings(state, ki)
        if have_k:
            offers.append(
                Offer(terms=(Term("china", k.id, "reduce", max(1, have_k // 4)),), zones=("first",), years=3)
            )
    return offers
