"""The orders phase: what each order costs, whether it is allowed, and resolving them all.

Orders are queued (hidden from the other side) and resolved together when both sides have
ended the phase. Budget and capital are checked against what the queued orders already use.
"""

from __future__ import annotations

import numpy as np
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
from game.model.diplomacy import apply_lever
from game.model.level import IN_A_SENTENCE, PLEDGES, SIDE_NAMES, Level, Side, other
from game.model.memo import memo
from game.model.negotiation import allowed_now, frozen_class, holdings, zone_closed
from game.model.state import GameState, evolve, replace_at, side_index
from game.model.world import PACE_FACTOR, fielded

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
CHINA_LEVERS = (Coerce, Induce, Campaign)
SIGNAL_TENSION = {"reassure": -6.0, "resolve": 4.0, "talks": 0.0}
REASSURE_WARMTH = 2.0  # willingness to talk the other side gains from a reassuring signal
OVERTURE_WARMTH = 4.0  # ... and from a call for talks


# ---- what queued orders imply -------------------------------------------------------------


def order_cost(level: Level, order) -> tuple[float, float]:
    """(budget, capital) an order uses, research aside."""
    capital = CAPITAL_COST.get(type(order), 0.0)
    if isinstance(order, Produce):
        c = level.classes[level.class_index(order.cls)]
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


def _ledger(level: Level, state: GameState, side: Side) -> Ledger:
    me = state.side(side)
    pace = list(state.pace)
    reserve = list(state.reserve)
    deployed = state.deployed
    at_site: dict[tuple[int, int], int] = {}
    produced: dict[int, int] = {}
    keys = set()
    budget, capital = me.budget, me.capital
    for order in me.pending:
        b, c = order_cost(level, order)
        budget -= b
        capital -= c
        keys.add(_key(order))
        if isinstance(order, SetResearch):
            pace[level.class_index(order.cls)] = order.pace
        elif isinstance(order, Produce):
            ci = level.class_index(order.cls)
            produced[ci] = produced.get(ci, 0) + order.lots * level.classes[ci].lot_size
        elif isinstance(order, (Deploy, Withdraw)):
            ci, ki = level.class_index(order.cls), level.site_index(order.site)
            sign = 1 if isinstance(order, Deploy) else -1
            reserve[ci] -= sign * order.count
            at_site[ci, ki] = at_site.get((ci, ki), deployed[ci][ki]) + sign * order.count
    budget -= research_commitment(level, state, side, pace)
    return Ledger(
        budget=budget,
        capital=capital,
        pace=tuple(pace),
        reserve=tuple(reserve),
        at_site=at_site,
        produced=produced,
        keys=frozenset(keys),
        count=len(me.pending),
    )


def site_load(level: Level, state: GameState, side: Side, book: Ledger, ki: int) -> int:
    """Forces of `side` at site `ki` once queued moves are counted."""
    return sum(
        book.at_site.get((ci, ki), state.deployed[ci][ki])
        for ci, c in enumerate(level.classes)
        if c.side == side
    )


def _key(order) -> tuple:
    return (type(order), getattr(order, "ally", None) or getattr(order, "kind", None) or getattr(order, "cls", None))


def research_commitment(level: Level, state: GameState, side: Side, pace=None) -> float:
    pace = pace if pace is not None else state.pace
    progress = state.progress
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


# ---- legality -------------------------------------------------------------------------------


def check_order(level: Level, state: GameState, side: Side, order, book: Ledger | None = None) -> None:
    """Raise IllegalAction, with a sentence for the player, if `side` may not give `order`.

    `book` is the side's ledger, when the caller checks many orders against one state."""
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
        if _key(order) in book.keys:
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
        ceiling = allowed_now(state.talks, ci)
        queued = book.produced.get(ci, 0)
        if ceiling is not None and holdings(state, ci) + queued + order.lots * cls.lot_size > ceiling:
            raise IllegalAction(f"The treaty allows at most {ceiling} {cls.name} this year.")
    elif isinstance(order, (Deploy, Withdraw)):
        ci, cls = _own_class(level, side, order.cls)
        ki, site = _site(level, order.site)
        if order.count < 1:
            raise IllegalAction("Move at least one missile.")
        if isinstance(order, Withdraw):
            here = book.at_site.get((ci, ki), state.deployed[ci][ki])
            if order.count > here:
                raise IllegalAction(f"Only {here} {cls.name} are at {site.name}.")
            return
        if site.base_side() != side:
            raise IllegalAction(f"{IN_A_SENTENCE[side].capitalize()} cannot base forces at {site.name}.")
        if not site.takes(cls.trade_class):
            raise IllegalAction(f"{site.name} cannot take {cls.name}.")
        if site.host not in ("us", "china"):
            ally = state.allies[level.ally_index(site.host)]
            if ally.pledge < 2:
                host = level.allies[level.ally_index(site.host)].name
                raise IllegalAction(
                    f"{host} has not pledged to host (it is '{PLEDGES[ally.pledge]}'); seek a pledge first."
                )
        if cls.ground_launched and zone_closed(state.talks, site.chain):
            raise IllegalAction(f"The treaty bars ground-launched missiles from the {site.chain} island chain.")
        spare = book.reserve[ci]
        if order.count > spare:
            later = " Missiles ordered this year join the reserve at the year's end." if book.produced.get(ci) else ""
            raise IllegalAction(f"Only {spare} {cls.name} are in the reserve.{later}")
        room = site.capacity - site_load(level, state, side, book, ki)
        if order.count > room:
            raise IllegalAction(f"{site.name} has room for {max(room, 0)} more.")
    elif isinstance(order, (Consult, SeekPledge, CoDevelop, Coerce, Induce, Campaign)):
        levers = US_LEVERS if side == "us" else CHINA_LEVERS
        if not isinstance(order, levers):
            raise IllegalAction(f"{IN_A_SENTENCE[side].capitalize()} cannot use {type(order).__name__}.")
        ai = _ally(level, order.ally)
        name = level.allies[ai].name
        if _key(order) in book.keys:
            raise IllegalAction(f"You have already done that with {name} this year.")
        if isinstance(order, SeekPledge) and state.allies[ai].pledge >= 2:
            raise IllegalAction(f"{name} has already pledged; deploy forces to its sites to host.")
        if isinstance(order, CoDevelop):
            ci, cls = _own_class(level, side, order.cls)
            if fielded(level, state.progress, ci):
                raise IllegalAction(f"{cls.name} is already fielded.")
            if state.allies[ai].pledge < 1:
                raise IllegalAction(f"{name} must at least be considering hosting to co-develop.")
    elif isinstance(order, Signal):
        if order.kind not in SIGNALS:
            raise IllegalAction(f"Signals are: {', '.join(SIGNALS)}.")
        if _key(order) in book.keys:
            raise IllegalAction(f"You have already signalled '{order.kind}' this year.")
    else:
        raise IllegalAction(f"{type(order).__name__} is not an order.")


def candidate_orders(level: Level, state: GameState, side: Side, book: Ledger) -> list:
    """Every order worth considering for `side` now (legality is checked by the caller):
    the same list for every state of a level, plus moving what is in the reserve or at sites."""
    # The list depends only on the side, its reserve and forces at its sites once queued moves
    # count: remembered for the last few of those (the other orders of a year leave them alone).
    known = memo("candidate lists", level)
    at_site = book.at_site
    key = (side, book.reserve, id(state.deployed), tuple(sorted(at_site.items())) if at_site else ())
    hit = known.get(key)
    if hit is not None and hit[0] is state.deployed:
        return list(hit[1])
    if len(known) > 256:
        known.clear()
    out = _candidate_orders(level, state, side, book)
    known[key] = (state.deployed, tuple(out))
    return out


def _candidate_orders(level: Level, state: GameState, side: Side, book: Ledger) -> list:
    standing, basing = _standing(level, side)
    out = list(standing)
    made = memo("candidate orders", level)  # the (immutable) order objects, made once
    if len(made) > 20000:
        made.clear()
    at_site, deployed = book.at_site, state.deployed
    for ci, cls, sites in basing:
        spare = book.reserve[ci]
        row = deployed[ci]
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
            here = at_site.get((ci, ki), row[ki]) if at_site else row[ki]
            if here > 0:
                withdraw = made.get((ci, ki, here))
                if withdraw is None:
                    withdraw = made[ci, ki, here] = Withdraw(cls.id, site.id, here)
                out.append(withdraw)
    return out


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
    out.extend((UndoOrder(), EndOrders()))
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


def resolve(level: Level, state: GameState, gen: np.random.Generator) -> tuple[GameState, list[str], list[SeekPledge]]:
    """Carry out both sides' queued orders together; returns news and the pledges sought."""
    news: list[str] = []
    sought: list[SeekPledge] = []
    for side in ("us", "china"):
        pending = state.side(side).pending
        sought.extend(o for o in pending if isinstance(o, SeekPledge))
        state = _research(level, state, side, news)
        ordered = sorted(
            (o for o in pending if not isinstance(o, SeekPledge)),
            key=lambda o: RESOLUTION_ORDER.index(type(o)),
        )
        for order in ordered:
            state = _resolve_one(level, state, side, order, gen, news)
    cleared = tuple(evolve(s, pending=(), done=False) for s in state.sides)
    state = _settle_hosting(level, evolve(state, sides=cleared), news)
    return state, news, sought


def _settle_hosting(level: Level, state: GameState, news: list[str]) -> GameState:
    """A pledged ally hosts while U.S. ground-launched missiles are at its sites, and is back
    to pledged when none are left."""
    missiles = [ci for ci, cls in enumerate(level.classes) if cls.ground_launched and cls.side == "us"]
    for ai, ally in enumerate(level.allies):
        rung = state.allies[ai].pledge
        if rung < 2:
            continue
        sites = [ki for ki, site in enumerate(level.sites) if site.host == ally.id]
        here = [ki for ki in sites if any(state.deployed[ci][ki] for ci in missiles)]
        if rung == 2 and here:
            state = evolve(state, allies=replace_at(state.allies, ai, evolve(state.allies[ai], pledge=3)))
            news.append(f"{ally.name} now hosts U.S. missiles at {level.sites[here[0]].name}.")
        elif rung == 3 and not here:
            state = evolve(state, allies=replace_at(state.allies, ai, evolve(state.allies[ai], pledge=2)))
            news.append(f"No U.S. missiles are left in {ally.name}; it is back to 'pledged'.")
    return state


def _spend(state: GameState, side: Side, kind: str, amount: float, capital: float = 0.0, **changes) -> GameState:
    """The state once `side` has paid; `changes` are other fields of the state to set with it."""
    si = side_index(side)
    s = state.sides[si]
    s = evolve(
        s,
        budget=s.budget - amount,
        capital=s.capital - capital,
        spent=s.spent + ((kind, amount),) if amount else s.spent,
    )
    return evolve(state, sides=replace_at(state.sides, si, s), **changes)


def _research(level: Level, state: GameState, side: Side, news: list[str]) -> GameState:
    pace = ledger(level, state, side).pace
    commitment = research_commitment(level, state, side, pace)
    budget = state.side(side).budget
    scale = 1.0 if commitment <= budget else max(0.0, budget) / commitment
    if scale < 1.0:
        news.append(f"{SIDE_NAMES[side]} could not pay for all its research; programs slowed.")
    progress = list(state.progress)
    for ci, cls in enumerate(level.classes):
        if cls.side != side or fielded(level, state.progress, ci):
            continue
        step = PACE_FACTOR[pace[ci]] * scale * level.years_per_round
        progress[ci] = min(float(cls.dev_years), progress[ci] + step)
        if progress[ci] >= cls.dev_years:
            news.append(f"{cls.name} completed development and can now be produced.")
    return _spend(state, side, "research", commitment * scale, progress=tuple(progress), pace=tuple(pace))


def _resolve_one(level, state, side, order, gen, news) -> GameState:
    budget, capital = order_cost(level, order)
    if isinstance(order, SetResearch):
        return state
    if isinstance(order, Produce):
        ci = level.class_index(order.cls)
        count = order.lots * level.classes[ci].lot_size
        return _spend(
            state, side, "production", budget,
            reserve=replace_at(state.reserve, ci, state.reserve[ci] + count),
            produced=replace_at(state.produced, ci, state.produced[ci] + count),
        )
    if isinstance(order, (Deploy, Withdraw)):
        ci, ki = level.class_index(order.cls), level.site_index(order.site)
        sign = 1 if isinstance(order, Deploy) else -1
        row = replace_at(state.deployed[ci], ki, state.deployed[ci][ki] + sign * order.count)
        return _spend(
            state, side, "diplomacy", 0.0, capital,
            deployed=replace_at(state.deployed, ci, row),
            reserve=replace_at(state.reserve, ci, state.reserve[ci] - sign * order.count),
        )
    if isinstance(order, Signal):
        state = _signal(state, side, order.kind)
        return _spend(state, side, "diplomacy", 0.0, capital)
    state, line = apply_lever(level, state, order, gen)
    if line:
        news.append(line)
    return _spend(state, side, "diplomacy", budget, capital)


def _signal(state: GameState, side: Side, kind: str) -> GameState:
    """Reassure: tension down, the other side a little readier to talk. Talks: an overture
    that makes the other side readier to talk. Resolve: tension up."""
    sides = list(state.sides)
    them = side_index(other(side))
    warmth = {"reassure": REASSURE_WARMTH, "talks": OVERTURE_WARMTH}.get(kind, 0.0)
    sides[them] = evolve(sides[them], talks_bonus=sides[them].talks_bonus + warmth)
    tension = min(100.0, max(0.0, state.tension + SIGNAL_TENSION[kind]))
    return evolve(state, sides=tuple(sides), tension=tension)
