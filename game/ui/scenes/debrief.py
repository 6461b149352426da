"""The debrief, once a game is over: the outcome and what it means, both sides' final scores,
the treaty (or none), the game's turning points, and on the right either the charts of every
index or "How good was the deal?" (`game.ui.deal_chart`: the deal space with its Pareto frontier
and Nash point, the offers and the signed deal, and the opponent's concession curve, revealed
here even when the facilitator hid the opponent).

It opens after the last year-end report, or from the game-over panel on the map. Escape or
Back returns to the final map; Main menu leaves the game. "Write report" writes the after-action
report (`game.report`) into the reports folder beside the saves and says where; "Rewind to
year…" plays on from a past year as a new branch (`game.ui.scenes.rewind`).
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UILabel, UITextBox

from game.ai.profile import profiles
from game.analysis.claims import claims_in_game
from game.model.level import IN_A_SENTENCE, SIDE_NAMES, SIDES, other
from game.numbers import change
from game.ui.charts import ChartStyle
from game.ui.deal_chart import DealChart, concession_curves
from game.ui.lettering import Lettering
from game.ui.review import outcome_meaning, treaty_words, turning_points
from game.ui.scene import FocusRing, key, pressed, style_as
from game.ui.scenes.charts_screen import charts_for
from game.ui.scenes.cover import Cover

VIEWS = (("charts", "Index charts"), ("deal", "How good was the deal?"))



def who_played(session) -> str:
    setup = session.setup
    names = profiles().personalities

    def played_by(side: str) -> str:
        who = setup.who(side)
        persona = names.get(who)
        return persona.title.lower() if persona is not None else who

    if getattr(session, "hotseat", False):
        return "Hotseat: two delegations, one side each"
    if session.player is None:
        return " · ".join(f"{SIDE_NAMES[s]}: {played_by(s)} ({setup.difficulty_of(s)})" for s in SIDES)
    them = other(session.player)
    hidden = ", hidden until now" if setup.hide_opponent else ""
    return (f"You played {IN_A_SENTENCE[session.player]}; {IN_A_SENTENCE[them]} was a {played_by(them)} "
            f"({setup.difficulty}{hidden})")


def debrief_html(session) -> str:
    level, state = session.level, session.state
    lines = [f"<b>What it means</b><br>{html.escape(outcome_meaning(level, state))}", ""]
    if state.history:
        first, last = state.history[0], state.history[-1]
        you = None if getattr(session, "hotseat", False) else session.player
        scores = " · ".join(
            f"{SIDE_NAMES[side]}{' (you)' if side == you else ''} {last.scores[side]:.0f} "
            f"({change(first.scores[side], last.scores[side], 0)})" for side in SIDES)
        lines += [f"<b>Final scores</b> (change since {first.year}): {scores}", ""]
    lines += ["<b>The treaty</b>", html.escape(treaty_words(level, state)), ""]
    claims = claims_in_game(level, state)
    if claims:
        lines.append("<b>The four claims of the premise in this game</b>")
        lines += [f"{n}. <i>{html.escape(c.claim)}.</i> {html.escape(c.text)}" for n, c in enumerate(claims, start=1)]
        lines.append("")
    lines.append("<b>Turning points</b>")
    points = turning_points(level, state)
    for p in points:
        lines.append(f"<b>{p.year}</b>  {html.escape(p.text)}")
    if not points:
        lines.append("<i>A quiet game: no score moved much, no pledge or rung of the talks changed.</i>")
    return "<br>".join(lines)


class Debrief(Cover):
    def __init__(self, app, parent, session):
        super().__init__(app, parent)
        self.session = session
        self.focus = FocusRing(across=True)
        self.focus.index = 0  # Back to the map: a second Enter after the last report loses nothing
        self.view = "charts"
        self.note = ("", False)  # the line under the text: where the report went, or what went wrong
        self._review = None
        self._reviewed = False

    def deal_review(self):
        """`game.analysis.deal_space.deal_review` of the game, worked out once."""
        if not self._reviewed:
            from game.analysis.deal_space import deal_review

            self._review = deal_review(self.session.game)
            self._reviewed = True
        return self._review

    def deal_picture(self, size):
        session = self.session
        style = ChartStyle.from_theme(self.app.resources.theme, self.palette)
        note = ("Both sides were played by people: there is no scripted concession curve."
                if getattr(session, "hotseat", False) else None)
        chart = DealChart(style, Lettering(self.manager), session.level, self.deal_review(),
                          concession_curves(session.level, session.setup), session.state.talks.signed_year, note)
        return chart.picture(size)

    def build_sheet(self) -> None:
        w, h = self.size
        p = self.palette
        px = self.px
        m, gap, rh = p.size("margin") + px(6), p.size("gap"), p.size("row_height")
        level, state = self.session.level, self.session.state
        title = f"Debrief: {state.outcome or 'the game goes on'}"
        self.heading = UILabel(pygame.Rect(m, px(10), w - 2 * m, px(36)), title, self.manager, container=self.sheet,
                               object_id=ObjectID(class_id="@heading"))
        UILabel(pygame.Rect(m, px(44), w - 2 * m, px(22)),
                f"{who_played(self.session)} · {level.title} · {level.start_year}–{state.year} · "
                f"seed {self.session.setup.seed}",
                self.manager, container=self.sheet, object_id=ObjectID(class_id="@small"))
        line = px(24)
        top, bottom = px(72), h - rh - px(6) - 2 * m - line
        left = max(px(420), int((w - 2 * m) * 0.36))
        self.text = UITextBox(debrief_html(self.session), pygame.Rect(m, top, left, bottom - top), self.manager,
                              container=self.sheet, object_id=ObjectID("#debrief_text"))
        right = pygame.Rect(m + left + gap, top, w - 2 * m - left - gap, bottom - top)
        tab_w, tab_h = px(250), rh
        self.tabs = {}
        for i, (name, words) in enumerate(VIEWS):
            label = words if name == self.view else f"{words}  (G)"
            tab = UIButton(pygame.Rect(right.x + i * (tab_w + px(4)), right.y, tab_w, tab_h), label,
                           self.manager, container=self.sheet, object_id=ObjectID(class_id="@tab_button"),
                           tool_tip_text="Every index over the years." if name == "charts" else
                           "The deals that were possible, the one made, and the opponent's concession curve.")
            if name == self.view:
                tab.select()
            self.tabs[tab] = name
        self.chart_rect = pygame.Rect(right.x, right.y + tab_h + px(4), right.width, right.height - tab_h - px(4))
        if self.view == "deal":
            picture = self.deal_picture(self.chart_rect.size)
        else:
            picture = charts_for(self, self.session).picture(self.chart_rect.size, state.history)
        self.image = UIImage(self.chart_rect, picture, self.manager, container=self.sheet,
                             object_id=ObjectID("#charts" if self.view == "charts" else "#deal_chart"))
        text, problem = self.note
        self.status = UILabel(pygame.Rect(m, bottom + px(4), w - 2 * m, line), text, self.manager,
                              container=self.sheet, object_id=ObjectID("#status_problem" if problem else "#status"))
        bw, y = p.size("button_width"), h - rh - px(6) - m
        bh = rh + px(6)
        self.back = UIButton(pygame.Rect(m, y, bw, bh), "Back to the map", self.manager, container=self.sheet,
                             tool_tip_text="See the final map (Esc); the debrief opens again from its panel.")
        self.reports = UIButton(pygame.Rect(m + bw + gap, y, bw, bh), "Last year's report", self.manager,
                                container=self.sheet, tool_tip_text="The report of the final year.")
        self.write = UIButton(pygame.Rect(m + 2 * (bw + gap), y, bw, bh), "Write report", self.manager,
                              container=self.sheet,
                              tool_tip_text="The after-action report (a web page, a CSV and the record), into "
                                            "the reports folder beside the saves.")
        self.rewind = UIButton(pygame.Rect(m + 3 * (bw + gap), y, bw, bh), "Rewind to year…", self.manager,
                               container=self.sheet,
                               tool_tip_text="Play on from a past year as a new branch; the game as played is kept.")
        self.menu = UIButton(pygame.Rect(w - m - bw - px(40), y, bw + px(40), bh), "Main menu", self.manager,
                             container=self.sheet, object_id=ObjectID(class_id="@primary_button"))
        if not state.history:
            self.reports.disable()
        self.focus.set([self.back, self.reports, self.write, self.rewind, self.menu])  # G switches the view

    def show(self, view: str) -> None:
        if view != self.view:
            self.view = view
            self.layout(self.size)

    def say(self, text: str, problem: bool = False) -> None:
        self.note = (text, problem)
        if self.root is not None:
            style_as(self.status, "#status_problem" if problem else "#status")
            self.status.set_text(text)

    def write_report(self) -> None:
        from game.ui.saving import write_report

        try:
            path = write_report(self.session)
        except (OSError, ValueError) as exc:
            self.say(f"The report could not be written: {getattr(exc, 'strerror', None) or exc}", problem=True)
            return
        self.say(f"Report written: {path} (open it in a web browser)")

    def shortcuts(self):
        return [("Debrief", [
            ("Tab, Left, Right", "Move between the buttons"),
            ("Enter", "Press the highlighted button"),
            ("G", "How good was the deal? / the index charts"),
            ("Esc", "Back to the final map"),
        ])]

    def handle(self, event):
        if key(event, pygame.K_ESCAPE):
            return self.parent
        if self.focus.handle(event):
            return None
        if pressed(event, self.back):
            return self.parent
        if pressed(event, self.reports):
            from game.ui.scenes.year_report import YearReport

            return YearReport(self.app, self, self.session)
        if pressed(event, self.menu):
            from game.ui.scenes.menu import MainMenu

            return MainMenu(self.app)
        if key(event, pygame.K_g):
            self.show("charts" if self.view == "deal" else "deal")
            return None
        for tab, name in self.tabs.items():
            if pressed(event, tab):
                self.show(name)
                return None
        if pressed(event, self.write):
            self.write_report()
            return None
        if pressed(event, self.rewind):
            from game.ui.scenes.rewind import RewindDialog

            return RewindDialog(self.app, self, self.session)
        return None
