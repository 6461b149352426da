"""The window's tests run headless: SDL's dummy video and audio drivers, set (for the tests in
this folder only, and put back afterwards) before any of them opens a display.

Fixtures hand out an `App` on a dummy display of a given size, and a `driver` that posts real
pygame events (clicks at a widget's rect, key presses) and runs frames of the loop.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui.app import App, load_resources  # noqa: E402

HEADLESS = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}

SCREENSHOTS = Path(__file__).with_name("screenshots")
THINKING_FRAMES = 600  # the most frames a driver waits for the scripted side's answer


class Driver:
    """Drives an App with real events, one frame of the loop at a time."""

    def __init__(self, app: App):
        self.app = app

    @property
    def scene(self):
        return self.app.scene

    def frames(self, n: int = 2, dt: float = 1 / 60) -> None:
        """`n` frames, then more while the scripted side is still answering on the screen shown
        (it plays its moves a slice a frame; a player waits for its answer as these tests do) or
        the screen is still being prepared (the negotiation table builds a part a frame)."""
        for _ in range(n):
            assert self.app.frame(dt), "the window closed"
        for _ in range(THINKING_FRAMES):
            if not self.busy:
                break
            assert self.app.frame(dt), "the window closed"
        assert not self.busy, f"the scripted side did not answer in {THINKING_FRAMES} frames"

    @property
    def thinking(self) -> bool:
        """Whether the screen shown (the map, the negotiation table) waits for the scripted side."""
        return bool(getattr(self.app.scene, "thinking", False))

    @property
    def busy(self) -> bool:
        """Whether the screen shown waits for the scripted side or is still being prepared."""
        return self.thinking or bool(getattr(self.app.scene, "preparing", False))

    def click(self, element, button: int = 1, frames: int = 2) -> None:
        """A left click at the centre of a widget (or at a point given as (x, y))."""
        pos = element if isinstance(element, tuple) else element.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.frames(frames)

    def key(self, key: int, mod: int = 0, frames: int = 2) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        self.frames(frames)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        w, h = self.app.size
        path = SCREENSHOTS / f"{name}-{w}x{h}.png"
        self.app.manager.update(1.0)  # let tooltips and text finish building
        canvas = pygame.Surface((w, h))
        self.app.draw(canvas)
        pygame.image.save(canvas, str(path))
        return path


@pytest.fixture(scope="session", autouse=True)
def headless():
    """SDL's dummy drivers while the window's tests run; the environment as it was after."""
    saved = {k: os.environ.get(k) for k in HEADLESS}
    os.environ.update(HEADLESS)
    yield
    pygame.quit()
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def resources(headless):
    pygame.display.init()
    pygame.font.init()
    return load_resources()


@pytest.fixture
def make_driver(resources):
    """`make_driver(size, scene_factory, settings)` → a Driver with the scene current."""
    made = []

    def make(size=(1280, 720), scene=None, settings=None) -> Driver:
        pygame.display.init()  # again: a test of `run` quits pygame at its end
        pygame.font.init()
        pygame.event.clear()
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        app = App(screen, resources, settings)
        if scene is None:
            from game.ui.scenes.menu import MainMenu

            scene = MainMenu
        app.switch(scene(app))
        driver = Driver(app)
        driver.frames(1)
        made.append(app)
        return driver

    yield make
    for app in made:
        app.manager.clear_and_reset()
    pygame.event.clear()
