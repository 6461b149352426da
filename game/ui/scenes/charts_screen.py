"""Every index over the years, full screen (C or the Charts button on the map; C or Esc closes)."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UILabel

from game.model.level import SIDE_NAMES
from game.ui.charts import Charts, ChartStyle
from game.ui.lettering import Lettering
from game.ui.scene import key, pressed
from game.ui.scenes.cover import Cover


def charts_for(scene, session) -> Charts:
    """The chart drawer for a game, styled by the app's theme."""
    level = session.level
    style = ChartStyle.from_theme(scene.app.resources.theme, scene.palette)
    return Charts(style, Lettering(scene.manager), (level.start_year, level.end_year), session.player)


class ChartsScreen(Cover):
    def __init__(self, app, parent, session):
        super().__init__(app, parent)
        self.session = session

    def build_sheet(self) -> None:
        w, h = self.size
        p = self.palette
        px = self.px
        m, rh = p.size("margin") + px(6), p.size("row_height")
        level, state = self.session.level, self.session.state
        UILabel(pygame.Rect(m, px(10), w - 2 * m, px(36)), "Every index, year by year", self.manager,
                container=self.sheet, object_id=ObjectID(class_id="@heading"))
        who = " and ".join(SIDE_NAMES[s] for s in ("us", "china"))
        years = f"{level.start_year}–{state.history[-1].year}" if state.history else "no year has ended yet"
        UILabel(pygame.Rect(m, px(44), w - 2 * m, px(22)),
                f"{who} · {level.title} · {years} · values at each year's end", self.manager, container=self.sheet,
                object_id=ObjectID(class_id="@small"))
        top, bottom = px(72), h - rh - 2 * m
        self.chart_rect = pygame.Rect(m, top, w - 2 * m, bottom - top)
        picture = charts_for(self, self.session).picture(self.chart_rect.size, state.history)
        self.image = UIImage(self.chart_rect, picture, self.manager, container=self.sheet,
                             object_id=ObjectID("#charts"))
        bw = p.size("button_width")
        self.back = UIButton(pygame.Rect(w - m - bw, h - rh - m, bw, rh), "Back (Esc)", self.manager,
                             container=self.sheet, object_id=ObjectID(class_id="@primary_button"),
                             tool_tip_text="Back to the game.")
        self.focus.set([self.back])

    def shortcuts(self):
        return [("Charts", [("Esc, C, Enter", "Back")])]

    def handle(self, event):
        if key(event, pygame.K_ESCAPE, pygame.K_c):
            return self.parent
        if self.focus.handle(event):
            return None
        if pressed(event, self.back):
            return self.parent
        return None
