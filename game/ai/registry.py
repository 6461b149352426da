"""The scripted opponents the command line and the window can pick by name.

`POLICIES` maps a name to a factory `(seed, difficulty) -> Policy`. Add a personality by adding
an entry; nothing else needs to change.
"""

from __future__ import annotations

from typing import Callable

from game.ai.match import Policy, PolicyFactory
from game.ai.random_policy import RandomPolicy

DIFFICULTIES: tuple[str, ...] = ("easy", "normal", "hard")
DEFAULT_DIFFICULTY = "normal"

POLICIES: dict[str, Callable[[int, str], Policy]] = {
    "random": lambda seed, difficulty: RandomPolicy(seed),
}


def make_factory(name: str, difficulty: str = DEFAULT_DIFFICULTY) -> PolicyFactory:
    """A factory `seed -> Policy` for `match.play`; ValueError names the known choices."""
    if name not in POLICIES:
        known = ", ".join(sorted(POLICIES)) or "none"
        raise ValueError(f"unknown policy '{name}' (known: {known})")
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty '{difficulty}' (known: {', '.join(DIFFICULTIES)})")
    build = POLICIES[name]
    return lambda seed: build(seed, difficulty)
