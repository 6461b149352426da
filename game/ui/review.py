"""What the year-end report and the debrief say: what changed and why, and the game's turning
points (no pygame; the scenes in `game.ui.scenes` show it).

Every year's `YearRecord` holds each index and the named terms that add up to it; a year's
change is the difference of two records, and its reasons are the terms that moved most. The
first year is compared with the start of the game, which the level and the seed determine.
"""

from __future__ import annotations

import re

from attrs import frozen

from game.model import engine
from game.model.assessment import INDEX_NAMES, assess
from game.model.level import SIDES, Level, Side, called, other, possessive
from game.model.negotiation import describe, treaty_heading
from game.model.scoring import STANDING_NAMES
from game.model.state import GameState, YearRecord
from game.model.talks import STAGE_NAMES
from game.numbers import signed

REPORT_KEYS: tuple[str, ...] = ("score", "deterrence", "leverage", "standing", "talks", "cost")
HIGH_IS_BAD = frozenset({"cost", "risk"})
SCORE_OF = {"us": "The U.S. score", "china": "China's score"}
STAGE_WORDS = {
    "closed": "the talks closed",
    "exploratory": "exploratory talks opened",
    "formal": "formal talks began",
    "agreement": "a treaty was signed and awaits ratification",
    "in-force": "the treaty was ratified and entered into force",
    "breakdown": "the talks broke down",
}
OUTCOME_MEANING = {
    "Balanced treaty": (
        "A treaty is in force and it is worth about as much to each side: chips were traded for "
        "chips. This is what the RAND argument hopes for: missiles the United States fielded, or "
        "allies pledged to host, bought cuts in China's force."
    ),
    "Treaty favouring the U.S.": (
        "A treaty is in force and it is worth clearly more to the United States than to China: "
        "Washington's chips bought more than they cost."
    ),
    "Treaty favouring China": (
        "A treaty is in force and it is worth clearly more to China than to the United States: "
        "Beijing gave up less than it gained."
    ),
    "Arms race": (
        "No treaty, and both sides' ground-launched missile forces grew far beyond where they "
        "started: the race that arms control is meant to prevent."
    ),
    "Stalemate": (
        "No treaty by the end, and no runaway race either. Talks with Beijing have no precedent "
        "and an agreement can take years: the RAND commentary expects exactly this."
    ),
    "Crisis": (
        "Escalation risk passed the crisis threshold: tension, racing and exposed forward forces "
        "added up to a crisis, and the game ended there."
    ),
}


def index_name(key: str, side: Side | None) -> str:
    if key == "standing":
        return STANDING_NAMES[side] if side is not None else "Standing"
    return INDEX_NAMES.get(key, key.capitalize())


@frozen
class Snapshot:
    """The parts of a record the reports compare (the start of a game has no record)."""

    year: int
    indices: dict[str, dict[str, float]]
    breakdowns: dict[str, dict[str, dict[str, float]]]
    scores: dict[str, float]
    stage: str


def snapshot(record: YearRecord) -> Snapshot:
    return Snapshot(record.year, record.indices, record.breakdowns, record.scores, record.stage)


def start_snapshot(level: Level, seed: int) -> Snapshot:
    """The indices as the game began (after the first year's events), from the level and seed."""
    state = engine.new_game(level, seed)
    result = assess(level, state)
    return Snapshot(level.start_year, result.values(), result.breakdowns(), dict(result.scores), state.talks.stage)


@frozen
class Change:
    """One index over a year, and the terms that moved it most: (term name, change)."""

    key: str
    group: str  # a side, or "shared"
    name: str
    before: float
    after: float
    reasons: tuple[tuple[str, float], ...]

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def good(self) -> bool | None:
        """Whether the change helps the side (None: too small to count)."""
        if abs(self.delta) < 0.5:
            return None
        return (self.delta > 0) != (self.key in HIGH_IS_BAD)


def term_changes(before: dict[str, float], after: dict[str, float], n: int = 3) -> tuple[tuple[str, float], ...]:
    """The `n` terms that moved most, largest first (ties in the model's order)."""
    names = dict.fromkeys([*before, *after])
    moves = [(name, after.get(name, 0.0) - before.get(name, 0.0)) for name in names]
    moves = [m for m in moves if abs(m[1]) >= 0.05]
    moves.sort(key=lambda m: -abs(m[1]))
    return tuple(moves[:n])


def change(prev: Snapshot, now: Snapshot, group: str, key: str, side: Side | None) -> Change:
    return Change(
        key=key,
        group=group,
        name=index_name(key, side),
        before=prev.indices.get(group, {}).get(key, 0.0),
        after=now.indices.get(group, {}).get(key, 0.0),
        reasons=term_changes(prev.breakdowns.get(group, {}).get(key, {}), now.breakdowns.get(group, {}).get(key, {})),
    )


@frozen
class YearReview:
    """What a year-end report says: the year's events and news, and how the side's indices moved."""

    year: int
    side: Side
    since: int  # the year compared with (the start year, for the first report)
    events: tuple[tuple[str, str], ...]  # (title, text)
    news: tuple[str, ...]
    changes: tuple[Change, ...]  # the side's indices, then the shared risk
    scores: dict[str, tuple[float, float]]  # side -> (before, after)
    stage: tuple[str, str]  # the talks (before, after)
    first: bool


def year_review(level: Level, state: GameState, side: Side, at: int = -1) -> YearReview:
    """The report for `state.history[at]` (the last year by default), from `side`'s view."""
    history = state.history
    now = snapshot(history[at])
    index = at % len(history)
    prev = snapshot(history[index - 1]) if index > 0 else start_snapshot(level, state.seed)
    cards = {c.id: c for c in level.events}
    events = tuple((cards[e].title, " ".join(cards[e].text.split())) for e in history[index].events if e in cards)
    changes = [change(prev, now, side, key, side) for key in REPORT_KEYS]
    changes.append(change(prev, now, "shared", "risk", None))
    return YearReview(
        year=now.year,
        side=side,
        since=prev.year,
        events=events,
        news=tuple(history[index].news),
        changes=tuple(changes),
        scores={s: (prev.scores[s], now.scores[s]) for s in SIDES},
        stage=(prev.stage, now.stage),
        first=index == 0,
    )


# ---- the debrief -----------------------------------------------------------------------------


@frozen
class TurningPoint:
    year: int
    kind: str  # "score", "pledge", "talks", "treaty"
    text: str


PLEDGE_WON = re.compile(r"moved to '(pledged|hosting)'|now hosts U\.S\. missiles")
PLEDGE_LOST = re.compile(r"stepped back to|it is back to 'pledged'")
TREATY_NEWS = re.compile(r"Ratification failed|ratified by both sides|the treaty collapses")


def score_moves(level: Level, state: GameState, per_side: int = 2, least: float = 1.0) -> list[TurningPoint]:
    """The years each side's score moved most, and the terms that moved it."""
    history = state.history
    if not history:
        return []
    snaps = [start_snapshot(level, state.seed)] + [snapshot(r) for r in history]
    out = []
    for side in SIDES:
        moves = []
        for prev, now in zip(snaps, snaps[1:]):
            delta = now.scores[side] - prev.scores[side]
            if abs(delta) >= least:
                moves.append((abs(delta), now.year, delta, change(prev, now, side, "score", side)))
        moves.sort(key=lambda m: (-m[0], m[1]))
        for _, year, delta, ch in moves[:per_side]:
            why = ", ".join(f"{name.lower()} {signed(d)}" for name, d in ch.reasons[:2])
            verb = "rose" if delta > 0 else "fell"
            points = round(abs(delta))
            text = f"{SCORE_OF[side]} {verb} {points} point{'s' if points != 1 else ''}"
            out.append(TurningPoint(year, "score", text + (f" ({why})" if why else "") + "."))
    return out


def turning_points(level: Level, state: GameState, limit: int = 14) -> list[TurningPoint]:
    """The game's turning points in order: the biggest score moves, pledges won and lost,
    the talks climbing or breaking down, treaties signed, ratified or broken."""
    points = score_moves(level, state)
    before = "closed"
    for record in state.history:
        for line in record.news:
            if PLEDGE_WON.search(line) or PLEDGE_LOST.search(line):
                points.append(TurningPoint(record.year, "pledge", line))
            elif TREATY_NEWS.search(line):
                points.append(TurningPoint(record.year, "treaty", line))
        if record.stage != before and record.stage not in ("agreement", "in-force"):
            points.append(TurningPoint(record.year, "talks", STAGE_WORDS[record.stage].capitalize() + "."))
        before = record.stage
    for entry in state.talks.transcript:
        if entry.verb == "accepts the offer" and entry.offer is not None:
            text = (f"{called(entry.side, True)} accepted {possessive(other(entry.side))} offer; a treaty was signed: "
                    f"{describe(level, entry.offer)}.")
            points.append(TurningPoint(entry.year, "treaty", text))
        elif entry.verb == "walks out":
            points.append(TurningPoint(entry.year, "talks", f"{called(entry.side, True)} walked out of the talks."))
    order = {"treaty": 0, "talks": 1, "pledge": 2, "score": 3}
    points.sort(key=lambda p: (p.year, order.get(p.kind, 9)))
    if len(points) > limit:  # keep the treaty and talks points; drop the smallest others
        keep = [p for p in points if p.kind in ("treaty", "talks")]
        rest = [p for p in points if p.kind not in ("treaty", "talks")][: max(0, limit - len(keep))]
        points = sorted(keep + rest, key=lambda p: (p.year, order.get(p.kind, 9)))
    return points


def treaty_words(level: Level, state: GameState) -> str:
    """The treaty's terms and where it stands, or 'No treaty' and how the talks ended."""
    t = state.talks
    if t.treaty is not None:
        return f"Treaty ({treaty_heading(level, state)}): {describe(level, t.treaty)}."
    broke = any(TREATY_NEWS.search(line) and "collapses" in line for r in state.history for line in r.news)
    if broke:
        return f"No treaty: the one signed collapsed (the talks ended '{STAGE_NAMES[t.stage]}')."
    return f"No treaty (the talks ended '{STAGE_NAMES[t.stage]}')."


def outcome_meaning(level: Level, state: GameState) -> str:
    """What the outcome means; for a treaty outcome, with the values it was named by."""
    meaning = OUTCOME_MEANING.get(state.outcome or "", "The game has not ended yet.")
    values = engine.treaty_values_words(level, state)
    return f"{meaning} {values}" if values else meaning
