"""The main menu: the tutorial, new game, load, hotseat, watch, settings, quit."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel

from game.ui.scene import QUIT, FocusRing, Scene, key, pressed

SUBTITLE = "U.S.–China arms control over intermediate-range missiles"
HINT = "Arrow keys or Tab to move  ·  Enter to choose  ·  F1 for every key  ·  Esc to quit"


class MainMenu(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.focus = FocusRing(across=True)
        self.focus.index = 1  # New game; the tutorial is one step up
        self.backdrop: pygame.Surface | None = None

    def map_backdrop(self) -> pygame.Surface | None:
        """The Western Pacific, dimmed, behind the menu."""
        from game.ui.lettering import Lettering
        from game.ui.map_view import MapView

        levels = self.app.resources.levels
        if not levels:
            return None
        view = MapView(self.app.resources, levels[0], Lettering(self.manager))
        view.layout(pygame.Rect((0, 0), self.size))
        picture = view.static_picture().copy()
        shade = pygame.Surface(self.size, pygame.SRCALPHA)
        r, g, b, _ = self.palette.colour("#map", "background")
        shade.fill((r, g, b, 200))
        picture.blit(shade, (0, 0))
        return picture

    def draw(self, surface) -> None:
        super().draw(surface)
        if self.backdrop is not None:
            surface.blit(self.backdrop, (0, 0))

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        self.backdrop = self.map_backdrop()
        bw, bh, gap = p.size("menu_button_width"), p.size("menu_button_height"), p.size("gap")
        k = getattr(getattr(self.app, "look", None), "scale", 100) / 100  # the text size
        top = max(40, h // 2 - round(230 * k))
        UILabel(pygame.Rect(0, top, w, round(64 * k)), "Bargaining Chips", self.manager, container=self.root,
                object_id=ObjectID("#title"))
        UILabel(pygame.Rect(0, top + round(66 * k), w, round(30 * k)), SUBTITLE, self.manager, container=self.root,
                object_id=ObjectID("#subtitle"))
        y = top + round(130 * k)
        style = ObjectID(class_id="@menu_button")
        x = (w - bw) // 2
        room, n = h - round(40 * k) - 8 - y, 7  # seven buttons above the hint
        bh = min(bh, (room - (n - 1) * 2) // n)
        gap = min(gap, max(2, (room - n * bh) // n))
        self.tutorial = UIButton(pygame.Rect(x, y, bw, bh), "Tutorial", self.manager, container=self.root,
                                 object_id=style, tool_tip_text="A guided first game: three years as the United "
                                                                "States, each kind of action once.")
        y += bh + gap
        self.new_game = UIButton(pygame.Rect(x, y, bw, bh), "New game", self.manager, container=self.root,
                                 object_id=style, tool_tip_text="Play one side against a scripted opponent.")
        self.load = UIButton(pygame.Rect(x, y + (bh + gap), bw, bh), "Load", self.manager, container=self.root,
                             object_id=style, tool_tip_text="Go on with a saved game (saved with Ctrl+S, or at "
                                                            "each year's end).")
        self.hotseat = UIButton(pygame.Rect(x, y + 2 * (bh + gap), bw, bh), "Hotseat", self.manager,
                                container=self.root, object_id=style,
                                tool_tip_text="Two players at one machine, one side each.")
        self.watch = UIButton(pygame.Rect(x, y + 3 * (bh + gap), bw, bh), "Watch", self.manager, container=self.root,
                              object_id=style, tool_tip_text="Watch two scripted opponents play each other.")
        self.settings = UIButton(pygame.Rect(x, y + 4 * (bh + gap), bw, bh), "Settings", self.manager,
                                 container=self.root, object_id=style)
        self.quit = UIButton(pygame.Rect(x, y + 5 * (bh + gap), bw, bh), "Quit", self.manager, container=self.root,
                             object_id=style)
        UILabel(pygame.Rect(0, h - round(40 * k), w, round(24 * k)), HINT, self.manager, container=self.root,
                object_id=ObjectID("#subtitle", "@small"))
        self.focus.set([self.tutorial, self.new_game, self.load, self.hotseat, self.watch, self.settings, self.quit])

    def handle(self, event):
        if key(event, pygame.K_ESCAPE):
            return self.ask_quit()
        if self.focus.handle(event):
            return None
        if pressed(event, self.tutorial):
            from game.ui.tutorial import TutorialBriefing

            return TutorialBriefing(self.app, self)
        if pressed(event, self.new_game):
            from game.ui.scenes.new_game import NewGame

            return NewGame(self.app, watch=False)
        if pressed(event, self.load):
            from game.ui.scenes.load_game import LoadScreen

            return LoadScreen(self.app)
        if pressed(event, self.hotseat):
            from game.ui.scenes.new_game import NewGame

            return NewGame(self.app, hotseat=True)
        if pressed(event, self.watch):
            from game.ui.scenes.new_game import NewGame

            return NewGame(self.app, watch=True)
        if pressed(event, self.settings):
            from game.ui.scenes.settings import SettingsScreen

            return SettingsScreen(self.app)
        if pressed(event, self.quit):
            return QUIT
        return None

    def ask_quit(self):
        from game.ui.scenes.confirm import Confirm

        return Confirm(self.app, self, "Quit", "Quit Bargaining Chips?", lambda: QUIT,
                       yes="Quit", no="Stay", default_yes=True)
