"""`python -m game report SAVE --out DIR` and `python -m game class-report SAVE... --out DIR`.

`report` writes one game's after-action report (index.html, rounds.csv, game.json);
`class-report` compares many groups' saves (index.html, class.csv), skipping damaged ones
with their one-line reason. See docs/CLASSROOM.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli.commands import UsageError
from game.persist import SaveError, open_save


def _out_folder(out: str) -> Path:
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out: '{out}' is a file, not a folder")
    return folder


def run_report(args: argparse.Namespace) -> int:
    from game.report import write_game_report

    folder = _out_folder(args.out)
    try:
        saved = open_save(args.save)
    except SaveError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    try:
        written = write_game_report(saved, folder)
    except OSError as e:
        print(f"error: cannot write the report to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(str(p) for p in written)}")
    return 0


def run_class_report(args: argparse.Namespace) -> int:
    from game.report.class_report import save_paths, write_class_report

    folder = _out_folder(args.out)
    if not save_paths(args.saves):
        raise UsageError(f"no saves (*.json) in {', '.join(args.saves)}")
    try:
        written, entries = write_class_report(args.saves, folder)
    except OSError as e:
        print(f"error: cannot write the report to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    good = sum(1 for e in entries if e.saved is not None)
    for entry in entries:
        if entry.saved is None:
            print(f"skipped: {entry.path}: {entry.problem}", file=sys.stderr)
    print(f"wrote {', '.join(str(p) for p in written)}: {good} game{'s' if good != 1 else ''}, "
          f"{len(entries) - good} skipped")
    return 0 if good else 1
