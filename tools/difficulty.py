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
from functools import cache
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.ai.match import game_seeds, play  # noqa: E402
from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, PERSONALITIES, make_factory  # noqa: E402
from game.content.levels import LevelError, resolve_level  # noqa: E402
from game.model.level import SIDE_NAMES, SIDES, other  # noqa: E402
from game.results import outcome_record  # noqa: E402


level_of = cache(resolve_level)


def _game(job: tuple[str, str, str, str, str, int]) -> tuple[str, str, dict[str, float], bool]:
    level_ref, tested, difficulty, us, china, seed = job
    levels = {"us": difficulty if tested == "us" else DEFAULT_DIFFICULTY,
              "china": difficulty if tested == "china" else DEFAULT_DIFFICULTY}
    game = play(level_of(level_ref), seed, make_factory(us, levels["us"]), make_factory(china, levels["china"]))
    record = outcome_record(game)
    return tested, difficulty, record["score_gain"], record["agreement_year"] is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="baseline-2020")
    parser.add_argument("--games", type=int, default=30, help="games per pairing (default 30)")
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        level_of(args.level)
    except LevelError as e:
        print("error: " + "; ".join(e.problems), file=sys.stderr)
        return 2
    seeds = game_seeds(args.seed, args.games)
    jobs = [(args.level, tested, difficulty, us, china, seed) for tested in SIDES for difficulty in DIFFICULTIES
            for us in PERSONALITIES for china in PERSONALITIES for seed in seeds]
    if args.jobs == 1:
        played = [_game(job) for job in jobs]
    else:
        with Pool(args.jobs) as pool:
            played = pool.map(_game, jobs, chunksize=16)
    print(f"{args.level}: {args.games} games a pairing, seed {args.seed}; the other side at {DEFAULT_DIFFICULTY}")
    print(f"{'side tested':14} {'difficulty':10} {'its gain':>9} {'other gain':>11} {'margin':>8} {'treaties':>9}")
    for tested in SIDES:
        for difficulty in DIFFICULTIES:
            games = [(gain, signed) for side, d, gain, signed in played if side == tested and d == difficulty]
            own = statistics.mean(gain[tested] for gain, _ in games)
            rival = statistics.mean(gain[other(tested)] for gain, _ in games)
            treaties = sum(signed for _, signed in games) / len(games)
            print(f"{SIDE_NAMES[tested]:14} {difficulty:10} {own:9.1f} {rival:11.1f} {own - rival:8.1f} {treaties:9.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
