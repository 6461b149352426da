"""A game is fully determined by its level, seed and action log (DESIGN.md §8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from attrs import evolve

from game.model import engine
from game.model.actions import Offer, Term
from game.model.game import Game, state_hash

GAMES = [("tutorial", 11, 0.0), ("tutorial", 12, 0.9), ("baseline-2020", 13, 0.0), ("baseline-2020", 14, 0.9),
         ("guam-only", 15, 0.9), ("allied-momentum", 16, 0.9)]


def round_hashes(states) -> list[tuple[int, str, str]]:
    """(year, phase, hash) of the first state of every round, and of the last state."""
    out = []
    for before, after in zip([None] + states[:-1], states):
        if before is None or after.year != before.year or after.is_over:
            out.append((after.year, after.phase, state_hash(after)))
    return out


@pytest.mark.parametrize(("level_id", "seed", "eager"), GAMES)
def test_same_level_seed_and_actions_give_the_same_hash_every_round(levels, kit, level_id, seed, eager):
    level = levels[level_id]
    states, log = kit.play_out(level, seed, eager)
    game = Game.new(level, seed)
    replayed = [game.state]
    for side, action in log:
        game.apply(side, action)
        replayed.append(game.state)
    assert game.over
    assert len(replayed) == len(states)
    for n, (a, b) in enumerate(zip(states, replayed)):
        assert a == b, f"{level_id} seed {seed}: states part after action {n}"
    first, second = round_hashes(states), round_hashes(replayed)
    assert first == second
    assert len(first) >= (states[-1].year - level.start_year) // level.years_per_round + 1
    assert len({h for _, _, h in first}) == len(first), "two rounds hashed alike"


def test_the_hash_sees_the_seed_and_every_change(tutorial):
    a, b = engine.new_game(tutorial, 1), engine.new_game(tutorial, 2)
    assert state_hash(a) != state_hash(b)
    assert state_hash(a) == state_hash(engine.new_game(tutorial, 1))
    assert state_hash(evolve(a, tension=a.tension + 1e-9)) != state_hash(a)


SCRIPT = textwrap.dedent(
    """
    import json, sys
    from game.ai.match import play
    from game.ai.random_policy import RandomPolicy
    from game.content.levels import resolve_level
    from game.model import engine
    from game.model.game import state_hash

    out = {}
    for level_id, seed in json.loads(sys.argv[1]):
        level = resolve_level(level_id)
        game = play(level, seed, RandomPolicy, RandomPolicy)
        state = engine.new_game(level, seed)
        hashes = [state_hash(state)]
        for side, action in game.log:
            year = state.year
            state = engine.apply(level, state, side, action)
            if state.year != year or state.is_over:
                hashes.append(state_hash(state))
        assert state == game.state
        out[f"{level_id}/{seed}"] = hashes
    print(json.dumps(out))
    """
)
SUBPROCESS_GAMES = [("baseline-2020", 7), ("tutorial", 3), ("allied-momentum", 5)]


def _hashes_in_subprocess(hash_seed: str) -> dict[str, list[str]]:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(SUBPROCESS_GAMES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_per_round_hashes_are_the_same_in_processes_with_different_hash_seeds(levels):
    first = _hashes_in_subprocess("0")
    second = _hashes_in_subprocess("4242")
    assert set(first) == {f"{lv}/{seed}" for lv, seed in SUBPROCESS_GAMES}
    for key in first:
        assert len(first[key]) >= 2, key  # the start and the end, at least
        assert first[key] == second[key], f"{key}: per-round hashes differ between processes"


def test_deal_values_depend_on_the_level_not_on_what_was_valued_before(baseline):
    """Deal values feed ratification (engine._ratify) and treaty outcomes, so a stale value
    makes the same level, seed and actions play differently after other levels were used.

    Each trial values one offer under a level with its own complexity weight, then frees the
    level; the value must match the model's, computed without the memo."""
    import gc

    from game.model import negotiation

    state = engine.new_game(baseline, 1)
    offer = Offer((Term("us", "air", "reduce", 6), Term("china", "df26", "reduce", 24)))
    wrong = []
    gc.freeze()  # each collection below then reads only what the trials made, not what earlier tests left
    try:
        for trial in range(300):
            level = evolve(baseline, model=evolve(baseline.model, complexity_weight=1.0 + trial))
            got = negotiation.value_of(level, state, "us", offer).total
            truth = negotiation._score_offers(level, [("us", state, [offer])])[0][0].total
            if got != pytest.approx(truth):
                wrong.append((trial, got, truth))
            del level
            gc.collect()
    finally:
        gc.unfreeze()
    assert not wrong, f"{len(wrong)} of 300 valuations came from another level, first (trial, got, truth): {wrong[0]}"
