"""The command line: `python -m game levels | validate | simulate`, in-process and as a process."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.model.engine import OUTCOMES

BUNDLED = ("allied-momentum", "baseline-2020", "guam-only", "tutorial")
LEVELS = Path(__file__).resolve().parents[2] / "levels"
SIMULATE = ["simulate", "--level", "tutorial", "--games", "3", "--seed", "11"]


def run_process(*args: str, hashseed: str = "0", cwd: Path | None = None):
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def one_error_line(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err


# -- levels ----------------------------------------------------------------------------------


def test_levels_lists_the_bundled_levels_then_the_experiments(capsys):
    assert main(["levels"]) == 0
    bundled, experiments = capsys.readouterr().out.split("\n\n")
    ids = [line.split()[0] for line in bundled.splitlines()[1:]]
    assert ids == list(BUNDLED)
    assert "2020–2022" in bundled  # the tutorial's years
    files = [line.split()[0] for line in experiments.splitlines()[3:]]
    assert [Path(f).name for f in files] == sorted(p.name for p in (LEVELS / "experiments").glob("*.toml"))
    for f in files:  # each as given, to --level
        assert main(["simulate", "--level", f, "--games", "1", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["level"] == Path(f).stem


def test_no_command_opens_the_window(monkeypatch):
    import game.ui.app

    opened = []
    monkeypatch.setattr(game.ui.app, "run", lambda: opened.append(True) or 0)
    assert main([]) == 0
    assert opened == [True]


def test_no_display_is_one_line_pointing_to_the_text_mode():
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "game"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "python -m game text" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


# -- validate --------------------------------------------------------------------------------


def test_validate_good_files(capsys):
    paths = [str(p) for p in sorted(LEVELS.glob("*.toml"))]
    assert main(["validate", *paths]) == 0
    assert capsys.readouterr().out.splitlines() == [f"ok: {p}" for p in paths]


BAD_FILES = {
    "empty.toml": b"",
    "binary.toml": bytes(range(256)),
    "not-toml.toml": b"title = = \n[[",
    "latin1.toml": b'title = "caf\xe9"\n',
    "deep.toml": b"a = " + b"[" * 50_000 + b"]" * 50_000,
    "huge.toml": b"# " + b"x" * 2_000_000,
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_validate_bad_files(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.strip() and "Traceback" not in out + err
    assert all(line.startswith(f"{path}: ") for line in out.splitlines())


def test_validate_unknown_key_names_the_field(tmp_path, capsys):
    text = (LEVELS / "tutorial.toml").read_text(encoding="utf-8")
    path = tmp_path / "unknown-key.toml"
    path.write_text("author = 'me'\n" + text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(f"{path}: author: unknown key")


def test_validate_mixed_missing_and_folder(tmp_path, capsys):
    good = str(LEVELS / "tutorial.toml")
    missing = str(tmp_path / "missing.toml")
    assert main(["validate", good, missing, str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"ok: {good}"
    assert out[1].startswith(f"{missing}: ") and out[2].startswith(f"{tmp_path}: ")
    assert len(out) == 3


def test_validate_in_a_process(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x00\x01")
    done = run_process("validate", str(LEVELS / "tutorial.toml"), str(bad))
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == f"ok: {LEVELS / 'tutorial.toml'}"
    assert done.stdout.splitlines()[1].startswith(f"{bad}: ")
    assert "Traceback" not in done.stdout + done.stderr


# -- simulate --------------------------------------------------------------------------------

RECORD_KEYS = {"seed", "outcome", "start_year", "final_year", "formal_year", "agreement_year", "treaty_kind",
               "treaty", "score", "score_gain", "indices", "state_hash"}


def test_simulate_json(capsys):
    assert main([*SIMULATE, "--json"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert set(doc) == {"level", "seed", "games", "results", "summary"}
    assert (doc["level"], doc["seed"], doc["games"]) == ("tutorial", 11, 3)
    assert len(doc["results"]) == 3
    for r in doc["results"]:
        assert set(r) == RECORD_KEYS
        assert r["outcome"] in OUTCOMES
        assert r["start_year"] == 2020 and 2020 <= r["final_year"] <= 2022
        assert r["agreement_year"] is None or 2020 <= r["agreement_year"] <= r["final_year"]
        assert (r["treaty"] is None) == (r["agreement_year"] is None) == (r["treaty_kind"] is None)
        assert r["treaty_kind"] in (None, "same-class", "cross-class")
        assert r["formal_year"] is None or 2020 <= r["formal_year"] <= (r["agreement_year"] or r["final_year"])
        assert set(r["score"]) == {"us", "china"}
        assert set(r["indices"]) == {"us", "china", "shared"}
        assert r["indices"]["us"]["score"] == r["score"]["us"]
        assert len(r["state_hash"]) == 64
    assert len({r["seed"] for r in doc["results"]}) == 3
    summary = doc["summary"]
    assert sum(summary["outcomes"].values()) == 3
    assert set(summary["outcomes"]) == set(OUTCOMES)
    assert set(summary["mean_score"]) == {"us", "china"}
    assert sum(summary["treaties"].values()) == sum(r["treaty"] is not None for r in doc["results"])
    assert summary["formal_rate"] == sum(r["formal_year"] is not None for r in doc["results"]) / 3


def test_the_tournament_reports_the_games_each_pairing_plays_alone(tmp_path, capsys):
    """The tournament keeps only each game's outcome record; its tables and CSV must still say
    what `simulate` says of the same pairing, seed and games."""
    table = tmp_path / "t.csv"
    tournament = ["simulate", "--level", "tutorial", "--games", "3", "--seed", "5"]
    assert main([*tournament, "--tournament", "--json", "--csv", str(table)]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = list(csv.DictReader(table.open()))
    assert len(rows) == 16 * 3
    assert {(r["us_difficulty"], r["china_difficulty"]) for r in rows} == {("normal", "normal")}
    for us, china in (("hardliner", "pragmatist"), ("opportunist", "reciprocator")):
        assert main([*tournament, "--us", us, "--china", china, "--json"]) == 0
        alone = json.loads(capsys.readouterr().out)
        mine = [r for r in rows if (r["us"], r["china"]) == (us, china)]
        assert [(int(r["seed"]), r["outcome"], float(r["score_us"]), float(r["score_china"])) for r in mine] == [
            (g["seed"], g["outcome"], g["score"]["us"], g["score"]["china"]) for g in alone["results"]]
        entry = next(e for e in doc["tournament"] if (e["us"], e["china"]) == (us, china))
        assert entry["summary"] == alone["summary"]


def test_the_tournament_table_ends_with_every_outcome_the_kinds_of_treaty_and_formal_talks(capsys):
    tournament = ["simulate", "--level", "baseline-2020", "--games", "2", "--seed", "5", "--tournament"]
    assert main([*tournament, "--json"]) == 0
    pairings = [e["summary"] for e in json.loads(capsys.readouterr().out)["tournament"]]
    assert main(tournament) == 0
    last = capsys.readouterr().out.strip().splitlines()[-2:]
    assert last[0].startswith("All outcomes: ")
    same, cross = (sum(p["treaties"][kind] for p in pairings) for kind in ("same-class", "cross-class"))
    formal = round(sum(p["formal_rate"] * 2 for p in pairings))
    assert last[1] == (f"Treaties: {same} same-class (like for like), {cross} cross-class; "
                       f"formal talks opened in {formal} of 32 games")
    assert same + cross > 0


def test_simulate_table(capsys):
    assert main(SIMULATE) == 0
    out = capsys.readouterr().out
    for name in OUTCOMES:
        assert name in out
    assert "mean score" in out and "agreement rate" in out


def test_simulate_table_says_when_formal_talks_opened_and_what_kind_of_treaties(capsys):
    args = ["simulate", "--level", "baseline-2020", "--games", "8", "--seed", "2", "--us", "pragmatist",
            "--china", "pragmatist"]
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert main(args) == 0
    out = capsys.readouterr().out
    opened = round(summary["formal_rate"] * 8)
    assert f"formal talks opened: {opened} of 8 games" in out
    kinds = summary["treaties"]
    assert sum(kinds.values()) > 0, "two pragmatists sign treaties"
    assert f"treaties: {kinds['same-class']} same-class (like for like), {kinds['cross-class']} cross-class" in out


def test_simulate_is_the_same_in_every_process(tmp_path):
    first = run_process(*SIMULATE, "--json", hashseed="1", cwd=tmp_path)
    second = run_process(*SIMULATE, "--json", hashseed="4242", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["games"] == 3


@pytest.mark.parametrize("argv", [
    ["simulate", "--level", "tutorial", "--bogus"],
    ["simulate", "--level", "tutorial", "--games", "many"],
    ["simulate", "--level", "tutorial", "--games", "0"],
    ["simulate", "--level", "no-such-level"],
    ["simulate", "--level", "tutorial", "--us", "no-such-policy"],
    ["simulate", "--level", "tutorial", "--china", "random", "--difficulty", "impossible"],
    ["simulate", "--level", "tutorial", "--china-difficulty", "brutal"],
    ["simulate"],
    ["no-such-command"],
])
def test_usage_errors_are_one_line(capsys, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    one_error_line(err)
    assert out == ""


def test_each_side_may_play_at_its_own_difficulty(tmp_path, capsys):
    base = ["simulate", "--level", "baseline-2020", "--games", "6", "--seed", "3", "--us", "pragmatist",
            "--china", "hardliner", "--json"]
    runs = {}
    for extra in ([], ["--china-difficulty", "hard"], ["--difficulty", "hard", "--us-difficulty", "normal"]):
        assert main(base + extra) == 0
        runs[tuple(extra)] = json.loads(capsys.readouterr().out)["results"]
    same = runs[("--china-difficulty", "hard")]
    assert same == runs[("--difficulty", "hard", "--us-difficulty", "normal")]  # two ways to say it
    assert same != runs[()]  # a hard China plays other games
    assert main(base[:-1] + ["--china-difficulty", "hard"]) == 0
    assert "difficulty: United States normal, China hard" in capsys.readouterr().out.splitlines()[0]
    assert main(base[:-1] + ["--china-difficulty", "hard", "--csv", str(tmp_path / "g.csv")]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader((tmp_path / "g.csv").open()))
    assert [(r["us_difficulty"], r["china_difficulty"]) for r in rows] == [("normal", "hard")] * 6
    err = main(["simulate", "--level", "tutorial", "--us-difficulty", "brutal"])
    assert err == 2 and "--us-difficulty: unknown difficulty 'brutal'" in capsys.readouterr().err


def test_saves_of_sides_at_their_own_difficulties_say_so_and_reach_the_class_report(tmp_path, capsys):
    from game.persist.saves import open_save
    from game.report.class_report import write_class_report
    from game.ui.session import GameSetup

    saves = tmp_path / "saves"
    assert main(["simulate", "--level", "tutorial", "--games", "2", "--us", "pragmatist", "--china", "hardliner",
                 "--china-difficulty", "hard", "--save-dir", str(saves)]) == 0
    capsys.readouterr()
    [first, second] = sorted(saves.glob("game-*.json"))
    saved = open_save(first)
    assert saved.meta["difficulty"] == {"us": "normal", "china": "hard"}
    setup = GameSetup.from_meta(saved.meta, "tutorial", saved.game.state.seed)  # the window plays it on
    assert (setup.difficulty_of("us"), setup.difficulty_of("china")) == ("normal", "hard")
    assert setup.meta()["difficulty"] == saved.meta["difficulty"]
    write_class_report([saves], tmp_path / "report")
    rows = list(csv.DictReader((tmp_path / "report" / "class.csv").open(encoding="utf-8")))
    assert [(r["opponent"], r["difficulty"]) for r in rows] == [("U.S. pragmatist, China hardliner",
                                                                "U.S. normal, China hard")] * 2


def test_unknown_level_lists_the_known_ids(capsys):
    assert main(["simulate", "--level", "no-such-level"]) == 2
    err = capsys.readouterr().err
    for level_id in BUNDLED:
        assert level_id in err


def test_unknown_policy_lists_the_known_names(capsys):
    assert main(["simulate", "--level", "tutorial", "--us", "no-such-policy"]) == 2
    assert "random" in capsys.readouterr().err


def test_broken_level_prints_its_problems(tmp_path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text("author = 'me'\n", encoding="utf-8")
    assert main(["simulate", "--level", str(path), "--games", "1"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.splitlines() and all(line.startswith(f"{path}: ") for line in err.splitlines())


def test_usage_errors_in_a_process():
    for argv in (["simulate", "--level", "tutorial", "--wrong-flag"],
                 ["simulate", "--level", "no-such-level"],
                 ["simulate", "--level", "tutorial", "--us", "no-such-policy"]):
        done = run_process(*argv)
        assert done.returncode == 2, argv
        one_error_line(done.stderr)
        assert done.stdout == ""
