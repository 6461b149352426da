"""`score` takes fast paths (one state read straight from the state, one world, a batch); each
must give the numbers of `score_reference`, the model written one formula at a time, to the
last bit, or a teacher's hand check of docs/MODEL.md would not match the screen."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

from game.model.scoring import Scores, World, score, score_reference, score_totals, stack
from game.model.world import SHARED_FIELDS, world_of, worlds_of

FIELDS = [a.name for a in attrs.fields(Scores)]


def assert_same(fast: Scores, slow: Scores, where: str) -> None:
    for name in FIELDS:
        a, b = getattr(fast, name), getattr(slow, name)
        assert a.shape == b.shape, f"{where}: {name} shape {a.shape} != {b.shape}"
        assert np.array_equal(a, b), f"{where}: {name} differs by {np.max(np.abs(a - b))}"


def plain(world: World) -> World:
    """The same world as an eager, plain `World` (no shortcut from the state)."""
    return World(*[np.array(getattr(world, a.name)) for a in attrs.fields(World)])


@pytest.mark.parametrize("level_id", ["baseline-2020", "guam-only", "allied-momentum", "tutorial"])
def test_every_path_matches_the_reference_on_played_states(kit, levels, level_id):
    level = levels[level_id]
    states = []
    for seed in range(4):
        played, _ = kit.play_out(level, seed, eager=0.6)
        states += played[:: max(1, len(played) // 40)]
    for i, state in enumerate(states):
        where = f"{level_id} state {i}"
        reference = score_reference(level, plain(world_of(level, state)))
        assert_same(score(level, world_of(level, state)), reference, where + " (from the state)")
        assert_same(score(level, plain(world_of(level, state))), reference, where + " (one world)")
    worlds = [plain(world_of(level, s)) for s in states]
    for size in (2, 7, len(worlds)):
        batch = stack(worlds[:size])
        reference = score_reference(level, batch)
        assert_same(score(level, batch), reference, f"{level_id} batch of {size}")
        assert np.array_equal(score_totals(level, batch), reference.score), f"{level_id} totals of {size}"
    # A row's numbers do not depend on the batch it is scored in, nor on its place there.
    whole = score_totals(level, stack(worlds))
    for start, size in ((0, 2), (5, 3), (len(worlds) - 9, 9)):
        part = score_totals(level, stack(worlds[start:start + size]))
        assert np.array_equal(part, whole[start:start + size]), f"{level_id} rows {start}..{start + size}"


@pytest.mark.parametrize("level_id", ["baseline-2020", "allied-momentum", "tutorial"])
def test_a_batch_sharing_one_states_allies_and_spending_totals_as_the_reference(kit, levels, level_id):
    """Batches of one state's world with forces changed row by row (as the opponents make them)
    share that state's allies and spending as one broadcast row; their totals take a shortcut
    (standing and cost worked out once) and must still be the reference's numbers."""
    level = levels[level_id]
    played, _ = kit.play_out(level, 2, eager=0.6)
    for i, state in enumerate(played[:: max(1, len(played) // 12)]):
        batch = worlds_of(level, state, 6)
        assert all(getattr(batch, name).strides[0] == 0 for name in SHARED_FIELDS)
        for row in range(1, 6):
            batch.deployed[row] += row * (np.arange(batch.deployed.shape[2]) % 3 == row % 3)
            batch.reserve[row] += 2 * row
        assert np.array_equal(score_totals(level, batch), score_reference(level, plain(batch)).score), f"state {i}"
        assert np.array_equal(score(level, batch).score, score_reference(level, plain(batch)).score)
