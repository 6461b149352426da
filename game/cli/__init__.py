"""The command line: `python -m game [COMMAND] ...`."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from game.cli.commands import run

    return run(argv)
