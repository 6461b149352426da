"""The year-end report, over the dimmed map after each year's assessment: the year's events and
news, and for each of the player's indices the change since last year and the terms that moved
it most. Enter, Escape, Continue or a click outside the report goes on (to the debrief, once
the game is over); C shows the charts.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.model.level import IN_A_SENTENCE, other, possessive
from game.numbers import signed
from game.ui.review import STAGE_WORDS, Change, YearReview, year_review
from game.ui.scene import FocusRing, key, pressed
from game.ui.scenes.cover import Cover

MAX_WIDTH = 1180


def hex_colour(colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])


def report_after(map_screen, before):
    """The report to show if the move that left `before` ended a year (None otherwise)."""
    session = map_screen.session
    if map_screen.watching or len(session.state.history) <= len(before.history):
        return None
    return YearReport(map_screen.app, map_screen, session)


def happened_html(level, review: YearReview) -> str:
    lines = ["<b>What happened</b>", ""]
    for title, text in review.events:
        lines.append(f"<b>Event: {html.escape(title)}.</b> {html.escape(text)}")
        lines.append("")
    if not review.events:
        lines += ["<i>No event this year.</i>", ""]
    if review.news:
        lines.append("<b>News</b>")
        lines += [f"•  {html.escape(n)}" for n in review.news]
        lines.append("")
    before, after = review.stage
    if before != after:
        lines.append(f"<b>The talks:</b> {html.escape(STAGE_WORDS.get(after, after))} (from {before} to {after}).")
    else:
        lines.append(f"<b>The talks</b> stay {html.escape(after)}.")
    return "<br>".join(lines)


def change_html(ch: Change, good: str, bad: str, dim: str) -> str:
    delta = ch.delta
    tone = {True: good, False: bad, None: dim}[ch.good]
    head = (f"<b>{html.escape(ch.name)}</b>  {ch.after:.0f}  <font color='{tone}'><b>{signed(delta)}</b></font>"
            f"  <font color='{dim}'>(was {ch.before:.0f})</font>")
    if ch.reasons:
        why = " · ".join(f"{html.escape(n)} {signed(d)}" for n, d in ch.reasons)
        return f"{head}<br><font color='{dim}'>      because: {why}</font>"
    return f"{head}<br><font color='{dim}'>      no term moved</font>"


def changes_html(review: YearReview, palette) -> str:
    good = hex_colour(palette.colour("#gauge", "good"))
    bad = hex_colour(palette.colour("#gauge", "bad"))
    dim = hex_colour(palette.colour("#gauge", "dim_text"))
    them = other(review.side)
    since = "the start of the game" if review.first else str(review.since)
    them0, them1 = review.scores[them]
    lines = [f"<b>How your position changed since {since}</b>",
             f"<font color='{dim}'>{possessive(them, True)} score: {them1:.0f} ({signed(them1 - them0)}).</font>", ""]
    for ch in review.changes:
        lines.append(change_html(ch, good, bad, dim))
    lines.append("")
    lines.append(f"<font color='{dim}'><i>Green helps you, red hurts you: for cost and escalation risk, "
                 f"lower is better. Each index is 0–100; the terms are its parts.</i></font>")
    return "<br>".join(lines)


class YearReport(Cover):
    dim = True

    def __init__(self, app, parent, session, at: int = -1):
        super().__init__(app, parent)
        self.session = session
        self.at = at
        self.focus = FocusRing(across=True)
        self.review = year_review(session.level, session.state, session.player or "us", at)

    @property
    def final(self) -> bool:
        state = self.session.state
        return state.is_over and self.at % len(state.history) == len(state.history) - 1

    def build_sheet(self) -> None:
        w, h = self.size
        p = self.palette
        px = self.px
        m, gap, rh = p.size("margin") + px(4), p.size("gap"), p.size("row_height")
        pw, ph = min(w - px(60), px(MAX_WIDTH)), h - px(40)
        self.panel_rect = pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)
        self.panel = UIPanel(self.panel_rect, starting_height=1, manager=self.manager, container=self.sheet,
                             object_id=ObjectID("#report_panel"))
        inner = pw - 2 * m - 4
        review = self.review
        state = self.session.state
        title = f"{review.year} in review"
        if self.final:
            title += f"  ·  game over: {state.outcome}"
        UILabel(pygame.Rect(m, px(8), inner, px(34)), title, self.manager, container=self.panel,
                object_id=ObjectID(class_id="@heading"))
        who = IN_A_SENTENCE[review.side]
        UILabel(pygame.Rect(m, px(40), inner, px(22)), f"The year's end for {who}: what changed, and why",
                self.manager, container=self.panel, object_id=ObjectID(class_id="@small"))
        top = px(68)
        bottom = ph - rh - px(6) - 2 * m
        left = int(inner * 0.42)
        self.happened = UITextBox(happened_html(self.session.level, review), pygame.Rect(m, top, left, bottom - top),
                                  self.manager, container=self.panel, object_id=ObjectID("#report_text"))
        self.changes = UITextBox(changes_html(review, p),
                                 pygame.Rect(m + left + gap, top, inner - left - gap, bottom - top),
                                 self.manager, container=self.panel, object_id=ObjectID("#report_text"))
        bw = p.size("button_width")
        y = ph - rh - px(10) - m
        words = "Continue to the debrief" if self.final else f"Continue to {state.year}"
        go_w = bw + px(110)
        self.go_on = UIButton(pygame.Rect(pw - m - px(4) - go_w, y, go_w, rh + px(6)), words + "  (Enter)",
                              self.manager, container=self.panel, object_id=ObjectID(class_id="@primary_button"))
        self.charts = UIButton(pygame.Rect(m, y, bw, rh + px(6)), "Charts (C)", self.manager, container=self.panel,
                               tool_tip_text="Every index over the years, for both sides.")
        self.focus.set([self.go_on, self.charts])

    def shortcuts(self):
        return [("Year-end report", [
            ("Enter, Esc, click outside", "Go on (after the last year: the debrief)"),
            ("Tab, Left, Right", "Move between Continue and Charts"),
            ("C", "Charts of every index"),
        ])]

    def next_scene(self):
        from game.ui.scenes.debrief import Debrief

        if self.final and not isinstance(self.parent, Debrief):
            return Debrief(self.app, self.parent, self.session)
        return self.parent

    def show_charts(self):
        from game.ui.scenes.charts_screen import ChartsScreen

        return ChartsScreen(self.app, self, self.session)

    def handle(self, event):
        if key(event, pygame.K_ESCAPE):
            return self.next_scene()
        if key(event, pygame.K_c):
            return self.show_charts()
        if self.focus.handle(event):
            return None
        if pressed(event, self.go_on):
            return self.next_scene()
        if pressed(event, self.charts):
            return self.show_charts()
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not self.panel_rect.collidepoint(event.pos):
            return self.next_scene()
        return None
