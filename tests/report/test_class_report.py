"""The class comparison: 30 groups' saves (tutorial games against scripted opponents) give a
strict HTML page and a class.csv with a row per group; damaged saves are listed as skipped
with their reason and the rest still report. (The timing is in bench/class_report_bench.py.)"""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.report.class_report import CSV_COLUMNS, write_class_report


@pytest.fixture
def class_folder(tmp_path, kit):
    """30 groups' saves: tutorial games between the scripted personalities, with names."""
    folder = tmp_path / "saves"
    folder.mkdir()
    names = kit.personalities
    for i in range(30):
        us, china = names[i % len(names)], names[(i // len(names)) % len(names)]
        game = kit.played("tutorial", 100 + i, us, china)
        kit.save(game, folder / f"group-{i:02d}.json", players=[f"Student {2 * i}", f"Student {2 * i + 1}"],
                 side="us", opponent=china, difficulty="normal")
    return folder


def test_thirty_saves_make_a_class_report(tmp_path, kit, class_folder):
    written, entries = write_class_report([class_folder], tmp_path / "out")
    assert sorted(p.name for p in written) == ["class.csv", "index.html"]
    assert len(entries) == 30 and all(e.saved is not None for e in entries)
    page = kit.read_page(tmp_path / "out" / "index.html")
    assert page.problems == []
    assert page.tags.get("svg", 0) >= 4
    text = " ".join(page.text)
    for i in range(30):
        assert f"Student {2 * i}, Student {2 * i + 1}" in text
    for name in kit.personalities:
        assert f"{name} (normal)" in text  # the opponent and its difficulty
    columns, rows = kit.read_csv(tmp_path / "out" / "class.csv")
    assert columns == list(CSV_COLUMNS)
    assert len(rows) == 30
    for i, row in enumerate(rows):
        assert row["file"] == f"group-{i:02d}.json" and row["status"] == "ok" and row["problem"] == ""
        assert row["group"] == f"Student {2 * i}, Student {2 * i + 1}"
        assert row["level"] == "tutorial" and row["side"] == "us"
        assert 0 <= float(row["score_us"]) <= 100 and 0 <= float(row["score_china"]) <= 100
        assert row["player_score"] == row["score_us"]
        assert int(row["pledges_won"]) >= 0
        assert (row["treaty"] == "") == (row["agreement_year"] == "") == (row["treaty_status"] == "")
        assert row["treaty_kind"] == ("" if row["treaty"] == "" else row["treaty_kind"])
        assert row["treaty_kind"] in ("", "same-class", "cross-class")
        if row["treaty"]:  # a treaty in force names the outcome; one signed too late does not
            assert (row["treaty_status"] == "in force") == row["outcome"].startswith(("Balanced treaty", "Treaty"))
            assert row["treaty_status"] in ("in force", "signed, not ratified")
        assert len(row["state_hash"]) == 64


def test_a_treaty_signed_too_late_to_be_ratified_is_marked_so(tmp_path, kit):
    """Baseline games between a pragmatist U.S. and an opportunist China (seeds from
    `simulate --seed 2`): one ends with a treaty in force, one with a treaty signed in the last
    year, which the outcome (a stalemate) does not count, and one with none."""
    seeds = {"in force": 2834126987, "signed, not ratified": 1860244682, "": 1335728571}
    for status, seed in seeds.items():
        kit.save(kit.played("baseline-2020", seed, "pragmatist", "opportunist"), tmp_path / f"g{seed}.json")
    write_class_report([tmp_path], tmp_path / "out")
    _, rows = kit.read_csv(tmp_path / "out" / "class.csv")
    by_seed = {int(row["seed"]): row for row in rows}
    for status, seed in seeds.items():
        row = by_seed[seed]
        assert row["treaty_status"] == status, (seed, row["outcome"])
        assert (row["treaty"] != "") == (status != "") == (row["treaty_kind"] == "same-class")
    assert by_seed[seeds["signed, not ratified"]]["outcome"] == "Stalemate"
    assert by_seed[seeds["in force"]]["outcome"].startswith(("Balanced treaty", "Treaty"))
    text = " ".join(kit.read_page(tmp_path / "out" / "index.html").text)
    assert "(signed, not ratified; same-class)" in text and "(in force; same-class)" in text


def test_damaged_saves_are_skipped_with_their_reason(tmp_path, kit, class_folder):
    (class_folder / "group-99-empty.json").write_text("", encoding="utf-8")
    broken = json.loads((class_folder / "group-00.json").read_text(encoding="utf-8"))
    broken["state_hash"] = "f" * 64
    (class_folder / "group-98-edited.json").write_text(json.dumps(broken), encoding="utf-8")
    (class_folder / "readme.txt").write_text("not a save", encoding="utf-8")
    written, entries = write_class_report([class_folder, tmp_path / "missing.json"], tmp_path / "out")
    skipped = {e.path.rsplit("/", 1)[-1]: e.problem for e in entries if e.saved is None}
    assert set(skipped) == {"group-99-empty.json", "group-98-edited.json", "missing.json"}
    assert skipped["group-99-empty.json"] == "the file is empty"
    assert "state hash" in skipped["group-98-edited.json"]
    page = kit.read_page(tmp_path / "out" / "index.html")
    assert page.problems == []
    text = " ".join(page.text)
    assert "Skipped saves" in text and "the file is empty" in text
    _, rows = kit.read_csv(tmp_path / "out" / "class.csv")
    assert len(rows) == 33
    assert sum(r["status"] == "ok" for r in rows) == 30
    assert {r["file"] for r in rows if r["status"] == "skipped"} == set(skipped)


def test_group_names_come_from_meta_or_the_file(tmp_path, kit):
    game = kit.played("tutorial", 1)
    kit.save(game, tmp_path / "a.json", group="Team <Red>")
    kit.save(game, tmp_path / "b.json", players={"us": "Ana", "china": "Bo"})
    kit.save(game, tmp_path / "c.json")
    _, entries = write_class_report([tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"], tmp_path / "out")
    assert [e.group for e in entries] == ["Team <Red>", "Ana, Bo", "c"]
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Team &lt;Red&gt;" in html and "Team <Red>" not in html


def test_the_table_says_who_played_each_game(tmp_path, kit):
    game = kit.played("tutorial", 1)
    for name, side in (("a", "us"), ("b", "both"), ("c", "none")):
        kit.save(game, tmp_path / f"{name}.json", side=side)
    write_class_report(sorted(tmp_path.glob("*.json")), tmp_path / "out")
    cells = kit.read_page(tmp_path / "out" / "index.html").text
    assert {"United States", "both (hotseat)", "neither (scripted)"} <= {c.strip() for c in cells}


def test_the_class_report_command(tmp_path, kit, class_folder, capsys):
    (class_folder / "zz-bad.json").write_text("[]", encoding="utf-8")
    assert main(["class-report", str(class_folder), "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert "30 games, 1 skipped" in out
    assert err.strip().splitlines() == [f"skipped: {class_folder / 'zz-bad.json'}: "
                                        "not a Bargaining Chips save (the file holds an array, not an object)"]
    assert kit.read_page(tmp_path / "out" / "index.html").problems == []

    only_bad = tmp_path / "bad-only"
    only_bad.mkdir()
    (only_bad / "x.json").write_text("{", encoding="utf-8")
    assert main(["class-report", str(only_bad), "--out", str(tmp_path / "out2")]) == 1
    capsys.readouterr()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["class-report", str(empty), "--out", str(tmp_path / "out3")]) == 2
    assert capsys.readouterr().err.startswith("error: no saves")


def test_the_class_report_weighs_the_four_claims_across_the_class(tmp_path, kit, class_folder):
    from game.analysis.claims import CLAIMS, class_claims
    from game.persist.saves import open_save

    write_class_report([class_folder], tmp_path / "out")
    page = kit.read_page(tmp_path / "out" / "index.html")
    text = " ".join(page.text)
    games = [open_save(p).game for p in sorted(class_folder.glob("*.json"))]
    claims = class_claims([(g.level, g.state) for g in games])
    assert [c.claim for c in claims] == list(CLAIMS)
    assert "The four claims of the premise across the class" in text
    assert all(c.text in text for c in claims)
    _, rows = kit.read_csv(tmp_path / "out" / "class.csv")
    offered = sum(int(r["offers_same_class"]) + int(r["offers_cross_class"]) for r in rows)
    accepted = sum(int(r["accepted_same_class"]) + int(r["accepted_cross_class"]) for r in rows)
    assert offered >= accepted
    opened = sum(r["formal_year"] != "" for r in rows)
    assert claims[0].text.startswith(f"Formal talks opened in {opened} of 30 games")
    for r in rows:
        assert r["formal_year"] == "" or r["agreement_year"] == "" or int(r["formal_year"]) <= int(r["agreement_year"])
