"""The game's random stream: its uniform draws, made without a numpy Generator, are numpy's."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.model.rng import Stream, generator, pack, seed_state

STATES = st.one_of(
    st.integers(0, 2**63).map(seed_state),
    st.tuples(st.integers(0, 2**128 - 1), st.integers(0, 2**127 - 1).map(lambda i: 2 * i + 1),
              st.integers(0, 1), st.integers(0, 2**32 - 1)),
)


@settings(max_examples=300, deadline=None)
@given(STATES, st.lists(st.sampled_from(["random", "normal", "integers"]), max_size=8))
def test_a_stream_draws_what_numpy_draws_and_stores_the_state_numpy_leaves(state, draws):
    stream, gen = Stream(state), generator(state)
    for kind in draws:
        if kind == "random":
            assert stream.random() == gen.random()
        elif kind == "normal":
            assert stream.normal(0.0, 0.08) == gen.normal(0.0, 0.08)
        else:  # a 32-bit draw leaves half a word behind (has_uint32): later draws must see it
            assert stream.generator().integers(7) == gen.integers(7)
    assert stream.packed() == pack(gen)


def test_a_stream_that_draws_nothing_leaves_the_state_as_it_was():
    state = seed_state(20240601)
    assert Stream(state).packed() is state


def test_uniform_draws_spread_over_the_unit_interval():
    stream = Stream(seed_state(7))
    draws = np.array([stream.random() for _ in range(20000)])
    assert draws.min() >= 0.0 and draws.max() < 1.0
    assert abs(draws.mean() - 0.5) < 0.01
    assert np.histogram(draws, bins=10, range=(0, 1))[0].min() > 1800
