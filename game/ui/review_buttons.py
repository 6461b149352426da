"""Two small buttons in the top-right corner of the map (over the open sea): the last
year-end report (Y) and the charts of every index (C). Each opens a cover over the map."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton

from game.ui.scene import key, pressed

BUTTON_SIZE = (104, 26)
INSET = 8


class ReviewButtons:
    def __init__(self, scene):
        self.scene = scene
        self.report = self.charts = None

    def build(self, map_rect: pygame.Rect) -> None:
        """Lay the buttons out in the top-right corner of `map_rect`, in the scene's root."""
        s = self.scene
        scale = getattr(getattr(s.app, "look", None), "scale", 100) / 100
        w, h = (round(n * scale) for n in BUTTON_SIZE)
        inset = round(INSET * scale)
        x, y = map_rect.right - inset - w, map_rect.y + inset
        oid = ObjectID(class_id="@small_button")
        self.report = UIButton(pygame.Rect(x, y, w, h), "Report (Y)", s.manager, container=s.root, object_id=oid,
                               tool_tip_text="The last year-end report: what changed, and why.")
        self.charts = UIButton(pygame.Rect(x, y + h + round(4 * scale), w, h), "Charts (C)", s.manager,
                               container=s.root, object_id=oid,
                               tool_tip_text="Every index over the years, for both sides.")
        if not s.session.state.history:
            self.report.disable()

    def refresh(self) -> None:
        if self.report is not None and self.scene.session.state.history and not self.report.is_enabled:
            self.report.enable()

    def contains(self, pos) -> bool:
        return any(b is not None and b.rect.collidepoint(pos) for b in (self.report, self.charts))

    def handle(self, event):
        """The cover a click or key asks for, or None."""
        s = self.scene
        if pressed(event, self.charts) or key(event, pygame.K_c):
            from game.ui.scenes.charts_screen import ChartsScreen

            return ChartsScreen(s.app, s, s.session)
        if (pressed(event, self.report) or key(event, pygame.K_y)) and s.session.state.history:
            from game.ui.scenes.year_report import YearReport

            return YearReport(s.app, s, s.session)
        return None
