"""The side panel once the game is over: the named outcome, the final scores, the treaty, and
the way to the debrief (D) and the main menu (the charts: C, or the button on the map)."""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from game.model.level import SIDE_NAMES, SIDES
from game.numbers import change
from game.ui.review import outcome_meaning, treaty_words
from game.ui.scene import key, pressed


class OutcomePanel:
    def __init__(self, scene):
        self.scene = scene

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("row_height")
        level, state = s.session.level, s.session.state
        self.panel = UIPanel(rect, manager=s.manager, container=s.root, object_id=ObjectID("#outcome_panel"))
        w = rect.width - 2 * m - 4
        lines = [f"<b>Game over in {state.year}: {html.escape(state.outcome or '')}</b>",
                 html.escape(outcome_meaning(level, state))]
        if state.history:
            scores = state.history[-1].scores
            first = state.history[0].scores
            lines.append("<br>".join(
                f"{SIDE_NAMES[side]}: score {scores[side]:.0f} ({change(first[side], scores[side], 0)} since "
                f"{state.history[0].year})" for side in SIDES))
        lines.append(html.escape(treaty_words(level, state)))
        buttons_h = 2 * (rh + 6) + gap
        UITextBox("<br><br>".join(lines), pygame.Rect(m, m, w, rect.height - 2 * m - buttons_h - gap - 6),
                  s.manager, container=self.panel, object_id=ObjectID("#outcome_text"))
        y = rect.height - m - buttons_h - 6
        self.debrief = UIButton(pygame.Rect(m, y, w, rh + 6), "Debrief: what happened, and why  (D)", s.manager,
                                container=self.panel, object_id=ObjectID(class_id="@primary_button"),
                                tool_tip_text="The outcome, the treaty, the turning points and the charts.")
        self.menu = UIButton(pygame.Rect(m, y + rh + 6 + gap, w, rh + 6), "Main menu", s.manager,
                             container=self.panel)

    def open_debrief(self):
        from game.ui.scenes.debrief import Debrief

        return Debrief(self.scene.app, self.scene, self.scene.session)

    def handle(self, event):
        if pressed(event, self.menu):
            return "menu"
        if pressed(event, self.debrief) or key(event, pygame.K_d):
            return self.open_debrief()
        return None
