"""What each difficulty does to a game: `python tools/difficulty.py [--games N] [--jobs N]`.

One side's scripted opponents play at easy, normal and hard against the other side's at
normal, every personality against every personality, N seeded games a pairing (`--level`,
default baseline-2020). For each side and difficulty it prints the tested side's mean score
gain (first year to last), the other side's, the margin between them and how often a treaty
was signed. docs/OPPONENTS.md ("What difficulty changes in a game") shows its output.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai.match import game_seeds  # noqa: E402
from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, PERSONALITIES  # noqa: E402
from game.cli.simulate import play_games  # noqa: E402
from game.content.levels import LevelError, resolve_level  # noqa: E402
from game.model.level import SIDE_NAMES, SIDES, other  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="baseline-2020")
    parser.add_argument("--games", type=int, default=30, help="games per pairing (default 30)")
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        resolve_level(args.level)
    except LevelError as e:
        print("error: " + "; ".join(e.problems), file=sys.stderr)
        return 2
    seeds = game_seeds(args.seed, args.games)
    runs = [(tested, difficulty) for tested in SIDES for difficulty in DIFFICULTIES]
    jobs = [(args.level, seed, us, china,
             tuple(difficulty if side == tested else DEFAULT_DIFFICULTY for side in SIDES), None, False)
            for tested, difficulty in runs for us in PERSONALITIES for china in PERSONALITIES for seed in seeds]
    records = play_games(jobs, args.jobs)
    per_run = len(records) // len(runs)
    print(f"{args.level}: {args.games} games a pairing, seed {args.seed}; the other side at {DEFAULT_DIFFICULTY}")
    print(f"{'side tested':14} {'difficulty':10} {'its gain':>9} {'other gain':>11} {'margin':>8} {'treaties':>9}")
    for i, (tested, difficulty) in enumerate(runs):
        games = records[i * per_run:(i + 1) * per_run]
        own = statistics.mean(r["score_gain"][tested] for r in games)
        rival = statistics.mean(r["score_gain"][other(tested)] for r in games)
        treaties = sum(r["agreement_year"] is not None for r in games) / len(games)
        print(f"{SIDE_NAMES[tested]:14} {difficulty:10} {own:9.1f} {rival:11.1f} {own - rival:8.1f} {treaties:9.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
