"""The situation, the year's news and the end of a game, as lines of plain text.

Every function here is pure: it reads a level and a state (or records) and returns lines no
wider than `WIDTH`, for `game.text.app` to print. Ids are shown next to names, since ids are
what the player types.
"""

from __future__ import annotations

import textwrap

from attrs import frozen

from game.analysis.claims import claims_in_game
from game.classroom.hotseat import revealed_orders
from game.model.actions import (
    CoDevelop,
    Campaign,
    Coerce,
    Consult,
    Deploy,
    Induce,
    Produce,
    SeekPledge,
    SetResearch,
    Signal,
    Withdraw,
)
from game.model.allies import (
    RUNG_THRESHOLD,
    backfire_chance,
    coerced_a_year_on,
    effective_willingness,
    expected_after,
    holds_from,
    pledge_chance,
    willingness_after,
    willingness_parts,
)
from game.model.assessment import INDEX_NAMES, Assessment, Index
from game.model.engine import treaty_values_words
from game.model.scoring import STANDING_NAMES
from game.model.level import (
    IN_A_SENTENCE,
    PLEDGES,
    SIDE_NAMES,
    SIDE_SHORT,
    SIDES,
    Level,
    Side,
    other,
    possessive,
    sentence_start,
)
from game.model.negotiation import describe, metrics, treaty_heading, value_of
from game.model.orders import CHINA_LEVERS, ledger
from game.model.state import GameState, TalksEntry, YearRecord
from game.model.talks import STAGE_NAMES, shortfall, threshold
from game.model.world import fielded
from game.numbers import a_chance, change, hundredths_down, rounded_down, signed

WIDTH = 100
LABEL = 22  # width of an index's name column
NAME = IN_A_SENTENCE
POSSESSIVE = {side: possessive(side) for side in SIDES}
INDEX_ORDER = ("score", "deterrence", "leverage", "standing", "cost", "talks")


def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """`text` filled to WIDTH; the first line starts with `first` (default: `indent`)."""
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [first or ""]


def rule(title: str, char: str = "=") -> str:
    head = f"{char * 4} {title} "
    return (head + char * max(4, WIDTH - len(head)))[:WIDTH]


def money(x: float) -> str:
    return f"${x:,.0f}M"


def terms_text(index: Index, n: int = 3) -> str:
    return ", ".join(f"{t.name} {signed(t.value)}" for t in index.top(n))


def index_line(label: str, index: Index, n: int = 3) -> list[str]:
    first = f"  {label:<{LABEL}}{index.value:5.1f}  "
    return wrap(terms_text(index, n), " " * len(first), first)


@frozen
class Snapshot:
    """The parts of a year's record a report compares (the start of the game has no record)."""

    indices: dict[str, dict[str, float]]
    breakdowns: dict[str, dict[str, dict[str, float]]]
    scores: dict[str, float]
    stage: str

    @classmethod
    def of(cls, result: Assessment, stage: str) -> Snapshot:
        return cls(result.values(), result.breakdowns(), dict(result.scores), stage)


# ---- the situation --------------------------------------------------------------------------


def situation(level: Level, state: GameState, side: Side, result: Assessment, header: str) -> list[str]:
    """Everything a player needs to decide, for the phase the game is in."""
    lines = [rule(header)]
    lines += budget_lines(level, state, side)
    lines.append("Your indices (0-100) and their largest terms:")
    mine = result.side(side)
    for key in INDEX_ORDER:
        lines += index_line(mine[key].name, mine[key])
    lines += index_line("Escalation risk", result.shared["risk"])
    lines += ally_lines(level, state)
    lines += force_lines(level, state, side)
    lines += research_lines(level, state, side)
    lines += talks_lines(level, state, side, result)
    return lines


def budget_lines(level: Level, state: GameState, side: Side) -> list[str]:
    """Budget and capital left: after queued orders and research in the orders phase."""
    setup = level.sides[side]
    if state.phase == "orders":
        book = ledger(level, state, side)
        budget, capital = book.budget, book.capital
    else:
        budget, capital = state.side(side).budget, state.side(side).capital
    text = (f"Budget {money(budget)} left of {money(setup.budget)} a year; "
            f"political capital {capital:g} left")
    if state.phase == "orders":
        text += f"; orders {book.count} of {level.rules.max_orders}"
    return wrap(text)


def ally_lines(level: Level, state: GameState) -> list[str]:
    """Each ally's rung on the pledge ladder and its willingness to host."""
    parts = []
    for spec, ally in zip(level.allies, state.allies):
        will = effective_willingness(ally)
        parts.append(f"{spec.id} {PLEDGES[ally.pledge]} (willing {hundredths_down(will)})")
    lines = wrap(" | ".join(parts), "    ", "Allies: ")
    if state.phase == "orders":
        lines += wrap(f"(pledge ladder: none; considering: held from willingness {holds_from(1):.2f}, won with even "
                      f"odds at {RUNG_THRESHOLD[1]:.2f}; pledged: held from {holds_from(2):.2f}, won with even odds at "
                      f"{RUNG_THRESHOLD[2]:.2f}; hosting while U.S. missiles are there; a rung is never won, and is "
                      f"lost, below the willingness that holds it)", "    ")
    return lines


def ally_detail(level: Level, state: GameState, ai: int) -> list[str]:
    """What makes one ally willing to host, term by term, and what China's coercion would risk."""
    spec, ally = level.allies[ai], state.allies[ai]
    will = effective_willingness(ally)
    lines = [f"{spec.name} ({PLEDGES[ally.pledge]}): willing to host {hundredths_down(will)}"]
    parts = willingness_parts(ally)
    lines += [f"  {signed(value, 2):>6}  {name}" for name, value in parts]
    total = sum(value for _, value in parts)
    if total != will:
        lines.append(f"  {signed(will - total, 2):>6}  held to the 0-1 scale")
    def after(lever, backfired=False) -> str:
        return hundredths_down(willingness_after(ally, lever, backfired))

    lines += wrap(f"One use of a lever now leaves it willing: U.S. consult {after(Consult)}, co-develop "
                  f"{after(CoDevelop)}; China coerce {after(Coerce)} ({hundredths_down(coerced_a_year_on(ally))} a year on, as the "
                  f"pressure fades; or {after(Coerce, True)} if it backfires, {a_chance(backfire_chance(ally))}), "
                  f"induce {after(Induce)}, campaign {after(Campaign)}.", "    ", "  ")
    if ally.pledge >= 2:
        holds = holds_from(ally.pledge)
        margin = (f"{hundredths_down(will - holds)} to spare" if will >= holds else
                  "unless that rises this year, it steps back at the year's pledge decision")
        lines += wrap(f"It keeps '{PLEDGES[ally.pledge]}' while willing at least {holds:.2f}: {margin}.",
                      "    ", "  ")
        lines += wrap(f"China's three levers on it in one year (coerce, induce, campaign) are expected to leave it "
                      f"willing {hundredths_down(expected_after(ally, CHINA_LEVERS))}, or "
                      f"{hundredths_down(expected_after(ally, CHINA_LEVERS, consulted=True))} if the United States "
                      f"consults it that year.", "    ", "  ")
    else:
        nxt = PLEDGES[ally.pledge + 1]
        lines += wrap(f"A pledge sought now: {a_chance(pledge_chance(will, ally.pledge))} to reach '{nxt}' (none "
                      f"below {holds_from(ally.pledge + 1):.2f}, even odds at {RUNG_THRESHOLD[ally.pledge + 1]:.2f}).",
                      "    ", "  ")
    elections = [str(y) for y in spec.election_years if y >= state.year]
    lines.append(f"  Elections: {', '.join(elections) or 'none left'}.")
    return lines


def force_lines(level: Level, state: GameState, mine: Side) -> list[str]:
    """Every class with forces, by site and in reserve: the player's side first."""
    lines = ["Forces (where they are; reserve = built but not deployed):"]
    width = max(len(c.id) for c in level.classes)
    for side in (mine, other(mine)):
        for ci, cls in enumerate(level.classes):
            if cls.side != side:
                continue
            where = [f"{level.sites[k].id} {n}" for k, n in enumerate(state.deployed[ci]) if n]
            if state.reserve[ci]:
                where.append(f"reserve {state.reserve[ci]}")
            if not where:
                continue
            first = f"  {SIDE_SHORT[side]:<6}{cls.id:<{width}}  "
            lines += wrap(", ".join(where) + f"  ({cls.name})", " " * len(first), first)
    if len(lines) == 1:
        lines.append("  none")
    return lines


def research_lines(level: Level, state: GameState, side: Side) -> list[str]:
    parts = []
    for ci, cls in enumerate(level.classes):
        if cls.side != side or cls.dev_years == 0:
            continue
        if fielded(level, state.progress, ci):
            parts.append(f"{cls.id} fielded")
        else:
            parts.append(f"{cls.id} {state.progress[ci]:g}/{cls.dev_years} years ({state.pace[ci]})")
    return wrap(" | ".join(parts) or "none: every class of yours is fielded", "    ", "Research: ")


def talks_lines(level: Level, state: GameState, side: Side, result: Assessment) -> list[str]:
    t = state.talks
    if state.phase == "talks":
        will = dict(zip(("us", "china"), t.willingness))
    else:
        will = {s: result.side(s)["talks"].value for s in ("us", "china")}
    text = (f"Talks: {STAGE_NAMES[t.stage]}. Willingness to talk: U.S. {rounded_down(will['us'])}, "
            f"China {rounded_down(will['china'])} "
            f"(exploratory needs {threshold(level, 'exploratory'):.0f}, "
            f"formal {threshold(level, 'formal'):.0f}).")
    if t.treaty is not None:
        text += f" Treaty ({treaty_heading(level, state)}): {describe(level, t.treaty)}."
    lines = wrap(text, "    ", "")
    last = last_offer(state, other(side))
    on_table = state.phase == "talks" and t.awaiting == "deal" and t.turn == side
    if last is not None and not (on_table and last.offer == t.offer) and last.offer != t.treaty:
        reason = f' "{last.reason}"' if last.reason else ""
        lines += wrap(f"{sentence_start(POSSESSIVE[other(side)])} last offer ({last.year}): "
                      f"{describe(level, last.offer)}.{reason}", "    ", "")
    if state.phase == "talks":
        lines += talks_turn(level, state, side)
    return lines


def talks_turn(level: Level, state: GameState, side: Side) -> list[str]:
    t = state.talks
    lines = [f"Exchanges left this year: {t.exchanges_left}."]
    if t.turn == side and t.awaiting == "talks":
        them = sentence_start(NAME[other(side)])
        lines += wrap(f"{them} proposes {_next(t.stage)} talks: {ladder_answer(level, state, side)}.", "    ", "")
    elif t.turn == side and t.awaiting == "deal" and t.offer is not None:
        last = last_offer(state, other(side))
        reason = f' "{last.reason}"' if last is not None and last.offer == t.offer and last.reason else ""
        lines += wrap(f"On the table from {NAME[other(side)]}: {describe(level, t.offer)}.{reason}",
                      "    ", "")
        lines.append(f"{sentence_start(worth_text(level, state, side, t.offer))}.")
        lines.append("Answer: accept, reject, walkout, or counter with offer (or menu).")
    return lines


def worth_text(level: Level, state: GameState, side: Side, offer) -> str:
    """What an offer is worth to `side`, as its scripted opponents value offers: score points
    against no deal, through the model."""
    kind = "like for like" if metrics(level, state, offer).same_class else "cross-class"
    return f"worth to you {signed(value_of(level, state, side, offer).total)} score points against no deal ({kind})"


def ladder_answer(level: Level, state: GameState, side: Side) -> str:
    """The answers `side` may give to a proposal to climb the talks ladder."""
    short = shortfall(level, state.talks, side, _next(state.talks.stage))
    if short:
        return f"reject (your willingness, {short[0]}, is short of the {short[1]} they need)"
    return "accept or reject"


def _next(stage: str) -> str:
    return {"closed": "exploratory", "exploratory": "formal"}.get(stage, "further")


def last_offer(state: GameState, side: Side) -> TalksEntry | None:
    for entry in reversed(state.talks.transcript):
        if entry.side == side and entry.verb == "offers" and entry.offer is not None:
            return entry
    return None


def index_detail(index: Index, whose: str) -> list[str]:
    """Every term of one index, largest first, and their sum."""
    lines = [f"{index.name} ({whose}): {index.value:.1f}"]
    for term in sorted(index.terms, key=lambda t: -abs(t.value)):
        lines.append(f"  {signed(term.value):>7}  {term.name}")
    if not index.terms:
        lines.append("  (no terms: every part is zero)")
    lines.append(f"  {sum(t.value for t in index.terms):7.1f}  in all")
    return lines


# ---- events, orders, the talks --------------------------------------------------------------


def event_lines(level: Level, ids: tuple[str, ...], with_text: bool = True) -> list[str]:
    cards = {c.id: c for c in level.events}
    lines = []
    for eid in ids:
        card = cards.get(eid)
        if card is None:
            continue
        lines += wrap(f"Event: {card.title}." + (f" {card.text}" if with_text else ""), "    ", "")
    return lines


def describe_action(level: Level, action) -> str:
    """An order in words."""
    names = {c.id: c.name for c in level.classes}
    sites = {s.id: s.name for s in level.sites}
    allies = {a.id: a.called() for a in level.allies}
    if isinstance(action, SetResearch):
        if action.pace == "cut":
            return f"cut the {names[action.cls]} program"
        return f"fund the {names[action.cls]} program at {action.pace} pace"
    if isinstance(action, Produce):
        cls = level.class_of(action.cls)
        return f"produce {cls.count(action.lots * cls.lot_size)} ({action.lots} lot{'s' * (action.lots > 1)})"
    if isinstance(action, Deploy):
        return f"deploy {level.class_of(action.cls).count(action.count)} to {sites[action.site]}"
    if isinstance(action, Withdraw):
        return f"withdraw {level.class_of(action.cls).count(action.count)} from {sites[action.site]}"
    if isinstance(action, CoDevelop):
        return f"co-develop {names[action.cls]} with {allies[action.ally]}"
    if isinstance(action, Signal):
        return f"signal {action.kind}"
    verb = {Consult: "consult", SeekPledge: "seek a pledge from", Coerce: "coerce",
            Induce: "induce", Campaign: "campaign against basing in"}.get(type(action))
    if verb:
        return f"{verb} {allies[action.ally]}"
    return type(action).__name__


def entry_line(level: Level, entry: TalksEntry) -> list[str]:
    """A line of the transcript: who said what, and why."""
    text = f"{sentence_start(NAME[entry.side])} {entry.verb}"
    if entry.verb == "offers" and entry.offer is not None:
        text += f": {describe(level, entry.offer)}"
    text += "."
    if entry.reason:
        text += f' "{entry.reason}"'
    return wrap(text, "    ", "  ")


def resolution(level: Level, before: GameState, after: GameState, side: Side) -> list[str]:
    """What the year's orders did: both sides' orders (now revealed), the news, the allies."""
    lines = [rule(f"{before.year}: orders resolved", "-")]
    revealed = revealed_orders(before, after)
    for s in (side, other(side)):
        who = "Your orders" if s == side else f"{sentence_start(POSSESSIVE[s])} orders"
        done = [describe_action(level, o) for o in revealed.get(s, ())]
        lines += wrap("; ".join(done) or "none", "    ", f"{who}: ")
    for line in after.news:
        lines += wrap(line, "    ", "  - ")
    changes = []
    for spec, was, now in zip(level.allies, before.allies, after.allies):
        if was.pledge != now.pledge:
            changes.append(f"{spec.name} {PLEDGES[was.pledge]} -> {PLEDGES[now.pledge]}")
    lines += wrap("; ".join(changes) or "no pledge changed", "    ", "Diplomacy: ")
    return lines


# ---- the year's end and the game's end --------------------------------------------------------


def year_report(
    level: Level, prev: YearRecord | Snapshot, rec: YearRecord, side: Side, shown: tuple[str, ...] = ()
) -> list[str]:
    """What changed over the year and why: the largest index moves and their largest terms,
    the year's events, the news (less what was `shown` already), the talks."""
    lines = [rule(f"{rec.year} in review", "-")]
    lines += event_lines(level, rec.events, with_text=False)
    mine, theirs = rec.scores[side], rec.scores[other(side)]
    lines.append(
        f"Score: you {prev.scores[side]:.1f} -> {mine:.1f} ({change(prev.scores[side], mine)}); "
        f"{NAME[other(side)]} {prev.scores[other(side)]:.1f} -> {theirs:.1f} "
        f"({change(prev.scores[other(side)], theirs)})"
    )
    moves = []
    for group, key in [(side, k) for k in INDEX_ORDER if k != "score"] + [("shared", "risk")]:
        old = prev.indices.get(group, {}).get(key, 0.0)
        new = rec.indices.get(group, {}).get(key, 0.0)
        if abs(new - old) >= 0.05:
            moves.append((abs(new - old), group, key, old, new))
    moves.sort(key=lambda m: -m[0])
    if moves:
        lines.append("Largest moves:")
    for _, group, key, old, new in moves[:3]:
        a = prev.breakdowns.get(group, {}).get(key, {})
        b = rec.breakdowns.get(group, {}).get(key, {})
        names = dict.fromkeys([*a, *b])  # in the model's order, so ties read the same every time
        deltas = sorted(((b.get(n, 0.0) - a.get(n, 0.0), n) for n in names), key=lambda d: -abs(d[0]))
        why = ", ".join(f"{n} {signed(d)}" for d, n in deltas[:2] if abs(d) >= 0.05)
        name = STANDING_NAMES[side] if key == "standing" else INDEX_NAMES[key]
        first = f"  {name:<{LABEL}}{old:5.1f} -> {new:5.1f} ({change(old, new)})  "
        lines += wrap(why or "", " " * len(first), first)
    if not moves:
        lines.append("No index moved.")
    news = [n for n in rec.news if n not in shown]
    if news:
        lines.append("News:")
    for line in news:
        lines += wrap(line, "    ", "  - ")
    if prev.stage != rec.stage:
        lines.append(f"Talks: {STAGE_NAMES[prev.stage]} -> {STAGE_NAMES[rec.stage]}.")
    return lines


def final(level: Level, state: GameState, side: Side | None, result: Assessment) -> list[str]:
    """The outcome, the scores, the treaty and the premise's four claims as the game bore them
    out; `side` None: for both sides at once (hotseat)."""
    lines = [rule(f"The game is over in {state.year}: {state.outcome}")]
    order = (side, other(side)) if side is not None else ("us", "china")
    scores = ", ".join(f"{SIDE_NAMES[s]} {result.scores[s]:.1f}" for s in order)
    lines.append(f"Final scores: {scores}" + (f" (you play {NAME[side]})." if side is not None else "."))
    t = state.talks
    if t.treaty is not None:
        lines += wrap(f"Treaty ({treaty_heading(level, state)}): {describe(level, t.treaty)}.", "    ", "")
        values = treaty_values_words(level, state)
        if values:
            lines += wrap(values, "    ", "")
    else:
        lines.append(f"No treaty (the talks ended '{STAGE_NAMES[t.stage]}').")
    return lines + claims_lines(level, state)


def claims_lines(level: Level, state: GameState) -> list[str]:
    """The premise's four claims as the game bears them out so far (nothing before the first
    year has ended)."""
    claims = claims_in_game(level, state)
    if not claims:
        return []
    lines = ["The four claims of the premise in this game:"]
    for n, c in enumerate(claims, start=1):
        lines += wrap(f"{c.claim}. {c.text}", "     ", f"  {n}. ")
    return lines


def briefing(level: Level, side: Side | None) -> list[str]:
    """The level's briefing and `side`'s objective (None: the briefing both sides may read)."""
    lines = [rule(f"{level.title} ({level.start_year}-{level.end_year})")]
    for para in level.briefing.strip().split("\n\n"):
        lines += wrap(" ".join(para.split()))
        lines.append("")
    if side is not None:
        lines += objective_lines(level, side)
        lines.append("Type help for the commands; ids may be shortened (dep gl gu 8).")
    return lines


def objective_lines(level: Level, side: Side) -> list[str]:
    goals = level.objectives.get(side)
    if goals is None:
        return []
    lines = wrap(goals.summary, "    ", f"Your objective as {NAME[side]}: ")
    for goal in goals.goals:
        lines += wrap(goal, "    ", "  - ")
    return lines
