"""`python -m game simulate`: many games between scripted opponents, as a table or as JSON.

The same arguments give byte-identical output in any process: per-game seeds come from
`game_seeds`, JSON keys are sorted and floats rounded (see `game.results`).
"""

from __future__ import annotations

import argparse
import csv
import contextlib
import gc
import itertools
import json
import multiprocessing
import os
import sys
from functools import lru_cache
from typing import Any

from game.ai.match import game_seeds, play
from game.ai.registry import DIFFICULTIES, PERSONALITIES, make_factory
from game.cli import sim_saves
from game.cli.commands import UsageError, print_table
from game.content.levels import LevelError, resolve_level
from game.model.level import SIDE_NAMES, SIDES, Level
from game.files import atomic_text
from game.persist import SaveError
from game.results import game_record, outcome_record, summarise


def load(id_or_path: str) -> Level | None:
    """The level, or None after printing its problems to stderr. Unknown ids are usage errors."""
    try:
        return resolve_level(id_or_path)
    except LevelError as e:
        if len(e.problems) == 1 and e.problems[0].startswith("unknown level "):
            raise UsageError(e.problems[0]) from None
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return None
    except (OSError, ValueError) as e:  # e.g. a name too long for the file system
        shown = id_or_path if len(id_or_path) <= 60 else id_or_path[:57] + "..."
        raise UsageError(f"cannot read level '{shown}': "
                         f"{getattr(e, 'strerror', None) or e}") from None


def run(args: argparse.Namespace) -> int:
    if args.games < 1:
        raise UsageError(f"--games must be at least 1 (got {args.games})")
    if args.seed < 0:
        raise UsageError(f"--seed must be 0 or more (got {args.seed})")
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {args.jobs})")
    for flag in ("difficulty", "us_difficulty", "china_difficulty"):
        value = getattr(args, flag, None)
        if value is not None and value not in DIFFICULTIES:
            raise UsageError(f"--{flag.replace('_', '-')}: unknown difficulty '{value}' "
                             f"(known: {', '.join(DIFFICULTIES)})")
    levels = difficulties(args)
    names = {side: PERSONALITIES if args.tournament else (getattr(args, side),) for side in SIDES}
    try:
        for side in SIDES:
            for name in names[side]:
                make_factory(name, levels[side])
    except ValueError as e:
        raise UsageError(str(e)) from None
    level = load(args.level)
    if level is None:
        return 2
    pairs = [(us, cn) for us in PERSONALITIES for cn in PERSONALITIES] if args.tournament else [(args.us, args.china)]
    seeds = game_seeds(args.seed, args.games)
    save_dir = sim_saves.prepare(args.save_dir) if args.save_dir else None
    # The tournament's tables read only each game's outcome record (no indices or state hash).
    # Games are played seed by seed, every pairing in turn: the games of a seed start from the
    # same world, so what the model remembers of it serves them all. Records come back by
    # pairing, then seed.
    jobs = [(args.level, seed, us, cn, (levels["us"], levels["china"]),
             sim_saves.path_for(save_dir, seed, us, cn, args.tournament) if save_dir else None,
             not args.tournament)
            for seed in seeds for us, cn in pairs]
    try:
        played = play_games(jobs, args.jobs)
    except SaveError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    records = [record for first in range(len(pairs)) for record in played[first::len(pairs)]]
    if args.csv:
        write_csv(args.csv, records, [pair for pair in pairs for _ in seeds], levels)
    if args.tournament:
        by_pair = {pair: records[i * len(seeds):(i + 1) * len(seeds)] for i, pair in enumerate(pairs)}
        if args.json:
            doc = {"level": level.id, "seed": args.seed, "games": args.games, "tournament": [
                {"us": us, "china": cn, "summary": summarise(rs), "us_ahead": share_ahead(rs, records)}
                for (us, cn), rs in by_pair.items()]}
            print(json.dumps(doc, sort_keys=True, indent=2, allow_nan=False))
        else:
            print_tournament(level, args, by_pair, records)
        return 0
    summary = summarise(records)
    if args.json:
        doc = {"level": level.id, "seed": args.seed, "games": args.games,
               "results": records, "summary": summary}
        print(json.dumps(doc, sort_keys=True, indent=2, allow_nan=False))
    else:
        print_summary(level, args, summary)
    return 0


@lru_cache(maxsize=8)
def _level(ref: str) -> Level:
    return resolve_level(ref)


_PLAYED = itertools.count(1)  # games this process has played for `simulate`


def _play_record(job: tuple[str, int, str, str, tuple[str, str], str | None, bool]) -> dict[str, Any]:
    ref, seed, us, china, (us_level, china_level), save_to, full = job
    game = play(_level(ref), seed, make_factory(us, us_level), make_factory(china, china_level))
    if save_to:
        sim_saves.write(game, save_to, ref, us, china, us_level, china_level)
    if next(_PLAYED) % COLLECT_EVERY == 0 and not gc.isenabled():  # see tune_collector
        gc.collect()
        gc.freeze()
    return game_record(game) if full else outcome_record(game)


# The worker processes' BLAS and OpenMP pools: one thread each (the model's matrices are tiny,
# and the processes already take the cores). Read by numpy when a worker imports it.
WORKER_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _pool(processes: int):
    """A pool of `processes` fresh worker processes, started with one BLAS thread each."""
    saved = {name: os.environ.get(name) for name in WORKER_THREADS}
    os.environ.update(dict.fromkeys(WORKER_THREADS, "1"))
    try:
        return multiprocessing.get_context("spawn").Pool(processes, initializer=tune_collector)
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value


COLLECT_EVERY = 256  # games a batch process plays between two runs of the cycle collector


def tune_collector() -> None:
    """The cycle collector of a process that plays a batch of games, set as it starts: off. A
    game makes and drops many objects but no reference cycles (tests/cli/test_collector.py), so
    the collector would run often and find nothing (3–4% of a game's time). `_play_record`
    still runs it every COLLECT_EVERY games, in case a cycle appears, and freezes what is left
    (as what was loaded before the first game is frozen here), so each run reads only what the
    last games left behind."""
    gc.freeze()
    gc.disable()


@contextlib.contextmanager
def tuned_collector():
    """`tune_collector` for games played in this process, then the collector as it was."""
    enabled = gc.isenabled()
    tune_collector()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def play_games(jobs: list, processes: int) -> list[dict[str, Any]]:
    """Play every game, in order, on `processes` processes, with a progress bar on a terminal.
    A job is (level id or path, seed, U.S. policy, Chinese policy, (U.S. difficulty, Chinese
    difficulty), a save's path or None, whether to keep the whole record or the outcome's only).
    Workers take runs of consecutive games: up to 64, and at least four runs per worker, so
    that round trips are few and the workers finish close together. With one process, this
    one plays them, its collector tuned as a worker's."""
    progress = sys.stderr.isatty()
    records = []
    pool = _pool(processes) if processes > 1 else None
    chunk = max(1, min(64, len(jobs) // (4 * processes)))
    try:
        results = pool.imap(_play_record, jobs, chunksize=chunk) if pool else map(_play_record, jobs)
        with contextlib.nullcontext() if pool else tuned_collector():
            for i, record in enumerate(results, 1):
                records.append(record)
                if progress:
                    done = 30 * i // len(jobs)
                    print(f"\r[{'#' * done}{'.' * (30 - done)}] {i}/{len(jobs)}", end="", file=sys.stderr,
                          flush=True)
    finally:
        if pool:
            pool.close()
            pool.join()
    if progress:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    return records


def difficulties(args: argparse.Namespace) -> dict[str, str]:
    """Each side's difficulty: its own flag, else --difficulty."""
    return {side: getattr(args, f"{side}_difficulty", None) or args.difficulty for side in SIDES}


def difficulty_words(args: argparse.Namespace) -> str:
    """"difficulty hard", or "difficulty: United States normal, China hard"."""
    levels = difficulties(args)
    if levels["us"] == levels["china"]:
        return f"difficulty {levels['us']}"
    return "difficulty: " + ", ".join(f"{SIDE_NAMES[side]} {levels[side]}" for side in SIDES)


def share_ahead(records: list[dict[str, Any]], everyone: list[dict[str, Any]]) -> float:
    """How often the U.S. came out ahead: its score gain beat the average U.S. gain of the
    whole run by more than China's gain beat the average Chinese gain."""
    mean_gain = {side: sum(r["score_gain"][side] for r in everyone) / len(everyone) for side in SIDES}
    ahead = sum(
        1 for r in records
        if r["score_gain"]["us"] - mean_gain["us"] > r["score_gain"]["china"] - mean_gain["china"]
    )
    return ahead / len(records)


def write_csv(path: str, records: list[dict[str, Any]], pairs: list[tuple[str, str]], levels: dict[str, str]) -> None:
    """One row per game: the pairing and each side's difficulty, then the game's record."""
    columns = ["us", "china", "us_difficulty", "china_difficulty", "seed", "outcome", "start_year", "final_year",
               "formal_year", "agreement_year", "treaty_kind", "score_us", "score_china"]
    with atomic_text(path) as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for (us, cn), r in zip(pairs, records):
            writer.writerow([us, cn, levels["us"], levels["china"], r["seed"], r["outcome"], r["start_year"],
                             r["final_year"], r["formal_year"] if r["formal_year"] is not None else "",
                             r["agreement_year"] if r["agreement_year"] is not None else "",
                             r["treaty_kind"] or "", r["score"]["us"], r["score"]["china"]])


def print_tournament(level: Level, args, by_pair, records) -> None:
    print(f"{level.title} ({level.id}): tournament, {args.games} games per pairing, "
          f"{difficulty_words(args)}, seed {args.seed}")
    print()
    rows = [("U.S. \\ China",) + PERSONALITIES]
    for us in PERSONALITIES:
        cells = []
        for cn in PERSONALITIES:
            summary = summarise(by_pair[us, cn])
            top = max(summary["outcomes"].items(), key=lambda kv: kv[1])
            cells.append(f"{top[0]} {100 * top[1] / args.games:.0f}%")
        rows.append((us,) + tuple(cells))
    print("Most frequent outcome")
    print_table(rows)
    print()
    rows = [("U.S. \\ China",) + PERSONALITIES]
    for us in PERSONALITIES:
        rows.append((us,) + tuple(f"{100 * share_ahead(by_pair[us, cn], records):.0f}%" for cn in PERSONALITIES))
    print("How often the U.S. side came out ahead (score gain against each side's average)")
    print_table(rows, right=tuple(range(1, len(PERSONALITIES) + 1)))
    print()
    totals = summarise(records)
    print("All outcomes: " + ", ".join(f"{name} {count}" for name, count in totals["outcomes"].items()))
    kinds = totals["treaties"]
    print(f"Treaties: {kinds['same-class']} same-class (like for like), {kinds['cross-class']} cross-class; "
          f"formal talks opened in {round(totals['formal_rate'] * len(records))} of {len(records)} games")


def print_summary(level: Level, args: argparse.Namespace, summary: dict[str, Any]) -> None:
    n = args.games
    print(f"{level.title} ({level.id}), {level.start_year}–{level.end_year}: {n} game"
          f"{'s' if n != 1 else ''} from seed {args.seed}; United States: {args.us}, "
          f"China: {args.china}, {difficulty_words(args)}")
    print()
    rows = [("outcome", "games", "share")]
    rows += [(name, str(count), f"{100 * count / n:.1f}%")
             for name, count in summary["outcomes"].items()]
    print_table(rows, right=(1, 2))
    print()
    ci = summary["intervals"]
    rows = [("side", "mean score", "95% interval")]
    rows += [(SIDE_NAMES[side], f"{summary['mean_score'][side]:.1f}",
              f"{ci['mean_score'][side][1]:.1f}–{ci['mean_score'][side][2]:.1f}") for side in SIDES]
    print_table(rows, right=(1, 2))
    print()
    opened = round(summary["formal_rate"] * n)
    formal = ci["years_to_formal"]
    print(f"formal talks opened: {opened} of {n} games" + (
        f"; median years to open them: {formal[0]:g} (95% interval {formal[1]:g}–{formal[2]:g})" if formal else ""))
    rate = ci["agreement_rate"]
    agreed = round(summary["agreement_rate"] * n)
    print(f"agreement rate: {100 * rate[0]:.1f}% ({agreed} of {n} games; 95% interval "
          f"{100 * rate[1]:.1f}–{100 * rate[2]:.1f}%)")
    years = ci["years_to_agreement"]
    if years:
        print(f"median years to agreement: {years[0]:g} (95% interval {years[1]:g}–{years[2]:g})")
    kinds = summary["treaties"]
    if any(kinds.values()):
        print(f"treaties: {kinds['same-class']} same-class (like for like), {kinds['cross-class']} cross-class")
