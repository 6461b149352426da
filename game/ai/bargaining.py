"""How a scripted side talks: when to climb the ladder, what to offer, what to accept, and why.

Every deal is valued through the scoring model (`negotiation.values_of`): the side's score with
the deal against its score without. A personality sets how much it must gain (its reservation,
which falls over the years along its concession curve); a difficulty sets how many offers it
weighs, how far it looks ahead and whether it checks an offer against the other side's view.
"""

from __future__ import annotations

import hashlib
import struct

from attrs import frozen

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
from game.model.level import Level, Side, called, other
from game.model.memo import memo
from game.model.negotiation import DealValue, holdings, values_for, values_of
from game.model.offers import tradeable_count
from game.model.state import GameState
from game.model.state import evolve as fast_evolve
from game.model.talks import LADDER, check, threshold
from game.model.world import PACE_FACTOR
from game.numbers import signed

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
    return [_misjudged(state, side, offer, value, diff, seed)
            for offer, value in zip(offers, values_of(level, seen, side, offers))]


def _misjudged(state, side, offer: Offer, value: DealValue, diff: Difficulty, seed: int) -> DealValue:
    """The value as this side sees it: with its error, at a difficulty with noise."""
    if diff.noise <= 0:
        return value
    return fast_evolve(value, total=value.total + _misjudgement(seed, state.year, side, offer, diff.noise))


_ERRORS: dict = {}
_TWELVE_WORDS = struct.Struct("<12I")
_OFFER_TEXT: dict = {}


def _misjudgement(seed: int, year: int, side: Side, offer: Offer, noise: float) -> float:
    """The error of this side's valuation of an offer this year: a pure function of its
    arguments, remembered by the offer object (a side weighs the same offers several times a
    year; an equal offer in another object is worked out again, to the same number).

    `noise` times a sum of twelve uniform draws less six (mean 0, standard deviation 1, within
    six of 0): the draws are twelve 32-bit words of a hash of the arguments, and the sum is
    exact, so the error is the same number on every machine."""
    key = (seed, year, side, id(offer), noise)
    hit = _ERRORS.get(key)
    if hit is not None and hit[0] is offer:
        return hit[1]
    if len(_ERRORS) > 50000:
        _ERRORS.clear()
    text = f"({seed!r}, {year!r}, {side!r}, {_offer_text(offer)})"  # repr((seed, year, side, offer))
    words = _TWELVE_WORDS.unpack_from(hashlib.blake2b(text.encode(), digest_size=48).digest())
    error = noise * (sum(words) / 2.0**32 - 6.0)
    _ERRORS[key] = (offer, error)
    return error


def _offer_text(offer: Offer) -> str:
    """repr(offer), remembered by the offer object (both sides weigh the same offers)."""
    hit = _OFFER_TEXT.get(id(offer))
    if hit is not None and hit[0] is offer:
        return hit[1]
    if len(_OFFER_TEXT) > 5000:
        _OFFER_TEXT.clear()
    text = repr(offer)
    _OFFER_TEXT[id(offer)] = (offer, text)
    return text


def candidates(level: Level, state: GameState, side: Side, limit: int) -> list[Offer]:
    """Offers worth weighing: reductions of matching or scaled size, with and without a zone;
    the largest like-for-like ones, and at least a quarter of `limit` cross-class ones (the
    model then judges both kinds alike)."""
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


CROSS_SHARE = 4  # at least limit // CROSS_SHARE of the offers weighed are cross-class, if there are any


def _candidates(level: Level, state: GameState, limit: int) -> list[Offer]:
    us = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "us"]
    china = [(ci, c) for ci, c in enumerate(level.classes) if c.side == "china" and c.ground_launched]
    trade = [c.trade_class for c in level.classes]
    # Each offer as (-volume, (U.S. class, count, Chinese class, count, with a zone)), by kind.
    same: list[tuple] = []
    cross: list[tuple] = []
    for ui, u in us:
        have_u = tradeable_count(level, state, ui)
        if have_u == 0:
            continue
        for ki, k in china:
            have_k = holdings(state, ki)
            if have_k == 0:
                continue
            kind = same if trade[ui] == trade[ki] else cross
            for ratio in RATIOS:
                n_china = min(have_k, have_u * ratio)
                n_us = max(1, min(have_u, n_china // ratio))
                kind.append((-(n_us + n_china), (ui, n_us, ki, n_china, False)))
                if u.ground_launched:
                    kind.append((-(n_us + n_china), (ui, n_us, ki, n_china, True)))
    n_cross = min(len(cross), max(limit // CROSS_SHARE, limit - len(same)))
    return _largest(level, same, limit - n_cross) + _largest(level, cross, n_cross)


def _largest(level: Level, specs: list[tuple], limit: int) -> list[Offer]:
    """The offers of the first `limit` specs sorted by (-volume, repr(offer)), stably: each run
    of equal volumes is sorted by repr, which is dear to make and so made only for ties, and
    only until `limit` offers are in order."""
    specs.sort(key=lambda pair: pair[0])
    out: list[Offer] = []
    i = 0
    while i < len(specs) and len(out) < limit:
        j = i + 1
        while j < len(specs) and specs[j][0] == specs[i][0]:
            j += 1
        group = [_offer(level, spec) for _, spec in specs[i:j]]
        if len(group) > 1:
            group.sort(key=_offer_text)
        out.extend(group)
        i = j
    return out[:limit]


def _offer(level: Level, spec: tuple[int, int, int, int, bool]) -> Offer:
    """The generated offer of a spec (see `_candidates`): one object per spec and level."""
    store = memo("generated offers", level)
    offer = store.get(spec)
    if offer is None:
        ui, n_us, ki, n_china, zoned = spec
        terms = (Term("us", level.classes[ui].id, "reduce", n_us),
                 Term("china", level.classes[ki].id, "reduce", n_china))
        if zoned:
            offer = Offer(terms=terms, zones=("first",), verification="data", years=3)
        else:
            offer = Offer(terms=terms, verification="onsite", years=3)
        if len(store) > 20000:
            store.clear()
        store[spec] = offer
    return offer


@frozen
class Weighed:
    """The offers a side weighed (`count`): the one it likes most of those that clear its `bar`
    and that it expects the other side to take (None if none does), and the most that any it
    expects the other side to take is worth to it (None if none). A side that does not `read`
    the other side expects it to take anything."""

    best: tuple[Offer, DealValue] | None
    nearest: float | None
    bar: float
    read: bool
    count: int

    def silence(self, them: Side) -> str:
        """Why this side makes no offer, when `best` is None."""
        if not self.count:
            return "We have no offer to make: no missiles of ours or theirs are left to trade."
        if self.nearest is None:
            return f"We see no deal {called(them)} would take, as we read it."
        if self.read:
            return (f"We see no deal {called(them)} would take that is worth the {signed(self.bar)} we need: "
                    f"the best of those is worth {signed(self.nearest)} to us.")
        return f"We see no deal worth the {signed(self.bar)} we need: the best is worth {signed(self.nearest)} to us."


def best_offer(level, state, side, persona, diff, seed) -> Weighed:
    """The offer this side likes most among those it expects the other side to take."""
    tried = [e.offer for e in state.talks.transcript if e.year == state.year and e.offer is not None]
    pool = [o for o in candidates(level, state, side, diff.offers) if not any(o is t or o == t for t in tried)]
    bar = reservation(level, state, side, persona)
    if not pool:
        return Weighed(None, None, bar, diff.reads_opponent, 0)
    # Its own view (projected) and, at a difficulty that reads the opponent, the other side's
    # (as things stand), scored together.
    asked = [(project(level, state, diff.lookahead), side, pool)]
    if diff.reads_opponent:
        asked.append((state, other(side), pool))
    values = values_for(level, asked)
    best, nearest = None, None
    for i, offer in enumerate(pool):
        if diff.reads_opponent and values[1][i].total < OPPONENT_BAR:
            continue  # the other side would refuse it: how this side misjudges it does not matter
        value = _misjudged(state, side, offer, values[0][i], diff, seed)
        if nearest is None or value.total > nearest:
            nearest = value.total
        if value.total < bar:
            continue
        if best is None or value.total > best[1].total:
            best = (offer, value)
    return Weighed(best, nearest, bar, diff.reads_opponent, len(pool))


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
        counter = best_offer(level, state, side, persona, diff, seed).best
        if counter is not None:
            return ProposeDeal(counter[0], reason=why + " We propose another deal instead.")
        return RejectDeal(reason=why)
    if talks.stage in LADDER and _wants_next_rung(level, state, side, persona):
        return ProposeTalks()
    if talks.stage == "formal" and not _spoke_this_year(state, side):
        weighed = best_offer(level, state, side, persona, diff, seed)
        if weighed.best is None:
            return EndTalks(reason=weighed.silence(other(side)))
        offer, value = weighed.best
        return ProposeDeal(offer, reason=f"We value this at {signed(value.total)}.")
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
