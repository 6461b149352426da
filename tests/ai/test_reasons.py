"""The sentences an opponent gives with its answers agree with what the player sees."""

from __future__ import annotations

from attrs import evolve

from game.ai.reasons import deal_reason, ladder_reason
from game.content.levels import resolve_level
from game.model.actions import Offer, Term
from game.model.assessment import assess
from game.model.game import Game
from game.model.negotiation import DealValue
from game.text.view import talks_lines

BASELINE = resolve_level("baseline-2020")


def test_a_refusal_just_short_of_formal_talks_names_a_willingness_below_what_they_need():
    need = BASELINE.rules.formal_threshold
    reason = ladder_reason(BASELINE, "formal", need - 0.4, accepted=False)
    assert f"is {int(need) - 1} and formal talks need {need:.0f}" in reason


def test_the_terminal_shows_the_willingness_the_opponent_names():
    state = Game.new(BASELINE, 1).state
    will = BASELINE.rules.formal_threshold - 0.4
    state = evolve(state, phase="talks", talks=evolve(state.talks, willingness=(90.0, will)))
    status = " ".join(talks_lines(BASELINE, state, "us", assess(BASELINE, state)))
    reason = ladder_reason(BASELINE, "formal", will, accepted=False)
    shown = f"China {int(will)} "
    assert shown in status and f"is {int(will)} and" in reason


def test_a_zone_offer_that_cuts_no_us_missile_reads_as_closing_the_chain_not_as_asking_nothing():
    state = Game.new(BASELINE, 1).state
    value = DealValue(total=-1.6, theirs=1.0, ours=-2.6, complexity=0.0, verification=0.0)
    zone_only = Offer((Term("china", "cj10", "reduce", 75),), zones=("first",))
    reason = deal_reason(BASELINE, state, "us", zone_only, value, 1.5, accepted=False)
    assert reason.startswith("Rejected: it closes the first island chain to our missiles for 75 CJ-10"), reason
    both = Offer((Term("us", "glcm", "reduce", 8), Term("china", "cj10", "reduce", 75)), zones=("first",))
    reason = deal_reason(BASELINE, state, "us", both, value, 1.5, accepted=False)
    assert "it removes 8 Ground-launched Tomahawks of ours and closes the first island chain" in reason, reason
    plain = Offer((Term("us", "glcm", "reduce", 8),))
    assert "asks nothing" not in deal_reason(BASELINE, state, "us", plain, value, 1.5, accepted=False)
    gift = Offer((Term("china", "cj10", "reduce", 75),))
    assert "it asks nothing of our forces for 75" in deal_reason(BASELINE, state, "us", gift, value, 1.5, True)
