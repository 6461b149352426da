"""Every personality at every difficulty plays a whole game on every bundled level, on either
side, to a named outcome, and the same seed gives the same game."""

from __future__ import annotations

import pytest

from game.ai.match import play
from game.ai.registry import DIFFICULTIES, PERSONALITIES, make_factory
from game.content.levels import bundled_levels
from game.model.engine import OUTCOMES

LEVELS = {level.id: level for level in bundled_levels()}


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("level_id", sorted(LEVELS))
def test_every_personality_plays_whole_games_at_every_difficulty(level_id, difficulty):
    level = LEVELS[level_id]
    for i, us in enumerate(PERSONALITIES):
        china = PERSONALITIES[(i + 1) % len(PERSONALITIES)]  # each personality on each side
        seed = 1000 + i
        game = play(level, seed, make_factory(us, difficulty), make_factory(china, difficulty))
        assert game.over and game.state.outcome in OUTCOMES
        again = play(level, seed, make_factory(us, difficulty), make_factory(china, difficulty))
        assert again.state_hash() == game.state_hash()
