"""The scripted opponents the command line and the window can pick by name.

`POLICIES` maps a name to a factory `(seed, difficulty) -> Policy`. Add a personality by adding
an entry; nothing else needs to change.
"""

from __future__ import annotations

from typing import Callable

from game.ai.match import Policy, PolicyFactory
from game.ai.passive import PassivePolicy
from game.ai.profile import profiles
from game.ai.random_policy import RandomPolicy
from game.ai.scripted import ScriptedPolicy

DIFFICULTIES: tuple[str, ...] = tuple(profiles().difficulties)
DEFAULT_DIFFICULTY = "normal"
PERSONALITIES: tuple[str, ...] = tuple(profiles().personalities)

POLICIES: dict[str, Callable[[int, str], Policy]] = {
    "random": lambda seed, difficulty: RandomPolicy(seed),
    "passive": lambda seed, difficulty: PassivePolicy(seed),
    **{
        name: (lambda name: lambda seed, difficulty: ScriptedPolicy(name, difficulty, seed))(name)
        for name in PERSONALITIES
    },
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
