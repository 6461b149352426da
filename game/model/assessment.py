"""Indices with their breakdowns, in words: what the window, the text mode and reports show."""

from __future__ import annotations

import operator

from attrs import frozen

from game.model.level import CHAINS, SIDES, Level
from game.model.memo import memo
from game.model.scoring import (
    COST_KINDS,
    RISK_TERMS,
    SCORE_TERMS,
    STANDING_NAMES,
    TALKS_TERMS,
    Scores,
    score,
)
from game.model.state import GameState
from game.model.world import treaty_strength, world_key, world_of

CHAIN_LABELS = {
    "first": "Forces in the first island chain",
    "second": "Forces in the second island chain",
    "mainland": "Forces on the mainland",
    "rear": "Forces in the rear",
}
INDEX_NAMES = {
    "deterrence": "Deterrence",
    "leverage": "Leverage",
    "standing": "Standing",
    "cost": "Cost",
    "talks": "Willingness to talk",
    "risk": "Escalation risk",
    "score": "Score",
}
SCORE_LABELS = {
    "deterrence": "Own deterrence",
    "threat": "Safety from the other side's missiles",
    "leverage": "Leverage balance (own against the other side's)",
    "standing": "Standing with allies",
    "risk": "Stability",
    "cost": "Money left",
}


@frozen
class Term:
    name: str
    value: float


@frozen
class Index:
    """An index on 0–100 and the named terms that add up to it."""

    key: str
    name: str
    value: float
    terms: tuple[Term, ...]

    def top(self, n: int = 3) -> tuple[Term, ...]:
        return tuple(sorted(self.terms, key=lambda t: -abs(t.value))[:n])


@frozen
class Assessment:
    us: dict[str, Index]
    china: dict[str, Index]
    shared: dict[str, Index]
    scores: dict[str, float]

    def side(self, side: str) -> dict[str, Index]:
        return self.us if side == "us" else self.china

    def values(self) -> dict[str, dict[str, float]]:
        return {
            "us": {k: i.value for k, i in self.us.items()},
            "china": {k: i.value for k, i in self.china.items()},
            "shared": {k: i.value for k, i in self.shared.items()},
        }

    def breakdowns(self) -> dict[str, dict[str, dict[str, float]]]:
        return {
            group: {k: {t.name: t.value for t in i.terms} for k, i in indices.items()}
            for group, indices in (("us", self.us), ("china", self.china), ("shared", self.shared))
        }


def labels(level: Level) -> dict[str, tuple[str, ...]]:
    """Names of the terms of each index, in the order the model's arrays hold them."""
    chains = tuple(CHAIN_LABELS[c] for c in CHAINS)
    return {
        "deterrence": ("Air, sea and other forces",) + tuple(c.name for c in level.classes) + ("Exposure of own bases",),
        "leverage": chains + ("Reserve (not based forward)", "Programs on paper")
        + tuple(f"{a.name} pledge" for a in level.allies),
        "standing": tuple(a.name for a in level.allies),
        "cost": tuple(k.capitalize() for k in COST_KINDS) + ("Over budget",),
        "risk": RISK_TERMS,
        "talks": TALKS_TERMS + ("Limit 0–100",),
        "score": tuple(SCORE_LABELS[k] for k in SCORE_TERMS),
    }


def _rows(level: Level, s: Scores, n: int):
    """Each index of row `n` as (group, key, name, value, terms), in the order `explain` lists
    them; terms are (name, value) pairs without the ones that are zero (within 1e-9)."""
    names = _labels(level)
    per_side = [
        (key, values[n].tolist(), terms[n].tolist())
        for key, values, terms in (
            ("deterrence", s.deterrence, s.deterrence_terms),
            ("leverage", s.leverage, s.leverage_terms),
            ("standing", s.standing, s.standing_terms),
            ("cost", s.cost, s.cost_terms),
            ("talks", s.talks, s.talks_terms),
            ("score", s.score, s.score_terms),
        )
    ]
    for si, side in enumerate(SIDES):
        for key, values, terms in per_side:
            name = STANDING_NAMES[side] if key == "standing" else INDEX_NAMES[key]
            yield side, key, name, values[si], _kept(names[key], terms[si])
    yield "shared", "risk", INDEX_NAMES["risk"], float(s.risk[n]), _kept(names["risk"], s.risk_terms[n].tolist())


def _kept(names, values: list[float]) -> list[tuple[str, float]]:
    return [(name, v) for name, v in zip(names, values) if abs(v) > 1e-9]


def _labels(level: Level) -> dict[str, tuple[str, ...]]:
    store = memo("index labels", level)
    if not store:
        store.update(labels(level))
    return store


def explain(level: Level, s: Scores, n: int = 0) -> Assessment:
    """Turn row `n` of a batch of model output into named indices."""
    groups: dict[str, dict[str, Index]] = {"us": {}, "china": {}, "shared": {}}
    for group, key, name, value, terms in _rows(level, s, n):
        groups[group][key] = Index(key=key, name=name, value=value, terms=tuple(Term(*t) for t in terms))
    scores = {side: float(s.score[n, si]) for si, side in enumerate(SIDES)}
    return Assessment(us=groups["us"], china=groups["china"], shared=groups["shared"], scores=scores)


def figures(level: Level, s: Scores, n: int = 0) -> tuple[dict, dict, dict[str, float]]:
    """What `explain` gives as `values()`, `breakdowns()` and `scores`, without making the
    Index and Term objects (the year's record keeps only these)."""
    values: dict[str, dict[str, float]] = {"us": {}, "china": {}, "shared": {}}
    breakdowns: dict[str, dict[str, dict[str, float]]] = {"us": {}, "china": {}, "shared": {}}
    for group, key, _, value, terms in _rows(level, s, n):
        values[group][key] = value
        breakdowns[group][key] = dict(terms)
    return values, breakdowns, {side: float(s.score[n, si]) for si, side in enumerate(SIDES)}


def assess(level: Level, state: GameState) -> Assessment:
    return explain(level, score(level, world_of(level, state)))


_LAST_SCORED: tuple = (None, None)  # (the inputs of the last `year_scores` call, its Scores)
_WORLDS_LIMIT = 256  # worlds whose year scores are remembered


def year_scores(level: Level, state: GameState) -> Scores:
    """`score(level, world_of(level, state))`, remembered for the last state scored (the year's
    assessment often finds the forces, allies, sides, tension and treaty just as they were when
    the talks opened) and by world (games from one start, as a tournament's games of a seed
    are, often reach the same worlds). The Scores are shared: read only."""
    global _LAST_SCORED
    key = (level, state.deployed, state.reserve, state.progress, state.pace, state.produced, state.allies,
           state.sides, state.tension, treaty_strength(level, state))
    last, scores = _LAST_SCORED
    if last is not None and all(map(operator.is_, key[:-1], last[:-1])) and key[-1] == last[-1]:
        return scores
    store = memo("year scores", level)
    world = world_key(level, state)
    scores = store.get(world)
    if scores is None:
        if len(store) >= _WORLDS_LIMIT:
            store.clear()
        scores = store[world] = score(level, world_of(level, state))
    _LAST_SCORED = (key, scores)
    return scores


def willingness(level: Level, state: GameState) -> dict[str, float]:
    """Each side's willingness to talk (0–100), without the breakdowns."""
    talks = year_scores(level, state).talks[0]
    return {side: float(talks[i]) for i, side in enumerate(SIDES)}
