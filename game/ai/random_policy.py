"""The first opponent: picks uniformly among the legal actions, from its own seeded stream.

In the orders phase it draws from the list of candidate orders and keeps the first legal one
(rejection sampling: still uniform over the legal actions, without checking them all).
"""

from __future__ import annotations

import numpy as np

from game.model import engine, orders
from game.model.actions import IllegalAction
from game.model.level import Level, Side
from game.model.state import GameState

TRIES = 64


class RandomPolicy:
    name = "random"

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def act(self, level: Level, state: GameState, side: Side):
        if state.phase == "orders":
            book = orders.ledger(level, state, side)
            pool = orders.candidate_orders(level, state, side, book)
            for _ in range(TRIES):
                order = pool[int(self.rng.integers(len(pool)))]
                try:
                    orders.check_order(level, state, side, order, book)
                except IllegalAction:
                    continue
                return order
        legal = engine.legal_actions(level, state, side)
        return legal[int(self.rng.integers(len(legal)))]
