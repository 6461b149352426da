"""The debrief's deal space: the Pareto frontier, the Nash point, and where a real deal stands."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from game.ai.match import play
from game.ai.registry import make_factory
from game.analysis.deal_space import deal_review, pareto_front
from game.content.levels import resolve_level

values = st.lists(st.tuples(st.floats(-10, 10), st.floats(-10, 10)), min_size=1, max_size=60)


@given(values)
def test_the_frontier_holds_exactly_the_points_no_other_point_beats(points):
    us = np.array([p[0] for p in points])
    china = np.array([p[1] for p in points])
    front = set(pareto_front(us, china).tolist())
    for i in range(len(points)):
        beaten = any(
            us[j] >= us[i] and china[j] >= china[i] and (us[j] > us[i] or china[j] > china[i])
            for j in range(len(points))
        )
        if beaten:
            assert i not in front
    # every point is matched or beaten by a frontier point
    for i in range(len(points)):
        assert any(us[j] >= us[i] and china[j] >= china[i] for j in front)


def test_a_signed_treaty_is_placed_against_the_frontier_and_the_nash_point():
    level = resolve_level("baseline-2020")
    game = play(level, 3, make_factory("pragmatist"), make_factory("pragmatist"))
    assert game.state.talks.signed_year is not None
    review = deal_review(game)
    assert review["year"] == game.state.talks.signed_year
    space = review["space"]
    assert len(space.offers) > 50 and len(space.frontier) > 0
    assert space.nash is not None and space.us[space.nash] > 0 and space.china[space.nash] > 0
    accepted = [m for m in review["offers"] if m["verb"] == "accepts the offer"]
    assert accepted
    mark = accepted[0]
    assert mark["nash_product"] <= mark["best_nash_product"] + 1e-9
    assert mark["below_frontier"] >= 0.0
