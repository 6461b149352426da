"""tools/difficulty.py, which measures the table in docs/OPPONENTS.md, runs and prints a row for
each side and difficulty."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from game.ai.registry import DIFFICULTIES

TOOL = Path(__file__).resolve().parents[2] / "tools" / "difficulty.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("difficulty_tool", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_the_difficulty_tool_prints_each_side_at_each_difficulty(capsys):
    tool = load_tool()
    assert tool.main(["--games", "1", "--jobs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("baseline-2020: 1 games a pairing")
    rows = [line.split() for line in lines[2:]]
    assert [(row[0], row[-5]) for row in rows] == [
        (side, d) for side in ("United", "China") for d in DIFFICULTIES]
    for row in rows:
        own, other, margin = (float(x) for x in row[-4:-1])
        assert abs(own - other - margin) < 0.11  # the margin is the gap between the gains
        assert row[-1].endswith("%")


def test_an_unknown_level_is_one_line(capsys):
    assert load_tool().main(["--level", "no-such-level"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown level 'no-such-level'") and err.count("\n") == 1
