"""Where saves live: the user's save folder, autosaves at each year's end, and listing saves.

The default folder is `$XDG_DATA_HOME/bargaining-chips/saves`, or
`~/.local/share/bargaining-chips/saves` when XDG_DATA_HOME is not set.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

from game.model.game import Game
from game.persist.saves import SaveError, SaveInfo, peek_save, save_game

AUTOSAVE = re.compile(r"^autosave-(\d{1,6})\.json$")


def default_save_dir() -> Path:
    """The user's save folder (not created here)."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "bargaining-chips" / "saves"


def at_year_end(game: Game) -> bool:
    """True when a year has just been assessed and nobody has given an order since
    (or the game is over): the moment an autosave is written."""
    state = game.state
    if not state.history:
        return False
    if state.is_over:
        return True
    untouched = not any(side.pending or side.done for side in state.sides)
    return state.phase == "orders" and untouched and state.history[-1].year < state.year


def autosave(game: Game, folder: str | os.PathLike | None = None, keep: int = 5, *,
             meta: dict[str, Any] | None = None, source: str | None = None) -> Path | None:
    """At a year's end, write `autosave-YEAR.json` (YEAR: the year just assessed) to `folder`
    (default `default_save_dir()`, created if need be) and keep the `keep` latest years.

    Safe to call after every action: it writes only at a year's end, and returns None otherwise.
    Writing year Y also removes autosaves of later years, which belong to an abandoned future
    (after a rewind) or to an earlier game. SaveError (one line) if the folder cannot be written.
    """
    if keep < 1:
        raise ValueError(f"keep must be at least 1 (got {keep})")
    if not at_year_end(game):
        return None
    where = Path(folder) if folder is not None else default_save_dir()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SaveError(where, f"cannot make the autosave folder: {e.strerror or e}") from None
    year = game.state.history[-1].year
    path = save_game(game, where / f"autosave-{year}.json", meta=meta, source=source)
    older = sorted((y, p) for y, p in autosaves(where) if y <= year)
    stale = [p for y, p in autosaves(where) if y > year] + [p for _, p in older[:-keep]]
    for old in stale:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


def autosaves(folder: str | os.PathLike) -> list[tuple[int, Path]]:
    """The autosaves in `folder` as (year, path), earliest year first."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        m = AUTOSAVE.match(name)
        if m:
            found.append((int(m.group(1)), Path(folder) / name))
    return sorted(found)


def list_saves(folder: str | os.PathLike | None = None) -> list[SaveInfo | SaveError]:
    """Every `*.json` in `folder` (default `default_save_dir()`), newest first: a `SaveInfo`
    for a readable save, the `SaveError` for a damaged one (its `path` and one-line reason)."""
    where = Path(folder) if folder is not None else default_save_dir()
    try:
        paths = [p for p in where.glob("*.json") if p.is_file()]
    except OSError:
        return []

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    found: list[SaveInfo | SaveError] = []
    for path in sorted(paths, key=lambda p: (-mtime(p), p.name)):
        try:
            found.append(peek_save(path))
        except SaveError as e:
            found.append(e)
    return found
