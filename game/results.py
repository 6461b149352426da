"""A finished game as plain, JSON-ready data, and summaries of many of them.

Used by `python -m game simulate --json` and by the terminal game. Floats are rounded to
`DECIMALS` places so that the same games give byte-identical JSON on every machine.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from game.analysis.claims import formal_year
from game.model.actions import Offer
from game.model.assessment import year_scores
from game.model.codec import converter
from game.model.engine import OUTCOMES
from game.model.game import Game
from game.model.level import SIDES
from game.model.negotiation import TREATY_KINDS, treaty_kind
from game.stats import mean_interval, median_interval, rate_interval

DECIMALS = 6


def plain(value: Any) -> Any:
    """`value` with tuples as lists, floats rounded (non-finite ones as None), -0.0 as 0.0."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return round(value, DECIMALS) + 0.0
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "item"):  # a numpy scalar
        return plain(value.item())
    raise TypeError(f"cannot turn {type(value).__name__} into plain data")


def treaty_data(offer: Offer | None) -> dict[str, Any] | None:
    return None if offer is None else plain(converter.unstructure(offer, Offer))


def outcome_record(game: Game) -> dict[str, Any]:
    """What summaries and the tournament read of a finished game: seed, outcome, years, the
    year formal talks opened, the year of agreement and the kind of treaty, and each side's
    final score and its gain since the first year."""
    state, level = game.state, game.level
    final = year_scores(level, state).score[0].tolist()
    scores = dict(zip(SIDES, final))
    first = state.history[0].scores if state.history else scores
    talks = state.talks
    return plain({
        "seed": state.seed,
        "outcome": state.outcome,
        "start_year": level.start_year,
        "final_year": state.year,
        "formal_year": formal_year(state),
        "agreement_year": talks.signed_year if talks.treaty is not None else None,
        "treaty_kind": treaty_kind(level, state),
        "score": scores,
        "score_gain": {side: scores[side] - first[side] for side in SIDES},
    })


def game_record(game: Game) -> dict[str, Any]:
    """One game: its `outcome_record`, the treaty (signed or in force), every index and the
    state hash."""
    record = outcome_record(game)
    record.update(
        treaty=treaty_data(game.state.talks.treaty),
        indices=plain(game.assessment().values()),
        state_hash=game.state_hash(),
    )
    return record


def summarise(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Outcome counts (every outcome, in the engine's order), mean scores, how often formal
    talks opened, agreement rate, treaties by kind."""
    records = list(records)
    outcomes = {name: 0 for name in OUTCOMES}
    for r in records:
        key = r["outcome"] if r["outcome"] is not None else "unfinished"
        outcomes[key] = outcomes.get(key, 0) + 1
    n = len(records)
    mean_score = {
        side: (sum(r["score"][side] for r in records) / n if n else None) for side in SIDES
    }
    agreed = [r["agreement_year"] - r["start_year"] for r in records if r["agreement_year"] is not None]
    formal = [r["formal_year"] - r["start_year"] for r in records if r["formal_year"] is not None]
    return plain({
        "outcomes": outcomes,
        "mean_score": mean_score,
        "formal_rate": len(formal) / n if n else None,
        "agreement_rate": len(agreed) / n if n else None,
        "treaties": {kind: sum(r["treaty_kind"] == kind for r in records) for kind in TREATY_KINDS},
        "intervals": {
            "mean_score": {side: mean_interval([r["score"][side] for r in records]) for side in SIDES},
            "agreement_rate": rate_interval(len(agreed), n),
            "years_to_formal": median_interval(formal),
            "years_to_agreement": median_interval(agreed),
        },
    })
