"""Offers and treaties: checking an offer, measuring it, valuing it, and carrying it out.

A side values a deal through the scoring model: its projected score with the deal against its
score without (the best alternative of no deal), less the cost of complexity. A cross-class
deal is complex because the two sides value the exchange differently (the level's exchange
rates), which is why such deals are harder to accept and to ratify.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
from attrs import evolve, frozen

from game.model.actions import VERIFICATION, ZONES, IllegalAction, Offer
from game.model.level import IN_A_SENTENCE, SIDES, Level, Side, other
from game.model.memo import memo
from game.model.scoring import World, score
from game.model.state import GameState
from game.model.state import evolve as fast_evolve
from game.model.world import verified_strength, world_of

MAX_TERMS = 8
MAX_YEARS = 10
TERM_COMPLEXITY = 0.05


@frozen
class OfferMetrics:
    nominal: dict[str, float]  # what each side gives up, in nominal units
    paper: dict[str, int]  # of which not yet built
    cross_share: float  # share of the volume traded across classes, 0..1
    complexity: float

    @property
    def same_class(self) -> bool:
        return self.cross_share == 0.0


@frozen
class DealValue:
    """What a deal is worth to one side, in score points, and why."""

    total: float
    theirs: float  # what the other side's commitments give us
    ours: float  # what our commitments (and zones) cost or give us
    complexity: float
    verification: float


def holdings(state: GameState, ci: int) -> int:
    return sum(state.deployed[ci]) + state.reserve[ci]


def check_offer(level: Level, state: GameState, offer: Offer) -> None:
    """Raise IllegalAction if the offer is malformed."""
    if not offer.terms and not offer.zones:
        raise IllegalAction("An offer needs at least one term or zone.")
    if len(offer.terms) > MAX_TERMS:
        raise IllegalAction(f"An offer may have at most {MAX_TERMS} terms.")
    if offer.verification not in VERIFICATION:
        raise IllegalAction(f"Verification must be one of {', '.join(VERIFICATION)}.")
    if not 1 <= offer.years <= MAX_YEARS:
        raise IllegalAction(f"Implementation must take 1 to {MAX_YEARS} years.")
    for zone in offer.zones:
        if zone not in ZONES:
            raise IllegalAction(f"Unknown zone '{zone}' (zones: {', '.join(ZONES)}).")
    seen = set()
    ids = {c.id: c for c in level.classes}
    for term in offer.terms:
        cls = ids.get(term.cls)
        if cls is None:
            raise IllegalAction(f"There is no class '{term.cls}'.")
        if cls.side != term.side:
            raise IllegalAction(f"{cls.name} belongs to {IN_A_SENTENCE[cls.side]}, not {IN_A_SENTENCE[term.side]}.")
        if term.kind not in ("reduce", "cap", "freeze"):
            raise IllegalAction(f"Unknown kind of term '{term.kind}'.")
        if term.count < 0 or (term.kind == "reduce" and term.count == 0):
            raise IllegalAction(f"The count for {cls.name} must be positive.")
        if (term.cls, term.kind) in seen:
            raise IllegalAction(f"{cls.name} appears twice as '{term.kind}'.")
        seen.add((term.cls, term.kind))
        if term.kind == "reduce":
            ci = level.class_index(term.cls)
            limit = holdings(state, ci) + 4 * cls.lot_size
            if term.count > limit:
                raise IllegalAction(
                    f"{term.count} {cls.name} is more than {IN_A_SENTENCE[term.side]} has or could build soon ({limit})."
                )


def metrics(level: Level, state: GameState, offer: Offer) -> OfferMetrics:
    by_trade: dict[str, dict[str, float]] = {"us": {}, "china": {}}
    nominal = {"us": 0.0, "china": 0.0}
    paper = {"us": 0, "china": 0}
    for term in offer.terms:
        if term.kind != "reduce":
            continue
        ci = level.class_index(term.cls)
        cls = level.classes[ci]
        value = term.count * cls.nominal_value
        nominal[term.side] += value
        paper[term.side] += max(0, term.count - holdings(state, ci))
        bucket = by_trade[term.side]
        bucket[cls.trade_class] = bucket.get(cls.trade_class, 0.0) + value
    for side, trade, value in _zone_volume(level, state, offer):
        by_trade[side][trade] = by_trade[side].get(trade, 0.0) + value
        nominal[side] += value
    total = nominal["us"] + nominal["china"]
    crossed = sum(v for s in SIDES for g, v in by_trade[s].items() if g not in by_trade[other(s)])
    cross_share = crossed / total if total > 0 else 0.0
    disagreement = _disagreement(level, by_trade) if cross_share > 0 else 0.0
    n_trade = len(set(by_trade["us"]) | set(by_trade["china"]))
    complexity = cross_share * (0.5 + 0.5 * disagreement) + TERM_COMPLEXITY * max(0, len(offer.terms) - 2)
    complexity += 0.1 * max(0, n_trade - 1)
    return OfferMetrics(nominal=nominal, paper=paper, cross_share=cross_share, complexity=complexity)


def _zone_volume(level: Level, state: GameState, offer: Offer):
    """A zone is a same-class commitment by each side that could base ground-launched missiles
    there: counted as the forces it has there, or one lot (a promise not to come)."""
    if not offer.zones:
        return
    zone_sites = [ki for ki, site in enumerate(level.sites) if site.chain in offer.zones]
    for side in SIDES:
        volume: dict[str, list[float]] = {}
        for ci, cls in enumerate(level.classes):
            if cls.side != side or not cls.ground_launched:
                continue
            if not any(level.sites[ki].base_side() == side and level.sites[ki].takes(cls.trade_class)
                       for ki in zone_sites):
                continue
            there = sum(state.deployed[ci][ki] for ki in zone_sites) * cls.nominal_value
            entry = volume.setdefault(cls.trade_class, [0.0, float("inf")])
            entry[0] += there
            entry[1] = min(entry[1], cls.lot_size * cls.nominal_value)
        for trade, (there, lot) in volume.items():
            yield side, trade, max(there, lot)


def _disagreement(level: Level, by_trade: dict[str, dict[str, float]]) -> float:
    """How far apart the two sides' exchange rates are for the cross-class pairs in a deal."""
    gaps = []
    for give in by_trade["us"]:
        for get in by_trade["china"]:
            if give == get:
                continue
            for rate in level.exchange_rates:
                if {rate.give, rate.get} == {give, get}:
                    gaps.append(abs(math.log(rate.us_view / rate.china_view)))
    return float(np.mean(gaps)) if gaps else 1.0


def _commit(level: Level, world: World, offer: Offer, sides: tuple[Side, ...]) -> World:
    """The world once the commitments of `sides` are fully carried out (the deal's end point)."""
    deployed = world.deployed.copy()
    reserve = world.reserve.copy()
    funded = world.funded.copy()
    _commit_row(level, deployed, reserve, funded, 0, offer, sides)
    return fast_evolve(world, deployed=deployed, reserve=reserve, funded=funded)


def _commit_row(level: Level, deployed, reserve, funded, row: int, offer: Offer, sides: tuple[Side, ...]) -> None:
    """`_commit` on row `row` of a batch's arrays, in place."""
    for term in offer.terms:
        if term.side not in sides:
            continue
        ci = level.class_index(term.cls)
        if term.kind == "freeze":
            funded[row, ci] = 0.0
            continue
        # cut_row on the row as a list of whole numbers (forces are counts: their sums are exact)
        counts = deployed[row, ci].tolist()
        spare = reserve[row, ci]
        have = int(sum(counts) + spare)
        target = max(0, have - term.count) if term.kind == "reduce" else min(have, term.count)
        if term.kind == "reduce" and term.count > have:
            funded[row, ci] = 0.0  # giving up missiles still to come ends the program
        counts, reserve[row, ci] = _cut_counts(counts, int(spare), target)
        if counts is not None:
            deployed[row, ci] = counts
    if offer.zones:
        cells = _zone_cells(level, offer.zones, sides)
        if cells is not None:
            bound, where = cells
            plane = deployed[row]
            moved = plane[where].sum(axis=1)
            reserve[row, bound] += moved
            plane[where] = 0.0


def _zone_cells(level: Level, zones: tuple[str, ...], sides: tuple[Side, ...]):
    """The classes a zone binds (ground-launched, of `sides`) and the (class, site) cells of the
    zone as index arrays (np.ix_), or None when there are none: made once per level."""
    store = memo("zone cells", level)
    key = (zones, sides)
    if key not in store:
        zone = np.array([site.chain in zones for site in level.sites])
        bound = np.array([c.ground_launched and c.side in sides for c in level.classes])
        store[key] = (np.flatnonzero(bound), np.ix_(bound, zone)) if zone.any() else None
    return store[key]


def cut_row(row: np.ndarray, reserve: int, target: int) -> tuple[np.ndarray, int]:
    """One class's sites and reserve cut down to `target` in all: the reserve goes first, then
    every site gives up the same share of what it holds."""
    row = np.asarray(row, dtype=float).copy()
    excess = int(row.sum()) + reserve - target
    take = min(max(excess, 0), reserve)
    reserve -= take
    excess -= take
    if excess > 0:
        total = row.sum()
        cut = np.floor(row * (excess / total))
        row -= cut
        left = int(excess - cut.sum())
        for ki in np.argsort(-row, kind="stable")[:left]:
            row[ki] -= 1
    return row, reserve


def _cut_counts(row: list[float], reserve: int, target: int) -> tuple[list[float] | None, int]:
    """`cut_row` for a row of whole numbers given as a list: the same arithmetic (the row's
    sums are exact in any order), and None for the row when it is not cut."""
    excess = int(sum(row)) + reserve - target
    take = min(max(excess, 0), reserve)
    reserve -= take
    excess -= take
    if excess <= 0:
        return None, reserve
    share = excess / sum(row)
    cut = [math.floor(x * share) for x in row]
    row = [x - c for x, c in zip(row, cut)]
    left = int(excess - sum(cut))
    for ki in sorted(range(len(row)), key=lambda k: -row[k])[:left]:
        row[ki] -= 1
    return row, reserve


def cut_to(row: list[int], reserve: list[int], ci: int, target: int) -> None:
    """`cut_row` on the lists of a state being built (in place)."""
    new_row, reserve[ci] = cut_row(np.array(row), reserve[ci], target)
    row[:] = [int(x) for x in new_row]


def value_of(level: Level, state: GameState, side: Side, offer: Offer) -> DealValue:
    """Score points the deal is worth to `side`, against no deal, through the model."""
    return values_of(level, state, side, [offer])[0]


_VALUES_LIMIT = 20000


def values_of(level: Level, state: GameState, side: Side, offers: list[Offer]) -> list[DealValue]:
    """`value_of` for many offers, scored in one vectorised call (and remembered: the same
    world, side and offer always have the same value)."""
    base_world = world_of(level, state)
    digest = hashlib.blake2b(digest_size=16)
    for a in World.__attrs_attrs__:
        digest.update(getattr(base_world, a.name).tobytes())
    world_key = (side, digest.digest())
    known = memo("deal values", level)
    found = {o: known.get((world_key, o)) for o in offers}
    todo = [o for o, v in found.items() if v is None]
    if todo:
        if len(known) + len(todo) > _VALUES_LIMIT:
            known.clear()
        for offer, value in zip(todo, _score_offers(level, state, side, base_world, todo)):
            known[world_key, offer] = found[offer] = value
    return [found[o] for o in offers]


def _score_offers(level, state, side, base_world: World, offers: list[Offer]) -> list[DealValue]:
    # One batch: the world without a deal, then for each offer the world once the other side
    # has carried out its commitments, and once both have (with the treaty in force). The
    # rows are committed in place in copies of the base world's arrays, as `_commit` would.
    n = 1 + 2 * len(offers)
    arrays = {a.name: np.repeat(getattr(base_world, a.name), n, axis=0) for a in World.__attrs_attrs__}
    deployed, reserve, funded, treaty = arrays["deployed"], arrays["reserve"], arrays["funded"], arrays["treaty"]
    them = (other(side),)
    for i, offer in enumerate(offers):
        _commit_row(level, deployed, reserve, funded, 1 + 2 * i, offer, them)
        _commit_row(level, deployed, reserve, funded, 2 + 2 * i, offer, SIDES)
        treaty[2 + 2 * i] = verified_strength(level, offer.verification)
    scores = score(level, World(**arrays)).score[:, SIDES.index(side)]
    base = float(scores[0])
    out = []
    for i, offer in enumerate(offers):
        complexity = -level.model.complexity_weight * _metrics(level, state, offer).complexity
        verification = -level.rules.verification_cost[offer.verification]
        theirs = float(scores[1 + 2 * i]) - base
        ours = float(scores[2 + 2 * i] - scores[1 + 2 * i])
        out.append(
            DealValue(
                total=theirs + ours + complexity + verification,
                theirs=theirs,
                ours=ours,
                complexity=complexity,
                verification=verification,
            )
        )
    return out


def _metrics(level: Level, state: GameState, offer: Offer) -> OfferMetrics:
    """`metrics`, remembered while the state's forces stay the same objects (they are all it
    reads of the state, and the talks of a year do not change them)."""
    store = memo("offer metrics", level)
    key = (offer, id(state.deployed), id(state.reserve))
    hit = store.get(key)
    if hit is not None and hit[0] is state.deployed and hit[1] is state.reserve:
        return hit[2]
    if len(store) > _VALUES_LIMIT:
        store.clear()
    found = metrics(level, state, offer)
    store[key] = (state.deployed, state.reserve, found)
    return found


def _with_treaty(world: World, strength: float) -> World:
    return evolve(world, treaty=np.array([strength]))


def ratification_chance(level: Level, offer_metrics: OfferMetrics, value: float) -> float:
    """Chance that a legislature ratifies in a year: lower for complex deals and for deals
    worth little (`value`, in score points) to its side."""
    rules = level.rules
    p = rules.ratification_base - rules.ratification_complexity * offer_metrics.complexity + 0.02 * value
    return min(0.98, max(0.02, p))


def ceilings_for(level: Level, state: GameState, offer: Offer) -> tuple[tuple[int, int, int], ...]:
    """Per class: holdings when the treaty enters into force, and the ceiling it must reach."""
    targets: dict[int, tuple[int, int]] = {}
    for term in offer.terms:
        ci = level.class_index(term.cls)
        have = holdings(state, ci)
        if term.kind == "reduce":
            target = max(0, have - term.count)
        elif term.kind == "cap":
            target = min(have, term.count) if have > term.count else term.count
        else:
            target = have
        if ci in targets:
            target = min(target, targets[ci][1])
        targets[ci] = (have, target)
    return tuple((ci, have, target) for ci, (have, target) in sorted(targets.items()))


def allowed_now(talks, ci: int) -> int | None:
    """The most of class `ci` a treaty in force allows this year (None: no limit)."""
    if talks.stage != "in-force" or talks.treaty is None:
        return None
    for cls_i, have, target in talks.ceilings:
        if cls_i == ci:
            years = max(1, talks.treaty.years)
            left = max(0.0, 1.0 - talks.implemented / years)
            return int(math.ceil(target + max(0, have - target) * left))
    return None


def frozen_class(talks, cls_id: str) -> bool:
    if talks.stage != "in-force" or talks.treaty is None:
        return False
    return any(t.cls == cls_id and t.kind == "freeze" for t in talks.treaty.terms)


def zone_closed(talks, chain: str) -> bool:
    return talks.stage == "in-force" and talks.treaty is not None and chain in talks.treaty.zones


def describe(level: Level, offer: Offer) -> str:
    """The offer in one line of plain words."""
    names = {c.id: c.name for c in level.classes}
    parts = []
    for t in offer.terms:
        who = "U.S." if t.side == "us" else "China"
        if t.kind == "reduce":
            parts.append(f"{who} eliminates {t.count} {names[t.cls]}")
        elif t.kind == "cap":
            parts.append(f"{who} caps {names[t.cls]} at {t.count}")
        else:
            parts.append(f"{who} freezes {names[t.cls]}")
    for zone in offer.zones:
        parts.append(f"no ground-launched intermediate-range missiles in the {zone} island chain")
    parts.append(f"verification: {offer.verification}, over {offer.years} years")
    return "; ".join(parts)
