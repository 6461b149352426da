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


# PCG64 as numpy runs it (pcg64.h: the 128-bit LCG step, then the XSL-RR output), for
# `Stream.random` on the stored state without making a numpy Generator.
_MULTIPLIER = (2549297995355413924 << 64) + 4865540595714422341
_MASK128 = (1 << 128) - 1
_MASK64 = (1 << 64) - 1


class Stream:
    """The game's random numbers for one automatic step, on the state's `rng`: uniform draws
    computed from the PCG64 state itself, and a numpy Generator made at the first other draw
    (a step that draws nothing leaves `rng` as it was). `packed()` is the `rng` to store once
    the step is done."""

    __slots__ = ("_state", "_gen")

    def __init__(self, state: RngState):
        self._state = state
        self._gen: np.random.Generator | None = None

    def generator(self) -> np.random.Generator:
        if self._gen is None:
            self._gen = generator(self._state)
        return self._gen

    def random(self) -> float:
        """`generator().random()`: the same number, and the state advanced the same way."""
        if self._gen is not None:
            return self._gen.random()
        state, inc, has_uint32, uinteger = self._state
        state = (state * _MULTIPLIER + inc) & _MASK128
        self._state = (state, inc, has_uint32, uinteger)
        word, rot = ((state >> 64) ^ state) & _MASK64, state >> 122
        word = ((word >> rot) | (word << (-rot & 63))) & _MASK64
        return (word >> 11) * (1.0 / 9007199254740992.0)

    def normal(self, loc: float, scale: float) -> float:
        return self.generator().normal(loc, scale)

    def packed(self) -> RngState:
        return self._state if self._gen is None else pack(self._gen)
