"""The orders phase: what each order costs, whether it is allowed, and resolving them all.

Orders are queued (hidden from the other side) and resolved together when both sides have
ended the phase. Budget and capital are checked against what the queued orders already use.
"""

from __future__ import annotations

import operator
from itertools import chain

from attrs import frozen

from game.model.actions import (
    PACES,
    SIGNALS,
    CoDevelop,
    Coerce,
    Campaign,
    Consult,
    Deploy,
    EndOrders,
    IllegalAction,
    Induce,
    Produce,
    SeekPledge,
    SetResearch,
    Signal,
    UndoOrder,
    Withdraw,
)
from game.model.allies import effective_willingness, holds_from
from game.model.diplomacy import apply_lever
from game.model.level import PLEDGES, SIDES, Level, Side, called
from game.model.memo import memo
from game.model.negotiation import allowed_now, frozen_class, holdings, limited_before_ratification, zone_closed
from game.model.rng import Stream
from game.model.state import Draft, GameState, evolve, replace_at
from game.model.world import PACE_FACTOR, fielded
from game.numbers import hundredths_down

CAPITAL_COST = {
    Consult: 1.0,
    SeekPledge: 2.0,
    CoDevelop: 2.0,
    Coerce: 2.0,
    Induce: 1.0,
    Campaign: 2.0,
    Signal: 1.0,
}
CODEVELOP_BUDGET = 100.0
INDUCE_BUDGET = 150.0
ALLY_SITE_CAPITAL = 1.0
PRODUCE_LOTS = (1, 2, 4)
US_LEVERS = (Consult, SeekPledge, CoDevelop)
CHINA_LEVERS = (Coerce, Induce, Campaign)  # in the order they resolve (RESOLUTION_ORDER)
SIGNAL_TENSION = {"reassure": -6.0, "resolve": 4.0, "talks": 0.0}
REASSURE_WARMTH = 2.0  # willingness to talk the other side gains from a reassuring signal
OVERTURE_WARMTH = 4.0  # ... and from a call for talks


# ---- what queued orders imply -------------------------------------------------------------


def order_cost(level: Level, order) -> tuple[float, float]:
    """(budget, capital) an order uses, research aside."""
    capital = CAPITAL_COST.get(type(order), 0.0)
    if isinstance(order, Produce):
        c = level.classes[level.class_index(order.cls)]  # indexed in place: a hot path
        return c.unit_cost * c.lot_size * order.lots, 0.0
    if isinstance(order, Deploy):
        host = level.sites[level.site_index(order.site)].host
        return 0.0, ALLY_SITE_CAPITAL if host not in ("us", "china") else 0.0
    if isinstance(order, CoDevelop):
        return CODEVELOP_BUDGET, capital
    if isinstance(order, Induce):
        return INDUCE_BUDGET, capital
    return 0.0, capital


@frozen
class Ledger:
    """One side's position once its queued orders are counted: computed once, read often."""

    budget: float  # left after research and queued orders
    capital: float
    pace: tuple[str, ...]  # research paces once queued changes apply
    reserve: tuple[int, ...]  # by class, after queued moves
    at_site: dict[tuple[int, int], int]  # (class, site) -> count after queued moves
    produced: dict[int, int]  # class -> missiles queued for production
    keys: frozenset  # (order type, ally/kind/class) already used this year
    count: int  # orders queued


_LAST_LEDGER: tuple = (None, None, None, None)  # (level, state, side, ledger) of the last call


def ledger(level: Level, state: GameState, side: Side) -> Ledger:
    # A state is immutable, and the same state's ledger is asked for several times in a row
    # (a policy choosing an order, then the rules checking it): the last one is remembered.
    global _LAST_LEDGER
    last = _LAST_LEDGER
    if last[1] is state and last[0] is level and last[2] == side:
        return last[3]
    book = _ledger(level, state, side)
    _LAST_LEDGER = (level, state, side, book)
    return book


# Each side's ledgers for the orders it queued this year, one per order queued (and one for
# none): (what they were counted against, the orders, the steps). An order queued, or taken
# back, reuses the steps of the orders before it. Steps are (budget before research, capital,
# research commitment, ledger); the tuples are replaced, never changed.
_QUEUES: dict[Side, tuple] = {}


def _ledger(level: Level, state: GameState, side: Side) -> Ledger:
    me = state.side(side)
    basis = (level, state.pace, state.reserve, state.deployed, state.progress, me.budget, me.capital)
    queue = _QUEUES.get(side)
    if queue is None or not all(map(operator.is_, queue[0], basis)):
        commitment = research_commitment(level, state, side)
        first = Ledger(budget=me.budget - commitment, capital=me.capital, pace=state.pace, reserve=state.reserve,
                       at_site={}, produced={}, keys=frozenset(), count=0)
        queue = (basis, (), ((me.budget, me.capital, commitment, first),))
    _, queued, steps = queue
    pending = me.pending
    if pending != queued:
        if pending[: len(queued)] != queued:  # not the same orders and more: keep what they share
            k = 0
            for a, b in zip(queued, pending):
                if a is not b and a != b:
                    break
                k += 1
            steps = steps[: k + 1]
        for order in pending[len(steps) - 1:]:
            steps += (_step(level, state, side, steps[-1], order),)
        queue = (basis, pending, steps)
    _QUEUES[side] = queue
    return steps[-1][3]


def _step(level: Level, state: GameState, side: Side, last: tuple, order) -> tuple:
    """The step after `last` once `order` is queued too."""
    budget, capital, commitment, book = last
    b, c = order_cost(level, order)
    budget -= b
    capital -= c
    pace, reserve, at_site, produced = book.pace, book.reserve, book.at_site, book.produced
    if isinstance(order, SetResearch):
        pace = replace_at(pace, level.class_index(order.cls), order.pace)
        commitment = research_commitment(level, state, side, pace)
    elif isinstance(order, Produce):
        ci = level.class_index(order.cls)
        produced = dict(produced)
        produced[ci] = produced.get(ci, 0) + order.lots * level.classes[ci].lot_size
    elif isinstance(order, (Deploy, Withdraw)):
        ci, ki = level.class_index(order.cls), level.site_index(order.site)
        sign = 1 if isinstance(order, Deploy) else -1
        reserve = replace_at(reserve, ci, reserve[ci] - sign * order.count)
        at_site = dict(at_site)
        at_site[ci, ki] = at_site.get((ci, ki), state.deployed[ci][ki]) + sign * order.count
    # Ledger(budget, capital, pace, reserve, at_site, produced, keys, count)
    book = Ledger(budget - commitment, capital, pace, reserve, at_site, produced, book.keys | {order_key(order)},
                  book.count + 1)
    return budget, capital, commitment, book


def site_load(level: Level, state: GameState, side: Side, book: Ledger, ki: int) -> int:
    """Forces of `side` at site `ki` once queued moves are counted."""
    at_site, deployed = book.at_site, state.deployed
    return sum(at_site.get((ci, ki), deployed[ci][ki]) for ci, _, _ in _programs(level, side))


def order_key(order) -> tuple:
    """What a ledger's keys hold of an order (research, ally and signal orders: one of a key a
    year)."""
    return (type(order), getattr(order, "ally", None) or getattr(order, "kind", None) or getattr(order, "cls", None))


def research_commitment(level: Level, state: GameState, side: Side, pace=None) -> float:
    return _commitment(level, side, state.progress, pace if pace is not None else state.pace)


def _commitment(level: Level, side: Side, progress, pace) -> float:
    return sum(
        cost * PACE_FACTOR[pace[ci]]
        for ci, cost, dev_years in _programs(level, side)
        if not progress[ci] >= dev_years  # not fielded
    )


def _programs(level: Level, side: Side) -> tuple[tuple[int, float, float], ...]:
    """(class index, research cost, development years) of each class of `side`, in order."""
    store = memo("programs", level)
    if side not in store:
        store[side] = tuple((ci, c.research_cost, c.dev_years) for ci, c in enumerate(level.classes) if c.side == side)
    return store[side]


def order_warning(level: Level, state: GameState, order) -> str | None:
    """A sentence for the player when a legal order will not do what it seems to: missiles
    deployed to an ally too unwilling to keep hosting them come home at the year's pledge
    decision (as it stands now; this year's diplomacy may still move it), and co-developing a
    program that this year's research completes anyway brings it no nearer."""
    if isinstance(order, CoDevelop):
        ci = level.class_index(order.cls)
        pace = ledger(level, state, "us").pace[ci]
        if not completes_this_year(level, state.progress, ci, pace):
            return None
        name = level.allies[level.ally_index(order.ally)].called()
        return (f"This year's research completes the {level.classes[ci].name} (at pace '{pace}') before "
                f"co-development counts: it brings it no nearer, though {name} still warms to hosting.")
    if not isinstance(order, Deploy) or not level.class_of(order.cls).ground_launched:
        return None
    host = level.sites[level.site_index(order.site)].host
    if host in ("us", "china"):
        return None
    ai = level.ally_index(host)
    will, needs = effective_willingness(state.allies[ai]), holds_from(PLEDGES.index("hosting"))
    if will >= needs:
        return None
    return (f"{level.allies[ai].called(True)} is willing {hundredths_down(will)}, below the {needs:.2f} a host needs: "
            f"unless that rises this year, it will send these missiles home and withdraw its pledge.")


def completes_this_year(level: Level, progress: tuple[float, ...], ci: int, pace: str) -> bool:
    """Whether class `ci`'s program is fielded by this year's research at `pace` (funded in full),
    before the year's co-development is counted."""
    return progress[ci] + PACE_FACTOR[pace] * level.years_per_round >= level.classes[ci].dev_years


# ---- legality -------------------------------------------------------------------------------


_LAST_ALLOWED: tuple = (None, None, None, None)  # (level, state, side, order) last found legal


def check_order(level: Level, state: GameState, side: Side, order, book: Ledger | None = None) -> None:
    """Raise IllegalAction, with a sentence for the player, if `side` may not give `order`.

    `book` is the side's ledger, when the caller checks many orders against one state."""
    # A policy checks the order it picks, then the rules check it again as it is given.
    global _LAST_ALLOWED
    last = _LAST_ALLOWED
    if last[3] is order and last[1] is state and last[0] is level and last[2] == side:
        return
    _check_order(level, state, side, order, book)
    _LAST_ALLOWED = (level, state, side, order)


def _check_order(level: Level, state: GameState, side: Side, order, book: Ledger | None) -> None:
    if state.phase != "orders":
        raise IllegalAction("Orders can only be given in the orders phase.")
    me = state.side(side)
    if me.done:
        raise IllegalAction("You have already ended your orders for this year.")
    if isinstance(order, EndOrders):
        return
    if isinstance(order, UndoOrder):
        if not me.pending:
            raise IllegalAction("There is no order to take back.")
        return
    if len(me.pending) >= level.rules.max_orders:
        raise IllegalAction(f"At most {level.rules.max_orders} orders a year; end the phase or undo one.")
    book = book or ledger(level, state, side)
    _check_specific(level, state, side, order, book)
    budget, capital = book.budget, book.capital
    cost_b, cost_c = order_cost(level, order)
    if isinstance(order, SetResearch):
        ci = level.class_index(order.cls)
        cost_b = level.classes[ci].research_cost * (PACE_FACTOR[order.pace] - PACE_FACTOR[book.pace[ci]])
    if cost_b > budget + 1e-9:
        raise IllegalAction(f"Not enough budget: this needs ${cost_b:,.0f}M and ${max(budget, 0):,.0f}M is left.")
    if cost_c > capital + 1e-9:
        raise IllegalAction(
            f"Not enough political capital: this needs {cost_c:g} and {max(capital, 0):g} is left."
        )


def _own_class(level: Level, side: Side, cls_id: str):
    try:
        ci = level.class_index(cls_id)
    except KeyError:
        raise IllegalAction(f"There is no class '{cls_id}'.") from None
    cls = level.classes[ci]
    if cls.side != side:
        raise IllegalAction(f"{cls.name} is not yours to command.")
    return ci, cls


def _site(level: Level, site_id: str):
    try:
        ki = level.site_index(site_id)
    except KeyError:
        raise IllegalAction(f"There is no site '{site_id}'.") from None
    return ki, level.sites[ki]


def _ally(level: Level, ally_id: str) -> int:
    try:
        return level.ally_index(ally_id)
    except KeyError:
        raise IllegalAction(f"There is no ally '{ally_id}'.") from None


def _check_specific(level: Level, state: GameState, side: Side, order, book: Ledger) -> None:
    if isinstance(order, SetResearch):
        ci, cls = _own_class(level, side, order.cls)
        if order.pace not in PACES:
            raise IllegalAction(f"Pace must be one of {', '.join(PACES)}.")
        if fielded(level, state.progress, ci):
            raise IllegalAction(f"{cls.name} is already fielded; there is no program to fund.")
        if order_key(order) in book.keys:
            raise IllegalAction(f"The {cls.name} program already has an order this year.")
        if book.pace[ci] == order.pace:
            raise IllegalAction(f"The {cls.name} program is already at pace '{order.pace}'.")
        if order.pace != "cut" and frozen_class(state.talks, cls.id):
            raise IllegalAction(f"The treaty freezes {cls.name}.")
    elif isinstance(order, Produce):
        ci, cls = _own_class(level, side, order.cls)
        if order.lots < 1:
            raise IllegalAction("Produce at least one lot.")
        if not fielded(level, state.progress, ci):
            left = cls.dev_years - state.progress[ci]
            years = "year" if left == 1 else "years"
            raise IllegalAction(f"{cls.name} is still in development ({left:g} more {years} of research).")
        if frozen_class(state.talks, cls.id):
            raise IllegalAction(f"The treaty freezes {cls.name}: no more can be built.")
        if limited_before_ratification(state.talks, cls.id):
            raise IllegalAction(f"The treaty signed in {state.talks.signed_year} limits {cls.name}: none can be built "
                                f"while it awaits ratification.")
        ceiling = allowed_now(state.talks, ci)
        queued = book.produced.get(ci, 0)
        if ceiling is not None and holdings(state, ci) + queued + order.lots * cls.lot_size > ceiling:
            raise IllegalAction(f"The treaty allows at most {cls.count(ceiling)} this year.")
    elif isinstance(order, (Deploy, Withdraw)):
        ci, cls = _own_class(level, side, order.cls)
        ki, site = _site(level, order.site)
        if order.count < 1:
            raise IllegalAction("Move at least one missile.")
        if isinstance(order, Withdraw):
            here = book.at_site.get((ci, ki), state.deployed[ci][ki])
            if order.count > here:
                raise IllegalAction(f"Only {cls.count(here)} {'is' if here == 1 else 'are'} at {site.name}.")
            return
        if site.base_side() != side:
            raise IllegalAction(f"{called(side, True)} cannot base forces at {site.name}.")
        if not site.takes(cls.trade_class):
            raise IllegalAction(f"{site.name} cannot take {cls.name}.")
        if site.host not in ("us", "china"):
            ally = state.allies[level.ally_index(site.host)]
            if ally.pledge < 2:
                host = level.allies[level.ally_index(site.host)].called(True)
                raise IllegalAction(
                    f"{host} has not pledged to host (it is '{PLEDGES[ally.pledge]}'); seek a pledge first."
                )
        if cls.ground_launched and zone_closed(state.talks, site.chain):
            raise IllegalAction(f"The treaty bars ground-launched missiles from the {site.chain} island chain.")
        spare = book.reserve[ci]
        if order.count > spare:
            later = " Missiles ordered this year join the reserve at the year's end." if book.produced.get(ci) else ""
            raise IllegalAction(f"Only {cls.count(spare)} {'is' if spare == 1 else 'are'} in the reserve.{later}")
        room = site.capacity - site_load(level, state, side, book, ki)
        if order.count > room:
            raise IllegalAction(f"{site.name} has room for {max(room, 0)} more.")
    elif isinstance(order, (Consult, SeekPledge, CoDevelop, Coerce, Induce, Campaign)):
        levers = US_LEVERS if side == "us" else CHINA_LEVERS
        if not isinstance(order, levers):
            raise IllegalAction(f"{called(side, True)} cannot use {type(order).__name__}.")
        ai = _ally(level, order.ally)
        ally = level.allies[ai]
        if order_key(order) in book.keys:
            raise IllegalAction(f"You have already done that with {ally.called()} this year.")
        if isinstance(order, SeekPledge) and state.allies[ai].pledge >= 2:
            raise IllegalAction(f"{ally.called(True)} has already pledged; deploy forces to its sites to host.")
        if isinstance(order, CoDevelop):
            ci, cls = _own_class(level, side, order.cls)
            if fielded(level, state.progress, ci):
                raise IllegalAction(f"{cls.name} is already fielded.")
            if state.allies[ai].pledge < 1:
                raise IllegalAction(f"{ally.called(True)} must at least be considering hosting to co-develop.")
    elif isinstance(order, Signal):
        if order.kind not in SIGNALS:
            raise IllegalAction(f"Signals are: {', '.join(SIGNALS)}.")
        if order_key(order) in book.keys:
            raise IllegalAction(f"You have already signalled '{order.kind}' this year.")
    else:
        raise IllegalAction(f"{type(order).__name__} is not an order.")


_LAST_CANDIDATES: dict[Side, tuple] = {}  # side -> (level, reserve, at_site, deployed, candidates)


def candidate_orders(level: Level, state: GameState, side: Side, book: Ledger) -> tuple:
    """Every order worth considering for `side` now (legality is checked by the caller):
    the same list for every state of a level, plus moving what is in the reserve or at sites."""
    # The list depends only on the side, its reserve and forces at its sites once queued moves
    # count. Orders other than moves keep the ledger's reserve and forces at sites as they
    # were, so the last list is found by identity.
    reserve, at_site, deployed = book.reserve, book.at_site, state.deployed
    last = _LAST_CANDIDATES.get(side)
    if last is not None and last[1] is reserve and last[2] is at_site and last[3] is deployed and last[0] is level:
        return last[4]
    standing, basing = _standing(level, side)
    made = memo("candidate orders", level)  # the (immutable) orders, and each class's moves
    if len(made) > 20000:
        made.clear()
    moved: dict[int, list[tuple[int, int]]] = {}
    for (ci, ki), count in at_site.items():
        moved.setdefault(ci, []).append((ki, count))
    out = [standing]
    for ci, cls, sites in basing:
        # A class's moves depend on its reserve and its forces at each site: remembered by
        # those (the row of forces by identity), so a move remakes only its own class's.
        row = deployed[ci]
        queued = tuple(sorted(moved[ci])) if ci in moved else ()
        key = ("moves", ci, reserve[ci], id(row), queued)
        hit = made.get(key)
        if hit is None or hit[0] is not row:
            hit = made[key] = (row, _moves(made, ci, cls, sites, reserve[ci], row, dict(queued)))
        out.append(hit[1])
    found = tuple(chain.from_iterable(out))
    _LAST_CANDIDATES[side] = (level, reserve, at_site, deployed, found)
    return found


def closing_orders(level: Level, side: Side) -> tuple[int, int]:
    """Where UndoOrder and EndOrders are in every list `candidate_orders` gives `side`: the
    last two of the standing orders it starts with."""
    n = len(_standing(level, side)[0])
    return n - 2, n - 1


def _moves(made: dict, ci: int, cls, sites: tuple, spare: int, row: tuple[int, ...], queued: dict[int, int]) -> tuple:
    """The Deploy and Withdraw orders of one class, site by site: `spare` in the reserve, `row`
    at each site but where `queued` (site -> count) says otherwise."""
    out: list = []
    if spare > 0:
        # counts: sorted({min(spare, lot), spare})
        counts = (cls.lot_size, spare) if cls.lot_size < spare else (spare,)
        deploys = made.get((ci, counts))
        if deploys is None:
            deploys = made[ci, counts] = tuple(
                tuple(Deploy(cls.id, site.id, count) for count in counts) for ki, site in sites)
    else:
        deploys = None
    for j, (ki, site) in enumerate(sites):
        if deploys is not None:
            out.extend(deploys[j])
        here = queued.get(ki, row[ki])
        if here > 0:
            withdraw = made.get((ci, ki, here))
            if withdraw is None:
                withdraw = made[ci, ki, here] = Withdraw(cls.id, site.id, here)
            out.append(withdraw)
    return tuple(out)


def _standing(level: Level, side: Side) -> tuple[tuple, tuple]:
    """Built once per level and side: the orders that do not depend on where forces are, and
    for each class of the side the sites that may take it."""
    store = memo("standing orders", level)
    if side in store:
        return store[side]
    out: list = []
    for cls in level.classes_of(side):
        out.extend(Produce(cls.id, lots) for lots in PRODUCE_LOTS)
        if cls.dev_years > 0:
            out.extend(SetResearch(cls.id, p) for p in PACES)
    for ally in level.allies:
        if side == "us":
            out.extend((Consult(ally.id), SeekPledge(ally.id)))
            out.extend(CoDevelop(ally.id, c.id) for c in level.classes_of(side) if c.dev_years > 0)
        else:
            out.extend((Coerce(ally.id), Induce(ally.id), Campaign(ally.id)))
    out.extend(Signal(kind) for kind in SIGNALS)
    out.extend((UndoOrder(), EndOrders()))  # the last two: see closing_orders
    basing = tuple(
        (ci, cls, tuple((ki, site) for ki, site in enumerate(level.sites)
                        if site.base_side() == side and site.takes(cls.trade_class)))
        for ci, cls in enumerate(level.classes)
        if cls.side == side
    )
    store[side] = (tuple(out), basing)
    return store[side]


# ---- resolution -----------------------------------------------------------------------------

RESOLUTION_ORDER = (SetResearch, Produce, Withdraw, Deploy, Consult, CoDevelop, Coerce, Induce, Campaign, Signal)


def resolve(level: Level, draft: Draft, gen: Stream) -> tuple[list[str], list[SeekPledge]]:
    """Carry out both sides' queued orders together on `draft`; returns news and the pledges
    sought."""
    news: list[str] = []
    sought: list[SeekPledge] = []
    for si, side in enumerate(SIDES):
        pending = draft.pending[si]
        for order in pending:
            if isinstance(order, SeekPledge):  # answered in the diplomacy step; paid for now
                sought.append(order)
                _spend(draft, si, "diplomacy", *order_cost(level, order))
        _research(level, draft, si, pending, news)
        ordered = sorted(
            (o for o in pending if not isinstance(o, SeekPledge)),
            key=lambda o: RESOLUTION_ORDER.index(type(o)),
        )
        for order in ordered:
            _resolve_one(level, draft, si, order, gen, news)
    draft.pending = [(), ()]
    draft.done = [False, False]
    _settle_hosting(level, draft, news)
    return news, sought


def _settle_hosting(level: Level, draft: Draft, news: list[str]) -> None:
    """A pledged ally hosts while U.S. ground-launched missiles are at its sites, and is back
    to pledged when none are left."""
    missiles = [ci for ci, cls in enumerate(level.classes) if cls.ground_launched and cls.side == "us"]
    for ai, ally in enumerate(level.allies):
        rung = draft.allies[ai].pledge
        if rung < 2:
            continue
        sites = [ki for ki, site in enumerate(level.sites) if site.host == ally.id]
        here = [ki for ki in sites if any(draft.deployed[ci][ki] for ci in missiles)]
        if rung == 2 and here:
            draft.allies[ai] = evolve(draft.allies[ai], pledge=3)
            news.append(f"{ally.called(True)} now hosts U.S. missiles at {level.sites[here[0]].name}.")
        elif rung == 3 and not here:
            draft.allies[ai] = evolve(draft.allies[ai], pledge=2)
            news.append(f"No U.S. missiles are left in {ally.called()}; it is back to 'pledged'.")


def _spend(draft: Draft, si: int, kind: str, amount: float, capital: float = 0.0) -> None:
    """`si` pays `amount` of its budget (recorded as spent on `kind`) and `capital`."""
    draft.budget[si] -= amount
    draft.capital[si] -= capital
    if amount:
        draft.spent[si].append((kind, amount))


def _research(level: Level, draft: Draft, si: int, pending: tuple, news: list[str]) -> None:
    side = SIDES[si]
    pace = draft.pace  # the paces the side's queued orders set
    for order in pending:
        if isinstance(order, SetResearch):
            pace[level.class_index(order.cls)] = order.pace
    progress = draft.progress
    commitment = _commitment(level, side, progress, pace)
    budget = draft.budget[si]
    scale = 1.0 if commitment <= budget else max(0.0, budget) / commitment
    if scale < 1.0:
        news.append(f"{called(side, True)} could not pay for all its research; programs slowed.")
    for ci, _, dev_years in _programs(level, side):
        if progress[ci] >= dev_years:  # fielded
            continue
        cls = level.classes[ci]
        step = PACE_FACTOR[pace[ci]] * scale * level.years_per_round
        progress[ci] = min(float(cls.dev_years), progress[ci] + step)
        if progress[ci] >= cls.dev_years:
            news.append(f"{cls.name} completed development and can now be produced.")
    _spend(draft, si, "research", commitment * scale)


def _resolve_one(level: Level, draft: Draft, si: int, order, gen: Stream, news: list[str]) -> None:
    budget, capital = order_cost(level, order)
    if isinstance(order, SetResearch):
        return
    if isinstance(order, Produce):
        ci = level.class_index(order.cls)
        count = order.lots * level.classes[ci].lot_size
        draft.reserve[ci] += count
        draft.produced[ci] += count
        _spend(draft, si, "production", budget)
    elif isinstance(order, (Deploy, Withdraw)):
        ci, ki = level.class_index(order.cls), level.site_index(order.site)
        sign = 1 if isinstance(order, Deploy) else -1
        draft.deployed[ci][ki] += sign * order.count
        draft.reserve[ci] -= sign * order.count
        _spend(draft, si, "diplomacy", 0.0, capital)
    elif isinstance(order, Signal):
        _signal(draft, si, order.kind)
        _spend(draft, si, "diplomacy", 0.0, capital)
    else:
        news.append(apply_lever(level, draft, order, gen))
        _spend(draft, si, "diplomacy", budget, capital)


def _signal(draft: Draft, si: int, kind: str) -> None:
    """Reassure: tension down, the other side a little readier to talk. Talks: an overture
    that makes the other side readier to talk. Resolve: tension up."""
    them = 1 - si
    warmth = {"reassure": REASSURE_WARMTH, "talks": OVERTURE_WARMTH}.get(kind, 0.0)
    draft.talks_bonus[them] += warmth
    draft.tension = min(100.0, max(0.0, draft.tension + SIGNAL_TENSION[kind]))
