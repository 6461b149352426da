"""Machine instructions per game, a measure of speed the machine's drift does not move:
`python bench/instructions.py [--kind random|scripted] [--games N]`.

Runs this script twice under valgrind's callgrind (`apt-get install -y valgrind`): once playing
no game and once playing N, each after one warm-up game, and prints the difference divided by
N (in millions of instructions). Random games are random-policy games; scripted games cycle
through every pairing of the four personalities at normal difficulty, with the cycle collector
tuned as `simulate` tunes it. Takes a minute or two; compare two trees by running it in each.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PERSONALITIES = ("hardliner", "pragmatist", "reciprocator", "opportunist")


def play(kind: str, games: int) -> None:
    sys.path.insert(0, str(ROOT))
    from game.ai.match import game_seeds, play as play_game
    from game.ai.registry import make_factory
    from game.cli.simulate import tune_collector
    from game.content.levels import resolve_level

    level = resolve_level("baseline-2020")

    def players(i: int):
        if kind == "random":
            return make_factory("random"), make_factory("random")
        return (make_factory(PERSONALITIES[i % 4], "normal"),
                make_factory(PERSONALITIES[i // 4 % 4], "normal"))

    play_game(level, game_seeds(20240641, 1)[0], *players(1))  # warm-up: imports, tables, caches
    if kind == "scripted":
        tune_collector()
    for i, seed in enumerate(game_seeds(20240604, max(games, 1))[:games]):
        play_game(level, seed, *players(i))


def instructions(kind: str, games: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out",
             sys.executable, __file__, "--kind", kind, "--games", str(games), "--child"],
            capture_output=True, text=True, cwd=ROOT, check=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("random", "scripted"), default="scripted")
    parser.add_argument("--games", type=int, default=24)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        play(args.kind, args.games)
        return 0
    try:
        base, full = instructions(args.kind, 0), instructions(args.kind, args.games)
    except FileNotFoundError:
        print("valgrind is not installed (apt-get install -y valgrind)", file=sys.stderr)
        return 1
    print(f"{args.kind} games: {(full - base) / args.games / 1e6:.2f} million instructions a game "
          f"({args.games} games)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
