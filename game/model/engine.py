"""The rules as pure functions: a new game, who moves, legal actions, applying an action.

A round is one step of `years_per_round` years: events (automatic) → orders (both sides,
simultaneous and hidden) → diplomacy resolution (automatic) → talks (alternating) →
assessment (automatic). `apply` runs the automatic steps itself whenever a phase closes, so a
state handed out is always waiting for a side to act, or over.
"""

from __future__ import annotations

import math
import operator

from game.model import events as deck
from game.model import orders, talks
from game.model.actions import ORDER_TYPES, TALKS_TYPES, EndOrders, IllegalAction, ProposeDeal, UndoOrder
from game.model.allies import PRESSURE_DECAY
from game.model.assessment import figures, year_scores
from game.model.diplomacy import resolve_pledges
from game.model.level import PLEDGES, SIDES, Level, Side, called
from game.model.negotiation import ceilings_for, check_offer, cut_to, metrics, ratification_chance, value_of
from game.model.offers import menu
from game.model.memo import memo
from game.model.rng import Stream, seed_state
from game.model.state import AllyState, Draft, GameState, SideState, Talks, YearRecord, evolve, replace_at, side_index
from game.numbers import signed

TREATY_OUTCOMES: tuple[str, ...] = ("Balanced treaty", "Treaty favouring the U.S.", "Treaty favouring China")
OUTCOMES: tuple[str, ...] = TREATY_OUTCOMES + ("Arms race", "Stalemate", "Crisis")
COMPLIANCE_TENSION = 20.0
TENSION_DECAY = 0.9
BONUS_DECAY = 0.5


# ---- a new game -----------------------------------------------------------------------------


def new_game(level: Level, seed: int) -> GameState:
    n_classes, n_sites = len(level.classes), len(level.sites)
    deployed = [[0] * n_sites for _ in range(n_classes)]
    reserve = [0] * n_classes
    progress = [0.0] * n_classes
    pace = ["cut"] * n_classes
    for side in SIDES:
        setup = level.sides[side]
        for cls_id, by_site in setup.forces.items():
            for site_id, count in by_site.items():
                deployed[level.class_index(cls_id)][level.site_index(site_id)] += count
        for cls_id, count in setup.reserve.items():
            reserve[level.class_index(cls_id)] += count
        for cls_id, years in setup.programs.items():
            ci = level.class_index(cls_id)
            progress[ci] = float(years)
            pace[ci] = "full"
    for ci, cls in enumerate(level.classes):
        if cls.dev_years == 0:
            pace[ci] = "cut"
    allies = tuple(
        AllyState(
            pledge=PLEDGES.index(a.pledge),
            willingness=a.willingness,
            threat_perception=a.threat_perception,
            economic_exposure=a.economic_exposure,
            domestic_opposition=a.domestic_opposition,
        )
        for a in level.allies
    )
    state = GameState(
        seed=seed,
        rng=seed_state(seed),
        year=level.start_year,
        phase="orders",
        sides=tuple(SideState(budget=0.0, capital=0.0) for _ in SIDES),
        deployed=tuple(map(tuple, deployed)),
        reserve=tuple(reserve),
        progress=tuple(progress),
        pace=tuple(pace),
        produced=(0,) * n_classes,
        allies=allies,
        talks=Talks(),
        tension=level.rules.start_tension,
    )
    return _start_round(level, state, first=True)


def _start_round(level: Level, state: GameState, first: bool = False) -> GameState:
    """Budgets, upkeep and capital for the year, then the year's events."""
    draft = Draft(state)
    deployed, reserve = state.deployed, state.reserve
    for si, (side, s) in enumerate(zip(SIDES, state.sides)):
        setup = level.sides[side]
        upkeep = sum(cost * (sum(deployed[ci]) + reserve[ci]) for ci, cost in _upkeep(level, side))
        if state.talks.stage == "in-force" and state.talks.treaty is not None:
            upkeep += level.rules.verification_cost[state.talks.treaty.verification] * 10.0
        draft.budget[si] = setup.budget - upkeep
        draft.capital[si] = setup.capital if first else min(setup.capital_cap, s.capital + setup.capital)
        draft.pending[si], draft.done[si] = (), False
        draft.talks_bonus[si] = s.talks_bonus * (1.0 if first else BONUS_DECAY)
        draft.spent[si] = [("upkeep", upkeep)]
    draft.tension = state.tension if first else state.tension * TENSION_DECAY
    if not first:  # China's economic pressure on each ally halves from one year to the next
        draft.allies = [evolve(a, pressure=a.pressure * PRESSURE_DECAY) if a.pressure else a for a in draft.allies]
    draft.produced = [0] * len(level.classes)
    stream = Stream(state.rng)
    drawn = deck.draw(level, draft, stream)
    for card in drawn:
        deck.apply_card(level, draft, card)
    seen = tuple(sorted(set(state.seen_events) | {c.id for c in drawn}))
    return draft.state(rng=stream.packed(), news=(), events=tuple(c.id for c in drawn), seen_events=seen, phase="orders")


def _upkeep(level: Level, side: Side) -> tuple[tuple[int, float], ...]:
    """(class index, upkeep per missile) of each class of `side`, in order."""
    store = memo("upkeep", level)
    if side not in store:
        store[side] = tuple((ci, c.upkeep) for ci, c in enumerate(level.classes) if c.side == side)
    return store[side]


# ---- who moves, and what they may do ----------------------------------------------------------


def to_move(state: GameState) -> tuple[Side, ...]:
    if state.phase == "orders":
        us, china = state.sides
        if us.done:
            return () if china.done else ("china",)
        return ("us",) if china.done else SIDES
    if state.phase == "talks":
        return (state.talks.turn,)
    return ()


def round_index(level: Level, state: GameState) -> int:
    return (state.year - level.start_year) // level.years_per_round


def check(level: Level, state: GameState, side: Side, action) -> None:
    """Raise IllegalAction (with a sentence for the player) unless `side` may take `action`."""
    if side not in SIDES:
        raise IllegalAction(f"Unknown side '{side}'.")
    if state.phase == "over":
        raise IllegalAction(f"The game is over: {state.outcome}.")
    if isinstance(action, (ORDER_TYPES, UndoOrder, EndOrders)):
        orders.check_order(level, state, side, action)
    elif isinstance(action, TALKS_TYPES):
        talks.check(level, state, side, action)
    else:
        raise IllegalAction(f"{action!r} is not an action of this game.")


def legal_actions(level: Level, state: GameState, side: Side) -> list:
    """Every action `side` may take now, in a stable order (empty when it is not to move)."""
    if side not in to_move(state):
        return []
    legal = []
    if state.phase == "orders":
        book = orders.ledger(level, state, side)
        for action in orders.candidate_orders(level, state, side, book):
            try:
                orders.check_order(level, state, side, action, book)
            except IllegalAction:
                continue
            legal.append(action)
        return legal
    for action in talks.candidates(level, state, side):
        try:
            talks.check(level, state, side, action)
        except IllegalAction:
            continue
        legal.append(action)
    if state.talks.stage == "formal" and state.talks.awaiting in (None, "deal"):
        legal += _proposals(level, state, side)
    return legal


_PROPOSALS: dict[Side, tuple] = {}  # side -> (what the menu was made from, its legal proposals)


def _proposals(level: Level, state: GameState, side: Side) -> tuple[ProposeDeal, ...]:
    """The offers of the menu `side` may propose, in formal talks on its turn with no rung to
    answer: talks.check then asks only negotiation.check_offer, so they depend on the forces
    and programs alone (remembered for the last ones of each side)."""
    basis = (level, state.deployed, state.reserve, state.progress, state.pace)
    last = _PROPOSALS.get(side)
    if last is not None and all(map(operator.is_, basis, last[0])):
        return last[1]
    found = []
    for offer in menu(level, state, side):
        try:
            check_offer(level, state, offer)
        except IllegalAction:
            continue
        found.append(ProposeDeal(offer))
    _PROPOSALS[side] = (basis, tuple(found))
    return _PROPOSALS[side][1]


# ---- applying an action ------------------------------------------------------------------------


def apply(level: Level, state: GameState, side: Side, action) -> GameState:
    """The state after `side` takes `action` (and any automatic steps it triggers)."""
    check(level, state, side, action)
    if state.phase == "orders":
        si = side_index(side)
        me = state.sides[si]
        if isinstance(action, EndOrders):
            me = evolve(me, done=True)
        elif isinstance(action, UndoOrder):
            me = evolve(me, pending=me.pending[:-1])
        else:
            me = evolve(me, pending=me.pending + (action,))
        state = evolve(state, sides=replace_at(state.sides, si, me))
        if me.done and state.sides[1 - si].done:
            state = _after_orders(level, state)
        return state
    state, over = talks.apply(level, state, side, action)
    if over:
        state = _assessment(level, state)
    return state


def _after_orders(level: Level, state: GameState) -> GameState:
    stream = Stream(state.rng)
    draft = Draft(state)
    news, sought = orders.resolve(level, draft, stream)
    more = resolve_pledges(level, draft, sought, stream)
    state = draft.state(rng=stream.packed(), news=state.news + tuple(news) + tuple(more))
    return talks.start(level, state, round_index(level, state))


# ---- assessment and the end ------------------------------------------------------------------


def _assessment(level: Level, state: GameState) -> GameState:
    stream = Stream(state.rng)
    news = list(state.news)
    state = _ratify(level, state, stream, news)
    state = _implement(level, state, stream, news)
    indices, breakdowns, scores = figures(level, year_scores(level, state))
    history = state.history + (_record(level, state, indices, breakdowns, scores, news),)
    outcome = _outcome(level, state, indices["shared"]["risk"])
    if outcome is not None:
        return evolve(state, rng=stream.packed(), history=history, news=tuple(news), phase="over", outcome=outcome)
    # The year's news stays in its record; the next year's starts empty.
    state = evolve(state, rng=stream.packed(), history=history, year=state.year + level.years_per_round)
    return _start_round(level, state)


def _ratify(level: Level, state: GameState, gen: Stream, news: list[str]) -> GameState:
    t = state.talks
    if t.stage != "agreement" or t.treaty is None or t.signed_year == state.year:
        return state
    rolls = {side: gen.random() for side in SIDES}
    offer_metrics = metrics(level, state, t.treaty)
    values = {side: value_of(level, state, side, t.treaty).total for side in SIDES}
    chances = {side: ratification_chance(level, offer_metrics, values[side]) for side in SIDES}
    failed = [side for side in SIDES if rolls[side] >= chances[side]]
    if failed:
        who = " and ".join(called(s) for s in failed)
        news.append(f"Ratification failed in {who}; the talks return to the formal stage.")
        return evolve(state, talks=evolve(t, stage="formal", treaty=None, signed_year=None))
    news.append("The treaty is ratified by both sides and enters into force.")
    ceilings = ceilings_for(level, state, t.treaty)
    deployed = [list(row) for row in state.deployed]
    reserve = list(state.reserve)
    for ki, site in enumerate(level.sites):
        if site.chain in t.treaty.zones:
            for ci, cls in enumerate(level.classes):
                if cls.ground_launched:
                    reserve[ci] += deployed[ci][ki]
                    deployed[ci][ki] = 0
    talks_state = evolve(
        t,
        stage="in-force",
        in_force_year=state.year,
        ceilings=ceilings,
        implemented=0,
        treaty_value=(values["us"], values["china"]),
    )
    return evolve(state, talks=talks_state, deployed=tuple(map(tuple, deployed)), reserve=tuple(reserve))


def _implement(level: Level, state: GameState, gen: Stream, news: list[str]) -> GameState:
    """A treaty in force steps forces down towards its ceilings; cheating may be caught."""
    t = state.talks
    if t.stage != "in-force" or t.treaty is None or t.in_force_year == state.year:
        return state
    t = evolve(t, implemented=t.implemented + 1)
    state = evolve(state, talks=t)
    deployed = [list(row) for row in state.deployed]
    reserve = list(state.reserve)
    detect = level.rules.detection[t.treaty.verification]
    for side in SIDES:
        if gen.random() < level.sides[side].cheat_rate:
            if gen.random() < detect:
                news.append(
                    f"Inspectors caught {called(side)} keeping forces the treaty bans; the treaty collapses."
                )
                tension = min(100.0, state.tension + COMPLIANCE_TENSION)
                broken = evolve(t, stage="breakdown", treaty=None, ceilings=())
                return evolve(state, talks=broken, tension=tension)
            continue  # undetected: this side keeps this year's excess
        for ci, have, target in t.ceilings:
            if level.classes[ci].side != side:
                continue
            allowed = _allowed(t, have, target)
            if sum(deployed[ci]) + reserve[ci] > allowed:
                cut_to(deployed[ci], reserve, ci, allowed)
    return evolve(state, deployed=tuple(map(tuple, deployed)), reserve=tuple(reserve))


def _allowed(t: Talks, have: int, target: int) -> int:
    left = max(0.0, 1.0 - t.implemented / max(1, t.treaty.years))
    return int(math.ceil(target + max(0, have - target) * left))


def _record(level: Level, state: GameState, indices: dict, breakdowns: dict, scores: dict[str, float],
            news: list[str]) -> YearRecord:
    holdings = {side: 0 for side in SIDES}
    for ci, cls in enumerate(level.classes):
        if cls.ground_launched:
            holdings[cls.side] += sum(state.deployed[ci]) + state.reserve[ci]
    return YearRecord(
        year=state.year,
        indices=indices,
        breakdowns=breakdowns,
        scores=scores,
        events=state.events,
        news=tuple(news),
        stage=state.talks.stage,
        holdings=holdings,
    )


def _outcome(level: Level, state: GameState, risk: float) -> str | None:
    if risk >= level.rules.crisis_threshold:
        return "Crisis"
    t = state.talks
    in_force = t.stage == "in-force" and t.treaty is not None
    last = state.year + level.years_per_round > level.end_year
    ends_by_treaty = (
        in_force and t.in_force_year == state.year and level.rules.treaty_ends_game
        and treaty_share(level, state) >= level.rules.treaty_goal
    )
    if not (last or ends_by_treaty):
        return None
    if in_force:
        lead = t.treaty_value[0] - t.treaty_value[1]
        if abs(lead) <= level.rules.balance_margin:
            return "Balanced treaty"
        return "Treaty favouring the U.S." if lead > 0 else "Treaty favouring China"
    if force_growth(level, state) * 100.0 >= level.rules.race_margin:
        return "Arms race"
    return "Stalemate"


def treaty_values_words(level: Level, state: GameState) -> str | None:
    """The sentence behind a treaty outcome's name (None for other outcomes): what the treaty was
    worth to each side when it was ratified, against the level's balance margin."""
    t = state.talks
    if state.outcome not in TREATY_OUTCOMES or t.treaty is None:
        return None
    us, china = t.treaty_value
    margin = level.rules.balance_margin
    within = "within" if abs(us - china) <= margin else "beyond"
    return (f"At ratification in {t.in_force_year} it was worth {signed(us, 2)} score points to the United "
            f"States and {signed(china, 2)} to China (each against no deal, in its own eyes): "
            f"{abs(us - china):.2f} apart, {within} the {margin:g} the level counts as balanced.")


def treaty_share(level: Level, state: GameState) -> float:
    """Share of China's ground-launched holdings (at entry into force) the treaty removes."""
    t = state.talks
    total = sum(
        h for ci, h, _ in t.ceilings if level.classes[ci].side == "china" and level.classes[ci].ground_launched
    )
    cut = sum(
        h - tg for ci, h, tg in t.ceilings if level.classes[ci].side == "china" and level.classes[ci].ground_launched
    )
    all_china = sum(
        sum(state.deployed[ci]) + state.reserve[ci]
        for ci, c in enumerate(level.classes)
        if c.side == "china" and c.ground_launched
    )
    return cut / max(1, max(total, all_china))


def force_growth(level: Level, state: GameState) -> float:
    """Growth of both sides' ground-launched forces since the start, as a fraction."""
    start = sum(
        sum(level.sides[c.side].forces.get(c.id, {}).values()) + level.sides[c.side].reserve.get(c.id, 0)
        for c in level.classes
        if c.ground_launched
    )
    now = sum(
        sum(state.deployed[ci]) + state.reserve[ci] for ci, c in enumerate(level.classes) if c.ground_launched
    )
    return (now - start) / max(1, start)
