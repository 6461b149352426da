"""The briefing: the situation, the chosen side's objectives and goals, and the sources."""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.model.level import SIDE_NAMES, Level
from game.ui.scene import FocusRing, Scene, key, pressed
from game.ui.session import GameSetup, Session, find_level


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]


def situation_html(level: Level) -> str:
    body = "<br><br>".join(html.escape(p) for p in paragraphs(level.briefing))
    return f"<b>The situation</b><br><br>{body}"


def objectives_html(level: Level, setup: GameSetup) -> str:
    from game.ai.profile import profiles

    side = setup.player or "us"
    other = "china" if side == "us" else "us"
    obj = level.objectives[side]
    goals = "".join(f"<br>•  {html.escape(g)}" for g in obj.goals)
    persona = profiles().personalities.get(setup.who(other))
    against = ""
    if persona is not None:
        against = (f"<br><br><b>Your opponent</b><br>{SIDE_NAMES[other]}, played by a "
                   f"{html.escape(persona.title.lower())} ({setup.difficulty}): {html.escape(persona.description)}")
    sources = "".join(f"<br>•  {html.escape(s)}" for s in level.sources)
    src = f"<br><br><b>Sources</b><font size=3>{sources}</font>" if sources else ""
    return (f"<b>Your objectives: {SIDE_NAMES[side]}</b><br><br>{html.escape(obj.summary)}<br>"
            f"{goals}{against}{src}")


class Briefing(Scene):
    def __init__(self, app, setup: GameSetup, back: Scene | None = None):
        super().__init__(app)
        self.setup = setup
        self.back_to = back
        self.level = find_level(setup.level, app.resources.levels)
        self.focus = FocusRing(across=True)
        self.focus.index = 1  # Begin

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        m = p.size("margin")
        content = min(w - 80, 1500)
        x0 = (w - content) // 2
        side = self.setup.player or "us"
        UILabel(pygame.Rect(x0, 20, content, 40), self.level.title, self.manager, container=self.root,
                object_id=ObjectID(class_id="@heading"))
        years = f"{self.level.start_year}–{self.level.end_year}"
        UILabel(pygame.Rect(x0, 58, content, 24), f"Briefing for {SIDE_NAMES[side]}  ·  {years}  ·  seed {self.setup.seed}",
                self.manager, container=self.root, object_id=ObjectID(class_id="@small"))
        top, bottom = 92, h - 80
        left = int(content * 0.55)
        UITextBox(situation_html(self.level), pygame.Rect(x0, top, left - m, bottom - top - m), self.manager,
                  container=self.root, object_id=ObjectID("#briefing_text"))
        UITextBox(objectives_html(self.level, self.setup),
                  pygame.Rect(x0 + left + m, top, content - left - m, bottom - top - m), self.manager,
                  container=self.root, object_id=ObjectID("#objectives_text"))
        bw, bh = p.size("button_width"), p.size("row_height") + 10
        self.back = UIButton(pygame.Rect(x0, bottom + 6, bw, bh), "Back", self.manager, container=self.root,
                             tool_tip_text="Back to the new-game screen (Esc).")
        self.begin = UIButton(pygame.Rect(x0 + content - bw - 60, bottom + 6, bw + 60, bh),
                              f"Begin {self.level.start_year}", self.manager, container=self.root,
                              object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.back, self.begin])

    def handle(self, event):
        if key(event, pygame.K_ESCAPE):
            return self.go_back()
        if self.focus.handle(event):
            return None
        if pressed(event, self.back):
            return self.go_back()
        if pressed(event, self.begin):
            from game.ui.scenes.map_screen import MapScreen

            return MapScreen(self.app, Session.start(self.setup, self.level), back=None)
        return None

    def go_back(self):
        if self.back_to is not None:
            return self.back_to
        from game.ui.scenes.new_game import NewGame

        return NewGame(self.app)
