"""The premise as model behaviour (DESIGN.md §1 and §5), on hypothetical states.

Positions are built with `attrs.evolve` from the start of a level or from states reached in
seeded random games, then scored together in one batch.
"""

from __future__ import annotations

import numpy as np
import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import engine
from game.model.level import PLEDGES, SIDES
from game.model.tables import tables_for
from game.model.world import fielded

US, CHINA = 0, 1
DEFAULT = "baseline-2020"
COUNTS = (8, 32, 96)


def us_ground(level):
    return [c for c in level.classes if c.side == "us" and c.ground_launched]


@pytest.fixture(scope="module")
def reachable(levels, kit):
    """Per level: the start and every 15th state of two seeded random games (one keen on talks)."""
    pools = {}
    for level_id, level in levels.items():
        pool = [engine.new_game(level, 0)]
        for seed, eager in ((41, 0.0), (42, 0.9)):
            states, _ = kit.play_out(level, seed, eager)
            pool.extend(s for s in states[1::15] if not s.is_over)
        pools[level_id] = pool
    return pools


# ---- claim 4: pledges, and forward basing ------------------------------------------------------


def credible(level, state) -> bool:
    """Whether the United States has a ground-launched class fielded or a funded program under way
    (a pledge to host missiles that do not exist, even on paper, is worth nothing)."""
    return any(
        fielded(level, state.progress, ci) or (state.pace[ci] != "cut" and state.progress[ci] > 0)
        for ci, c in enumerate(level.classes)
        if c.side == "us" and c.ground_launched
    )


@pytest.mark.parametrize("program", ["a year along", "fielded"])
def test_a_won_pledge_raises_us_leverage(levels, kit, program):
    for level in levels.values():
        start = engine.new_game(level, 0)
        glcm = level.classes[level.class_index("glcm")]
        if program == "fielded":
            start = kit.with_fielded(level, start, "glcm")
        elif glcm.dev_years > 1:
            start = kit.with_progress(level, start, "glcm", 1.0, "full")
        else:
            continue
        for ally in level.allies:
            rung = start.allies[level.ally_index(ally.id)].pledge
            if rung >= PLEDGES.index("pledged"):
                continue
            ladder = [kit.with_ally(level, start, ally.id, pledge=r) for r in range(rung, PLEDGES.index("pledged") + 1)]
            lev = kit.scores_of(level, *ladder).leverage[:, US]
            assert (np.diff(lev) > 0).all(), f"{level.id}, {ally.id}: leverage up the ladder {lev}"


def test_a_pledge_without_any_us_program_is_worth_nothing(baseline, kit):
    start = engine.new_game(baseline, 0)
    assert not credible(baseline, start)
    won = kit.with_ally(baseline, start, "japan", pledge=PLEDGES.index("pledged"))
    lev = kit.scores_of(baseline, start, won).leverage[:, US]
    assert lev[1] == pytest.approx(lev[0])


def test_a_won_pledge_never_lowers_us_leverage_in_reachable_states(levels, kit, reachable):
    pledged = PLEDGES.index("pledged")
    raised = 0
    for level_id, pool in reachable.items():
        level = levels[level_id]
        for state in pool:
            for ai, ally in enumerate(level.allies):
                if state.allies[ai].pledge >= pledged:
                    continue
                won = kit.with_ally(level, state, ally.id, pledge=pledged)
                lev = kit.scores_of(level, state, won).leverage[:, US]
                where = f"{level_id} {state.year}: pledge of {ally.id} gave {lev}"
                assert lev[1] >= lev[0] - 1e-9, where
                if credible(level, state):
                    assert lev[1] > lev[0], where
                    raised += 1
    assert raised > 0


@pytest.mark.parametrize("level_id", [DEFAULT, "guam-only", "tutorial"])
def test_forces_at_first_island_chain_sites_beat_the_same_forces_on_guam(levels, kit, level_id):
    """Kadena with Japan hosting against the same missiles on Guam (with or without Japan's pledge)."""
    level = levels[level_id]
    start = engine.new_game(level, 0)
    t = tables_for(level)
    kadena, guam = level.site_index("kadena"), level.site_index("guam")
    assert level.sites[kadena].chain == "first" and level.sites[guam].chain == "second"
    hosting = PLEDGES.index("hosting")
    for cls in us_ground(level):
        ci = level.class_index(cls.id)
        base = kit.with_fielded(level, start, cls.id)
        reaches_more = t.coverage[ci, kadena].sum() > t.coverage[ci, guam].sum()
        for n in COUNTS:
            forward = kit.with_ally(level, kit.with_deployed(level, base, cls.id, "kadena", n), "japan", pledge=hosting)
            on_guam = kit.with_deployed(level, base, cls.id, "guam", n)
            on_guam_japan_hosting = kit.with_ally(level, on_guam, "japan", pledge=hosting)
            s = kit.scores_of(level, forward, on_guam, on_guam_japan_hosting)
            where = f"{level_id}: {n} {cls.id}"
            assert s.leverage[0, US] > s.leverage[1, US], f"{where}: leverage {s.leverage[:, US]}"
            assert s.leverage[0, US] > s.leverage[2, US], f"{where}: leverage {s.leverage[:, US]}"
            assert s.deterrence[0, US] >= s.deterrence[1, US] - 1e-9, f"{where}: deterrence {s.deterrence[:, US]}"
            if reaches_more:
                assert s.deterrence[0, US] > s.deterrence[1, US], f"{where}: deterrence {s.deterrence[:, US]}"
    # At least the cruise missile reaches Chinese targets from Okinawa that it cannot from Guam.
    glcm = level.class_index("glcm")
    assert t.coverage[glcm, kadena].sum() > t.coverage[glcm, guam].sum()


# ---- claim 1 and 3: chips bring China to the table ------------------------------------------------


def test_fielded_us_chips_china_cares_about_raise_its_willingness_to_talk(levels, kit):
    for level in levels.values():
        start = engine.new_game(level, 0)
        concern = level.sides["china"].concern
        for cls in level.classes_of("us"):
            if concern.get(cls.trade_class, 0.0) <= 0:
                continue
            base = kit.with_fielded(level, start, cls.id)
            ci = level.class_index(cls.id)
            states = [base] + [
                kit.with_deployed(level, base, cls.id, "guam", base.deployed[ci][level.site_index("guam")] + n)
                for n in COUNTS
            ]
            talks = kit.scores_of(level, *states).talks[:, CHINA]
            assert (np.diff(talks) > 0).all(), f"{level.id}: China's willingness with more {cls.id}: {talks}"


def test_chips_china_does_not_care_about_leave_its_willingness_alone(baseline, kit):
    level = evolve(baseline, sides={**baseline.sides, "china": evolve(baseline.sides["china"], concern={
        k: v for k, v in baseline.sides["china"].concern.items() if k != "sea"})})
    start = engine.new_game(level, 0)
    fleet = level.site_index("fleet")
    sea = level.class_index("sea")
    more = kit.with_deployed(level, start, "sea", "fleet", start.deployed[sea][fleet] + 64)
    talks = kit.scores_of(level, start, more).talks[:, CHINA]
    assert talks[1] == pytest.approx(talks[0])


def test_without_chips_china_will_not_open_formal_talks_and_with_enough_it_will(levels, kit):
    level = levels[DEFAULT]
    start = engine.new_game(level, 0)
    need = level.rules.formal_threshold
    assert not any(sum(start.deployed[level.class_index(c.id)]) for c in us_ground(level))
    forward = kit.with_ally(level, kit.with_fielded(level, start, "glcm"), "japan", pledge=PLEDGES.index("hosting"))
    forward = kit.with_deployed(level, forward, "glcm", "kadena", 96)
    talks = kit.scores_of(level, start, forward).talks[:, CHINA]
    assert talks[0] < need <= talks[1], talks


# ---- paper against fielded -----------------------------------------------------------------------


@pytest.mark.parametrize("level_id", sorted(["tutorial", DEFAULT, "allied-momentum"]))
def test_a_program_on_paper_weighs_less_than_the_same_missiles_fielded(levels, kit, level_id):
    level = levels[level_id]
    start = engine.new_game(level, 0)
    checked = 0
    for cls in us_ground(level):
        if cls.dev_years == 0:
            continue
        missiles = 2 * cls.lot_size  # what a program on paper promises (scoring.PAPER_LOTS lots)
        fielded_state = kit.with_fielded(level, start, cls.id)
        in_reserve = kit.with_reserve(level, fielded_state, cls.id, missiles)
        on_guam = kit.with_deployed(level, fielded_state, cls.id, "guam", missiles)
        for done in (0.25, 0.5, 0.99):
            paper = kit.with_progress(level, start, cls.id, done * cls.dev_years, "full")
            lev = kit.scores_of(level, paper, in_reserve, on_guam).leverage[:, US]
            assert lev[0] < lev[1] < lev[2], f"{level_id}: {cls.id} {done:.0%} done: {lev}"
            checked += 1
        # An unfunded program is worth nothing on paper.
        cut = kit.with_progress(level, start, cls.id, 0.5 * cls.dev_years, "cut")
        funded = kit.with_progress(level, start, cls.id, 0.5 * cls.dev_years, "full")
        lev = kit.scores_of(level, cut, funded).leverage[:, US]
        assert lev[0] < lev[1]
    assert checked


# ---- more of one's own chips never lowers one's own leverage -------------------------------------


def usable_places(level, state, side):
    """Where `side` may put missiles now: its reserve, and the sites it may base at."""
    places = ["reserve"]
    for ki, site in enumerate(level.sites):
        if site.base_side() != side:
            continue
        if site.host not in SIDES and state.allies[level.ally_index(site.host)].pledge < PLEDGES.index("pledged"):
            continue
        places.append(site.id)
    return places


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_more_of_ones_own_chips_never_lowers_ones_own_leverage(levels, kit, reachable, data):
    level_id = data.draw(st.sampled_from(sorted(levels)), label="level")
    level = levels[level_id]
    pool = reachable[level_id]
    state = pool[data.draw(st.integers(0, len(pool) - 1), label="state")]
    side = data.draw(st.sampled_from(SIDES), label="side")
    own = [c.id for ci, c in enumerate(level.classes) if c.side == side and fielded(level, state.progress, ci)]
    cls = data.draw(st.sampled_from(own), label="class")
    place = data.draw(st.sampled_from(usable_places(level, state, side)), label="place")
    extra = data.draw(st.integers(0, 200), label="extra")
    ci = level.class_index(cls)
    if place == "reserve":
        more = kit.with_reserve(level, state, cls, state.reserve[ci] + extra)
    else:
        ki = level.site_index(place)
        more = kit.with_deployed(level, state, cls, place, state.deployed[ci][ki] + extra)
    si = SIDES.index(side)
    lev = kit.scores_of(level, state, more).leverage[:, si]
    assert lev[1] >= lev[0] - 1e-9, f"{extra} more {cls} at {place}: leverage {lev[0]} -> {lev[1]}"
