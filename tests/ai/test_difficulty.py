"""Difficulty as a player meets it: a scripted side at a harder difficulty leaves the side it
plays against fewer points, and the orders it gives show what it looks at."""

from __future__ import annotations

import statistics
from functools import cache

import attrs

from game.ai import profile
from game.ai.match import game_seeds, play
from game.ai.planning import _ally_wishes, _weighed_lever
from game.ai.profile import personality
from game.ai.registry import PERSONALITIES, make_factory
from game.content.levels import resolve_level
from game.model.actions import CoDevelop, Coerce, Campaign, Consult, Induce, SeekPledge
from game.model.allies import backfire_chance, effective_willingness
from game.model.game import Game
from game.model.state import AllyState
from game.results import outcome_record

GAMES = 30  # per opposing personality and difficulty
DIPLOMACY = (Consult, SeekPledge, CoDevelop, Coerce, Induce, Campaign)


@cache
def gain_against(opponent: str, difficulty: str) -> float:
    """A pragmatist (normal) against every personality playing `opponent`'s side at `difficulty`:
    the pragmatist's score gain, first year to last, over GAMES seeded games each."""
    level = resolve_level("baseline-2020")
    player = "china" if opponent == "us" else "us"
    gains = []
    for name in PERSONALITIES:
        sides = {player: make_factory("pragmatist"), opponent: make_factory(name, difficulty)}
        for seed in game_seeds(5, GAMES):
            game = play(level, seed, sides["us"], sides["china"])
            gains.append(outcome_record(game)["score_gain"][player])
    return statistics.mean(gains)


def test_a_harder_chinese_opponent_leaves_the_united_states_fewer_points():
    easy, normal, hard = (gain_against("china", d) for d in ("easy", "normal", "hard"))
    assert easy > normal + 0.5 > hard + 1.0, (easy, normal, hard)


def test_a_harder_us_opponent_leaves_china_fewer_points():
    easy, normal, hard = (gain_against("us", d) for d in ("easy", "normal", "hard"))
    assert easy > normal + 1.0 > hard + 2.0, (easy, normal, hard)


def _diplomatic_orders_a_year(difficulty: str, seed: int) -> dict[tuple[int, str], int]:
    """Hardliners on both sides at `difficulty`: the diplomatic orders each side gave, by year."""
    level = resolve_level("baseline-2020")
    players = {side: make_factory("hardliner", difficulty)(seed) for side in ("us", "china")}
    game = Game.new(level, seed)
    counts: dict[tuple[int, str], int] = {}
    while not game.over:
        side = game.to_move()[0]
        action = players[side].act(level, game.state, side)
        if isinstance(action, DIPLOMACY):
            counts[game.state.year, side] = counts.get((game.state.year, side), 0) + 1
        game.apply(side, action)
    return counts


def test_an_easy_opponent_works_on_at_most_two_allies_a_year():
    for seed in game_seeds(3, 5):
        easy, normal = _diplomatic_orders_a_year("easy", seed), _diplomatic_orders_a_year("normal", seed)
        assert easy and max(easy.values()) == 2
        assert max(normal.values()) == 3  # round(4 x diplomacy 0.7)


def ally(**fields) -> AllyState:
    base = dict(pledge=1, willingness=0.4, threat_perception=0.5, economic_exposure=0.5, domestic_opposition=0.5,
                pressure=0.0)
    return AllyState(**{**base, **fields})


def test_a_hard_china_coerces_only_where_coercion_is_likely_to_bite():
    hardliner = personality("hardliner")
    exposed = ally(threat_perception=0.3, economic_exposure=0.9)  # backfires 18% of the time, bites hard
    assert backfire_chance(exposed) < 0.2
    assert _weighed_lever(exposed, hardliner, 2) is Coerce
    wary = ally(threat_perception=0.9, economic_exposure=0.2)  # backfires 54% of the time
    assert _weighed_lever(wary, hardliner, 2) is Induce
    # Pressure fades: a lever judged further ahead values coercion's pressure less.
    between = ally(threat_perception=0.7, economic_exposure=0.5)
    assert _weighed_lever(between, hardliner, 0) is Coerce
    assert _weighed_lever(between, hardliner, 2) is Induce


def test_a_personality_that_does_not_coerce_never_coerces_at_hard():
    pragmatist = personality("pragmatist")
    assert pragmatist.coercion < 0.5
    for threat in (0.0, 0.3, 0.6, 0.9):
        for exposure in (0.1, 0.5, 0.9):
            lever = _weighed_lever(ally(threat_perception=threat, economic_exposure=exposure), pragmatist, 2)
            assert lever in (Induce, Campaign)


def _with_japan(**fields):
    """The baseline's first state with Japan changed."""
    level = resolve_level("baseline-2020")
    state = Game.new(level, 1).state
    ai = level.ally_index("japan")
    allies = list(state.allies)
    allies[ai] = attrs.evolve(allies[ai], **fields)
    return level, attrs.evolve(state, allies=tuple(allies))


def test_a_hard_united_states_consults_a_pledged_ally_about_to_slip():
    pragmatist = personality("pragmatist")
    # Effective willingness 0.43: pledged, and one Chinese inducement from the 0.4 it needs.
    level, state = _with_japan(pledge=2, willingness=0.39, threat_perception=0.7, domestic_opposition=0.6)
    assert 0.4 < effective_willingness(state.allies[level.ally_index("japan")]) < 0.45
    assert Consult("japan") in _ally_wishes(level, state, "us", pragmatist, profile.difficulty("hard"))
    assert Consult("japan") not in _ally_wishes(level, state, "us", pragmatist, profile.difficulty("normal"))
    # A pledged ally well above the line is left alone at every difficulty.
    level, state = _with_japan(pledge=2, willingness=0.6, threat_perception=0.7, domestic_opposition=0.6)
    assert Consult("japan") not in _ally_wishes(level, state, "us", pragmatist, profile.difficulty("hard"))


def test_a_hard_china_brings_every_lever_to_bear_on_a_host_it_can_break_this_year():
    hardliner = personality("hardliner")
    level = resolve_level("baseline-2020")
    state = Game.new(level, 1).state
    korea = level.ally_index("south-korea")

    def hosting_at(willingness: float):
        allies = list(state.allies)
        allies[korea] = attrs.evolve(allies[korea], pledge=3, willingness=willingness)
        return attrs.evolve(state, allies=tuple(allies))

    # Willing 0.56 and trading much with China: coerced, induced and campaigned against at once,
    # it is expected to fall below the 0.4 a host needs, even after a U.S. consultation.
    near = hosting_at(0.56)
    assert 0.5 < effective_willingness(near.allies[korea]) < 0.6
    wishes = _ally_wishes(level, near, "china", hardliner, profile.difficulty("hard"))
    assert wishes[:3] == [Coerce("south-korea"), Induce("south-korea"), Campaign("south-korea")]
    normal = _ally_wishes(level, near, "china", hardliner, profile.difficulty("normal"))
    assert sum(getattr(w, "ally", None) == "south-korea" for w in normal) == 1  # one lever an ally, as before
    # Far above the line, one lever a year cannot break it: the levers are spread as usual.
    far = _ally_wishes(level, hosting_at(1.0), "china", hardliner, profile.difficulty("hard"))
    assert sum(getattr(w, "ally", None) == "south-korea" for w in far) <= 1
