"""`Game`: a level, the current state and the action log, with the small API teachers script.

    from game import Game, load_level
    g = Game.new(load_level("baseline-2020"), seed=7)
    g.legal_actions("us")          # what the United States may do now
    g.apply("us", EndOrders())     # raises IllegalAction with a readable message if not allowed
    g.assessment().us["leverage"]  # an index and the terms that add up to it
    g.state_hash()                 # stable across processes and machines
"""

from __future__ import annotations

import hashlib
import json

from attrs import define, field

from game.model import engine
from game.model.assessment import Assessment, assess
from game.model.codec import unstructure_state
from game.model.level import Level, Side
from game.model.state import GameState


@define
class Game:
    level: Level
    state: GameState
    log: list[tuple[Side, object]] = field(factory=list)

    @classmethod
    def new(cls, level: Level, seed: int = 0) -> Game:
        return cls(level=level, state=engine.new_game(level, seed))

    @property
    def over(self) -> bool:
        return self.state.is_over

    def to_move(self) -> tuple[Side, ...]:
        return engine.to_move(self.state)

    def legal_actions(self, side: Side) -> list:
        return engine.legal_actions(self.level, self.state, side)

    def apply(self, side: Side, action) -> GameState:
        self.state = engine.apply(self.level, self.state, side, action)
        self.log.append((side, action))
        return self.state

    def assessment(self) -> Assessment:
        return assess(self.level, self.state)

    def state_hash(self) -> str:
        return state_hash(self.state)


def state_hash(state: GameState) -> str:
    """SHA-256 of the state's canonical JSON: the same in every process and on every machine."""
    text = json.dumps(unstructure_state(state), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
