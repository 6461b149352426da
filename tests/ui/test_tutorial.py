"""The tutorial, headless: from the main menu's Tutorial entry, a whole guided first game played
by real events (clicks at the centre of the widget the guide outlines, or the keys its card
names) until the guide says every kind of action was done; screenshots of each step go to
tests/ui/screenshots/. A game started any other way has no guide; G hides and shows it.
"""

from __future__ import annotations

import pygame
import pytest
from attrs import evolve

from game.model.actions import Consult, SeekPledge, Signal
from game.ui.scenes.briefing import Briefing
from game.ui.scenes.confirm import Confirm
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.negotiation import NegotiationTable
from game.ui.scenes.year_report import YearReport
from game.ui.session import GameSetup, Session
from game.ui.tutorial import SETUP, guided_map
from game.ui.tutorial_steps import STEPS, order_button

ORDER = [s.key for s in STEPS]


def the_map(driver) -> MapScreen:
    scene = driver.scene
    return scene if isinstance(scene, MapScreen) else scene.map_screen


def click_target(driver) -> None:
    guide = the_map(driver).guide
    driver.click(guide.target_rect().center)


def click_order(driver, order) -> None:
    """A further order the card suggests (on the tab the guide has opened)."""
    driver.click(order_button(the_map(driver).panels["orders"], order))


def end_the_orders(driver) -> None:
    """As the card between steps says: a pledge and a call for talks again (where the rules allow),
    then End orders."""
    driver.key(pygame.K_3)
    ally = the_map(driver).session.level.allies[0].id
    for order in (SeekPledge(ally), Signal("talks"), Signal("reassure")):
        click_order(driver, order)
    driver.key(pygame.K_e)


def play_the_tutorial(driver, shots: str | None = "tutorial") -> list[str]:
    """Follow the guide until it says every kind of action was done; the steps, as they appeared.
    Screenshots of each step are named after `shots` (None: none taken)."""
    appeared: list[str] = []
    at_table: set = set()
    for _ in range(300):
        scene = driver.scene
        guide = the_map(driver).guide if isinstance(scene, (MapScreen, NegotiationTable)) else None
        if guide is not None and guide.finished:
            return appeared
        if isinstance(scene, YearReport):
            driver.key(pygame.K_RETURN)
            continue
        if isinstance(scene, Confirm):  # End orders asks first
            driver.click(scene.yes)
            continue
        assert guide is not None, scene
        assert not the_map(driver).session.state.is_over, (guide.done, guide.words)
        step = guide.step
        if step is not None and (not appeared or appeared[-1] != step.key):
            assert step.key not in appeared, (step.key, appeared)
            appeared.append(step.key)
            assert guide.target_visible(), (step.key, guide.target_rect())
            if shots:
                driver.screenshot(f"{shots}_{len(appeared):02d}_{step.key}")
        if step is not None and isinstance(scene, NegotiationTable) and (step.key, "table") not in at_table:
            at_table.add((step.key, "table"))
            assert guide.target_visible(), (step.key, guide.target_rect())
            if shots:
                driver.screenshot(f"{shots}_{len(appeared):02d}_{step.key}_table")
        key = step.key if step is not None else None
        orders = the_map(driver).panel_kind == "orders"
        if key == "produce" and the_map(driver).panels["orders"].tab == "forces":
            plus = guide.target_rect().center
            for _ in range(3):  # the card: press it three times
                driver.click(plus)
        elif key == "end_orders":
            driver.key(pygame.K_e)  # the card: End orders (E)
        elif key is None and orders:
            end_the_orders(driver)
        else:
            assert guide.target is not None, guide.words
            pledge = key == "allies" and the_map(driver).panels["orders"].tab == "allies"
            click_target(driver)
            if pledge:  # the card: consult as well
                click_order(driver, Consult(the_map(driver).session.level.allies[0].id))
            if key == "signal":  # the card: reassure as well
                click_order(driver, Signal("reassure"))
    raise AssertionError("the tutorial never ended")


def test_the_guided_tutorial_from_the_main_menu(make_driver):
    driver = make_driver()
    menu = driver.scene
    assert isinstance(menu, MainMenu)
    driver.click(menu.tutorial)
    assert isinstance(driver.scene, Briefing) and driver.scene.setup == SETUP
    driver.click(driver.scene.begin)
    screen = driver.scene
    assert isinstance(screen, MapScreen) and screen.guide is not None
    assert screen.session.setup == SETUP and screen.session.level.id == "tutorial"
    appeared = play_the_tutorial(driver)
    assert appeared == ORDER  # each step appeared, in order
    guide = screen.guide
    assert guide.finished and guide.words[0] == "You have done each kind of action once"
    driver.frames(2)
    driver.screenshot("tutorial_10_summary")


@pytest.mark.parametrize("seed", [2, 22])
def test_the_guide_leads_through_the_tutorial_with_other_seeds(make_driver, seed):
    """The level, not the seed, lets a student who follows the guide do everything: seed 2 (China
    counters the student's offer, and the guide says how to answer that too) and 22 (China turns
    the student's offer down)."""
    setup = evolve(SETUP, seed=seed)
    driver = make_driver(scene=lambda app: guided_map(app, Session.start(setup)))
    assert play_the_tutorial(driver, shots=None) == ORDER
    assert the_map(driver).guide.finished


def test_the_tutorial_entry_is_reached_by_keyboard(make_driver):
    driver = make_driver()
    assert driver.scene.focus.focused is driver.scene.new_game
    driver.key(pygame.K_UP)
    assert driver.scene.focus.focused is driver.scene.tutorial
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, Briefing)
    driver.key(pygame.K_RETURN)  # Begin
    assert isinstance(driver.scene, MapScreen) and driver.scene.guide is not None


def test_a_normal_game_has_no_guide(make_driver):
    setup = GameSetup.for_player("us", "pragmatist", "tutorial", SETUP.seed, "easy")
    driver = make_driver(scene=lambda app: MapScreen(app, Session.start(setup)))
    screen = driver.scene
    assert screen.guide is None
    driver.key(pygame.K_g)
    assert screen.guide is None
    driver.click(screen.panels["orders"].end)
    driver.click(driver.scene.yes)
    driver.click(screen.panels["talks"].table)
    assert isinstance(driver.scene, NegotiationTable) and driver.scene.guide is None


def test_g_hides_and_shows_the_guide_on_the_map_and_at_the_table(make_driver):
    driver = make_driver(scene=lambda app: guided_map(app, Session.start(SETUP)))
    screen = driver.scene
    guide = screen.guide
    driver.frames(2)
    assert not guide.hidden and guide.card_rect is not None and guide.step.key == "allies"
    driver.key(pygame.K_g)
    assert guide.hidden and guide.card_rect is None
    driver.screenshot("tutorial_hidden")
    driver.key(pygame.K_g)
    assert not guide.hidden and guide.card_rect is not None
    driver.click(guide.button_rect.center)  # the card's own button
    assert guide.hidden
    driver.click(guide.button_rect.center)  # and the Show guide button
    assert not guide.hidden
    assert not screen.session.state.side("us").pending  # nothing under them was pressed
    driver.key(pygame.K_F1)
    assert "Hide or show the tutorial's guide" in [w for _, rows in driver.scene.sections for _, w in rows]
    driver.key(pygame.K_F1)
    assert driver.scene is screen
    driver.key(pygame.K_e)  # no step is skipped by ending the orders: the guide waits for them
    driver.click(driver.scene.yes)
    assert screen.panel_kind == "talks"
    driver.click(screen.panels["talks"].table)
    table = driver.scene
    assert isinstance(table, NegotiationTable)
    driver.frames(2)
    assert guide.card_rect is not None
    driver.key(pygame.K_g)
    assert guide.hidden
    driver.key(pygame.K_g)
    assert not guide.hidden
    driver.key(pygame.K_F1)
    words = [w for _, rows in driver.scene.sections for _, w in rows]
    assert "Hide or show the tutorial's guide" in words


def test_the_guide_follows_a_resized_window_and_its_text_size(make_driver):
    driver = make_driver(scene=lambda app: guided_map(app, Session.start(SETUP)))
    screen = driver.scene
    guide = screen.guide
    driver.frames(2)
    tab = next(b for b, name in screen.panels["orders"].tab_buttons.items() if name == "allies")
    assert guide.target is tab and guide.target_rect() == tab.rect
    small = guide.card_rect.copy()
    driver.app.settings.scale = 0  # the largest text size the window holds
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    driver.frames(2)
    assert driver.app.look.scale == 150
    tab = next(b for b, name in screen.panels["orders"].tab_buttons.items() if name == "allies")
    assert guide.target is tab and guide.target_rect() == tab.rect and guide.target_visible()
    assert guide.card_rect.width > small.width
    assert pygame.Rect(0, 0, 1920, 1080).contains(guide.card_rect)
    assert not guide.card_rect.colliderect(tab.rect)
    driver.screenshot("tutorial_resized")


def test_a_tutorial_played_without_the_guide_ends_with_what_was_not_done(make_driver):
    from game.model.actions import EndTalks, RejectDeal, RejectTalks
    from game.ui.scenes.debrief import Debrief

    driver = make_driver(scene=lambda app: guided_map(app, Session.start(SETUP)))
    screen = driver.scene
    guide = screen.guide
    for _ in range(100):
        if isinstance(driver.scene, (YearReport, Debrief)):
            driver.key(pygame.K_ESCAPE if isinstance(driver.scene, Debrief) else pygame.K_RETURN)
        elif isinstance(driver.scene, Confirm):
            driver.click(driver.scene.yes)
        elif screen.session.state.is_over:
            break
        elif screen.panel_kind == "orders":
            assert guide.step.key == "allies"  # each year the first step is shown again
            driver.key(pygame.K_e)
        else:
            talks = screen.panels["talks"]
            driver.click(next(b for b, a in talks.actions.items() if isinstance(a, (EndTalks, RejectTalks,
                                                                                    RejectDeal))))
    driver.frames(2)
    assert screen.session.state.is_over and driver.scene is screen
    title, words, _ = guide.words
    assert title == "The tutorial game is over" and "Not done: allied diplomacy, a signal" in words
    assert guide.done == []  # not even research: the Tomahawk is unfunded until the player funds it
    driver.screenshot("tutorial_over")
