"""Turning a game state into the arrays the scoring model reads."""

from __future__ import annotations

import numpy as np

from game.model.allies import effective_willingness
from game.model.level import Level
from game.model.scoring import COST_KINDS, World
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
    spent = np.zeros((1, 2, len(COST_KINDS)))
    for si, side in enumerate(state.sides):
        for kind, amount in side.spent:
            spent[0, si, COST_KINDS.index(kind)] += amount
    level_budget = [level.sides["us"].budget, level.sides["china"].budget]
    return World(
        deployed=np.array(state.deployed, dtype=float)[None],
        reserve=np.array(state.reserve, dtype=float)[None],
        progress=progress_fraction(level, state)[None],
        funded=np.array([PACE_FACTOR[p] > 0 for p in state.pace], dtype=float)[None],
        pledge=np.array([a.pledge for a in state.allies], dtype=np.int64).reshape(1, -1),
        ally_will=np.array([effective_willingness(a) for a in state.allies], dtype=float).reshape(1, -1),
        ally_exposure=np.array([a.economic_exposure for a in state.allies], dtype=float).reshape(1, -1),
        tension=np.array([state.tension]),
        produced=np.array(state.produced, dtype=float)[None],
        spent=spent,
        budget=np.array([level_budget]),
        treaty=np.array([treaty_strength(level, state)]),
        talks_bonus=np.array([[s.talks_bonus for s in state.sides]]),
    )
