"""Text fits on every screen: at 1280×720 with 100% text, and at 1920×1080 with the "Auto" text
size (150%, also the largest the settings offer), each label's and button's text lies inside its
widget, no two widgets' text overlap, a text box that scrolls is tall enough to read a few lines
at a time, and the text the window letters itself (gauges, the map and its key, charts, the help
card) lies inside its picture without overlapping other text. Screenshots at the larger size go to
tests/ui/screenshots/ (`fit_*`).
"""

from __future__ import annotations

import functools
import itertools

import pygame
import pytest
from pygame_gui.elements import (UIButton, UIHorizontalScrollBar, UILabel, UITextBox, UITextEntryLine,
                                 UIVerticalScrollBar)

from game.classroom.facilitation import Facilitation
from game.ui.help_overlay import HelpOverlay
from game.ui.hud import short_label
from game.ui.lettering import Lettering
from game.ui.look import effective_scale
from game.persist import save_game
from game.ui.saving import save_session
from game.ui.scenes.briefing import Briefing
from game.ui.scenes.charts_screen import ChartsScreen
from game.ui.scenes.confirm import Confirm
from game.ui.scenes.debrief import Debrief
from game.ui.scenes.hand_over import HandOver, SideBriefing
from game.ui.scenes.load_game import LoadScreen
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.negotiation import NegotiationTable
from game.ui.scenes.new_game import NewGame
from game.ui.scenes.notice import Notice
from game.ui.scenes.rewind import RewindDialog
from game.ui.scenes.settings import SettingsScreen
from game.ui.scenes.year_report import YearReport
from game.ui.session import GameSetup, Session
from game.ui.settings_store import SCALES, Settings

import test_negotiation_and_report as negotiation_games  # the games its screens show, played alike

SMALL, LARGE = (1280, 720), (1920, 1080)
LOOKS = {"1280x720-100": (SMALL, 100), "1920x1080-auto": (LARGE, 0)}
if effective_scale(max(SCALES), LARGE) != effective_scale(0, LARGE):
    LOOKS[f"1920x1080-{max(SCALES)}"] = (LARGE, max(SCALES))
SCROLLED_LINES = 3  # a text box that scrolls shows at least this many lines
DAMAGED = "broken.json"


# ---- games at the moments the screens show (played once, when first asked for) --------------------------


facing_an_offer = functools.cache(negotiation_games.facing_an_offer)
after_a_year = functools.cache(functools.partial(negotiation_games.after_years, 1))
finished = functools.cache(negotiation_games.finished)


# ---- the screens: each walks a driver (`open_(scene_factory)` opens one) to its screen -------------------


def on_map(game):
    """The map screen of `game()` (a function, so that the game is played only when needed)."""
    return lambda app: MapScreen(app, game())


def covered(cover, game):
    def scene(app):
        session = game()
        return cover(app, MapScreen(app, session), session)

    return scene


def screen(factory):
    return lambda open_: open_(factory)


def map_tab(name: str):
    def walk(open_):
        driver = open_(on_map(after_a_year))
        panel = driver.scene.panels["orders"]
        driver.click(next(b for b, n in panel.tab_buttons.items() if n == name))
        assert panel.tab == name
        return driver

    return walk


def confirm_end_orders(open_):
    driver = open_(on_map(after_a_year))
    driver.click(driver.scene.panels["orders"].end)
    assert isinstance(driver.scene, Confirm)
    return driver


def debrief_deal(open_):
    driver = open_(covered(Debrief, finished))
    driver.key(pygame.K_g)
    return driver


def rewind(open_):
    driver = open_(covered(Debrief, finished))
    driver.click(driver.scene.rewind)
    assert isinstance(driver.scene, RewindDialog)
    return driver


def load_screen(open_):
    """The Load screen, its longest "Played" shown whole (not cut with an ellipsis)."""
    driver = open_(LoadScreen)
    labels = [e.text for e in driver.scene.manager.get_sprite_group().sprites() if isinstance(e, UILabel)]
    assert "China v reciprocator (hard)" in labels, [t for t in labels if "recipro" in t]
    return driver


def damaged_save(open_):
    driver = open_(LoadScreen)
    driver.click(next(b for b, row in driver.scene.buttons.items() if row.file == DAMAGED))
    assert isinstance(driver.scene, Notice)
    return driver


def hand_over(open_):
    driver = open_(on_map(lambda: Session.start(GameSetup.for_hotseat("tutorial", 2))))
    driver.frames(1)
    assert isinstance(driver.scene, HandOver)
    return driver


def side_briefing(open_):
    driver = hand_over(open_)
    driver.key(pygame.K_RETURN)
    assert isinstance(driver.scene, SideBriefing)
    return driver


def help_on_the_map(open_):
    driver = open_(on_map(after_a_year))
    driver.key(pygame.K_F1)
    assert isinstance(driver.scene, HelpOverlay)
    return driver


SCREENS = {
    "menu": screen(MainMenu),
    "new_game": screen(NewGame),
    "new_game_watch": screen(lambda app: NewGame(app, watch=True)),
    "new_game_hotseat": screen(lambda app: NewGame(app, hotseat=True)),
    "settings": screen(SettingsScreen),
    "load": load_screen,
    "load_damaged": damaged_save,
    "briefing": screen(lambda app: Briefing(app, negotiation_games.FORMAL)),
    "map_research": map_tab("research"),
    "map_forces": map_tab("forces"),
    "map_allies": map_tab("allies"),
    "map_news": map_tab("news"),
    "map_countdown": screen(on_map(lambda: Session.start(GameSetup.for_player(
        "us", "hardliner", "baseline-2020", 7, facilitation=Facilitation(time_limit=600))))),
    "confirm_end_orders": confirm_end_orders,
    "map_talks": screen(on_map(facing_an_offer)),
    "negotiation_table": screen(covered(NegotiationTable, facing_an_offer)),
    "year_report": screen(covered(YearReport, after_a_year)),
    "charts": screen(covered(ChartsScreen, after_a_year)),
    "map_over": screen(on_map(finished)),
    "debrief": screen(covered(Debrief, finished)),
    "debrief_deal": debrief_deal,
    "rewind": rewind,
    "watch": screen(on_map(lambda: Session.start(GameSetup.for_watching("hardliner", "pragmatist",
                                                                          "baseline-2020", 5)))),
    "hand_over": hand_over,
    "side_briefing": side_briefing,
    "help": help_on_the_map,
}


# ---- what the widgets show ------------------------------------------------------------------------------


def ancestors(element):
    """The containers `element` sits in, innermost first."""
    container = element.ui_container
    while container is not None:
        yield container
        container = None if container.ui_container is container else container.ui_container


def in_scroll_bar(element) -> bool:
    while element is not None:
        if isinstance(element, (UIVerticalScrollBar, UIHorizontalScrollBar)):
            return True
        element = element.parent_element
    return False


def shown_rect(element) -> pygame.Rect:
    """The part of `element` its containers let show (nothing, when scrolled out of view)."""
    rect = pygame.Rect(element.rect)
    for container in ancestors(element):
        rect = rect.clip(container.rect)
    return rect


def text_area(element) -> pygame.Rect:
    """Where pygame_gui lays out a label's or button's text: inside the shadow, the border and the
    rounded corners, and inside the padding on the side the text is aligned to. A shape that lets
    text over its border (as buttons do) has the whole of its height for a line."""
    shape = element.drawable_shape
    theming, border = shape.theming, shape.border_widths
    corner_w, corner_h = shape.rounded_corner_width_offsets, shape.rounded_corner_height_offsets
    left = shape.shadow_width + border["left"] + corner_w[0]
    right = shape.shadow_width + border["right"] + corner_w[1]
    top = shape.shadow_width + border["top"] + corner_h[0]
    bottom = shape.shadow_width + border["bottom"] + corner_h[1]
    if theming.get("text_horiz_alignment") in ("left", "right"):
        left += theming.get("text_horiz_alignment_padding", 0)
    if theming.get("text_vert_alignment") in ("top", "bottom"):
        top += theming.get("text_vert_alignment_padding", 0)
    r = element.rect
    if shape.allow_text_outside_height_border:
        top = bottom = 0
    return pygame.Rect(r.x + left, r.y + top, r.width - left - right, r.height - top - bottom)


def text_rect(element, area: pygame.Rect) -> pygame.Rect:
    """Where the text lands in `area`, aligned as the theme says."""
    rect = pygame.Rect((0, 0), element.font.size(element.text))
    rect.centery = area.centery
    side = element.drawable_shape.theming.get("text_horiz_alignment", "center")
    if side == "left":
        rect.left = area.left
    elif side == "right":
        rect.right = area.right
    else:
        rect.centerx = area.centerx
    return rect


def describe(element) -> str:
    words = getattr(element, "text", None) or getattr(element, "html_text", "")
    return f"{type(element).__name__} {element.most_specific_combined_id} {words[:60]!r}"


def widget_problems(scene) -> list[str]:
    """What does not fit among the widgets of `scene` (the screen on top)."""
    problems, shown = [], []
    elements = [e for e in scene.manager.get_sprite_group().sprites()
                if any(c is scene.root for c in ancestors(e)) and e.visible and not in_scroll_bar(e)]
    for element in elements:
        visible = shown_rect(element)
        if visible.width <= 0 or visible.height <= 0:
            continue
        if isinstance(element, (UILabel, UIButton)) and element.text:
            area = text_area(element)
            rect = text_rect(element, area)
            if rect.width > area.width or rect.height > area.height:
                problems.append(f"clipped: {describe(element)}: text {rect.size} in {area.size}")
            shown.append((element, rect.clip(visible)))
        elif isinstance(element, UITextEntryLine):
            area = text_area(element)
            height = element.font.size("Ag")[1]
            if height > area.height:
                problems.append(f"clipped: {describe(element)}: text {height} high in {area.height}")
            shown.append((element, visible))
        elif isinstance(element, UITextBox):
            rows = element.text_box_layout.layout_rows
            line = max((row.height for row in rows), default=0)
            if element.scroll_bar is not None and element.rect.height < SCROLLED_LINES * line:
                problems.append(f"cramped: {describe(element)}: scrolls in {element.rect.height} px, "
                                f"lines of {line} px")
            shown.append((element, visible))
    for (a, ra), (b, rb) in itertools.combinations(shown, 2):
        if ra.colliderect(rb):
            problems.append(f"overlap: {describe(a)} at {tuple(ra)} and {describe(b)} at {tuple(rb)}")
    return problems


# ---- what the window letters itself ----------------------------------------------------------------------


class LetteringLog:
    """The ink of every piece of text `Lettering.draw` puts on a picture, in the picture's own
    coordinates (a subsurface's text is put where it lands on its parent)."""

    def __init__(self):
        self.drawn: dict[int, tuple[pygame.Surface, dict]] = {}  # picture id -> (picture, {(ink, text)})

    def wrap(self, draw):
        log = self

        def recorded(lettering, surface, text, element_id, colour, pos, anchor="topleft", halo=None):
            rect = draw(lettering, surface, text, element_id, colour, pos, anchor, halo)
            ink = lettering.render(text, element_id, colour).get_bounding_rect().move(rect.topleft)
            picture = surface.get_abs_parent()
            at = tuple(ink.move(surface.get_abs_offset()))
            log.drawn.setdefault(id(picture), (picture, set()))[1].add((at, text))
            return rect

        return recorded

    def problems(self) -> list[str]:
        out = []
        for picture, texts in self.drawn.values():
            bounds = picture.get_rect()
            for rect, text in texts:
                if not bounds.contains(rect):
                    out.append(f"lettering outside its {bounds.w}×{bounds.h} picture: {text!r} at {rect}")
            for (ra, ta), (rb, tb) in itertools.combinations(sorted(texts), 2):
                if pygame.Rect(ra).colliderect(rb):
                    out.append(f"lettering overlaps: {ta!r} at {ra} and {tb!r} at {rb}")
        return out


# ---- the test ----------------------------------------------------------------------------------------------


@pytest.fixture
def save_folder(tmp_path, monkeypatch):
    """A save folder with a good save and a damaged one in it, for the load screen."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "data" / "bargaining-chips" / "saves"
    folder.mkdir(parents=True)
    save_session(after_a_year(), folder, name="good")
    # The longest "Played" the Load screen shows: a side, the longest personality, a difficulty.
    save_game(after_a_year().game, folder / "hard.json",
              meta={"side": "china", "opponent": "reciprocator", "difficulty": "hard", "mode": "window"})
    (folder / DAMAGED).write_text('{"schema": 1, "game": ')
    return folder


@pytest.mark.parametrize("look", list(LOOKS))
@pytest.mark.parametrize("name", list(SCREENS))
def test_text_fits(make_driver, save_folder, monkeypatch, name, look):
    size, scale = LOOKS[look]
    log = LetteringLog()
    monkeypatch.setattr(Lettering, "draw", log.wrap(Lettering.draw))
    driver = SCREENS[name](lambda scene: make_driver(size, scene, Settings(window=size, scale=scale)))
    assert driver.app.look.scale == effective_scale(scale, size)
    driver.frames(2)
    if size == LARGE:
        driver.screenshot(f"fit_{name}")
    else:
        driver.app.draw(pygame.Surface(size))
    problems = widget_problems(driver.scene) + log.problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("look", list(LOOKS))
def test_gauges_fit_at_their_widest(make_driver, monkeypatch, look):
    """Three-digit values that moved by two digits: each gauge's name, change and value apart."""
    size, scale = LOOKS[look]
    log = LetteringLog()
    monkeypatch.setattr(Lettering, "draw", log.wrap(Lettering.draw))
    driver = make_driver(size, on_map(after_a_year), Settings(window=size, scale=scale))
    hud = driver.scene.hud
    for side in ("us", "china"):
        for key, gauge in hud.gauges.items():
            hud.picture(key, short_label(key, side), 100.0, 88.0, gauge.rect.size)
    assert not log.problems(), "\n".join(log.problems())
