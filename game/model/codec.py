"""Game states and actions to and from plain data (JSON-ready dicts), through cattrs.

Actions are tagged with their class name under "type"; nothing is pickled or evaluated.
"""

from __future__ import annotations

from typing import Any

import cattrs
from cattrs.strategies import configure_tagged_union

from game.model.actions import Action, Order
from game.model.state import GameState

converter = cattrs.Converter(forbid_extra_keys=True)
configure_tagged_union(Order, converter, tag_name="type")
configure_tagged_union(Action, converter, tag_name="type")


def unstructure_state(state: GameState) -> dict[str, Any]:
    return converter.unstructure(state, GameState)


def structure_state(data: dict[str, Any]) -> GameState:
    return converter.structure(data, GameState)


def unstructure_action(action) -> dict[str, Any]:
    return converter.unstructure(action, Action)


def structure_action(data: dict[str, Any]):
    return converter.structure(data, Action)
