"""The briefing: the situation, the chosen side's objectives and goals, and the sources; Begin
prepares the game a part a frame behind "Preparing the game…" (`Preparing`), so that the window
keeps answering while the map screen's modules load and its map, panels and first picture are made.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.model.level import SIDE_NAMES, Level
from game.ui.lettering import line_height, small_size
from game.ui.scene import FocusRing, Scene, key, pressed
from game.ui.session import GameSetup, Session, find_level


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]


def situation_html(level: Level) -> str:
    body = "<br><br>".join(html.escape(p) for p in paragraphs(level.briefing))
    return f"<b>The situation</b><br><br>{body}"


def objectives_html(level: Level, setup: GameSetup, small: int) -> str:
    """The side's objectives, its opponent and the sources (in `small` pixels: the theme's "@small")."""
    from game.ai.profile import profiles

    side = setup.player or "us"
    other = "china" if side == "us" else "us"
    obj = level.objectives[side]
    goals = "".join(f"<br>•  {html.escape(g)}" for g in obj.goals)
    persona = profiles().personalities.get(setup.who(other))
    against = ""
    if persona is not None:
        level_of_play = profiles().difficulties[setup.difficulty].description
        against = (f"<br><br><b>Your opponent</b><br>{SIDE_NAMES[other]}, played by a "
                   f"{html.escape(persona.title.lower())}: {html.escape(persona.description)} "
                   f"<i>{html.escape(setup.difficulty.capitalize())} difficulty:</i> {html.escape(level_of_play)}")
    sources = "".join(f"<br>•  {html.escape(s)}" for s in level.sources)
    src = f"<br><br><b>Sources</b><font pixel_size={small}>{sources}</font>" if sources else ""
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
        heading_h, small_h = line_height(self.manager, "@heading"), line_height(self.manager, "@small")
        UILabel(pygame.Rect(x0, 20, content, heading_h), self.level.title, self.manager, container=self.root,
                object_id=ObjectID(class_id="@heading"))
        years = f"{self.level.start_year}–{self.level.end_year}"
        UILabel(pygame.Rect(x0, 20 + heading_h, content, small_h),
                f"Briefing for {SIDE_NAMES[side]}  ·  {years}  ·  seed {self.setup.seed}",
                self.manager, container=self.root, object_id=ObjectID(class_id="@small"))
        top, bottom = 20 + heading_h + small_h + 2 * m, h - 80
        left = int(content * 0.55)
        UITextBox(situation_html(self.level), pygame.Rect(x0, top, left - m, bottom - top - m), self.manager,
                  container=self.root, object_id=ObjectID("#briefing_text"))
        UITextBox(objectives_html(self.level, self.setup, small_size(self.manager)),
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
            return self.prepare_game()
        return None

    def prepare_game(self) -> Preparing:
        return Preparing(self.app, self.setup, self.level)

    def go_back(self):
        if self.back_to is not None:
            return self.back_to
        from game.ui.scenes.new_game import NewGame

        return NewGame(self.app)


class Preparing(Scene):
    """"Preparing the game…" over the whole window while the game's map screen is made, one part a
    frame (`parts`); then the map screen, whole, its first picture already drawn once."""

    captures_input = True  # the App gives it every event (it takes none); the widgets under it get none
    preparing = True  # until it hands over to the map screen

    def __init__(self, app, setup: GameSetup, level: Level, back: Scene | None = None,
                 dress: Callable | None = None):
        super().__init__(app)
        self.setup, self.level, self.back_to = setup, level, back
        self.dress = dress  # called with the new map screen, whole, before its first picture (the tutorial's guide)
        self.work = self.parts()

    def parts(self):
        from game.ui.scenes.map_screen import MapScreen  # the modules the game needs, loaded once

        yield
        screen = MapScreen(self.app, Session.start(self.setup, self.level), back=self.back_to)  # with its first moves
        screen.preparing = True
        yield
        screen.layout(self.app.size)  # the HUD and the map; the side panel waits
        yield
        screen.catch_up()  # the side panel; its tab waits
        yield
        screen.preparing = False
        screen.refresh()  # the tab
        if self.dress is not None:
            self.dress(screen)
        yield
        screen.draw(pygame.Surface(self.app.size))  # the map's first picture, kept for the next frames
        yield
        return screen

    def update(self, dt: float):
        try:
            next(self.work)
        except StopIteration as done:
            return done.value
        return None

    def draw_over(self, surface: pygame.Surface) -> None:
        """Over everything (the map screen's widgets are made underneath): the words alone."""
        p = self.palette
        surface.fill(p.colour("#map", "background"))
        font = self.manager.get_theme().get_font(["@heading"])
        words = font.render_premul("Preparing the game…", pygame.Color(p.colour("#map", "info_text")))
        surface.blit(words, words.get_rect(center=surface.get_rect().center), special_flags=pygame.BLEND_PREMULTIPLIED)
