"""`python -m game.text ...`: the terminal game without the rest of the command line."""

import argparse

from game.text.app import add_arguments, run

parser = argparse.ArgumentParser(prog="python -m game.text",
                                 description="Play Bargaining Chips in the terminal (type help in the game).")
add_arguments(parser)
try:
    raise SystemExit(run(parser.parse_args()))
except KeyboardInterrupt:
    raise SystemExit(130) from None
