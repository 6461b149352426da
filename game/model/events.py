"""The event deck: which cards may be drawn this year, and what a drawn card does."""

from __future__ import annotations

import operator
from bisect import bisect_right

import numpy as np

from game.model.allies import clip01
from game.model.level import EventCard, Level
from game.model.diplomacy import set_pledge
from game.model.memo import memo
from game.model.rng import Stream
from game.model.state import Draft, evolve, side_index


def eligible(level: Level, draft: Draft) -> list[EventCard]:
    """The cards that may be drawn in the year `draft` starts (its tension and allies as the
    year opens)."""
    year, seen = draft.base.year, draft.base.seen_events
    cards = []
    for card in level.events:
        if card.once and card.id in seen:
            continue
        if card.min_year is not None and year < card.min_year:
            continue
        if card.max_year is not None and year > card.max_year:
            continue
        if card.min_tension is not None and draft.tension < card.min_tension:
            continue
        if card.requires_pledge is not None:
            if draft.allies[level.ally_index(card.requires_pledge)].pledge < 1:
                continue
        cards.append(card)
    return cards


def draw(level: Level, draft: Draft, gen: Stream) -> list[EventCard]:
    """The cards injected for this year, then up to `events_per_round` distinct cards drawn
    by weight."""
    drawn = [card for card in level.events if level.rules.inject.get(card.id) == draft.base.year]
    pool = eligible(level, draft)
    for _ in range(level.rules.events_per_round):
        pool = [c for c in pool if c not in drawn and c.weight > 0 and c.id not in level.rules.inject]
        if not pool:
            break
        drawn.append(pool[_pick(level, pool, gen)])
    return drawn


def _pick(level: Level, pool: list[EventCard], gen: Stream) -> int:
    """`gen.choice(len(pool), p=weights / weights.sum())`: numpy's cumulative distribution of
    the weights, remembered for each pool of cards, and one uniform draw placed in it."""
    known = memo("event draws", level)
    key = tuple(map(id, pool))
    hit = known.get(key)
    if hit is not None and all(map(operator.is_, hit[0], pool)):
        return bisect_right(hit[1], gen.random())
    weights = np.array([c.weight for c in pool], dtype=float)
    p = weights / weights.sum()
    if not (np.isfinite(p).all() and abs(p.sum() - 1.0) < 1e-9):  # numpy may refuse these
        return int(gen.generator().choice(len(pool), p=p))
    cdf = p.cumsum()
    cdf /= cdf[-1]
    known[key] = (tuple(pool), cdf.tolist())  # the cards themselves, so their ids stay theirs
    return bisect_right(known[key][1], gen.random())


def apply_card(level: Level, draft: Draft, card: EventCard) -> None:
    for effect in card.effects:
        if effect.kind == "tension":
            draft.tension = min(100.0, max(0.0, draft.tension + effect.delta))
        elif effect.kind == "ally":
            ai = level.ally_index(effect.ally)
            ally = draft.allies[ai]
            draft.allies[ai] = evolve(ally, **{effect.field: clip01(getattr(ally, effect.field) + effect.delta)})
        elif effect.kind == "pledge":
            ai = level.ally_index(effect.ally)
            rung = min(3, max(0, draft.allies[ai].pledge + int(effect.delta)))
            set_pledge(level, draft, ai, rung)
        elif effect.kind == "forces":
            ci = level.class_index(effect.cls)
            draft.reserve[ci] = max(0, draft.reserve[ci] + int(effect.delta))
        else:  # budget, capital, talks: a side's figure
            si = side_index(effect.side)
            if effect.kind == "budget":
                draft.budget[si] = max(0.0, draft.budget[si] + effect.delta)
            elif effect.kind == "capital":
                draft.capital[si] = max(0.0, draft.capital[si] + effect.delta)
            else:
                draft.talks_bonus[si] += effect.delta
