"""The tutorial level teaches what its guide says, in the rules alone: a student who does what the
guide's cards ask (game/ui/tutorial_steps.py) does every kind of action within the three years
in nearly every seed, against every scripted opponent at the easy difficulty; and a United States
without chips never gets formal talks, however often it calls for them."""

from __future__ import annotations

import pytest

from game.ai.match import game_seeds, play
from game.ai.registry import PERSONALITIES, make_factory
from game.content.levels import resolve_level
from game.model import engine
from game.model.actions import (
    AcceptDeal,
    AcceptTalks,
    CoDevelop,
    Consult,
    Deploy,
    EndOrders,
    EndTalks,
    IllegalAction,
    Produce,
    ProposeDeal,
    ProposeTalks,
    RejectDeal,
    RejectTalks,
    SeekPledge,
    SetResearch,
    Signal,
)
from game.model.game import Game
from game.model.negotiation import holdings, metrics, value_of
from game.model.orders import PRODUCE_LOTS
from game.model.world import fielded

SEEDS = game_seeds(37, 40)
KINDS = ("allies", "signal", "research", "end_orders", "talks", "produce", "answer", "offer", "deploy")
"""The guide's steps, by key, in their order."""


def legal(level, state, side, action) -> bool:
    try:
        engine.check(level, state, side, action)
    except IllegalAction:
        return False
    return True


def offered(state, side) -> bool:
    return any(e.side == side and e.verb == "offers" for e in state.talks.transcript)


class Student:
    """Does what the cards say. First year: seek Japan's pledge and consult it, call for talks
    and reassure, fund the Tomahawk at Full, end the orders. Later years: build it (the largest
    lot, three times) once it is fielded, deploy one lot to Guam once some are in the reserve,
    and between steps seek the pledge, call for talks and reassure again. In the talks: propose
    the next rung once a year, agree to China's, reject its offers until it has made a
    like-for-like offer of its own (the first one the negotiation table suggests), then accept
    an offer worth more than nothing to it."""

    name = "student"

    def __init__(self, seed: int):
        self.seed = seed

    def act(self, level, state, side):
        if state.phase == "orders":
            return next((o for o in self.orders(level, state) if legal(level, state, side, o)), EndOrders())
        return self.talk(level, state, side)

    def orders(self, level, state):
        ally = level.allies[0].id
        ci, tomahawk = next((ci, c) for ci, c in enumerate(level.classes) if c.side == "us" and c.dev_years > 0)
        queued = state.side("us").pending
        if state.year == level.start_year:
            yield from (SeekPledge(ally), Consult(ally), Signal("talks"), Signal("reassure"),
                        SetResearch(tomahawk.id, "full"))
            return
        if fielded(level, state.progress, ci) and holdings(state, ci) == 0:
            yield from [Produce(tomahawk.id, max(PRODUCE_LOTS))] * (3 - sum(isinstance(o, Produce) for o in queued))
        if state.reserve[ci] and not any(state.deployed[ci]) and not any(isinstance(o, Deploy) for o in queued):
            yield Deploy(tomahawk.id, "guam", tomahawk.lot_size)
        yield from (SeekPledge(ally), Signal("talks"), Signal("reassure"))

    def talk(self, level, state, side):
        talks = state.talks
        if talks.awaiting == "talks":
            return AcceptTalks() if legal(level, state, side, AcceptTalks()) else RejectTalks()
        if talks.awaiting == "deal":
            worth = value_of(level, state, side, talks.offer).total
            return AcceptDeal() if offered(state, side) and worth > 0 else RejectDeal()
        if talks.stage == "formal" and not offered(state, side):
            like_for_like = (a for a in engine.legal_actions(level, state, side)
                             if isinstance(a, ProposeDeal) and metrics(level, state, a.offer).same_class)
            offer = next(like_for_like, None)
            if offer is not None:
                return offer
        asked = any(e.year == state.year and e.side == side and e.verb.startswith("proposes")
                    for e in talks.transcript)
        return ProposeTalks() if not asked and legal(level, state, side, ProposeTalks()) else EndTalks()


class TalkerWithoutChips(Student):
    """Follows the cards about the talks and the signals, but funds, builds and deploys nothing and
    seeks no pledge."""

    name = "talker"

    def orders(self, level, state):
        yield from (Signal("talks"), Signal("reassure"))


def kinds_done(game: Game) -> set[str]:
    """The guide's steps the United States did, read from the action log and the transcript as the
    guide reads them."""
    level, state = game.level, game.state
    mine = [a for side, a in game.log if side == "us"]
    done = {kind for kind, types in (("allies", (Consult, SeekPledge, CoDevelop)), ("signal", Signal),
                                     ("talks", (ProposeTalks, AcceptTalks)), ("produce", Produce),
                                     ("deploy", Deploy))
            if any(isinstance(a, types) for a in mine)}
    funded = [i for i, a in enumerate(mine)
              if isinstance(a, CoDevelop) or isinstance(a, SetResearch) and a.pace != "cut"]
    if funded:
        done.add("research")
        if any(isinstance(a, EndOrders) for a in mine[funded[0]:]):
            done.add("end_orders")
    said = state.talks.transcript
    if any(e.side == "us" and e.verb == "offers" and metrics(level, state, e.offer).same_class for e in said):
        done.add("offer")
    if any(a.side == "china" and a.verb == "offers" and b.side == "us" and b.year == a.year
           and b.verb in ("accepts the offer", "rejects the offer", "offers") for a, b in zip(said, said[1:])):
        done.add("answer")
    return done


@pytest.fixture(scope="module")
def tutorial():
    return resolve_level("tutorial")


@pytest.mark.parametrize("china", PERSONALITIES)
def test_a_student_who_follows_the_guide_does_every_kind_of_action(tutorial, china):
    games = [play(tutorial, seed, Student, make_factory(china, "easy")) for seed in SEEDS]
    missed = [(seed, sorted(set(KINDS) - kinds_done(g))) for seed, g in zip(SEEDS, games)]
    missed = [(seed, left) for seed, left in missed if left]
    # The tutorial's own opponent (game/ui/tutorial.py) is the pragmatist: nearly every game.
    # Against the others, now and then China makes no offer of its own before it signs the
    # student's, and there is nothing left to answer.
    bar = 0.9 if china == "pragmatist" else 0.8
    assert len(missed) <= (1 - bar) * len(SEEDS), missed


@pytest.mark.parametrize("us", [make_factory("passive"), TalkerWithoutChips], ids=["passive", "talker"])
def test_without_chips_the_talks_never_reach_formal(tutorial, us):
    formal = tutorial.rules.formal_threshold
    for china in PERSONALITIES:
        for seed in SEEDS[:25]:
            game = play(tutorial, seed, us, make_factory(china, "easy"))
            stages = {r.stage for r in game.state.history}
            assert stages <= {"closed", "exploratory", "breakdown"}, (china, seed, stages)
            willing = max(r.indices["china"]["talks"] for r in game.state.history)
            assert willing < formal, (china, seed, willing)
