"""One sentence of reason for each answer a scripted side gives, built from its evaluation."""

from __future__ import annotations

from game.model.actions import Offer
from game.model.level import Level, Side, other
from game.model.negotiation import DealValue, holdings, metrics
from game.model.state import GameState
from game.numbers import rounded_down, signed

FROM = {"us": "the United States", "china": "China"}


def _cuts(level: Level, state: GameState, offer: Offer, side: Side) -> tuple[str, int]:
    """'60 DF-26 IRBMs and 24 DF-21 MRBMs' and how many of them are not yet built."""
    parts, paper = [], 0
    for term in offer.terms:
        if term.side != side or term.kind != "reduce":
            continue
        ci = level.class_index(term.cls)
        parts.append(level.classes[ci].count(term.count))
        paper += max(0, term.count - holdings(state, ci))
    return " and ".join(parts), paper


def deal_reason(
    level: Level, state: GameState, side: Side, offer: Offer, value: DealValue, bar: float, accepted: bool
) -> str:
    ours, _ = _cuts(level, state, offer, side)
    theirs, paper = _cuts(level, state, offer, other(side))
    given = [f"removes {ours} of ours"] if ours else []
    if offer.zones and side == "us":
        given.append("closes the first island chain to our missiles")
    gives = " and ".join(given) or "asks nothing of our forces"
    if offer.zones and side == "china":
        gets = "keeping U.S. missiles out of the first island chain" + (f" and {theirs}" if theirs else "")
    else:
        gets = f"{theirs} from {FROM[other(side)]}" if theirs else "nothing from the other side"
    if paper:
        gets += f" ({paper} of them not yet fielded)"
    verdict = "Accepted" if accepted else "Rejected"
    tail = f"worth {signed(value.total)} to us, and we need {signed(bar)}"
    if not accepted and not metrics(level, state, offer).same_class:
        tail += "; a cross-class formula is hard to value and to verify"
    return f"{verdict}: it {gives} for {gets}; {tail}."


def ladder_reason(level: Level, stage: str, will: float, accepted: bool, margin: float = 0.0) -> str:
    need = level.rules.exploratory_threshold if stage == "exploratory" else level.rules.formal_threshold
    if accepted:
        return f"Agreed: our willingness to talk ({rounded_down(will)}) is enough for {stage} talks."
    if will < need:
        return f"Not yet: our willingness to talk is {rounded_down(will)} and {stage} talks need {need:.0f}."
    return f"Not yet: we are not convinced {stage} talks would serve us (willingness {rounded_down(will)})."
