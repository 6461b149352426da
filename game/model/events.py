"""The event deck: which cards may be drawn this year, and what a drawn card does."""

from __future__ import annotations

import numpy as np
from attrs import evolve

from game.model.allies import clip01
from game.model.level import EventCard, Level
from game.model.diplomacy import set_pledge
from game.model.state import GameState, replace_at, side_index


def eligible(level: Level, state: GameState) -> list[EventCard]:
    cards = []
    for card in level.events:
        if card.once and card.id in state.seen_events:
            continue
        if card.min_year is not None and state.year < card.min_year:
            continue
        if card.max_year is not None and state.year > card.max_year:
            continue
        if card.min_tension is not None and state.tension < card.min_tension:
            continue
        if card.requires_pledge is not None:
            if state.allies[level.ally_index(card.requires_pledge)].pledge < 1:
                continue
        cards.append(card)
    return cards


def draw(level: Level, state: GameState, gen: np.random.Generator) -> list[EventCard]:
    """The cards injected for this year, then up to `events_per_round` distinct cards drawn
    by weight."""
    drawn = [card for card in level.events if level.rules.inject.get(card.id) == state.year]
    pool = eligible(level, state)
    for _ in range(level.rules.events_per_round):
        pool = [c for c in pool if c not in drawn and c.weight > 0 and c.id not in level.rules.inject]
        if not pool:
            break
        weights = np.array([c.weight for c in pool], dtype=float)
        drawn.append(pool[int(gen.choice(len(pool), p=weights / weights.sum()))])
    return drawn


def apply_card(level: Level, state: GameState, card: EventCard) -> GameState:
    for effect in card.effects:
        if effect.kind == "tension":
            state = evolve(state, tension=min(100.0, max(0.0, state.tension + effect.delta)))
        elif effect.kind == "ally":
            ai = level.ally_index(effect.ally)
            ally = state.allies[ai]
            ally = evolve(ally, **{effect.field: clip01(getattr(ally, effect.field) + effect.delta)})
            state = evolve(state, allies=replace_at(state.allies, ai, ally))
        elif effect.kind == "pledge":
            ai = level.ally_index(effect.ally)
            rung = min(3, max(0, state.allies[ai].pledge + int(effect.delta)))
            state = set_pledge(level, state, ai, rung)
        elif effect.kind == "forces":
            ci = level.class_index(effect.cls)
            reserve = list(state.reserve)
            reserve[ci] = max(0, reserve[ci] + int(effect.delta))
            state = evolve(state, reserve=tuple(reserve))
        else:  # budget, capital, talks: a side's figure
            si = side_index(effect.side)
            side = state.sides[si]
            if effect.kind == "budget":
                side = evolve(side, budget=max(0.0, side.budget + effect.delta))
            elif effect.kind == "capital":
                side = evolve(side, capital=max(0.0, side.capital + effect.delta))
            else:
                side = evolve(side, talks_bonus=side.talks_bonus + effect.delta)
            state = evolve(state, sides=replace_at(state.sides, si, side))
    return state
