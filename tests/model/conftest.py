"""Shared material for the rules tests: the bundled levels, seeded random play, and small
builders of hypothetical states (made with `attrs.evolve`, as the design asks).

Helpers are plain functions handed out through session fixtures, so the tests never import
this file by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import pytest
from attrs import evolve

from game.content.levels import bundled_levels
from game.model import engine
from game.model.actions import AcceptDeal, AcceptTalks, EndOrders, EndTalks, ProposeDeal, ProposeTalks, WalkOut
from game.model.level import Level
from game.model.scoring import Scores, score, stack
from game.model.state import GameState, replace_at
from game.model.world import world_of

LEVELS: dict[str, Level] = {lv.id: lv for lv in bundled_levels()}


class Step(NamedTuple):
    before: GameState
    side: str
    legal: list  # what the side could do
    action: object
    after: GameState


EAGER_TYPES = (ProposeTalks, AcceptTalks, ProposeDeal, AcceptDeal)


def random_game(level: Level, seed: int, eager: float = 0.0, max_steps: int = 20_000) -> Iterator[Step]:
    """A seeded game in which both sides pick uniformly among their legal actions.

    While both sides give orders, which of them acts next is random too, so hidden orders are
    interleaved in every way. With probability `eager` a side that may climb the talks ladder,
    make an offer or accept one does so, and otherwise does not walk out (uniform play
    seldom reaches a treaty). The same (level, seed, eager) always gives the same game.
    """
    rng = np.random.default_rng([seed, 0xB4C])
    state = engine.new_game(level, seed)
    for _ in range(max_steps):
        if state.is_over:
            return
        movers = engine.to_move(state)
        side = movers[int(rng.integers(len(movers)))]
        legal = engine.legal_actions(level, state, side)
        pool = legal
        if eager and rng.random() < eager:
            keen = [a for a in legal if isinstance(a, EAGER_TYPES)]
            accept = [a for a in keen if isinstance(a, AcceptDeal)]
            calm = [a for a in legal if not isinstance(a, WalkOut)]
            pool = accept or keen or calm or legal
        action = pool[int(rng.integers(len(pool)))]
        after = engine.apply(level, state, side, action)
        yield Step(state, side, legal, action, after)
        state = after
    raise AssertionError(f"{level.id} seed {seed}: no end after {max_steps} actions")


def play_out(level: Level, seed: int, eager: float = 0.0) -> tuple[list[GameState], list[tuple[str, object]]]:
    """Every state of a seeded random game (the first included) and its action log."""
    states = [engine.new_game(level, seed)]
    log = []
    for step in random_game(level, seed, eager):
        states.append(step.after)
        log.append((step.side, step.action))
    return states, log


def end_orders(level: Level, state: GameState) -> GameState:
    """Both sides end the orders phase (whatever is queued resolves)."""
    for side in engine.to_move(state):
        state = engine.apply(level, state, side, EndOrders())
    return state


def pass_year(level: Level, state: GameState) -> GameState:
    """Let a year go by: no new orders, nothing said in the talks."""
    year = state.year
    if state.phase == "orders":
        state = end_orders(level, state)
    while not state.is_over and state.year == year:
        assert state.phase == "talks", state.phase
        state = engine.apply(level, state, state.talks.turn, EndTalks())
    return state


# ---- hypothetical states --------------------------------------------------------------------


def with_deployed(level: Level, state: GameState, cls: str, site: str, count: int) -> GameState:
    ci, ki = level.class_index(cls), level.site_index(site)
    row = replace_at(state.deployed[ci], ki, count)
    return evolve(state, deployed=replace_at(state.deployed, ci, row))


def with_reserve(level: Level, state: GameState, cls: str, count: int) -> GameState:
    ci = level.class_index(cls)
    return evolve(state, reserve=replace_at(state.reserve, ci, count))


def with_fielded(level: Level, state: GameState, cls: str) -> GameState:
    """The class's development is complete."""
    ci = level.class_index(cls)
    return evolve(
        state,
        progress=replace_at(state.progress, ci, float(level.classes[ci].dev_years)),
        pace=replace_at(state.pace, ci, "cut"),
    )


def with_progress(level: Level, state: GameState, cls: str, years: float, pace: str = "full") -> GameState:
    ci = level.class_index(cls)
    return evolve(state, progress=replace_at(state.progress, ci, float(years)), pace=replace_at(state.pace, ci, pace))


def with_ally(level: Level, state: GameState, ally: str, **changes) -> GameState:
    ai = level.ally_index(ally)
    return evolve(state, allies=replace_at(state.allies, ai, evolve(state.allies[ai], **changes)))


def scores_of(level: Level, *states: GameState) -> Scores:
    """The model's output for several states at once (one batch)."""
    return score(level, stack([world_of(level, s) for s in states]))


# ---- any action at all, legal or not (for hypothesis) -------------------------------------------


def any_action(level: Level, junk_literals: bool = True):
    """A hypothesis strategy for actions of every type, with ids, counts and kinds that are
    sometimes right for `level` and sometimes not. Without `junk_literals`, fields typed as a
    Literal (side, pace, kind, verification) hold one of their declared values, as any action
    loaded from a save does."""
    from hypothesis import strategies as st

    from game.model import actions as A

    def ids(known):
        return st.sampled_from(tuple(known) + ("nope", ""))

    def literal(allowed, junk):
        return st.sampled_from(tuple(allowed) + ((junk,) if junk_literals else ()))

    cls = ids(c.id for c in level.classes)
    site = ids(s.id for s in level.sites)
    ally = ids(a.id for a in level.allies)
    count = st.integers(-3, 400)
    reason = st.text(max_size=12)
    term = st.builds(
        A.Term,
        side=literal(("us", "china"), "russia"),
        cls=cls,
        kind=literal(A.TERM_KINDS, "ban"),
        count=count,
    )
    offer = st.builds(
        A.Offer,
        terms=st.lists(term, max_size=9).map(tuple),
        zones=st.lists(st.sampled_from(A.ZONES + ("second", "moon")), max_size=2).map(tuple),
        verification=literal(A.VERIFICATION, "trust"),
        years=st.integers(-1, 12),
    )
    return st.one_of(
        st.builds(A.SetResearch, cls=cls, pace=literal(A.PACES, "warp")),
        st.builds(A.Produce, cls=cls, lots=st.integers(-2, 40)),
        st.builds(A.Deploy, cls=cls, site=site, count=count),
        st.builds(A.Withdraw, cls=cls, site=site, count=count),
        *(st.builds(k, ally=ally) for k in (A.Consult, A.SeekPledge, A.Coerce, A.Induce, A.Campaign)),
        st.builds(A.CoDevelop, ally=ally, cls=cls),
        st.builds(A.Signal, kind=literal(A.SIGNALS, "threat")),
        st.just(A.UndoOrder()),
        st.just(A.EndOrders()),
        st.just(A.ProposeTalks()),
        st.builds(A.AcceptTalks, reason=reason),
        st.builds(A.RejectTalks, reason=reason),
        st.builds(A.ProposeDeal, offer=offer, reason=reason),
        st.builds(A.AcceptDeal, reason=reason),
        st.builds(A.RejectDeal, reason=reason),
        st.builds(A.WalkOut, reason=reason),
        st.just(A.EndTalks()),
    )


class Kit(NamedTuple):
    """The helpers, as one fixture."""

    random_game: object = random_game
    play_out: object = play_out
    end_orders: object = end_orders
    pass_year: object = pass_year
    with_deployed: object = with_deployed
    with_reserve: object = with_reserve
    with_fielded: object = with_fielded
    with_progress: object = with_progress
    with_ally: object = with_ally
    scores_of: object = scores_of
    any_action: object = any_action


@pytest.fixture(scope="session")
def kit() -> Kit:
    return Kit()


@pytest.fixture(scope="session")
def levels() -> dict[str, Level]:
    return LEVELS


@pytest.fixture(scope="session")
def baseline() -> Level:
    return LEVELS["baseline-2020"]


@pytest.fixture(scope="session")
def tutorial() -> Level:
    return LEVELS["tutorial"]
