"""A scripted opponent: a personality and a difficulty playing either side."""

from __future__ import annotations

from game.ai.bargaining import next_talks_action
from game.ai.planning import next_order
from game.ai.profile import difficulty, personality
from game.model.level import Level, Side
from game.model.state import GameState


class ScriptedPolicy:
    """Deterministic for a given seed and state: it keeps no memory between moves."""

    def __init__(self, name: str, difficulty_name: str, seed: int):
        self.name = name
        self.persona = personality(name)
        self.difficulty = difficulty(difficulty_name)
        self.seed = seed

    def act(self, level: Level, state: GameState, side: Side):
        if state.phase == "orders":
            return next_order(level, state, side, self.persona, self.difficulty)
        return next_talks_action(level, state, side, self.persona, self.difficulty, self.seed)
