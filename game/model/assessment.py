"""Indices with their breakdowns, in words: what the window, the text mode and reports show."""

from __future__ import annotations

from attrs import frozen

from game.model.level import CHAINS, SIDES, Level
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
from game.model.world import world_of

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


def _index(key: str, name: str, value, terms, names) -> Index:
    kept = tuple(Term(n, float(v)) for n, v in zip(names, terms) if abs(v) > 1e-9)
    return Index(key=key, name=name, value=float(value), terms=kept)


def explain(level: Level, s: Scores, n: int = 0) -> Assessment:
    """Turn row `n` of a batch of model output into named indices."""
    names = labels(level)
    per_side = []
    for si, side in enumerate(SIDES):
        per_side.append({
            "deterrence": _index("deterrence", "Deterrence", s.deterrence[n, si], s.deterrence_terms[n, si], names["deterrence"]),
            "leverage": _index("leverage", "Leverage", s.leverage[n, si], s.leverage_terms[n, si], names["leverage"]),
            "standing": _index("standing", STANDING_NAMES[side], s.standing[n, si], s.standing_terms[n, si], names["standing"]),
            "cost": _index("cost", "Cost", s.cost[n, si], s.cost_terms[n, si], names["cost"]),
            "talks": _index("talks", "Willingness to talk", s.talks[n, si], s.talks_terms[n, si], names["talks"]),
            "score": _index("score", "Score", s.score[n, si], s.score_terms[n, si], names["score"]),
        })
    shared = {"risk": _index("risk", "Escalation risk", s.risk[n], s.risk_terms[n], names["risk"])}
    scores = {side: float(s.score[n, si]) for si, side in enumerate(SIDES)}
    return Assessment(us=per_side[0], china=per_side[1], shared=shared, scores=scores)


def assess(level: Level, state: GameState) -> Assessment:
    return explain(level, score(level, world_of(level, state)))


def willingness(level: Level, state: GameState) -> dict[str, float]:
    """Each side's willingness to talk (0–100), without the breakdowns."""
    talks = score(level, world_of(level, state)).talks[0]
    return {side: float(talks[i]) for i, side in enumerate(SIDES)}
