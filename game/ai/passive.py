"""The baseline a scripted side must beat: it gives no orders and says nothing in talks,
declining whatever is put to it."""

from __future__ import annotations

from game.model.actions import EndOrders, EndTalks, RejectDeal, RejectTalks
from game.model.level import Level, Side
from game.model.state import GameState


class PassivePolicy:
    name = "passive"

    def __init__(self, seed: int = 0):
        self.seed = seed

    def act(self, level: Level, state: GameState, side: Side):
        if state.phase == "orders":
            return EndOrders()
        if state.talks.awaiting == "talks":
            return RejectTalks(reason="We have nothing to discuss.")
        if state.talks.awaiting == "deal":
            return RejectDeal(reason="We have nothing to discuss.")
        return EndTalks()
