"""A game as the window plays it: the player's side and the scripted opponents (no pygame).

`GameSetup` is what the new-game screen (or `python -m game play`) chooses; `Session` holds the
running `Game`, lets the player act and plays the scripted sides' moves when it is their turn.
"""

from __future__ import annotations

import random

import numpy as np
from attrs import define, field, frozen

from game.ai.match import Policy
from game.ai.registry import DEFAULT_DIFFICULTY, make_factory
from game.content.levels import resolve_level
from game.model.game import Game
from game.model.level import SIDES, Level, Side

PLAYER = "player"
SEED_LIMIT = 1_000_000


def random_seed() -> int:
    return random.SystemRandom().randrange(SEED_LIMIT)


def find_level(name: str, bundled: tuple[Level, ...] = ()) -> Level:
    """A bundled level by id (from `bundled` if given), else `resolve_level` (id or path)."""
    for level in bundled:
        if level.id == name:
            return level
    return resolve_level(name)


@frozen
class GameSetup:
    """Who plays each side (`PLAYER` or a personality), at what difficulty, on which level."""

    level: str
    seed: int
    us: str = PLAYER
    china: str = "pragmatist"
    difficulty: str = DEFAULT_DIFFICULTY

    @classmethod
    def for_player(cls, side: Side, opponent: str, level: str, seed: int,
                   difficulty: str = DEFAULT_DIFFICULTY) -> GameSetup:
        if side == "us":
            return cls(level=level, seed=seed, us=PLAYER, china=opponent, difficulty=difficulty)
        return cls(level=level, seed=seed, us=opponent, china=PLAYER, difficulty=difficulty)

    @classmethod
    def for_watching(cls, us: str, china: str, level: str, seed: int,
                     difficulty: str = DEFAULT_DIFFICULTY) -> GameSetup:
        return cls(level=level, seed=seed, us=us, china=china, difficulty=difficulty)

    def who(self, side: Side) -> str:
        return self.us if side == "us" else self.china

    @property
    def player(self) -> Side | None:
        """The player's side, or None when two scripted sides play each other."""
        for side in SIDES:
            if self.who(side) == PLAYER:
                return side
        return None


def policy_seeds(seed: int) -> dict[Side, int]:
    """Each side's policy seed, derived from the game's seed as `game.ai.match.play` does."""
    us, china = (int(s) for s in np.random.SeedSequence([seed, 1]).generate_state(2, dtype=np.uint32))
    return {"us": us, "china": china}


@define
class Session:
    setup: GameSetup
    game: Game
    policies: dict[Side, Policy] = field(factory=dict)

    @classmethod
    def start(cls, setup: GameSetup, level: Level | None = None) -> Session:
        """A new game; LevelError for an unknown level, ValueError for an unknown opponent."""
        level = level if level is not None else find_level(setup.level)
        seeds = policy_seeds(setup.seed)
        policies = {
            side: make_factory(setup.who(side), setup.difficulty)(seeds[side])
            for side in SIDES
            if setup.who(side) != PLAYER
        }
        return cls(setup=setup, game=Game.new(level, setup.seed), policies=policies)

    @property
    def level(self) -> Level:
        return self.game.level

    @property
    def state(self):
        return self.game.state

    @property
    def player(self) -> Side | None:
        return self.setup.player

    def player_to_move(self) -> bool:
        return self.player is not None and self.player in self.game.to_move()

    def scripted_to_move(self) -> Side | None:
        for side in self.game.to_move():
            if side in self.policies:
                return side
        return None

    def play(self, action) -> None:
        """The player's action; raises IllegalAction (a sentence for the player) if not allowed."""
        if self.player is None:
            raise ValueError("nobody plays in this session: it is being watched")
        self.game.apply(self.player, action)

    def step_scripted(self):
        """Let one scripted side take one action; returns (side, action) or None."""
        side = self.scripted_to_move()
        if side is None:
            return None
        action = self.policies[side].act(self.level, self.game.state, side)
        self.game.apply(side, action)
        return side, action

    def run_scripted(self, limit: int = 2000) -> list:
        """Play scripted moves until the player must act or the game is over."""
        moves = []
        for _ in range(limit):
            move = self.step_scripted()
            if move is None:
                return moves
            moves.append(move)
        raise RuntimeError(f"the scripted opponent made {limit} moves without yielding")
