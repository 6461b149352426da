"""`python -m game replay SAVE --verify` and `simulate --save-dir`: exit 0 for a sound save with
its ok line, 1 for a damaged one with its one-line reason; simulated games are saved one per
file, the same with --jobs 2 as with --jobs 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from game.cli import main
from game.persist import load_game


def run_process(*args: str):
    env = dict(os.environ, PYTHONHASHSEED="0")
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_verify_a_sound_save(capsys, good_save):
    game = load_game(good_save)
    assert main(["replay", str(good_save), "--verify"]) == 0
    out, err = capsys.readouterr()
    assert out == (f"ok: {good_save} ({len(game.log)} actions, final year {game.state.year}, "
                   f"hash {game.state_hash()})\n")
    assert err == ""


def test_verify_a_damaged_save(capsys, kit, good_save):
    doc = kit.read(good_save)
    doc["log"].pop()
    kit.write(good_save, doc)
    before = good_save.read_bytes()
    assert main(["replay", str(good_save), "--verify"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{good_save}: ") and "state hash" in lines[0]
    assert good_save.read_bytes() == before


def test_verify_several_and_the_account_without_verify(tmp_path, capsys, good_save):
    missing = tmp_path / "missing.json"
    assert main(["replay", str(good_save), str(missing), "--verify"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"ok: {good_save} (") and out[1] == f"{missing}: no such file"
    assert main(["replay", str(good_save)]) == 0
    out = capsys.readouterr().out.splitlines()
    game = load_game(good_save)
    assert out[0].startswith(game.level.title)
    assert len(out) == 2 + len(game.state.history) and out[-1].startswith("ok: ")


def test_replay_usage_errors(capsys):
    assert main(["replay"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_verify_in_a_process(tmp_path, good_save):
    done = run_process("replay", str(good_save), "--verify")
    assert done.returncode == 0 and done.stdout.startswith(f"ok: {good_save} (") and done.stderr == ""
    bad = tmp_path / "bad.json"
    bad.write_bytes(good_save.read_bytes()[:-40])
    done = run_process("replay", str(bad), "--verify")
    assert done.returncode == 1
    assert done.stdout == f"{bad}: the file is truncated (the JSON ends before it is complete)\n"
    assert "Traceback" not in done.stderr


def _saves(folder):
    out = {}
    for path in sorted(folder.iterdir()):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc.pop("saved_at")
        out[path.name] = doc
    return out


def test_simulate_writes_one_save_per_game(tmp_path, capsys):
    args = ["simulate", "--level", "tutorial", "--games", "3", "--seed", "11", "--json"]
    assert main([*args, "--save-dir", str(tmp_path / "one")]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert main([*args, "--save-dir", str(tmp_path / "two"), "--jobs", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["results"] == results
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["results"] == results  # saving changes no result
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(f"game-{r['seed']}.json" for r in results)
    assert _saves(tmp_path / "one") == _saves(tmp_path / "two")
    for r in results:
        game = load_game(tmp_path / "one" / f"game-{r['seed']}.json")
        assert game.state_hash() == r["state_hash"]
    doc = json.loads((tmp_path / "one" / names[0]).read_text(encoding="utf-8"))
    assert doc["meta"]["policies"] == {"us": "random", "china": "random"}


def test_simulate_tournament_saves_do_not_overwrite_each_other(tmp_path, capsys):
    assert main(["simulate", "--level", "tutorial", "--games", "1", "--tournament", "--json",
                 "--save-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    from game.ai.registry import PERSONALITIES

    assert len(list(tmp_path.iterdir())) == len(PERSONALITIES) ** 2


def test_simulate_save_dir_that_is_a_file(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["simulate", "--level", "tutorial", "--games", "1", "--save-dir", str(blocker)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "is a file" in err
