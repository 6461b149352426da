"""`python -m game watch`: two scripted opponents in the window, their moves thought out off
the window's thread; --fast, --screenshots, and one `error:` line for a wrong flag.
"""

from __future__ import annotations

import threading
import time

import pygame
import pytest
from attrs import evolve

from game.cli import commands
from game.ui import app as window
from game.ai import profile
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.new_game import NewGame
from game.ui.session import GameSetup, Session
from game.ui.watch import MoveWorker, ScreenRecorder, screen_name

WATCH = GameSetup.for_watching("hardliner", "pragmatist", "tutorial", 3)


class SlowPolicy:
    """A policy that thinks for `seconds` before each move (the real one underneath)."""

    def __init__(self, policy, seconds: float):
        self.policy, self.seconds = policy, seconds
        self.threads: set[str] = set()

    def act(self, level, state, side):
        self.threads.add(threading.current_thread().name)
        time.sleep(self.seconds)
        return self.policy.act(level, state, side)


def test_wrong_flags_are_one_error_line(capsys):
    def flags(level="tutorial", us="hardliner", china="hardliner", seed="1", *more):
        return ["--level", level, "--us", us, "--china", china, "--seed", seed, *more]

    cases = [
        ([], "the following arguments are required"),
        (flags(us="nobody"), "unknown U.S. policy 'nobody'"),
        (flags(china="x"), "unknown China policy 'x'"),
        (flags(level="atlantis"), "unknown level 'atlantis'"),
        (flags(seed="-1"), "--seed must be 0 or more"),
        (flags(seed="one"), "invalid int value"),
        (flags("tutorial", "hardliner", "hardliner", "1", "--difficulty", "x"), "unknown difficulty 'x'"),
        (flags("tutorial", "hardliner", "hardliner", "1", "--china-difficulty", "y"), "unknown difficulty 'y'"),
        (flags("tutorial", "hardliner", "hardliner", "1", "--slow"), "unrecognized arguments: --slow"),
    ]
    for args, words in cases:
        assert commands.run(["watch", *args]) == 2, args
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: ") and words in err[0], (args, err)


def test_a_screenshots_folder_that_cannot_be_made(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    args = ["watch", "--level", "tutorial", "--us", "hardliner", "--china", "pragmatist", "--seed", "3",
            "--screenshots", str(blocker / "shots")]
    assert commands.run(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot make the screenshots folder")


def test_watch_fast_with_screenshots_plays_to_the_end_and_closes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    shots = tmp_path / "shots"
    seen = {}
    real_start = window._start

    def spy(first_scene, max_frames=None, prepare=None):
        def remember(app):
            seen["app"] = app
            return prepare(app)

        return real_start(first_scene, max_frames, remember)

    monkeypatch.setattr(window, "_start", spy)
    args = ["watch", "--level", "tutorial", "--us", "hardliner", "--china", "pragmatist", "--seed", "3",
            "--fast", "--screenshots", str(shots)]
    started = time.perf_counter()
    assert commands.run(args) == 0  # the window closed itself
    assert time.perf_counter() - started < 60
    app = seen["app"]
    session = app.scene.session
    assert session.state.is_over
    level = session.level
    names = sorted(p.name for p in shots.glob("*.png"))
    for year in range(level.start_year, session.state.year):
        assert f"{year}-orders.png" in names and f"{year}-talks.png" in names, names
    assert f"{session.state.year}-over.png" in names
    first = pygame.image.load(str(shots / f"{level.start_year}-orders.png"))
    assert first.get_size() == (1280, 720)
    assert not (tmp_path / "config").exists()  # --fast changed the pace for this run only: nothing saved


def test_the_watched_game_is_the_game_the_seed_gives(make_driver):
    """Moves thought out in the worker, one a frame: the same game as playing them in turn."""
    driver = make_driver(scene=lambda app: MapScreen(app, Session.start(WATCH)))
    app = driver.app
    app.settings = evolve(app.settings, watch_delay=0.0)
    scene = driver.scene
    for _ in range(2000):
        if scene.session.state.is_over:
            break
        driver.frames(1)
    direct = Session.start(WATCH)
    direct.run_scripted()
    assert scene.session.state.is_over and direct.state.is_over
    assert scene.session.game.log == direct.game.log
    assert scene.session.game.state_hash() == direct.game.state_hash()
    assert len(scene.panels["watch"].log) > 0
    assert scene.message[0].startswith("Game over")


def test_each_watched_side_may_have_a_difficulty_of_its_own(make_driver):
    driver = make_driver(scene=lambda app: NewGame(app, watch=True))
    scene = driver.scene
    rows = {c.label.text: c for c in scene.choices}
    assert rows["U.S. difficulty"].chosen == rows["China difficulty"].chosen == "normal"
    assert "Difficulty, both sides: Normal." in scene.summary.html_text
    while rows["China difficulty"].chosen != "hard":
        driver.click(rows["China difficulty"].next)
    summary = scene.summary.html_text
    assert "China difficulty: Hard." in summary and "U.S. difficulty: Normal." in summary
    setup = scene.setup()
    assert (setup.difficulty_of("us"), setup.difficulty_of("china")) == ("normal", "hard")
    session = Session.start(setup)
    hard, normal = (profile.difficulty(name) for name in ("hard", "normal"))
    assert session.policies["china"].difficulty == hard and session.policies["us"].difficulty == normal
    driver = make_driver(scene=lambda app: MapScreen(app, session))
    players = driver.scene.panels["watch"].players
    assert players["us"].text.endswith("(normal)") and players["china"].text.endswith("(hard)")


def test_a_slow_move_does_not_freeze_the_window(make_driver):
    session = Session.start(WATCH)
    slow = {side: SlowPolicy(p, 0.5) for side, p in session.policies.items()}
    session.policies.update(slow)
    driver = make_driver(scene=lambda app: MapScreen(app, session))
    app, scene = driver.app, driver.scene
    app.settings = evolve(app.settings, watch_delay=0.0)
    panel = scene.panels["watch"]
    frames = []
    started = time.perf_counter()
    while len(panel.log) < 2:
        t = time.perf_counter()
        driver.frames(1)
        frames.append(time.perf_counter() - t)
        assert time.perf_counter() - started < 10
    assert max(frames) < 0.1, f"a frame took {max(frames) * 1000:.0f} ms"
    assert len(frames) > 20  # the window went on drawing while the moves were thought out
    assert all(s.threads == {"scripted-move"} or not s.threads for s in slow.values())
    # the window answers keys while a move is being thought out: Space pauses at once
    assert panel.worker.busy or panel.worker.start(session)
    t = time.perf_counter()
    driver.key(pygame.K_SPACE, frames=1)
    assert panel.paused and time.perf_counter() - t < 0.1
    n = len(panel.log)
    deadline = time.perf_counter() + 3
    while panel.worker.busy and time.perf_counter() < deadline:
        driver.frames(1)
    assert len(panel.log) == n + 1  # the move asked for before the pause is not lost …
    driver.frames(5, dt=1.0)
    assert len(panel.log) == n + 1 and not panel.worker.busy  # … and no other follows it


def test_an_error_in_the_worker_reaches_the_window():
    session = Session.start(WATCH)

    class Broken:
        def act(self, level, state, side):
            raise RuntimeError("the policy broke")

    side = session.scripted_to_move()
    session.policies[side] = Broken()
    worker = MoveWorker()
    worker.start(session)
    with pytest.raises(RuntimeError, match="the policy broke"):
        for _ in range(100):
            worker.poll(session, wait=0.01)
    assert not worker.busy


def test_a_move_for_a_game_that_moved_on_is_dropped():
    session = Session.start(WATCH)
    worker = MoveWorker()
    worker.start(session, wait=1.0)
    session.step_scripted()  # the game moved on meanwhile (not how the window plays: a test of the guard)
    log = list(session.game.log)
    assert worker.poll(session, wait=1.0) is None
    assert session.game.log == log


def test_screen_names_and_the_recorder(make_driver, tmp_path):
    driver = make_driver(scene=lambda app: MapScreen(app, Session.start(WATCH)))
    scene = driver.scene
    assert screen_name(scene) == "orders"
    assert screen_name(None) is None
    recorder = ScreenRecorder(tmp_path)
    recorder(driver.app)
    recorder.finish()
    assert [p.name for p in recorder.saved] == [f"{scene.session.state.year}-orders.png"]
