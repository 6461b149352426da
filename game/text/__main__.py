"""`python -m game.text ...`: the terminal game without the rest of the command line."""

import argparse
import sys

from game.text.app import add_arguments, run


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, as `python -m game text` says it, not the usage
        print(f"error: {' '.join(message.split())}", file=sys.stderr)
        raise SystemExit(2)


parser = _Parser(prog="python -m game.text",
                 description="Play Bargaining Chips in the terminal (type help in the game).")
add_arguments(parser)
try:
    raise SystemExit(run(parser.parse_args()))
except KeyboardInterrupt:
    raise SystemExit(130) from None
