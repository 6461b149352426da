"""Saves and reports from the window (no pygame): where they go, their names, how a save row
reads in the load screen, and a save made a session again.

Saves go to `game.persist.default_save_dir()` (`$XDG_DATA_HOME/bargaining-chips/saves`);
after-action reports to a `reports` folder beside it. A manual save is named after the level,
the year and the time (`baseline-2020-2023-20250301-142501.json`); autosaves are the persist
package's (`autosave-YEAR.json`, at each year's end).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from attrs import frozen

from game.ai.registry import DEFAULT_DIFFICULTY
from game.model.level import SIDE_SHORT
from game.persist import SaveError, SaveInfo, autosave, default_save_dir, open_save, save_game
from game.persist.folders import AUTOSAVE

PHASE_WORDS = {"orders": "Orders", "talks": "Talks", "over": "Game over", "assessment": "Assessment"}


def save_folder() -> Path:
    return default_save_dir()


def report_folder() -> Path:
    """The folder after-action reports are written into: `reports` next to the saves."""
    return save_folder().parent / "reports"


def stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def free_path(folder: Path, name: str, suffix: str = ".json") -> Path:
    """`folder/name+suffix`, or with -2, -3... if that exists already."""
    path = folder / f"{name}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{name}-{n}{suffix}"
        n += 1
    return path


def save_name(session, now: datetime | None = None) -> str:
    state = session.state
    return f"{session.level.id}-{state.year}-{stamp(now)}"


def save_session(session, folder: Path | None = None, name: str | None = None) -> Path:
    """Save the session's game (to the save folder, under a new name); SaveError (one line)."""
    where = Path(folder) if folder is not None else save_folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SaveError(where, f"cannot make the save folder: {e.strerror or e}") from None
    path = free_path(where, name or save_name(session))
    return save_game(session.game, path, meta=session.meta(), source=session.level_source)


def autosave_session(session, folder: Path | None = None) -> Path | None:
    """`game.persist.autosave` for the session (writes only at a year's end); SaveError."""
    return autosave(session.game, folder if folder is not None else save_folder(), meta=session.meta(),
                    source=session.level_source)


def write_report(session, folder: Path | None = None) -> Path:
    """The after-action report of the session's game; the path of its index.html.
    OSError or ValueError if it cannot be written."""
    from game.persist import SavedGame
    from game.report import write_game_report

    where = Path(folder) if folder is not None else report_folder()
    out = free_path(where, save_name(session), suffix="")
    saved = SavedGame.of(session.game, meta=session.meta(), source=session.level_source)
    written = write_game_report(saved, out)
    return next((p for p in written if p.name == "index.html"), out)


def resume_save(path: str | os.PathLike):
    """The session a save holds, as it was played; SaveError (one line) if it cannot be."""
    from game.ui.session import GameSetup, Session

    saved = open_save(path)
    game = saved.game
    try:
        setup = GameSetup.from_meta(saved.meta, saved.level_source, game.state.seed)
    except ValueError as e:
        raise SaveError(path, str(e)) from None
    return Session.resume(setup, game, source=saved.level_source)


# ---- how a save reads in the list --------------------------------------------------------------


@frozen
class SaveRow:
    path: str
    file: str
    level: str
    year: str
    phase: str
    outcome: str
    played: str
    saved_at: str
    problem: str | None = None  # the one-line reason a damaged save cannot be loaded

    @property
    def damaged(self) -> bool:
        return self.problem is not None


def local_time(iso: str) -> str:
    try:
        when = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or "?"
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%d %b %Y %H:%M")


def played_words(meta: dict, over: bool) -> str:
    """Who played, for the Load screen: "Hotseat", "Watched" or "U.S. v hardliner", with the
    difficulty when it is not the default ("China v pragmatist (hard)")."""
    side = meta.get("side")
    if side == "both":
        return "Hotseat"
    if side == "none" or (side is None and isinstance(meta.get("policies"), dict)):
        return "Watched"
    if side in SIDE_SHORT:
        fac = meta.get("facilitator") if isinstance(meta.get("facilitator"), dict) else {}
        opponent = meta.get("opponent") or "?"
        if fac.get("hide_opponent") and not over:
            return f"{SIDE_SHORT[side]} v hidden"
        difficulty = meta.get("difficulty")
        level = f" ({difficulty})" if isinstance(difficulty, str) and difficulty != DEFAULT_DIFFICULTY else ""
        return f"{SIDE_SHORT[side]} v {opponent}{level}"
    return "?"


def save_row(item: SaveInfo | SaveError, titles: dict[str, str] | None = None) -> SaveRow:
    titles = titles or {}
    if isinstance(item, SaveError):
        name = Path(item.path).name
        return SaveRow(path=item.path, file=name, level="", year="", phase="", outcome="", played="", saved_at="",
                       problem=item.reason)
    name = Path(item.path).name
    return SaveRow(
        path=item.path, file=name, level=titles.get(item.level_id, item.level_id), year=str(item.year),
        phase=PHASE_WORDS.get(item.phase, item.phase), outcome=item.outcome or "—",
        played=played_words(item.meta, item.outcome is not None), saved_at=local_time(item.saved_at),
    )


def is_autosave(path: str) -> bool:
    return AUTOSAVE.match(Path(path).name) is not None
