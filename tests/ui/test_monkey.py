"""A monkey at the window: thousands of random clicks (anywhere) and key presses (Tab, Enter,
Escape, arrows, digits, letters, F1, ...), seeded, across every screen; nothing may raise.

Now and then the monkey is steered (New game → Continue → Begin, End orders) so that it plays
games through the years and not only the menu; when it quits the window, it opens it again.
A failure names the seed and the last events.
"""

from __future__ import annotations

import collections
import random
import time

import pygame
import pytest

from game.ui.scenes import new_game
from game.ui.scenes.briefing import Briefing
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.menu import MainMenu
from game.ui.scenes.new_game import NewGame
from game.ui.settings_store import SettingsFile
from game.ui.sound import Sounds

EVENTS = 5000
SEED = 20240611
KEYS = (
    [pygame.K_TAB] * 6 + [pygame.K_RETURN] * 6 + [pygame.K_ESCAPE] * 3
    + [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT] * 3
    + [pygame.K_F1, pygame.K_SPACE, pygame.K_BACKSPACE, pygame.K_KP_ENTER]
    + list(range(pygame.K_0, pygame.K_9 + 1)) + list(range(pygame.K_a, pygame.K_z + 1))
)
MODS = [0] * 8 + [pygame.KMOD_SHIFT, pygame.KMOD_CTRL]


class Monkey:
    def __init__(self, driver, seed: int):
        self.driver = driver
        self.app = driver.app
        self.rng = random.Random(seed)
        self.events = 0
        self.last = collections.deque(maxlen=25)
        self.seen: collections.Counter = collections.Counter()
        self.years = 0

    def post(self, kind: str, **data) -> None:
        self.last.append((type(self.app.scene).__name__, kind, data))
        self.events += 1
        if kind == "click":
            pos, button = data["pos"], data["button"]
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        else:
            k, mod = data["key"], data["mod"]
            name = pygame.key.name(k)
            text = name.upper() if mod & pygame.KMOD_SHIFT else name
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=text if len(name) == 1 else "",
                                                 scancode=0))
            if len(name) == 1:
                pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))

    def random_event(self) -> None:
        if self.rng.random() < 0.55:
            w, h = self.app.size
            button = 1 if self.rng.random() < 0.9 else self.rng.choice((2, 3, 4, 5))
            self.post("click", pos=(self.rng.randrange(w), self.rng.randrange(h)), button=button)
        else:
            self.post("key", key=self.rng.choice(KEYS), mod=self.rng.choice(MODS))

    def steer(self) -> None:
        """Sometimes do what a player would, so that games start and years pass."""
        scene, r = self.app.scene, self.rng.random()
        target = None
        if isinstance(scene, MainMenu) and r < 0.3:
            target = scene.new_game if r < 0.2 else scene.watch if r < 0.25 else scene.settings
        elif isinstance(scene, NewGame) and r < 0.3:
            target = scene.start
        elif isinstance(scene, Briefing) and r < 0.3:
            target = scene.begin
        elif isinstance(scene, MapScreen) and scene.panel_kind == "orders" and r < 0.08:
            self.post("key", key=pygame.K_e, mod=0)
            self.post("key", key=pygame.K_RETURN, mod=0)
            return
        elif isinstance(scene, MapScreen) and scene.panel_kind == "talks" and r < 0.15:
            buttons = [b for b in scene.panels["talks"].actions if b.alive() and b.is_enabled]
            target = self.rng.choice(buttons) if buttons else None
        if target is not None and target.alive():
            self.post("click", pos=target.rect.center, button=1)

    def frame(self) -> None:
        dt = self.rng.choice((1 / 60, 1 / 60, 0.25))
        try:
            running = self.app.frame(dt)
        except Exception as exc:
            trail = "\n".join(map(str, self.last))
            raise AssertionError(f"seed {SEED}, event {self.events}: {exc!r}; the last events:\n{trail}") from exc
        scene = self.app.scene
        self.seen[type(scene).__name__] += 1
        session = getattr(scene, "session", None)
        if session is not None:
            self.years = max(self.years, len(session.state.history))
        if not running:  # the monkey quit: open the window again
            self.seen["quit"] += 1
            self.app.running = True
            self.app.switch(MainMenu(self.app))

    def run(self, events: int) -> None:
        while self.events < events:
            self.steer()
            for _ in range(self.rng.randint(1, 4)):
                self.random_event()
            self.frame()


@pytest.fixture
def monkey(make_driver, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    seeds = random.Random(SEED + 1)
    monkeypatch.setattr(new_game, "random_seed", lambda: seeds.randrange(1_000_000))
    driver = make_driver(scene=MainMenu)
    driver.app.store = SettingsFile()
    driver.app.sounds = Sounds.open()
    return Monkey(driver, SEED)


def test_a_monkey_cannot_break_the_window(monkey):
    start = time.perf_counter()
    monkey.run(EVENTS)
    took = time.perf_counter() - start
    assert monkey.events >= EVENTS
    for screen in ("MainMenu", "NewGame", "Briefing", "MapScreen", "SettingsScreen", "Confirm", "HelpOverlay"):
        assert monkey.seen[screen] > 0, (screen, monkey.seen)
    assert monkey.years >= 3, monkey.seen  # games were played, not only started
    assert took < 90, f"{took:.0f} s"
