"""The after-action report of one saved game: `index.html`, `rounds.csv` and `game.json`.

    write_game_report(open_save("week3.json"), "report/")

`index.html` is self-contained (styles inline, charts as inline SVG): the outcome, the final
scores, the treaty, every index over the years for both sides, each year's events, news and
largest index moves with the terms behind them, and the whole negotiation transcript.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from game.analysis.claims import claims_in_game
from game.files import atomic_text
from game.model.engine import treaty_values_words
from game.model.level import SIDE_NAMES, SIDES, called
from game.model.negotiation import describe, treaty_kind, treaty_when
from game.numbers import change, signed
from game.persist.saves import SavedGame, level_hash
from game.report import facts
from game.report.page import claims_section, esc, page, table
from game.report.svg import SIDE_COLOURS, line_chart
from game.results import game_record, plain, treaty_data

ROUND_INDICES: tuple[str, ...] = facts.SIDE_INDICES + facts.SHARED_INDICES


def write_game_report(saved: SavedGame, out: str | os.PathLike) -> list[Path]:
    """Write the three files into the folder `out` (created if need be); returns their paths."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("index.html", game_html(saved)), ("rounds.csv", rounds_csv(saved)),
                       ("game.json", game_json(saved))):
        with atomic_text(folder / name) as f:
            f.write(text)
        written.append(folder / name)
    return written


# ---- game.json and rounds.csv ----------------------------------------------------------------


def game_json(saved: SavedGame) -> str:
    """The game's record (as `simulate --json` gives it) with the save's meta and level."""
    game = saved.game
    doc = dict(game_record(game) if game.state.history else _early_record(game))
    doc["level"] = {"id": game.level.id, "title": game.level.title, "content_hash": level_hash(game.level),
                    "source": saved.level_source}
    doc["meta"] = plain(saved.meta)
    doc["saved_at"] = saved.saved_at
    doc["actions"] = len(game.log)
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _early_record(game) -> dict[str, Any]:
    """`game_record`'s fields for a game saved before its first year was assessed (which
    `game_record` cannot give: its score gain counts from the first year's record)."""
    result = game.assessment()
    return plain({
        "seed": game.state.seed, "outcome": game.state.outcome, "start_year": game.level.start_year,
        "final_year": game.state.year, "agreement_year": None, "treaty": treaty_data(game.state.talks.treaty),
        "score": dict(result.scores), "score_gain": {side: 0.0 for side in SIDES},
        "indices": result.values(), "state_hash": game.state_hash(),
    })


def round_columns() -> list[str]:
    columns = ["year", "side", "stage", "holdings"]
    for key in ROUND_INDICES:
        columns += [key] + [f"{key}_top{i}" for i in (1, 2, 3)]
    return columns


def round_rows(saved: SavedGame) -> list[list[Any]]:
    """One row per year and side: every index value and its three largest terms as name=value.
    The shared escalation risk is repeated on both sides' rows."""
    rows = []
    for record in saved.game.state.history:
        for side in SIDES:
            row: list[Any] = [record.year, side, record.stage, record.holdings.get(side, "")]
            for key in ROUND_INDICES:
                group = "shared" if key in facts.SHARED_INDICES else side
                value = record.indices.get(group, {}).get(key)
                terms = facts.top_terms(record.breakdowns.get(group, {}).get(key, {}))
                row.append("" if value is None else f"{value:.3f}")
                row += [f"{name}={v:.3f}" for name, v in terms] + [""] * (3 - len(terms))
            rows.append(row)
    return rows


def rounds_csv(saved: SavedGame) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(round_columns())
    writer.writerows(round_rows(saved))
    return buf.getvalue()


# ---- index.html --------------------------------------------------------------------------------


def game_html(saved: SavedGame) -> str:
    game = saved.game
    level = game.level
    snaps = facts.snapshots(game)
    title = f"After-action report: {level.title}"
    body = [f"<h1>{esc(title)}</h1>", f'<p class="sub">{esc(_subtitle(saved))}</p>',
            '<nav><a href="#outcome">Outcome</a><a href="#treaty">Treaty</a><a href="#claims">The four claims</a>'
            '<a href="#charts">Charts</a>'
            '<a href="#years">Year by year</a><a href="#talks">Talks transcript</a></nav>']
    body += _outcome(saved, snaps)
    body += _treaty(saved)
    body += claims_section("The four claims of the premise in this game",
                           claims_in_game(game.level, game.state))
    body += _charts(saved, snaps)
    body += _years(saved, snaps)
    body += _transcript(saved)
    if saved.path:
        body.append(f'<p class="note">Written from {esc(Path(saved.path).name)}: {len(game.log)} actions '
                    f"replayed and checked (state hash {esc(state_hash_short(saved))}).</p>")
    else:
        body.append(f'<p class="note">Written from the game in play: {len(game.log)} actions '
                    f"(state hash {esc(state_hash_short(saved))}).</p>")
    return page(title, body)


def state_hash_short(saved: SavedGame) -> str:
    return saved.state_hash[:16]


WHO_PLAYED = {"both": "hotseat: both sides played by people", "none": "both sides played by scripted opponents"}


def _subtitle(saved: SavedGame) -> str:
    level, state, meta = saved.game.level, saved.game.state, saved.meta
    parts = [f"{level.id}, {level.start_year}–{level.end_year}", f"seed {state.seed}"]
    names = facts.players(meta)
    if names:
        parts.append("players: " + ", ".join(names))
    side = facts.played_side(meta)
    if side:
        parts.append(f"played as {called(side)}")
    elif meta.get("side") in WHO_PLAYED:
        parts.append(WHO_PLAYED[meta["side"]])
    elif meta.get("side"):
        parts.append(f"played as {facts.meta_text(meta, 'side')}")
    policies = meta.get("policies")
    if isinstance(policies, dict):
        parts.append("policies: " + ", ".join(f"{facts.SHORT.get(side, side)} {name}"
                                              for side, name in policies.items()))
    if meta.get("opponent") is not None:
        parts.append(f"opponent: {facts.meta_text(meta, 'opponent')}")
    if meta.get("difficulty") is not None:
        parts.append(f"difficulty: {facts.difficulty_text(meta)}")
    parts.append(f"saved {saved.saved_at}")
    return "; ".join(parts)


def _outcome(saved: SavedGame, snaps: list[facts.Snapshot]) -> list[str]:
    state = saved.game.state
    if state.outcome is not None:
        headline = f"{state.outcome}, {state.year}"
    else:
        headline = f"Unfinished: saved in {state.year}, during the {state.phase} phase"
    start, end = snaps[0], snaps[-1]
    rows = [(SIDE_NAMES[side], f"{start.scores[side]:.1f}", f"{end.scores[side]:.1f}",
             change(start.scores[side], end.scores[side])) for side in SIDES]
    values = treaty_values_words(saved.game.level, state)
    out = ['<section id="outcome">', "<h2>Outcome</h2>", f'<p class="outcome">{esc(headline)}</p>',
           *([f"<p>{esc(values)}</p>"] if values else []),
           "<h3>Scores (0–100)</h3>",
           table(("Side", "At the start", "At the end" if state.outcome else "When saved", "Change"), rows,
                 numeric=(1, 2, 3))]
    won = facts.pledges_won(saved.game.level, state)
    text = "; ".join(f"{name} ({rung})" for name, rung in won) if won else "no ally is pledged or hosting"
    out.append(f"<p>Allies pledged or hosting at the end: {esc(text)}.</p>")
    out.append("</section>")
    return out


def _treaty(saved: SavedGame) -> list[str]:
    level, talks = saved.game.level, saved.game.state.talks
    out = ['<section id="treaty">', "<h2>Treaty</h2>"]
    if talks.treaty is None:
        out.append(f"<p>No treaty: the talks ended at the '{esc(talks.stage)}' stage.</p>")
    else:
        state = saved.game.state
        out.append(f"<p>A {esc(treaty_kind(level, state))} treaty, {esc(treaty_when(talks, state.is_over))}. "
                   f"{esc(describe(level, talks.treaty))}.</p>")
        out.append(table(("Side", "Forces", "Commitment", "Count"), facts.treaty_rows(level, talks.treaty),
                         numeric=(3,)))
        out.append(f"<p>Verification: {esc(talks.treaty.verification)}; carried out over "
                   f"{talks.treaty.years} years.</p>")
    out.append("</section>")
    return out


def _charts(saved: SavedGame, snaps: list[facts.Snapshot]) -> list[str]:
    labels = ["start"] + [str(s.year) for s in snaps[1:]]
    out = ['<section id="charts">', "<h2>Every index over the years</h2>",
           '<p class="note">Each index is on a 0–100 scale; “start” is the position before the first '
           "orders. Hover over a point for its value.</p>", '<div class="charts">']
    for key in facts.SIDE_INDICES:
        series = [(f"{facts.SHORT[side]} {facts.index_title(key, side)}" if key == "standing" else SIDE_NAMES[side],
                   SIDE_COLOURS[side], [s.indices.get(side, {}).get(key) for s in snaps]) for side in SIDES]
        title = "Standing with allies and the region" if key == "standing" else facts.index_title(key)
        out.append(line_chart(title, labels, series))
    for key in facts.SHARED_INDICES:
        out.append(line_chart(facts.index_title(key), labels,
                              [("Both sides", SIDE_COLOURS["shared"], [s.indices.get("shared", {}).get(key) for s in snaps])]))
    history = saved.game.state.history
    if history:
        holdings = [(SIDE_NAMES[side], SIDE_COLOURS[side], [r.holdings.get(side) for r in history]) for side in SIDES]
        out.append(line_chart("Ground-launched missiles held (year end)", [str(r.year) for r in history], holdings,
                              low=0.0, high=0.0))
    out += ["</div>", "</section>"]
    return out


def _years(saved: SavedGame, snaps: list[facts.Snapshot]) -> list[str]:
    level, state = saved.game.level, saved.game.state
    cards = {card.id: card for card in level.events}
    out = ['<section id="years">', "<h2>Year by year: what changed and why</h2>"]
    if not state.history:
        out.append("<p>No year has been assessed yet.</p>")
    for prev, record, now in zip(snaps, state.history, snaps[1:]):
        out.append(f'<section class="year" id="year-{record.year}">')
        out.append(f"<h3>{record.year}</h3>")
        if record.events:
            out.append("<p><b>Events:</b></p><ul>")
            for event_id in record.events:
                card = cards.get(event_id)
                if card is None:
                    out.append(f"<li>{esc(event_id)}</li>")
                else:
                    out.append(f'<li class="event"><b>{esc(card.title)}.</b> {esc(" ".join(card.text.split()))}</li>')
            out.append("</ul>")
        scores = "; ".join(f"{SIDE_NAMES[s]} {prev.scores[s]:.1f} → {now.scores[s]:.1f} "
                           f"({change(prev.scores[s], now.scores[s])})" for s in SIDES)
        out.append(f"<p><b>Scores:</b> {esc(scores)}.</p>")
        if prev.stage != now.stage:
            out.append(f"<p><b>Talks:</b> {esc(prev.stage)} → {esc(now.stage)}.</p>")
        else:
            out.append(f"<p><b>Talks:</b> {esc(now.stage)}.</p>")
        found = facts.moves(prev, now)
        if found:
            rows = [(facts.SHORT[m.group], m.title, f"{m.old:.1f}", f"{m.new:.1f}", change(m.old, m.new),
                     "; ".join(f"{name} {signed(d)}" for name, d in m.terms)) for m in found]
            out.append(table(("Side", "Index", "Before", "After", "Change", "Largest term changes"), rows,
                             numeric=(2, 3, 4)))
        else:
            out.append("<p>No index moved.</p>")
        if record.news:
            out.append("<p><b>News:</b></p><ul>")
            out += [f"<li>{esc(line)}</li>" for line in record.news]
            out.append("</ul>")
        out.append("</section>")
    out.append("</section>")
    return out


def _transcript(saved: SavedGame) -> list[str]:
    level = saved.game.level
    transcript = saved.game.state.talks.transcript
    out = ['<section id="talks">', "<h2>The negotiation, word for word</h2>"]
    if not transcript:
        out.append("<p>Nobody spoke at the table.</p>")
    else:
        rows = [(entry.year, SIDE_NAMES.get(entry.side, entry.side), entry.verb,
                 describe(level, entry.offer) if entry.offer is not None else "", entry.reason)
                for entry in transcript]
        out.append(table(("Year", "Side", "Says", "Offer", "Reason given"), rows, numeric=(0,), cls="transcript"))
    out.append("</section>")
    return out
