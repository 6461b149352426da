"""Watching two scripted opponents: their moves thought out off the window's thread, and the
pictures `python -m game watch --screenshots DIR` saves.

`MoveWorker` asks a side's policy for its move in a worker thread. The state is immutable, so
the thread reads the very state the window draws; only the policy (and its random generator)
is the thread's while it thinks. The window polls the worker once a frame and applies a finished
move itself, so the game changes only on the window's thread, and the window keeps answering
while a slow move is thought out. Moves are applied in the order asked for, and none is dropped
while its game goes on: the same seed replays the same game, paused or not.

`ScreenRecorder` saves the last frame of each screen shown, each year: `2021-orders.png`,
`2021-talks.png`, ..., `2032-over.png`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pygame

FIRST_WAIT = 0.03  # seconds to wait for a move just asked for (most take a millisecond)
POLL_WAIT = 0.004  # seconds to wait for one still being thought out, once a frame


class MoveWorker:
    def __init__(self):
        self._thread: threading.Thread | None = None
        self._job = None  # (session, state, side)
        self._result = None  # ("ok", action) or ("error", exception)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, session, wait: float = FIRST_WAIT) -> bool:
        """Ask for the next scripted move of `session` (False if nobody scripted is to move)."""
        if self.busy:
            return True
        side = session.scripted_to_move()
        if side is None:
            return False
        state, level, policy = session.state, session.level, session.policies[side]
        self._job = (session, state, side)
        self._result = None

        def think() -> None:
            try:
                self._result = ("ok", policy.act(level, state, side))
            except BaseException as exc:  # handed to the window's thread by `poll`
                self._result = ("error", exc)

        self._thread = threading.Thread(target=think, name="scripted-move", daemon=True)
        self._thread.start()
        self._thread.join(wait)
        return True

    def poll(self, session, wait: float = POLL_WAIT):
        """The finished move applied to `session`, as (year, side, action); None if not ready."""
        if self._job is None:
            return None
        self._thread.join(wait)
        if self._thread.is_alive():
            return None
        (asked, state, side), (kind, value) = self._job, self._result
        self._job, self._result, self._thread = None, None, None
        if kind == "error":
            raise value
        if asked is not session or session.state is not state:
            return None  # the game it was for is gone or has moved on
        year = state.year
        session.game.apply(side, value)
        return year, side, value


# ---- pictures of each screen ----------------------------------------------------------------------


def screen_name(scene) -> str | None:
    """What a scene shows, for a file name: the phase on the map, else the scene's own name."""
    if scene is None or getattr(scene, "session", None) is None:
        return None
    own = getattr(scene, "shot_name", None)
    if own:
        return own
    if type(scene).__name__ == "MapScreen":
        state = scene.session.state
        return "over" if state.is_over else state.phase
    return type(scene).__name__.lower()


class ScreenRecorder:
    """After each frame: remember it; when the screen or year changes, save the last frame of the
    one before as DIR/YEAR-NAME.png. `finish()` saves the last one."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.key: tuple[int, str] | None = None
        self.frame: pygame.Surface | None = None
        self.saved: list[Path] = []

    def __call__(self, app) -> None:
        scene = app.scene
        name = screen_name(scene)
        if name is None:
            return
        key = (scene.session.state.year, name)
        if key != self.key:
            self._save()
            self.key = key
        surface = pygame.display.get_surface() or app.screen
        if self.frame is None or self.frame.get_size() != surface.get_size():
            self.frame = surface.copy()
        else:
            self.frame.blit(surface, (0, 0))

    def _save(self) -> None:
        if self.key is None or self.frame is None:
            return
        year, name = self.key
        path = self.folder / f"{year}-{name}.png"
        pygame.image.save(self.frame, str(path))
        self.saved.append(path)

    def finish(self) -> None:
        self._save()
        self.key = None
