"""Rewind to year…: a dialog over the debrief to choose a past year and play on from the start of
its orders, as a new branch (`game.persist.rewind`). The game as played is saved first, so the
branch's autosaves never take its place; nothing else is changed.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UITextBox

from game.persist import SaveError, rewind, rewind_years
from game.ui.choice import Choice
from game.ui.scene import pressed
from game.ui.scenes.dialog import Dialog


def default_year(game) -> int:
    """The year offered first: the year a treaty was signed, else the one before the last."""
    years = rewind_years(game)
    signed = game.state.talks.signed_year
    if signed in years:
        return signed
    return years[-2] if len(years) > 1 else years[0]


class RewindDialog(Dialog):
    def __init__(self, app, parent, session):
        super().__init__(app, parent)
        self.session = session
        self.years = list(rewind_years(session.game))
        self.index = self.years.index(default_year(session.game))
        self.problem = ""

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        k = getattr(getattr(self.app, "look", None), "scale", 100) / 100
        iw, ih = self.open_window("Rewind to year…", min(w - 40, round(620 * k)), min(h - 40, round(290 * k)))
        m, bh, bw = p.size("margin"), p.size("row_height") + 4, round(150 * k)
        words = ("Play again from the start of a past year's orders, with everything before it as it "
                 "happened. This is a new branch: the game as played is saved first (Load opens it), "
                 "and nothing else changes.")
        if self.problem:
            words += f"<br><br><font color='#ffb25c'><b>{self.problem}</b></font>"
        text_h = ih - 2 * bh - 5 * m
        UITextBox(words, pygame.Rect(m, m, iw - 2 * m, text_h), self.manager, container=self.window,
                  object_id=ObjectID("#dialog_text"))

        def remember(index: int) -> None:
            self.index = index

        self.choice = Choice(self.manager, self.window, pygame.Rect(m, m + text_h + m, iw - 2 * m, bh), "Year",
                             [(y, str(y)) for y in self.years], self.index, label_width=round(110 * k),
                             on_change=remember)
        y = ih - bh - m
        self.cancel = UIButton(pygame.Rect(iw - 2 * bw - 2 * m, y, bw, bh), "Cancel", self.manager,
                               container=self.window)
        self.go = UIButton(pygame.Rect(iw - bw - m, y, bw, bh), "Rewind", self.manager, container=self.window,
                           object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.choice, self.cancel, self.go])

    @property
    def year(self) -> int:
        return self.years[self.index]

    def shortcuts(self):
        return [("Rewind", [("Left, Right", "Choose the year (on the year row)"), ("Tab", "Move"),
                            ("Enter", "Press the highlighted button"), ("Esc", "Cancel")])]

    def handle(self, event):
        if self.dismissed(event) or pressed(event, self.cancel):
            return self.parent
        if self.focus.handle(event):
            return None
        if self.choice.handle(event):
            self.focus.focus_on(self.choice)
            return None
        if pressed(event, self.go):
            return self.branch()
        return None

    def branch(self):
        """Save the game as played, then the map of the new branch at the start of the year."""
        from game.ui.saving import save_session
        from game.ui.scenes.map_screen import MapScreen
        from game.ui.session import Session

        session = self.session
        try:
            kept = save_session(session)
        except SaveError as exc:
            self.problem = f"Not rewound: the game as played could not be saved first ({exc.reason})."
            self.layout(self.size)
            return None
        game = rewind(session.game, self.year)
        branch = Session.resume(session.setup, game, source=session.source)
        screen = MapScreen(self.app, branch, back=None)
        screen.message = (f"Rewound to the start of {self.year}: a new branch. The game as played is saved as "
                          f"{kept.name}.", False)
        return screen
