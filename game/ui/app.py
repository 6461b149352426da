"""The game window: `run()` opens it at the main menu, `play(...)` straight into a game.

The loop is pygame_gui's: `dt = clock.tick(60) / 1000`, every event to `manager.process_events`
and then to the current scene's `handle`, `manager.update(dt)`, the scene draws the world and
`manager.draw_ui` draws the widgets on top. Scenes return the next scene (see `game.ui.scene`).
Without a display, `run` says to use the terminal mode and returns 2.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import warnings

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
from attrs import define  # noqa: E402

from game.ui.assets import AssetError, MapOverlay, Palette, load_overlay, load_theme  # noqa: E402
from game.ui.map_data import CoastlineMap, MapAssetError, load_coastlines  # noqa: E402
from game.ui.scene import QUIT, Scene  # noqa: E402

TITLE = "Bargaining Chips"
DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
NO_DISPLAY = "error: no display for the game window; play in the terminal with 'python -m game text'"
HEADLESS_DRIVERS = ("offscreen", "dummy")


@define
class Settings:
    """What the settings screen changes; kept for the session."""

    labels: str = "forces"  # "forces": label sites with forces; "all": every site
    watch_delay: float = 0.6  # seconds between moves when watching two scripted opponents
    tooltips: bool = True


@define
class Resources:
    """Everything loaded from disk before the window opens."""

    theme: dict
    palette: Palette
    overlay: MapOverlay
    coastlines: CoastlineMap
    levels: tuple


def load_resources() -> Resources:
    """The assets and levels; AssetError / MapAssetError / LevelError name the broken file."""
    from game.content.levels import bundled_levels

    theme, palette = load_theme()
    return Resources(
        theme=theme,
        palette=palette,
        overlay=load_overlay(),
        coastlines=load_coastlines(),
        levels=bundled_levels(),
    )


@contextlib.contextmanager
def _stderr_held():
    """Hold what C code writes to stderr; the caller decides whether to pass it on."""
    held: list[str] = []
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # e.g. pytest's capture: nothing to hold
        yield held
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), fd)
        try:
            yield held
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            tmp.seek(0)
            text = tmp.read().decode("utf-8", "replace")
            if text:
                held.append(text)


def open_window(size: tuple[int, int] = DEFAULT_SIZE) -> pygame.Surface | None:
    """The window's surface, or None when there is no display to open it on.

    When the user has not chosen SDL_VIDEODRIVER and SDL falls back to a headless driver
    ("offscreen" or "dummy"), there is no display either: a window nobody can see is no use.
    """
    chosen = bool(os.environ.get("SDL_VIDEODRIVER"))
    with _stderr_held() as held:  # SDL complains on stderr while it looks for a display
        try:
            pygame.display.init()
            headless = not chosen and pygame.display.get_driver() in HEADLESS_DRIVERS
        except pygame.error:
            return None
    if headless:
        pygame.display.quit()
        return None
    if held:
        sys.stderr.write(held[0])
    try:
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
    except pygame.error:
        pygame.display.quit()
        return None
    pygame.display.set_caption(TITLE)
    try:
        with warnings.catch_warnings():  # pygame-ce warns that Window surfaces are new; we use none
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
    except (AttributeError, pygame.error):
        pass
    return surface


class App:
    def __init__(self, screen: pygame.Surface, resources: Resources, settings: Settings | None = None):
        self.screen = screen
        self.resources = resources
        self.settings = settings or Settings()
        self.size = self._fit(screen.get_size())
        self.manager = pygame_gui.UIManager(self.size, resources.theme)
        with warnings.catch_warnings():  # some of them the theme has loaded already
            warnings.simplefilter("ignore", UserWarning)
            self.manager.preload_fonts([
                {"name": "noto_sans", "point_size": size, "style": style, "antialiased": "1"}
                for size in (12, 13, 14, 15, 16) for style in ("bold", "italic", "bold_italic")
            ])
        self.clock = pygame.time.Clock()
        self.scene: Scene | None = None
        self.running = True

    @property
    def palette(self) -> Palette:
        return self.resources.palette

    @staticmethod
    def _fit(size) -> tuple[int, int]:
        return max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1]))

    # ---- scenes ----------------------------------------------------------------------------

    @staticmethod
    def _chain(scene: Scene | None) -> list[Scene]:
        out = []
        while scene is not None:
            out.append(scene)
            scene = scene.parent
        return out

    def switch(self, scene: Scene) -> None:
        """Make `scene` current: close the scenes it does not keep, build the ones not built."""
        keep = self._chain(scene)
        for old in self._chain(self.scene):
            if not any(old is k for k in keep):
                old.close()
        for s in reversed(keep):
            if s.size != self.size:
                s.layout(self.size)
        self.scene = scene

    def resize(self, size) -> None:
        self.size = self._fit(size)
        self.screen = pygame.display.get_surface() or self.screen
        self.manager.set_window_resolution(self.size)
        for s in reversed(self._chain(self.scene)):
            s.layout(self.size)

    # ---- the loop ----------------------------------------------------------------------------

    def frame(self, dt: float) -> bool:
        """One turn of the loop; False once the window should close."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
                continue
            if event.type == pygame.VIDEORESIZE:
                self.resize((event.w, event.h))
                continue
            self.manager.process_events(event)
            self._follow(self.scene.handle(event))
            if not self.running:
                break
        if self.running:
            self._follow(self.scene.update(dt))
            self.manager.update(dt)
            self.present()
        return self.running

    def present(self) -> None:
        """Draw the frame; if the window is smaller than the layout (below MIN_SIZE), crop it."""
        screen = pygame.display.get_surface() or self.screen
        self.screen = screen
        if screen.get_size() == self.size:
            self.draw(screen)
        else:
            canvas = pygame.Surface(self.size)
            self.draw(canvas)
            screen.blit(canvas, (0, 0))
        pygame.display.flip()

    def _follow(self, nxt) -> None:
        if nxt is QUIT:
            self.running = False
        elif nxt is not None and nxt is not self.scene:
            self.switch(nxt)

    def draw(self, surface: pygame.Surface) -> None:
        self.scene.draw(surface)
        self.manager.draw_ui(surface)

    def loop(self, max_frames: int | None = None) -> int:
        frames = 0
        while self.frame(self.clock.tick(60) / 1000.0):
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
        return 0


# ---- entry points ------------------------------------------------------------------------------


def _start(first_scene, max_frames: int | None = None) -> int:
    try:
        resources = load_resources()
    except (AssetError, MapAssetError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # LevelError: one problem per line
        for line in str(exc).splitlines() or ["a level could not be read"]:
            print(f"error: {line}", file=sys.stderr)
        return 2
    screen = open_window()
    if screen is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    pygame.font.init()
    try:
        app = App(screen, resources)
        app.switch(first_scene(app))
        return app.loop(max_frames)
    finally:
        pygame.quit()


def run(max_frames: int | None = None) -> int:
    """Open the window at the main menu; the exit status."""
    from game.ui.scenes.menu import MainMenu

    return _start(MainMenu, max_frames)


def play(side: str, opponent: str, difficulty: str, level: str, seed: int | None = None,
         max_frames: int | None = None) -> int:
    """Open the window on the briefing of a new game; a bad argument is `error: ...`, status 2."""
    from game.ai.registry import DIFFICULTIES, POLICIES
    from game.content.levels import LevelError, resolve_level
    from game.model.level import SIDES
    from game.ui.scenes.briefing import Briefing
    from game.ui.session import GameSetup, random_seed

    problem = None
    if side not in SIDES:
        problem = f"unknown side '{side}' (known: {', '.join(SIDES)})"
    elif opponent not in POLICIES:
        problem = f"unknown opponent '{opponent}' (known: {', '.join(sorted(POLICIES))})"
    elif difficulty not in DIFFICULTIES:
        problem = f"unknown difficulty '{difficulty}' (known: {', '.join(DIFFICULTIES)})"
    if problem is None:
        try:
            resolve_level(level)
        except LevelError as exc:
            problem = " ".join(str(exc).split())
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    seed = random_seed() if seed is None else seed
    setup = GameSetup.for_player(side, opponent, level, seed, difficulty)
    return _start(lambda app: Briefing(app, setup), max_frames)
