"""Saves and loading, the debrief's report, rewind and deal review, the facilitator's class
settings and hotseat play, in the window: headless, driven by real pygame events (clicks at
widget rects, key presses). Every save folder is in `tmp_path` (XDG_DATA_HOME points there).
Screenshots of the new screens go to tests/ui/screenshots/ at 1280×720 and 1920×1080.
"""

from __future__ import annotations

import json

import pygame
import pytest

from game.classroom.facilitation import Facilitation
from game.model.actions import EndTalks, RejectDeal, RejectTalks
from game.persist import list_saves, open_save, save_game
from game.ui.saving import played_words, save_session
from game.ui.scenes.class_briefing import ClassBriefing
from game.ui.scenes.confirm import Confirm
from game.ui.scenes.debrief import Debrief
from game.ui.scenes.hand_over import HandOver, SideBriefing
from game.ui.scenes.load_game import LoadScreen
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.new_game import NewGame
from game.ui.scenes.notice import Notice
from game.ui.scenes.rewind import RewindDialog
from game.ui.scenes.year_report import YearReport
from game.ui.session import GameSetup, HotseatSession, Session

from ui_helpers import SIZE_IDS, SIZES, on_map, order_button, played_until, tab

SETUP = GameSetup.for_player("us", "hardliner", "baseline-2020", 7)
TUTORIAL = GameSetup.for_player("china", "reciprocator", "tutorial", 11, "hard")
TREATY = GameSetup.for_player("us", "pragmatist", "baseline-2020", 3)  # a treaty is signed in 2027


@pytest.fixture
def saves(tmp_path, monkeypatch):
    """The save folder the window uses, in tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "bargaining-chips" / "saves"


def finished(setup: GameSetup = TREATY) -> Session:
    return played_until(setup, lambda s: s.is_over)


def quiet_talks(driver) -> None:
    """In the talks: say nothing more (or decline what must be answered)."""
    talks = driver.scene.panels["talks"]
    names = {type(a).__name__: b for b, a in talks.actions.items()}
    driver.click(next(names[n] for n in ("EndTalks", "RejectDeal", "RejectTalks") if n in names))


def finish_the_year(driver, scene: MapScreen) -> None:
    """End the orders and stay quiet in the talks until the year's report shows; close it."""
    year = scene.session.state.year
    for _ in range(40):
        if isinstance(driver.scene, YearReport):
            driver.key(pygame.K_RETURN)
            return
        assert driver.scene is scene, driver.scene
        if scene.panel_kind == "orders":
            driver.click(scene.panels["orders"].end)
            driver.click(driver.scene.yes)
        else:
            quiet_talks(driver)
    raise AssertionError(f"{year} did not end")


def assert_fits(driver) -> None:
    screen = pygame.Rect((0, 0), driver.app.size)
    scene = driver.scene
    while scene is not None:
        if scene.root is not None:
            for element in scene.root.elements:
                assert screen.contains(element.rect), (type(scene).__name__, element, element.rect)
        scene = scene.parent


# ---- saving ------------------------------------------------------------------------------------


def test_ctrl_s_saves_the_game_with_who_played(make_driver, saves):
    driver = make_driver(scene=on_map(Session.start(SETUP)))
    scene = driver.scene
    tab(driver, "allies")
    driver.click(order_button(driver, "Consult", ally="japan"))
    driver.key(pygame.K_s)  # S alone selects a site: nothing is saved
    assert not saves.exists() or not list(saves.iterdir())
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    files = list(saves.glob("*.json"))
    assert len(files) == 1 and files[0].name.startswith("baseline-2020-2020-")
    assert scene.status.text.startswith("Saved as " + files[0].name) and not scene.message[1]
    assert driver.app.notice and driver.app.notice[0] == "Game saved"
    saved = open_save(files[0])
    assert saved.meta["side"] == "us" and saved.meta["opponent"] == "hardliner"
    assert saved.meta["difficulty"] == "normal" and saved.meta["mode"] == "window"
    assert saved.state_hash == scene.session.game.state_hash()
    assert saved.game.state.side("us").pending  # the queued order is in the save
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)  # a second save the same second gets its own name
    assert len(list(saves.glob("*.json"))) == 2


def test_a_save_that_cannot_be_written_is_said_in_the_status_line(make_driver, saves):
    saves.parent.mkdir(parents=True)
    saves.write_text("a file where the folder should be")
    driver = make_driver(scene=on_map(Session.start(SETUP)))
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)
    text, problem = driver.scene.message
    assert problem and text.startswith("Not saved: ") and "\n" not in text
    assert isinstance(driver.scene, MapScreen)


def test_the_game_is_saved_at_each_years_end(make_driver, saves):
    driver = make_driver(scene=on_map(Session.start(TUTORIAL)))
    scene = driver.scene
    finish_the_year(driver, scene)
    assert scene.session.state.year == 2021
    saved = open_save(saves / "autosave-2020.json")
    assert saved.meta["side"] == "china" and saved.meta["opponent"] == "reciprocator"
    assert saved.meta["difficulty"] == "hard"
    assert saved.game.state.year == 2021 and saved.game.state.phase == "orders"
    assert [p.name for p in saves.iterdir()] == ["autosave-2020.json"]


def test_an_autosave_that_fails_is_said_and_the_game_goes_on(make_driver, saves):
    saves.parent.mkdir(parents=True)
    saves.write_text("a file where the folder should be")
    driver = make_driver(scene=on_map(Session.start(TUTORIAL)))
    scene = driver.scene
    finish_the_year(driver, scene)
    assert scene.session.state.year == 2021 and driver.scene is scene
    text, problem = scene.message
    assert problem and text.startswith("Autosave failed: ")


# ---- loading -----------------------------------------------------------------------------------


def make_saves(saves) -> dict:
    """A good save (China against a hardliner, hard, after one year), one whose level changed,
    and two damaged files."""
    saves.mkdir(parents=True, exist_ok=True)
    setup = GameSetup.for_player("china", "hardliner", "baseline-2020", 5, "hard")
    session = played_until(setup, lambda s: len(s.history) == 1 and s.phase == "orders")
    good = save_session(session, saves, name="good")
    changed = saves / "changed.json"
    doc = json.loads(good.read_text())
    doc["level"]["content_hash"] = "f" * 64
    changed.write_text(json.dumps(doc))
    (saves / "broken.json").write_text('{"schema": 1, "game": ')
    (saves / "empty.json").write_text("")
    return {"session": session, "good": good, "changed": changed}


def row_button(scene: LoadScreen, name: str):
    return next(b for b, row in scene.buttons.items() if row.file == name)


def test_the_load_screen_lists_saves_and_greys_the_damaged(make_driver, saves):
    made = make_saves(saves)
    driver = make_driver()
    driver.click(driver.scene.load)
    scene = driver.scene
    assert isinstance(scene, LoadScreen)
    rows = {row.file: row for row in scene.rows}
    assert set(rows) == {"good.json", "changed.json", "broken.json", "empty.json"}
    good = rows["good.json"]
    assert (good.level, good.year, good.phase, good.outcome) == ("Bargaining Chips, 2020", "2021", "Orders", "—")
    assert good.played == "China v hardliner (hard)" and good.saved_at  # a hard opponent, said so
    assert played_words({"side": "us", "opponent": "opportunist", "difficulty": "hard"}, False) == \
        "U.S. v opportunist (hard)"
    assert rows["empty.json"].damaged and rows["empty.json"].problem == "the file is empty"
    assert rows["broken.json"].damaged and "truncated" in rows["broken.json"].problem
    assert not rows["changed.json"].damaged  # its header reads; the level check comes when loading
    texts = [e.text for e in scene.root.elements if hasattr(e, "text") and isinstance(e.text, str)]
    assert "Damaged: the file is empty" in texts
    assert_fits(driver)
    driver.screenshot("load_screen")
    before = (saves / "empty.json").read_bytes()
    driver.click(row_button(scene, "empty.json"))
    assert isinstance(driver.scene, Notice) and driver.scene.parent is scene
    assert "the file is empty" in driver.scene.message.html_text
    driver.key(pygame.K_RETURN)
    assert driver.scene is scene and (saves / "empty.json").read_bytes() == before
    driver.click(row_button(scene, "changed.json"))  # fine on the list, refused when loaded
    assert isinstance(driver.scene, Notice)
    assert "has changed since this game was saved" in driver.scene.message.html_text
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is scene
    driver.click(row_button(scene, "good.json"))
    screen = driver.scene
    assert isinstance(screen, MapScreen)
    session = screen.session
    assert session.player == "china" and session.setup.who("us") == "hardliner"
    assert session.setup.difficulty == "hard" and session.setup.seed == 5
    assert session.game.state_hash() == made["session"].game.state_hash()
    assert screen.status.text.startswith("Loaded good.json: 2021")
    finish_the_year(driver, screen)  # the opponent plays on
    assert session.state.year == 2022


def test_loading_by_keyboard_and_going_back(make_driver, saves):
    make_saves(saves)
    driver = make_driver()
    driver.key(pygame.K_DOWN)  # Load
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    assert isinstance(scene, LoadScreen)
    assert scene.focus.focused is next(iter(scene.buttons))
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, MainMenu)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    scene = driver.scene
    order = [row.file for row in scene.rows]
    for _ in range(order.index("good.json")):
        driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, MapScreen) and driver.scene.session.player == "china"


def test_an_empty_save_folder_says_how_to_save(make_driver, saves):
    driver = make_driver(scene=LoadScreen)
    assert driver.scene.rows == []
    texts = [getattr(e, "text", "") for e in driver.scene.root.elements]
    assert any("Ctrl+S" in t for t in texts if isinstance(t, str))
    driver.click(driver.scene.back)
    assert isinstance(driver.scene, MainMenu)


def test_many_saves_turn_pages(make_driver, saves):
    saves.mkdir(parents=True)
    game = Session.start(SETUP).game
    for i in range(30):
        save_game(game, saves / f"save-{i:02d}.json")
    driver = make_driver(scene=LoadScreen)
    scene = driver.scene
    assert scene.pages > 1 and len(scene.buttons) == scene.per_page
    first = next(iter(scene.buttons.values())).file
    driver.key(pygame.K_PAGEDOWN)
    assert scene.page == 1 and next(iter(scene.buttons.values())).file != first
    driver.click(scene.newer)
    assert scene.page == 0
    for _ in range(scene.per_page):  # Down past the last row of the page goes on to the next page
        driver.key(pygame.K_DOWN)
    assert scene.page == 1 and scene.focus.focused is next(iter(scene.buttons))


# ---- the debrief: report, rewind, the deal -------------------------------------------------------


def open_debrief(driver) -> Debrief:
    driver.click(driver.scene.panels["over"].debrief)
    assert isinstance(driver.scene, Debrief)
    return driver.scene


def test_write_report_from_the_debrief(make_driver, saves):
    session = finished()
    driver = make_driver(scene=on_map(session))
    debrief = open_debrief(driver)
    driver.click(debrief.write)
    reports = saves.parent / "reports"
    written = list(reports.glob("*/index.html"))
    assert len(written) == 1
    folder = written[0].parent
    assert {p.name for p in folder.iterdir()} == {"index.html", "rounds.csv", "game.json"}
    assert str(written[0]) in debrief.status.text and not debrief.note[1]
    record = json.loads((folder / "game.json").read_text())
    assert record["meta"]["side"] == "us" and record["meta"]["opponent"] == "pragmatist"
    driver.click(debrief.write)  # a second report goes into its own folder
    assert len(list(reports.glob("*/index.html"))) == 2


def test_rewind_starts_a_new_branch_and_keeps_the_original(make_driver, saves):
    session = finished()
    saves.mkdir(parents=True)
    original = save_game(session.game, saves / "original.json", meta=session.meta())
    before = original.read_bytes()
    log = list(session.game.log)
    driver = make_driver(scene=on_map(session))
    debrief = open_debrief(driver)
    driver.click(debrief.rewind)
    dialog = driver.scene
    assert isinstance(dialog, RewindDialog) and dialog.year == 2027  # the year the treaty was signed
    assert_fits(driver)
    driver.click(dialog.choice.prev)
    driver.click(dialog.choice.prev)
    assert dialog.year == 2025
    driver.click(dialog.go)
    screen = driver.scene
    assert isinstance(screen, MapScreen) and screen.session is not session
    branch = screen.session
    assert (branch.state.year, branch.state.phase) == (2025, "orders") and not branch.state.history[-1].year > 2024
    assert branch.setup == session.setup and branch.player == "us"
    assert list(session.game.log) == log  # the game as played is untouched ...
    assert original.read_bytes() == before  # ... and so is its save
    kept = [p for p in saves.glob("*.json") if p.name != "original.json"]
    assert len(kept) == 1 and open_save(kept[0]).game.state.is_over  # and saved before rewinding
    assert "Rewound to the start of 2025" in screen.status.text
    finish_the_year(driver, screen)  # the branch plays on; its autosave does not touch the others
    assert branch.state.year == 2026 and original.read_bytes() == before
    assert open_save(kept[0]).game.state.is_over


def test_rewind_can_be_cancelled(make_driver, saves):
    session = finished()
    driver = make_driver(scene=on_map(session))
    debrief = open_debrief(driver)
    driver.click(debrief.rewind)
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is debrief and session.state.is_over
    assert not saves.exists() or not list(saves.glob("*.json"))


def test_how_good_was_the_deal(make_driver):
    session = finished()
    driver = make_driver(scene=on_map(session))
    debrief = open_debrief(driver)
    assert debrief.view == "charts"
    deal_tab = next(t for t, name in debrief.tabs.items() if name == "deal")
    driver.click(deal_tab)
    assert debrief.view == "deal" and "#deal_chart" in debrief.image.object_ids
    review = debrief.deal_review()
    assert review["year"] == 2027 and review["space"].nash is not None
    assert any(m["verb"] == "accepts the offer" for m in review["offers"])
    driver.key(pygame.K_g)
    assert debrief.view == "charts"
    driver.key(pygame.K_g)
    assert debrief.view == "deal"


def test_the_deal_chart_without_offers_and_for_hotseat(make_driver):
    from game.ui.charts import ChartStyle
    from game.ui.deal_chart import DealChart, concession_curves, verdict
    from game.ui.lettering import Lettering

    assert "No formal offer" in verdict(None, None)[0]
    level = Session.start(SETUP).level
    assert [c.side for c in concession_curves(level, SETUP)] == ["china"]
    app = make_driver().app
    chart = DealChart(ChartStyle.from_theme(app.resources.theme, app.palette), Lettering(app.manager), level, None, [],
                      note="Both sides were played by people.")
    assert chart.picture((900, 500)).get_size() == (900, 500)  # no offers, no curves: notes instead
    watch = GameSetup.for_watching("hardliner", "pragmatist", "baseline-2020", 1)
    assert [c.side for c in concession_curves(Session.start(watch).level, watch)] == ["us", "china"]
    hot = GameSetup.for_hotseat("tutorial", 1)
    assert concession_curves(Session.start(hot).level, hot) == []


# ---- the facilitator's class settings --------------------------------------------------------------


def step_to(driver, choice, value) -> None:
    """Click › until `choice` (or `choice()`, when a step rebuilds the screen) shows `value`."""
    get = choice if callable(choice) else (lambda: choice)
    for _ in range(len(get().options)):
        if get().chosen == value:
            return
        driver.click(get().next)
    assert get().chosen == value


def test_class_settings_from_the_new_game_screen(make_driver, saves):
    driver = make_driver(scene=lambda app: NewGame(app))
    scene = driver.scene
    time_limit, events, inject, year, hide = scene.class_form.choices
    step_to(driver, time_limit, 120)
    step_to(driver, events, False)
    step_to(driver, inject, "strait-crisis")
    step_to(driver, year, 2022)
    step_to(driver, hide, True)
    assert "Class settings:" in scene.summary.html_text and "2022" in scene.summary.html_text
    driver.screenshot("new_game_class_settings")
    driver.click(scene.start)
    briefing = driver.scene
    assert isinstance(briefing, ClassBriefing)
    objectives = next(e for e in briefing.root.elements if "#objectives_text" in e.object_ids).html_text
    assert "Pragmatist" not in objectives and "pragmatist" not in objectives
    assert "hidden until the debrief" in objectives and "2:00 for each side's orders" in objectives
    driver.screenshot("class_briefing")
    driver.click(briefing.begin)
    screen = driver.scene
    assert isinstance(screen, MapScreen)
    setup, level = screen.session.setup, screen.session.level
    assert setup.facilitation == Facilitation(time_limit=120, events=False, inject={"strait-crisis": 2022},
                                              hide_opponent=True)
    assert level.rules.events_per_round == 0 and level.rules.inject["strait-crisis"] == 2022
    driver.frames(2)
    assert screen.hud.year.text == "2020  ·  Orders  ·  2:00 left"
    driver.key(pygame.K_s, mod=pygame.KMOD_CTRL)  # the settings travel with the save
    saved = open_save(next(saves.glob("*.json")))
    assert saved.meta["facilitator"]["time_limit"] == 120 and saved.meta["facilitator"]["hide_opponent"]
    assert saved.game.level.rules.events_per_round == 0
    load = LoadScreen(driver.app)
    assert load.rows[0].played == "U.S. v hidden"


def test_the_level_choice_changes_the_events_one_may_inject(make_driver):
    driver = make_driver(scene=lambda app: NewGame(app))
    scene = driver.scene
    ids = [lv.id for lv in scene.levels]
    inject = scene.class_form.choices[2]
    step_to(driver, inject, "strait-crisis")
    step_to(driver, scene.choices[3], "tutorial")  # the level
    assert inject.chosen is None and "strait-crisis" not in [v for v, _ in inject.options]
    assert len(scene.class_form.choices[3].options) == 3  # 2020-2022
    assert "tutorial" in ids


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def timed_session(setup: GameSetup = SETUP, limit: int = 60):
    fac = Facilitation(time_limit=limit)
    session = Session.start(GameSetup(setup.level, setup.seed, setup.us, setup.china, setup.difficulty, fac))
    clock = FakeClock()
    session.clock.now = clock
    return session, clock


def test_at_zero_the_orders_end_with_those_given(make_driver):
    session, clock = timed_session()
    driver = make_driver(scene=on_map(session))
    scene = driver.scene
    driver.frames(2)
    assert scene.hud.year.text.endswith("1:00 left")
    tab(driver, "allies")
    driver.click(order_button(driver, "Consult", ally="japan"))
    clock.t += 45
    driver.frames(1)
    assert scene.hud.year.text.endswith("0:15 left")
    driver.screenshot("map_countdown")
    clock.t += 16
    driver.frames(2)
    state = session.state
    assert state.phase == "talks"  # the orders ended, with the one given
    assert any("Consult" in n or "Japan" in n for n in state.news) or state.history == ()
    assert "Time is up" in scene.status.text and "1 order given" in scene.status.text
    assert driver.scene is scene


def test_time_runs_out_under_a_dialog_and_on_the_table(make_driver):
    session, clock = timed_session()
    driver = make_driver(scene=on_map(session))
    scene = driver.scene
    driver.frames(1)
    driver.click(scene.panels["orders"].end)
    assert isinstance(driver.scene, Confirm)
    clock.t += 50
    driver.frames(1)
    assert driver.app.notice is not None and "left for United States" in driver.app.notice[0]
    clock.t += 11
    driver.frames(2)
    assert driver.scene is scene and session.state.phase == "talks"  # the dialog is gone, the orders ended
    driver.frames(1)  # the talks turn has its own clock
    assert scene.hud.year.text.endswith("1:00 left")
    state = session.state
    clock.t += 61
    driver.frames(2)
    assert session.state is not state
    said = [e for e in session.state.talks.transcript if e.side == "us"]
    assert said and said[-1].verb in ("has nothing more to say this year", "declines to climb the ladder",
                                      "rejects the offer")


def test_timeout_actions_by_what_must_be_answered():
    from game.classroom import hotseat

    session = played_until(SETUP, lambda s: s.phase == "talks" and s.talks.turn == "us")
    assert isinstance(hotseat.timeout_action(session.state), (EndTalks, RejectTalks, RejectDeal))


# ---- hotseat ---------------------------------------------------------------------------------------


def arrive(driver, side: str) -> None:
    """The hand-over cover for `side`: Enter; then its briefing (the first time) or its report."""
    assert isinstance(driver.scene, HandOver) and driver.scene.side == side, driver.scene
    driver.key(pygame.K_RETURN)
    while isinstance(driver.scene, (SideBriefing, YearReport)):
        driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, MapScreen) and driver.scene.session.player == side


def test_a_hotseat_year_through_the_window(make_driver, saves):
    driver = make_driver()
    driver.click(driver.scene.hotseat)
    setup_screen = driver.scene
    assert isinstance(setup_screen, NewGame) and setup_screen.hotseat
    assert len(setup_screen.choices) == 1  # the level only: both sides are people
    step_to(driver, setup_screen.choices[0], "tutorial")
    driver.click(setup_screen.start)
    driver.frames(1)
    cover = driver.scene
    assert isinstance(cover, HandOver) and cover.side == "us"
    screen = cover.parent
    session = screen.session
    assert isinstance(session, HotseatSession)
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, SideBriefing) and driver.scene.side == "us"
    driver.key(pygame.K_RETURN)
    assert driver.scene is screen and session.player == "us" and screen.view_side == "us"
    tab(driver, "allies")
    driver.click(order_button(driver, "Consult", ally="japan"))
    assert session.state.side("us").pending
    driver.click(screen.panels["orders"].end)
    driver.click(driver.scene.yes)
    driver.frames(1)
    assert isinstance(driver.scene, HandOver) and driver.scene.side == "china"
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, SideBriefing) and driver.scene.side == "china"
    driver.key(pygame.K_RETURN)
    assert session.player == "china" and screen.view_side == "china"
    panel = screen.panels["orders"]
    assert "Consult Japan" not in panel.queue.html_text  # the U.S. orders stay hidden
    assert "0 of" in panel.queue_title.text
    driver.click(panel.end)
    driver.click(driver.scene.yes)
    driver.frames(1)
    assert session.state.phase == "talks"
    reports = []  # the side each year-end report shown was for
    for _ in range(80):  # the talks, each turn on its side's screen; then 2021's orders
        driver.frames(1)
        if isinstance(driver.scene, YearReport):
            reports.append(driver.scene.review.side)
            driver.key(pygame.K_RETURN)
            continue
        if isinstance(driver.scene, HandOver):
            driver.key(pygame.K_RETURN)
            continue
        assert driver.scene is screen, driver.scene
        if session.state.year == 2021 and session.state.phase == "talks":
            break
        assert session.player in session.game.to_move()
        if screen.panel_kind == "orders":
            driver.click(screen.panels["orders"].end)
            driver.click(driver.scene.yes)
        else:
            quiet_talks(driver)
    assert session.state.year == 2021
    assert sorted(reports) == ["china", "us"]  # each delegation saw its own report, once
    saved = open_save(saves / "autosave-2020.json")
    assert saved.meta["side"] == "both"


def test_a_whole_hotseat_game_and_its_save(make_driver, saves):
    session = Session.start(GameSetup.for_hotseat("tutorial", 4))
    driver = make_driver(scene=on_map(session))
    assert isinstance(driver.scene, HandOver)  # at once: nobody has the screen yet
    screen = driver.scene.parent
    for _ in range(300):
        driver.frames(1)
        if session.state.is_over:
            break
        if isinstance(driver.scene, HandOver):
            arrive(driver, driver.scene.side)
            continue
        if isinstance(driver.scene, YearReport):
            driver.key(pygame.K_RETURN)
            continue
        assert driver.scene is screen
        if screen.panel_kind == "orders":
            driver.click(screen.panels["orders"].end)
            driver.click(driver.scene.yes)
        else:
            quiet_talks(driver)
    assert session.state.is_over
    while isinstance(driver.scene, YearReport):
        driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, Debrief)
    from game.ui.scenes.debrief import debrief_html, who_played

    assert who_played(session).startswith("Hotseat") and "(you)" not in debrief_html(session)
    latest = list_saves(saves)[0]
    assert latest.meta["side"] == "both" and latest.outcome == session.state.outcome
    load = LoadScreen(driver.app)
    driver.app.switch(load)
    driver.frames(1)
    assert load.rows[0].played == "Hotseat"
    driver.click(next(iter(load.buttons)))
    assert isinstance(driver.scene, MapScreen) and isinstance(driver.scene.session, HotseatSession)
    assert driver.scene.session.game.state_hash() == session.game.state_hash()


# ---- screenshots of the new screens ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_screenshots_of_the_classroom_screens(make_driver, saves, size):
    make_saves(saves)
    driver = make_driver(size, LoadScreen)
    assert_fits(driver)
    driver.screenshot("load_screen")
    driver.click(row_button(driver.scene, "broken.json"))
    assert_fits(driver)
    driver.screenshot("load_damaged")

    driver = make_driver(size, on_map(finished()))
    debrief = open_debrief(driver)
    driver.key(pygame.K_g)
    assert_fits(driver)
    driver.screenshot("debrief_deal")
    driver.click(debrief.write)
    driver.screenshot("debrief_report_written")
    driver.click(debrief.rewind)
    assert_fits(driver)
    driver.screenshot("rewind_dialog")

    driver = make_driver(size, lambda app: NewGame(app, hotseat=True))
    assert_fits(driver)
    driver.screenshot("new_game_hotseat")
    driver.click(driver.scene.start)
    driver.frames(1)
    assert isinstance(driver.scene, HandOver)
    assert_fits(driver)
    driver.screenshot("hand_over")
    driver.key(pygame.K_RETURN)
    assert_fits(driver)
    driver.screenshot("hotseat_briefing")
    driver.key(pygame.K_RETURN)
    driver.screenshot("hotseat_map")

    driver = make_driver(size, lambda app: NewGame(app))
    assert_fits(driver)
    driver.screenshot("new_game_with_class_settings")


@pytest.mark.parametrize("screen", ["load", "deal", "rewind", "hand_over", "new_game"])
def test_the_classroom_screens_at_150_percent(make_driver, saves, screen):
    """At 1920×1080 the text may be 150%: the new screens grow with it and still fit."""
    make_saves(saves)
    first = {
        "load": LoadScreen,
        "deal": on_map(finished()),
        "rewind": on_map(finished()),
        "hand_over": on_map(Session.start(GameSetup.for_hotseat("tutorial", 2))),
        "new_game": lambda app: NewGame(app),
    }[screen]
    driver = make_driver((1920, 1080), first)
    driver.app.settings.scale = 150
    driver.app.restyle()
    driver.frames(2)
    assert driver.app.look.scale == 150
    if screen in ("deal", "rewind"):
        debrief = open_debrief(driver)
        driver.key(pygame.K_g)
        if screen == "rewind":
            driver.click(debrief.rewind)
            assert isinstance(driver.scene, RewindDialog)
    if screen == "hand_over":
        assert isinstance(driver.scene, HandOver)
    assert_fits(driver)
    driver.screenshot(f"{screen}_150")


def test_the_debrief_reveals_a_hidden_opponent():
    from game.ui.scenes.debrief import who_played

    fac = Facilitation(hide_opponent=True)
    setup = GameSetup.for_player("us", "hardliner", "tutorial", 3, facilitation=fac)
    session = finished(setup)
    assert setup.hide_opponent
    assert "hardliner (normal, hidden until now)" in who_played(session)


def test_the_hotseat_clock_waits_behind_the_cover(make_driver):
    fac = Facilitation(time_limit=30)
    session = Session.start(GameSetup.for_hotseat("tutorial", 6, fac))
    clock = FakeClock()
    session.clock.now = clock
    driver = make_driver(scene=on_map(session))
    clock.t += 100  # nobody is at the screen yet: no clock runs
    arrive(driver, "us")
    screen = driver.scene
    driver.frames(1)
    assert screen.hud.year.text.endswith("0:30 left")
    clock.t += 31
    driver.frames(2)
    assert session.state.side("us").done  # the U.S. orders ended with none given
    assert isinstance(driver.scene, HandOver) and driver.scene.side == "china"
    clock.t += 100  # the cover is up: China's clock has not started
    driver.frames(2)
    assert not session.state.side("china").done
    arrive(driver, "china")
    driver.frames(1)
    assert screen.hud.year.text.endswith("0:30 left")


def test_an_experiment_level_is_offered_after_the_bundled_ones_and_saved_by_its_file(make_driver, saves):
    from game.content.levels import EXPERIMENTS_DIR
    from game.ui.scenes.briefing import Briefing

    driver = make_driver(scene=lambda app: NewGame(app))
    scene = driver.scene
    level_choice = next(c for c in scene.choices if any(v == "tutorial" for v, _ in c.options))
    names = [v for v, _ in level_choice.options]
    experiment = str(EXPERIMENTS_DIR / "warm-beijing.toml")
    assert names.index(experiment) > names.index("tutorial")  # after every bundled level
    assert dict(level_choice.options)[experiment] == "Experiment: Warm Beijing"
    step_to(driver, level_choice, experiment)
    driver.frames(5)  # the hovered button redraws its new text
    driver.screenshot("new_game_experiment")
    driver.click(scene.start)
    assert isinstance(driver.scene, Briefing) and driver.scene.level.id == "warm-beijing"
    driver.click(driver.scene.begin)
    session = driver.scene.session
    assert session.level.id == "warm-beijing" and session.level.sides["china"].talks_base == 40.0
    saved = open_save(save_session(session, saves))
    assert saved.game.level == session.level and saved.state_hash == session.game.state_hash()
    assert [row.level for row in LoadScreen(driver.app).rows] == ["Experiment: Warm Beijing"]
