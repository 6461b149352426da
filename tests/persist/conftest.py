"""Shared material for the save tests: seeded games between scripted or random opponents, and
a good save to damage. Helpers are handed out through fixtures, never imported by name."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from game.ai.match import play
from game.ai.registry import make_factory
from game.content.levels import bundled_levels
from game.model.game import Game
from game.persist import save_game

LEVELS = {lv.id: lv for lv in bundled_levels()}


@functools.lru_cache(maxsize=64)
def _played(level_id: str, seed: int, us: str, china: str) -> Game:
    return play(LEVELS[level_id], seed, make_factory(us), make_factory(china))


class Kit:
    levels = LEVELS

    @staticmethod
    def played(level_id: str, seed: int, us: str = "random", china: str = "random") -> Game:
        """A finished game (the same object for the same arguments: do not change it)."""
        return _played(level_id, seed, us, china)

    @staticmethod
    def copy(game: Game) -> Game:
        return Game(level=game.level, state=game.state, log=list(game.log))

    @staticmethod
    def read(path: Path) -> dict:
        return json.loads(path.read_text(encoding="utf-8"))

    @staticmethod
    def write(path: Path, doc) -> None:
        path.write_text(json.dumps(doc, indent=1), encoding="utf-8")


@pytest.fixture(scope="session")
def kit() -> Kit:
    return Kit()


@pytest.fixture
def good_save(tmp_path, kit) -> Path:
    """A finished tutorial game between two scripted opponents, saved with some meta."""
    game = kit.played("tutorial", 7, "pragmatist", "hardliner")
    return save_game(game, tmp_path / "good.json", meta={"players": ["Ana", "Bo"], "side": "us"})
