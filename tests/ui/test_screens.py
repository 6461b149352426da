"""The window, headless: every screen renders at 1280×720 and 1920×1080 (screenshots go to
tests/ui/screenshots/), and real pygame events (clicks at widget rects, key presses) drive
the menu → new game → briefing → map, the orders panel, the talks and whole games.
"""

from __future__ import annotations

import json

import attrs

import pygame
import pygame_gui
import pytest
from pygame_gui.elements import UILabel

from game.ai.registry import make_factory
from game.content.levels import resolve_level
from game.model.actions import Campaign, Coerce, Consult, EndOrders, EndTalks, Induce
from game.model import talks as talks_rules
from game.model.allies import after_lever, backfire_chance, effective_willingness, expected_after, pledge_chance
from game.model.level import PLEDGES
from game.model.state import AllyState, evolve, replace_at
from game.numbers import a_chance, hundredths_down
from game.ui import app as window
from game.ui import assets
from game.ui.orders_tabs import lever_outlook
from game.ui.scenes.briefing import Briefing, objectives_html
from game.ui.scenes.confirm import Confirm
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.new_game import NewGame
from game.ui.scenes.settings import SettingsScreen
from game.ui.session import GameSetup, Session

from ui_helpers import SIZES, order_button, tab

SETUP = GameSetup.for_player("us", "hardliner", "baseline-2020", 7)


def map_screen(setup: GameSetup = SETUP):
    return lambda app: MapScreen(app, Session.start(setup))


def finished_session() -> Session:
    """A game played to its end, the player's side by a scripted pragmatist."""
    session = Session.start(SETUP)
    me = make_factory("pragmatist")(1)
    session.run_scripted()
    while not session.state.is_over:
        session.play(me.act(session.level, session.state, session.player))
        session.run_scripted()
    return session


def assert_fits(driver) -> None:
    """Every widget at the top of the scene lies inside the window."""
    screen = pygame.Rect((0, 0), driver.app.size)
    scenes = []
    scene = driver.scene
    while scene is not None:
        scenes.append(scene)
        scene = scene.parent
    for s in scenes:
        for element in s.root.elements:
            assert screen.contains(element.rect), (type(s).__name__, element, element.rect)


# ---- every screen renders at both sizes --------------------------------------------------------


SCREENS = {
    "menu": lambda app: MainMenu(app),
    "new_game": lambda app: NewGame(app),
    "watch_setup": lambda app: NewGame(app, watch=True),
    "briefing": lambda app: Briefing(app, SETUP),
    "settings": lambda app: SettingsScreen(app),
    "map": map_screen(),
    "map_china": map_screen(GameSetup.for_player("china", "pragmatist", "baseline-2020", 3)),
    "watch": lambda app: MapScreen(app, Session.start(GameSetup.for_watching("hardliner", "pragmatist",
                                                                             "baseline-2020", 5))),
    "outcome": lambda app: MapScreen(app, finished_session()),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_each_screen_renders(make_driver, name, size):
    driver = make_driver(size, SCREENS[name])
    driver.frames(3)
    assert driver.app.size == size
    assert_fits(driver)
    path = driver.screenshot(name)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_map_tabs_talks_and_dialogs_render(make_driver, size):
    driver = make_driver(size, map_screen())
    for name in ("forces", "allies", "news"):
        tab(driver, name)
        assert driver.scene.panels["orders"].tab == name
        driver.screenshot(f"map_{name}")
    driver.click(driver.scene.panels["orders"].end)
    assert isinstance(driver.scene, Confirm)
    assert_fits(driver)
    driver.screenshot("confirm_end_orders")
    driver.click(driver.scene.yes)
    assert isinstance(driver.scene, MapScreen) and driver.scene.panel_kind == "talks"
    driver.screenshot("map_talks")


# ---- from the menu to the map --------------------------------------------------------------------


def test_menu_to_map_by_mouse(make_driver):
    driver = make_driver()
    assert isinstance(driver.scene, MainMenu)
    driver.click(driver.scene.new_game)
    assert isinstance(driver.scene, NewGame)
    driver.click(driver.scene.start)
    assert isinstance(driver.scene, Briefing)
    driver.click(driver.scene.begin)
    assert isinstance(driver.scene, MapScreen)
    assert driver.scene.session.player == "us"
    assert driver.scene.session.state.phase == "orders"


def test_menu_to_map_by_keyboard(make_driver):
    driver = make_driver()
    driver.key(pygame.K_DOWN)
    assert driver.scene.focus.focused is driver.scene.load
    driver.key(pygame.K_UP)
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, NewGame)
    driver.key(pygame.K_TAB, mod=pygame.KMOD_SHIFT)  # from the first row back round to Continue
    assert driver.scene.focus.focused is driver.scene.start
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, Briefing)
    driver.key(pygame.K_RETURN)  # Begin has the focus
    assert isinstance(driver.scene, MapScreen)


def test_new_game_choices_by_keyboard_and_mouse(make_driver):
    driver = make_driver(scene=lambda app: NewGame(app))
    scene = driver.scene
    side = scene.choices[0]
    driver.key(pygame.K_RIGHT)
    assert side.chosen == "china"
    driver.key(pygame.K_DOWN)
    opponent = scene.choices[1]
    before = opponent.chosen
    driver.click(opponent.next)
    assert opponent.chosen != before
    driver.key(pygame.K_RETURN)  # Enter on a choice steps it too
    scene.seed_entry.set_text("4242")
    driver.click(scene.start)
    assert isinstance(driver.scene, Briefing)
    assert driver.scene.setup.seed == 4242
    assert driver.scene.setup.player == "china"
    assert driver.scene.setup.us == opponent.chosen
    driver.key(pygame.K_ESCAPE)  # back to the same choices
    assert driver.scene is scene and scene.choices[0].chosen == "china"
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, MainMenu)


def test_the_briefing_says_what_the_opponents_difficulty_changes():
    level = resolve_level("baseline-2020")
    text = objectives_html(level, GameSetup.for_player("us", "hardliner", "baseline-2020", 1, "hard"), 12)
    assert "played by a hardliner: Concedes late" in text
    assert "<i>Hard difficulty:</i> Weighs twice as many offers" in text


def test_new_game_says_what_the_difficulty_changes(make_driver):
    driver = make_driver(scene=lambda app: NewGame(app))
    scene = driver.scene
    difficulty = scene.choices[2]
    assert "Difficulty: Normal." in scene.summary.html_text
    driver.click(difficulty.next)
    assert difficulty.chosen == "hard"
    assert "Difficulty: Hard." in scene.summary.html_text
    assert "picks the lever that works best on each ally" in scene.summary.html_text
    driver.click(scene.start)
    assert driver.scene.setup.difficulty == "hard"


def test_typing_a_seed(make_driver):
    driver = make_driver(scene=lambda app: NewGame(app))
    scene = driver.scene
    driver.click(scene.seed_entry)
    assert scene.seed_entry.is_focused
    for _ in range(8):
        driver.key(pygame.K_BACKSPACE, frames=1)
    for text in ("12", "x", "3"):  # only digits are let in
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
        driver.frames(2)  # the entry posts "changed"; the scene reads it on the next frame
    assert scene.seed_entry.get_text() == "123" and scene.seed == 123
    driver.key(pygame.K_DOWN)  # the ring follows the caret: Down goes on to Random
    assert scene.focus.focused is scene.reroll and not scene.seed_entry.is_focused
    driver.click(scene.start)
    assert driver.scene.setup.seed == 123


def test_escape_quits_only_after_confirming(make_driver):
    driver = make_driver()
    menu = driver.scene
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, Confirm) and driver.scene.parent is menu
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is menu
    driver.key(pygame.K_ESCAPE)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
    running = [driver.app.frame(1 / 60) for _ in range(3)]  # Enter presses "Quit", the press quits
    assert running[-1] is False


def test_escape_on_the_map_asks_before_leaving(make_driver):
    driver = make_driver(scene=map_screen())
    game_scene = driver.scene
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, Confirm)
    driver.key(pygame.K_RETURN)  # the default answer is "Stay"
    assert driver.scene is game_scene
    driver.key(pygame.K_ESCAPE)
    driver.click(driver.scene.yes)
    assert isinstance(driver.scene, MainMenu)


def test_settings_change_and_persist(make_driver):
    driver = make_driver()
    driver.click(driver.scene.settings)
    assert isinstance(driver.scene, SettingsScreen)
    driver.click(driver.scene.labels.next)
    assert driver.app.settings.labels == "all"
    driver.click(driver.scene.window.next)  # 1600 × 900, applied on the next frame
    assert driver.app.size == (1600, 900) and driver.scene.size == (1600, 900)
    assert driver.scene.focus.focused is driver.scene.window
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, MainMenu)


# ---- the map screen ------------------------------------------------------------------------------------


def test_a_queued_order_shows_in_the_list_and_undo_takes_it_back(make_driver):
    driver = make_driver(scene=map_screen())
    panel = driver.scene.panels["orders"]
    tab(driver, "allies")
    driver.click(order_button(driver, "Consult", ally="japan"))
    assert "Consult Japan" in panel.queue.html_text
    assert "1 of 6" in panel.queue_title.text
    assert driver.scene.session.state.side("us").pending
    driver.click(panel.undo)
    assert "Consult Japan" not in panel.queue.html_text
    assert not driver.scene.session.state.side("us").pending


def test_the_allies_tab_shows_the_willingness_the_pledge_news_will_name(make_driver):
    """Effective willingness (threat, pressure and opposition counted), as the terminal and the
    year's news give it, not the base figure alone."""
    driver = make_driver(scene=map_screen())
    tab(driver, "allies")
    state, level = driver.scene.session.state, driver.scene.session.level
    japan = state.allies[level.ally_index("japan")]
    assert japan.willingness != effective_willingness(japan)
    texts = [e.text for e in driver.scene.manager.get_sprite_group().sprites()
             if isinstance(e, UILabel) and e.text.startswith("Japan:")]
    assert texts and f"willing {hundredths_down(effective_willingness(japan))}" in texts[0], texts
    assert f"threat {japan.threat_perception:.2f}" in texts[0]
    # Each lever's tooltip says what one use would do to this ally now.
    consult = order_button(driver, "Consult", ally="japan")
    after = effective_willingness(after_lever(japan, Consult))
    assert consult.tool_tip_text.endswith(f"Now: it would go from willing "
                                          f"{hundredths_down(effective_willingness(japan))} to {hundredths_down(after)}.")
    seek = order_button(driver, "SeekPledge", ally="japan")
    chance = pledge_chance(effective_willingness(japan), japan.pledge)
    assert f"Now: {a_chance(chance)} to reach 'considering'" in seek.tool_tip_text


def test_the_coerce_tooltip_gives_both_ways_it_can_go_and_how_the_pressure_fades(make_driver):
    session = Session.start(GameSetup.for_player("china", "pragmatist", "baseline-2020", 21))
    session.run_scripted()
    driver = make_driver(scene=lambda app: MapScreen(app, session))
    tab(driver, "allies")
    japan = session.state.allies[session.level.ally_index("japan")]
    button = order_button(driver, "Coerce", ally="japan")
    tip = button.tool_tip_text
    cooled, rallied = (hundredths_down(effective_willingness(after_lever(japan, Coerce, b))) for b in (False, True))
    assert float(cooled) < effective_willingness(japan) < float(rallied)
    # A year on, the pressure has halved: less of the cooling is left.
    year_on = hundredths_down(effective_willingness(evolve(after_lever(japan, Coerce), pressure=(japan.pressure + 1) / 2)))
    assert float(cooled) < float(year_on) < effective_willingness(japan)
    assert tip.endswith(f"to {cooled} ({year_on} a year on, as the pressure fades), or to {rallied} if it backfires "
                        f"({a_chance(backfire_chance(japan))}).")
    pygame.mouse.set_pos(button.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=button.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(20):
        driver.frames(1, dt=0.1)
    assert button.tool_tip is not None
    driver.screenshot("allies_coerce_tip")


def test_a_lever_on_a_pledged_ally_says_the_willingness_that_keeps_its_pledge():
    japan = AllyState(pledge=3, willingness=0.45, threat_perception=0.7, economic_exposure=0.5,
                      domestic_opposition=0.6)
    assert lever_outlook(japan, Consult).endswith(". It keeps 'hosting' while willing at least 0.40.")
    levers = (Coerce, Induce, Campaign)
    for kind in levers:  # and China's levers say what all three together would do this year
        assert lever_outlook(japan, kind).endswith(
            f". It keeps 'hosting' while willing at least 0.40. All three of China's levers this year are expected "
            f"to leave it at {hundredths_down(expected_after(japan, levers))}, or "
            f"{hundredths_down(expected_after(japan, levers, consulted=True))} if the United States consults it.")
    assert "It keeps" not in lever_outlook(evolve(japan, pledge=1), Consult)
    assert "All three" not in lever_outlook(evolve(japan, pledge=1), Coerce)


def test_research_pace_buttons_queue_and_show_the_pace(make_driver):
    driver = make_driver(scene=map_screen())
    slow = order_button(driver, "SetResearch", cls="lrhw", pace="slow")
    driver.click(slow)
    panel = driver.scene.panels["orders"]
    assert "Long-Range Hypersonic Weapon" in panel.queue.html_text
    assert order_button(driver, "SetResearch", cls="lrhw", pace="slow").is_selected


def test_an_illegal_order_shows_the_rules_sentence(make_driver):
    driver = make_driver(scene=map_screen())
    tab(driver, "forces")
    panel = driver.scene.panels["orders"]
    deploy = next(b for b in panel.actions if b.text == "Deploy")
    driver.click(deploy)  # nothing of the first class is in the reserve
    text, problem = driver.scene.message
    assert problem and "reserve" in text
    assert driver.scene.status.text == text
    assert not driver.scene.session.state.side("us").pending


def test_deploying_from_the_map_selection(make_driver):
    driver = make_driver(scene=map_screen())
    scene = driver.scene
    level = scene.session.level
    tab(driver, "forces")
    driver.click(order_button(driver, "Produce", cls="sea", lots=1))  # 8 sea-launched Tomahawks
    panel = scene.panels["orders"]
    cls_choice, site_choice = panel.deploy_choices
    while cls_choice.chosen != "sea":
        driver.click(cls_choice.next)
    fleet = level.site_index("fleet")
    x, y = scene.map.site_px[fleet]
    driver.click((int(x + scene.map.rect.x), int(y + scene.map.rect.y)))
    assert scene.selected == fleet and site_choice.chosen == "fleet"
    assert scene.ring() == level.class_index("sea")
    driver.screenshot("map_selected_site")
    # the reserve is empty until the year's orders are carried out: the rules say so
    driver.click(next(b for b in panel.actions if b.text == "Deploy"))
    assert scene.message[1] and "reserve" in scene.message[0]


def test_missiles_deployed_to_an_ally_too_unwilling_to_keep_them_are_flagged_in_the_queue(make_driver):
    session = Session.start(SETUP)
    level, state = session.level, session.state
    glcm, japan = level.class_index("glcm"), level.ally_index("japan")
    cool = attrs.evolve(state.allies[japan], pledge=PLEDGES.index("pledged"), willingness=0.2)
    session.game.state = attrs.evolve(
        state, allies=replace_at(state.allies, japan, cool), reserve=replace_at(state.reserve, glcm, 16),
        progress=replace_at(state.progress, glcm, float(level.classes[glcm].dev_years)))
    driver = make_driver(scene=lambda app: MapScreen(app, session))
    panel = driver.scene.panels["orders"]
    tab(driver, "forces")
    cls_choice, site_choice = panel.deploy_choices
    while cls_choice.chosen != "glcm":
        driver.click(cls_choice.next)
    for site in ("kadena", "guam"):
        while site_choice.chosen != site:
            driver.click(site_choice.next)
        driver.click(next(b for b in panel.actions if b.text == "Deploy"))
    queued = panel.queue.html_text
    assert "Kadena AB" in queued and "Andersen AFB" in queued
    assert queued.count("below the 0.40 a host needs") == 1  # Kadena's, not Guam's (U.S. territory)
    assert f"Japan is willing {effective_willingness(cool):.2f}" in queued
    driver.screenshot("queue_hosting_warning")


def test_co_development_offers_first_a_program_this_years_research_leaves_unfinished(make_driver):
    session = Session.start(SETUP)
    level, state = session.level, session.state
    glcm, japan = level.class_index("glcm"), level.ally_index("japan")
    considering = attrs.evolve(state.allies[japan], pledge=PLEDGES.index("considering"))
    # One year of the Tomahawk's two done, at full pace: this year's research fields it.
    session.game.state = attrs.evolve(state, allies=replace_at(state.allies, japan, considering),
                                      progress=replace_at(state.progress, glcm, 1.0))
    driver = make_driver(scene=lambda app: MapScreen(app, session))
    panel = driver.scene.panels["orders"]
    tab(driver, "allies")
    [codev] = [c for c in panel.choices if c.label.text == "Co-develop"]
    assert codev.chosen != "glcm"
    name = level.classes[level.class_index(codev.chosen)].name
    assert name.startswith(codev.value.text.rstrip("…")) and "fielded" not in codev.value.text  # fitted to its box
    while codev.chosen != "glcm":
        driver.click(codev.next)
    assert codev.value.text.startswith("Ground-launched T") and codev.value.text.endswith("(fielded this year)")
    japan_codev = [b for b, action in panel.actions.items() if b.text == "Co-develop"][japan]
    driver.click(japan_codev)
    assert "Co-develop the Ground-launched Tomahawk with Japan" in panel.queue.html_text
    assert "it brings it no nearer" in panel.queue.html_text  # and chosen anyway, the queue says so


def test_hovering_a_gauge_shows_its_terms(make_driver):
    driver = make_driver(scene=map_screen())
    gauge = driver.scene.hud.gauges["leverage"]
    pygame.mouse.set_pos(gauge.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=gauge.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(20):
        driver.frames(1, dt=0.1)
    assert gauge.tool_tip is not None
    index = driver.scene.session.game.assessment().us["leverage"]
    assert index.terms[0].name in gauge.tool_tip_text
    driver.screenshot("gauge_tooltip")


def test_resizing_rebuilds_the_layout(make_driver):
    driver = make_driver(scene=map_screen())
    old = driver.scene.map.rect.copy()
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    driver.frames(2)
    assert driver.scene.size == (1600, 900)
    assert driver.scene.map.rect != old
    assert driver.scene.hud.rect.width == 1600


def test_the_opponent_answers_in_the_talks(make_driver):
    driver = make_driver(scene=map_screen())
    scene = driver.scene
    driver.click(scene.panels["orders"].end)
    driver.key(pygame.K_RETURN)  # End orders has the focus
    assert scene.session.state.phase == "talks"
    assert scene.session.player_to_move()
    talks = scene.panels["talks"]
    quiet = next(b for b, a in talks.actions.items() if isinstance(a, EndTalks))
    driver.click(quiet)
    state = scene.session.state
    assert state.phase == "orders" or scene.session.player_to_move()


def test_a_rung_the_player_cannot_agree_to_says_why_and_only_declining_is_offered(make_driver):
    # Baseline, seed 0: the U.S. proposes formal talks to a China whose willingness falls short.
    session = Session.start(GameSetup.for_player("china", "pragmatist", "baseline-2020", 0))
    me = make_factory("hardliner")(1)
    session.run_scripted()
    while not (session.state.phase == "talks" and session.state.talks.awaiting == "talks"
               and session.state.talks.turn == "china"
               and talks_rules.shortfall(session.level, session.state.talks, "china",
                                        talks_rules.LADDER[session.state.talks.stage])):
        session.play(me.act(session.level, session.state, "china"))
        session.run_scripted()
    driver = make_driver(scene=lambda app: MapScreen(app, session))
    will, need = talks_rules.shortfall(session.level, session.state.talks, "china", "formal")
    talks = driver.scene.panels["talks"]
    texts = [e.text for e in talks.panel.get_container().elements if isinstance(e, UILabel)]
    assert "The United States proposes formal talks." in texts
    assert f"Your willingness, {will}, is short of the {need} formal talks need: decline." in texts
    agree, decline = (next(b for b, a in talks.actions.items() if type(a).__name__ == kind)
                      for kind in ("AcceptTalks", "RejectTalks"))
    assert not agree.is_enabled and decline.is_enabled
    driver.click(agree)
    assert session.state.talks.stage == "exploratory" and session.state.talks.awaiting == "talks"  # nothing happened
    driver.click(decline)
    assert session.state.talks.awaiting != "talks" or session.state.talks.turn != "china"


def test_a_whole_game_through_the_window(make_driver):
    from game.ui.scenes.year_report import YearReport

    driver = make_driver(scene=map_screen(GameSetup.for_player("us", "pragmatist", "tutorial", 11)))
    scene = driver.scene
    for _ in range(200):
        if isinstance(driver.scene, YearReport):  # Enter goes on (after the last, to the debrief)
            driver.key(pygame.K_RETURN)
            continue
        if scene.session.state.is_over:
            break
        if scene.panel_kind == "orders":
            driver.click(scene.panels["orders"].end)
            driver.click(driver.scene.yes)
        else:
            talks = scene.panels["talks"]
            button = next(b for b, a in talks.actions.items() if type(a).__name__ in ("EndTalks", "RejectTalks",
                                                                                       "RejectDeal"))
            driver.click(button)
    assert scene.session.state.is_over
    assert scene.message[0].startswith("Game over")
    driver.key(pygame.K_ESCAPE)  # from the debrief back to the map
    assert driver.scene is scene
    assert scene.panel_kind == "over"  # built for the game's end once the map shows again
    driver.click(scene.panels["over"].menu)
    assert isinstance(driver.scene, MainMenu)


def test_watching_two_opponents(make_driver):
    driver = make_driver()
    driver.click(driver.scene.watch)
    assert isinstance(driver.scene, NewGame) and driver.scene.watch
    driver.click(driver.scene.start)
    scene = driver.scene
    assert isinstance(scene, MapScreen) and scene.watching
    log = scene.panels["watch"].log
    driver.frames(5, dt=1.0)
    assert len(log) >= 3
    driver.key(pygame.K_SPACE)  # pause
    n = len(log)
    driver.frames(3, dt=1.0)
    assert len(log) == n
    driver.key(pygame.K_n)
    assert len(log) == n + 1


# ---- starting the window -------------------------------------------------------------------------------


def test_run_opens_at_the_menu_and_returns(resources):
    assert window.run(max_frames=2) == 0


def test_play_opens_the_briefing(monkeypatch):
    seen = []
    monkeypatch.setattr(window.App, "loop", lambda self, max_frames=None: seen.append(self.scene) or 0)
    assert window.play("china", "hardliner", "hard", "tutorial", seed=5) == 0
    assert isinstance(seen[0], Briefing)
    assert seen[0].setup.player == "china" and seen[0].setup.seed == 5


@pytest.mark.parametrize("args, words", [
    (("us", "nobody", "normal", "tutorial"), "unknown opponent 'nobody'"),
    (("us", "hardliner", "impossible", "tutorial"), "unknown difficulty 'impossible'"),
    (("us", "hardliner", "normal", "atlantis"), "unknown level 'atlantis'"),
    (("mars", "hardliner", "normal", "tutorial"), "unknown side 'mars'"),
])
def test_play_refuses_bad_arguments_in_one_line(capsys, args, words):
    assert window.play(*args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and words in err[0]


def test_without_a_display_run_points_to_text_mode(monkeypatch, capsys):
    monkeypatch.setattr(window, "open_window", lambda size=window.DEFAULT_SIZE: None)
    assert window.run() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "python -m game text" in err[0]


@pytest.mark.parametrize("driver_name", ["offscreen", "dummy"])
def test_a_headless_driver_the_user_did_not_choose_is_no_display(monkeypatch, driver_name):
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(pygame.display, "get_driver", lambda: driver_name)
    assert window.open_window() is None
    pygame.display.init()


def test_a_headless_driver_the_user_chose_is_used(monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert window.open_window((800, 600)) is not None


@pytest.mark.parametrize("target, content, words", [
    ("THEME_PATH", None, "file not found"),
    ("THEME_PATH", "{ not json", "invalid JSON"),
    ("THEME_PATH", json.dumps({"#map": {"colours": {"sea": "#000000"}}}), "'#map.colours' has no"),
    ("THEME_PATH", json.dumps({"button": {"colours": {"normal_bg": "not a colour"}}}), "normal_bg"),
    ("OVERLAY_PATH", "[]", "top level must be a JSON object"),
    ("OVERLAY_PATH", json.dumps({"view": {}, "chains": [], "sides": {}, "allies": {}}), "'view'"),
])
def test_a_missing_or_damaged_asset_is_named(monkeypatch, tmp_path, capsys, target, content, words):
    path = tmp_path / "broken.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(assets, target, path)
    assert window.run() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and words in err[0], err


def test_a_damaged_map_is_named(monkeypatch, tmp_path, capsys):
    from game.ui import map_data

    path = tmp_path / "western_pacific.json"
    path.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(map_data, "DEFAULT_MAP_PATH", path)
    assert window.run() == 2
    err = capsys.readouterr().err
    assert str(path) in err and "missing key" in err


def test_scene_buttons_post_pygame_gui_events(make_driver):
    """Keyboard activation posts the same event a click does."""
    driver = make_driver()
    events = []
    original = driver.scene.handle

    def spy(event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            events.append(event.ui_element)
        return original(event)

    driver.scene.handle = spy
    for _ in range(4):  # New game, Load, Hotseat, Watch, Settings
        driver.key(pygame.K_DOWN)
    driver.key(pygame.K_RETURN)
    assert events and events[-1].text == "Settings"
    assert isinstance(driver.scene, SettingsScreen)


def test_end_orders_is_an_action_the_rules_accept():
    session = Session.start(SETUP)
    session.run_scripted()
    session.play(EndOrders())
    session.run_scripted()
    assert session.state.phase == "talks" and session.player_to_move()
