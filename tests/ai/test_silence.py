"""A scripted side that makes no offer in formal talks says why, from the offers it weighed."""

from __future__ import annotations

from attrs import evolve

from game.ai.bargaining import best_offer, next_talks_action
from game.ai.profile import difficulty, personality
from game.content.levels import resolve_level
from game.model.actions import EndTalks
from game.model.game import Game
from game.model.talks import LADDER
from game.numbers import signed

BASELINE = resolve_level("baseline-2020")


def formal(seed: int, year: int, side: str):
    """A played-out scripted game's state moved to formal talks in `year`, `side` to speak."""
    state = Game.new(BASELINE, seed).state
    return evolve(state, year=year, phase="talks",
                  talks=evolve(state.talks, stage="formal", stage_year=year - 1, turn=side, exchanges_left=8))


def test_a_side_with_no_offer_worth_making_says_what_the_best_was_worth_and_what_it_needs():
    assert "formal" not in LADDER  # formal talks: the last rung a side can propose
    persona, diff = personality("hardliner"), difficulty("hard")
    state = formal(3, 2020, "china")  # the first year: a hardliner's bar is at its highest
    weighed = best_offer(BASELINE, state, "china", persona, diff, seed=1)
    assert weighed.best is None and weighed.count > 0
    action = next_talks_action(BASELINE, state, "china", persona, diff, seed=1)
    assert isinstance(action, EndTalks)
    if weighed.nearest is None:
        assert action.reason == "We see no deal the United States would take, as we read it."
    else:
        assert weighed.nearest < weighed.bar
        assert action.reason == (f"We see no deal the United States would take that is worth the "
                                 f"{signed(weighed.bar)} we need: the best of those is worth "
                                 f"{signed(weighed.nearest)} to us.")


def test_the_reason_reaches_the_transcript():
    persona, diff = personality("hardliner"), difficulty("hard")
    game = Game.new(BASELINE, 3)
    game.state = formal(3, 2020, "china")
    action = next_talks_action(BASELINE, game.state, "china", persona, diff, seed=1)
    assert isinstance(action, EndTalks) and action.reason.startswith("We see no deal")
    game.apply("china", action)
    said = game.state.talks.transcript[-1]
    assert (said.side, said.verb, said.reason) == ("china", "has nothing more to say this year", action.reason)
