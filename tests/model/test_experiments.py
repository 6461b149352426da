"""The experiment levels (`levels/experiments/`): each extends the default level, changes only
what its comment says, and turns off the mechanism behind one claim of the premise."""

from __future__ import annotations


import pytest

from game.ai.match import game_seeds, play
from game.ai.registry import make_factory
from game.content.levels import LEVELS_DIR, level_to_dict, load_level
from game.model import engine
from game.model.actions import Offer, Term
from game.model.level import PLEDGES
from game.model.negotiation import metrics, ratification_chance, value_of
from game.model.negotiation import treaty_kind

EXPERIMENTS = LEVELS_DIR / "experiments"
US, CHINA = 0, 1
# What each experiment changes, as paths into the level's data (besides id, title, briefing).
CHANGES = {
    "chips-do-not-matter": {("model", "talks_chip_weight")},
    "simple-formulas": {("model", "complexity_weight"), ("rules", "ratification_complexity"), ("exchange_rates",)},
    "warm-beijing": {("sides", "china", "talks_base")},
    "guam-as-good": {("model", "chain_weight", "second"), ("classes", "lrhw", "range_km")},
}


def experiment(name: str):
    return load_level(EXPERIMENTS / f"{name}.toml")


def differences(a, b, path=()) -> set[tuple]:
    """Paths at which two levels' data differ (entries of arrays named by id where they have one)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return set().union(*(differences(a.get(k), b.get(k), path + (k,)) for k in a.keys() | b.keys()))
    if isinstance(a, list) and isinstance(b, list) and a and all(isinstance(x, dict) and "id" in x for x in a + b):
        ids = [x["id"] for x in a]
        if ids == [x["id"] for x in b]:
            return set().union(*(differences(x, y, path + (x["id"],)) for x, y in zip(a, b)))
    return set() if a == b else {path}


def test_every_experiment_is_here_and_changes_only_what_it_says(baseline):
    assert {p.stem for p in EXPERIMENTS.glob("*.toml")} == set(CHANGES)
    for name, changed in CHANGES.items():
        level = experiment(name)
        assert level.id == name and level.title.startswith("Experiment: ")
        found = differences(level_to_dict(level), level_to_dict(baseline)) - {("id",), ("title",), ("briefing",)}
        assert {p if p[0] != "exchange_rates" else p[:1] for p in found} == changed, name


def test_chips_do_not_matter_fielded_missiles_leave_beijing_as_cold(baseline, kit):
    for level, moved in ((baseline, True), (experiment("chips-do-not-matter"), False)):
        start = engine.new_game(level, 0)
        forward = kit.with_ally(level, kit.with_fielded(level, start, "glcm"), "japan", pledge=PLEDGES.index("hosting"))
        forward = kit.with_deployed(level, forward, "glcm", "kadena", 96)
        s = kit.scores_of(level, start, forward)
        assert s.leverage[1, US] > s.leverage[0, US] + 10
        if moved:
            assert s.talks[1, CHINA] > s.talks[0, CHINA] + 10
        else:
            assert s.talks[1, CHINA] == pytest.approx(s.talks[0, CHINA])


def test_simple_formulas_a_cross_class_deal_costs_nothing_extra(baseline, kit):
    aircraft = Offer(terms=(Term("us", "air", "reduce", 32), Term("china", "df26", "reduce", 32)), verification="onsite")
    for level, simple in ((baseline, False), (experiment("simple-formulas"), True)):
        state = kit.with_deployed(level, kit.with_fielded(level, engine.new_game(level, 0), "glcm"), "glcm", "guam", 32)
        missiles = Offer(terms=(Term("us", "glcm", "reduce", 32), Term("china", "df26", "reduce", 32)),
                         verification="onsite")
        cross, same = metrics(level, state, aircraft), metrics(level, state, missiles)
        assert not cross.same_class and same.same_class
        cost = value_of(level, state, "china", aircraft).complexity
        chances = [ratification_chance(level, m, 0.0) for m in (cross, same)]
        if simple:
            assert cost == 0.0 and chances[0] == chances[1]
        else:
            assert cost < -1.0 and chances[0] < chances[1] - 0.2


def test_simple_formulas_lets_scripted_sides_sign_cross_class_treaties(baseline):
    def cross_class(level) -> int:
        games = [play(level, seed, make_factory("pragmatist"), make_factory("hardliner"))
                 for seed in game_seeds(0, 40)]
        return sum(treaty_kind(level, g.state) == "cross-class" for g in games)

    assert cross_class(experiment("simple-formulas")) > cross_class(baseline)


def test_warm_beijing_will_talk_from_the_first_year(baseline, kit):
    for level, warm in ((baseline, False), (experiment("warm-beijing"), True)):
        talks = kit.scores_of(level, engine.new_game(level, 0)).talks[0, CHINA]
        assert (talks >= level.rules.exploratory_threshold) == warm, talks


def test_guam_as_good_missiles_on_guam_count_as_on_okinawa_and_reach_china(baseline, kit):
    for level, good in ((baseline, False), (experiment("guam-as-good"), True)):
        base = kit.with_fielded(level, engine.new_game(level, 0), "lrhw")
        s = kit.scores_of(level, base, kit.with_deployed(level, base, "lrhw", "kadena", 24),
                          kit.with_deployed(level, base, "lrhw", "guam", 24))
        assert (s.leverage[2, US] == pytest.approx(s.leverage[1, US])) == good
        assert (s.deterrence[2, US] > s.deterrence[0, US] + 1e-9) == good
