"""How a scripted side talks: when to climb the ladder, what to offer, what to accept, and why.

Every deal is valued through the scoring model (`negotiation.values_of`): the side's score with
the deal against its score without. A personality sets how much it must gain (its reservation,
which falls over the years along its concession curve); a difficulty sets how many offers it
weighs, how far it looks ahead and whether it checks an offer against the other side's view.
"""

from __future__ import annotations

import zlib

import numpy as np

from game.ai.profile import Difficulty, Personality
from game.ai.reasons import deal_reason, ladder_reason
from game.model.actions import (
    AcceptDeal,
    AcceptTalks,
    EndTalks,
    IllegalAction,
    Offer,
    ProposeDeal,
    ProposeTalks,
    RejectDeal,
    RejectTalks,
    Term,
)
from game.model.level import Level, Side, other
from game.model.memo import memo
from game.model.negotiation import DealValue, holdings, values_of
from game.model.offers import tradeable_count
from game.model.state import GameState
from game.model.state import evolve as fast_evolve
from game.model.talks import LADDER, check, threshold
from game.model.world import PACE_FACTOR

RATIOS = (1, 2, 4)  # how many of the larger force for one of the smaller, in generated offers
OPPONENT_BAR = 0.0  # an offer is worth making if the other side gains at least this much


def concession_curve(level: Level, year: int, persona: Personality) -> float:
    """The personality's reservation in `year` before it reacts to the game: from
    reservation_start to reservation_end, along tau ** (1 / concession)."""
    span = max(1, level.end_year - level.start_year)
    tau = min(1.0, max(0.0, (year - level.start_year) / span))
    drop = persona.reservation_start - persona.reservation_end
    return persona.reservation_start - drop * tau ** (1.0 / persona.concession)


def reservation(level: Level, state: GameState, side: Side, persona: Personality) -> float:
    """The least a deal must be worth to this side now, in score points."""
    r = concession_curve(level, state.year, persona)
    if persona.opportunism and state.history:
        now = state.history[-1].indices
        gap = now[side]["leverage"] - now[other(side)]["leverage"]
        r += persona.opportunism * gap / 25.0
        if len(state.history) > 1 and now[side]["leverage"] < state.history[-2].indices[side]["leverage"]:
            r -= persona.opportunism
    if persona.reciprocity:
        r -= persona.reciprocity * _their_concession(level, state, side)
    return r


def _their_concession(level: Level, state: GameState, side: Side) -> float:
    """How much better for us the other side's latest offer was than its one before."""
    theirs = [e.offer for e in state.talks.transcript if e.side == other(side) and e.verb == "offers"]
    if len(theirs) < 2:
        return 0.0
    before, last = values_of(level, state, side, [theirs[-2], theirs[-1]])
    return max(0.0, last.total - before.total)


def project(level: Level, state: GameState, years: int) -> GameState:
    """The state as this side expects it in `years`: funded programs advance."""
    if years <= 0:
        return state
    progress = tuple(
        min(float(c.dev_years), p + years * PACE_FACTOR[pace] * level.years_per_round)
        for c, p, pace in zip(level.classes, state.progress, state.pace)
    )
    return fast_evolve(state, progress=progress)


def valuations(level, state, side, offers, diff: Difficulty, seed: int) -> list[DealValue]:
    seen = project(level, state, diff.lookahead)
    values = values_of(level, seen, side, offers)
    if diff.noise <= 0:
        return values
    out = []
    for offer, value in zip(offers, values):
        error = _misjudgement(seed, state.year, side, offer, diff.noise)
        out.append(fast_evolve(value, total=value.total + error))
    return out


_ERRORS: dict = {}


def _misjudgement(seed: int, year: int, side: Side, offer: Offer, noise: float) -> float:
    """The error of this side's valuation of an offer this year: a pure function of its
    arguments, remembered (a side weighs the same offers several times a year)."""
    key = (seed, year, side, offer, noise)
    error = _ERRORS.get(key)
    if error is None:
        if len(_ERRORS) > 50000:
            _ERRORS.clear()
        crc = zlib.crc32(repr((seed, year, side, offer)).encode())
        error = _ERRORS[key] = float(np.random.default_rng(crc).normal(0.0, noise))
    return error


def candidates(level: Level, state: GameState, side: Side, limit: int) -> list[Offer]:
    """Offers worth weighing: reductions of matching or scaled size, with and without a zone."""
    # The same for every state with the same forces, programs and paces (the talks of a year):
    # remembered while those tuples are alive (each entry holds them, so ids are not reused).
    store = memo("candidate offers", level)
    parts = (state.deployed, state.reserve, state.progress, state.pace)
    key = (limit, *map(id, parts))
    hit = store.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], parts)):
        return list(hit[1])
    if len(store) > 1000:
        store.clear()
    found = _candidates(level, state, limit)
    store[key] = (parts, found)
    return list(found)


def _candidates(level: Level, state: GameState, limit: int) -> list[Offer]:
    us = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "us"]
    china = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "china" and c.ground_launched]
    offers: list[Offer] = []
    for ui, u in us:
        have_u = tradeable_count(level, state, ui)
        if have_u == 0:
            continue
        for ki, k in china:
            have_k = holdings(state, ki)
            if have_k == 0:
                continue
            for ratio in RATIOS:
                n_china = min(have_k, have_u * ratio)
                n_us = max(1, min(have_u, n_china // ratio))
                terms = (Term("us", u.id, "reduce", n_us), Term("china", k.id, "reduce", n_china))
                offers.append(Offer(terms=terms, verification="onsite", years=3))
                if u.ground_launched:
                    offers.append(Offer(terms=terms, zones=("first",), verification="data", years=3))
    # Sorted by (not same class, -volume, repr(offer)), stably: the same order as sorting by
    # (not same class, -volume) and then each run of equal keys by repr, which is dear to make
    # and so made only for ties, and only until `limit` offers are in order.
    trade = {c.id: c.trade_class for c in level.classes}
    keyed = [((_same_class_of(trade, o) is False, -_volume(o)), o) for o in offers]
    keyed.sort(key=lambda pair: pair[0])
    out: list[Offer] = []
    i = 0
    while i < len(keyed) and len(out) < limit:
        j = i + 1
        while j < len(keyed) and keyed[j][0] == keyed[i][0]:
            j += 1
        group = [o for _, o in keyed[i:j]]
        if len(group) > 1:
            group.sort(key=repr)
        out.extend(group)
        i = j
    return out[:limit]


def _same_class(level: Level, offer: Offer) -> bool:
    trades = {t.side: level.classes[level.class_index(t.cls)].trade_class for t in offer.terms}
    return trades.get("us") == trades.get("china")


def _same_class_of(trade: dict[str, str], offer: Offer) -> bool:
    """`_same_class` with the classes' trade classes at hand."""
    trades = {t.side: trade[t.cls] for t in offer.terms}
    return trades.get("us") == trades.get("china")


def _volume(offer: Offer) -> int:
    return sum(t.count for t in offer.terms)


def best_offer(level, state, side, persona, diff, seed) -> tuple[Offer, DealValue] | None:
    """The offer this side likes most among those it expects the other side to take."""
    tried = {e.offer for e in state.talks.transcript if e.year == state.year and e.offer is not None}
    pool = [o for o in candidates(level, state, side, diff.offers) if o not in tried]
    if not pool:
        return None
    mine = valuations(level, state, side, pool, diff, seed)
    bar = reservation(level, state, side, persona)
    if diff.reads_opponent:
        theirs = values_of(level, state, other(side), pool)
    else:
        theirs = [None] * len(pool)
    best = None
    for offer, value, their in zip(pool, mine, theirs):
        if value.total < bar or (their is not None and their.total < OPPONENT_BAR):
            continue
        if best is None or value.total > best[1].total:
            best = (offer, value)
    return best


def _legal(level, state, side, action) -> bool:
    try:
        check(level, state, side, action)
    except IllegalAction:
        return False
    return True


def next_talks_action(level, state, side, persona: Personality, diff: Difficulty, seed: int):
    talks = state.talks
    if talks.awaiting == "talks":
        nxt = LADDER[talks.stage]
        will = talks.willingness[0 if side == "us" else 1]
        margin = (1.0 - persona.eagerness) * 10.0
        if will >= threshold(level, nxt) + margin and _legal(level, state, side, AcceptTalks()):
            return AcceptTalks(reason=ladder_reason(level, nxt, will, accepted=True))
        return RejectTalks(reason=ladder_reason(level, nxt, will, accepted=False, margin=margin))
    if talks.awaiting == "deal":
        value = valuations(level, state, side, [talks.offer], diff, seed)[0]
        bar = reservation(level, state, side, persona)
        if value.total >= bar:
            return AcceptDeal(reason=deal_reason(level, state, side, talks.offer, value, bar, accepted=True))
        why = deal_reason(level, state, side, talks.offer, value, bar, accepted=False)
        counter = best_offer(level, state, side, persona, diff, seed)
        if counter is not None:
            return ProposeDeal(counter[0], reason=why + " We propose another deal instead.")
        return RejectDeal(reason=why)
    if talks.stage in LADDER and _wants_next_rung(level, state, side, persona):
        return ProposeTalks()
    if talks.stage == "formal" and not _spoke_this_year(state, side):
        found = best_offer(level, state, side, persona, diff, seed)
        if found is not None:
            return ProposeDeal(found[0], reason=f"We value this at {found[1].total:+.1f}.")
    return EndTalks()


def _wants_next_rung(level, state, side, persona: Personality) -> bool:
    """Propose the next rung once a year, when eager enough and willing with a margin."""
    asked = any(e.year == state.year and e.side == side and e.verb.startswith("proposes") for e in state.talks.transcript)
    if asked or persona.eagerness < 0.3 or not _legal(level, state, side, ProposeTalks()):
        return False
    will = state.talks.willingness[0 if side == "us" else 1]
    return will >= threshold(level, LADDER[state.talks.stage]) + (1.0 - persona.eagerness) * 10.0


def _spoke_this_year(state: GameState, side: Side) -> bool:
    return any(e.year == state.year and e.side == side and e.verb == "offers" for e in state.talks.transcript)
