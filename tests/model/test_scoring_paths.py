"""`score` takes fast paths (one state read straight from the state, one world, a batch); each
must give the numbers of `score_reference`, the model written one formula at a time, or a
teacher's hand check of docs/MODEL.md would not match the screen: one world to the last bit, a
batch to within the last bits (`BATCH_ULPS`: the BLAS of some CPUs rounds a row of a matrix
product by its place in the block it computes)."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

from game.model.scoring import Scores, World, score, score_reference, score_totals, stack
from game.model.world import SHARED_FIELDS, world_of, worlds_of

FIELDS = [a.name for a in attrs.fields(Scores)]
BATCH_ULPS = 1e-12  # relative, on 0–100 figures: far below the 0.1 the screen shows


def assert_same(fast: Scores, slow: Scores, where: str, exact: bool = True) -> None:
    for name in FIELDS:
        a, b = getattr(fast, name), getattr(slow, name)
        assert a.shape == b.shape, f"{where}: {name} shape {a.shape} != {b.shape}"
        same = np.array_equal(a, b) if exact else np.allclose(a, b, rtol=BATCH_ULPS, atol=BATCH_ULPS * 100)
        assert same, f"{where}: {name} differs by {np.max(np.abs(a - b))}"


def assert_close(fast: np.ndarray, slow: np.ndarray, where: str) -> None:
    assert np.allclose(fast, slow, rtol=BATCH_ULPS, atol=BATCH_ULPS * 100), f"{where}: {np.max(np.abs(fast - slow))}"


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
        assert_same(score(level, batch), reference, f"{level_id} batch of {size}", exact=False)
        assert_close(score_totals(level, batch), reference.score, f"{level_id} totals of {size}")
    # A row's numbers do not depend on the batch it is scored in, nor on its place there.
    whole = score_totals(level, stack(worlds))
    for start, size in ((0, 2), (5, 3), (len(worlds) - 9, 9)):
        part = score_totals(level, stack(worlds[start:start + size]))
        assert_close(part, whole[start:start + size], f"{level_id} rows {start}..{start + size}")


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
        reference = score_reference(level, plain(batch)).score
        assert_close(score_totals(level, batch), reference, f"state {i} totals")
        assert_close(score(level, batch).score, reference, f"state {i}")
