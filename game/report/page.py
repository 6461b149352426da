"""The HTML page the reports are written into: one self-contained file, styles inline.

Nothing is fetched: no fonts, scripts or images from elsewhere. Every string put into a page
goes through `esc` (here, or in the callers); `table` escapes its cells itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from game.report.svg import esc

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1120px;
       padding: 1.2rem 1.6rem 3rem; color: #1d1d1f; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0.2rem 0; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #d8dce3; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
.sub { color: #555; margin: 0 0 1rem; }
.outcome { font-size: 1.3rem; font-weight: 600; }
table { border-collapse: collapse; margin: 0.4rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #d8dce3; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f1f3f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.up { color: #17692c; } .down { color: #a3271b; }
.us { color: #1f5fa8; font-weight: 600; } .china { color: #c0392b; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; }
svg.chart { max-width: 100%; height: auto; background: #fff; }
.event { margin: 0.2rem 0; } .event b { display: inline; }
.reason { color: #444; font-style: italic; }
.skipped { color: #a3271b; }
.note { color: #555; font-size: 0.9rem; }
ul { margin: 0.2rem 0 0.6rem; padding-left: 1.3rem; }
nav a { margin-right: 0.9rem; }
@media print { h2 { break-after: avoid; } section.year, svg.chart { break-inside: avoid; } nav { display: none; } }
"""


def page(title: str, body: Iterable[str]) -> str:
    """A whole HTML document around `body` (already-escaped markup)."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])


def table(header: Sequence[str], rows: Iterable[Sequence[object]], numeric: Sequence[int] = (),
          cls: str | None = None) -> str:
    """A table of plain-text cells (escaped here); columns in `numeric` are right-aligned."""
    def cell(tag: str, i: int, value: object) -> str:
        klass = ' class="num"' if i in numeric else ""
        return f"<{tag}{klass}>{esc('' if value is None else value)}</{tag}>"

    out = [f'<table class="{esc(cls)}">' if cls else "<table>", "<thead><tr>"]
    out += [cell("th", i, h) for i, h in enumerate(header)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def claims_section(heading: str, claims, note: str = "") -> list[str]:
    """The premise's four claims (`game.analysis.claims`) as a numbered list under `heading`;
    nothing without claims."""
    if not claims:
        return []
    out = ['<section id="claims">', f"<h2>{esc(heading)}</h2>", "<ol>"]
    out += [f"<li><b>{esc(c.claim)}.</b> {esc(c.text)}</li>" for c in claims]
    out.append("</ol>")
    if note:
        out.append(f'<p class="note">{esc(note)}</p>')
    return out + ["</section>"]
