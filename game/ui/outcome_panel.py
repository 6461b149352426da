"""The side panel once the game is over: the named outcome and the final scores."""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from game.model.level import SIDE_NAMES, SIDES
from game.ui.scene import pressed


class OutcomePanel:
    def __init__(self, scene):
        self.scene = scene

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("row_height")
        state = s.session.state
        self.panel = UIPanel(rect, manager=s.manager, container=s.root, object_id=ObjectID("#outcome_panel"))
        w = rect.width - 2 * m - 4
        lines = [f"<b>Game over in {state.year}: {html.escape(state.outcome or '')}</b>"]
        if state.history:
            scores = state.history[-1].scores
            first = state.history[0].scores
            for side in SIDES:
                lines.append(f"{SIDE_NAMES[side]}: score {scores[side]:.0f} "
                             f"({scores[side] - first[side]:+.0f} since {state.history[0].year})")
            if state.history[-1].news:
                lines.append("<b>The last year</b>")
                lines += [f"•  {html.escape(n)}" for n in state.history[-1].news]
        UITextBox("<br><br>".join(lines), pygame.Rect(m, m, w, rect.height - 2 * m - rh - gap - 6), s.manager,
                  container=self.panel)
        self.menu = UIButton(pygame.Rect(m, rect.height - m - rh - 6, w, rh + 6), "Main menu", s.manager,
                             container=self.panel, object_id=ObjectID(class_id="@primary_button"))

    def handle(self, event):
        if pressed(event, self.menu):
            return "menu"
        return None
