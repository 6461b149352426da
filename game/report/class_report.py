"""Comparing a class's saves: `index.html` (a table and charts) and `class.csv` for a gradebook.

    write_class_report(["saves/"], "class-report/")

Paths may be save files or folders (every `*.json` directly inside). A damaged save is listed
as skipped with its one-line reason; the others still report.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import frozen

from game.analysis.claims import class_claims, formal_year, offers_by_kind
from game.files import atomic_text
from game.model.engine import OUTCOMES
from game.model.level import SIDE_NAMES, SIDES
from game.model.negotiation import describe, treaty_kind
from game.persist.saves import SavedGame, SaveError, open_save
from game.report import facts
from game.report.page import claims_section, esc, page, table
from game.report.svg import PALETTE, SIDE_COLOURS, bar_chart, line_chart

SIDE_CELLS = {**SIDE_NAMES, "both": "both (hotseat)", "none": "neither (scripted)"}  # who played

CSV_COLUMNS = (
    "group", "file", "status", "problem", "players", "side", "opponent", "difficulty", "level", "seed",
    "outcome", "final_year", "formal_year", "agreement_year", "years_to_agreement", "score_us", "score_china",
    "score_change_us", "score_change_china", "player_score", "pledges_won", "pledged_allies", "treaty",
    "treaty_status", "treaty_kind", "offers_same_class", "offers_cross_class", "accepted_same_class",
    "accepted_cross_class", "actions", "state_hash",
)
TREATY_STATUS = {"in-force": "in force", "agreement": "signed, not ratified"}  # talks stage -> words


@frozen
class Entry:
    """One group's game, or the reason its save was skipped."""

    path: str
    group: str
    saved: SavedGame | None = None
    problem: str = ""


def save_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and every `*.json` directly inside each folder (sorted by name)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(q for q in p.glob("*.json") if q.is_file())
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve() if p.exists() else p
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def read_entries(paths: Iterable[str | os.PathLike]) -> list[Entry]:
    entries = []
    for path in save_paths(paths):
        try:
            saved = open_save(path)
        except SaveError as e:
            entries.append(Entry(str(path), path.stem, problem=e.reason))
            continue
        entries.append(Entry(str(path), facts.group_name(saved.meta, path), saved))
    return entries


def write_class_report(paths: Iterable[str | os.PathLike], out: str | os.PathLike) -> tuple[list[Path], list[Entry]]:
    """Write `index.html` and `class.csv` into `out`; returns the files and every entry read."""
    entries = read_entries(paths)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("index.html", class_html(entries)), ("class.csv", class_csv(entries))):
        with atomic_text(folder / name) as f:
            f.write(text)
        written.append(folder / name)
    return written, entries


# ---- the figures of one group -----------------------------------------------------------------------


def row_of(entry: Entry) -> dict[str, Any]:
    """The class.csv row of an entry (every column; blanks where a skipped save has nothing)."""
    row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS, "")
    row.update(group=entry.group, file=Path(entry.path).name)
    if entry.saved is None:
        row.update(status="skipped", problem=entry.problem)
        return row
    game, meta = entry.saved.game, entry.saved.meta
    level, state = game.level, game.state
    start = facts.start_of(game).scores
    end = state.history[-1].scores if state.history else start
    talks = state.talks
    agreed = talks.signed_year if talks.treaty is not None else None
    side = facts.played_side(meta)
    won = facts.pledges_won(level, state)
    made, taken = offers_by_kind(level, state)
    opened = formal_year(state)
    row.update(
        status="ok",
        players="; ".join(facts.players(meta)),
        side=facts.meta_text(meta, "side"),
        opponent=facts.opponent_text(meta),
        difficulty=facts.difficulty_text(meta),
        level=level.id,
        seed=state.seed,
        outcome=state.outcome or f"unfinished ({state.year})",
        final_year=state.year,
        formal_year="" if opened is None else opened,
        agreement_year="" if agreed is None else agreed,
        years_to_agreement="" if agreed is None else agreed - level.start_year,
        score_us=f"{end['us']:.2f}",
        score_china=f"{end['china']:.2f}",
        score_change_us=f"{end['us'] - start['us']:.2f}",
        score_change_china=f"{end['china'] - start['china']:.2f}",
        player_score="" if side is None else f"{end[side]:.2f}",
        pledges_won=len(won),
        pledged_allies="; ".join(f"{name} ({rung})" for name, rung in won),
        treaty="" if talks.treaty is None else describe(level, talks.treaty),
        treaty_status="" if talks.treaty is None else TREATY_STATUS.get(talks.stage, talks.stage),
        treaty_kind=treaty_kind(level, state) or "",
        offers_same_class=made["same-class"],
        offers_cross_class=made["cross-class"],
        accepted_same_class=taken["same-class"],
        accepted_cross_class=taken["cross-class"],
        actions=len(game.log),
        state_hash=entry.saved.state_hash,
    )
    return row


def class_csv(entries: list[Entry]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(row_of(entry))
    return buf.getvalue()


# ---- index.html ----------------------------------------------------------------------------------


def class_html(entries: list[Entry]) -> str:
    good = [e for e in entries if e.saved is not None]
    skipped = [e for e in entries if e.saved is None]
    rows = [row_of(e) for e in good]
    title = "Class comparison"
    levels = sorted({r["level"] for r in rows})
    body = [f"<h1>{esc(title)}</h1>",
            f'<p class="sub">{len(good)} game{"s" if len(good) != 1 else ""} compared'
            + (f"; {len(skipped)} save{'s' if len(skipped) != 1 else ''} skipped" if skipped else "")
            + (f"; level{'s' if len(levels) > 1 else ''}: {esc(', '.join(levels))}" if levels else "") + "</p>"]
    body += ['<section id="table">', "<h2>Groups</h2>"]
    if rows:
        body.append(table(
            ("Group", "File", "Side", "Opponent", "Level", "Outcome", "Final year", "Years to agreement",
             "U.S. score", "China score", "Pledges won", "Treaty"),
            [(r["group"], r["file"], SIDE_CELLS.get(r["side"], r["side"]), _opponent_cell(r), r["level"],
              r["outcome"], r["final_year"],
              r["years_to_agreement"] if r["years_to_agreement"] != "" else "no treaty",
              r["score_us"], r["score_china"],
              f"{r['pledges_won']}" + (f": {r['pledged_allies']}" if r["pledged_allies"] else ""),
              f"{r['treaty']} ({r['treaty_status']}; {r['treaty_kind']})" if r["treaty"] else "none")
             for r in rows],
            numeric=(6, 7, 8, 9)))
        body.append('<p class="note">Years to agreement count from the first year (0: signed in the first '
                    "year). Pledges won: allies pledged or hosting at the end of the game. Compare scores "
                    "at one difficulty (in brackets after the opponent): a harder opponent leaves fewer points.</p>")
    else:
        body.append("<p>No save could be read.</p>")
    body.append("</section>")
    body += claims_section("The four claims of the premise across the class",
                           class_claims([(e.saved.game.level, e.saved.game.state) for e in good]),
                           "Each group's own game says the same of itself at the end of its after-action "
                           "report and in the window's debrief.")
    if skipped:
        body += ['<section id="skipped">', "<h2>Skipped saves</h2>", '<ul class="skipped">']
        body += [f"<li>{esc(Path(e.path).name)}: {esc(e.problem)}</li>" for e in skipped]
        body += ["</ul>", "</section>"]
    if good:
        body += _charts(good, rows)
    return page(title, body)


def _opponent_cell(row: dict) -> str:
    """The opponent and, in brackets, its difficulty (either may be missing from a save)."""
    return f"{row['opponent']} ({row['difficulty']})" if row["opponent"] and row["difficulty"] else row["opponent"]


def _charts(good: list[Entry], rows: list[dict[str, Any]]) -> list[str]:
    out = ['<section id="charts">', "<h2>Charts</h2>", '<div class="charts">']
    out.append(bar_chart("Final scores (0–100)", [
        (r["group"], [(SIDE_NAMES[s], SIDE_COLOURS[s], float(r[f"score_{s}"])) for s in SIDES]) for r in rows
    ], high=100.0))
    counts = Counter(r["outcome"] for r in rows)
    order = [o for o in OUTCOMES if o in counts] + sorted(o for o in counts if o not in OUTCOMES)
    out.append(bar_chart("Outcomes (games)", [(o, [("games", "#555", float(counts[o]))]) for o in order]))
    out.append(bar_chart("Years to agreement", [
        (r["group"], [("years", "#2c7a4b", float(r["years_to_agreement"]) if r["years_to_agreement"] != "" else None)])
        for r in rows
    ], empty="no treaty"))
    out.append(bar_chart("Pledges won (allies pledged or hosting)", [
        (r["group"], [("allies", "#8a6d1d", float(r["pledges_won"]))]) for r in rows
    ]))
    for side in SIDES:
        out.append(_score_lines(good, side))
    out += ["</div>", "</section>"]
    return out


def _score_lines(good: list[Entry], side: str) -> str:
    """Each group's score for `side` over the years, from the start of its game."""
    years = sorted({r.year for e in good for r in e.saved.game.state.history})
    labels = ["start"] + [str(y) for y in years]
    series = []
    for i, e in enumerate(good):
        by_year = {r.year: r.scores[side] for r in e.saved.game.state.history}
        start = facts.start_of(e.saved.game).scores[side]
        series.append((e.group, PALETTE[i % len(PALETTE)], [start] + [by_year.get(y) for y in years]))
    return line_chart(f"{SIDE_NAMES[side]}: score over the years, by group", labels, series, width=640, height=300)
