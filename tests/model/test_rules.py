"""The rules as a player meets them: what is refused and why, and what happens over the years.

Most tests start from the baseline level with its event deck emptied (`quiet`), so that no
card changes budgets or forces under them; hypothetical positions are made with `attrs.evolve`.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from attrs import evolve
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.model import engine, orders
from game.model.actions import (
    AcceptDeal,
    AcceptTalks,
    Campaign,
    CoDevelop,
    Consult,
    Deploy,
    EndOrders,
    EndTalks,
    IllegalAction,
    Induce,
    Offer,
    Produce,
    ProposeDeal,
    ProposeTalks,
    RejectTalks,
    SeekPledge,
    SetResearch,
    Signal,
    Term,
    UndoOrder,
    Withdraw,
    Coerce,
)
from game.model.allies import effective_willingness
from game.model.engine import OUTCOMES
from game.model.level import PLEDGES, SIDES
from game.model.negotiation import describe, holdings
from game.model.world import fielded, world_of


@pytest.fixture(scope="module")
def quiet(baseline):
    """The baseline level without events, so that nothing random moves budgets or forces."""
    return evolve(baseline, events=())


@pytest.fixture()
def start(quiet):
    return engine.new_game(quiet, 7)


def refused(level, state, side, action, *words: str) -> str:
    """Assert that `action` is refused with a message containing every word; return it."""
    with pytest.raises(IllegalAction) as info:
        engine.apply(level, state, side, action)
    message = str(info.value)
    assert message and (message[0].isupper() or message[0].isdigit()), f"not a sentence: {message!r}"
    assert message.rstrip()[-1] in ".!", f"not a sentence: {message!r}"
    assert "<" not in message and "object at" not in message, f"not readable: {message!r}"
    for word in words:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"
    assert action not in engine.legal_actions(level, state, side)
    return message


def talks_phase(level, state):
    state = end_orders(level, state)
    assert state.phase == "talks"
    return state


def end_orders(level, state):
    for side in engine.to_move(state):
        state = engine.apply(level, state, side, EndOrders())
    return state


# ---- illegal actions, with a reason a player can read ------------------------------------------


def test_deploying_to_an_ally_site_without_a_pledge_is_refused(quiet, start, kit):
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, start, "glcm"), "glcm", 16)
    assert state.allies[quiet.ally_index("japan")].pledge < PLEDGES.index("pledged")
    refused(quiet, state, "us", Deploy("glcm", "kadena", 8), "Japan", "pledge")
    # Considering is not enough either; a pledge is.
    considering = kit.with_ally(quiet, state, "japan", pledge=PLEDGES.index("considering"))
    refused(quiet, considering, "us", Deploy("glcm", "kadena", 8), "Japan", "considering")
    pledged = kit.with_ally(quiet, state, "japan", pledge=PLEDGES.index("pledged"))
    assert Deploy("glcm", "kadena", 8) in engine.legal_actions(quiet, pledged, "us")
    # Guam is U.S. territory: no pledge needed.
    assert Deploy("glcm", "guam", 8) in engine.legal_actions(quiet, state, "us")


def test_producing_a_class_still_in_development_is_refused(quiet, start):
    assert not fielded(quiet, start.progress, quiet.class_index("glcm"))
    refused(quiet, start, "us", Produce("glcm", 1), "Ground-launched Tomahawk", "development", "2")


def test_overspending_is_refused(quiet, start):
    book = orders.ledger(quiet, start, "us")
    air = quiet.classes[quiet.class_index("air")]
    lots = int(book.budget // (air.unit_cost * air.lot_size)) + 1
    assert lots <= 40
    message = refused(quiet, start, "us", Produce("air", lots), "not enough budget")
    assert f"{book.budget:,.0f}" in message  # says how much is left
    # Spending it in several orders is refused at the order that no longer fits.
    state = start
    while True:
        try:
            state = engine.apply(quiet, state, "us", Produce("air", 1))
        except IllegalAction as e:
            assert "budget" in str(e)
            break
    assert orders.ledger(quiet, state, "us").budget >= 0
    assert orders.ledger(quiet, state, "us").budget < air.unit_cost * air.lot_size


def test_spending_more_political_capital_than_held_is_refused(quiet, start):
    poor = evolve(start, sides=(evolve(start.sides[0], capital=3.0), start.sides[1]))
    state = engine.apply(quiet, poor, "us", SeekPledge("japan"))
    assert orders.ledger(quiet, state, "us").capital == 1.0
    message = refused(quiet, state, "us", SeekPledge("philippines"), "political capital")
    assert "needs 2" in message and "1 is left" in message


@pytest.mark.parametrize("seed", range(40))
def test_what_the_orders_phase_says_is_left_is_left_once_the_orders_are_carried_out(levels, kit, seed):
    level = levels[("baseline-2020", "allied-momentum", "guam-only", "tutorial")[seed % 4]]
    rng = np.random.default_rng(seed)
    state = engine.new_game(level, seed)
    for _ in range(seed % 3):  # a later year, now and then
        state = kit.pass_year(level, state)
    for side in SIDES:
        while len(state.side(side).pending) < level.rules.max_orders:
            given = [a for a in engine.legal_actions(level, state, side) if not isinstance(a, (UndoOrder, EndOrders))]
            if not given or rng.random() < 0.15:
                break
            state = engine.apply(level, state, side, given[int(rng.integers(len(given)))])
    left = {side: orders.ledger(level, state, side) for side in SIDES}
    after = end_orders(level, state)
    for si, side in enumerate(SIDES):
        queued = ", ".join(type(o).__name__ for o in state.side(side).pending)
        assert after.sides[si].capital == pytest.approx(left[side].capital), (side, queued)
        assert after.sides[si].budget == pytest.approx(left[side].budget), (side, queued)


def test_acting_out_of_turn_is_refused(quiet, start):
    state = engine.apply(quiet, start, "us", EndOrders())
    refused(quiet, state, "us", Produce("air", 1), "already ended")
    refused(quiet, state, "us", EndOrders(), "already ended")
    talks = end_orders(quiet, state)
    waiting = [s for s in SIDES if s != talks.talks.turn][0]
    refused(quiet, talks, waiting, EndTalks(), "turn")
    refused(quiet, talks, talks.talks.turn, Produce("air", 1), "orders phase")
    refused(quiet, start, "us", EndTalks(), "talks phase")
    refused(quiet, start, "nobody", EndOrders(), "side")


def test_accepting_formal_talks_below_the_willingness_threshold_is_refused(quiet, start):
    state = talks_phase(quiet, start)
    us, china = state.talks.willingness
    need = quiet.rules.formal_threshold
    assert us >= need > china, "the baseline should start with Washington keen and Beijing cold"
    state = evolve(state, talks=evolve(state.talks, stage="exploratory", stage_year=state.year - 1, turn="us"))
    state = engine.apply(quiet, state, "us", ProposeTalks())
    assert state.talks.awaiting == "talks" and state.talks.turn == "china"
    message = refused(quiet, state, "china", AcceptTalks(), "formal", "willingness", f"{need:.0f}")
    assert f"willingness {math.floor(china)}," in message
    assert engine.legal_actions(quiet, state, "china") == [RejectTalks()]
    # Saying nothing is refused with the one answer that is left.
    message = refused(quiet, state, "china", EndTalks(), "reject the proposal")
    assert f"({math.floor(china)}) is short of the {need:.0f} formal talks need" in message
    # Proposing it from the cold side is refused too.
    china_turn = evolve(state, talks=evolve(state.talks, awaiting=None, turn="china"))
    refused(quiet, china_turn, "china", ProposeTalks(), "not ready", "formal")
    # Just short of the threshold, the refusal never names a willingness that reaches it.
    short = evolve(state, talks=evolve(state.talks, willingness=(us, need - 0.4)))
    message = refused(quiet, short, "china", AcceptTalks(), "formal")
    assert f"willingness {need - 1:.0f}, needs {need:.0f}" in message


def test_an_offer_before_formal_talks_is_refused(quiet, start):
    state = talks_phase(quiet, start)
    offer = Offer((Term("us", "glcm", "reduce", 8), Term("china", "cj10", "reduce", 8)))
    assert state.talks.stage == "closed"
    refused(quiet, state, state.talks.turn, ProposeDeal(offer), "formal talks", "closed")
    exploratory = evolve(state, talks=evolve(state.talks, stage="exploratory"))
    refused(quiet, exploratory, state.talks.turn, ProposeDeal(offer), "formal talks", "exploratory")
    formal = evolve(state, talks=evolve(state.talks, stage="formal"))
    assert engine.apply(quiet, formal, state.talks.turn, ProposeDeal(offer)).talks.offer == offer


def test_a_malformed_offer_is_refused_in_words(quiet, start):
    state = talks_phase(quiet, start)
    formal = evolve(state, talks=evolve(state.talks, stage="formal"))
    side = formal.talks.turn
    refused(quiet, formal, side, ProposeDeal(Offer(())), "at least one term")
    refused(quiet, formal, side, ProposeDeal(Offer((Term("china", "glcm", "reduce", 8),))), "Tomahawk", "belongs")
    refused(quiet, formal, side, ProposeDeal(Offer((Term("china", "df26", "reduce", 10_000),))), "more than")
    refused(quiet, formal, side, ProposeDeal(Offer((Term("china", "df26", "reduce", 8),), years=0)), "1 to")
    refused(quiet, formal, side, ProposeDeal(Offer((Term("china", "df26", "cap", -1),))), "positive")


def test_offer_messages_name_the_sides_as_players_know_them(quiet, start):
    state = talks_phase(quiet, start)
    formal = evolve(state, talks=evolve(state.talks, stage="formal"))
    side = formal.talks.turn
    wrong_side = refused(quiet, formal, side, ProposeDeal(Offer((Term("china", "glcm", "reduce", 8),))))
    too_many = refused(quiet, formal, side, ProposeDeal(Offer((Term("china", "df26", "reduce", 10_000),))))
    assert "the United States" in wrong_side and "China" in wrong_side, wrong_side
    assert "China" in too_many, too_many


# ---- orders: undo, and hidden simultaneous resolution -----------------------------------------


def test_undo_order_takes_back_the_last_order(quiet, start):
    first, second = Produce("air", 1), SeekPledge("japan")
    state = engine.apply(quiet, engine.apply(quiet, start, "us", first), "us", second)
    assert state.side("us").pending == (first, second)
    undone = engine.apply(quiet, state, "us", UndoOrder())
    assert undone.side("us").pending == (first,)
    assert orders.ledger(quiet, undone, "us").capital == orders.ledger(quiet, start, "us").capital
    assert engine.apply(quiet, undone, "us", UndoOrder()).side("us").pending == ()
    refused(quiet, start, "us", UndoOrder(), "no order to take back")
    # An order taken back leaves no trace once the year's orders resolve.
    plain = engine.apply(quiet, start, "us", first)
    assert end_orders(quiet, undone) == end_orders(quiet, plain)
    # The same order may be given again once taken back.
    assert engine.apply(quiet, undone, "us", second).side("us").pending == (first, second)


US_ORDERS = (Produce("air", 1), SeekPledge("japan"), Signal("resolve"))
CHINA_ORDERS = (Produce("df26", 2), Coerce("japan"), Withdraw("df21", "jilin", 10))


def test_orders_are_hidden_until_both_sides_end_the_phase(quiet, start):
    before = world_of(quiet, start)
    china_options = engine.legal_actions(quiet, start, "china")
    state = start
    for order in US_ORDERS:
        state = engine.apply(quiet, state, "us", order)
    state = engine.apply(quiet, state, "us", EndOrders())
    # The world, and what China may do, are as if the United States had done nothing.
    now = world_of(quiet, state)
    for name in type(now).__attrs_attrs__:
        assert np.array_equal(getattr(now, name.name), getattr(before, name.name)), name.name
    assert engine.legal_actions(quiet, state, "china") == china_options
    assert (state.deployed, state.reserve, state.allies, state.tension) == (
        start.deployed, start.reserve, start.allies, start.tension)
    for order in CHINA_ORDERS:
        state = engine.apply(quiet, state, "china", order)
        assert state.reserve == start.reserve and state.deployed == start.deployed
    state = engine.apply(quiet, state, "china", EndOrders())
    # Now both resolve together.
    assert state.phase == "talks"
    for cls, lots in (("air", 1), ("df26", 2)):
        ci = quiet.class_index(cls)
        assert state.reserve[ci] == start.reserve[ci] + lots * quiet.classes[ci].lot_size
    ci, ki = quiet.class_index("df21"), quiet.site_index("jilin")
    assert state.deployed[ci][ki] == start.deployed[ci][ki] - 10
    assert state.reserve[ci] == start.reserve[ci] + 10
    assert state.side("us").pending == () and state.side("china").pending == ()


def _interleavings():
    """Orders of the two sides' moves that keep each side's own order."""
    us = [("us", a) for a in US_ORDERS + (EndOrders(),)]
    china = [("china", a) for a in CHINA_ORDERS + (EndOrders(),)]
    yield pytest.param(us + china, id="us-first")
    yield pytest.param(china + us, id="china-first")
    yield pytest.param([m for pair in zip(china, us) for m in pair], id="alternating")
    for seed in range(3):
        rng = np.random.default_rng(seed)
        order = rng.permutation(["us"] * len(us) + ["china"] * len(china))
        queues = {"us": list(us), "china": list(china)}
        yield pytest.param([queues[str(side)].pop(0) for side in order], id=f"shuffled-{seed}")


@pytest.mark.parametrize("sequence", list(_interleavings()))
def test_orders_resolve_the_same_whoever_gives_them_first(quiet, start, sequence):
    reference = start
    for side, action in [("us", a) for a in US_ORDERS + (EndOrders(),)] + [("china", a) for a in CHINA_ORDERS + (EndOrders(),)]:
        reference = engine.apply(quiet, reference, side, action)
    state = start
    for side, action in sequence:
        state = engine.apply(quiet, state, side, action)
    assert state.phase == "talks"
    assert state == reference


# ---- research, pledges, treaties and the end ----------------------------------------------------


def test_research_completes_after_dev_years_of_full_funding(quiet, start, kit):
    ci = quiet.class_index("glcm")
    cls = quiet.classes[ci]
    assert cls.dev_years >= 2 and start.pace[ci] == "full" and start.progress[ci] == 0
    state = start
    for year in range(1, cls.dev_years + 1):
        assert Produce("glcm", 1) not in engine.legal_actions(quiet, state, "us")
        state = kit.pass_year(quiet, state)
        assert state.progress[ci] == pytest.approx(year)
        assert state.year == start.year + year
    assert fielded(quiet, state.progress, ci)
    assert Produce("glcm", 1) in engine.legal_actions(quiet, state, "us")
    assert not any(isinstance(a, SetResearch) and a.cls == "glcm" for a in engine.legal_actions(quiet, state, "us"))
    record = state.history[cls.dev_years - 1]
    assert any("completed development" in line for line in record.news)


def test_slow_funding_takes_twice_as_long_and_a_cut_program_stands_still(quiet, start, kit):
    gi, si = quiet.class_index("glcm"), quiet.class_index("sm6")
    state = engine.apply(quiet, start, "us", SetResearch("glcm", "slow"))
    state = engine.apply(quiet, state, "us", SetResearch("sm6", "cut"))
    state = kit.pass_year(quiet, state)
    assert state.progress[gi] == pytest.approx(0.5)
    assert state.progress[si] == 0.0
    assert state.pace[gi] == "slow" and state.pace[si] == "cut"  # paces hold from year to year
    state = kit.pass_year(quiet, kit.pass_year(quiet, state))
    assert state.progress[gi] == pytest.approx(1.5) and not fielded(quiet, state.progress, gi)


def test_a_pledged_ally_becomes_a_host_when_forces_deploy(quiet, start, kit):
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, start, "glcm"), "glcm", 16)
    state = kit.with_ally(quiet, state, "japan", pledge=PLEDGES.index("pledged"), willingness=0.9, domestic_opposition=0.1)
    ai, ci, ki = quiet.ally_index("japan"), quiet.class_index("glcm"), quiet.site_index("kadena")
    state = engine.apply(quiet, state, "us", Deploy("glcm", "kadena", 8))
    assert state.allies[ai].pledge == PLEDGES.index("pledged")  # not yet: orders are hidden
    state = end_orders(quiet, state)
    assert PLEDGES[state.allies[ai].pledge] == "hosting"
    assert state.deployed[ci][ki] == start.deployed[ci][ki] + 8
    assert state.reserve[ci] == 8
    assert any("hosts" in line for line in state.news)


def test_a_host_that_cools_below_the_pledge_line_falls_to_considering_and_sends_the_missiles_home(quiet, start, kit):
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, start, "glcm"), "glcm", 16)
    state = kit.with_ally(quiet, state, "japan", pledge=PLEDGES.index("pledged"), willingness=0.9,
                          domestic_opposition=0.1)
    state = end_orders(quiet, engine.apply(quiet, state, "us", Deploy("glcm", "kadena", 8)))
    japan, glcm, air, kadena = (quiet.ally_index("japan"), quiet.class_index("glcm"), quiet.class_index("air"),
                                quiet.site_index("kadena"))
    assert PLEDGES[state.allies[japan].pledge] == "hosting"
    aircraft = state.deployed[air][kadena]
    # Japan's government turns: effective willingness 0.30, below the 0.40 that holds a pledge.
    state = kit.pass_year(quiet, state)
    state = kit.with_ally(quiet, state, "japan", willingness=0.3, threat_perception=0.0, domestic_opposition=0.0)
    state = end_orders(quiet, state)
    assert PLEDGES[state.allies[japan].pledge] == "considering"  # not 'pledged': that needs 0.40 too
    assert state.deployed[glcm][kadena] == 0 and state.reserve[glcm] == 16  # the missiles came home
    assert state.deployed[air][kadena] == aircraft  # aircraft stay on their bases
    [line] = [n for n in state.news if n.startswith("Japan stepped back")]
    assert line == ("Japan stepped back to 'considering': at willingness 0.30 it no longer holds 'hosting' "
                    "(it needs 0.40); the U.S. missiles at its sites go home.")
    state = kit.pass_year(quiet, state)
    refused(quiet, state, "us", Deploy("glcm", "kadena", 8), "has not pledged")  # no way back but a new pledge


def test_missiles_sent_to_an_ally_too_unwilling_to_host_them_come_with_a_warning(quiet, start, kit):
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, start, "glcm"), "glcm", 16)
    cool = kit.with_ally(quiet, state, "japan", pledge=PLEDGES.index("pledged"), willingness=0.3,
                         threat_perception=0.0, domestic_opposition=0.0)
    warm = kit.with_ally(quiet, cool, "japan", willingness=0.9)
    missiles, aircraft, guam = Deploy("glcm", "kadena", 8), Deploy("air", "kadena", 8), Deploy("glcm", "guam", 8)
    assert orders.order_warning(quiet, cool, missiles) == (
        "Japan is willing 0.30, below the 0.40 a host needs: unless that rises this year, it will send these "
        "missiles home and withdraw its pledge.")
    assert orders.order_warning(quiet, warm, missiles) is None
    assert orders.order_warning(quiet, cool, aircraft) is None  # aircraft do not make a host
    assert orders.order_warning(quiet, cool, guam) is None  # U.S. territory
    # And the warning tells the truth: the missiles come home at the year's pledge decision.
    state = end_orders(quiet, engine.apply(quiet, cool, "us", missiles))
    assert state.deployed[quiet.class_index("glcm")][quiet.site_index("kadena")] == 0


def test_deploying_and_withdrawing_the_same_missiles_does_not_make_a_host(quiet, start, kit):
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, start, "glcm"), "glcm", 16)
    state = kit.with_ally(quiet, state, "japan", pledge=PLEDGES.index("pledged"), willingness=0.9, domestic_opposition=0.1)
    before = kit.scores_of(quiet, state).leverage[0, 0]
    state = engine.apply(quiet, state, "us", Deploy("glcm", "kadena", 8))
    state = engine.apply(quiet, state, "us", Withdraw("glcm", "kadena", 8))
    state = end_orders(quiet, state)
    ci, ki = quiet.class_index("glcm"), quiet.site_index("kadena")
    assert state.deployed[ci][ki] == 0 and state.reserve[ci] == 16  # nothing moved, net
    assert not any("hosts" in line for line in state.news), state.news
    assert PLEDGES[state.allies[quiet.ally_index("japan")].pledge] == "pledged"
    assert kit.scores_of(quiet, state).leverage[0, 0] >= before  # a net nothing costs no leverage


def test_an_ally_under_pressure_shows_all_year_the_willingness_its_pledge_decision_used(quiet, start, kit):
    state = kit.with_ally(quiet, start, "japan", economic_exposure=0.6)
    state = engine.apply(quiet, state, "china", Coerce("japan"))
    state = engine.apply(quiet, state, "us", SeekPledge("japan"))
    state = end_orders(quiet, state)
    japan = quiet.ally_index("japan")
    [line] = [n for n in state.news if n.startswith("Japan ") and ("chance" in n or "could not hold" in n)]
    assert f"willingness {effective_willingness(state.allies[japan]):.2f}" in line  # what the talks show
    pressed = state.allies[japan]
    state = kit.pass_year(quiet, state)
    eased = state.allies[japan]
    assert eased.pressure == pressed.pressure / 2  # the next year, the pressure has halved
    assert effective_willingness(eased) > effective_willingness(pressed)


def test_the_news_says_what_each_lever_did_to_the_ally(quiet, start, kit):
    japan = quiet.ally_index("japan")
    state = engine.apply(quiet, start, "us", Consult("japan"))
    state = engine.apply(quiet, state, "china", Induce("japan"))
    state = engine.apply(quiet, state, "china", Campaign("philippines"))
    state = end_orders(quiet, state)
    consulted, induced, campaigned = (
        next(n for n in state.news if n.startswith(lead)) for lead in (
            "The United States consulted Japan: willingness to host ",
            "China's trade and investment drew Japan away from hosting: willingness to host ",
            "China's campaign against basing in the Philippines stirred opposition there: willingness to host "))
    figures = [tuple(float(x) for x in line.rstrip(".").split(": willingness to host ")[1].split(" -> "))
               for line in (consulted, induced, campaigned)]
    (a, b), (c, d), (e, f) = figures
    assert a == round(effective_willingness(start.allies[japan]), 2) and b > a  # consulting warmed Japan
    assert c == b and d < c  # resolved in turn: the inducement starts where the consultation left Japan
    assert f < e  # the campaign cooled the Philippines


def test_co_development_news_says_whether_it_saved_any_time(quiet, start, kit):
    state = kit.with_ally(quiet, start, "japan", pledge=1)
    early = end_orders(quiet, engine.apply(quiet, kit.with_progress(quiet, state, "lrhw", 1.0), "us",
                                           CoDevelop("japan", "lrhw")))
    assert any(n.startswith("The United States and Japan co-developed the ") and "0.25 years nearer fielding" in n
               for n in early.news), early.news
    # One year short at full pace: the year's research completes the program before the lever.
    late = end_orders(quiet, engine.apply(quiet, kit.with_progress(quiet, state, "lrhw", 3.0), "us",
                                          CoDevelop("japan", "lrhw")))
    assert any("(this year's research had already completed it)" in n for n in late.news), late.news


def test_co_developing_a_program_research_completes_this_year_comes_with_a_warning(quiet, start, kit):
    state = kit.with_ally(quiet, start, "japan", pledge=1)
    lever = CoDevelop("japan", "lrhw")
    assert orders.order_warning(quiet, kit.with_progress(quiet, state, "lrhw", 1.0), lever) is None
    late = kit.with_progress(quiet, state, "lrhw", 3.0)
    assert orders.order_warning(quiet, late, lever) == (
        "This year's research completes the Long-Range Hypersonic Weapon (Dark Eagle) (at pace 'full') before "
        "co-development counts: it brings it no nearer, though Japan still warms to hosting.")
    # The pace the player has queued this year counts: slowed, the program needs co-development.
    slowed = engine.apply(quiet, late, "us", SetResearch("lrhw", "slow"))
    assert orders.order_warning(quiet, slowed, lever) is None
    after = end_orders(quiet, engine.apply(quiet, slowed, "us", lever))
    assert after.progress[quiet.class_index("lrhw")] == 3.75  # half a year of research, a quarter co-developed


def test_refusals_name_a_side_as_a_sentence_does(quiet, start):
    # "The United States", not "The united states" (str.capitalize) nor "United States's".
    assert refused(quiet, start, "us", Coerce("japan")) == "The United States cannot use Coerce."
    assert refused(quiet, start, "china", Deploy("df26", "guam", 10)) == "China cannot base forces at Andersen AFB, Guam."
    state = evolve(talks_phase(quiet, start), talks=evolve(start.talks, awaiting="talks", turn="us",
                                                           willingness=(10.0, 90.0)))
    message = refused(quiet, state, "us", AcceptTalks())
    assert message.startswith("The United States' leadership will not authorise exploratory talks"), message


def test_coercion_that_backfires_leaves_the_ally_more_willing_and_otherwise_less(quiet, kit):
    seen = set()
    for seed in range(12):
        state = kit.with_ally(quiet, engine.new_game(quiet, seed), "japan", threat_perception=0.9,
                              economic_exposure=0.6)
        state = end_orders(quiet, engine.apply(quiet, state, "china", Coerce("japan")))
        [line] = [n for n in state.news if n.startswith("China's") and "Japan" in n]
        before, after = (float(x) for x in line.rstrip(".").split(": willingness to host ")[1].split(" -> "))
        backfired = "backfired" in line
        assert (after > before) if backfired else (after < before), line
        seen.add(backfired)
    assert seen == {True, False}  # at threat perception 0.9, a 54% chance each time


def test_an_ally_never_climbs_to_a_rung_it_would_lose_at_once(quiet, start, kit):
    # Considering, at willingness about 0.37: a pledge would be lost below 0.40 the year after.
    for seed in range(20):
        state = kit.with_ally(quiet, engine.new_game(quiet, seed), "japan", pledge=1)
        japan = quiet.ally_index("japan")
        will = effective_willingness(state.allies[japan])
        state = kit.with_ally(quiet, state, "japan", willingness=state.allies[japan].willingness + 0.37 - will)
        state = end_orders(quiet, engine.apply(quiet, state, "us", SeekPledge("japan")))
        assert PLEDGES[state.allies[japan].pledge] == "considering"
        [line] = [n for n in state.news if n.startswith("Japan declined")]
        assert "it could not hold 'pledged' below 0.40 (even odds from 0.50)" in line, line


def test_seeking_a_pledge_does_not_keep_an_ally_on_a_rung_it_no_longer_holds(quiet, start, kit):
    state = kit.with_ally(quiet, start, "japan", pledge=1, willingness=0.0, threat_perception=0.0)
    state = end_orders(quiet, engine.apply(quiet, state, "us", SeekPledge("japan")))
    assert PLEDGES[state.allies[quiet.ally_index("japan")].pledge] == "none"
    assert any(n.startswith("Japan stepped back to 'none'") for n in state.news), state.news


def test_counts_of_a_class_read_as_english(quiet, start, kit):
    glcm, air = quiet.classes[quiet.class_index("glcm")], quiet.classes[quiet.class_index("air")]
    assert (glcm.count(1), glcm.count(8)) == ("1 Ground-launched Tomahawk", "8 Ground-launched Tomahawks")
    assert air.count(24) == "24 Strike aircraft in theatre"  # no plural given: the name serves
    offer = Offer((Term("us", "glcm", "reduce", 16), Term("china", "df26", "reduce", 1)))
    assert describe(quiet, offer).startswith(
        "U.S. eliminates 16 Ground-launched Tomahawks; China eliminates 1 DF-26 IRBM;")
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, start, "glcm"), "glcm", 1)
    message = refused(quiet, state, "us", Deploy("glcm", "guam", 2))
    assert message == "Only 1 Ground-launched Tomahawk is in the reserve."


def test_news_and_refusals_name_an_ally_as_a_sentence_does(quiet, start, kit):
    # The level names it "Philippines" (a label) and "the Philippines" in a sentence.
    state = kit.with_ally(quiet, start, "philippines", willingness=0.0)
    state = engine.apply(quiet, state, "china", Coerce("philippines"))
    state = engine.apply(quiet, state, "us", SeekPledge("philippines"))
    assert "done that with the Philippines this year" in refused(quiet, state, "us", SeekPledge("philippines"))
    assert refused(quiet, state, "us", Deploy("glcm", "laoag", 8)).startswith("The Philippines has not pledged")
    state = end_orders(quiet, state)
    lines = [n for n in state.news if "Philippines" in n]
    assert any(n.startswith("The Philippines declined") for n in lines), lines
    assert any("China's economic pressure on the Philippines" in n or "China's pressure on the Philippines" in n
               for n in lines), lines
    assert not any(n.startswith("Philippines") or " in Philippines" in n or " on Philippines" in n for n in lines)


def test_a_treaty_signed_stops_building_what_it_limits_until_it_is_ratified_or_fails(quiet, kit):
    state = kit.with_reserve(quiet, kit.with_fielded(quiet, engine.new_game(quiet, 3), "glcm"), "glcm", 48)
    state = talks_phase(quiet, state)
    state = evolve(state, talks=evolve(state.talks, stage="formal", stage_year=state.year - 1))
    offer = Offer((Term("us", "glcm", "reduce", 24), Term("china", "df26", "reduce", 48)), years=3)
    state = engine.apply(quiet, state, state.talks.turn, ProposeDeal(offer))
    state = engine.apply(quiet, state, state.talks.turn, AcceptDeal())
    signed = state.talks.signed_year  # the talks' year ends with the signature
    assert state.phase == "orders" and state.talks.stage == "agreement"  # ratified at this year's end
    message = refused(quiet, state, "us", Produce("glcm", 1), f"signed in {signed}", "awaits ratification")
    assert message.startswith(f"The treaty signed in {signed} limits Ground-launched Tomahawk")
    refused(quiet, state, "china", Produce("df26", 1), "awaits ratification")
    engine.check(quiet, state, "china", Produce("cj10", 1))  # a class the treaty leaves alone
    failed = evolve(state, talks=evolve(state.talks, stage="formal", treaty=None, signed_year=None))
    engine.check(quiet, failed, "us", Produce("glcm", 1))  # ratification failed: building resumes


def test_a_treaty_in_force_reduces_forces_over_its_implementation_years(baseline, kit):
    # No events, no cheating, and legislatures that ratify: only the treaty moves the forces.
    level = evolve(
        baseline,
        events=(),
        rules=evolve(baseline.rules, ratification_base=5.0),
        sides={side: evolve(setup, cheat_rate=0.0) for side, setup in baseline.sides.items()},
    )
    years = 3
    state = engine.new_game(level, 3)
    state = kit.with_reserve(level, kit.with_fielded(level, state, "glcm"), "glcm", 48)
    state = talks_phase(level, state)
    state = evolve(state, talks=evolve(state.talks, stage="formal", stage_year=state.year - 1))
    offer = Offer((Term("us", "glcm", "reduce", 24), Term("china", "df26", "reduce", 48)), years=years)
    state = engine.apply(level, state, state.talks.turn, ProposeDeal(offer))
    state = engine.apply(level, state, state.talks.turn, AcceptDeal())
    assert state.talks.stage == "agreement" and state.talks.treaty == offer
    df26, glcm = level.class_index("df26"), level.class_index("glcm")
    have = {df26: holdings(state, df26), glcm: holdings(state, glcm)}
    state = kit.pass_year(level, state)  # ratified this year; cuts start the next
    assert state.talks.stage == "in-force"
    assert (holdings(state, df26), holdings(state, glcm)) == (have[df26], have[glcm])
    seen = {df26: [have[df26]], glcm: [have[glcm]]}
    for _ in range(years + 1):
        state = kit.pass_year(level, state)
        assert not state.is_over
        for ci in seen:
            seen[ci].append(holdings(state, ci))
    for ci, cut in ((df26, 48), (glcm, 24)):
        step = cut // years
        assert seen[ci] == [have[ci] - step * k for k in range(years + 1)] + [have[ci] - cut], seen[ci]
    # And no building back up: production above the ceiling is refused.
    refused(level, state, "china", Produce("df26", 1), "treaty allows at most")


@pytest.mark.parametrize("level_id", ["tutorial", "baseline-2020"])
def test_the_game_ends_by_the_last_year_with_a_named_outcome(levels, kit, level_id):
    level = evolve(levels[level_id], events=())
    state = engine.new_game(level, 1)
    years = 0
    while not state.is_over:
        assert state.year <= level.end_year
        state = kit.pass_year(level, state)
        years += 1
    assert years == level.rounds
    assert state.year == level.end_year
    assert state.outcome in OUTCOMES
    assert len(state.history) == level.rounds
    assert [r.year for r in state.history] == list(range(level.start_year, level.end_year + 1, level.years_per_round))
    for side in SIDES:
        assert engine.legal_actions(level, state, side) == []
        assert engine.to_move(state) == ()
        refused(level, state, side, EndOrders(), "over", state.outcome)


# ---- nothing but IllegalAction, whatever is tried ---------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_sequence_of_actions_applies_or_raises_illegal_action(levels, kit, data):
    level = levels[data.draw(st.sampled_from(sorted(levels)), label="level")]
    state = engine.new_game(level, data.draw(st.integers(0, 2**32 - 1), label="seed"))
    actions = kit.any_action(level)
    for _ in range(data.draw(st.integers(1, 150), label="steps")):
        if not state.is_over and data.draw(st.integers(0, 4), label="legal unless 0") > 0:
            side = data.draw(st.sampled_from(engine.to_move(state)))
            legal = engine.legal_actions(level, state, side)
            action = data.draw(st.sampled_from(legal))
        else:
            side = data.draw(st.sampled_from(("us", "china", "russia")))
            action = data.draw(actions)
        try:
            engine.check(level, state, side, action)
            checked = None
        except IllegalAction as e:
            checked = e
        try:
            after = engine.apply(level, state, side, action)
        except IllegalAction:
            assert checked is not None, f"check passed but apply refused {action!r}"
            continue
        assert checked is None, f"check refused ({checked}) but apply took {action!r}"
        assert after.phase in ("orders", "talks", "over")
        state = after
    event(f"reached {state.phase}, round {state.year - level.start_year + 1}, talks {state.talks.stage}")
