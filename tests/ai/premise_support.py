"""Shared set-up for the premise tests: seeded scripted games and the states they pass through."""

from __future__ import annotations

from functools import cache

from attrs import evolve

from game.ai.match import game_seeds
from game.ai.registry import make_factory
from game.content.levels import resolve_level
from game.model.actions import Offer, Term
from game.model.game import Game
from game.model.negotiation import holdings


@cache
def level(name: str = "baseline-2020"):
    return resolve_level(name)


def states_at_talks(year: int, n: int, seed: int = 0, us="pragmatist", china="pragmatist"):
    """The state as the talks of `year` open, in `n` seeded games between scripted sides."""
    lv = level()
    players = {"us": make_factory(us), "china": make_factory(china)}
    out = []
    for s in game_seeds(seed, n):
        game = Game.new(lv, s)
        policies = {side: players[side](s) for side in players}
        while not game.over and not (game.state.year == year and game.state.phase == "talks"):
            side = game.to_move()[0]
            game.apply(side, policies[side].act(lv, game.state, side))
        if not game.over:
            out.append(game.state)
    return out


def equal_offers(state):
    """A same-class and a cross-class offer of equal nominal value: the U.S. gives up either its
    largest ground-launched class or as many aircraft, China the same number of DF-21s."""
    lv = level()
    ground = [(holdings(state, lv.class_index(c.id)), c.id) for c in lv.classes_of("us") if c.ground_launched]
    have, cls = max(ground)
    n = max(4, min(have, 24))
    same = Offer((Term("us", cls, "reduce", n), Term("china", "df21", "reduce", n)), verification="onsite", years=3)
    cross = Offer((Term("us", "air", "reduce", n), Term("china", "df21", "reduce", n)), verification="onsite", years=3)
    return same, cross


def on_table(state, offer, proposer="us"):
    """The state with `offer` put to the other side in formal talks."""
    talks = evolve(state.talks, stage="formal", awaiting="deal", offer=offer, turn="china" if proposer == "us" else "us")
    return evolve(state, talks=talks)
