"""Batch runs play with Python's cycle collector off (`simulate.tune_collector`): safe only while
games make no reference cycles, which these tests check, and with the collector as it was
once the batch is over."""

import gc

import pytest

from game.ai.match import game_seeds, play
from game.ai.registry import make_factory
from game.cli import simulate
from game.content.levels import resolve_level


@pytest.mark.parametrize("level_id", ["baseline-2020", "allied-momentum", "tutorial"])
@pytest.mark.parametrize("us, china, difficulty", [
    ("random", "random", "normal"),
    ("hardliner", "pragmatist", "easy"),
    ("reciprocator", "opportunist", "normal"),
    ("opportunist", "hardliner", "hard"),
])
def test_games_leave_no_reference_cycles_behind(level_id, us, china, difficulty):
    level = resolve_level(level_id)
    play(level, 1, make_factory(us, difficulty), make_factory(china, difficulty))  # caches and imports warm
    with simulate.tuned_collector():
        gc.collect()
        for seed in game_seeds(3, 4):
            play(level, seed, make_factory(us, difficulty), make_factory(china, difficulty))
        assert gc.collect() == 0  # unreachable objects: only a cycle would leave any


def test_a_batch_turns_the_collector_off_and_gives_it_back_as_it_was():
    assert gc.isenabled()
    with simulate.tuned_collector():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with simulate.tuned_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_long_batch_still_collects_now_and_then(monkeypatch):
    monkeypatch.setattr(simulate, "COLLECT_EVERY", 2)
    monkeypatch.setattr(simulate, "_PLAYED", iter(range(1, 100)))
    runs = []
    monkeypatch.setattr(simulate.gc, "collect", lambda *a: runs.append(a) or 0)
    job = ("tutorial", 5, "random", "random", ("normal", "normal"), None, False)
    with simulate.tuned_collector():
        for _ in range(5):
            simulate._play_record(job)
    assert len(runs) == 2
