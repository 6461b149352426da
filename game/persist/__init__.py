"""Saves: a game as JSON (level, seed, action log, snapshot), loaded back by replaying the log.

    from game.persist import save_game, load_game, autosave, rewind, SaveError

See `game.persist.saves` for the file and the checks, `game.persist.folders` for the save
folder and autosaves, and docs/CLASSROOM.md for teachers.
"""

from game.persist.folders import at_year_end, autosave, autosaves, default_save_dir, list_saves
from game.persist.saves import (
    MAX_BYTES,
    SaveError,
    SavedGame,
    SaveInfo,
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

__all__ = [
    "MAX_BYTES", "SaveError", "SaveInfo", "SavedGame", "at_year_end", "autosave", "autosaves",
    "default_save_dir", "list_saves", "load_game", "open_save", "peek_save", "replay", "rewind",
    "rewind_years", "save_data", "save_game", "year_starts",
]
