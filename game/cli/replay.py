"""`python -m game replay SAVE... [--verify]`: replay saved games and check them.

Each save's log is replayed from its level and seed and the result checked against the saved
state hash (`game.persist.load_game`). A sound save prints `ok: SAVE (N actions, final year Y,
hash H)`; a damaged one prints `SAVE: reason`, one line. Exit status 1 if any is damaged.
Without --verify, each sound save's years are listed before its ok line.
"""

from __future__ import annotations

import argparse
import sys

from game.model.level import SIDE_NAMES, SIDES
from game.persist import SavedGame, SaveError, open_save


def run(args: argparse.Namespace) -> int:
    damaged = 0
    for path in args.saves:
        try:
            saved = open_save(path)
        except SaveError as e:
            damaged += 1
            print(e)
            continue
        if not args.verify:
            for line in account(saved):
                print(line)
        print(ok_line(path, saved))
    sys.stdout.flush()
    return 1 if damaged else 0


def ok_line(path: str, saved: SavedGame) -> str:
    return (f"ok: {path} ({saved.actions} action{'s' if saved.actions != 1 else ''}, "
            f"final year {saved.game.state.year}, hash {saved.state_hash})")


def account(saved: SavedGame) -> list[str]:
    """The game year by year: talks stage, both scores and the year's events."""
    level, state = saved.game.level, saved.game.state
    cards = {card.id: card.title for card in level.events}
    end = state.outcome or f"unfinished, {state.phase} phase of {state.year}"
    lines = [f"{level.title} ({level.id}), seed {state.seed}: {end}"]
    for record in state.history:
        scores = ", ".join(f"{SIDE_NAMES[s]} {record.scores[s]:.1f}" for s in SIDES)
        events = "; ".join(cards.get(e, e) for e in record.events) or "no event"
        lines.append(f"  {record.year}: talks {record.stage}; {scores}; {events}")
    return lines
