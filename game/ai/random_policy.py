"""The first opponent: picks uniformly among the legal actions, from its own seeded stream.

In the orders phase it draws from the list of candidate orders and keeps the first legal one
(rejection sampling: still uniform over the legal actions, without checking them all). Once its
side has given the most orders a year allows, it draws between the two still legal: taking one
back and ending the phase.
"""

from __future__ import annotations

from itertools import islice

import numpy as np

from game.model import engine, orders
from game.model.actions import IllegalAction
from game.model.level import Level, Side
from game.model.state import GameState

TRIES = 64
_DRAWS = 256  # 32-bit words fetched from the stream at a time


class RandomPolicy:
    name = "random"

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)
        self._words: list[int] = []
        self._next = 0

    def act(self, level: Level, state: GameState, side: Side):
        if state.phase == "orders":
            book = orders.ledger(level, state, side)
            pool = orders.candidate_orders(level, state, side, book)
            known: dict[int, bool] = {}

            def legal(i: int) -> bool:
                ok = known.get(i)
                if ok is None:
                    try:
                        orders.check_order(level, state, side, pool[i], book)
                        ok = True
                    except IllegalAction:
                        ok = False
                    known[i] = ok
                return ok

            me = state.side(side)
            if not me.done and len(me.pending) >= level.rules.max_orders:
                # Once a side has given its most orders for the year, check_order refuses every
                # order but UndoOrder and EndOrders (its first checks, in this order: phase,
                # done, EndOrders, UndoOrder, the limit): the legal ones are known without
                # drawing from the whole list.
                closing = [pool[i] for i in orders.closing_orders(level, side) if legal(i)]
                return closing[self._below(len(closing))]
            n = len(pool)
            i = next(filter(legal, islice(self._draws(n), TRIES)), None)  # the first legal of TRIES draws
            if i is not None:
                return pool[i]
            if side in engine.to_move(state):
                # engine.legal_actions: the candidates check_order accepts, in order.
                chosen = [pool[i] for i in range(n) if legal(i)]
                return chosen[self._below(len(chosen))]
        legal_actions = engine.legal_actions(level, state, side)
        return legal_actions[self._below(len(legal_actions))]

    # ---- the stream ------------------------------------------------------------------------
    #
    # `int(self.rng.integers(n))` draws with numpy's bounded Lemire method on 32-bit words of
    # the stream (for n <= 2**32; n == 1 draws nothing). The same arithmetic in Python on words
    # fetched in blocks gives the same numbers at a fraction of the cost per draw. Only this
    # policy draws from its stream, so fetching ahead changes nothing it picks.

    def _below(self, n: int) -> int:
        """`int(self.rng.integers(n))`: uniform on 0 .. n-1."""
        return next(self._draws(n))

    def _draws(self, n: int):
        """`_below(n)` again and again: each number is taken from the stream as it is yielded."""
        if not 1 < n < 2**32:
            if n == 1:
                while True:
                    yield 0
            if n == 2**32:
                while True:
                    yield self._word()
            raise ValueError("high <= 0" if n < 1 else f"{n} is out of this policy's range")
        while True:
            words, i = self._words, self._next
            while True:
                if i >= len(words):
                    words, i = self._fetch(), 0
                m = words[i] * n
                i += 1
                leftover = m & 0xFFFFFFFF
                # Lemire: a word is used unless its leftover falls below (2**32 - n) % n (< n).
                if leftover >= n or leftover >= (0xFFFFFFFF - (n - 1)) % n:
                    break
            self._next = i
            yield m >> 32

    def _word(self) -> int:
        i = self._next
        if i >= len(self._words):
            self._fetch()
            i = 0
        self._next = i + 1
        return self._words[i]

    def _fetch(self) -> list[int]:
        self._words = self.rng.integers(0, 2**32, size=_DRAWS, dtype=np.uint32).tolist()
        return self._words
