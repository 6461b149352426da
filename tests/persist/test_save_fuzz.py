"""Fuzzing save files: random bytes, and valid saves with keys dropped, values of the wrong
type and garbage values put anywhere. Loading either gives a game or refuses the file with a
one-line SaveError naming it; nothing else ever escapes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model.game import Game
from game.persist import SaveError, load_game, peek_save, save_data

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),  # more: FUZZ_EXAMPLES=3000
                deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def valid_doc() -> dict:
    from game.ai.match import play
    from game.ai.registry import make_factory
    from game.content.levels import resolve_level

    game = play(resolve_level("tutorial"), 21, make_factory("pragmatist"), make_factory("hardliner"))
    return json.loads(json.dumps(save_data(game, meta={"players": ["A"]})))


def paths_of(data, prefix=()) -> list[tuple]:
    """Every path (a tuple of keys and indices) into the document, the root excepted."""
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            out.append(prefix + (key,))
            out += paths_of(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data[:6]):  # a few items of each list are plenty
            out.append(prefix + (i,))
            out += paths_of(value, prefix + (i,))
    return out


def load_or_refuse(path: Path) -> None:
    try:
        game = load_game(path)
    except SaveError as e:
        text = str(e)
        assert "\n" not in text and text.startswith(f"{path}: "), text
        return
    assert isinstance(game, Game)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "fuzzed.json"
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_refused(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(SaveError):
        load_game(path)
    assert path.read_bytes() == data


@FUZZ
@given(value=JSON_VALUES)
def test_any_json_that_is_not_a_save_is_refused(tmp_path, value):
    path = _write(tmp_path, json.dumps(value).encode())
    with pytest.raises(SaveError):
        load_game(path)


@FUZZ
@given(data=st.data())
def test_a_valid_save_with_a_key_dropped(tmp_path, valid_doc, data):
    doc = json.loads(json.dumps(valid_doc))
    where = data.draw(st.sampled_from(paths_of(doc)))
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    del parent[where[-1]]
    load_or_refuse(_write(tmp_path, json.dumps(doc).encode()))


@FUZZ
@given(data=st.data())
def test_a_valid_save_with_a_value_replaced(tmp_path, valid_doc, data):
    doc = json.loads(json.dumps(valid_doc))
    where = data.draw(st.sampled_from(paths_of(doc)))
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    old = parent[where[-1]]
    kind = data.draw(st.sampled_from(["garbage", "as text", "as a list", "negated", "huge"]))
    if kind == "garbage":
        new = data.draw(JSON_VALUES)
    elif kind == "as text":
        new = json.dumps(old)
    elif kind == "as a list":
        new = [old]
    elif kind == "negated":
        new = -old if isinstance(old, (int, float)) and not isinstance(old, bool) else not old
    else:
        new = 10**400 if data.draw(st.booleans()) else 1e308
    parent[where[-1]] = new
    load_or_refuse(_write(tmp_path, json.dumps(doc).encode()))


@FUZZ
@given(data=st.data())
def test_a_valid_save_cut_or_spliced_anywhere(tmp_path, valid_doc, data):
    raw = json.dumps(valid_doc, indent=1).encode()
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    junk = data.draw(st.binary(max_size=8))
    path = _write(tmp_path, raw[:cut] + junk + raw[cut + len(junk) * data.draw(st.integers(0, 1)):])
    load_or_refuse(path)
    try:
        peek_save(path)
    except SaveError:
        pass


def test_deep_nesting_is_refused(tmp_path):
    path = _write(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(SaveError):
        load_game(path)
    path = _write(tmp_path, b'{"game": "bargaining-chips", "schema": 1, "meta": ' + b"[" * 50_000 + b"]" * 50_000 + b"}")
    with pytest.raises(SaveError):
        load_game(path)
