"""The debrief, once a game is over: the outcome and what it means, both sides' final scores,
the treaty (or none), the game's turning points, and the charts of every index.

It opens after the last year-end report, or from the game-over panel on the map. Escape or
Back returns to the final map; Main menu leaves the game.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UILabel, UITextBox

from game.ai.profile import profiles
from game.model.level import IN_A_SENTENCE, SIDE_NAMES, SIDES, other
from game.ui.review import outcome_meaning, signed_whole, treaty_words, turning_points
from game.ui.scene import FocusRing, key, pressed
from game.ui.scenes.charts_screen import charts_for
from game.ui.scenes.cover import Cover



def who_played(session) -> str:
    setup = session.setup
    names = profiles().personalities

    def played_by(side: str) -> str:
        who = setup.who(side)
        persona = names.get(who)
        return persona.title.lower() if persona is not None else who

    if session.player is None:
        return " · ".join(f"{SIDE_NAMES[s]}: {played_by(s)}" for s in SIDES) + f" ({setup.difficulty})"
    them = other(session.player)
    return (f"You played {IN_A_SENTENCE[session.player]}; {IN_A_SENTENCE[them]} was a {played_by(them)} "
            f"({setup.difficulty})")


def debrief_html(session) -> str:
    level, state = session.level, session.state
    lines = [f"<b>What it means</b><br>{html.escape(outcome_meaning(state.outcome))}", ""]
    if state.history:
        first, last = state.history[0], state.history[-1]
        scores = " · ".join(
            f"{SIDE_NAMES[side]}{' (you)' if side == session.player else ''} {last.scores[side]:.0f} "
            f"({signed_whole(last.scores[side] - first.scores[side])})" for side in SIDES)
        lines += [f"<b>Final scores</b> (change since {first.year}): {scores}", ""]
    lines += ["<b>The treaty</b>", html.escape(treaty_words(level, state)), "", "<b>Turning points</b>"]
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
        top, bottom = px(72), h - rh - px(6) - 2 * m
        left = max(px(420), int((w - 2 * m) * 0.36))
        self.text = UITextBox(debrief_html(self.session), pygame.Rect(m, top, left, bottom - top), self.manager,
                              container=self.sheet, object_id=ObjectID("#debrief_text"))
        self.chart_rect = pygame.Rect(m + left + gap, top, w - 2 * m - left - gap, bottom - top)
        picture = charts_for(self, self.session).picture(self.chart_rect.size, state.history)
        self.image = UIImage(self.chart_rect, picture, self.manager, container=self.sheet,
                             object_id=ObjectID("#charts"))
        bw, y = p.size("button_width"), h - rh - px(6) - m
        self.back = UIButton(pygame.Rect(m, y, bw, rh + px(6)), "Back to the map", self.manager, container=self.sheet,
                             tool_tip_text="See the final map (Esc); the debrief opens again from its panel.")
        self.reports = UIButton(pygame.Rect(m + bw + gap, y, bw, rh + px(6)), "Last year's report", self.manager,
                                container=self.sheet, tool_tip_text="The report of the final year.")
        self.menu = UIButton(pygame.Rect(w - m - bw - px(40), y, bw + px(40), rh + px(6)), "Main menu", self.manager,
                             container=self.sheet, object_id=ObjectID(class_id="@primary_button"))
        if not state.history:
            self.reports.disable()
        self.focus.set([self.back, self.reports, self.menu])

    def shortcuts(self):
        return [("Debrief", [
            ("Tab, Left, Right", "Move between the buttons"),
            ("Enter", "Press the highlighted button"),
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
        return None
