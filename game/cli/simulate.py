"""`python -m game simulate`: many games between scripted opponents, as a table or as JSON.

The same arguments give byte-identical output in any process: per-game seeds come from
`game_seeds`, JSON keys are sorted and floats rounded (see `game.results`).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.ai.match import game_seeds, play
from game.ai.registry import make_factory
from game.cli.commands import UsageError, print_table
from game.content.levels import LevelError, resolve_level
from game.model.level import SIDE_NAMES, SIDES, Level
from game.results import game_record, summarise


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
    try:
        us = make_factory(args.us, args.difficulty)
        china = make_factory(args.china, args.difficulty)
    except ValueError as e:
        raise UsageError(str(e)) from None
    level = load(args.level)
    if level is None:
        return 2

    seeds = game_seeds(args.seed, args.games)
    records = []
    progress = sys.stderr.isatty()
    for i, seed in enumerate(seeds, 1):
        records.append(game_record(play(level, seed, us, china)))
        if progress:
            print(f"\rgame {i}/{len(seeds)}", end="", file=sys.stderr, flush=True)
    if progress:
        print("\r\033[K", end="", file=sys.stderr, flush=True)
    summary = summarise(records)

    if args.json:
        doc = {"level": level.id, "seed": args.seed, "games": args.games,
               "results": records, "summary": summary}
        print(json.dumps(doc, sort_keys=True, indent=2, allow_nan=False))
    else:
        print_summary(level, args, summary)
    return 0


def print_summary(level: Level, args: argparse.Namespace, summary: dict[str, Any]) -> None:
    n = args.games
    print(f"{level.title} ({level.id}), {level.start_year}–{level.end_year}: {n} game"
          f"{'s' if n != 1 else ''} from seed {args.seed}; United States: {args.us}, "
          f"China: {args.china}, difficulty {args.difficulty}")
    print()
    rows = [("outcome", "games", "share")]
    rows += [(name, str(count), f"{100 * count / n:.1f}%")
             for name, count in summary["outcomes"].items()]
    print_table(rows, right=(1, 2))
    print()
    rows = [("side", "mean score")]
    rows += [(SIDE_NAMES[side], f"{summary['mean_score'][side]:.1f}") for side in SIDES]
    print_table(rows, right=(1,))
    print()
    agreed = round(summary["agreement_rate"] * n)
    print(f"agreement rate: {100 * summary['agreement_rate']:.1f}% ({agreed} of {n} games)")
