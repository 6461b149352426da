"""The side panel when two scripted opponents play: pause, step, whose view, and the moves."""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.ai.profile import profiles
from game.model.level import SIDE_NAMES, SIDES
from game.ui.choice import Choice
from game.ui.scene import pressed

LOG_LINES = 60


class WatchPanel:
    def __init__(self, scene):
        self.scene = scene
        self.paused = False
        self.log: list[str] = []

    @property
    def session(self):
        return self.scene.session

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("row_height")
        setup = self.session.setup
        self.panel = UIPanel(rect, manager=s.manager, container=s.root, object_id=ObjectID("#watch_panel"))
        w = rect.width - 2 * m - 4
        y = m
        for side in SIDES:
            persona = profiles().personalities.get(setup.who(side))
            name = persona.title if persona else setup.who(side)
            UILabel(pygame.Rect(m, y, w, 24), f"{SIDE_NAMES[side]}: {name} ({setup.difficulty})", s.manager,
                    container=self.panel, object_id=ObjectID(class_id="@section"))
            y += 26
        y += gap
        bw = (w - gap) // 2
        self.pause = UIButton(pygame.Rect(m, y, bw, rh), "Resume" if self.paused else "Pause", s.manager,
                              container=self.panel, tool_tip_text="Pause or resume the game (Space).")
        self.step = UIButton(pygame.Rect(m + bw + gap, y, w - bw - gap, rh), "One move", s.manager,
                             container=self.panel, tool_tip_text="Play one move while paused (N).")
        y += rh + gap
        sides = [(side, SIDE_NAMES[side]) for side in SIDES]
        self.view = Choice(s.manager, self.panel, pygame.Rect(m, y, w, rh), "Gauges of", sides,
                           SIDES.index(s.view_side), 110, on_change=self._view)
        y += rh + 2 * gap
        self.moves = UITextBox(self.log_html(), pygame.Rect(m, y, w, rect.height - y - m), s.manager,
                               container=self.panel, object_id=ObjectID("#watch_log"))

    def _view(self, index: int) -> None:
        self.scene.view_side = SIDES[index]
        self.scene.refresh()

    def log_html(self) -> str:
        if not self.log:
            return "<i>The moves will appear here.</i>"
        return "<br>".join(self.log[::-1])

    def record(self, year: int, side: str, words: str) -> None:
        who = "U.S." if side == "us" else "China"
        self.log.append(f"<b>{year} {who}</b> {html.escape(words)}")
        del self.log[:-LOG_LINES]

    def refresh(self) -> None:
        self.moves.set_text(self.log_html())

    def toggle(self) -> None:
        self.paused = not self.paused
        self.pause.set_text("Resume" if self.paused else "Pause")

    def handle(self, event):
        if self.view.handle(event):
            return None
        if pressed(event, self.pause):
            self.toggle()
        elif pressed(event, self.step):
            return "step"
        return None
