"""`python -m game validate PATH...`: check level files and report every problem."""

from __future__ import annotations

import sys

from game.content.levels import LevelError, load_level


def problems_of(path: str) -> tuple[str, ...]:
    """The problems of one level file, each `file: field.path: reason`; () if it is good."""
    try:
        load_level(path)
    except LevelError as e:
        return e.problems or (f"{path}: cannot be played (no reason given)",)
    except RecursionError:
        return (f"{path}: nested too deeply to read",)
    except (OSError, ValueError) as e:
        return (f"{path}: cannot read: {getattr(e, 'strerror', None) or e}",)
    except Exception as e:  # noqa: BLE001 - a bad file must never become a traceback
        return (f"{path}: cannot read the level ({type(e).__name__}: {e})",)
    return ()


def run(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        problems = problems_of(path)
        if problems:
            bad += 1
            for problem in problems:
                print(problem)
        else:
            print(f"ok: {path}")
    sys.stdout.flush()
    return 1 if bad else 0
