"""Turning a game state into the arrays the scoring model reads."""

from __future__ import annotations

import operator

import numpy as np

from game.model.allies import effective_willingness
from game.model.level import Level
from game.model.memo import memo
from game.model.scoring import COST_KINDS, World, _row_forces, _row_scores
from game.model.state import GameState

PACE_FACTOR = {"cut": 0.0, "slow": 0.5, "full": 1.0}


def fielded(level: Level, progress: tuple[float, ...], ci: int) -> bool:
    return progress[ci] >= level.classes[ci].dev_years


def progress_fraction(level: Level, state: GameState) -> np.ndarray:
    dev = np.array([max(c.dev_years, 1e-9) for c in level.classes])
    frac = np.minimum(np.array(state.progress) / dev, 1.0)
    return np.where(np.array([c.dev_years for c in level.classes]) == 0, 1.0, frac)


def verified_strength(level: Level, verification: str) -> float:
    """How much a treaty in force calms the risk of escalation: more with better verification."""
    return 0.5 + 0.5 * level.rules.detection[verification]


def treaty_strength(level: Level, state: GameState) -> float:
    talks = state.talks
    if talks.stage != "in-force" or talks.treaty is None:
        return 0.0
    return verified_strength(level, talks.treaty.verification)


def world_of(level: Level, state: GameState) -> World:
    """A batch of one: the current state as model arrays."""
    world = _StateWorld.__new__(_StateWorld)
    object.__setattr__(world, "_level", level)
    object.__setattr__(world, "_state", state)
    object.__setattr__(world, "_arrays", None)
    return world


# The fields of a batch whose rows are often one state's: the allies and the year's spending.
# Given as one row broadcast (read only), they let `scoring.score_totals` work out standing and
# cost once for the whole batch.
SHARED_FIELDS = ("pledge", "ally_will", "ally_exposure", "spent", "budget")


def worlds_of(level: Level, state: GameState, n: int, deployed: np.ndarray | None = None,
              reserve: np.ndarray | None = None) -> World:
    """A batch of `n` copies of the current state's world, to be changed row by row (but for
    the SHARED_FIELDS, read only). `deployed` (n, C, K) and `reserve` (n, C), if given, are
    whole missiles added to each row's forces."""
    arrays = world_arrays(level, state, shared=True)
    added = {"deployed": deployed, "reserve": reserve}
    fields = {}
    for name, a in arrays.items():
        if name in SHARED_FIELDS:
            fields[name] = broadcast_rows(a, n)
        elif added.get(name) is not None:
            fields[name] = a + added[name]
        else:
            fields[name] = a.repeat(n, axis=0)
    return World(**fields)


def broadcast_rows(row: np.ndarray, n: int) -> np.ndarray:
    """A one-row array as `n` rows, without copying (read only): `np.broadcast_to(row, (n,
    ...))`, made directly."""
    if not row.flags.c_contiguous:
        return np.broadcast_to(row, (n,) + row.shape[1:])
    view = np.ndarray((n,) + row.shape[1:], row.dtype, row, 0, (0,) + row.strides[1:])
    view.flags.writeable = False
    return view


def world_key(level: Level, state: GameState) -> tuple:
    """What `world_of(level, state)` is made from: states with equal keys have equal worlds."""
    talks = state.talks
    treaty = talks.treaty.verification if talks.stage == "in-force" and talks.treaty is not None else None
    cache = _cache(level)
    allies = _converted(cache["allies"], state.allies, _ally_arrays, cache)[6]
    us, china = state.sides
    return (state.deployed, state.reserve, state.progress, state.pace, allies, state.tension,
            state.produced, ((us.spent, us.talks_bonus), (china.spent, china.talks_bonus)), treaty)


def world_arrays(level: Level, state: GameState, shared: bool = False) -> dict[str, np.ndarray]:
    """The fields of `world_of(level, state)`, as new arrays; with `shared`, some are the
    arrays remembered for the state's tuples, to be read (or copied) and never changed."""
    cache = _cache(level)
    sides = state.sides
    allies = _converted(cache["allies"], state.allies, _ally_arrays, cache)
    kept = (lambda a: a) if shared else np.copy
    return dict(
        deployed=kept(_converted(cache["deployed"], state.deployed, _deployed_array, cache)),
        reserve=np.array(state.reserve, dtype=float)[None],
        progress=kept(_converted(cache["progress"], state.progress, _progress_array, cache)),
        funded=kept(_converted(cache["pace"], state.pace, _funded_array, cache)),
        pledge=kept(allies[0]),
        ally_will=kept(allies[1]),
        ally_exposure=kept(allies[2]),
        tension=np.array([state.tension]),
        produced=np.array(state.produced, dtype=float)[None],
        spent=kept(_converted(cache["sides"], sides, _spent_array, cache)),
        budget=kept(cache["budget"]),
        treaty=np.array([_treaty(level, state)]),
        talks_bonus=np.array([[sides[0].talks_bonus, sides[1].talks_bonus]]),
    )


def _spent_array(sides, cache) -> np.ndarray:
    return np.array([_spent(sides)])


def _spent(sides) -> list[list[float]]:
    """Each side's spending this year by COST_KINDS."""
    spent = [[0.0] * len(COST_KINDS), [0.0] * len(COST_KINDS)]
    for si, side in enumerate(sides):
        row = spent[si]
        for kind, amount in side.spent:
            row[_COST_INDEX[kind]] += amount
    return spent


def _treaty(level: Level, state: GameState) -> float:
    talks = state.talks
    if talks.stage != "in-force" or talks.treaty is None:
        return 0.0
    return verified_strength(level, talks.treaty.verification)


_LAST_FORCES: tuple = (None, None, None)  # (what the last forces' part was made from, its pledges, the part)


class _StateWorld(World):
    """What `world_of` returns: a World whose arrays are made when first read. Until one is
    read (and so could have been changed), `scoring.score` reads the state itself, through
    `score_fast`: the same numbers without making arrays only to read them back."""

    __slots__ = ("_level", "_state", "_arrays")

    def __new__(cls, *args, **kwargs):
        if args or kwargs:  # a changed copy (attrs.evolve, state.evolve): a plain World
            return World(*args, **kwargs)
        return object.__new__(cls)

    def __reduce__(self):
        return World, tuple(getattr(self, a.name) for a in World.__attrs_attrs__)

    def score_fast(self, plan):
        if self._arrays is not None:
            return None
        global _LAST_FORCES
        level, state = self._level, self._state
        cache = _cache(level)
        allies = _converted(cache["allies"], state.allies, _ally_arrays, cache)
        pledge = allies[3]
        # The forces' part of the model, remembered for the last forces, programs, production and
        # pledges (a walk-out's tension, say, changes none of them).
        basis = (plan, state.deployed, state.reserve, state.progress, state.pace, state.produced)
        last = _LAST_FORCES
        if last[0] is not None and all(map(operator.is_, basis, last[0])) and last[1] == pledge:
            forces = last[2]
        else:
            forces = _row_forces(
                plan,
                _converted(cache["deployed"], state.deployed, _deployed_array, cache)[0],
                np.array(state.reserve, dtype=float),
                _converted(cache["progress"], state.progress, _progress_array, cache)[0],
                _converted(cache["pace"], state.pace, _funded_array, cache)[0],
                np.array(state.produced, dtype=float),
                pledge,
            )
            _LAST_FORCES = (basis, pledge, forces)
        sides = state.sides
        return _row_scores(plan, forces, pledge, allies[4], allies[5], _spent(sides), cache["budget_list"],
                           state.tension, _treaty(level, state), [sides[0].talks_bonus, sides[1].talks_bonus])


def _lazy_field(name: str) -> property:
    def get(self):
        arrays = self._arrays
        if arrays is None:
            arrays = world_arrays(self._level, self._state)
            object.__setattr__(self, "_arrays", arrays)
        return arrays[name]

    return property(get, doc=f"World.{name}, made when first read")


for _field in World.__attrs_attrs__:
    setattr(_StateWorld, _field.name, _lazy_field(_field.name))
del _field


# ---- conversions remembered by identity --------------------------------------------------
#
# A state shares most of its tuples with the state before it (a new state is made by replacing
# a few fields), so the arrays made from a tuple are remembered while the tuple is alive: each
# entry holds the tuple itself, so its id cannot be reused while the entry exists. world_of
# hands out copies, never the remembered arrays. Each conversion gives the same array as the
# plain numpy expression it replaces (noted on each).

_COST_INDEX = {kind: i for i, kind in enumerate(COST_KINDS)}
_CONVERTED_LIMIT = 2048
_LAST: list = [None, None]  # (level, its cache) of the last call


def _cache(level: Level) -> dict:
    if _LAST[0] is level:
        return _LAST[1]
    store = memo("world_of", level)
    if not store:
        store["budget"] = np.array([[level.sides["us"].budget, level.sides["china"].budget]])
        store["budget_list"] = store["budget"].tolist()[0]
        store["dev_years"] = [c.dev_years for c in level.classes]
        for name in ("deployed", "progress", "pace", "allies", "sides"):
            store[name] = {}
    _LAST[0], _LAST[1] = level, store
    return store


def _converted(known: dict, value, convert, cache: dict):
    hit = known.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    if len(known) >= _CONVERTED_LIMIT:
        del known[next(iter(known))]  # the oldest entry
    out = convert(value, cache)
    known[id(value)] = (value, out)
    return out


def _deployed_array(deployed, cache) -> np.ndarray:
    return np.array(deployed, dtype=float)[None]


def _progress_array(progress, cache) -> np.ndarray:
    # progress_fraction: min(progress / max(dev, 1e-9), 1), and 1 where dev is 0 (IEEE division
    # and minimum, as numpy does them).
    out = []
    for p, dev in zip(progress, cache["dev_years"]):
        if dev == 0:
            out.append(1.0)
        else:
            f = p / max(dev, 1e-9)
            out.append(f if f < 1.0 else 1.0)
    return np.array([out], dtype=float)


def _funded_array(pace, cache) -> np.ndarray:
    return np.array([PACE_FACTOR[p] > 0 for p in pace], dtype=float)[None]


def _ally_arrays(allies, cache) -> tuple:
    """The pledge, willingness and exposure arrays, then the same as lists (of their values),
    then all those values in one tuple (for `world_key`)."""
    arrays = (
        np.array([a.pledge for a in allies], dtype=np.int64).reshape(1, -1),
        np.array([effective_willingness(a) for a in allies], dtype=float).reshape(1, -1),
        np.array([a.economic_exposure for a in allies], dtype=float).reshape(1, -1),
    )
    lists = tuple(x.tolist()[0] for x in arrays)
    return arrays + lists + (tuple(lists[0] + lists[1] + lists[2]),)
