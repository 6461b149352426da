"""Figures for the game window, headless (SDL's dummy video and audio drivers):
`python bench/ui_bench.py [--only 1,5] [--frames N] [--runs N] [--json PATH]`.

  1. map screen frame time at 1280 × 720: p50 / p99 / max of `App.frame` (events, update, draw,
     flip) while the mouse sweeps over the map and the side panel (hover boxes come and go);
     also the p99 of the frame's CPU time (`thread_time`), which other busy processes on the
     machine do not inflate
  2. cold start to the main menu: a fresh `python` process, from its start to the first menu
     frame on the screen (median of --runs)
  3. memory: peak resident set size (RSS) of a fresh process playing whole years through the
     window (real key presses and clicks: orders, End orders, the talks, the year-end reports)
  4. the loop sleeps: CPU time over wall time while the map screen idles in `App.loop`
     (`clock.tick(60)` sleeps the rest of each frame; a busy loop would be near 100%)
  5. the window answers while the opponent thinks: the longest frame (and the p99) of whole
     games played through the window against a hard opponent, with the same real key presses
     and clicks as figure 3; every frame counts, the opponent's moves, the year-end reports and
     the autosaves included; also in CPU time, how many frames took more than 40 ms of CPU,
     and the opponent's longest turn (all its moves until the player's next move, however many
     frames they were spread over) in CPU time
  6. the heavy screens, frame by frame: from the briefing's Begin until the game's map is up
     (the map screen's modules loaded cold, its map, panels and first picture: "Preparing the
     game…" a part a frame); the negotiation table's opening (a part a frame behind "Preparing
     the table…") and its answers (the other side's thinking and the table brought up to date
     in place), proposing at formal talks an offer it answers without signing; the longest
     frame of each, in CPU and in wall time

Prints each figure with its target and PASS/MISS; `--only` runs some of them (`--only 5`).
Figures 2–6 run in child processes (`--child NAME`) so that each starts cold, with their
settings and saves in a fresh temporary folder. See docs/PERFORMANCE.md, "Window".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()  # as early as this file can: the child's "process start"
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEADLESS = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
SETUP = ("us", "hardliner", "baseline-2020", 7)  # side, opponent, level, seed
HARD = "hard"  # the difficulty of the opponent in figure 5
PACE = 30  # frames between the played games' key presses and clicks
TARGETS = {"frame_p99_ms": 4.0, "cold_start_s": 1.0, "rss_mb": 200.0, "idle_cpu_share": 0.5,
           "answer_max_ms": 100.0, "screen_cpu_ms": 50.0}
BIG_FRAME_MS = 40.0  # figure 5 counts the frames that take more CPU time than this


def _headless() -> None:
    os.environ.update(HEADLESS)


def _app(size=(1280, 720), scene=None):
    """An App on the dummy display with `scene(app)` current (the main menu by default)."""
    import pygame

    from game.ui.app import App, load_resources
    from game.ui.scenes.menu import MainMenu

    pygame.display.init()
    pygame.font.init()
    app = App(pygame.display.set_mode(size, pygame.RESIZABLE), load_resources())
    app.switch((scene or MainMenu)(app))
    return app


def _map_screen(app, seed: int = SETUP[3], difficulty: str | None = None):
    from game.ai.registry import DEFAULT_DIFFICULTY
    from game.ui.scenes.map_screen import MapScreen
    from game.ui.session import GameSetup, Session

    side, opponent, level, _ = SETUP
    setup = GameSetup.for_player(side, opponent, level, seed, difficulty or DEFAULT_DIFFICULTY)
    return MapScreen(app, Session.start(setup))


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ---- 1. frame time -----------------------------------------------------------------------------------


def frame_times(frames: int) -> dict:
    import numpy as np
    import pygame

    _headless()
    app = _app(scene=_map_screen)
    scene = app.scene
    for _ in range(60):  # warm: fonts, the map's cached layers
        app.frame(1 / 60)
    x0, y0, w, h = app.size[0] * 0.02, app.size[1] * 0.1, app.size[0] * 0.96, app.size[1] * 0.85
    sites = [(int(x + scene.map.rect.x), int(y + scene.map.rect.y)) for x, y in scene.map.site_px]
    times, cpu = [], []
    hovering = 0
    for i in range(frames):
        if i % 4 == 0 and sites:  # every fourth frame onto a site: its hover box
            pos = sites[(i // 4) % len(sites)]
        else:
            t = (i % 240) / 240
            pos = (int(x0 + w * t), int(y0 + h * (0.5 + 0.45 * np.sin(2 * np.pi * t * 3))))
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0)))
        start, start_cpu = time.perf_counter(), time.thread_time()
        app.frame(1 / 60)
        times.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        hovering += scene.hover is not None
    ms, cpu_ms = np.array(times) * 1000, np.array(cpu) * 1000
    return {"frames": frames, "hover_share": round(hovering / frames, 2), "map_redraws": scene.map_frame.redraws,
            "frame_p50_ms": round(float(np.percentile(ms, 50)), 2),
            "frame_p99_ms": round(float(np.percentile(ms, 99)), 2),
            "frame_max_ms": round(float(ms.max()), 2),
            "frame_cpu_p99_ms": round(float(np.percentile(cpu_ms, 99)), 2)}


# ---- 2-4. in fresh processes ------------------------------------------------------------------------------


def child_cold() -> None:
    """Open the window at the main menu the way `python -m game` does; report the first frame."""
    _headless()
    from game.ui import app as window

    def one_frame(self, max_frames=None):
        self.frame(1 / 60)
        print(json.dumps({"ready_s": time.perf_counter() - T0}), flush=True)
        return 0

    window.App.loop = one_frame
    window.run()


def _click(widget) -> None:
    import pygame

    pos = widget.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


class Player:
    """Plays the map screen's side with real events, one act every PACE frames (about twice a
    second: pygame_gui settles in between): tabs and End orders in the orders (Enter confirms),
    saying nothing more in the talks, Escape on the year-end report and any other cover."""

    TABS = ("1", "2", "3", "4")

    def __init__(self, app):
        self.app = app
        self.scene = app.scene
        self.frames = 0
        self.acts = 0

    def _key(self, name: str) -> None:
        import pygame

        k = pygame.key.key_code(name)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))

    def frame(self) -> None:
        """One frame of the loop, and the player's act if one is due after it."""
        self.frames += 1
        self.app.frame(1 / 60)
        if self.frames % PACE:
            return
        self.acts += 1
        app, scene = self.app, self.scene
        if type(app.scene).__name__ == "Confirm":  # "End your orders?": yes (the default)
            self._key("return")
        elif app.scene is not scene:  # a year-end report or another cover: close it
            self._key("escape")
        elif scene.panel_kind == "orders":
            self._key("e" if self.acts % 5 == 0 else self.TABS[self.acts % 4])
        elif scene.panel_kind == "talks":
            talks = scene.panels["talks"]
            quiet = [b for b, a in talks.actions.items()
                     if type(a).__name__ in ("EndTalks", "RejectTalks", "RejectDeal") and b.alive()]
            if quiet:
                _click(quiet[0])


def child_memory(years: int) -> None:
    """Play `years` years through the window with real events; report the peak RSS."""
    _headless()
    from game.ui.app import return_freed_memory

    return_freed_memory()  # as `python -m game` does
    app = _app(scene=_map_screen)
    app.settle()
    player = Player(app)
    session = player.scene.session
    peak = _rss_mb()
    start_year = session.state.year
    while session.state.year < start_year + years and not session.state.is_over and player.frames < 60000:
        player.frame()
        if player.frames % 10 == 0:
            peak = max(peak, _rss_mb())
    import resource

    peak = max(peak, _rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps({"rss_mb": round(peak, 1), "years": session.state.year - start_year,
                      "memory_frames": player.frames}), flush=True)


def child_answer(games: int) -> None:
    """Play `games` whole games against a hard opponent through the window; the frame times."""
    import numpy as np

    _headless()
    from game.ui.session import Session

    times, cpu = [], []
    turn, longest = [0.0], [0.0]  # the opponent's current turn and its longest, CPU seconds
    run_scripted, play = Session.run_scripted, Session.play

    def timed(session, *args, **kwargs):  # this process only: the opponent's moves, timed
        start = time.thread_time()
        moves = run_scripted(session, *args, **kwargs)
        turn[0] += time.thread_time() - start
        longest[0] = max(longest[0], turn[0])
        return moves

    def played(session, action):  # the player's move: the opponent's next turn starts
        turn[0] = 0.0
        play(session, action)

    Session.run_scripted, Session.play = timed, played
    for seed in range(games):
        app = _app(scene=lambda app, seed=seed: _map_screen(app, seed, HARD))
        app.settle()
        player = Player(app)
        session = player.scene.session
        while not session.state.is_over and player.frames < 60000:
            start, start_cpu = time.perf_counter(), time.thread_time()
            player.frame()
            times.append(time.perf_counter() - start)
            cpu.append(time.thread_time() - start_cpu)
    ms, cpu_ms = np.array(times) * 1000, np.array(cpu) * 1000
    print(json.dumps({"answer_games": games, "answer_frames": len(times),
                      "answer_p99_ms": round(float(np.percentile(ms, 99)), 2),
                      "answer_max_ms": round(float(ms.max()), 2),
                      "answer_cpu_p99_ms": round(float(np.percentile(cpu_ms, 99)), 2),
                      "answer_cpu_max_ms": round(float(cpu_ms.max()), 2),
                      "answer_cpu_big_frames": int((cpu_ms > BIG_FRAME_MS).sum()),
                      "opponent_cpu_max_ms": round(longest[0] * 1000, 2)}), flush=True)


def child_screens(runs: int) -> None:
    """Begin from the briefing `runs` times (the first with the modules cold), then at formal
    talks open the table and propose an offer the other side answers at the table; the longest
    frame of each, wall and CPU."""
    _headless()
    from game.ai.registry import make_factory
    from game.ui.scenes.briefing import Briefing
    from game.ui.session import GameSetup, Session

    setup = GameSetup.for_player("us", "pragmatist", "baseline-2020", 0)  # formal talks in 2026

    def longest(app, done, after: int = 3) -> tuple[float, float]:
        """Frames until `done()` and `after` more: the longest, wall and CPU (ms)."""
        wall = cpu = 0.0
        left = after
        while left > 0:
            start, start_cpu = time.perf_counter(), time.thread_time()
            app.frame(1 / 60)
            wall, cpu = max(wall, time.perf_counter() - start), max(cpu, time.thread_time() - start_cpu)
            left -= 1 if done() else 0
        return wall * 1000, cpu * 1000

    begin = []
    for _ in range(runs):
        app = _app(scene=lambda app: Briefing(app, setup))
        app.settle()
        app.frame(1 / 60)
        _click(app.scene.begin)
        begin.append(longest(app, lambda: type(app.scene).__name__ == "MapScreen"))
    from game.ui.scenes.map_screen import MapScreen

    opened, answered = [], []
    for _ in range(runs):
        session, me = Session.start(setup), make_factory("pragmatist")(1)
        session.run_scripted()
        t = session.state.talks
        while not (session.state.phase == "talks" and t.stage == "formal" and t.turn == "us" and t.awaiting is None):
            session.play(me.act(session.level, session.state, session.player))
            session.run_scripted()
            t = session.state.talks
        app = _app(scene=lambda app: MapScreen(app, session))
        app.settle()
        app.frame(1 / 60)
        screen = app.scene
        _click(screen.panels["talks"].table)

        def ready() -> bool:
            return app.scene is not screen and not app.scene.preparing

        opened.append(longest(app, ready))
        table = app.scene
        _click(table.rows["df26"].kind.next)  # a one-sided cut of China's: answered, not signed
        longest(app, lambda: True)
        for _ in range(3):  # proposed again and again while the talks go on
            _click(table.propose)
            times = longest(app, lambda: app.scene is not table or not (table.thinking or table.preparing))
            if app.scene is not table:  # the talks are over for the year: autosave and the year's report
                break
            answered.append(times)
    figures = {"screen_runs": runs, "table_answers": len(answered)}
    for name, times in (("begin", begin), ("table_open", opened), ("table_answer", answered)):
        figures[f"{name}_max_ms"] = round(max(w for w, _ in times), 2)
        figures[f"{name}_cpu_max_ms"] = round(max(c for _, c in times), 2)
    print(json.dumps(figures), flush=True)


def child_idle(frames: int) -> None:
    """The map screen in the real loop (`clock.tick(60)`); CPU time over wall time."""
    _headless()
    app = _app(scene=_map_screen)
    app.loop(max_frames=30)  # warm
    wall, cpu = time.perf_counter(), time.process_time()
    app.loop(max_frames=frames)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"idle_cpu_share": round(cpu / wall, 3), "idle_fps": round(frames / wall, 1)}), flush=True)


def run_child(name: str, *args: str) -> dict:
    home = tempfile.mkdtemp(prefix="ui-bench-")  # settings and autosaves: not the user's
    env = dict(os.environ, **HEADLESS, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
    out = subprocess.run([sys.executable, __file__, "--child", name, *args], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_start(runs: int) -> dict:
    import_times = []
    for _ in range(runs):
        started = time.perf_counter()
        run_child("cold")
        import_times.append(time.perf_counter() - started)  # process start + imports + first frame
    return {"cold_start_s": round(statistics.median(import_times), 3), "cold_start_max_s": round(max(import_times), 3),
            "cold_runs": runs}


# ---- the report -------------------------------------------------------------------------------------------


def verdict(name: str, value: float) -> str:
    return "PASS" if value <= TARGETS[name] else "MISS"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=3000, help="frames timed on the map screen (default 3000)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time (default 5)")
    parser.add_argument("--years", type=int, default=5, help="years played for the memory figure (default 5)")
    parser.add_argument("--games", type=int, default=2,
                        help="whole games against a hard opponent for the answering figure (default 2)")
    parser.add_argument("--only", metavar="N,N", default="1,2,3,4,5,6",
                        help="the figures to run, by number (default all: 1,2,3,4,5,6)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures to PATH")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "cold":
        child_cold()
        return 0
    children = {"memory": child_memory, "idle": child_idle, "answer": child_answer, "screens": child_screens}
    if args.child is not None:
        children[args.child](int(args.rest[0]))
        return 0

    wanted = {int(n) for n in args.only.split(",") if n.strip()}
    figures = {}
    rows = []
    if 1 in wanted:
        figures.update(frame_times(args.frames))
        rows += [
            ("map screen frame p99 (1280×720)", f"{figures['frame_p99_ms']:.2f} ms", "≤ 4 ms",
             verdict("frame_p99_ms", figures["frame_p99_ms"]),
             f"p50 {figures['frame_p50_ms']:.2f} ms, max {figures['frame_max_ms']:.2f} ms; {figures['frames']} "
             f"frames, hover box in {figures['hover_share']:.0%}, map redrawn {figures['map_redraws']}×"),
            ("map screen frame p99, CPU time", f"{figures['frame_cpu_p99_ms']:.2f} ms", "≤ 4 ms",
             verdict("frame_p99_ms", figures["frame_cpu_p99_ms"]), "the same frames, time on the CPU only "
             "(other busy processes inflate the wall time, not this)"),
        ]
    if 2 in wanted:
        figures.update(cold_start(args.runs))
        rows.append(("cold start to the main menu", f"{figures['cold_start_s']:.2f} s", "< 1 s",
                     verdict("cold_start_s", figures["cold_start_s"]),
                     f"median of {figures['cold_runs']}, max {figures['cold_start_max_s']:.2f} s"))
    if 3 in wanted:
        figures.update(run_child("memory", str(args.years)))
        rows.append(("peak RSS playing through the window", f"{figures['rss_mb']:.0f} MB", "< 200 MB",
                     verdict("rss_mb", figures["rss_mb"]),
                     f"{figures['years']} years, {figures['memory_frames']} frames"))
    if 4 in wanted:
        figures.update(run_child("idle", "180"))
        rows.append(("CPU while the map idles", f"{figures['idle_cpu_share']:.0%}", "sleeps (≤ 50%)",
                     verdict("idle_cpu_share", figures["idle_cpu_share"]), f"{figures['idle_fps']:.0f} frames/s"))
    if 5 in wanted:
        figures.update(run_child("answer", str(args.games)))
        rows += [
            ("longest frame, games v. a hard opponent", f"{figures['answer_max_ms']:.0f} ms", "≤ 100 ms",
             verdict("answer_max_ms", figures["answer_max_ms"]),
             f"p99 {figures['answer_p99_ms']:.1f} ms; {figures['answer_games']} games, "
             f"{figures['answer_frames']} frames"),
            ("longest frame v. a hard opponent, CPU time", f"{figures['answer_cpu_max_ms']:.0f} ms", "≤ 100 ms",
             verdict("answer_max_ms", figures["answer_cpu_max_ms"]),
             f"p99 {figures['answer_cpu_p99_ms']:.1f} ms; {figures['answer_cpu_big_frames']} frames over "
             f"{BIG_FRAME_MS:.0f} ms; the opponent's longest turn {figures['opponent_cpu_max_ms']:.0f} ms, "
             f"spread over frames"),
        ]
    if 6 in wanted:
        figures.update(run_child("screens", "3"))
        rows += [(f"longest frame, {what}, CPU time", f"{figures[f'{name}_cpu_max_ms']:.0f} ms", "≤ 50 ms",
                  verdict("screen_cpu_ms", figures[f"{name}_cpu_max_ms"]),
                  f"wall {figures[f'{name}_max_ms']:.0f} ms; {figures['screen_runs']} runs{more}")
                 for what, name, more in (("Begin to the map", "begin", ", the first with cold modules"),
                                          ("the table opening", "table_open", ""),
                                          ("the table's answers", "table_answer",
                                           f", {figures['table_answers']} answers"))]
    figures["load_average"] = round(os.getloadavg()[0], 2)
    figures["cpus"] = os.cpu_count()
    print(f"python {sys.version.split()[0]}, {figures['cpus']} CPUs, load average {figures['load_average']} "
          f"(1 min), headless (SDL dummy drivers)")
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4])
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
