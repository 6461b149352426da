"""The year's scores are remembered by world (`world.world_key`) and handed to every state with
that world, across games (a tournament's games of one seed reach the same worlds often); a
state's scoring reuses the forces' part of the last one when its forces, programs, production
and pledges are the same. A key that missed something the model reads would hand one world's
numbers to another: these tests change each thing the model reads, one at a time, and check
both against a plain world's scoring."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from attrs import evolve

from game.model.actions import VERIFICATION
from game.model.allies import effective_willingness
from game.model.assessment import year_scores
from game.model.scoring import World, score
from game.model.state import replace_at
from game.model.world import world_key, world_of


def fresh(level, state):
    """The state's scores from a plain World (arrays, no shortcut from the state)."""
    world = world_of(level, state)
    return score(level, World(*[np.array(getattr(world, a.name)) for a in attrs.fields(World)]))


def assert_scored_as(level, state, where: str) -> None:
    direct = fresh(level, state)
    paths = (("year_scores", year_scores(level, state)), ("from the state", score(level, world_of(level, state))))
    for path, found in paths:
        for name in ("score", "deterrence", "leverage", "standing", "cost", "risk", "talks",
                     "leverage_terms", "deterrence_terms", "risk_terms", "talks_terms"):
            assert np.array_equal(getattr(found, name), getattr(direct, name)), f"{where}, {path}: {name}"


def changes(level, state):
    """States one change away from `state` in each thing the model reads (with its name)."""
    us, china = state.sides
    row = list(state.deployed[0])
    row[0] += 1
    ally = state.allies[0]
    yield "deployed", evolve(state, deployed=replace_at(state.deployed, 0, tuple(row)))
    yield "reserve", evolve(state, reserve=replace_at(state.reserve, 0, state.reserve[0] + 1))
    ci = next(i for i, c in enumerate(level.classes) if c.dev_years > 0)
    yield "progress", evolve(state, progress=replace_at(state.progress, ci, state.progress[ci] + 0.5))
    flipped = "full" if state.pace[ci] == "cut" else "cut"
    yield "pace", evolve(state, pace=replace_at(state.pace, ci, flipped))
    yield "produced", evolve(state, produced=replace_at(state.produced, 0, state.produced[0] + 4))
    yield "tension", evolve(state, tension=state.tension + 7.0)
    yield "pledge", evolve(state, allies=replace_at(state.allies, 0, evolve(ally, pledge=(ally.pledge + 1) % 4)))
    other = next(a for a in (evolve(ally, willingness=w) for w in (0.0, 0.5, 1.0))
                 if effective_willingness(a) != effective_willingness(ally))
    yield "willingness", evolve(state, allies=replace_at(state.allies, 0, other))
    yield "exposure", evolve(state, allies=replace_at(state.allies, 0, evolve(ally, economic_exposure=0.9)))
    yield "spending", evolve(state, sides=(evolve(us, spent=us.spent + (("diplomacy", 75.0),)), china))
    yield "talks bonus", evolve(state, sides=(us, evolve(china, talks_bonus=china.talks_bonus + 5.0)))


@pytest.mark.parametrize("level_id", ["baseline-2020", "allied-momentum"])
def test_each_thing_the_model_reads_gets_its_own_scores(kit, levels, level_id):
    level = levels[level_id]
    played, _ = kit.play_out(level, 3, eager=0.6)
    for i, state in enumerate(played[::25]):
        assert_scored_as(level, state, f"state {i}")
        for what, changed in changes(level, state):
            assert world_key(level, changed) != world_key(level, state), f"state {i}: {what} not in the key"
            assert_scored_as(level, changed, f"state {i}, {what} changed")
            assert_scored_as(level, state, f"state {i} after {what} changed")


def test_a_treaty_in_force_is_part_of_the_world(kit, levels):
    level = levels["baseline-2020"]
    # The first random game (eager to agree) that brings a treaty into force.
    state = next(s for seed in range(200) for s in kit.play_out(level, seed, eager=0.9)[0] if s.talks.stage == "in-force")
    for verification in VERIFICATION:
        changed = evolve(state, talks=evolve(state.talks, treaty=evolve(state.talks.treaty, verification=verification)))
        assert_scored_as(level, changed, f"verification {verification}")
    assert_scored_as(level, evolve(state, talks=evolve(state.talks, stage="formal")), "no treaty in force")


def test_states_of_one_world_from_different_games_share_their_scores(kit, levels):
    """Two games' states with equal keys get equal numbers (and the one object)."""
    level = levels["tutorial"]
    first = kit.play_out(level, 5)[0][0]
    again = kit.play_out(level, 5, eager=0.9)[0][0]  # the same start, made anew
    assert first is not again and world_key(level, first) == world_key(level, again)
    assert year_scores(level, first) is year_scores(level, again)
