"""`state.evolve`, the fast copy the rules make of a state at every action, must be
`attrs.evolve`: the same new state, the old one untouched, an unknown field refused."""

from __future__ import annotations

import attrs
import pytest

from game.model.state import GameState, Talks, evolve


def _states(kit, levels):
    for level_id in ("baseline-2020", "tutorial"):
        for step in kit.random_game(levels[level_id], seed=5):
            yield step.before


def test_a_fast_copy_is_the_copy_attrs_makes(kit, levels):
    checked = 0
    for state in _states(kit, levels):
        before = attrs.asdict(state, recurse=False)
        changes = {"year": state.year + 1, "tension": state.tension / 2, "sides": state.sides[::-1],
                   "talks": evolve(state.talks, stage="formal", exchanges_left=3)}
        copied = evolve(state, **changes)
        assert copied == attrs.evolve(state, **changes)
        assert type(copied) is GameState and copied is not state
        assert attrs.asdict(state, recurse=False) == before, "the copy changed the state it came from"
        assert copied.talks == attrs.evolve(state.talks, stage="formal", exchanges_left=3)
        side = evolve(state.sides[0], budget=1.0, pending=())
        assert side == attrs.evolve(state.sides[0], budget=1.0, pending=())
        if state.allies:
            ally = evolve(state.allies[0], pledge=3)
            assert ally == attrs.evolve(state.allies[0], pledge=3) and ally.willingness == state.allies[0].willingness
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("instance", [Talks(), GameState.__new__(GameState)], ids=["talks", "state"])
def test_an_unknown_field_is_refused(instance):
    with pytest.raises(TypeError, match="has no field bogus"):
        evolve(instance, bogus=1)
