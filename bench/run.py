"""Performance benchmarks for Bargaining Chips: `python bench/run.py [--quick]`.

Measures, on one core (BLAS threads forced to 1, the process pinned to one CPU):

  1. scoring one state (`score(level, world_of(level, state))`) and `assess(level, state)`
  2. scoring a batch of 1,000 states in one vectorised call
  3. random-policy full games per second
  4. scripted AI-vs-AI full games per second (normal difficulty, every personality pairing)
  5. decision time of scripted opponents at hard difficulty (every `policy.act` call)
  6. a 10,000-game tournament with `python -m game simulate --tournament --jobs 2`, timed
     whole (about two minutes; `--quick` times 16 games and extrapolates), only if the command
     line has `--jobs`
  7. terminal-mode command latency (`game.text`), only if the terminal game is there

Benchmarks 3 to 5 play their games with the cycle collector set as `python -m game simulate`
sets it for the games it plays (`game.cli.simulate.tuned_collector`: what is loaded before the
first game frozen, and the collector off, since games make no reference cycles); the others run
with Python's defaults (#7 with what the earlier benchmarks left set aside from the collector, as
a terminal game's own process would not hold it).

Prints a table with each figure, its target and PASS/MISS (SKIP when a benchmark cannot run,
ERROR when it broke; the exit status is 1 if any broke) and writes the figures to
bench/results.json (`--out` elsewhere). `--quick` runs a reduced version in seconds (a smoke
test: its figures are too small a sample to judge by). `--only 1,3` picks benchmarks;
`--profile` runs them under cProfile and writes bench/profile-N.txt. See docs/PERFORMANCE.md.
"""

from __future__ import annotations

import os

# One core: BLAS and OpenMP pools of one thread. This must happen before numpy is imported.
# The tournament (#6) runs the real command line with the environment as it was given.
USER_ENV = dict(os.environ)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import gc  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import timeit  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from game.ai.match import game_seeds, play  # noqa: E402
from game.ai.registry import PERSONALITIES, make_factory  # noqa: E402
from game.cli.simulate import tuned_collector  # noqa: E402
from game.content.levels import resolve_level  # noqa: E402
from game.model.assessment import assess  # noqa: E402
from game.model.game import Game  # noqa: E402
from game.model.scoring import score, stack  # noqa: E402
from game.model.world import world_of  # noqa: E402

LEVEL = "baseline-2020"
SEED = 20240601
ROUND = [0]  # the current round of --repeat: each round plays games of its own (so no round
             # finds the previous round's states in the game's caches)


def seed(offset: int) -> int:
    return SEED + offset + 7919 * ROUND[0]
TOURNAMENT_GAMES = 10_000
TOURNAMENT_QUICK_SAMPLE = 16  # games --quick times for #6 (the full run times all 10,000)
TOURNAMENT_POLICIES = ("pragmatist", "hardliner")  # --us, --china when simulate has no --tournament
SCRIPTED = ("hardliner", "pragmatist", "reciprocator", "opportunist")  # the personalities of #4 and #5
TERMINAL_ARGS = ["--side", "us", "--opponent", "pragmatist", "--difficulty", "hard",
                 "--level", LEVEL, "--seed", "3"]
# What a player types in the terminal game, phase by phase: requests, orders, talks. Each new
# prompt of a phase starts its list again; when a list runs out the player says "reject" and
# "end" until the phase changes. Commands the rules refuse still get an answer (one sentence),
# which is timed too.
TERMINAL_SCRIPT = {
    "orders": ["status", "legal", "index leverage", "index risk", "help", "help offer",
               "research glcm full", "consult japan", "pledge philippines", "orders", "undo",
               "deploy air guam all", "signal talks", "signal reassure", "end"],
    "talks": ["menu", "legal", "index talks", "propose-talks", "accept", "offer 1", "end"],
    "offer": [""],  # the step-by-step offer builder: an empty line proposes (or drops) it
}
TERMINAL_FALLBACK = ("reject", "end")
TERMINAL_MAX_COMMANDS = 600

# Targets: (comparison, threshold, unit). A figure passes when `value <op> threshold`.
TARGETS = {
    "score_one": ("<", 100.0, "µs"),
    "score_batch": ("<", 10.0, "ms"),
    "random_games": (">=", 200.0, "games/s"),
    "ai_games": (">=", 50.0, "games/s"),
    "decision_p99": ("<", 50.0, "ms"),
    "tournament": ("<", 120.0, "s"),
    "terminal": ("<", 100.0, "ms"),
}

KEYS = dict(enumerate(TARGETS, start=1))  # benchmark number -> its key in TARGETS


# ---- helpers ----------------------------------------------------------------------------------


def pin_one_core(cpu: int | None) -> int | None:
    """Pin this process to one CPU (the last allowed one unless `cpu` is given)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    chosen = cpu if cpu is not None else allowed[-1]
    os.sched_setaffinity(0, {chosen})
    return chosen


def stats(samples, scale: float = 1.0) -> dict[str, float]:
    a = np.asarray(samples, dtype=float) * scale
    return {
        "n": int(a.size),
        "median": float(np.median(a)),
        "p99": float(np.percentile(a, 99)),
        "max": float(a.max()),
        "mean": float(a.mean()),
    }


def blocked_stats(samples, scale: float, blocks: int = 5) -> dict[str, float]:
    """`stats`, plus a p99 robust to the odd pre-emption of a shared machine: the median of
    the p99s of `blocks` consecutive blocks of calls ("p99_all" is the p99 of every call)."""
    out = stats(samples, scale)
    a = np.asarray(samples, dtype=float) * scale
    parts = np.array_split(a, blocks)
    out["p99_all"] = out["p99"]
    out["p99"] = float(np.median([np.percentile(p, 99) for p in parts]))
    return out


def verdict(key: str, value: float | None) -> str:
    if value is None:
        return "SKIP"
    op, threshold, _ = TARGETS[key]
    ok = value < threshold if op == "<" else value >= threshold
    return "PASS" if ok else "MISS"


def target_text(key: str) -> str:
    op, threshold, unit = TARGETS[key]
    return f"{'<' if op == '<' else '≥'} {threshold:g} {unit}"


def random_states(level, games: int, seed: int) -> list:
    """Every state (the first included) of `games` random-policy games, as `match.play` plays them."""
    states = []
    us, china = make_factory("random"), make_factory("random")
    for game_seed in game_seeds(seed, games):
        us_seed, china_seed = (int(s) for s in np.random.SeedSequence([game_seed, 1]).generate_state(2, dtype=np.uint32))
        players = {"us": us(us_seed), "china": china(china_seed)}
        game = Game.new(level, game_seed)
        states.append(game.state)
        while not game.over:
            side = game.to_move()[0]
            game.apply(side, players[side].act(level, game.state, side))
            states.append(game.state)
    return states


def per_call(fn, args: list, calls: int, warmup: int) -> list[float]:
    """Seconds of each of `calls` calls of fn(*a), cycling through `args` (after a warm-up)."""
    n = len(args)
    for i in range(warmup):
        fn(*args[i % n])
    clock = time.perf_counter_ns
    out = []
    for i in range(calls):
        a = args[i % n]
        t0 = clock()
        fn(*a)
        out.append(clock() - t0)
    return [t * 1e-9 for t in out]


def pairings() -> list[tuple[str, str]]:
    """Every (U.S., China) pairing of the scripted personalities this build has."""
    names = [n for n in SCRIPTED if n in PERSONALITIES]
    return [(a, b) for a in names for b in names]


# ---- the benchmarks ---------------------------------------------------------------------------


def bench_score_one(level, states, quick: bool) -> dict:
    rng = np.random.default_rng(SEED)
    # Every timed call gets a state of its own, so a cache in the model could not flatter it.
    calls = min(len(states), 300 if quick else 5000)
    pick = [states[int(i)] for i in rng.permutation(len(states))[:calls]]
    both = per_call(lambda s: score(level, world_of(level, s)), [(s,) for s in pick], calls, 20)
    worlds = [(world_of(level, s),) for s in pick]
    only_score = per_call(lambda w: score(level, w), worlds, calls, 20)
    only_world = per_call(lambda s: world_of(level, s), [(s,) for s in pick], calls, 20)
    assessed = per_call(lambda s: assess(level, s), [(s,) for s in pick], calls, 20)
    one = blocked_stats(both, 1e6)
    a = blocked_stats(assessed, 1e6)
    # timeit-style as well: the best of 5 runs of many calls, mean per call (robust to noise).
    number = 100 if quick else 1000
    best = min(timeit.repeat(lambda: [score(level, world_of(level, s)) for s in pick[:number]],
                             number=1, repeat=3 if quick else 5)) / min(number, len(pick))
    return {
        "id": 1,
        "key": "score_one",
        "name": "Score one state: score(world_of(state))",
        "value": one["median"],
        "unit": "µs",
        "shown": f"median {one['median']:.0f} µs, p99 {one['p99']:.0f} µs",
        "judged_on": "median",
        "details": {
            "score_world_of_us": one,
            "score_only_us": stats(only_score, 1e6),
            "world_of_only_us": stats(only_world, 1e6),
            "assess_us": a,
            "timeit_best_mean_us": best * 1e6,
            "distinct_states": len(pick),
        },
        "note": (f"timeit-style best of {3 if quick else 5} × {min(number, len(pick))} calls: {best * 1e6:.0f} µs/call; "
                 f"score alone median {stats(only_score, 1e6)['median']:.0f} µs, world_of alone "
                 f"{stats(only_world, 1e6)['median']:.0f} µs; p99 = median of 5 blocks' p99 (p99 of all "
                 f"calls: {one['p99_all']:.0f} µs, assess {a['p99_all']:.0f} µs)"),
        "extra_rows": [
            ("1b", "assess(level, state) with breakdowns", f"median {a['median']:.0f} µs, p99 {a['p99']:.0f} µs",
             target_text("score_one"), verdict("score_one", a["median"])),
        ],
    }


def bench_score_batch(level, states, quick: bool) -> dict:
    rng = np.random.default_rng(SEED + 1)
    idx = rng.choice(len(states), size=1000, replace=len(states) < 1000)
    worlds = [world_of(level, states[int(i)]) for i in idx]
    reps = 5 if quick else 60
    stack_times = per_call(stack, [(worlds,)], max(3, reps // 3), 1)
    batch = stack(worlds)
    times = per_call(lambda b: score(level, b), [(batch,)], reps, 2)
    # The batch gives the same numbers as one-by-one scoring (so the timing measures real work).
    result = score(level, batch).score
    for row in (0, 499, 999):
        single = score(level, worlds[row]).score[0]
        assert np.allclose(result[row], single), f"batch row {row} differs from single scoring"
    s = stats(times, 1e3)
    st = stats(stack_times, 1e3)
    return {
        "id": 2,
        "key": "score_batch",
        "name": "Score 1,000 states in one call (score only)",
        "value": s["median"],
        "unit": "ms",
        "shown": f"median {s['median']:.1f} ms ({s['median']:.1f} µs/state)",
        "judged_on": "median",
        "details": {"score_ms": s, "stack_ms": st, "batch": 1000},
        "note": f"stack of 1,000 worlds: median {st['median']:.1f} ms more",
    }


def _rate_in_blocks(blocks: list[list], play_one) -> dict:
    """Games per second over consecutive blocks of games (each block its own seeds, so no
    block replays another's states from a warm cache): the rate of all of them, which is the
    figure, and each block's (a block's games may be shorter or longer than the average, so
    the best block flatters)."""
    rates, seconds, actions, outcomes = [], [], 0, {}
    for block in blocks:
        t0 = time.perf_counter()
        for job in block:
            game = play_one(job)
            actions += len(game.log)
            outcomes[game.state.outcome] = outcomes.get(game.state.outcome, 0) + 1
        elapsed = time.perf_counter() - t0
        seconds.append(elapsed)
        rates.append(len(block) / elapsed)
    games = sum(len(b) for b in blocks)
    return {"rate": games / sum(seconds), "rate_best": max(rates), "rate_median": float(np.median(rates)),
            "block_rates": rates,
            "block_seconds": seconds, "games": games, "actions_per_game": actions / games,
            "outcomes": outcomes}


def _rate_row(n: int, key: str, name: str, r: dict) -> dict:
    blocks = len(r["block_rates"])
    spread = (f"; blocks {min(r['block_rates']):.1f}–{r['rate_best']:.1f}" if blocks > 1 else "")
    return {
        "id": n,
        "key": key,
        "name": name,
        "value": r["rate"],
        "unit": "games/s",
        "shown": f"{r['rate']:.1f} games/s ({1000 / r['rate']:.1f} ms/game, {r['games']} games{spread})",
        "judged_on": "the rate of all the games",
        "details": r,
    }


def bench_random_games(level, quick: bool) -> dict:
    blocks, per_block = (1, 3) if quick else (3, 40)
    seeds = game_seeds(seed(3), blocks * per_block)
    factory = make_factory("random")
    play(level, game_seeds(seed(30), 1)[0], factory, factory)  # warm the per-level caches
    r = _rate_in_blocks([seeds[i * per_block:(i + 1) * per_block] for i in range(blocks)],
                        lambda seed: play(level, seed, factory, factory))
    return _rate_row(3, "random_games", "Random-policy full games", r)


def bench_ai_games(level, quick: bool) -> dict:
    matches = pairings()
    blocks, per_block = 3, 2 * len(matches)  # every pairing twice a block
    if quick:
        matches, blocks, per_block = matches[:2], 1, 2
    seeds = game_seeds(seed(4), blocks * per_block)
    jobs = [(matches[i % len(matches)], seed) for i, seed in enumerate(seeds)]
    warm = game_seeds(seed(40), 1)[0]
    play(level, warm, make_factory(matches[0][0]), make_factory(matches[0][1]))  # warm the per-level caches
    r = _rate_in_blocks(
        [jobs[i * per_block:(i + 1) * per_block] for i in range(blocks)],
        lambda job: play(level, job[1], make_factory(job[0][0], "normal"), make_factory(job[0][1], "normal")))
    r["pairings"] = len(matches)
    return _rate_row(4, "ai_games", "Scripted AI-vs-AI full games (normal, all pairings)", r)


class _Timed:
    """A policy that times each of its decisions."""

    def __init__(self, inner, sink: list, label: str):
        self.inner, self.sink, self.label = inner, sink, label
        self.name = inner.name

    def act(self, level, state, side):
        t0 = time.perf_counter_ns()
        action = self.inner.act(level, state, side)
        self.sink.append((time.perf_counter_ns() - t0, self.label, side, state.phase, state.year))
        return action


def bench_decisions(level, quick: bool) -> dict:
    matches = pairings()[:1] if quick else pairings()
    seeds = game_seeds(seed(5), len(matches))
    warm = game_seeds(seed(50), 1)[0]
    play(level, warm, make_factory(matches[0][0], "hard"), make_factory(matches[0][1], "hard"))  # warm caches
    sink: list = []
    for (us, china), game_seed in zip(matches, seeds):
        us_f, china_f = make_factory(us, "hard"), make_factory(china, "hard")
        play(level, game_seed,
             lambda s, f=us_f, n=us: _Timed(f(s), sink, n),
             lambda s, f=china_f, n=china: _Timed(f(s), sink, n))
    times = [t for t, *_ in sink]
    s = stats(times, 1e-6)
    by_phase = {}
    for phase in ("orders", "talks"):
        part = [t for t, _, _, p, _ in sink if p == phase]
        if part:
            by_phase[phase] = stats(part, 1e-6)
    slowest = max(sink, key=lambda x: x[0])
    return {
        "id": 5,
        "key": "decision_p99",
        "name": "Scripted decision time, hard (all personalities, both sides)",
        "value": s["p99"],
        "unit": "ms",
        "shown": f"p50 {s['median']:.2f} ms, p99 {s['p99']:.1f} ms, max {s['max']:.1f} ms",
        "judged_on": "p99",
        "details": {"decisions_ms": s, "by_phase_ms": by_phase, "games": len(matches),
                    "slowest": {"ms": slowest[0] * 1e-6, "personality": slowest[1], "side": slowest[2],
                                "phase": slowest[3], "year": slowest[4]}},
    }


def _simulate_help() -> str:
    done = subprocess.run([sys.executable, "-m", "game", "simulate", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or "usage:" not in done.stdout:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"`python -m game simulate --help` failed (exit {done.returncode}): {last}")
    return done.stdout


def _all_cpus():
    try:
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    except (AttributeError, OSError):
        pass


def _timed_simulate(games: int, tournament: bool) -> tuple[float, float]:
    """Wall and CPU seconds (all processes) of one `python -m game simulate ... --jobs 2`, run
    with the user's environment on all CPUs."""
    cmd = [sys.executable, "-m", "game", "simulate", "--level", LEVEL, "--games", str(games),
           "--seed", str(seed(6)), "--difficulty", "normal", "--jobs", "2"]
    if tournament:
        cmd.append("--tournament")
    else:
        cmd += ["--us", TOURNAMENT_POLICIES[0], "--china", TOURNAMENT_POLICIES[1]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=USER_ENV,
                          preexec_fn=_all_cpus, timeout=3600)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[:300]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def bench_tournament(quick: bool, ai_rate: float | None) -> dict:
    row = {"id": 6, "key": "tournament", "unit": "s",
           "name": f"{TOURNAMENT_GAMES:,}-game tournament, simulate --jobs 2"}
    help_text = _simulate_help()
    if "--jobs" not in help_text:
        note = "skipped: `python -m game simulate` has no --jobs option"
        if ai_rate:
            est = TOURNAMENT_GAMES / (2 * ai_rate)
            note += (f"; NOT MEASURED, estimate from #4 at 2 ideal jobs: ~{est:.0f} s "
                     f"({TOURNAMENT_GAMES:,} / (2 × {ai_rate:.1f} games/s))")
        row.update(value=None, shown="—", note=note, details={"skipped": True, "estimate_s": (
            TOURNAMENT_GAMES / (2 * ai_rate) if ai_rate else None)})
        return row
    tournament = "--tournament" in help_text
    pairs = len(PERSONALITIES) ** 2 if tournament else 1

    def how(per_pair: int) -> str:
        return (f"--tournament ({pairs} pairings × {per_pair} games)" if tournament else
                f"--us {TOURNAMENT_POLICIES[0]} --china {TOURNAMENT_POLICIES[1]} ({per_pair} games)")

    if not quick:  # the whole run, timed as a user would time it
        per_pair = TOURNAMENT_GAMES // pairs
        measured, cpu = _timed_simulate(per_pair, tournament)
        row.update(
            judged_on="wall time of the whole run", value=measured,
            shown=f"{measured:.0f} s (timed whole; CPU {cpu:.0f} s)",
            note=(f"the whole run timed: {how(per_pair)}, normal, {per_pair * pairs:,} games, "
                  f"{measured:.1f} s wall and {cpu:.1f} s of CPU ({1000 * cpu / (per_pair * pairs):.1f} ms a game)"),
            details={"games": per_pair * pairs, "seconds": measured, "cpu_seconds": cpu,
                     "extrapolated": False, "tournament_flag": tournament, "pairings": pairs},
        )
        return row
    # --quick: a sample, extrapolated (it reads low: a short run's games cost less CPU each).
    per_pair = max(1, round(TOURNAMENT_QUICK_SAMPLE / pairs))
    sample = per_pair * pairs
    startup, _ = _timed_simulate(1, False)  # start-up, a pool of 2 and one game
    measured, _ = _timed_simulate(per_pair, tournament)
    per_game = max(measured - startup, 0.0) / sample
    extrapolated = startup + per_game * TOURNAMENT_GAMES
    row.update(
        judged_on="extrapolated wall time", value=extrapolated,
        shown=f"EXTRAPOLATED {extrapolated:.0f} s (timed {sample} games: {measured:.1f} s)",
        note=(f"EXTRAPOLATED to {TOURNAMENT_GAMES:,} games from {sample} timed: {how(per_pair)}, "
              f"normal, start-up {startup:.1f} s + {1000 * per_game:.0f} ms/game with 2 jobs"),
        details={"sample_games": sample, "sample_seconds": measured, "startup_seconds": startup,
                 "seconds_per_game": per_game, "extrapolated_seconds": extrapolated,
                 "extrapolated": True, "tournament_flag": tournament, "pairings": pairs},
    )
    return row


class _LastPrompt(io.TextIOBase):
    """Output that keeps only what a terminal needs here: the last line written (the prompt)."""

    def __init__(self):
        self.last, self.finished, self.chars = "", True, 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.chars += len(text)
        tail = text.rsplit("\n", 1)[-1]
        self.last = tail if tail else self.last if not text.endswith("\n") else ""
        if "End of input" in text:
            self.finished = False
        return len(text)


def bench_terminal(quick: bool) -> dict:
    row = {"id": 7, "key": "terminal", "unit": "ms", "judged_on": "p99",
           "name": "Terminal mode: answer to one typed command"}
    try:
        from game.text.app import add_arguments, run
    except ImportError as e:  # not there yet: skip. One that is there but breaks is an ERROR.
        row.update(value=None, shown="—", note=f"skipped: no usable game.text ({type(e).__name__}: {e})",
                   details={"skipped": True})
        return row
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(TERMINAL_ARGS)
    args.seed += ROUND[0]
    limit = 60 if quick else TERMINAL_MAX_COMMANDS
    log: list[tuple[str, str, float]] = []
    marks: dict[str, float] = {}
    clock = time.perf_counter
    out = _LastPrompt()

    def lines():
        # A line is handed over at `yield`; the loop asks for the next one once it has answered,
        # so the time from a yield to the next request is the answer's latency.
        key, queue = None, []
        marks["first_prompt"] = clock()
        for _ in range(limit):
            prompt = out.last.strip()
            phase = "offer" if prompt.startswith("offer>") else ("talks" if " talks " in prompt else "orders")
            if prompt != key:  # a new year, phase or turn: the phase's list starts again
                key, queue = prompt, list(TERMINAL_SCRIPT[phase])
                fallback = 0
            if queue:
                line = queue.pop(0)
            else:
                line, fallback = TERMINAL_FALLBACK[fallback % 2], fallback + 1
            t0 = clock()
            yield line
            log.append((phase, line, clock() - t0))

    # A terminal game is a process of its own, holding one game. Here it shares the process with
    # what the other benchmarks left (thousands of states), which would make the collector's full
    # passes during the game that much longer: set aside, as a fresh process would not have them.
    gc.collect()
    gc.freeze()
    try:
        t0 = clock()
        code = run(args, lines=lines(), out=out)
        total = clock() - t0
    finally:
        gc.unfreeze()
    if code != 0 or not log:
        row.update(value=None, shown="—", note=f"skipped: the terminal game exited with {code}",
                   details={"skipped": True})
        return row
    s = stats([t for *_, t in log], 1e3)
    by_command: dict[str, list[float]] = {}
    for phase, line, t in log:
        by_command.setdefault(f"{phase}: {line.split()[0] if line.split() else '(empty)'}", []).append(t * 1e3)
    slowest = max(log, key=lambda x: x[2])
    row.update(
        value=s["p99"],
        shown=f"p50 {s['median']:.1f} ms, p99 {s['p99']:.1f} ms, max {s['max']:.1f} ms",
        note=f"{len(log)} commands against {TERMINAL_ARGS[3]} at {TERMINAL_ARGS[5]}; slowest "
             f"'{slowest[1]}' in {slowest[0]} {1000 * slowest[2]:.0f} ms (an answer includes the "
             f"opponent's moves it triggers)",
        details={"answers_ms": s, "commands": len(log), "whole_session_s": total,
                 "start_to_first_prompt_ms": 1000 * (marks["first_prompt"] - t0),
                 "phases_reached": sorted({p for p, *_ in log}),
                 "game_finished": out.finished,
                 "by_command_ms": {k: stats(v) for k, v in sorted(by_command.items())},
                 "args": TERMINAL_ARGS},
    )
    return row


# ---- the report -------------------------------------------------------------------------------


def machine() -> dict:
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model or platform.processor() or "unknown",
        "python": platform.python_version(),
        "python_executable": os.path.realpath(sys.executable),  # which build: their speeds differ
        "numpy": np.__version__,
        "platform": platform.platform(),
        "loadavg_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def write_profile(profiler, n: int, label: str) -> str:
    """The top functions of one benchmark's profile, by own time and by cumulative time."""
    import pstats

    path = ROOT / "bench" / f"profile-{n}.txt"
    text = io.StringIO()
    text.write(f"# cProfile of benchmark {n}: {label}\n")
    st = pstats.Stats(profiler, stream=text).strip_dirs()
    for key in ("tottime", "cumulative"):
        text.write(f"\n## by {key}\n")
        st.sort_stats(key).print_stats(30)
    path.write_text(text.getvalue(), encoding="utf-8")
    return str(path.relative_to(ROOT))


def best_of(runs: list[dict]) -> dict:
    """Of one benchmark's rounds (--repeat), the one with the best figure: on a shared machine
    the others were slowed by other work. Every round's figure is kept in "rounds"."""
    measured = [r for r in runs if r.get("value") is not None and not r.get("error")]
    if not measured:
        return runs[-1]
    op = TARGETS[measured[0]["key"]][0]
    best = (min if op == "<" else max)(measured, key=lambda r: r["value"])
    if len(runs) > 1:
        best = dict(best, rounds=[r.get("value") for r in runs])
        best["shown"] += f" [best of {len(runs)} rounds]"
    return best


def source() -> dict:
    """The commit measured and whether game/ had changes not yet committed."""
    def git(*a):
        try:
            done = subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.rstrip("\n") if done.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "game").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short", "HEAD") or None, "game_changes_uncommitted": changed}


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run (seconds), for smoke tests")
    parser.add_argument("--only", metavar="LIST", help="comma-separated benchmark numbers, e.g. 1,2,5")
    parser.add_argument("--cpu", type=int, metavar="N", help="the CPU to pin to (default: the last one)")
    parser.add_argument("--profile", action="store_true",
                        help="run each benchmark under cProfile and write bench/profile-N.txt "
                             "(the figures are then slower than normal)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run the whole suite N times and keep each benchmark's best round "
                             "(for a machine shared with other work)")
    parser.add_argument("--label", metavar="TEXT",
                        help="a note stored with the results (e.g. what tree was measured)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"), metavar="PATH",
                        help="where to write the results (default bench/results.json)")
    args = parser.parse_args(argv)
    only = {int(x) for x in args.only.split(",")} if args.only else set(range(1, 8))

    info = machine()
    info["pinned_cpu"] = pin_one_core(args.cpu)
    measured_source = source()  # before the run: other people may commit while it goes on
    started = time.perf_counter()
    level = resolve_level(LEVEL)
    results: list[dict] = []

    def step(n: int, label: str, fn, *a):
        if n not in only:
            return None
        print(f"[{n}] {label} ...", file=sys.stderr, flush=True)
        t0, c0 = time.perf_counter(), time.process_time()
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        try:
            r = fn(*a)
        except Exception as e:  # noqa: BLE001 - one broken benchmark must not hide the others
            r = {"id": n, "key": KEYS[n], "name": label, "value": None, "shown": "—", "error": True,
                 "note": f"ERROR: {type(e).__name__}: {' '.join(str(e).split())[:400]}"}
        r["bench_seconds"] = time.perf_counter() - t0
        if n != 6:  # #6 waits on other processes; the others should own their CPU
            r["cpu_share"] = (time.process_time() - c0) / max(r["bench_seconds"], 1e-9)
        if profiler is not None:
            profiler.disable()
            r["profile"] = write_profile(profiler, n, label)
        results.append(r)
        return r

    states = None
    if only & {1, 2}:
        states = random_states(level, 4 if args.quick else 40, SEED)
        info["random_states"] = len(states)
    rounds: list[list[dict]] = []
    for n_round in range(max(1, args.repeat)):
        ROUND[0] = n_round
        results = []
        step(1, "scoring one state", bench_score_one, level, states, args.quick)
        step(2, "scoring a batch of 1,000", bench_score_batch, level, states, args.quick)
        with tuned_collector():
            step(3, "random games", bench_random_games, level, args.quick)
            ai = step(4, "AI-vs-AI games", bench_ai_games, level, args.quick)
            step(5, "decisions at hard", bench_decisions, level, args.quick)
        step(6, "tournament with --jobs 2", bench_tournament, args.quick, ai["value"] if ai else None)
        step(7, "terminal commands", bench_terminal, args.quick)
        rounds.append(results)
    results = [best_of([r[i] for r in rounds]) for i in range(len(rounds[0]))]

    for r in results:
        r["target"] = target_text(r["key"])
        r["status"] = "ERROR" if r.get("error") else verdict(r["key"], r["value"])
    info["loadavg_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    doc = {
        "mode": ("quick" if args.quick else "full") + (", profiled" if args.profile else ""),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python bench/run.py" + (" --quick" if args.quick else "")
                   + (f" --repeat {args.repeat}" if args.repeat > 1 else ""),
        "repeat": args.repeat,
        "level": LEVEL,
        "seed": SEED,
        "source": measured_source,
        "label": args.label,
        "machine": info,
        "seconds": time.perf_counter() - started,
        "results": [{k: v for k, v in r.items() if k != "extra_rows"} for r in results],
    }
    for r in results:
        for extra in r.get("extra_rows", ()):
            doc["results"][results.index(r)].setdefault("extra", []).append(
                dict(zip(("id", "name", "shown", "target", "status"), extra)))

    rows = [("#", "benchmark", "measured", "target", "status")]
    for r in results:
        rows.append((str(r["id"]), r["name"], r["shown"], r["target"], r["status"]))
        rows.extend(r.get("extra_rows", ()))
    src = doc["source"]
    dirty = f" + uncommitted changes in {len(src['game_changes_uncommitted'])} game/ paths" if src["game_changes_uncommitted"] else ""
    print(f"Bargaining Chips benchmarks ({doc['mode']}), {LEVEL}, commit {src['commit']}{dirty}")
    print(f"one core (cpu {info['pinned_cpu']} of {info['nproc']}), {info['cpu_model']}, "
          f"Python {info['python']}, numpy {info['numpy']}")
    print()
    print_table(rows)
    notes = [(r["id"], r["note"]) for r in results if r.get("note")]
    if notes:
        print()
        for n, note in notes:
            print(f"  #{n}: {note}")
    shared = [(r["id"], r["cpu_share"]) for r in results if r.get("cpu_share", 1.0) < 0.9]
    if shared:
        print("\n  WARNING: other work competed for the CPU (share of a CPU this process got): "
              + ", ".join(f"#{n} {100 * share:.0f}%" for n, share in shared)
              + "; those figures are pessimistic, run again on a quiet machine.")
    if args.quick:
        print("\n(--quick: small samples, for smoke tests only; run without --quick for real figures)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {out} in {doc['seconds']:.0f} s")
    return 1 if any(r.get("error") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
