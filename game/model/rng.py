"""The game's random numbers: a numpy PCG64 generator whose state lives in the game state.

Randomness is drawn only in the automatic steps (events, diplomacy, assessment), always in the
same order, so a level, a seed and an action log determine the whole game.
"""

from __future__ import annotations

import numpy as np
from numpy.random.bit_generator import ISeedSequence

RngState = tuple[int, int, int, int]


class _Placeholder(ISeedSequence):
    """Seeds a PCG64 that `generator` overwrites at once: cheaper than gathering OS entropy
    for a state nobody reads."""

    def generate_state(self, n_words, dtype=np.uint32):
        return np.zeros(n_words, dtype=dtype)


_PLACEHOLDER = _Placeholder()


def seed_state(seed: int) -> RngState:
    return _pack(np.random.PCG64(seed))


def generator(state: RngState) -> np.random.Generator:
    bit_generator = np.random.PCG64(_PLACEHOLDER)
    bit_generator.state = {
        "bit_generator": "PCG64",
        "state": {"state": state[0], "inc": state[1]},
        "has_uint32": state[2],
        "uinteger": state[3],
    }
    return np.random.Generator(bit_generator)


def pack(gen: np.random.Generator) -> RngState:
    return _pack(gen.bit_generator)


def _pack(bit_generator) -> RngState:
    st = bit_generator.state
    return (int(st["state"]["state"]), int(st["state"]["inc"]), int(st["has_uint32"]), int(st["uinteger"]))


class Stream:
    """The game's random numbers for one automatic step: a numpy Generator on the state's
    `rng`, made at the first draw (a step that draws nothing leaves `rng` as it was).
    `packed()` is the `rng` to store once the step is done."""

    __slots__ = ("_state", "_gen")

    def __init__(self, state: RngState):
        self._state = state
        self._gen: np.random.Generator | None = None

    def generator(self) -> np.random.Generator:
        if self._gen is None:
            self._gen = generator(self._state)
        return self._gen

    def random(self) -> float:
        return self.generator().random()

    def normal(self, loc: float, scale: float) -> float:
        return self.generator().normal(loc, scale)

    def packed(self) -> RngState:
        return self._state if self._gen is None else pack(self._gen)
