"""The after-action report of one save: index.html parses strictly and holds the outcome,
scores, treaty, charts, years and transcript; rounds.csv has a row per year and side;
game.json is the game record with the meta; every string is escaped."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.model.assessment import assess
from game.model.engine import OUTCOMES, treaty_values_words
from game.persist import open_save
from game.report import write_game_report
from game.report.game_report import ROUND_INDICES, round_columns
from game.text.view import final
from game.ui.review import outcome_meaning, treaty_words

RECORD_KEYS = {"seed", "outcome", "start_year", "final_year", "agreement_year", "treaty", "score",
               "score_gain", "indices", "state_hash"}
NASTY = '<script>alert("x")</script> & <b>bold</b>'


def treaty_game(kit):
    """A seeded baseline game that ends in a treaty (found once, the same every run)."""
    for seed in range(40):
        game = kit.played("baseline-2020", seed)
        if game.state.talks.treaty is not None:
            return game
    pytest.skip("no treaty in 40 seeded games")


@pytest.mark.parametrize("level_id", ["tutorial", "baseline-2020", "allied-momentum", "guam-only"])
def test_the_report_of_a_finished_game(tmp_path, kit, level_id):
    game = kit.played(level_id, 2)
    save = kit.save(game, tmp_path / "game.json", players=["Ana", "Bo"], side="us", opponent="hardliner")
    written = write_game_report(open_save(save), tmp_path / "out")
    assert sorted(p.name for p in written) == ["game.json", "index.html", "rounds.csv"]
    page = kit.read_page(tmp_path / "out" / "index.html")
    assert page.problems == []
    text = " ".join(page.text)
    assert game.state.outcome in text and game.state.outcome in OUTCOMES
    assert "Ana, Bo" in text and game.level.title in text
    n_charts = len(ROUND_INDICES) + 1  # every index, and the missiles held
    assert page.tags.get("svg") == n_charts
    for record in game.state.history:
        assert f"year-{record.year}" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    titles = {card.id: card.title for card in game.level.events}
    for record in game.state.history:
        for event_id in record.events:
            assert titles[event_id] in text

    columns, rows = kit.read_csv(tmp_path / "out" / "rounds.csv")
    assert columns == round_columns()
    assert columns[:4] == ["year", "side", "stage", "holdings"]
    assert len(rows) == 2 * len(game.state.history)
    for row, (record, side) in zip(rows, [(r, s) for r in game.state.history for s in ("us", "china")]):
        assert (int(row["year"]), row["side"]) == (record.year, side)
        assert float(row["score"]) == pytest.approx(record.scores[side], abs=1e-3)
        assert float(row["risk"]) == pytest.approx(record.indices["shared"]["risk"], abs=1e-3)
        assert row["deterrence_top1"].count("=") >= 1

    doc = json.loads((tmp_path / "out" / "game.json").read_text(encoding="utf-8"))
    assert RECORD_KEYS <= set(doc)
    assert doc["meta"] == {"players": ["Ana", "Bo"], "side": "us", "opponent": "hardliner"}
    assert doc["state_hash"] == game.state_hash() and doc["level"]["id"] == level_id


def test_a_treaty_and_the_whole_transcript_are_shown(tmp_path, kit):
    game = treaty_game(kit)
    write_game_report(open_save(kit.save(game, tmp_path / "t.json")), tmp_path / "out")
    page = kit.read_page(tmp_path / "out" / "index.html")
    assert page.problems == []
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "No treaty" not in html and "Verification:" in html
    transcript = game.state.talks.transcript
    assert html.count("<tr>") >= len(transcript)
    reasons = [e.reason for e in transcript if e.reason]
    assert reasons
    import html as html_module

    for reason in reasons[:20]:
        assert html_module.escape(reason, quote=True) in html


def test_a_treaty_signed_too_late_to_be_ratified_says_so(tmp_path, kit):
    # Baseline, pragmatist U.S. against opportunist China: signed in 2032, the last year.
    game = kit.played("baseline-2020", 1860244682, "pragmatist", "opportunist")
    assert game.state.outcome == "Stalemate" and game.state.talks.stage == "agreement"
    write_game_report(open_save(kit.save(game, tmp_path / "late.json")), tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "A same-class treaty, signed in 2032, not ratified by the end." in html
    # The terminal's last screen and the window's debrief say the same.
    level, state = game.level, game.state
    assert "Treaty (same-class, signed in 2032, not ratified by the end)" in " ".join(final(level, state, "us", assess(level, state)))
    assert treaty_words(level, state).startswith("Treaty (same-class, signed in 2032, not ratified by the end): ")


def test_a_treaty_outcome_gives_the_values_it_was_named_by(tmp_path, kit):
    # Baseline, pragmatist U.S. against opportunist China: a treaty in force at the end.
    game = kit.played("baseline-2020", 2834126987, "pragmatist", "opportunist")
    level, state = game.level, game.state
    us, china = state.talks.treaty_value
    assert state.outcome == "Treaty favouring China" and china - us > level.rules.balance_margin
    words = treaty_values_words(level, state)
    assert words == (f"At ratification in {state.talks.in_force_year} it was worth {us:+.2f} score points to the "
                     f"United States and {china:+.2f} to China (each against no deal, in its own eyes): "
                     f"{china - us:.2f} apart, beyond the 1.5 the level counts as balanced.")
    assert outcome_meaning(level, state).endswith(words)  # the window's debrief and outcome panel
    assert words in " ".join(" ".join(final(level, state, "us", assess(level, state))).split())
    write_game_report(open_save(kit.save(game, tmp_path / "t.json")), tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert words.replace("'", "&#x27;") in html
    late = kit.played("baseline-2020", 1860244682, "pragmatist", "opportunist")  # a stalemate
    assert treaty_values_words(late.level, late.state) is None


def test_every_string_is_escaped(tmp_path, kit):
    game = kit.played("tutorial", 4)
    save = kit.save(game, tmp_path / "nasty.json", players=[NASTY], side=NASTY, opponent=NASTY,
                    difficulty=NASTY)
    write_game_report(open_save(save), tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html
    assert kit.read_page(tmp_path / "out" / "index.html").problems == []
    assert json.loads((tmp_path / "out" / "game.json").read_text(encoding="utf-8"))["meta"]["players"] == [NASTY]


def test_an_unfinished_game_reports_what_there_is(tmp_path, kit):
    from game.persist import replay, year_starts

    game = kit.played("baseline-2020", 3)
    starts = year_starts(game)
    for n in (0, starts[game.level.start_year + 2] + 3):
        part = replay(game.level, game.state.seed, game.log, upto=n)
        write_game_report(open_save(kit.save(part, tmp_path / f"u{n}.json")), tmp_path / f"out{n}")
        page = kit.read_page(tmp_path / f"out{n}" / "index.html")
        assert page.problems == []
        assert "Unfinished" in " ".join(page.text)
        _, rows = kit.read_csv(tmp_path / f"out{n}" / "rounds.csv")
        assert len(rows) == 2 * len(part.state.history)


def test_the_report_command(tmp_path, kit, capsys):
    save = kit.save(kit.played("tutorial", 5), tmp_path / "g.json")
    assert main(["report", str(save), "--out", str(tmp_path / "r")]) == 0
    assert "index.html" in capsys.readouterr().out
    assert kit.read_page(tmp_path / "r" / "index.html").problems == []

    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["report", str(bad), "--out", str(tmp_path / "r2")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"error: {bad}: ")
    assert not (tmp_path / "r2").exists()

    assert main(["report", str(save)]) == 2  # --out is required
    assert capsys.readouterr().err.startswith("error: ")
    (tmp_path / "afile").write_text("x")
    assert main(["report", str(save), "--out", str(tmp_path / "afile")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_the_report_of_a_game_in_memory(tmp_path, kit):
    from game.persist import SavedGame

    game = kit.played("tutorial", 8)
    write_game_report(SavedGame.of(game, meta={"players": ["Ana"]}), tmp_path / "out")
    assert kit.read_page(tmp_path / "out" / "index.html").problems == []
    doc = json.loads((tmp_path / "out" / "game.json").read_text(encoding="utf-8"))
    assert doc["state_hash"] == game.state_hash() and doc["meta"] == {"players": ["Ana"]}


@pytest.mark.parametrize("side, words", [("none", "both sides played by scripted opponents"),
                                         ("both", "hotseat: both sides played by people"),
                                         ("china", "played as China"), ("us", "played as the United States")])
def test_the_report_says_who_played(tmp_path, kit, side, words):
    save = kit.save(kit.played("tutorial", 2), tmp_path / "game.json", side=side)
    write_game_report(open_save(save), tmp_path / "out")
    text = " ".join(kit.read_page(tmp_path / "out" / "index.html").text)
    assert words in text and "played as none" not in text and "played as both" not in text
