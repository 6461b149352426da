"""The negotiation table, the year-end report, the charts and the debrief, headless: each renders
at 1280×720 and 1920×1080 (screenshots in tests/ui/screenshots/), and real pygame events
(clicks at widget rects, typed digits, keys) build and propose offers, answer the other side,
dismiss reports and walk a whole tutorial game from the main menu to the debrief.
"""

from __future__ import annotations

import html

import pygame
import pytest

from game.analysis.claims import claims_in_game
from game.model.actions import IllegalAction, Offer, Term
from game.model.negotiation import check_offer, describe, metrics, value_of
from game.ui.charts import CHARTS, HOW_TO_READ, ChartStyle, grid_shape, series_of
from game.ui.deal_chart import signed
from game.ui.offer_draft import Draft, appraise
from game.ui.review import start_snapshot, term_changes, turning_points, year_review
from game.ui.scenes.briefing import Briefing
from game.ui.scenes.charts_screen import ChartsScreen, charts_for
from game.ui.scenes.confirm import Confirm
from game.ui.scenes.debrief import Debrief
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.negotiation import NegotiationTable
from game.ui.scenes.new_game import NewGame
from game.ui.scenes.year_report import YearReport
from game.ui.session import GameSetup, Session
from game.ui.talks_panel import transcript_html as talks_transcript_html

from ui_helpers import SIZE_IDS, SIZES, on_map, played_until

FORMAL = GameSetup.for_player("us", "pragmatist", "baseline-2020", 0)


def at_formal_talks() -> Session:
    """Formal talks, the player to speak, nothing on the table (baseline, seed 0: 2026)."""
    return played_until(FORMAL, lambda s: s.phase == "talks" and s.talks.stage == "formal"
                        and s.talks.turn == "us" and s.talks.awaiting is None)


def facing_an_offer() -> Session:
    """China's offer on the table, the player to answer."""
    return played_until(FORMAL, lambda s: s.phase == "talks" and s.talks.turn == "us" and s.talks.awaiting == "deal")


def after_years(n: int, setup: GameSetup = FORMAL) -> Session:
    return played_until(setup, lambda s: len(s.history) >= n and s.phase == "orders")


def finished(setup: GameSetup = GameSetup.for_player("us", "hardliner", "baseline-2020", 3)) -> Session:
    return played_until(setup, lambda s: s.is_over)


def open_table(driver) -> NegotiationTable:
    driver.click(driver.scene.panels["talks"].table)
    assert isinstance(driver.scene, NegotiationTable)
    return driver.scene


def type_count(driver, entry, text: str) -> None:
    driver.click(entry)
    for _ in range(6):
        driver.key(pygame.K_BACKSPACE, frames=1)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        driver.frames(2)


def step_kind_to(driver, row, kind: str) -> None:
    for _ in range(4):
        if row.kind.chosen == kind:
            return
        driver.click(row.kind.next)
    assert row.kind.chosen == kind


def fits(driver) -> None:
    screen = pygame.Rect((0, 0), driver.app.size)
    sheet = driver.scene.sheet
    for element in sheet.get_container().elements:
        assert screen.contains(element.rect), (element, element.rect)


# ---- the negotiation table -------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_table_renders(make_driver, size):
    driver = make_driver(size, on_map(at_formal_talks()))
    table = open_table(driver)
    glcm = table.rows["glcm"]
    step_kind_to(driver, glcm, "reduce")
    step_kind_to(driver, table.rows["cj10"], "reduce")
    driver.click(table.zone.next)
    fits(driver)
    assert driver.screenshot("negotiation_table").stat().st_size > 10_000


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_table_with_their_offer_renders(make_driver, size):
    session = facing_an_offer()
    driver = make_driver(size, on_map(session))
    driver.screenshot("map_talks_offer")
    table = open_table(driver)
    assert table.accept.is_enabled and table.counter.is_enabled
    assert describe(session.level, session.state.talks.offer) in table.on_table.html_text
    worth = value_of(session.level, session.state, "us", session.state.talks.offer)
    assert "What China's offer is worth to you" in table.worth.html_text
    assert f"{worth.total:+.1f}" in table.worth.html_text
    fits(driver)
    driver.screenshot("negotiation_their_offer")


def test_building_an_offer_shows_kind_complexity_and_worth(make_driver):
    session = at_formal_talks()
    level = session.level
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    assert "An offer needs at least one term or zone." in table.problem.text
    glcm, df26 = table.rows["glcm"], table.rows["df26"]
    step_kind_to(driver, glcm, "reduce")
    driver.click(glcm.plus)  # one lot more
    step_kind_to(driver, df26, "reduce")
    type_count(driver, df26.entry, "12")
    driver.click(table.verification.next)  # data → on-site
    offer = table.offer()
    first = glcm.table.draft.counts["glcm"]
    assert offer == Offer(terms=(Term("us", "glcm", "reduce", first), Term("china", "df26", "reduce", 12)),
                          verification="onsite", years=3)
    value = value_of(level, session.state, "us", offer)
    shown = table.worth.html_text
    for words in ("What their cuts give us", "What our cuts cost or save us", "Complexity of the formula",
                  "Cost of verification", "same-class"):
        assert words in shown
    assert signed(value.total) in shown and signed(value.verification) in shown
    assert table.problem.text == "Ready to propose."
    # an air-for-missile trade is cross-class: a formula, and complexity
    step_kind_to(driver, glcm, "none")
    step_kind_to(driver, table.rows["air"], "reduce")
    assert not metrics(level, session.state, table.offer()).same_class
    assert "cross-class" in table.worth.html_text
    assert f"{metrics(level, session.state, table.offer()).complexity:.2f}" in table.worth.html_text


def test_an_illegal_offer_shows_the_rules_sentence_and_is_not_proposed(make_driver):
    session = at_formal_talks()
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    row = table.rows["df26"]
    step_kind_to(driver, row, "reduce")
    type_count(driver, row.entry, "9999")
    offer = table.offer()
    with pytest.raises(IllegalAction) as caught:
        check_offer(session.level, session.state, offer)
    assert table.problem.text == str(caught.value)
    assert "more than China has" in table.problem.text
    before = session.state
    driver.click(table.propose)
    assert session.state is before and driver.scene is table
    assert table.status.text == str(caught.value)


def test_a_built_offer_china_likes_is_signed(make_driver):
    session = at_formal_talks()
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    step_kind_to(driver, table.rows["glcm"], "reduce")  # 8 Tomahawks (one lot) ...
    step_kind_to(driver, table.rows["cj10"], "reduce")  # ... for 36 CJ-10s (one lot)
    offer = table.offer()
    n = len(session.state.talks.transcript)
    driver.click(table.propose)
    said = session.state.talks.transcript[n:]
    assert said[0].side == "us" and said[0].verb == "offers" and said[0].offer == offer
    assert said[1].side == "china" and said[1].verb == "accepts the offer" and said[1].reason.startswith("Accepted")
    assert session.state.talks.treaty == offer
    assert isinstance(driver.scene, YearReport)  # signing ends the year's talks: the year's report
    # From now on the talks panel heads its transcript with the treaty and where it stands.
    signed_in = session.state.talks.signed_year
    shown = talks_transcript_html(session.level, session.state)
    assert shown.startswith(f"<b>Treaty</b> (same-class, signed in {signed_in}, not yet ratified): "
                            f"{html.escape(describe(session.level, offer))}"), shown


def test_walking_out_asks_first_and_says_what_it_costs(make_driver):
    session = at_formal_talks()
    driver = make_driver(scene=on_map(session))
    panel = driver.scene.panels["talks"]
    names = {b.text for b in panel.actions}
    assert names == {"Walk out", "Nothing more"}  # formal talks: no rung left to propose
    walk_out = next(b for b, a in panel.actions.items() if b.text == "Walk out")
    before = session.state
    driver.click(walk_out)
    dialog = driver.scene
    assert isinstance(dialog, Confirm)
    assert dialog.title == "Walk out of the talks?" and "tension rises by 10" in dialog.question
    driver.click(dialog.no)  # Stay: nothing happens
    assert isinstance(driver.scene, MapScreen) and session.state is before
    walk_out = next(b for b in driver.scene.panels["talks"].actions if b.text == "Walk out")
    driver.click(walk_out)
    driver.click(driver.scene.yes)
    assert session.state.talks.stage == "breakdown" or session.state.year > before.year


def test_renouncing_a_treaty_in_the_window_names_the_treaty(make_driver):
    signed = played_until(GameSetup.for_player("us", "pragmatist", "baseline-2020", 3),
                          lambda s: s.phase == "talks" and s.talks.stage == "in-force" and s.talks.turn == "us")
    driver = make_driver(scene=on_map(signed))
    labels = [e.text for e in driver.scene.panels["talks"].panel.get_container().elements if hasattr(e, "text")]
    assert "Talks: treaty in force" in labels
    walk_out = next(b for b in driver.scene.panels["talks"].actions if b.text == "Walk out")
    assert walk_out.tool_tip_text.startswith("Walking out renounces the treaty (signed in ")
    driver.click(walk_out)
    dialog = driver.scene
    assert isinstance(dialog, Confirm) and dialog.title == "Renounce the treaty?" and dialog.yes_text == "Renounce it"
    assert "its limits end" in dialog.question and "tension rises by 20" in dialog.question
    driver.key(pygame.K_ESCAPE)
    assert signed.state.talks.treaty is not None


def test_a_greedy_offer_is_countered_and_the_answer_shows_at_the_table(make_driver):
    session = at_formal_talks()
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    step_kind_to(driver, table.rows["glcm"], "reduce")
    step_kind_to(driver, table.rows["df26"], "reduce")
    type_count(driver, table.rows["df26"].entry, "200")
    n = len(session.state.talks.transcript)
    driver.click(table.propose)
    answer = session.state.talks.transcript[n + 1]
    assert answer.side == "china" and answer.reason.startswith("Rejected")
    assert driver.scene is table  # still talking
    assert answer.reason[:40] in table.transcript.html_text
    if answer.verb == "offers":  # a counter-offer: on the table, with Accept / Reject / Counter
        assert table.accept.is_enabled and describe(session.level, answer.offer) in table.on_table.html_text
    assert table.offer().terms[1].count == 200  # the offer built stays in the builder
    assert table.focus.focused is table.propose  # not Accept: Enter again must not sign their counter
    assert table.status.text.startswith("China")
    driver.screenshot("negotiation_answered")


def test_an_answer_updates_the_table_in_place(make_driver):
    """China's answer changes what it changes at the table; the builder, the draft the player
    goes on editing while China thinks, and every other widget stay as they are."""
    session = at_formal_talks()
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    assert not table.accept.is_enabled and table.accept not in table.focus.items  # nothing to answer yet
    step_kind_to(driver, table.rows["glcm"], "reduce")
    step_kind_to(driver, table.rows["df26"], "reduce")
    type_count(driver, table.rows["df26"].entry, "200")
    kept = [table.body, table.start, table.zone, table.propose, table.worth, table.on_table, table.transcript,
            table.accept, table.header] + [w for row in table.rows.values() for w in (row.kind.value, row.entry)]
    n = len(session.state.talks.transcript)
    for widget in (table.propose, table.rows["cj10"].kind.next):  # propose, then edit while China answers
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=widget.rect.center, button=1))
        driver.app.frame(1 / 60)
    assert driver.busy  # China's answer is not shown yet
    driver.frames(2)
    assert driver.scene is table and len(session.state.talks.transcript) > n + 1
    assert all(a is b for a, b in zip(kept, [table.body, table.start, table.zone, table.propose, table.worth,
               table.on_table, table.transcript, table.accept, table.header]
               + [w for row in table.rows.values() for w in (row.kind.value, row.entry)]))
    assert table.rows["cj10"].kind.chosen != "none" and table.draft.kinds["cj10"] != "none"  # the edit survives
    assert table.rows["df26"].entry.get_text() == "200"
    answer = session.state.talks.transcript[n + 1]
    assert answer.reason[:40] in table.transcript.html_text
    assert f"exchanges left this year: {session.state.talks.exchanges_left}" in table.header.text
    assert table.accept.is_enabled == table.facing_offer == (table.accept in table.focus.items)
    assert table.focus.focused is table.propose
    driver.screenshot("negotiation_answered_in_place")


def test_counter_loads_their_offer_and_accept_signs_it(make_driver):
    session = facing_an_offer()
    theirs = session.state.talks.offer
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    reason = session.state.talks.transcript[-1].reason
    assert reason and reason[:30] in table.on_table.html_text
    driver.click(table.counter)
    assert table.offer() == theirs
    assert table.focus.focused is table.propose
    driver.click(table.accept)
    assert session.state.talks.treaty == theirs or session.state.talks.stage in ("agreement", "in-force")
    assert isinstance(driver.scene, YearReport)  # signing ends the year's talks


def test_the_table_by_keyboard(make_driver):
    session = at_formal_talks()
    driver = make_driver(scene=on_map(session))
    game_scene = driver.scene
    driver.key(pygame.K_t)
    table = driver.scene
    assert isinstance(table, NegotiationTable)
    assert table.focus.focused is table.start
    driver.key(pygame.K_RIGHT)  # the first suggested offer
    suggested = table.start.chosen
    assert table.offer() == suggested
    driver.key(pygame.K_TAB)
    assert table.focus.focused is next(iter(table.rows.values())).kind
    driver.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    for _ in range(40):  # Tab round to Propose
        if table.focus.focused is table.propose:
            break
        driver.key(pygame.K_TAB, frames=1)
    assert table.focus.focused is table.propose
    n = len(session.state.talks.transcript)
    driver.key(pygame.K_RETURN)
    assert session.state.talks.transcript[n].offer == suggested
    if driver.scene is table:
        driver.key(pygame.K_ESCAPE)
        assert driver.scene is game_scene


def test_typing_a_count_and_enter_moves_on(make_driver):
    driver = make_driver(scene=on_map(at_formal_talks()))
    table = open_table(driver)
    row = table.rows["cj10"]
    step_kind_to(driver, row, "cap")
    type_count(driver, row.entry, "40")
    assert table.draft.counts["cj10"] == 40
    assert table.focus.focused is row.entry
    driver.key(pygame.K_RETURN)
    assert table.focus.focused is not row.entry
    assert table.offer().terms == (Term("china", "cj10", "cap", 40),)


def test_the_offer_survives_closing_and_reopening_the_table(make_driver):
    driver = make_driver(scene=on_map(at_formal_talks()))
    table = open_table(driver)
    step_kind_to(driver, table.rows["df21"], "freeze")
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, MapScreen)
    again = open_table(driver)
    assert again is table and again.rows["df21"].kind.chosen == "freeze"
    assert not again.rows["df21"].entry.is_enabled  # a freeze has no count
    assert again.offer().terms == (Term("china", "df21", "freeze", 0),)


def test_the_table_for_a_player_of_china(make_driver):
    setup = GameSetup.for_player("china", "pragmatist", "baseline-2020", 1)
    session = played_until(setup, lambda s: s.phase == "talks" and s.talks.stage == "formal"
                           and s.talks.turn == "china" and s.talks.awaiting is None)
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    assert list(table.rows)[0] == session.level.classes_of("china")[0].id  # your own classes first
    step_kind_to(driver, table.rows["df21"], "reduce")
    step_kind_to(driver, table.rows["glcm"], "reduce")
    offer = table.offer()
    assert f"{value_of(session.level, session.state, 'china', offer).total:+.1f}" in table.worth.html_text
    driver.screenshot("negotiation_china")
    n = len(session.state.talks.transcript)
    driver.click(table.propose)
    assert session.state.talks.transcript[n].side == "china" and session.state.talks.transcript[n].offer == offer


def test_the_table_follows_a_resize(make_driver):
    driver = make_driver(scene=on_map(at_formal_talks()))
    table = open_table(driver)
    step_kind_to(driver, table.rows["cj10"], "reduce")
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    driver.frames(2)
    assert driver.scene is table and table.size == (1600, 900)
    assert table.rows["cj10"].kind.chosen == "reduce"  # the draft lives on the scene, not in widgets
    fits(driver)


def test_the_whole_transcript_is_at_the_table():
    session = facing_an_offer()
    from game.ui.scenes.negotiation import transcript_html

    text = transcript_html(session.level, session.state, "us")
    for e in session.state.talks.transcript:
        assert e.verb in text
    assert len(session.state.talks.transcript) > 14  # more than the side panel shows


def test_the_table_opens_before_formal_talks_and_says_why_offers_wait(make_driver):
    driver = make_driver(scene=on_map(Session.start(FORMAL)))
    scene = driver.scene
    driver.click(scene.panels["orders"].end)
    driver.key(pygame.K_RETURN)
    table = open_table(driver)
    step_kind_to(driver, table.rows["cj10"], "reduce")
    assert table.problem.text == "Offers need formal talks; the talks are 'closed'."
    worth = value_of(table.level, table.state, "us", table.offer())  # still weighed, to learn from
    assert f"{worth.total:+.1f} score points" in table.worth.html_text.replace("</b></font>", "")


def test_draft_round_trips_an_offer():
    level = Session.start(FORMAL).level
    offer = Offer(terms=(Term("us", "glcm", "reduce", 16), Term("china", "df26", "cap", 100),
                         Term("china", "cj10", "freeze", 0)), zones=("first",), verification="none", years=5)
    assert Draft.of(level, offer).offer(level) == offer
    assert Draft.blank(level).empty and not Draft.of(level, offer).empty


def test_appraise_matches_the_model():
    session = at_formal_talks()
    level, state = session.level, session.state
    offer = Offer(terms=(Term("us", "glcm", "reduce", 8), Term("china", "cj10", "reduce", 8)))
    a = appraise(level, state, "us", offer)
    v = value_of(level, state, "us", offer)
    assert (a.total, a.theirs, a.ours, a.complexity_cost, a.verification_cost) == (
        v.total, v.theirs, v.ours, v.complexity, v.verification)
    assert a.same_class and a.problem is None
    assert appraise(level, state, "us", Offer(terms=())).problem == "An offer needs at least one term or zone."


# ---- the year-end report ---------------------------------------------------------------------


def end_the_year(driver) -> None:
    """End orders, then say nothing more until the year's talks close (real clicks)."""
    scene = driver.scene
    year = scene.session.state.year
    for _ in range(40):
        if scene.session.state.year != year or scene.session.state.is_over or driver.scene is not scene:
            return
        if scene.panel_kind == "orders":
            driver.click(scene.panels["orders"].end)
            driver.click(driver.scene.yes)
        else:
            talks = scene.panels["talks"]
            driver.click(next(b for b, a in talks.actions.items()
                              if type(a).__name__ in ("EndTalks", "RejectTalks", "RejectDeal")))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_a_report_follows_each_year_and_renders(make_driver, size):
    session = after_years(2)
    driver = make_driver(size, on_map(session))
    n = len(session.state.history)
    end_the_year(driver)
    report = driver.scene
    assert isinstance(report, YearReport) and len(session.state.history) == n + 1
    fits(driver)
    driver.screenshot("year_report")
    record, last = session.state.history[-1], session.state.history[-2]
    for event_id in record.events:
        card = next(c for c in session.level.events if c.id == event_id)
        assert html.escape(card.title) in report.happened.html_text
    leverage = next(c for c in report.review.changes if c.key == "leverage")
    assert leverage.before == last.indices["us"]["leverage"] and leverage.after == record.indices["us"]["leverage"]
    assert f"{leverage.delta:+.1f}" in report.changes.html_text
    assert f"China's score: {record.scores['china']:.0f}" in report.changes.html_text
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, MapScreen)


def test_report_reasons_are_the_terms_that_moved_most():
    session = after_years(3)
    level, state = session.level, session.state
    review = year_review(level, state, "us")
    prev, now = state.history[-2].breakdowns["us"], state.history[-1].breakdowns["us"]
    for ch in review.changes:
        if ch.group != "us":
            continue
        moves = sorted(((n, now[ch.key].get(n, 0.0) - prev[ch.key].get(n, 0.0))
                        for n in {*prev[ch.key], *now[ch.key]}), key=lambda m: -abs(m[1]))
        if ch.reasons:
            assert abs(ch.reasons[0][1]) == pytest.approx(abs(moves[0][1]))
    first = year_review(level, state, "us", at=0)
    assert first.first and first.since == level.start_year
    assert first.changes[0].before == pytest.approx(start_snapshot(level, state.seed).scores["us"])
    assert term_changes({"a": 1.0, "b": 5.0}, {"a": 4.0, "b": 4.0, "c": -0.01}) == (("a", 3.0), ("b", -1.0))


def test_a_click_outside_the_report_dismisses_it_and_y_brings_it_back(make_driver):
    session = after_years(1)
    driver = make_driver(scene=on_map(session))
    end_the_year(driver)
    report = driver.scene
    assert isinstance(report, YearReport)
    driver.click((report.panel_rect.x // 2, report.panel_rect.centery))
    game_scene = driver.scene
    assert isinstance(game_scene, MapScreen)
    driver.key(pygame.K_y)
    assert isinstance(driver.scene, YearReport)
    driver.click(driver.scene.go_on)
    assert driver.scene is game_scene
    driver.click(game_scene.review.report)
    assert isinstance(driver.scene, YearReport)


# ---- the charts -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_charts_open_from_the_map_and_render(make_driver, size):
    session = after_years(6)
    driver = make_driver(size, on_map(session))
    game_scene = driver.scene
    driver.key(pygame.K_c)
    charts = driver.scene
    assert isinstance(charts, ChartsScreen)
    fits(driver)
    path = driver.screenshot("charts")
    picture = pygame.image.load(str(path))
    us = pygame.Color(*driver.app.palette.colour("#map", "us_marker")[:3])
    china = pygame.Color(*driver.app.palette.colour("#map", "china_marker")[:3])
    rect = charts.chart_rect
    seen = {tuple(picture.get_at((x, y)))[:3]
            for x in range(rect.x, rect.right, 2) for y in range(rect.y, rect.bottom, 2)}
    assert tuple(us)[:3] in seen and tuple(china)[:3] in seen  # both sides' lines are drawn
    drawer = charts_for(charts, session)
    drawer.picture(rect.size, session.state.history)
    assert drawer.noted in ("", HOW_TO_READ)  # seven panels fill a grid here, or the whole note is read
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is game_scene
    driver.click(game_scene.review.charts)
    assert isinstance(driver.scene, ChartsScreen)
    driver.click(driver.scene.back)
    assert driver.scene is game_scene


def test_chart_series_and_layout():
    session = after_years(3)
    history = session.state.history
    keys = [k for k, _ in CHARTS]
    assert set(keys) >= {"deterrence", "leverage", "standing", "talks", "cost", "score", "risk"}
    lines = series_of(history, "leverage")
    assert [s.group for s in lines] == ["us", "china"]
    assert lines[1].points == tuple((r.year, r.indices["china"]["leverage"]) for r in history)
    assert [s.group for s in series_of(history, "risk")] == ["shared"]
    cols, rows = grid_shape(7, 1200, 600)
    assert cols * rows >= 7 and cols > rows


def test_a_cramped_note_on_the_charts_keeps_whole_sentences(make_driver):
    session = after_years(2)
    driver = make_driver(scene=on_map(session))
    drawer = charts_for(driver.scene, session)
    canvas = pygame.Surface((400, 400))
    sentences = HOW_TO_READ.split(". ")
    shown = [drawer.note(canvas, pygame.Rect(0, 0, width, 60), HOW_TO_READ) for width in (120, 250, 400)]
    assert all(text == "" or (text.endswith(".") and HOW_TO_READ.startswith(text)) for text in shown)
    assert shown[0] != HOW_TO_READ and shown[-1].startswith(sentences[0] + ". ")
    assert [len(t) for t in shown] == sorted(len(t) for t in shown)  # more room, never less said


def test_the_chart_style_falls_back_on_the_palette(resources):
    style = ChartStyle.from_theme({}, resources.palette)
    assert style.colour("us") == resources.palette.colour("#map", "us_marker")
    broken = ChartStyle.from_theme({"#chart": {"colours": {"grid": "not a colour"}}}, resources.palette)
    assert broken.colour("grid") == resources.palette.colour("#gauge", "bar_bg")


def test_charts_before_any_year_has_ended(make_driver):
    driver = make_driver(scene=on_map(Session.start(FORMAL)))
    assert not driver.scene.review.report.is_enabled
    driver.key(pygame.K_y)  # no report yet: nothing happens
    assert isinstance(driver.scene, MapScreen)
    driver.key(pygame.K_c)
    assert isinstance(driver.scene, ChartsScreen)
    driver.screenshot("charts_empty")


# ---- the debrief ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_debrief_renders(make_driver, size):
    session = finished()
    driver = make_driver(size, on_map(session))
    driver.screenshot("outcome")
    driver.click(driver.scene.panels["over"].debrief)
    debrief = driver.scene
    assert isinstance(debrief, Debrief)
    fits(driver)
    driver.screenshot("debrief")
    text = debrief.text.html_text
    state = session.state
    assert state.outcome in debrief.heading.text
    assert "Final scores" in text and "Turning points" in text and "The treaty" in text
    assert "The four claims of the premise in this game" in text
    assert all(html.escape(c.text) in text for c in claims_in_game(session.level, state))
    assert f"{state.history[-1].scores['china']:.0f}" in text
    debrief.text.scroll_bar.set_scroll_from_start_percentage(0.3)
    driver.screenshot("debrief_claims")
    drawer = charts_for(debrief, session)
    drawer.picture(debrief.chart_rect.size, state.history)
    assert drawer.noted == HOW_TO_READ  # the spare cells beside the last chart hold the whole note
    assert ("No treaty" in text) or (describe(session.level, state.talks.treaty) in text)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, MapScreen)
    driver.key(pygame.K_d)
    assert isinstance(driver.scene, Debrief)
    driver.click(driver.scene.reports)  # the last year's report, and back
    assert isinstance(driver.scene, YearReport) and driver.scene.final
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, Debrief)


def test_turning_points_of_a_game_with_a_treaty():
    session = finished(GameSetup.for_player("us", "hardliner", "baseline-2020", 3))
    points = turning_points(session.level, session.state)
    kinds = {p.kind for p in points}
    assert {"score", "talks"} <= kinds
    years = [p.year for p in points]
    assert years == sorted(years)
    state = session.state
    if any(e.verb == "accepts the offer" for e in state.talks.transcript):
        assert any(p.kind == "treaty" and "treaty was signed" in p.text for p in points)
    stages = [r.stage for r in state.history]
    if "formal" in stages:
        assert any(p.text == "Formal talks began." for p in points)


# ---- a whole game, from the main menu to the debrief -----------------------------------------------


def test_a_tutorial_game_from_the_menu_to_the_debrief(make_driver):
    driver = make_driver()
    driver.click(driver.scene.new_game)
    setup_screen = driver.scene
    assert isinstance(setup_screen, NewGame)
    level_choice = next(c for c in setup_screen.choices if any(v == "tutorial" for v, _ in c.options))
    for _ in range(len(level_choice.options)):
        if level_choice.chosen == "tutorial":
            break
        driver.click(level_choice.next)
    assert level_choice.chosen == "tutorial"
    type_count(driver, setup_screen.seed_entry, "11")  # the same game every time
    assert setup_screen.seed == 11
    driver.click(setup_screen.start)
    assert isinstance(driver.scene, Briefing)
    driver.click(driver.scene.begin)
    scene = driver.scene
    assert isinstance(scene, MapScreen) and scene.session.level.id == "tutorial"
    session = scene.session
    proposed = reports = 0
    for _ in range(300):
        if isinstance(driver.scene, YearReport):
            reports += 1
            driver.key(pygame.K_RETURN)  # on to the next year (after the last: the debrief)
            continue
        if session.state.is_over:
            break
        if scene.panel_kind == "orders":
            driver.click(scene.panels["orders"].end)
            driver.click(driver.scene.yes)
            continue
        talks = scene.panels["talks"]
        state = session.state
        if not proposed and state.talks.awaiting is None:
            # build an offer at the table and propose it: like for like, Tomahawks for CJ-10s
            table = open_table(driver)
            step_kind_to(driver, table.rows["glcm"], "reduce")
            step_kind_to(driver, table.rows["cj10"], "reduce")
            type_count(driver, table.rows["cj10"].entry, "8")
            offer = table.offer()
            assert offer.terms[1] == Term("china", "cj10", "reduce", 8)
            why = table.why_not(offer)
            n = len(state.talks.transcript)
            driver.click(table.propose)
            proposed += 1
            if why is None:
                assert session.state.talks.transcript[n].offer == offer
            else:  # the tutorial's three years never reach formal talks: the rules say so
                assert why.startswith("Offers need formal talks")
                assert driver.scene is table and table.status.text == why
                assert session.state is state
                driver.key(pygame.K_ESCAPE)
            continue
        asked = any(e.year == state.year and e.side == "us" and e.verb.startswith("proposes")
                    for e in state.talks.transcript)
        names = {type(a).__name__: b for b, a in talks.actions.items()}
        if "AcceptTalks" in names:
            driver.click(names["AcceptTalks"])
        elif "ProposeTalks" in names and not asked and state.talks.stage_year != state.year:
            driver.click(names["ProposeTalks"])
        else:
            driver.click(next(names[n] for n in ("EndTalks", "RejectDeal", "RejectTalks") if n in names))
    assert session.state.is_over and proposed == 1
    assert reports == len(session.state.history) == session.level.rounds
    debrief = driver.scene
    assert isinstance(debrief, Debrief)
    assert session.state.outcome and "Turning points" in debrief.text.html_text
    driver.screenshot("debrief_tutorial")
    driver.click(debrief.menu)
    assert isinstance(driver.scene, MainMenu)


# ---- at a larger text size ----------------------------------------------------------------------


@pytest.mark.parametrize("screen", ["table", "report", "debrief"])
def test_the_screens_at_150_percent(make_driver, screen):
    """At 1920×1080 the text may be 150%: the screens grow with it and still fit."""
    session = {"table": facing_an_offer, "report": lambda: after_years(1), "debrief": finished}[screen]()
    driver = make_driver((1920, 1080), on_map(session))
    driver.app.settings.scale = 150
    driver.app.restyle()
    driver.frames(2)
    assert driver.app.look.scale == 150
    if screen == "table":
        open_table(driver)
    elif screen == "report":
        end_the_year(driver)
        assert isinstance(driver.scene, YearReport)
    else:
        driver.click(driver.scene.panels["over"].debrief)
        assert isinstance(driver.scene, Debrief)
    fits(driver)
    driver.screenshot(f"{screen}_150")
