"""The random opponent: it picks only legal actions, each as often as any other, and its draws
are numpy's."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.match import game_seeds, play
from game.ai.random_policy import RandomPolicy
from game.content.levels import bundled_levels, resolve_level
from game.model import engine
from game.model.actions import EndOrders, UndoOrder
from game.model.game import Game

BASELINE = resolve_level("baseline-2020")


def picks(state, side: str, draws: int) -> Counter:
    """How often fresh random opponents, one per seed, pick each action in `state`."""
    return Counter(RandomPolicy(seed).act(BASELINE, state, side) for seed in game_seeds(17, draws))


def assert_uniform(counts: Counter, legal: list, draws: int) -> None:
    """Every legal action picked, nothing else, and no more spread than chance gives (a
    chi-square statistic below its mean plus six standard deviations)."""
    assert set(counts) == set(legal)
    expected = draws / len(legal)
    chi2 = sum((counts[a] - expected) ** 2 / expected for a in legal)
    df = len(legal) - 1
    assert chi2 < df + 6 * (2 * df) ** 0.5, counts.most_common(3)


class Checked:
    """A random opponent whose every pick is checked against the rules' list of legal actions."""

    name = "random"

    def __init__(self, seed: int):
        self.inner = RandomPolicy(seed)

    def act(self, level, state, side):
        action = self.inner.act(level, state, side)
        assert action in engine.legal_actions(level, state, side), (state.year, state.phase, action)
        return action


def test_every_pick_in_whole_games_is_a_legal_action():
    for level in bundled_levels():
        for seed in game_seeds(3, 6):
            assert play(level, seed, Checked, Checked).over


def test_orders_are_drawn_uniformly_from_the_legal_ones():
    state = Game.new(BASELINE, 5).state
    legal = engine.legal_actions(BASELINE, state, "us")
    assert len(legal) > 20 and EndOrders() in legal
    assert_uniform(picks(state, "us", 4000), legal, 4000)


def test_with_every_order_given_it_ends_the_phase_or_takes_one_back_as_often():
    game = Game.new(BASELINE, 5)
    while len(game.state.side("us").pending) < BASELINE.rules.max_orders:
        queued = [a for a in game.legal_actions("us") if not isinstance(a, (UndoOrder, EndOrders))]
        game.apply("us", queued[0])
    assert game.legal_actions("us") == [UndoOrder(), EndOrders()]
    assert_uniform(picks(game.state, "us", 2000), [UndoOrder(), EndOrders()], 2000)


def test_talks_moves_are_drawn_uniformly_from_the_legal_ones():
    game = Game.new(BASELINE, 5)
    for side in ("us", "china"):
        game.apply(side, EndOrders())
    assert game.state.phase == "talks"
    side = game.to_move()[0]
    legal = game.legal_actions(side)
    assert len(legal) >= 2
    assert_uniform(picks(game.state, side, 2000), legal, 2000)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1),
       bounds=st.lists(st.one_of(st.integers(1, 100), st.integers(2**31, 2**32 - 1)), min_size=1, max_size=300))
def test_its_draws_are_the_numbers_numpy_draws_from_the_same_seed(seed, bounds):
    # Bounds above 2**31 make numpy's method throw away many of its 32-bit words.
    policy, rng = RandomPolicy(seed), np.random.default_rng(seed)
    assert [policy._below(n) for n in bounds] == [int(rng.integers(n)) for n in bounds]
