"""Autosave: written at each year's end (and only then), the latest five kept, in the user's
data folder by default; a rewind drops the autosaves of the abandoned future."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.model.game import Game
from game.persist import (
    SaveError,
    at_year_end,
    autosave,
    autosaves,
    default_save_dir,
    list_saves,
    load_game,
    rewind,
    year_starts,
)


def play_with_autosave(game: Game, folder: Path, keep: int = 5) -> list[Path]:
    """Replay `game` action by action, calling autosave after each as an interface would."""
    again = Game.new(game.level, game.state.seed)
    written = []
    for side, action in game.log:
        again.apply(side, action)
        path = autosave(again, folder, keep=keep, meta={"side": "us"})
        if path is not None:
            written.append(path)
    return written


def test_autosave_writes_once_per_year_and_keeps_the_latest(tmp_path, kit):
    game = kit.played("baseline-2020", 6, "pragmatist", "hardliner")
    years = [r.year for r in game.state.history]
    assert len(years) > 5
    written = play_with_autosave(game, tmp_path)
    assert [p.name for p in written] == [f"autosave-{y}.json" for y in years]
    kept = autosaves(tmp_path)
    assert [y for y, _ in kept] == years[-5:]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"autosave-{y}.json" for y in years[-5:])
    starts = year_starts(game)
    for year, path in kept:
        loaded = load_game(path)
        if loaded.over:
            assert loaded.state_hash() == game.state_hash()
        else:
            assert loaded.state.year == year + 1 and len(loaded.log) == starts[year + 1]


def test_autosave_keeps_as_many_as_asked(tmp_path, kit):
    game = kit.played("tutorial", 6, "pragmatist", "hardliner")
    play_with_autosave(game, tmp_path, keep=1)
    assert [y for y, _ in autosaves(tmp_path)] == [game.state.history[-1].year]
    with pytest.raises(ValueError):
        autosave(game, tmp_path, keep=0)


def test_autosave_writes_nothing_in_the_middle_of_a_year(tmp_path, kit):
    game = kit.played("tutorial", 6, "pragmatist", "hardliner")
    fresh = Game.new(game.level, game.state.seed)
    assert not at_year_end(fresh) and autosave(fresh, tmp_path) is None
    starts = year_starts(game)
    second = sorted(starts.values())[1]
    boundary = Game.new(game.level, game.state.seed)
    for side, action in game.log[:second]:
        boundary.apply(side, action)
    assert at_year_end(boundary)
    boundary.apply(*game.log[second])  # one order given: no longer the year's end
    assert not at_year_end(boundary) and autosave(boundary, tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_rewind_drops_the_abandoned_future(tmp_path, kit):
    game = kit.played("baseline-2020", 6, "pragmatist", "hardliner")
    play_with_autosave(game, tmp_path)
    back = rewind(game, game.level.start_year + 2)  # at the start of the third year's orders
    autosave(back, tmp_path)
    assert [y for y, _ in autosaves(tmp_path)] == [game.level.start_year + 1]


def test_the_default_folder_is_the_users_data_folder(tmp_path, kit, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_save_dir() == tmp_path / "data" / "bargaining-chips" / "saves"
    game = kit.played("tutorial", 6, "pragmatist", "hardliner")
    path = autosave(game)
    assert path == tmp_path / "data" / "bargaining-chips" / "saves" / f"autosave-{game.state.year}.json"
    assert load_game(path).state_hash() == game.state_hash()
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_save_dir() == tmp_path / "home" / ".local" / "share" / "bargaining-chips" / "saves"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_save_dir() == tmp_path / "home" / ".local" / "share" / "bargaining-chips" / "saves"


def test_an_unwritable_autosave_folder_is_one_line(tmp_path, kit):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    game = kit.played("tutorial", 6, "pragmatist", "hardliner")
    with pytest.raises(SaveError) as caught:
        autosave(game, blocker / "saves")
    assert "\n" not in str(caught.value)


def test_list_saves_reads_headers_and_names_the_damaged(tmp_path, kit, good_save):
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a save", encoding="utf-8")
    found = list_saves(tmp_path)
    assert len(found) == 2
    good = [f for f in found if not isinstance(f, SaveError)]
    bad = [f for f in found if isinstance(f, SaveError)]
    assert [g.path for g in good] == [str(good_save)] and good[0].meta["players"] == ["Ana", "Bo"]
    assert bad[0].path == str(tmp_path / "broken.json") and "truncated" in bad[0].reason
    assert list_saves(tmp_path / "missing") == []
