"""Saves hold plain JSON: every state and every action survives the trip and comes back equal.

(Levels round-trip in tests/content.)
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import engine
from game.model import actions as A
from game.model.codec import structure_action, structure_state, unstructure_action, unstructure_state
from game.model.game import state_hash

GAMES = [(level_id, seed, eager) for level_id in ("tutorial", "baseline-2020", "guam-only", "allied-momentum")
         for seed, eager in ((31, 0.0), (32, 0.9))]
PLAIN = (dict, list, tuple, str, int, float, bool, type(None))


def through_json(data):
    return json.loads(json.dumps(data, allow_nan=False, sort_keys=True))


def assert_plain(data, path="") -> None:
    """Only JSON's own kinds of value: no numpy scalars, sets or objects."""
    assert type(data) in PLAIN, f"{path}: {type(data).__name__}"
    if isinstance(data, dict):
        for key, value in data.items():
            assert type(key) is str, f"{path}: key {key!r}"
            assert_plain(value, f"{path}.{key}")
    elif isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            assert_plain(value, f"{path}[{i}]")


@pytest.mark.parametrize(("level_id", "seed", "eager"), GAMES)
def test_every_state_of_a_game_round_trips_through_json(levels, kit, level_id, seed, eager):
    level = levels[level_id]
    states, log = kit.play_out(level, seed, eager)
    for n, state in enumerate(states):
        data = unstructure_state(state)
        if n in (0, len(states) - 1):
            assert_plain(data)
        back = structure_state(through_json(data))
        assert back == state, f"{level_id} seed {seed}: state {n} changed on the way"
        assert state_hash(back) == state_hash(state)
    # The states carry on identically after the trip: the rest of the game replays from a load.
    middle = len(log) // 2
    state = structure_state(through_json(unstructure_state(states[middle])))
    for side, action in log[middle:]:
        state = engine.apply(level, state, side, action)
    assert state == states[-1]


@pytest.mark.parametrize(("level_id", "seed", "eager"), GAMES)
def test_every_action_played_or_legal_round_trips(levels, kit, level_id, seed, eager):
    level = levels[level_id]
    seen = {}
    for n, step in enumerate(kit.random_game(level, seed, eager)):
        seen[step.action] = None
        if n % 7 == 0:
            seen.update(dict.fromkeys(step.legal))
    kinds = set()
    for action in seen:
        data = unstructure_action(action)
        assert_plain(data)
        assert data["type"] == type(action).__name__
        back = structure_action(through_json(data))
        assert type(back) is type(action) and back == action
        kinds.add(type(action))
    assert A.EndOrders in kinds and A.EndTalks in kinds


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_action_round_trips_with_its_reason(levels, kit, data):
    level = levels[data.draw(st.sampled_from(sorted(levels)))]
    action = data.draw(kit.any_action(level, junk_literals=False))
    back = structure_action(through_json(unstructure_action(action)))
    assert type(back) is type(action) and back == action
    assert getattr(back, "reason", None) == getattr(action, "reason", None)  # not part of eq


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "Nuke", "cls": "glcm", "site": "guam", "count": 8},
        {"type": "Deploy", "cls": "glcm", "site": "guam", "count": 8, "extra": 1},
        {"type": "Deploy", "cls": "glcm", "site": "guam"},
        {"type": "Signal", "kind": "threat"},
        {"type": "SetResearch", "cls": "glcm", "pace": "warp"},
        {"type": "ProposeDeal", "offer": {"terms": [{"side": "russia", "cls": "df26", "kind": "reduce", "count": 1}]}},
    ],
    ids=["unknown type", "extra key", "missing key", "bad signal", "bad pace", "bad side"],
)
def test_a_damaged_action_is_refused(bad):
    assert unstructure_action(A.Deploy("glcm", "guam", 8)) == {"type": "Deploy", "cls": "glcm", "site": "guam", "count": 8}
    with pytest.raises(Exception):
        structure_action(bad)
