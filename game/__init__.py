"""Bargaining Chips: U.S.-China arms control over intermediate-range missiles, as a game.

`Game` and `load_level` are the entry points for scripting a game; see the README.
"""

from game.content.levels import LevelError
from game.content.levels import resolve_level as load_level
from game.model.actions import IllegalAction
from game.model.game import Game

__all__ = ["Game", "IllegalAction", "LevelError", "load_level"]
