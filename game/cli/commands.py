"""The subcommands of `python -m game` and their arguments.

Each command's work lives in its own module (`simulate`, `validate`, `replay`, `report`); this
one holds the parser, the small `levels` command and the rules every command shares: a usage
mistake is one line on stderr starting with `error: ` and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, POLICIES
from game.text import app as text_app

PROG = "python -m game"


class UsageError(Exception):
    """A mistake in the command line; `run` prints it as `error: ...` and exits 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print the usage and call sys.exit(2)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Bargaining Chips: U.S.-China arms control over intermediate-range missiles.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("levels", help="list the bundled levels and the experiments",
                        description="List the bundled levels (id, title and years), then the experiment "
                                    "levels (file and title).")

    validate = commands.add_parser(
        "validate", help="check level files",
        description="Check level files: 'ok: PATH' for each good one, every problem of the bad "
                    "ones as 'file: field.path: reason'. Exit status 1 if any is bad.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a level file (.toml)")

    policies = ", ".join(sorted(POLICIES))
    simulate = commands.add_parser(
        "simulate", help="play many games between scripted opponents",
        description="Play games between scripted opponents and summarise them. The same "
                    "arguments always give the same output.")
    simulate.add_argument("--level", required=True, metavar="ID_OR_PATH",
                          help="a bundled level's id or a level file")
    simulate.add_argument("--games", type=int, default=100, metavar="N",
                          help="how many games (default 100)")
    simulate.add_argument("--seed", type=int, default=0, metavar="S",
                          help="the seed every game's seed derives from (default 0)")
    simulate.add_argument("--us", default="random", metavar="POLICY",
                          help=f"the United States' opponent policy ({policies}; default random)")
    simulate.add_argument("--china", default="random", metavar="POLICY",
                          help=f"China's opponent policy ({policies}; default random)")
    simulate.add_argument("--difficulty", default=DEFAULT_DIFFICULTY, metavar="D",
                          help=f"both sides' difficulty: {', '.join(DIFFICULTIES)} (default {DEFAULT_DIFFICULTY})")
    simulate.add_argument("--us-difficulty", metavar="D", help="the United States' difficulty (default: --difficulty)")
    simulate.add_argument("--china-difficulty", metavar="D", help="China's difficulty (default: --difficulty)")
    simulate.add_argument("--json", action="store_true",
                          help="print one JSON document with every game instead of a table")
    simulate.add_argument("--jobs", type=int, default=1, metavar="N",
                          help="processes to play on (results are identical to --jobs 1)")
    simulate.add_argument("--csv", metavar="PATH", help="also write one row per game to PATH")
    simulate.add_argument("--tournament", action="store_true",
                          help="every personality as the U.S. against every personality as China")
    simulate.add_argument("--save-dir", metavar="DIR",
                          help="also write each game as a save, DIR/game-SEED.json "
                               "(game-US-CHINA-SEED.json in a tournament)")
    play = commands.add_parser(
        "play", help="play a game in the window",
        description="Open the window on the briefing of a new game against a scripted opponent.")
    play.add_argument("--side", choices=("us", "china"), default="us", help="the side you play (default us)")
    play.add_argument("--opponent", default="pragmatist", metavar="NAME",
                      help=f"the other side's policy ({policies}; default pragmatist)")
    play.add_argument("--difficulty", default=DEFAULT_DIFFICULTY, metavar="D",
                      help=f"{', '.join(DIFFICULTIES)} (default {DEFAULT_DIFFICULTY})")
    play.add_argument("--level", default="baseline-2020", metavar="ID_OR_PATH",
                      help="a bundled level's id or a level file (default baseline-2020)")
    play.add_argument("--seed", type=int, default=None, metavar="N",
                      help="the game's seed (default: a random one)")
    watch = commands.add_parser(
        "watch", help="watch two scripted opponents play in the window",
        description="Open the window on two scripted opponents playing each other at a pace one "
                    "can follow (for a projector). --fast skips the pauses and closes the window "
                    "at the end; --screenshots saves a picture of each screen shown, each year.")
    watch.add_argument("--level", required=True, metavar="ID_OR_PATH",
                       help="a bundled level's id or a level file")
    watch.add_argument("--us", required=True, metavar="NAME", help=f"the United States' policy ({policies})")
    watch.add_argument("--china", required=True, metavar="NAME", help=f"China's policy ({policies})")
    watch.add_argument("--seed", required=True, type=int, metavar="N", help="the game's seed")
    watch.add_argument("--difficulty", default=DEFAULT_DIFFICULTY, metavar="D",
                       help=f"both sides' difficulty: {', '.join(DIFFICULTIES)} (default {DEFAULT_DIFFICULTY})")
    watch.add_argument("--us-difficulty", metavar="D", help="the United States' difficulty (default: --difficulty)")
    watch.add_argument("--china-difficulty", metavar="D", help="China's difficulty (default: --difficulty)")
    watch.add_argument("--fast", action="store_true",
                       help="no pauses between moves; close the window when the game is over")
    watch.add_argument("--screenshots", metavar="DIR",
                       help="save DIR/YEAR-SCREEN.png (e.g. 2021-orders.png) of each screen shown")
    text_app.add_parser(commands)

    replay = commands.add_parser(
        "replay", help="replay saved games and check them",
        description="Replay each save's actions from its level and seed and check the result "
                    "against the saved state hash: 'ok: SAVE (N actions, final year Y, hash H)' "
                    "for a sound save, 'SAVE: reason' for a damaged one. Exit status 1 if any "
                    "is damaged.")
    replay.add_argument("saves", nargs="+", metavar="SAVE", help="a save file (.json)")
    replay.add_argument("--verify", action="store_true",
                        help="only check: one line per save, without the year-by-year account")
    report = commands.add_parser(
        "report", help="write the after-action report of a saved game",
        description="Write DIR/index.html (outcome, treaty, charts of every index, each year's "
                    "events and moves, the talks transcript), DIR/rounds.csv and DIR/game.json.")
    report.add_argument("save", metavar="SAVE", help="a save file (.json)")
    report.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    class_report = commands.add_parser(
        "class-report", help="compare many groups' saved games",
        description="Write DIR/index.html (a table and charts comparing the games) and "
                    "DIR/class.csv (one row per group). Damaged saves are skipped with their "
                    "reason.")
    class_report.add_argument("saves", nargs="+", metavar="SAVE",
                              help="a save file, or a folder: every *.json inside it")
    class_report.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    return parser


def run(argv: list[str] | None = None) -> int:
    """Parse `argv` (default: sys.argv[1:]), run the command, return the exit status."""
    try:
        try:
            args = build_parser().parse_args(argv)
            if args.command is None:
                from game.ui.app import run as open_window

                return open_window()
            if args.command == "play":
                from game.ui.app import play

                return play(args.side, args.opponent, args.difficulty, args.level, args.seed)
            if args.command == "watch":
                from game.ui.app import watch

                return watch(args.us, args.china, args.level, args.seed, args.us_difficulty or args.difficulty,
                             fast=args.fast, screenshots=args.screenshots,
                             china_difficulty=args.china_difficulty or args.difficulty)
            if args.command == "levels":
                return _levels()
            if args.command == "validate":
                from game.cli import validate

                return validate.run(args.paths)
            if args.command == "text":
                return text_app.run(args)
            if args.command == "replay":
                from game.cli import replay

                return replay.run(args)
            if args.command in ("report", "class-report"):
                from game.cli import report

                return report.run_report(args) if args.command == "report" else report.run_class_report(args)
            from game.cli import simulate

            return simulate.run(args)
        except UsageError as e:
            print(f"error: {' '.join(str(e).split())}", file=sys.stderr)
            return 2
        except SystemExit as e:  # --help and --version end here
            return e.code if isinstance(e.code, int) else 0
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `python -m game simulate ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _levels() -> int:
    from game.content.levels import LevelError, bundled_levels, experiment_levels

    try:
        levels = bundled_levels()
        experiments = experiment_levels()
    except LevelError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 2
    rows = [("id", "title", "years")]
    rows += [(lv.id, lv.title, f"{lv.start_year}–{lv.end_year}") for lv in levels]
    print_table(rows)
    if experiments:
        print()
        print("Experiments: the default level with one claim of the premise turned off (docs/CLASSROOM.md);")
        print("give the file to --level.")
        print_table([("file", "title")] + [(os.path.relpath(path), lv.title) for path, lv in experiments])
    return 0


def print_table(rows: list[tuple[str, ...]], right: tuple[int, ...] = ()) -> None:
    """Columns padded to their widest cell; columns in `right` are right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        print("  ".join(cells).rstrip())
