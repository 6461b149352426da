"""How a scripted side gives its orders: a priority list rebuilt from the state at every step.

The plan is a pure function of the state (and the personality), so the same state always
gets the same next order. Each proposed order is checked by the rules; an illegal one is
skipped, and when nothing is left the side ends the phase.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from game.ai.profile import Difficulty, Personality
from game.model import allies as A
from game.model.actions import (
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
)
from game.model.level import PLEDGES, SIDES, Level, Side, other
from game.model.memo import memo
from game.model.negotiation import frozen_class, limited_before_ratification
from game.model.orders import CHINA_LEVERS, Ledger, check_order, completes_this_year, ledger, order_key, site_load
from game.model.scoring import score_totals
from game.model.state import GameState
from game.model.tables import SCORE_TERMS, tables_for
from game.model.talks import LADDER, threshold
from game.model.world import fielded, world_key, worlds_of

RESEARCH_SHARE = 0.6  # most of the budget a side will commit to research
AMORTISE = 2.0  # years over which a side spreads the price of a lot when deciding to build it
BUILD_BIAS = 0.05 # score points per lot an eager builder will pay beyond the model's view
RISK_REASSURE = 55.0
KEEP_MARGIN = -A.INDUCE_WILL  # a pledged ally this near losing its pledge is one inducement from it


def next_order(level: Level, state: GameState, side: Side, persona: Personality, diff: Difficulty):
    """The most wanted order that is still legal, or EndOrders."""
    book = ledger(level, state, side)
    for order in _wishes(level, state, side, persona, diff, book):
        try:
            check_order(level, state, side, order, book)
        except IllegalAction:
            continue
        return order
    return EndOrders()


def _wishes(level, state, side, persona, diff, book: Ledger):
    yield from _research(level, state, side, persona, book)
    yield from _deployments(level, state, side, book)
    yield from _diplomacy(level, state, side, persona, diff, book)
    yield from _production(level, state, side, persona, book)
    yield from _signals(level, state, side, persona)


def _research(level, state, side, persona, book):
    ranked = _programs(level, state, side)
    if not ranked:
        return
    wanted = max(1, math.ceil(persona.build * len(ranked)))
    budget = level.sides[side].budget
    committed = sum(c.research_cost for ci, c in ranked if book.pace[ci] == "full")
    for ci, cls in ranked[:wanted]:
        if book.pace[ci] != "full" and committed + cls.research_cost <= RESEARCH_SHARE * budget:
            committed += cls.research_cost
            yield SetResearch(cls.id, "full")


def _programs(level: Level, state: GameState, side: Side) -> list:
    """The side's programs still in development, most wanted first (by the other side's concern
    and the range each research point buys): remembered while the progress tuple lives."""
    store = memo("research ranking", level)
    key = (side, id(state.progress))
    hit = store.get(key)
    if hit is not None and hit[0] is state.progress:
        return hit[1]
    t = tables_for(level)
    programs = [
        (ci, c) for ci, c in enumerate(level.classes)
        if c.side == side and not fielded(level, state.progress, ci) and c.research_cost > 0
    ]
    ranked = sorted(programs, key=lambda p: -(t.other_concern[p[0]] * p[1].max_range / p[1].research_cost))
    if len(store) > 256:
        store.clear()
    store[key] = (state.progress, ranked)
    return ranked


def _site_value(level: Level, side: Side, ci: int) -> np.ndarray:
    """How much a class adds at each site: the targets it reaches there plus leverage weight."""
    t = tables_for(level)
    si = SIDES.index(side)
    reach = t.coverage[ci] @ t.target_weight[si]
    return reach + 0.5 * t.chain_weight


def _deployments(level, state, side, book):
    for ci, cls in enumerate(level.classes):
        if cls.side != side or book.reserve[ci] <= 0:
            continue
        ki = _best_site(level, state, side, ci)
        if ki is None:
            continue
        count = min(book.reserve[ci], level.sites[ki].capacity - site_load(level, state, side, book, ki))
        if count > 0:
            yield Deploy(cls.id, level.sites[ki].id, count)


def _grew(level: Level, state: GameState, side: Side) -> bool:
    """Did `side`'s ground-launched force grow over the last recorded year?"""
    if len(state.history) < 2:
        return side == "china"
    return state.history[-1].holdings[side] > state.history[-2].holdings[side]


def _production(level, state, side, persona, book):
    """Build where the model says a lot is worth its price: the score it adds once based at
    its best site, against its cost spread over AMORTISE years, plus the personality's appetite."""
    if book.produced:
        return  # one production order a year
    # Remembered by what it reads: the tuples and the personality by identity (each entry holds
    # them, so their ids are not reused), cheaper than hashing them at every step of a phase.
    chosen = memo("production", level)
    held = (persona, state.deployed, state.reserve, state.progress, state.allies)
    key = (side, state.year, state.talks.stage, len(state.history), book.budget, *map(id, held))
    hit = chosen.get(key)
    if hit is None or not all(map(operator.is_, hit[0], held)):
        if len(chosen) > 4096:
            chosen.clear()
        hit = chosen[key] = (held, _choose_production(level, state, side, persona, book))
    if hit[1] is not None:
        yield hit[1]


def _choose_production(level, state, side, persona, book) -> Produce | None:
    appetite = persona.build
    rival = other(side)
    if persona.reciprocity > 0:
        grew = 1.0 if _grew(level, state, rival) else 0.0
        appetite = (1 - persona.reciprocity) * appetite + persona.reciprocity * grew
    if persona.opportunism > 0 and state.history:
        idx = state.history[-1].indices
        if idx[side]["leverage"] > idx[rival]["leverage"] + 10:
            appetite *= 1 - 0.5 * persona.opportunism
    if state.talks.stage == "in-force":
        appetite *= 0.3
    options = []
    for ci, cls in enumerate(level.classes):
        if cls.side != side or not cls.ground_launched or not fielded(level, state.progress, ci):
            continue
        if frozen_class(state.talks, cls.id) or limited_before_ratification(state.talks, cls.id):
            continue  # the rules refuse it: another class may be worth building instead
        site = _best_site(level, state, side, ci)
        for lots in (1, 2) if persona.build >= 0.8 else (1,):
            if cls.unit_cost * cls.lot_size * lots <= book.budget:
                options.append((ci, site, lots))
    if not options:
        return None
    t = tables_for(level)
    si = SIDES.index(side)
    gain = _production_scores(level, state)
    weight = t.score_weights[si, SCORE_TERMS.index("cost")]
    budget = max(1.0, level.sides[side].budget)
    best, best_net = None, 0.0
    for ci, site, lots in options:
        cls = level.classes[ci]
        price = 100.0 * cls.unit_cost * cls.lot_size * lots / budget * weight / AMORTISE
        net = float(gain[ci, lots][si] - gain[None][si]) - price + BUILD_BIAS * appetite * lots
        if net > best_net:
            best, best_net = Produce(cls.id, lots), net
    return best


def _production_scores(level: Level, state: GameState) -> dict:
    """Both sides' scores with each lot either side might build (one or two of a fielded
    ground-launched class) based at its best site, by (class, lots), and without (None). The
    same for every personality and budget in a world: remembered by world, scored in one batch."""
    store = memo("production scores", level)
    treaty = state.talks.treaty
    key = (world_key(level, state), treaty.zones if treaty is not None else ())  # the zones move best sites
    found = store.get(key)
    if found is None:
        options, deployed, reserve = _production_rows(level, state)
        scores = score_totals(level, worlds_of(level, state, len(options) + 1, deployed, reserve)).tolist()
        found = {(ci, lots): scores[row] for row, (ci, lots) in enumerate(options, start=1)}
        found[None] = scores[0]
        if len(store) >= 256:
            store.clear()
        store[key] = found
    return found


def _production_rows(level: Level, state: GameState) -> tuple:
    """The (class, lots) of each row of `_production_scores`' batch after the first, and what
    each row adds to the forces: one lot at its class's best site (deployed, (N, C, K)), or in
    the reserve where no site will take it ((N, C), or None when every lot has a site). They
    depend on the programs, the allies and a treaty signed alone: remembered for the last ones."""
    store = memo("production rows", level)
    basis = (state.progress, state.allies, state.talks.treaty)
    last = store.get("last")
    if last is not None and all(map(operator.is_, last[0], basis)):
        return last[1]
    options = [(ci, _best_site(level, state, cls.side, ci), lots) for ci, cls in enumerate(level.classes)
               if cls.ground_launched and fielded(level, state.progress, ci) for lots in (1, 2)]
    n, n_classes = len(options) + 1, len(level.classes)
    deployed = np.zeros((n, n_classes, len(level.sites)))
    reserve = np.zeros((n, n_classes))
    for row, (ci, site, lots) in enumerate(options, start=1):
        if site is None:
            reserve[row, ci] = lots * level.classes[ci].lot_size
        else:
            deployed[row, ci, site] = lots * level.classes[ci].lot_size
    found = ([(ci, lots) for ci, _, lots in options], deployed, reserve if reserve.any() else None)
    store["last"] = (basis, found)
    return found


def _best_site(level: Level, state: GameState, side: Side, ci: int) -> int | None:
    """The best site open to class `ci`: an ally's only once it has pledged, and for missiles
    only while it is willing enough to keep hosting them (below that they would come home the
    year they arrived), and outside the zones of a treaty signed (they would be withdrawn when
    it is ratified; once it is in force the rules bar them)."""
    missile = level.classes[ci].ground_launched
    treaty = state.talks.treaty
    zones = treaty.zones if missile and treaty is not None else ()
    for ki, ai in _site_ranking(level, side, ci):
        if level.sites[ki].chain in zones:
            continue
        if ai is not None:
            ally = state.allies[ai]
            if ally.pledge < 2 or (missile and A.effective_willingness(ally) < A.holds_from(PLEDGES.index("hosting"))):
                continue
        return ki
    return None


def _site_ranking(level: Level, side: Side, ci: int) -> tuple[tuple[int, int | None], ...]:
    """The sites of `side` that take class `ci`, best first (by `_site_value`, stably), each
    with the index of the ally hosting it (None for a side's own site): fixed for a level."""
    store = memo("site ranking", level)
    key = (side, ci)
    if key not in store:
        value = _site_value(level, side, ci)
        ranking = []
        for ki in np.argsort(-value, kind="stable"):
            site = level.sites[int(ki)]
            if site.base_side() != side or not site.takes(level.classes[ci].trade_class):
                continue
            ranking.append((int(ki), None if site.host in ("us", "china") else level.ally_index(site.host)))
        store[key] = tuple(ranking)
    return store[key]


def _diplomacy(level, state, side, persona, diff, book):
    """Work on the allies, most willing first: the same wishes all through an orders phase
    (they read only the allies and the programs), so remembered while those tuples live, with
    their ledger keys. A wish whose key already has an order this year is left out (the rules
    would refuse it)."""
    store = memo("diplomacy", level)
    key = (side, persona.diplomacy, persona.coercion, diff, id(state.allies), id(state.progress))
    hit = store.get(key)
    if hit is None or hit[0] is not state.allies or hit[1] is not state.progress:
        if len(store) > 256:
            store.clear()
        wishes = [(order_key(wish), wish) for wish in _ally_wishes(level, state, side, persona, diff)]
        hit = store[key] = (state.allies, state.progress, wishes)
    done = book.keys
    for wish_key, wish in hit[2]:
        if wish_key not in done:
            yield wish


def _ally_wishes(level, state, side, persona, diff) -> list:
    budget = min(round(persona.diplomacy * 4), diff.diplomacy_orders)
    order = sorted(
        range(len(level.allies)),
        key=lambda ai: (-A.effective_willingness(state.allies[ai]), level.allies[ai].id),
    )
    wishes = []
    if side == "china" and diff.weighs_levers:
        wishes += _breaking(level, state, persona)
    for ai in order:
        ally, spec = state.allies[ai], level.allies[ai]
        will = A.effective_willingness(ally)
        if side == "us":
            if ally.pledge < 2:
                wishes.append(Consult(spec.id))
                if will >= A.RUNG_THRESHOLD[ally.pledge + 1] - 0.1:
                    wishes.append(SeekPledge(spec.id))
            elif diff.keeps_allies and will < A.holds_from(ally.pledge) + KEEP_MARGIN:
                wishes.append(Consult(spec.id))  # before China's levers take it below its rung
            if ally.pledge == 1:
                for ci, cls in enumerate(level.classes):  # a program this year's research leaves unfinished
                    if (cls.side == side and cls.research_cost > 0
                            and not completes_this_year(level, state.progress, ci, state.pace[ci])):
                        wishes.append(CoDevelop(spec.id, cls.id))
                        break
        else:
            if ally.pledge == 0 and will < 0.25:
                continue
            if diff.weighs_levers:
                wishes.append(_weighed_lever(ally, persona, diff.lookahead)(spec.id))
                continue
            backfire_risk = ally.threat_perception
            if persona.coercion >= 0.5 and backfire_risk < 0.7:
                wishes.append(Coerce(spec.id))
            elif ally.domestic_opposition < 0.5:
                wishes.append(Campaign(spec.id))
            else:
                wishes.append(Induce(spec.id))
    return wishes[:budget]


def _breaking(level, state, persona) -> list:
    """Every lever on the one pledged or hosting ally that they are together expected to take
    below the willingness that holds its rung this year, even after a U.S. consultation (the one
    furthest below it, if several; none if there is none)."""
    levers = tuple(lever for lever in CHINA_LEVERS if lever is not Coerce or persona.coercion >= 0.5)
    best = None
    for ai, ally in enumerate(state.allies):
        if ally.pledge < 2:
            continue
        margin = A.holds_from(ally.pledge) - A.expected_after(ally, levers, consulted=True)
        if margin > 0 and (best is None or margin > best[0]):
            best = (margin, ai)
    if best is None:
        return []
    return [lever(level.allies[best[1]].id) for lever in levers]


def _weighed_lever(ally, persona: Personality, years: int) -> type:
    """China's lever that leaves this ally least willing to host `years` after this year's
    pledge decision, as expected: pressure fades (by PRESSURE_DECAY a year) and coercion may
    backfire (allies.backfire_chance). A personality with coercion below 0.5 never coerces."""
    chance = A.backfire_chance(ally)

    def later(lever: type, backfired: bool = False) -> float:
        return A.willingness_in(A.after_lever(ally, lever, backfired), years)

    expected = {
        Coerce: (1 - chance) * later(Coerce) + chance * later(Coerce, True),
        Induce: later(Induce),
        Campaign: later(Campaign),
    }
    if persona.coercion < 0.5:
        del expected[Coerce]
    return min(expected, key=lambda lever: (expected[lever], lever.__name__))


def _signals(level, state, side, persona):
    """Signals, judged on last year's assessment."""
    rival = other(side)
    nxt = LADDER.get(state.talks.stage if state.talks.stage != "breakdown" else "closed")
    rival_will = state.history[-1].indices[rival]["talks"] if state.history else 0.0
    if nxt and persona.eagerness >= 0.4 and rival_will >= threshold(level, nxt) - 10:
        yield Signal("talks")
    if persona.eagerness >= 0.5 and state.history and state.history[-1].indices["shared"]["risk"] >= RISK_REASSURE:
        yield Signal("reassure")
    if persona.coercion >= 0.7 and state.tension < 60:
        yield Signal("resolve")
