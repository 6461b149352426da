"""Settings (saved to the user's config folder), sound, the help overlay, Escape everywhere and
the keyboard on the map screen, headless and driven by real pygame events.

The settings file lives in `tmp_path` (XDG_CONFIG_HOME points there). Screenshots of the new
screens go to tests/ui/screenshots/ at 1280×720 and 1920×1080.
"""

from __future__ import annotations

import json

import numpy as np
import pygame
import pytest

from game.ai.registry import make_factory
from game.model.actions import EndTalks
from game.ui import app as window
from game.ui.help_overlay import HelpOverlay, shortcuts_for
from game.ui.look import PALETTE_FILES, effective_scale, load_look, scaled
from game.ui.map_keys import PanelKeys
from game.ui.scenes.briefing import Briefing
from game.ui.scenes.confirm import Confirm
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.new_game import NewGame
from game.ui.scenes.settings import SettingsScreen
from game.ui.session import GameSetup, Session
from game.ui.settings_store import Settings, SettingsFile, parse, settings_path
from game.ui.sound import CUES, Sounds, cues, loudest, waves

from ui_helpers import SIZE_IDS, SIZES

SETUP = GameSetup.for_player("us", "hardliner", "baseline-2020", 7)
WATCH = GameSetup.for_watching("hardliner", "pragmatist", "baseline-2020", 5)


@pytest.fixture
def config(tmp_path, monkeypatch):
    """XDG_CONFIG_HOME in tmp_path: the settings file the window would use."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    return tmp_path / "bargaining-chips" / "settings.json"


@pytest.fixture
def drive(make_driver, config):
    """A driver whose App saves to the test's settings file and has sound (dummy device)."""

    def make(size=(1280, 720), scene=None, settings: Settings | None = None):
        driver = make_driver(size, scene)
        app = driver.app
        app.store = SettingsFile()
        app.sounds = Sounds.open()
        if settings is not None:
            app.settings = settings
            app.settings_changed()
        driver.frames(1)
        return driver

    return make


def key_event(key: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))


# ---- the settings file ----------------------------------------------------------------------------


def test_the_settings_file_follows_xdg_config_home(config, tmp_path, monkeypatch):
    assert settings_path() == config
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert settings_path().parts[-3:] == (".config", "bargaining-chips", "settings.json")
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/path")  # the spec says: ignore a relative one
    assert settings_path().parts[-3:] == (".config", "bargaining-chips", "settings.json")


def test_settings_round_trip(config):
    store = SettingsFile()
    assert store.load() == Settings()  # no file yet: the defaults
    chosen = Settings(window=(1920, 1080), scale=150, palette="colourblind", volume=30, muted=True,
                      labels="all", watch_delay=1.2)
    assert store.save(chosen)
    assert store.load() == chosen
    assert json.loads(config.read_text())["window"] == [1920, 1080]


@pytest.mark.parametrize("text, words", [
    ("{ not json", "not JSON"),
    ("[1, 2]", "JSON object"),
    ('{"volume": 300}', "volume must be from 0 to 100"),
    ('{"volume": "loud"}', "volume: expected a whole number"),
    ('{"muted": 1}', "muted: expected true or false"),
    ('{"window": "big"}', "window: expected [width, height]"),
    ('{"window": [10, 10]}', "outside"),
    ('{"scale": 110}', "'scale' must be in"),
    ('{"palette": "pink"}', "'palette' must be in"),
    ('{"colour": "blue"}', "unknown setting 'colour'"),
    ("\xff\xfe binary", "not JSON"),
])
def test_a_damaged_settings_file_is_ignored_with_one_warning(config, capsys, text, words):
    config.parent.mkdir(parents=True)
    config.write_text(text, encoding="utf-8")
    assert SettingsFile().load() == Settings()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning: settings file") and words in err[0], err


def test_an_unreadable_or_unwritable_settings_file_costs_a_warning(tmp_path, capsys):
    folder = tmp_path / "settings.json"
    folder.mkdir()  # a folder where the file should be: neither read nor written
    store = SettingsFile(folder)
    assert store.load() == Settings()
    assert store.save(Settings()) is False
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("warning: settings") for line in err)


def test_settings_are_loaded_when_the_window_opens(config, monkeypatch, capsys):
    SettingsFile().save(Settings(window=(1600, 900), scale=0, palette="colourblind", volume=40, muted=True))
    seen = []
    monkeypatch.setattr(window.App, "loop", lambda self, max_frames=None: seen.append(self) or 0)
    assert window.run() == 0
    app = seen[0]
    assert app.size == (1600, 900) and app.look.scale == 125 and app.look.palette_name == "colourblind"
    assert app.palette.colour("#gauge", "good") == (0x56, 0xB4, 0xE9, 255)
    assert app.sounds.volume == 40 and app.sounds.muted
    assert capsys.readouterr().err == ""


def test_a_damaged_settings_file_does_not_stop_the_window(config, monkeypatch, capsys):
    config.parent.mkdir(parents=True)
    config.write_text('{"window": [1600, 900], "volume": -5}', encoding="utf-8")
    assert window.run(max_frames=2) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "warning: settings file" in err[0] and "volume" in err[0]


# ---- the settings screen ------------------------------------------------------------------------------


def test_the_settings_screen_changes_and_saves_everything(drive, config):
    driver = drive(scene=MainMenu)
    driver.click(driver.scene.settings)
    scene = driver.scene
    assert isinstance(scene, SettingsScreen)
    app = driver.app

    driver.click(scene.colours.next)
    assert app.settings.palette == "colourblind" and app.look.palette_name == "colourblind"
    assert app.palette.colour("#map", "china_marker") == (0xD5, 0x5E, 0x00, 255)
    scene = driver.scene  # rebuilt in the new look
    driver.click(scene.volume.prev)
    assert app.settings.volume == 60 and app.sounds.volume == 60
    driver.click(scene.sound.next)
    assert app.settings.muted and app.sounds.muted
    driver.click(scene.labels.next)
    driver.click(scene.speed.next)
    assert app.settings.labels == "all" and app.settings.watch_delay == 0.2

    saved = parse(config.read_text())
    assert saved == app.settings
    assert saved.palette == "colourblind" and saved.volume == 60 and saved.muted


def test_text_size_and_window_size(drive, config):
    driver = drive(scene=SettingsScreen)
    app = driver.app
    scene = driver.scene
    driver.click(scene.scale.next)  # 100% → 125%: more than 1280 × 720 holds
    assert app.settings.scale == 125 and app.look.scale == 100
    assert "needs a window of 1600 × 900" in driver.scene.scale_note.text
    driver.click(driver.scene.window.next)  # 1600 × 900: now 125% fits
    assert app.size == (1600, 900) and app.look.scale == 125
    assert app.palette.size("row_height") == 40
    assert driver.scene.focus.focused is driver.scene.window  # the keyboard stays where it was
    assert parse(config.read_text()).window == (1600, 900)
    driver.key(pygame.K_DOWN)
    driver.key(pygame.K_LEFT)  # the text size back to 100%
    assert app.settings.scale == 100 and app.look.scale == 100
    driver.key(pygame.K_LEFT)  # … and round to "auto": 125% at 1600 × 900
    assert app.settings.scale == 0 and app.look.scale == 125
    assert driver.scene.focus.focused is driver.scene.scale
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, MainMenu)


def test_a_resized_window_takes_the_text_size_it_holds(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)), settings=Settings(scale=0))
    app = driver.app
    assert app.look.scale == 100
    game = driver.scene
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080)))
    driver.frames(2)
    assert app.look.scale == 150 and driver.scene is game and game.size == (1920, 1080)
    assert game.lettering.theme is app.manager.get_theme()  # the map letters in the new theme
    driver.click(game.panels["orders"].end)
    assert isinstance(driver.scene, Confirm)


def test_look_scaling_and_palettes(resources):
    big = scaled(resources.theme, 150)
    assert big["#layout"]["misc"]["row_height"] == "48" and big["#layout"]["misc"]["dim_alpha"] == "150"
    assert big["button"]["font"]["size"] == "21"
    assert resources.theme["button"]["font"]["size"] == "14"  # the loaded theme is left alone
    sizes = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440))
    assert [effective_scale(0, s) for s in sizes] == [100, 125, 150, 150]
    assert effective_scale(150, (1366, 768)) == 100 and effective_scale(125, (1920, 1080)) == 125
    for name in PALETTE_FILES:
        look = load_look(resources.theme, name, 125)
        assert look.palette.size("margin") == 12 and look.scale == 125


# Simulated colour vision deficiency (Machado, Oliveira & Fernandes 2009, severity 1), in linear RGB.
CVD = {
    "protan": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                        [-0.003882, -0.048116, 1.051998]]),
    "deutan": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                        [-0.011820, 0.042940, 0.968881]]),
    "tritan": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                        [0.004733, 0.691367, 0.303900]]),
}


def _lab(rgb) -> np.ndarray:
    c = np.asarray(rgb[:3], dtype=float) / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    f = np.cbrt(xyz / np.array([0.95047, 1.0, 1.08883]))
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(rgb, kind: str):
    c = np.asarray(rgb[:3], dtype=float) / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    out = np.clip(CVD[kind] @ lin, 0, 1)
    srgb = np.where(out <= 0.0031308, out * 12.92, 1.055 * out ** (1 / 2.4) - 0.055)
    return tuple(srgb * 255)


PAIRS = {  # colours a player must tell apart
    "sides": [("#map", "us_marker"), ("#map", "china_marker")],
    "pledges": [("#map", f"pledge_{p}") for p in ("none", "considering", "pledged", "hosting")],
    "gauges": [("#gauge", t) for t in ("good", "middling", "bad")],
}


def _smallest_difference(palette, kind: str) -> float:
    worst = 1e9
    for colours in PAIRS.values():
        labs = [_lab(_seen(palette.colour(*c), kind)) for c in colours]
        for i in range(len(labs)):
            for j in range(i + 1, len(labs)):
                worst = min(worst, float(np.linalg.norm(labs[i] - labs[j])))
    return worst


@pytest.mark.parametrize("kind", list(CVD))
def test_the_colour_blind_palette_keeps_sides_pledges_and_gauges_apart(resources, kind):
    safe = load_look(resources.theme, "colourblind").palette
    assert _smallest_difference(safe, kind) >= 20  # CIE76 ΔE: clearly different
    if kind == "deutan":  # the reason for the palette: green and red gauges merge for deuteranopes
        assert _smallest_difference(resources.palette, kind) < 20


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_settings_screenshots(drive, size):
    scale = 150 if size[0] == 1920 else 100
    driver = drive(size, SettingsScreen, settings=Settings(window=size, scale=scale))
    driver.key(pygame.K_DOWN)
    assert driver.app.look.scale == scale
    driver.screenshot("settings_saved")
    driver = drive(size, lambda app: MapScreen(app, Session.start(SETUP)),
                   settings=Settings(window=size, scale=scale, palette="colourblind"))
    driver.screenshot("map_colourblind")


# ---- sound ---------------------------------------------------------------------------------------


def test_the_cues_are_synthesised_short_and_quiet_at_the_ends():
    made = waves(22050)
    assert set(made) == set(CUES)
    for name, wave in made.items():
        assert 0.02 < len(wave) / 22050 < 1.5, name
        assert np.abs(wave).max() <= 1.0 and abs(wave[0]) < 0.01 and abs(wave[-1]) < 0.01, name


def test_sounds_play_at_the_volume_and_not_when_muted():
    sounds = Sounds.open(volume=50)
    assert sounds.enabled and set(sounds.sounds) == set(CUES)
    assert abs(sounds.sounds["click"].get_volume() - 0.5) < 0.01
    sounds.play("treaty")
    assert sounds.played == ["treaty"]
    sounds.set_muted(True)
    sounds.play("crisis")
    assert sounds.played == ["treaty"]


def test_no_sound_device_means_silence(monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("no available audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds.open()
    assert not sounds.enabled
    sounds.play("click")  # nothing, and no error
    assert sounds.played == []


def test_the_loudest_cue_of_a_frame_wins():
    assert loudest(["click", "queued"]) == "queued"
    assert loudest(["click", "year_end", "crisis"]) == "crisis"
    assert loudest([]) is None


def test_m_toggles_the_sound_anywhere_and_is_saved(drive, config):
    driver = drive(scene=MainMenu)
    app = driver.app
    driver.key(pygame.K_m)
    assert app.settings.muted and app.sounds.muted and parse(config.read_text()).muted
    assert app.notice is not None and "Sound off" in app.notice[0]
    driver.click(app.scene.new_game)
    driver.key(pygame.K_m)
    assert not app.settings.muted
    driver.click(driver.scene.seed_entry)  # typing a seed: M is not a shortcut then
    assert app.typing()
    driver.key(pygame.K_m)
    assert not app.settings.muted


def test_the_game_sounds(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)))
    scene, app = driver.scene, driver.app
    app.sounds.played.clear()
    driver.click(next(b for b, n in scene.panels["orders"].tab_buttons.items() if n == "allies"))
    assert app.sounds.played[-1] == "click"
    consult = next(b for b, a in scene.panels["orders"].actions.items() if type(a).__name__ == "Consult")
    driver.click(consult)
    assert app.sounds.played[-1] == "queued"  # not the click: the louder cue of the frame
    driver.click(next(b for b, n in scene.panels["orders"].tab_buttons.items() if n == "forces"))
    driver.click(next(b for b in scene.panels["orders"].actions if b.text == "Deploy"))
    assert scene.message[1] and app.sounds.played[-1] == "illegal"


def test_state_changes_and_their_cues():
    session = Session.start(SETUP)
    me = make_factory("pragmatist")(1)
    session.run_scripted()
    heard = []
    while not session.state.is_over:
        before = session.state
        session.play(me.act(session.level, session.state, session.player))
        session.run_scripted()
        heard += cues(before, session.state, session.player)
    assert "queued" in heard and heard.count("year_end") >= 10
    if session.state.talks.signed_year is not None:
        assert "treaty" in heard


# ---- help ------------------------------------------------------------------------------------------------


SCREENS = {
    "menu": MainMenu,
    "new_game": NewGame,
    "briefing": lambda app: Briefing(app, SETUP),
    "settings": SettingsScreen,
    "map": lambda app: MapScreen(app, Session.start(SETUP)),
    "watch": lambda app: MapScreen(app, Session.start(WATCH)),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_f1_shows_the_screens_shortcuts_and_escape_or_f1_closes_them(drive, name):
    driver = drive(scene=SCREENS[name])
    under = driver.scene
    driver.key(pygame.K_F1)
    help_ = driver.scene
    assert isinstance(help_, HelpOverlay) and help_.parent is under
    titles = [t for t, _ in help_.sections]
    assert titles[-1] == "Anywhere" and len(titles) >= 2
    keys = " ".join(k for _, rows in help_.sections for k, _ in rows)
    assert "F1" in keys and "Esc" in keys
    if name == "map":
        assert "U, Ctrl+Z" in keys and "1, 2, 3, 4" in keys
    if name == "watch":
        assert "Space" in keys and "N" in keys
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is under
    driver.key(pygame.K_F1)
    driver.key(pygame.K_F1)
    assert driver.scene is under


def test_the_help_overlay_takes_the_clicks(drive):
    driver = drive(scene=MainMenu)
    menu = driver.scene
    driver.key(pygame.K_F1)
    driver.click(menu.new_game)  # closes the help, does not start a game
    assert driver.scene is menu
    driver.key(pygame.K_RETURN)  # the menu has the keys again
    assert isinstance(driver.scene, NewGame)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help_screenshots(drive, size):
    scale = 150 if size[0] == 1920 else 100
    for name, scene in (("help_map", SCREENS["map"]), ("help_menu", MainMenu)):
        driver = drive(size, scene, settings=Settings(window=size, scale=scale))
        driver.key(pygame.K_F1)
        assert isinstance(driver.scene, HelpOverlay)
        card = driver.scene.card.get_rect(center=(size[0] // 2, size[1] // 2))
        assert pygame.Rect((0, 0), size).contains(card)
        driver.screenshot(name)


def test_a_help_for_a_dialog(drive):
    driver = drive(scene=MainMenu)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, Confirm)
    assert shortcuts_for(driver.scene)[0][0] == "Question"
    driver.key(pygame.K_F1)
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, Confirm)  # the help closed, not the question


# ---- Escape goes back everywhere ------------------------------------------------------------------


@pytest.mark.parametrize("name, back", [
    ("menu", Confirm), ("new_game", MainMenu), ("briefing", NewGame), ("settings", MainMenu),
    ("map", Confirm), ("watch", Confirm),
])
def test_escape_goes_back(drive, name, back):
    driver = drive(scene=SCREENS[name])
    before = driver.scene
    driver.key(pygame.K_ESCAPE)
    assert isinstance(driver.scene, back)
    if back is Confirm:  # work would be lost: the question first, and Escape again means "stay"
        driver.key(pygame.K_ESCAPE)
        assert driver.scene is before


# ---- the map screen by keyboard ------------------------------------------------------------------------


def focus_round(driver) -> list:
    """Tab once round the panel; the widgets the focus was on."""
    keys: PanelKeys = driver.scene.keys
    seen = []
    for _ in range(200):
        driver.key(pygame.K_TAB, frames=1)
        stop = keys.focused()
        if seen and stop.widget is seen[0]:
            return seen
        seen.append(stop.widget)
    raise AssertionError("the focus never came round")


def panel_buttons(panel) -> list:
    from pygame_gui.elements import UIButton

    from game.ui.map_keys import walk

    return [s.widget for s in walk(panel.panel.get_container()) if isinstance(s.widget, UIButton)]


@pytest.mark.parametrize("tab", ["research", "forces", "allies"])
def test_tab_reaches_every_button_of_the_orders_panel(drive, tab):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)))
    panel = driver.scene.panels["orders"]
    driver.key({"research": pygame.K_1, "forces": pygame.K_2, "allies": pygame.K_3}[tab])
    assert panel.tab == tab
    reached = focus_round(driver)
    choices = {id(b): c for c in panel.choices for b in (c.prev, c.value, c.next)}
    for button in panel_buttons(panel):
        target = choices[id(button)].value if id(button) in choices else button
        assert any(target is r for r in reached), button.text
    for action_button in panel.actions:
        assert any(action_button is r for r in reached), action_button.text


def test_enter_queues_the_focused_order_and_the_focus_scrolls_into_view(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)))
    scene = driver.scene
    panel = scene.panels["orders"]
    driver.key(pygame.K_3)  # allies: taller than its box
    view = panel.content.rect
    signal = None
    for _ in range(60):
        driver.key(pygame.K_TAB, frames=3)
        stop = scene.keys.focused()
        if stop.scroller is not None:  # a row of the tab: scrolled into view
            assert stop.scroller is panel.content
            assert view.top - 2 <= stop.rect.top and stop.rect.bottom <= view.bottom + 2, stop.widget.text
        action = panel.actions.get(stop.widget)
        if type(action).__name__ == "Signal":
            signal = action
            break
    assert signal is not None, "Tab never reached the signals at the bottom of the tab"
    driver.key(pygame.K_RETURN)
    assert scene.session.state.side("us").pending[-1] == signal
    driver.screenshot("map_keyboard_focus")


def test_left_and_right_change_the_focused_choice(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)))
    scene = driver.scene
    panel = scene.panels["orders"]
    driver.key(pygame.K_2)
    cls_choice = panel.deploy_choices[0]
    while scene.keys.focused() is None or scene.keys.focused().choice is not cls_choice:
        driver.key(pygame.K_TAB, frames=1)
    before = cls_choice.chosen
    driver.key(pygame.K_RIGHT)
    assert cls_choice.chosen != before and panel.picks["deploy_cls"] == 1
    driver.key(pygame.K_LEFT)
    assert cls_choice.chosen == before


def test_end_orders_and_the_talks_by_keyboard_only(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)))
    scene = driver.scene
    driver.key(pygame.K_e)
    assert isinstance(driver.scene, Confirm)
    driver.key(pygame.K_RETURN)  # "End orders" has the focus
    assert scene.session.state.phase == "talks" and scene.panel_kind == "talks"
    for _ in range(40):  # Tab to "say nothing more" and press it
        driver.key(pygame.K_TAB, frames=1)
        stop = scene.keys.focused()
        if isinstance(scene.panels["talks"].actions.get(stop.widget), EndTalks):
            break
    else:
        raise AssertionError("no keyboard way to end the talks")
    year = scene.session.state.year
    driver.key(pygame.K_RETURN)
    assert scene.session.state.year == year + 1 or scene.session.player_to_move()


def test_the_offers_list_by_keyboard():
    import pygame_gui
    from pygame_gui.elements import UISelectionList

    from game.ui.map_keys import pick

    manager = pygame_gui.UIManager((800, 600))  # a list of its own, as the talks panel makes
    lst = UISelectionList(pygame.Rect(0, 0, 300, 100), [(f"offer {i}", f"#offer_{i}") for i in range(12)], manager)
    pygame.event.clear()
    pick(lst, 1)
    assert lst.get_single_selection() == "offer 0"
    pick(lst, -1)
    assert lst.get_single_selection() == "offer 11"
    assert lst.scroll_bar.start_percentage > 0.5  # scrolled down to it
    events = [e for e in pygame.event.get() if e.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION]
    assert len(events) == 2 and events[-1].ui_element is lst
    manager.clear_and_reset()


def test_s_selects_sites_and_watch_controls_by_keyboard(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(WATCH)))
    scene = driver.scene
    driver.key(pygame.K_s)
    assert scene.selected == 0 and "Selected" in scene.message[0]
    driver.key(pygame.K_s, mod=pygame.KMOD_SHIFT)
    assert scene.selected == len(scene.session.level.sites) - 1
    panel = scene.panels["watch"]
    driver.key(pygame.K_TAB)
    assert scene.keys.focused().widget is panel.pause
    driver.key(pygame.K_RETURN)
    assert panel.paused
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_TAB)  # the "Gauges of" choice
    driver.key(pygame.K_RIGHT)
    assert scene.view_side == "china"


# ---- the map's cached picture -----------------------------------------------------------------------


def test_the_cached_map_is_the_map_drawn_afresh(drive):
    driver = drive(scene=lambda app: MapScreen(app, Session.start(SETUP)))
    scene = driver.scene
    view, state = scene.map, scene.session.state
    k = state.deployed[0].index(max(state.deployed[0])) if any(state.deployed[0]) else 0

    def both(hover, selected):
        scene.hover, scene.selected = hover, selected
        cached = pygame.Surface(driver.app.size)
        scene.draw(cached)
        fresh = pygame.Surface(driver.app.size)
        fresh.fill(scene.palette.colour("#map", "background"))
        view.draw(fresh, state, selected=selected, ring_class=scene.ring(), hover=hover,
                  labels=driver.app.settings.labels)
        return (pygame.surfarray.array3d(cached.subsurface(view.rect)),
                pygame.surfarray.array3d(fresh.subsurface(view.rect)))

    for hover, selected in ((None, None), (("site", k), None), (("site", k), k), (("target", 0), k)):
        a, b = both(hover, selected)
        assert np.array_equal(a, b), (hover, selected)
    redraws = scene.map_frame.redraws
    for _ in range(5):  # the mouse moves, nothing else: no redraw
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=view.rect.center, rel=(1, 0), buttons=(0, 0, 0)))
        driver.frames(1)
    assert scene.map_frame.redraws == redraws
    driver.key(pygame.K_l)  # the key hidden: drawn again
    assert scene.map_frame.redraws == redraws + 1
