"""Where the scripted U.S. sends its missiles: never to an ally that would send them back, nor
into a zone a signed treaty will clear."""

from __future__ import annotations

import pytest
from attrs import evolve

from game.ai.registry import make_factory
from game.content.levels import resolve_level
from game.model import engine
from game.model.actions import Deploy, Offer, Term
from game.model.allies import effective_willingness, holds_from
from game.model.game import Game
from game.model.level import PLEDGES
from game.model.state import replace_at

BASELINE = resolve_level("baseline-2020")
JAPAN = {site.id for site in BASELINE.sites if site.host == "japan"}


def us_orders_with_japan_at(willingness: float, treaty: Offer | None = None) -> tuple[list[Deploy], float]:
    """The deployments a pragmatist U.S. queues in 2020 with the Tomahawk fielded, 32 of them in
    reserve and Japan pledged at the given base willingness (and `treaty` signed, awaiting
    ratification); and Japan's effective willingness."""
    state = Game.new(BASELINE, 3).state
    if treaty is not None:
        state = evolve(state, talks=evolve(state.talks, stage="agreement", treaty=treaty, signed_year=2019))
    glcm, japan = BASELINE.class_index("glcm"), BASELINE.ally_index("japan")
    ally = evolve(state.allies[japan], pledge=PLEDGES.index("pledged"), willingness=willingness)
    state = evolve(state, allies=replace_at(state.allies, japan, ally),
                   progress=replace_at(state.progress, glcm, float(BASELINE.classes[glcm].dev_years)),
                   reserve=replace_at(state.reserve, glcm, 32))
    us = make_factory("pragmatist", "normal")(1)
    while not state.side("us").done:
        state = engine.apply(BASELINE, state, "us", us.act(BASELINE, state, "us"))
    return [o for o in state.side("us").pending if isinstance(o, Deploy)], effective_willingness(ally)


def test_missiles_go_to_a_pledged_ally_willing_enough_to_keep_them():
    deploys, will = us_orders_with_japan_at(0.9)
    assert will >= holds_from(PLEDGES.index("hosting"))
    assert any(o.cls == "glcm" and o.site in JAPAN for o in deploys), deploys


@pytest.mark.parametrize("willingness", [0.2, 0.3])
def test_no_missiles_go_to_a_pledged_ally_that_would_stop_hosting_the_same_year(willingness):
    deploys, will = us_orders_with_japan_at(willingness)
    assert will < holds_from(PLEDGES.index("hosting"))
    assert not any(o.cls == "glcm" and o.site in JAPAN for o in deploys), deploys
    assert any(o.cls == "glcm" for o in deploys), "the missiles should still go somewhere (Guam)"


def test_no_missiles_go_into_a_zone_that_a_signed_treaty_will_clear():
    treaty = Offer((Term("us", "glcm", "reduce", 8), Term("china", "df26", "reduce", 16)), zones=("first",))
    deploys, _ = us_orders_with_japan_at(0.9, treaty)
    first = {site.id for site in BASELINE.sites if site.chain == "first"}
    assert JAPAN <= first
    assert not any(o.cls == "glcm" and o.site in first for o in deploys), deploys
    assert any(o.cls == "glcm" for o in deploys), "the missiles should still go somewhere outside the zone"
