"""The game window: `run()` opens it at the main menu, `play(...)` straight into a game,
`watch(...)` on two scripted opponents playing each other.

The loop is pygame_gui's: `dt = clock.tick(60) / 1000` (the loop sleeps between frames), every
event to `manager.process_events` and then to the current scene's `handle`, `manager.update(dt)`,
the scene draws the world, `manager.draw_ui` draws the widgets on top, and a scene's
`draw_over` (focus outlines, the help overlay) goes over them. Scenes return the next scene (see
`game.ui.scene`). Without a display, `run` says to use the terminal mode and returns 2.

Keys that work on every screen are the App's: F1 opens the help overlay, M mutes the sound.
The settings (`game.ui.settings_store`) are read when the window opens and saved on each change;
the look (`game.ui.look`: text size, palette) is rebuilt when they change or when the window's
size calls for another text size.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import tempfile
import warnings

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
from attrs import define, evolve  # noqa: E402

from game.ui.assets import AssetError, MapOverlay, Palette, load_overlay, load_theme  # noqa: E402
from game.ui.look import Look, WindowManager, effective_scale, load_look  # noqa: E402
from game.ui.map_data import CoastlineMap, load_coastlines  # noqa: E402
from game.ui.scene import QUIT, Scene  # noqa: E402
from game.ui.settings_store import WINDOW_SIZES, Settings, SettingsFile, warn  # noqa: E402
from game.ui.sound import Sounds, cues, loudest  # noqa: E402

TITLE = "Bargaining Chips"
DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
NO_DISPLAY = "error: no display for the game window; play in the terminal with 'python -m game text'"
HEADLESS_DRIVERS = ("offscreen", "dummy")
FPS = 60
NOTICE_SECONDS = 1.6
COLLECT_EVERY = 10.0  # seconds between collections of dropped widgets (see App.settle)

__all__ = ["App", "Resources", "Settings", "load_resources", "open_window", "play", "run", "watch"]


@define
class Resources:
    """Everything loaded from disk before the window opens."""

    theme: dict
    palette: Palette
    overlay: MapOverlay
    coastlines: CoastlineMap
    levels: tuple
    experiments: tuple = ()  # (path, Level) of each experiment level: offered after the bundled ones


def load_resources() -> Resources:
    """The assets and levels; AssetError / LevelError name the broken file. A broken
    experiment level leaves the experiments out (the window says why on stderr), as the game
    can be played without them."""
    from game.content.levels import LevelError, bundled_levels, experiment_levels

    theme, palette = load_theme()
    try:
        experiments = tuple((str(path), level) for path, level in experiment_levels())
    except LevelError as e:
        print("\n".join(("the experiment levels are left out:",) + e.problems), file=sys.stderr)
        experiments = ()
    return Resources(
        theme=theme,
        palette=palette,
        overlay=load_overlay(),
        coastlines=load_coastlines(),
        levels=bundled_levels(),
        experiments=experiments,
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


def window_size_for(wanted: tuple[int, int]) -> tuple[int, int]:
    """`wanted`, or the largest standard size the desktop holds if it does not hold `wanted`."""
    try:
        if pygame.display.get_driver() in HEADLESS_DRIVERS:
            return wanted
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return wanted
    if wanted[0] <= desktop[0] and wanted[1] <= desktop[1]:
        return wanted
    fits = [s for s in WINDOW_SIZES if s[0] <= desktop[0] and s[1] <= desktop[1]]
    return fits[-1] if fits else DEFAULT_SIZE


def centre_window() -> None:
    """Put the window in the middle of the screen (after a change of size)."""
    try:
        with warnings.catch_warnings():  # pygame-ce warns that Window is new; only its position is used
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().position = pygame.WINDOWPOS_CENTERED
    except (AttributeError, pygame.error):
        pass


def open_window(size: tuple[int, int] = DEFAULT_SIZE) -> pygame.Surface | None:
    """The window's surface, or None when there is no display to open it on.

    When the user has not chosen SDL_VIDEODRIVER and SDL falls back to a headless driver
    ("offscreen" or "dummy"), there is no display either: a window nobody can see is no use.
    """
    chosen = bool(os.environ.get("SDL_VIDEODRIVER"))
    # The window's surface goes to the screen without OpenGL: SDL's default on X11 would load
    # libGL (and, without a GPU driver, Mesa's llvmpipe: ~100 MB and a slower start) to copy it.
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
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
        surface = pygame.display.set_mode(window_size_for(size), pygame.RESIZABLE)
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
    """The window's loop, its scenes, and what every screen shares: settings, look, sounds.

    `store` is where settings are saved (None: nowhere, e.g. in tests that do not ask for it).
    """

    def __init__(self, screen: pygame.Surface, resources: Resources, settings: Settings | None = None,
                 store: SettingsFile | None = None, sounds: Sounds | None = None):
        self.screen = screen
        self.base = resources  # as loaded: the theme at 100%, the standard palette
        self.settings = settings or Settings()
        self.store = store
        self.sounds = sounds or Sounds(volume=self.settings.volume, muted=self.settings.muted)
        self.size = self._fit(screen.get_size())
        self.look = self._look()
        self.resources = evolve(resources, theme=self.look.theme, palette=self.look.palette)
        self.manager = self._manager()
        self.clock = pygame.time.Clock()
        self.scene: Scene | None = None
        self.running = True
        self.after_frame: list = []  # called with the App after each frame is shown
        self.notice: tuple[str, float] | None = None  # a line shown for a moment (e.g. "Sound off")
        self._cues: list[str] = []
        self._followed = (None, None)  # (session, state) the sounds last heard
        self._collect_in = COLLECT_EVERY  # seconds to the next collection; 0: after this frame
        self.settled = False  # True once `settle` ran: collections are cheap from then on

    def settle(self) -> None:
        """Once the first screen is up: set what is loaded for good (levels, fonts, theme) aside
        from the garbage collector, so that its full passes cost a millisecond or two.

        pygame_gui widgets hold their pictures (a full-window panel: ~10 MB) in reference cycles,
        which only a full pass frees, and the collector cannot see how big they are; the App runs
        a pass after each screen change and every COLLECT_EVERY seconds.
        """
        gc.collect()
        gc.freeze()
        self.settled = True

    @property
    def palette(self) -> Palette:
        return self.look.palette

    @staticmethod
    def _fit(size) -> tuple[int, int]:
        return max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1]))

    # ---- the look ------------------------------------------------------------------------------

    def _look(self) -> Look:
        scale = effective_scale(self.settings.scale, self.size)
        try:
            return load_look(self.base.theme, self.settings.palette, scale)
        except AssetError as exc:
            warn(f"{exc}; using the standard palette")
            self.settings.palette = "standard"
            return load_look(self.base.theme, "standard", scale)

    def _manager(self) -> pygame_gui.UIManager:
        manager = WindowManager(self.size, self.look.theme)
        with warnings.catch_warnings():  # some of them the theme has loaded already
            warnings.simplefilter("ignore", UserWarning)
            manager.preload_fonts(self.look.preload())
        return manager

    def restyle(self, force: bool = False) -> bool:
        """Rebuild every scene in the look the settings and the window's size call for now."""
        scale = effective_scale(self.settings.scale, self.size)
        if not force and (scale, self.settings.palette) == (self.look.scale, self.look.palette_name):
            return False
        chain = self._chain(self.scene)
        for s in chain:
            s.close()
        self._collect_in = 0.0
        self.look = self._look()
        self.resources = evolve(self.base, theme=self.look.theme, palette=self.look.palette)
        self.manager = self._manager()
        for s in reversed(chain):
            again = getattr(s, "restyle", None)
            if again is not None:
                again()
            s.layout(self.size)
        return True

    # ---- settings --------------------------------------------------------------------------------

    def settings_changed(self) -> None:
        """Apply the settings (sound, look) and save them."""
        self.sounds.set_volume(self.settings.volume)
        self.sounds.set_muted(self.settings.muted)
        self.restyle()
        if self.store is not None:
            self.store.save(self.settings)

    def toggle_mute(self) -> None:
        self.settings.muted = not self.settings.muted
        self.settings_changed()
        if not self.sounds.enabled:
            self.say_briefly("No sound device: the game is silent")
        else:
            self.say_briefly("Sound off (M turns it on)" if self.settings.muted else "Sound on")
        if not self.settings.muted:
            self.cue("click")

    def say_briefly(self, text: str) -> None:
        self.notice = (text, NOTICE_SECONDS)

    def cue(self, name: str) -> None:
        """A sound for this frame (the loudest of a frame's cues is played)."""
        self._cues.append(name)

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
                self._collect_in = 0.0
        for s in reversed(keep):
            if s.size != self.size:
                s.layout(self.size)
        self.scene = scene

    def resize(self, size) -> None:
        self.size = self._fit(size)
        self.screen = pygame.display.get_surface() or self.screen
        if self.restyle():
            return
        self.manager.set_window_resolution(self.size)
        for s in reversed(self._chain(self.scene)):
            s.layout(self.size)

    # ---- the loop ----------------------------------------------------------------------------

    def typing(self) -> bool:
        """Whether a text box has the keyboard (then letters are text, not shortcuts)."""
        focus = self.manager.get_focus_set() or ()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) and e.is_focused for e in focus)

    def global_key(self, event) -> bool:
        """F1 and M, on every screen; True if the key was one of them."""
        if event.type != pygame.KEYDOWN or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        if event.key == pygame.K_F1:
            from game.ui.help_overlay import HelpOverlay

            self._follow(self.scene.parent if isinstance(self.scene, HelpOverlay) else HelpOverlay(self, self.scene))
            return True
        if event.key == pygame.K_m and not self.typing():
            self.toggle_mute()
            return True
        return False

    def frame(self, dt: float) -> bool:
        """One turn of the loop; False once the window should close."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
                continue
            if event.type == pygame.VIDEORESIZE:
                self.resize((event.w, event.h))
                continue
            if self.global_key(event):
                continue
            captured = getattr(self.scene, "captures_input", False)
            if not captured:
                self.manager.process_events(event)
            if event.type == pygame_gui.UI_BUTTON_PRESSED:
                self.cue("click")
            self._follow(self.scene.handle(event))
            if not self.running:
                break
        if self.running:
            self._follow(self.scene.update(dt))
            if not getattr(self.scene, "captures_input", False):
                self.manager.update(dt)
            self._listen()
            self.present()
            if self.notice is not None:
                text, left = self.notice
                self.notice = (text, left - dt) if left > dt else None
            for watcher in self.after_frame:
                watcher(self)
            self._collect_in -= dt
            if self._collect_in <= 0 and self.settled:
                gc.collect()
                self._collect_in = COLLECT_EVERY
        return self.running

    def _listen(self) -> None:
        """Play the loudest sound the frame asked for, or that the game's changes call for (once
        the scripted side has answered: its answer sounds as one change, as the screen shows it)."""
        chain = self._chain(self.scene)
        session = None
        for s in chain:
            session = getattr(s, "session", None)
            if session is not None:
                break
        if session is not None and not any(getattr(s, "thinking", False) for s in chain):
            was_session, was_state = self._followed
            state = session.state
            if was_session is session and was_state is not state:
                self._cues += cues(was_state, state, session.player)
            self._followed = (session, state)
        name = loudest(self._cues)
        self._cues.clear()
        if name is not None:
            self.sounds.play(name)

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
        over = getattr(self.scene, "draw_over", None)
        if over is not None:
            over(surface)
        if self.notice is not None:
            self._draw_notice(surface, self.notice[0])

    def _draw_notice(self, surface: pygame.Surface, text: str) -> None:
        font = self.manager.get_theme().get_font(["#status"])
        words = font.render_premul(text, pygame.Color(self.palette.colour("#map", "info_text")))
        pad = self.palette.size("margin")
        box = words.get_rect().inflate(3 * pad, 2 * pad)
        box.midtop = (surface.get_width() // 2, self.palette.size("hud_height") + pad)
        pygame.draw.rect(surface, self.palette.colour("#map", "info_bg"), box, border_radius=6)
        pygame.draw.rect(surface, self.palette.colour("#map", "info_border"), box, 1, border_radius=6)
        surface.blit(words, words.get_rect(center=box.center), special_flags=pygame.BLEND_PREMULTIPLIED)

    def loop(self, max_frames: int | None = None) -> int:
        """Run until the window closes; `clock.tick` sleeps the rest of each 1/60 s (no busy wait)."""
        frames = 0
        while self.frame(self.clock.tick(FPS) / 1000.0):
            frames += 1
            if max_frames is not None and frames >= max_frames:
                break
        return 0


# ---- entry points ------------------------------------------------------------------------------


def return_freed_memory() -> None:
    """Let freed window-sized surfaces go back to the system (glibc only; elsewhere nothing).

    glibc raises its mmap threshold each time a large block is freed, so that later blocks of
    that size come from the heap, which rarely shrinks: full-window layers made and dropped
    (covers, reports, map layers) then keep ~40 MB. A fixed threshold keeps it at 128 kB.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def _start(first_scene, max_frames: int | None = None, prepare=None) -> int:
    """Load, open the window at the saved size, run `first_scene(app)`; the exit status.

    `prepare(app)` may adjust the App before the loop (e.g. watching: the pace, screenshots)
    and return a function to call when the loop ends.
    """
    try:
        resources = load_resources()
    except AssetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # LevelError: one problem per line
        for line in str(exc).splitlines() or ["a level could not be read"]:
            print(f"error: {line}", file=sys.stderr)
        return 2
    return_freed_memory()
    # pygame_gui warns on stderr when a label is shorter than its text; a player can do nothing
    # about it (the window's tests see these warnings)
    warnings.filterwarnings("ignore", message="Label Rect is too small", category=UserWarning)
    store = SettingsFile()
    settings = store.load()
    screen = open_window(settings.window)
    if screen is None:
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    pygame.font.init()
    with _stderr_held():  # an absent sound device makes SDL complain: the game is silent then
        sounds = Sounds.open(settings.volume, settings.muted)
    done = None
    try:
        app = App(screen, resources, settings, store, sounds)
        app.switch(first_scene(app))
        app.after_frame.append(_settle_once)  # once the first frame is on the screen
        if prepare is not None:
            done = prepare(app)
        status = app.loop(max_frames)
        if done is not None:
            done()
        return status
    finally:
        pygame.quit()


def run(max_frames: int | None = None) -> int:
    """Open the window at the main menu; the exit status."""
    from game.ui.scenes.menu import MainMenu

    return _start(MainMenu, max_frames)


def _problem(level: str, difficulty: str, **opponents: str) -> str | None:
    """What is wrong with a game's arguments (None if nothing): one line."""
    from game.ai.registry import DIFFICULTIES, POLICIES
    from game.content.levels import LevelError, resolve_level

    for who, name in opponents.items():
        if name not in POLICIES:
            return f"unknown {who} '{name}' (known: {', '.join(sorted(POLICIES))})"
    if difficulty not in DIFFICULTIES:
        return f"unknown difficulty '{difficulty}' (known: {', '.join(DIFFICULTIES)})"
    try:
        resolve_level(level)
    except LevelError as exc:
        return " ".join(str(exc).split())
    return None


def play(side: str, opponent: str, difficulty: str, level: str, seed: int | None = None,
         max_frames: int | None = None) -> int:
    """Open the window on the briefing of a new game; a bad argument is `error: ...`, status 2."""
    from game.model.level import SIDES
    from game.ui.scenes.briefing import Briefing
    from game.ui.session import GameSetup, random_seed

    if side not in SIDES:
        problem = f"unknown side '{side}' (known: {', '.join(SIDES)})"
    else:
        problem = _problem(level, difficulty, opponent=opponent)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    seed = random_seed() if seed is None else seed
    setup = GameSetup.for_player(side, opponent, level, seed, difficulty)
    return _start(lambda app: Briefing(app, setup), max_frames)


def watch(us: str, china: str, level: str, seed: int, difficulty: str | None = None, fast: bool = False,
          screenshots: str | None = None, max_frames: int | None = None, china_difficulty: str | None = None) -> int:
    """Open the window on two scripted opponents playing each other, at a pace one can follow:
    the United States at `difficulty`, China at `china_difficulty` (the same if None).

    `fast`: no pauses between moves, and the window closes itself once the game is over.
    `screenshots`: a folder for a picture of each screen shown, each year (`2021-orders.png`).
    A bad argument is one `error: ...` line and status 2.
    """
    from pathlib import Path

    from game.ai.registry import DEFAULT_DIFFICULTY
    from game.ui.scenes.map_screen import MapScreen
    from game.ui.session import GameSetup, Session
    from game.ui.watch import ScreenRecorder

    difficulty = difficulty or DEFAULT_DIFFICULTY
    china_difficulty = china_difficulty or difficulty
    problem = (_problem(level, difficulty, **{"U.S. policy": us, "China policy": china})
               or _problem(level, china_difficulty))
    if problem is None and seed < 0:
        problem = f"--seed must be 0 or more (got {seed})"
    folder = Path(screenshots) if screenshots else None
    if problem is None and folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = f"cannot make the screenshots folder {folder}: {exc.strerror or exc}"
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    setup = GameSetup.for_watching(us, china, level, seed, difficulty, china_difficulty)

    def prepare(app: App):
        if fast:
            app.settings = evolve(app.settings, watch_delay=0.0)  # this run only: not saved
            app.store = None
            app.after_frame.append(_close_when_over(app.scene))
        if folder is None:
            return None
        recorder = ScreenRecorder(folder)
        app.after_frame.append(recorder)
        return recorder.finish

    return _start(lambda app: MapScreen(app, Session.start(setup, None), back=None), max_frames, prepare)


def _settle_once(app: App) -> None:
    app.after_frame.remove(_settle_once)
    app.settle()


def _close_when_over(scene, linger: float = 0.5):
    """After each frame: once the watched game is over, close the window `linger` seconds later."""
    left = [linger]

    def check(app: App) -> None:
        if scene.session.state.is_over:
            left[0] -= app.clock.get_time() / 1000.0 or 1 / FPS
            if left[0] <= 0:
                app.running = False

    return check
