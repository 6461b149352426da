"""Playing whole games between two policies (any object with `act(level, state, side)`)."""

from __future__ import annotations

from typing import Callable, Protocol

import numpy as np

from game.model.game import Game
from game.model.level import Level, Side
from game.model.state import GameState


class Policy(Protocol):
    name: str

    def act(self, level: Level, state: GameState, side: Side): ...


PolicyFactory = Callable[[int], Policy]


def game_seeds(seed: int, games: int) -> list[int]:
    """Per-game seeds derived from one seed: the same list on every machine."""
    return [int(s) for s in np.random.SeedSequence(seed).generate_state(games, dtype=np.uint32)]


def play(level: Level, seed: int, us: PolicyFactory, china: PolicyFactory) -> Game:
    """One complete game; each policy gets its own stream derived from the game's seed."""
    us_seed, china_seed = (int(s) for s in np.random.SeedSequence([seed, 1]).generate_state(2, dtype=np.uint32))
    players = {"us": us(us_seed), "china": china(china_seed)}
    game = Game.new(level, seed)
    while not game.over:
        side = game.to_move()[0]
        game.apply(side, players[side].act(level, game.state, side))
    return game
