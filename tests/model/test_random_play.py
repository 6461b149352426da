"""Thousands of seeded random games over every bundled level, with invariants after every action.

Cheap state invariants are checked after each action; the scoring model's invariants (finite,
0–100, breakdowns adding up) are checked for every state of a game at once, on one stacked
batch of worlds. 2,000 games in all; the short tutorial carries most of them. Every other game
is played by sides keen on talks and deals, so that treaties get signed, ratified, carried out
and broken (uniform random play almost never gets that far).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.ai.match import game_seeds
from game.model import engine, orders
from game.model.actions import ORDER_TYPES, EndOrders, EndTalks, IllegalAction, SetResearch
from game.model.engine import OUTCOMES
from game.model.level import PLEDGES, SIDES, Level
from game.model.scoring import score, stack
from game.model.state import PHASES, STAGES, GameState
from game.model.world import PACE_FACTOR, world_of

GAMES = {"tutorial": 1700, "allied-momentum": 100, "baseline-2020": 100, "guam-only": 100}
CHUNK = {"tutorial": 425, "allied-momentum": 50, "baseline-2020": 50, "guam-only": 50}
BASE_SEED = 2020
EAGER = 0.9  # every other game, sides keen on talks and deals, so treaties are played out too
SAMPLED = 2  # legal actions, besides the one played, applied at each step to check they apply
EPS = 1e-6


def _cases():
    for level_id, n in GAMES.items():
        seeds = game_seeds(BASE_SEED, n)
        for start in range(0, n, CHUNK[level_id]):
            yield pytest.param(level_id, seeds[start : start + CHUNK[level_id]], id=f"{level_id}-{start // CHUNK[level_id]}")


def test_every_level_gets_its_share():
    from game.content.levels import bundled_levels

    ids = {lv.id for lv in bundled_levels()}
    assert ids == set(GAMES), "a level was added or removed: give it games here"
    assert sum(GAMES.values()) >= 2000
    assert min(GAMES.values()) >= 100


# ---- invariants ---------------------------------------------------------------------------


def check_state(level: Level, state: GameState, where: str) -> None:
    """What must hold of every state handed out by the engine."""
    assert state.phase in PHASES, where
    assert level.start_year <= state.year <= level.end_year, where
    movers = engine.to_move(state)
    if state.phase == "over":
        assert movers == (), where
        assert state.outcome in OUTCOMES, where
    else:
        assert movers, f"{where}: nobody to move in phase {state.phase}"
        assert state.outcome is None, where
    if state.phase == "talks":
        assert movers == (state.talks.turn,), where
    # Forces: never negative, sites never over capacity.
    for ci, row in enumerate(state.deployed):
        assert min(row) >= 0, f"{where}: negative {level.classes[ci].id} deployed: {row}"
    assert min(state.reserve) >= 0, f"{where}: negative reserve {state.reserve}"
    assert min(state.produced) >= 0, where
    for ki, site in enumerate(level.sites):
        load = sum(state.deployed[ci][ki] for ci in range(len(level.classes)))
        assert load <= site.capacity, f"{where}: {load} at {site.id} (capacity {site.capacity})"
        owners = {level.classes[ci].side for ci in range(len(level.classes)) if state.deployed[ci][ki]}
        assert owners <= {site.base_side()}, f"{where}: {owners} forces at {site.id}"
    # Research: progress within 0..dev_years.
    for ci, cls in enumerate(level.classes):
        assert 0.0 <= state.progress[ci] <= cls.dev_years + EPS, where
    # Money and capital actually held.
    for side, s in zip(SIDES, state.sides):
        assert s.capital >= -EPS, f"{where}: {side} capital {s.capital}"
        assert math.isfinite(s.budget) and s.budget >= -EPS, f"{where}: {side} budget {s.budget}"
    # Allies and the shared temperature.
    for a in state.allies:
        assert 0 <= a.pledge < len(PLEDGES), where
        for v in (a.willingness, a.threat_perception, a.economic_exposure, a.domestic_opposition):
            assert 0.0 <= v <= 1.0, where
    assert 0.0 <= state.tension <= 100.0, where
    t = state.talks
    assert t.stage in STAGES, where
    assert t.exchanges_left >= 0, where
    assert t.awaiting in (None, "talks", "deal"), where
    assert (t.awaiting == "deal") == (t.offer is not None) or state.phase != "talks", where
    if t.stage in ("agreement", "in-force"):
        assert t.treaty is not None, where
    if t.stage == "in-force" and t.treaty is not None:
        assert {level.classes[ci].id for ci, _, _ in t.ceilings} == {term.cls for term in t.treaty.terms}, where
        for ki, site in enumerate(level.sites):
            if site.chain in t.treaty.zones:
                banned = [c.id for ci, c in enumerate(level.classes) if c.ground_launched and state.deployed[ci][ki]]
                assert not banned, f"{where}: {banned} at {site.id}, in a zone the treaty closes"
    # One year record for every finished year.
    done = (state.year - level.start_year) // level.years_per_round + (1 if state.is_over else 0)
    assert len(state.history) == done, f"{where}: {len(state.history)} records after {done} years"


def check_step(level: Level, before: GameState, side: str, action, after: GameState, where: str) -> None:
    """What must hold of one action: years only advance, queued orders stay affordable."""
    assert after.year in (before.year, before.year + level.years_per_round), where
    if isinstance(action, ORDER_TYPES):
        book = orders.ledger(level, after, side)
        uses_budget = orders.order_cost(level, action)[0] > 0
        if isinstance(action, SetResearch):
            ci = level.class_index(action.cls)
            was = orders.ledger(level, before, side).pace[ci]
            uses_budget = PACE_FACTOR[action.pace] > PACE_FACTOR[was]
        if uses_budget:
            assert book.budget >= -EPS, f"{where}: {side} queued {action} and has {book.budget} left"
        assert book.capital >= -EPS, f"{where}: {side} queued {action} with capital {book.capital} left"
        assert min(book.reserve) >= 0, f"{where}: {action} plans a negative reserve {book.reserve}"
        assert min(book.at_site.values(), default=0) >= 0, f"{where}: {action} plans negative forces"
        assert after.side(side).pending[-1] == action, where
        # The other side's position is untouched by a hidden order.
        them = SIDES[1 - SIDES.index(side)]
        assert after.side(them) == before.side(them), where


def check_terminal(level: Level, state: GameState, where: str) -> None:
    assert state.outcome in OUTCOMES, where
    for side in SIDES:
        assert engine.legal_actions(level, state, side) == [], where
        for action in (EndOrders(), EndTalks()):
            with pytest.raises(IllegalAction, match="over"):
                engine.check(level, state, side, action)
    # The last record is the last year played; a game only stops early on a crisis or a treaty.
    assert state.history[-1].year == state.year
    if state.outcome in ("Arms race", "Stalemate"):
        assert state.year + level.years_per_round > level.end_year, where


def check_indices(level: Level, states: list[GameState], where: str) -> None:
    """The model's invariants for every state of a game, on one batch."""
    s = score(level, stack([world_of(level, st) for st in states]))
    bounded = ("deterrence", "leverage", "standing", "cost", "risk", "talks", "score")
    for name in bounded:
        values = getattr(s, name)
        assert np.isfinite(values).all(), f"{where}: {name} not finite"
        bad = np.argwhere((values < -EPS) | (values > 100 + EPS))
        assert bad.size == 0, f"{where}: {name} outside 0..100 at state {bad[0][0]}: {values[tuple(bad[0])]}"
        terms = getattr(s, f"{name}_terms")
        assert np.isfinite(terms).all(), f"{where}: {name} terms not finite"
        gap = np.abs(terms.sum(axis=-1) - values)
        worst = np.unravel_index(np.argmax(gap), gap.shape)
        assert gap[worst] <= EPS, f"{where}: {name} terms miss the index by {gap[worst]} at state {worst[0]}"
    assert ((s.race >= 0) & (s.race <= 1)).all(), where
    # Recorded assessments (what reports show) add up too, term by term.
    last = states[-1]
    for record in last.history:
        for group, indices in record.breakdowns.items():
            for key, terms in indices.items():
                value = record.indices[group][key]
                assert 0.0 - EPS <= value <= 100.0 + EPS, f"{where}: {record.year} {group}.{key} = {value}"
                assert abs(sum(terms.values()) - value) <= EPS, f"{where}: {record.year} {group}.{key} breakdown"


# ---- the games ----------------------------------------------------------------------------


@pytest.mark.parametrize(("level_id", "seeds"), list(_cases()))
def test_random_games_keep_the_invariants(levels, kit, level_id, seeds):
    level = levels[level_id]
    outcomes: dict[str, int] = {}
    for i, seed in enumerate(seeds):
        eager = EAGER if i % 2 else 0.0
        rng = np.random.default_rng([seed, 1])
        state = engine.new_game(level, seed)
        states = [state]
        where = f"{level_id} seed {seed} eager {eager}"
        check_state(level, state, f"{where} start")
        for n, step in enumerate(kit.random_game(level, seed, eager)):
            at = f"{where} action {n} ({step.side} {step.action!r}, {step.before.year} {step.before.phase})"
            check_step(level, step.before, step.side, step.action, step.after, at)
            check_state(level, step.after, at)
            # A few other legal actions of the side that moved apply too.
            legal = step.legal
            for i in rng.choice(len(legal), size=min(SAMPLED, len(legal)), replace=False):
                try:
                    engine.apply(level, step.before, step.side, legal[int(i)])
                except IllegalAction as e:  # pragma: no cover - the failure message says why
                    pytest.fail(f"{at}: legal action {legal[int(i)]!r} was refused: {e}")
            # Nobody who is not to move has any legal action.
            for side in SIDES:
                if side not in engine.to_move(step.after):
                    assert engine.legal_actions(level, step.after, side) == [], at
            states.append(step.after)
        final = states[-1]
        check_terminal(level, final, where)
        check_indices(level, states, where)
        outcomes[final.outcome] = outcomes.get(final.outcome, 0) + 1
    assert sum(outcomes.values()) == len(seeds)
    if level_id != "tutorial":  # three years are too short for a treaty to enter into force
        assert any(o.startswith(("Balanced", "Treaty")) for o in outcomes), f"no treaty outcome: {outcomes}"
