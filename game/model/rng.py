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
