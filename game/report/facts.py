"""What the reports say about a game, as plain values: index moves, top terms, pledges, groups.

Pure functions of the level, the state and the save's meta; both the after-action report and
the class comparison read them, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from attrs import frozen

from game.model.actions import Offer
from game.model.assessment import INDEX_NAMES
from game.model.game import Game
from game.model.level import PLEDGES, SIDE_SHORT, SIDES, Level
from game.model.scoring import STANDING_NAMES
from game.model.state import GameState

SIDE_INDICES: tuple[str, ...] = ("score", "deterrence", "leverage", "standing", "cost", "talks")
SHARED_INDICES: tuple[str, ...] = ("risk",)
SHORT = {**SIDE_SHORT, "shared": "Both"}
WON = PLEDGES.index("pledged")  # pledged or hosting counts as a pledge won


def index_title(key: str, side: str | None = None) -> str:
    if key == "standing" and side in STANDING_NAMES:
        return STANDING_NAMES[side]
    return INDEX_NAMES.get(key, key)


@frozen
class Snapshot:
    """The figures a year is compared with: a year's record, or the start of the game."""

    year: int | None  # None: the start of the game
    indices: dict[str, dict[str, float]]
    breakdowns: dict[str, dict[str, dict[str, float]]]
    scores: dict[str, float]
    stage: str


def start_of(game: Game) -> Snapshot:
    """The assessment before anyone moved (the first year's events already drawn)."""
    first = Game.new(game.level, game.state.seed)
    result = first.assessment()
    return Snapshot(None, result.values(), result.breakdowns(), dict(result.scores), first.state.talks.stage)


def snapshots(game: Game) -> list[Snapshot]:
    """The start of the game, then every year's record."""
    out = [start_of(game)]
    out += [Snapshot(r.year, r.indices, r.breakdowns, r.scores, r.stage) for r in game.state.history]
    return out


def top_terms(breakdown: Mapping[str, float], n: int = 3) -> list[tuple[str, float]]:
    """The `n` largest terms by size, ties in the model's order."""
    return sorted(breakdown.items(), key=lambda kv: -abs(kv[1]))[:n]


@frozen
class Move:
    """One index's change over a year, and the terms that changed it most."""

    group: str  # "us", "china" or "shared"
    key: str
    old: float
    new: float
    terms: tuple[tuple[str, float], ...]  # (term, change), largest first

    @property
    def change(self) -> float:
        return self.new - self.old

    @property
    def title(self) -> str:
        return index_title(self.key, self.group)


def moves(prev: Snapshot, now: Snapshot, n: int = 5, n_terms: int = 3, least: float = 0.05) -> list[Move]:
    """The `n` largest index moves (both sides, the score apart) from `prev` to `now`."""
    found = []
    keys = [(side, k) for side in SIDES for k in SIDE_INDICES if k != "score"] + [("shared", k) for k in SHARED_INDICES]
    for group, key in keys:
        old = prev.indices.get(group, {}).get(key, 0.0)
        new = now.indices.get(group, {}).get(key, 0.0)
        if abs(new - old) < least:
            continue
        a = prev.breakdowns.get(group, {}).get(key, {})
        b = now.breakdowns.get(group, {}).get(key, {})
        names = dict.fromkeys([*a, *b])  # the model's order, so ties read the same every time
        deltas = sorted(((name, b.get(name, 0.0) - a.get(name, 0.0)) for name in names), key=lambda d: -abs(d[1]))
        terms = tuple((name, d) for name, d in deltas[:n_terms] if abs(d) >= least)
        found.append(Move(group, key, old, new, terms))
    found.sort(key=lambda m: -abs(m.change))
    return found[:n]


def pledges_won(level: Level, state: GameState) -> list[tuple[str, str]]:
    """(ally, rung) for each ally pledged or hosting at the end."""
    return [(spec.name, PLEDGES[ally.pledge]) for spec, ally in zip(level.allies, state.allies) if ally.pledge >= WON]


def treaty_rows(level: Level, offer: Offer | None) -> list[tuple[str, str, str, str]]:
    """The treaty's terms as (side, class, commitment, count)."""
    if offer is None:
        return []
    names = {c.id: c.name for c in level.classes}
    rows = [(SHORT[t.side], names.get(t.cls, t.cls), t.kind, str(t.count) if t.kind != "freeze" else "")
            for t in offer.terms]
    rows += [("Both", f"the {zone} island chain", "no ground-launched intermediate-range missiles", "")
             for zone in offer.zones]
    return rows


def players(meta: Mapping[str, Any]) -> list[str]:
    names = meta.get("players")
    if isinstance(names, str):
        return [names] if names.strip() else []
    if isinstance(names, list):
        return [n for n in names if isinstance(n, str) and n.strip()]
    if isinstance(names, Mapping):  # {"us": "Ana", "china": "Bo"}
        return [n for n in names.values() if isinstance(n, str) and n.strip()]
    return []


def group_name(meta: Mapping[str, Any], path: str | Path) -> str:
    """A group's name: meta "group", else its players' names, else the save's file name."""
    group = meta.get("group")
    if isinstance(group, str) and group.strip():
        return group.strip()
    names = players(meta)
    if names:
        return ", ".join(n.strip() for n in names)
    return Path(path).stem


def meta_text(meta: Mapping[str, Any], key: str) -> str:
    """A meta value as short text ('' when absent); lists joined with commas."""
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def opponent_text(meta: Mapping[str, Any]) -> str:
    """The scripted opponent, or both sides' policies ("U.S. pragmatist, China hardliner") in a
    game two scripted sides played."""
    policies = meta.get("policies")
    if meta.get("opponent") is None and isinstance(policies, Mapping):
        return ", ".join(f"{SHORT.get(side, side)} {name}" for side, name in policies.items())
    return meta_text(meta, "opponent")


def difficulty_text(meta: Mapping[str, Any]) -> str:
    """The scripted sides' difficulty: "hard", or "U.S. normal, China hard" when a save of two
    scripted sides records each side's."""
    value = meta.get("difficulty")
    if isinstance(value, Mapping):
        return ", ".join(f"{SHORT.get(side, side)} {name}" for side, name in value.items())
    return meta_text(meta, "difficulty")


def played_side(meta: Mapping[str, Any]) -> str | None:
    side = meta.get("side")
    return side if side in SIDES else None
