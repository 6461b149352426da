"""How long a class report of 30 saves takes: `python bench/class_report_bench.py`.

Writes 30 saves into a temporary folder (games between the scripted personalities, as a class
of groups would hand in), then times `python -m game class-report FOLDER --out DIR` in this
process (loading = replaying and checking every save, then the table, charts and CSV), and the
same command as a fresh process (which adds Python's start-up and imports). The target is under
10 seconds. Two sets: short `tutorial` games (three years), and full `baseline-2020` games
(thirteen years, the longest logs a class is likely to hand in).

    python bench/class_report_bench.py [--saves 30] [--level tutorial --level baseline-2020]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.match import play  # noqa: E402
from game.ai.registry import PERSONALITIES, make_factory  # noqa: E402
from game.cli import main  # noqa: E402
from game.content.levels import resolve_level  # noqa: E402
from game.persist import save_game  # noqa: E402

TARGET_SECONDS = 10.0


def write_saves(folder: Path, level_id: str, count: int) -> None:
    level = resolve_level(level_id)
    for i in range(count):
        us = PERSONALITIES[i % len(PERSONALITIES)]
        china = PERSONALITIES[(i // len(PERSONALITIES)) % len(PERSONALITIES)]
        game = play(level, 1000 + i, make_factory(us), make_factory(china))
        save_game(game, folder / f"group-{i:02d}.json",
                  meta={"players": [f"Student {2 * i}", f"Student {2 * i + 1}"], "side": "us", "opponent": china})


def time_it(level_id: str, count: int) -> tuple[float, float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "saves"
        folder.mkdir()
        write_saves(folder, level_id, count)
        size = sum(p.stat().st_size for p in folder.iterdir())
        devnull = open(os.devnull, "w")
        stdout = sys.stdout
        sys.stdout = devnull
        try:
            start = time.perf_counter()
            status = main(["class-report", str(folder), "--out", str(Path(tmp) / "out")])
            inside = time.perf_counter() - start
        finally:
            sys.stdout = stdout
            devnull.close()
        if status != 0:
            raise SystemExit(f"class-report failed with status {status}")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "game", "class-report", str(folder), "--out",
                               str(Path(tmp) / "out2")], capture_output=True, text=True,
                              cwd=Path(__file__).resolve().parents[1])
        process = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        actions = sum(len(json.loads(p.read_text(encoding="utf-8"))["log"]) for p in folder.iterdir())
        return inside, process, size, actions


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--level", action="append", help="level id (repeatable; default tutorial and baseline-2020)")
    args = parser.parse_args(argv)
    levels = args.level or ["tutorial", "baseline-2020"]
    print(f"class report of {args.saves} saves (target < {TARGET_SECONDS:g} s)")
    print(f"{'level':<16}{'actions':>9}{'MB':>7}{'in process':>12}{'new process':>13}  result")
    worst = 0.0
    for level_id in levels:
        inside, process, size, actions = time_it(level_id, args.saves)
        worst = max(worst, process)
        verdict = "PASS" if process < TARGET_SECONDS else "MISS"
        print(f"{level_id:<16}{actions:>9}{size / 2**20:>7.1f}{inside:>11.2f}s{process:>12.2f}s  {verdict}")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(run())
