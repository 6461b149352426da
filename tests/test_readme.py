"""The README's example of scripting a game runs as written and prints what its comments say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_scripting_example_runs_and_prints_the_refusal_its_comment_quotes():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"## Scripting a game.*?```python\n(.*?)```", text, re.S)
    assert found, "the README has no scripting example"
    code = found.group(1)
    run = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True, timeout=120,
                         cwd=README.parent)
    assert run.returncode == 0, run.stderr[-2000:]
    quoted = re.search(r'print\(e\)\s+# "(.*)"', code).group(1)
    lines = run.stdout.splitlines()
    assert lines[0] == quoted
    value = float(lines[1].split()[0])  # leverage, then its three largest terms
    assert 0 <= value <= 100 and "Term(name=" in lines[1]


def test_every_command_in_the_readme_s_table_is_one_the_command_line_takes():
    import shlex

    from game.cli.commands import build_parser

    rows = re.findall(r"^\| `python -m game([^`]*)` \|", README.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 8, rows
    parser = build_parser()
    for row in rows:
        args = parser.parse_args(shlex.split(row))  # a wrong flag or value raises UsageError here
        if args.command in ("simulate", "watch"):
            for name in ("difficulty", "us_difficulty", "china_difficulty"):
                assert getattr(args, name, None) in (None, "easy", "normal", "hard"), row
