"""Offers and treaties: checking an offer, measuring it, valuing it, and carrying it out.

A side values a deal through the scoring model: its projected score with the deal against its
score without (the best alternative of no deal), less the cost of complexity. A cross-class
deal is complex because the two sides value the exchange differently (the level's exchange
rates), which is why such deals are harder to accept and to ratify.
"""

from __future__ import annotations

import math

import numpy as np
from attrs import frozen

from game.model.actions import VERIFICATION, ZONES, IllegalAction, Offer
from game.model.level import IN_A_SENTENCE, SIDE_SHORT, SIDES, Level, Side, other
from game.model.memo import memo
from game.model.scoring import World, score_totals
from game.model.state import GameState, Talks
from game.model.world import SHARED_FIELDS, broadcast_rows, verified_strength, world_arrays, world_key

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


@frozen(slots=False)
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
                    f"{cls.count(term.count)} is more than {IN_A_SENTENCE[term.side]} has or could build soon "
                    f"({limit})."
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


_LAST_ZONE_VOLUME: tuple = (None, None, None, ())  # (level, deployed, zones, volumes) of the last call


def _zone_volume(level: Level, state: GameState, offer: Offer):
    """A zone is a same-class commitment by each side that could base ground-launched missiles
    there: counted as the forces it has there, or one lot (a promise not to come). As
    (side, trade class, volume), remembered for the last forces and zones asked (the zoned
    offers of a year share them)."""
    global _LAST_ZONE_VOLUME
    if not offer.zones:
        return ()
    last = _LAST_ZONE_VOLUME
    if last[1] is state.deployed and last[2] == offer.zones and last[0] is level:
        return last[3]
    zone_sites, by_side = _zone_classes(level, offer.zones)
    volumes = []
    for side, classes in zip(SIDES, by_side):
        volume: dict[str, list[float]] = {}
        for ci, cls in classes:
            there = sum(state.deployed[ci][ki] for ki in zone_sites) * cls.nominal_value
            entry = volume.setdefault(cls.trade_class, [0.0, float("inf")])
            entry[0] += there
            entry[1] = min(entry[1], cls.lot_size * cls.nominal_value)
        volumes.extend((side, trade, max(there, lot)) for trade, (there, lot) in volume.items())
    _LAST_ZONE_VOLUME = (level, state.deployed, offer.zones, tuple(volumes))
    return _LAST_ZONE_VOLUME[3]


def _zone_classes(level: Level, zones: tuple[str, ...]):
    """The sites of `zones`, and for each side the (index, class) of its ground-launched classes
    that could be based at one of them: made once per level."""
    store = memo("zone classes", level)
    if zones not in store:
        zone_sites = [ki for ki, site in enumerate(level.sites) if site.chain in zones]
        store[zones] = (zone_sites, [
            [(ci, cls) for ci, cls in enumerate(level.classes)
             if cls.side == side and cls.ground_launched
             and any(level.sites[ki].base_side() == side and level.sites[ki].takes(cls.trade_class)
                     for ki in zone_sites)]
            for side in SIDES])
    return store[zones]


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


def _commit(level: Level, state: GameState, facts: dict, offer: Offer,
            sides: tuple[Side, ...]) -> tuple[dict[int, list[int]], list[int], list[int]]:
    """The state's forces once the commitments of `sides` are fully carried out (the deal's end
    point): the deployed rows that change by class, the reserve, and the classes whose programs
    that ends (frozen, or giving up missiles still to come). What one term or zone does to the
    state's own forces is remembered in `facts` (offers share terms)."""
    rows: dict[int, list[int]] = {}
    reserve = list(state.reserve)
    ended, cut_classes = [], set()
    for term in offer.terms:
        if term.side not in sides:
            continue
        ci = level.class_index(term.cls)
        if term.kind == "freeze":
            ended.append(ci)
            continue
        if ci in cut_classes:  # a second term on a class starts from what the first left
            cut, reserve[ci], ends = _cut_by(rows.get(ci, state.deployed[ci]), reserve[ci], term)
        else:
            key = (term.cls, term.kind, term.count)
            found = facts.get(key)
            if found is None:
                found = facts[key] = _cut_by(state.deployed[ci], reserve[ci], term)
            cut, reserve[ci], ends = found
        cut_classes.add(ci)
        if ends:
            ended.append(ci)
        if cut is not None:
            rows[ci] = cut
    if offer.zones:
        key = (offer.zones, sides)
        zone = facts.get(key)
        if zone is None:
            bound, zone_sites = _zone_cells(level, offer.zones, sides)
            zone = facts[key] = (bound, zone_sites,
                                 {ci: _zone_cleared(state.deployed[ci], zone_sites) for ci in bound})
        bound, zone_sites, cleared = zone
        for ci in bound:
            row, moved = _zone_cleared(rows[ci], zone_sites) if ci in rows else cleared[ci]
            if row is not None:
                rows[ci] = row
                reserve[ci] += moved
    return rows, reserve, ended


def _zone_cleared(row, zone_sites: list[int]) -> tuple[list[int] | None, int]:
    """A class's deployed row with its missiles in a zone moved out (None when there are none
    there), and how many moved (to the reserve)."""
    moved = sum(map(row.__getitem__, zone_sites))  # counts are never negative
    if not moved:
        return None, 0
    cleared = list(row)
    for ki in zone_sites:
        cleared[ki] = 0
    return cleared, moved


def _cut_by(counts, spare: int, term) -> tuple[list[int] | None, int, bool]:
    """One class's deployed row (as `_cut_counts` returns it) and reserve once `term` (a
    reduction or a cap) is carried out, and whether that ends its program."""
    have = sum(counts) + spare
    target = max(0, have - term.count) if term.kind == "reduce" else min(have, term.count)
    cut, spare = _cut_counts(counts, spare, target)
    return cut, spare, term.kind == "reduce" and term.count > have


def _zone_cells(level: Level, zones: tuple[str, ...], sides: tuple[Side, ...]) -> tuple[list[int], list[int]]:
    """The classes a zone binds (ground-launched, of `sides`) and the zone's sites, or no
    classes when the zone has no site: made once per level."""
    store = memo("zone cells", level)
    key = (zones, sides)
    if key not in store:
        zone_sites = [ki for ki, site in enumerate(level.sites) if site.chain in zones]
        bound = [ci for ci, c in enumerate(level.classes) if c.ground_launched and c.side in sides]
        store[key] = (bound if zone_sites else [], zone_sites)
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


def _cut_counts(row: tuple[int, ...] | list[int], reserve: int, target: int) -> tuple[list[int] | None, int]:
    """`cut_row` for a row given as a list of counts: the same arithmetic (the row's sums are
    exact in any order), and None for the row when it is not cut."""
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
    for ki in sorted(range(len(row)), key=row.__getitem__, reverse=True)[:left]:  # stable: ties by site
        row[ki] -= 1
    return row, reserve


def cut_to(row: list[int], reserve: list[int], ci: int, target: int) -> None:
    """`cut_row` on the lists of a state being built (in place)."""
    new_row, reserve[ci] = cut_row(np.array(row), reserve[ci], target)
    row[:] = [int(x) for x in new_row]


def value_of(level: Level, state: GameState, side: Side, offer: Offer) -> DealValue:
    """Score points the deal is worth to `side`, against no deal, through the model. Valued for
    both sides at once: what a deal is worth to one side is mostly asked with the other's."""
    return values_for(level, [(state, s, [offer]) for s in SIDES])[SIDES.index(side)][0]


_REPEATED = tuple(a.name for a in World.__attrs_attrs__ if a.name != "reserve")
_WORLDS_LIMIT = 2000  # worlds whose deal values are remembered
_FORCES_LIMIT = 256  # forces whose end points (and zoned offers' complexity) are remembered
_COMPLEXITY_LIMIT = 4096  # offers without zones whose complexity is remembered


def values_of(level: Level, state: GameState, side: Side, offers: list[Offer]) -> list[DealValue]:
    """`value_of` for many offers, scored in one vectorised call (and remembered: the same
    world, side and offer always have the same value)."""
    return values_for(level, [(state, side, offers)])[0]


def values_for(level: Level, asked: list[tuple[GameState, Side, list[Offer]]]) -> list[list[DealValue]]:
    """`values_of` for each (state, side, offers) asked, the values not yet known scored
    together in one vectorised call (a row's score does not depend on the batch it is in).

    Values are remembered by world and side, then by offer object (an equal offer in another
    object is valued again, to the same numbers): hashing offers costs more than that."""
    known = memo("deal values", level)
    found = []
    todo: dict = {}  # id of the values of a world -> (side, state, offers to score by id, those values)
    for state, side, offers in asked:
        key = (side, world_key(level, state))
        values = known.get(key)
        if values is None:
            if len(known) >= _WORLDS_LIMIT:
                known.clear()
            values = known[key] = {}
        found.append(values)
        missing = [o for o in offers if _held(values, o) is None]
        if missing:
            entry = todo.get(id(values))
            if entry is None:
                entry = todo[id(values)] = (side, state, {}, values)
            entry[2].update((id(o), o) for o in missing)
    if todo:
        asked_now = [(side, state, list(offers.values())) for side, state, offers, _ in todo.values()]
        for (_, _, offers), (_, _, _, values), scored in zip(asked_now, todo.values(), _score_offers(level, asked_now)):
            for offer, value in zip(offers, scored):
                values[id(offer)] = (offer, value)
    return [[values[id(o)][1] for o in offers] for values, (_, _, offers) in zip(found, asked)]


def _held(store: dict, offer: Offer):
    """What `store` holds for this very offer object (entries are (offer, what), by id)."""
    hit = store.get(id(offer))
    return hit[1] if hit is not None and hit[0] is offer else None


def _score_offers(level: Level, asked: list[tuple[Side, GameState, list[Offer]]]) -> list[list[DealValue]]:
    """The values of the offers of each (side, state, offers) asked, through the model.

    One batch for all: for each state, its world without a deal, then for each offer the world
    once the other side has carried out its commitments, and once both have (with the treaty
    in force)."""
    bases = [world_arrays(level, state, shared=True) for _, state, _ in asked]  # read only
    sizes = [1 + 2 * len(offers) for _, _, offers in asked]
    reserve, cells, counts, zeroed, treaty_rows, strengths = [], [], [], [], [], []
    row = 0
    for side, state, offers in asked:
        reserve.append(state.reserve)
        facts = _forces_facts(level, state)
        for offer in offers:
            for sides in ((other(side),), SIDES):
                row += 1
                cut, spare, ended = _end_point(level, state, facts, offer, sides)
                for ci, kept in cut.items():
                    cells.append((row, ci))
                    counts.append(kept)
                reserve.append(spare)
                for ci in ended:
                    zeroed.append((row, ci))
            treaty_rows.append(row)
            strengths.append(verified_strength(level, offer.verification))
        row += 1
    arrays = {"reserve": np.array(reserve, dtype=float)}
    for name in _REPEATED:
        first = bases[0][name]
        if name in SHARED_FIELDS and all(b[name] is first for b in bases):
            arrays[name] = broadcast_rows(first, sum(sizes))
        elif len(bases) == 1:
            arrays[name] = first.repeat(sizes[0], axis=0)
        else:
            arrays[name] = np.concatenate([b[name] for b in bases]).repeat(sizes, axis=0)
    if cells:
        arrays["deployed"][tuple(zip(*cells))] = counts
    if zeroed:
        arrays["funded"][tuple(zip(*zeroed))] = 0.0
    arrays["treaty"][treaty_rows] = strengths
    scores = score_totals(level, World(**arrays)).tolist()
    row = 0
    out = []
    for side, state, offers in asked:
        si = SIDES.index(side)
        facts = _forces_facts(level, state)
        values = []
        base = scores[row][si]
        weight = level.model.complexity_weight
        for offer in offers:
            without, both = scores[row + 1][si], scores[row + 2][si]
            complexity = -weight * _complexity(level, state, facts, offer)
            verification = -level.rules.verification_cost[offer.verification]
            theirs = without - base
            ours = both - without
            values.append(DealValue(
                total=theirs + ours + complexity + verification,
                theirs=theirs,
                ours=ours,
                complexity=complexity,
                verification=verification,
            ))
            row += 2
        row += 1
        out.append(values)
    return out


def _end_point(level: Level, state: GameState, facts: dict, offer: Offer, sides: tuple[Side, ...]):
    """`_commit` of `offer` by `sides` on the state's forces: the deployed rows that change,
    the reserve and the classes whose programs end (remembered in the forces' `facts`)."""
    key = (id(offer), sides)
    hit = facts.get(key)
    if hit is not None and hit[0] is offer:
        return hit[1]
    found = _commit(level, state, facts, offer, sides)
    facts[key] = (offer, found)
    return found


def _complexity(level: Level, state: GameState, facts: dict, offer: Offer) -> float:
    """`metrics(level, state, offer).complexity`, remembered: it reads the state only for the
    forces in an offer's zones, so an offer with zones is remembered in the facts of the
    state's forces, one without for the level."""
    store = facts if offer.zones else memo("offer complexity", level)
    found = _held(store, offer)
    if found is None:
        if store is not facts and len(store) >= _COMPLEXITY_LIMIT:
            store.clear()
        found = metrics(level, state, offer).complexity
        store[id(offer)] = (offer, found)
    return found


def _forces_facts(level: Level, state: GameState) -> dict:
    """What is known of offers given the state's forces (deployed and reserve), by offer
    object: kept while those tuples are alive (each entry holds them, so their ids are not
    reused)."""
    store = memo("offer facts", level)
    key = (id(state.deployed), id(state.reserve))
    hit = store.get(key)
    if hit is not None and hit[0] is state.deployed and hit[1] is state.reserve:
        return hit[2]
    if len(store) >= _FORCES_LIMIT:
        store.clear()
    facts: dict = {}
    store[key] = (state.deployed, state.reserve, facts)
    return facts


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


def limited_before_ratification(talks, cls_id: str) -> bool:
    """Whether a treaty signed and not yet ratified has a term on class `cls_id`. Its side may
    not build more of it meanwhile: that would defeat the treaty's object before it enters into
    force (the rule of Article 18 of the Vienna Convention on the Law of Treaties), and a
    reduction would only cut the new missiles."""
    return talks.stage == "agreement" and talks.treaty is not None and any(t.cls == cls_id for t in talks.treaty.terms)


def zone_closed(talks, chain: str) -> bool:
    return talks.stage == "in-force" and talks.treaty is not None and chain in talks.treaty.zones


TREATY_KINDS = ("same-class", "cross-class")


def offer_kind(level: Level, state: GameState, offer: Offer) -> str:
    """Whether an offer trades like for like ("same-class") or across classes ("cross-class"),
    as its complexity is weighed."""
    return TREATY_KINDS[0] if metrics(level, state, offer).same_class else TREATY_KINDS[1]


def treaty_kind(level: Level, state: GameState) -> str | None:
    """`offer_kind` of the treaty on record (signed or in force); None without one."""
    treaty = state.talks.treaty
    return None if treaty is None else offer_kind(level, state, treaty)


def treaty_heading(level: Level, state: GameState) -> str:
    """The treaty on record's kind, when it was signed and where it stands: "same-class, signed
    in 2031, in force since 2032"."""
    return f"{treaty_kind(level, state)}, {treaty_when(state.talks, state.is_over)}"


def treaty_when(talks: Talks, over: bool) -> str:
    """When the treaty on record was signed and where it stands, in words: "signed in 2031, in
    force since 2032", or "signed in 2032, not yet ratified" ("not ratified by the end" once the
    game is `over`)."""
    when = f"signed in {talks.signed_year}" if talks.signed_year is not None else "signed"
    if talks.stage == "in-force" and talks.in_force_year is not None:
        return f"{when}, in force since {talks.in_force_year}"
    if talks.stage == "agreement":
        return f"{when}, {'not ratified by the end' if over else 'not yet ratified'}"
    return f"{when} (stage: {talks.stage})"


def describe(level: Level, offer: Offer) -> str:
    """The offer in one line of plain words."""
    names = {c.id: c.name for c in level.classes}
    parts = []
    for t in offer.terms:
        who = SIDE_SHORT[t.side]
        if t.kind == "reduce":
            parts.append(f"{who} eliminates {level.class_of(t.cls).count(t.count)}")
        elif t.kind == "cap":
            parts.append(f"{who} caps {names[t.cls]} at {t.count}")
        else:
            parts.append(f"{who} freezes {names[t.cls]}")
    for zone in offer.zones:
        parts.append(f"no ground-launched intermediate-range missiles in the {zone} island chain")
    parts.append(f"verification: {offer.verification}, over {offer.years} years")
    return "; ".join(parts)
