"""The sentences an opponent gives with its answers agree with what the player sees."""

from __future__ import annotations

from attrs import evolve

from game.ai.reasons import ladder_reason
from game.content.levels import resolve_level
from game.model.assessment import assess
from game.model.game import Game
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
