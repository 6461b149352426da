"""Saves: save → load gives the same game at every year of random games on every level; every
kind of damaged save is refused with one line naming the file, and the file is left as it was;
a failed write leaves the old save intact; rewind replays to the start of a year's orders."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from game.content.levels import LEVELS_DIR, load_level
from game.model.actions import EndOrders
from game.model.game import Game
from game.persist import (
    MAX_BYTES,
    SaveError,
    load_game,
    open_save,
    peek_save,
    replay,
    rewind,
    rewind_years,
    save_data,
    save_game,
    year_starts,
)
from game.persist import saves as saves_module

SEEDS = (3, 4)


def one_line_naming(error: SaveError, path: Path) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    assert text.startswith(f"{path}: "), text
    return text


# ---- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("level_id", ["tutorial", "baseline-2020", "guam-only", "allied-momentum"])
def test_save_and_load_at_every_year_give_the_same_game(tmp_path, kit, level_id, seed):
    game = kit.played(level_id, seed)
    starts = year_starts(game)
    assert list(starts) == list(rewind_years(game))
    cuts = sorted(set(starts.values()) | {len(game.log), len(game.log) // 2, 1})
    for n in cuts:
        part = replay(game.level, seed, game.log, upto=n)
        path = save_game(part, tmp_path / f"at-{n}.json")
        back = load_game(path)
        assert back.state_hash() == part.state_hash(), f"{level_id} seed {seed}: after {n} actions"
        assert back.state == part.state
        assert back.log == part.log
        assert [getattr(a, "reason", None) for _, a in back.log] == [getattr(a, "reason", None) for _, a in part.log]
        # and the loaded game carries on exactly as the original did
        for side, action in game.log[n:]:
            back.apply(side, action)
        assert back.state_hash() == game.state_hash()


def test_reasons_and_transcript_survive(tmp_path, kit):
    game = kit.played("baseline-2020", 5, "pragmatist", "hardliner")
    assert any(entry.reason for entry in game.state.talks.transcript)
    back = load_game(save_game(game, tmp_path / "talks.json"))
    assert back.state.talks.transcript == game.state.talks.transcript
    assert back.state_hash() == game.state_hash()


def test_the_file_holds_what_the_design_says(tmp_path, kit, good_save):
    doc = kit.read(good_save)
    assert set(doc) == {"schema", "game", "level", "seed", "log", "snapshot", "state_hash", "saved_at", "meta"}
    assert doc["schema"] == 1 and doc["game"] == "bargaining-chips"
    assert set(doc["level"]) == {"id", "content_hash", "source"}
    assert doc["level"]["source"] == "tutorial"
    assert all(set(entry) == {"side", "action"} and "type" in entry["action"] for entry in doc["log"])
    assert doc["meta"] == {"players": ["Ana", "Bo"], "side": "us"}
    saved = open_save(good_save)
    assert saved.meta == doc["meta"] and saved.state_hash == doc["state_hash"]
    assert saved.actions == len(doc["log"])
    info = peek_save(good_save)
    assert (info.level_id, info.year, info.actions) == ("tutorial", saved.game.state.year, saved.actions)
    assert b"pickle" not in good_save.read_bytes()


def test_a_level_file_is_found_by_its_path_or_beside_the_save(tmp_path, kit):
    custom = tmp_path / "levels" / "my-level.toml"
    custom.parent.mkdir()
    shutil.copy(LEVELS_DIR / "tutorial.toml", custom)
    level = load_level(custom)
    game = Game.new(level, 3)
    game.apply("us", EndOrders())
    path = save_game(game, tmp_path / "custom.json", source=str(custom))
    assert kit.read(path)["level"]["source"] == str(custom.resolve())
    assert load_game(path).state_hash() == game.state_hash()
    # handed in to a teacher: the save and the level file in one folder, elsewhere
    elsewhere = tmp_path / "teacher"
    elsewhere.mkdir()
    shutil.copy(path, elsewhere / "custom.json")
    shutil.copy(custom, elsewhere / "my-level.toml")
    custom.unlink()
    assert load_game(elsewhere / "custom.json").state_hash() == game.state_hash()


def test_facilitator_rules_are_saved_with_the_game(tmp_path, kit):
    from attrs import evolve

    base = kit.levels["tutorial"]
    event = base.events[0].id
    level = evolve(base, rules=evolve(base.rules, events_per_round=0, inject={event: base.start_year + 1}))
    game = Game.new(level, 11)
    for _ in range(40):
        if game.over:
            break
        side = game.to_move()[0]
        game.apply(side, game.legal_actions(side)[-1])
    path = save_game(game, tmp_path / "facilitated.json", meta={"facilitator": {"events": False}})
    doc = kit.read(path)
    assert doc["level"]["rules"]["inject"] == {event: base.start_year + 1}
    back = load_game(path)
    assert back.level.rules.inject == {event: base.start_year + 1}
    assert back.state_hash() == game.state_hash()


def test_save_error_travels_between_processes():
    error = SaveError("x.json", "the file is empty")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is SaveError and str(again) == str(error) and again.reason == error.reason


# ---- rewind --------------------------------------------------------------------------------------


@pytest.mark.parametrize("level_id", ["tutorial", "baseline-2020"])
def test_rewind_replays_to_the_start_of_a_years_orders(kit, level_id):
    game = kit.copy(kit.played(level_id, 3, "pragmatist", "hardliner"))
    before_hash, before_log = game.state_hash(), list(game.log)
    starts = year_starts(game)
    for year in rewind_years(game):
        earlier = rewind(game, year)
        assert earlier is not game
        assert earlier.state.year == year and earlier.state.phase == "orders"
        assert not any(s.pending or s.done for s in earlier.state.sides)
        assert earlier.log == game.log[:starts[year]]
        assert earlier.state_hash() == replay(game.level, game.state.seed, game.log, upto=starts[year]).state_hash()
    assert game.state_hash() == before_hash and game.log == before_log  # the original is untouched
    for year in (game.level.start_year - 1, game.state.year + 1):
        with pytest.raises(ValueError, match="cannot rewind"):
            rewind(game, year)


def test_a_rewound_game_saves_and_plays_on(tmp_path, kit):
    game = kit.played("tutorial", 9, "pragmatist", "hardliner")
    earlier = rewind(game, game.level.start_year + 1)
    path = save_game(earlier, tmp_path / "rewound.json")
    back = load_game(path)
    assert back.state == earlier.state
    side = back.to_move()[0]
    back.apply(side, back.legal_actions(side)[0])


# ---- damaged saves ---------------------------------------------------------------------------------


def _edit(change):
    """A damage made by changing the parsed save document."""
    def damage(path: Path, doc: dict) -> None:
        change(doc)
        path.write_text(json.dumps(doc), encoding="utf-8")
    return damage


def _raw(make):
    def damage(path: Path, doc: dict) -> None:
        path.write_bytes(make(path.read_bytes()))
    return damage


def _huge(path: Path, doc: dict) -> None:
    with path.open("r+b") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: bigger than the limit without writing 10 MB


def _illegal_step(doc: dict) -> None:
    doc["log"].insert(2, {"side": "us", "action": {"type": "Deploy", "cls": "glcm", "site": "guam", "count": 99999}})


def _unknown_class(doc: dict) -> None:
    doc["log"][0] = {"side": "us", "action": {"type": "Deploy", "cls": "no-such-class", "site": "guam", "count": 1}}


def _other_hash(doc: dict) -> None:
    doc["state_hash"] = "0" * 64


def _drop_last_action(doc: dict) -> None:
    doc["log"].pop()


def _nudge_snapshot(doc: dict) -> None:
    doc["snapshot"]["tension"] = doc["snapshot"]["tension"] + 0.5


DAMAGES = {
    "empty": (_raw(lambda b: b""), "the file is empty"),
    "whitespace only": (_raw(lambda b: b" \n\n  "), "the file is empty"),
    "not JSON": (_raw(lambda b: b"this is not a save\n"), "not valid JSON"),
    "truncated": (_raw(lambda b: b[: len(b) // 2]), "truncated"),
    "truncated at the end": (_raw(lambda b: b.rstrip()[:-1]), "truncated"),
    "binary": (_raw(lambda b: bytes(range(256)) * 4), "binary"),
    "not UTF-8": (_raw(lambda b: b'{"game": "caf\xe9"}'), "not UTF-8"),
    "too large": (_huge, "larger than 10 MB"),
    "an array": (_raw(lambda b: b"[1, 2, 3]"), "not a Bargaining Chips save"),
    "another game's JSON": (_edit(lambda d: d.update(game="chess")), "not a Bargaining Chips save"),
    "newer schema": (_edit(lambda d: d.update(schema=2)), "unknown save version 2"),
    "schema as text": (_edit(lambda d: d.update(schema="1")), "schema: expected a whole number"),
    "no schema": (_edit(lambda d: d.pop("schema")), "schema: missing"),
    "seed as text": (_edit(lambda d: d.update(seed="7")), "seed: expected a whole number"),
    "seed negative": (_edit(lambda d: d.update(seed=-1)), "seed: out of range"),
    "unknown key": (_edit(lambda d: d.update(cheat=True)), "cheat: unknown key"),
    "unknown key in an action": (_edit(lambda d: d["log"][0]["action"].update(extra=1)), "log[0].action.extra: unknown key"),
    "misspelt key": (_edit(lambda d: d["snapshot"].update(tensoin=40.0)),
                     "snapshot.tensoin: unknown key (did you mean 'tension'?)"),
    "short pair": (_edit(lambda d: d["snapshot"].update(rng=d["snapshot"]["rng"][:3])),
                   "snapshot.rng: expected an array of 4 values, got an array of 3"),
    "unknown action type": (_edit(lambda d: d["log"][0]["action"].update(type="Nuke")), 'log[0].action: unknown type "Nuke"'),
    "count as text": (_edit(lambda d: d["log"].insert(0, {"side": "us", "action": {"type": "Produce", "cls": "glcm", "lots": "2"}})),
                      "log[0].action.lots: expected a whole number"),
    "bad side": (_edit(lambda d: d["log"][0].update(side="russia")), "log[0].side: expected one of"),
    "missing key": (_edit(lambda d: d.pop("state_hash")), "state_hash: missing"),
    "snapshot field missing": (_edit(lambda d: d["snapshot"].pop("tension")), "snapshot.tension: missing"),
    "snapshot wrong type": (_edit(lambda d: d["snapshot"].update(year="2021")), "snapshot.year: expected a whole number"),
    "tuple as a string": (_edit(lambda d: d["snapshot"].update(reserve="abc")), "snapshot.reserve: expected an array"),
    "bool for a number": (_edit(lambda d: d["snapshot"].update(tension=True)), "snapshot.tension: expected a number"),
    "NaN": (_raw(lambda b: b.replace(b'"seed":', b'"seed": NaN, "x":', 1)), "NaN"),
    "duplicate key": (_raw(lambda b: b.replace(b'"seed":', b'"seed": 1, "seed":', 1)), "appears twice"),
    "year out of range": (_edit(lambda d: d["snapshot"].update(year=1900)), "snapshot.year: 1900 is outside"),
    "pledge out of range": (_edit(lambda d: d["snapshot"]["allies"][0].update(pledge=9)), "snapshot.allies[0].pledge"),
    "bad phase": (_edit(lambda d: d["snapshot"].update(phase="lunch")), "snapshot.phase"),
    "bad hash text": (_edit(lambda d: d.update(state_hash="xyz")), "state_hash: expected 64 hexadecimal digits"),
    "bad time": (_edit(lambda d: d.update(saved_at="yesterday")), "saved_at"),
    "unknown level": (_edit(lambda d: d["level"].update(id="no-such-level", source="no-such-level")),
                      "the level 'no-such-level' cannot be found"),
    "level hash changed": (_edit(lambda d: d["level"].update(content_hash="1" * 64)),
                           "the level 'tutorial' has changed since this game was saved"),
    "illegal action": (_edit(_illegal_step), "the log does not replay: step 3"),
    "unknown class in an action": (_edit(_unknown_class), "the log does not replay: step 1"),
    "hash differs": (_edit(_other_hash), "does not match the saved state hash"),
    "log cut short": (_edit(_drop_last_action), "does not match the saved state hash"),
    "snapshot altered": (_edit(_nudge_snapshot), "the snapshot does not match the replayed game"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_a_damaged_save_is_refused_in_one_line(kit, good_save, kind):
    damage, expected = DAMAGES[kind]
    damage(good_save, kit.read(good_save))
    before = good_save.read_bytes()
    stat = good_save.stat()
    with pytest.raises(SaveError) as caught:
        load_game(good_save)
    text = one_line_naming(caught.value, good_save)
    assert expected in text, text
    assert caught.value.path == str(good_save)
    assert good_save.read_bytes() == before and good_save.stat().st_mtime_ns == stat.st_mtime_ns
    with pytest.raises(SaveError):
        open_save(good_save)


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    missing = tmp_path / "nothing.json"
    with pytest.raises(SaveError) as caught:
        load_game(missing)
    assert one_line_naming(caught.value, missing).endswith("no such file")
    with pytest.raises(SaveError) as caught:
        load_game(tmp_path)
    assert "is a folder" in one_line_naming(caught.value, tmp_path)


def test_a_changed_level_file_is_named(tmp_path):
    custom = tmp_path / "lesson.toml"
    text = (LEVELS_DIR / "tutorial.toml").read_text(encoding="utf-8")
    custom.write_text(text.replace('id = "tutorial"', 'id = "lesson"', 1), encoding="utf-8")
    game = Game.new(load_level(custom), 5)
    game.apply("us", EndOrders())
    path = save_game(game, tmp_path / "lesson-save.json", source=str(custom))
    assert load_game(path).state_hash() == game.state_hash()
    custom.write_text(custom.read_text(encoding="utf-8").replace('title = "', 'title = "Changed: ', 1),
                      encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        load_game(path)
    assert one_line_naming(caught.value, path).endswith(
        "the level 'lesson' has changed since this game was saved")


def test_a_level_file_the_same_as_a_bundled_one_may_be_gone(tmp_path):
    """A game on a copy of a bundled level still loads when the copy is gone or edited: the
    bundled level has the very content the game was played on (the hash says so)."""
    custom = tmp_path / "copy.toml"
    shutil.copy(LEVELS_DIR / "tutorial.toml", custom)
    game = Game.new(load_level(custom), 5)
    path = save_game(game, tmp_path / "copy-save.json", source=str(custom))
    custom.write_text("broken = = toml", encoding="utf-8")
    assert load_game(path).state_hash() == game.state_hash()


def test_a_broken_level_file_is_named(tmp_path):
    custom = tmp_path / "lesson.toml"
    shutil.copy(LEVELS_DIR / "tutorial.toml", custom)
    game = Game.new(load_level(custom), 5)
    game.apply("us", EndOrders())
    doc = save_data(game, source=str(custom))
    doc["level"]["id"] = "lesson"  # no bundled level has this id
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    custom.write_text("title = = broken", encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        load_game(path)
    assert "the level 'lesson' cannot be read" in one_line_naming(caught.value, path)


def test_an_illegal_step_is_named_with_the_rules_sentence(tmp_path, kit):
    game = kit.played("tutorial", 3)
    doc = save_data(game)
    doc["log"].insert(0, {"side": "china", "action": {"type": "UndoOrder"}})
    doc["log"].insert(0, {"side": "us", "action": {"type": "EndOrders"}})
    doc["log"].insert(0, {"side": "us", "action": {"type": "EndOrders"}})
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SaveError) as caught:
        load_game(path)
    text = one_line_naming(caught.value, path)
    assert "step 2 (United States: EndOrders) is illegal" in text


# ---- writing ----------------------------------------------------------------------------------------


def _failing_chunks(error):
    def chunks(doc):
        yield '{"schema": 1, "game": "bargaining-chips", "lev'
        raise error
    return chunks


@pytest.mark.parametrize("error", [ValueError("encoding failed"), OSError(28, "No space left on device")],
                         ids=["encoding", "disk full"])
def test_a_failed_write_leaves_the_old_save_intact(tmp_path, kit, monkeypatch, good_save, error):
    before = good_save.read_bytes()
    newer = kit.played("baseline-2020", 3)
    monkeypatch.setattr(saves_module, "_chunks", _failing_chunks(error))
    with pytest.raises(SaveError) as caught:
        save_game(newer, good_save)
    one_line_naming(caught.value, good_save)
    assert good_save.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.json"]  # no temporary file left
    monkeypatch.undo()
    assert load_game(good_save).level.id == "tutorial"


def test_meta_must_be_plain_json(tmp_path, kit):
    game = kit.played("tutorial", 3)
    for meta in ({"when": object()}, {"x": float("nan")}, ["not", "a", "dict"], {1: "int key"}):
        with pytest.raises(SaveError) as caught:
            save_game(game, tmp_path / "m.json", meta=meta)
        one_line_naming(caught.value, tmp_path / "m.json")
    assert not (tmp_path / "m.json").exists()


def test_saving_into_a_missing_folder_is_one_line(tmp_path, kit):
    target = tmp_path / "no" / "such" / "folder.json"
    with pytest.raises(SaveError) as caught:
        save_game(kit.played("tutorial", 3), target)
    assert "no folder" in one_line_naming(caught.value, target)


def test_a_save_is_plain_sorted_json_with_no_surprises(tmp_path, kit):
    game = kit.played("allied-momentum", 4, "pragmatist", "hardliner")
    path = save_game(game, tmp_path / "plain.json")
    text = path.read_text(encoding="utf-8")
    json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in a save"))
    assert os.path.getsize(path) < MAX_BYTES
