"""The first opponent: picks uniformly among the legal actions, from its own seeded stream."""

from __future__ import annotations

import numpy as np

from game.model import engine
from game.model.level import Level, Side
from game.model.state import GameState


class RandomPolicy:
    name = "random"

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def act(self, level: Level, state: GameState, side: Side):
        legal = engine.legal_actions(level, state, side)
        return legal[int(self.rng.integers(len(legal)))]
