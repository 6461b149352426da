"""Hotseat: the cover between the two delegations, and each delegation's own briefing.

Whenever the screen changes hands (`game.classroom.hotseat.needs_cover`) the map is covered by
an opaque screen that says who should come to the keyboard (`hotseat.cover_text`); nothing of
the game shows through. Enter (or the button) gives the screen to that side. The first time a
side comes, it reads its objectives; after a year has ended, its own year-end report.
"""

from __future__ import annotations

import pygame
from attrs import evolve
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.classroom import hotseat
from game.model.level import SIDE_NAMES
from game.ui.scene import FocusRing, key, pressed
from game.ui.scenes.cover import Cover

SIDE_OF_DELEGATION = {"us": "U.S.", "china": "Chinese"}


def arrived_words(session, side: str) -> str:
    state = session.state
    phase = {"orders": "orders", "talks": "talks"}.get(state.phase, state.phase)
    return f"{hotseat.DELEGATION[side][0].upper()}{hotseat.DELEGATION[side][1:]} has the screen: {state.year}, {phase}."


def hand_over_words(side: str) -> tuple[str, str]:
    """`hotseat.cover_text` as a title ("Pass the keyboard to ...") and what follows it."""
    text = hotseat.cover_text(side)
    title = f"Pass the keyboard to {hotseat.DELEGATION[side]}"
    if text.startswith(title + ". "):
        return title, text[len(title) + 2:]
    return text, ""


class HandOver(Cover):
    """'Pass the keyboard to the Chinese delegation': the map hidden until they press Enter."""

    def __init__(self, app, parent):
        super().__init__(app, parent)
        self.session = parent.session
        self.side = self.session.next_side()
        self.focus = FocusRing(across=True)

    def build_sheet(self) -> None:
        w, h = self.size
        p = self.palette
        px = self.px
        side = self.side or "us"
        width = min(w - px(60), px(1100))
        x = (w - width) // 2
        y = h // 2 - px(150)
        first, rest = hand_over_words(side)
        UILabel(pygame.Rect(x, y, width, px(70)), first, self.manager, container=self.sheet,
                object_id=ObjectID("#title"))
        UILabel(pygame.Rect(x, y + px(76), width, px(30)), rest, self.manager, container=self.sheet,
                object_id=ObjectID("#subtitle"))
        state = self.session.state
        words = (f"{state.year}, {'orders' if state.phase == 'orders' else 'the talks'}. "
                 f"Each delegation's orders stay hidden until both have given theirs.")
        UILabel(pygame.Rect(x, y + px(112), width, px(26)), words, self.manager, container=self.sheet,
                object_id=ObjectID("#subtitle", "@small"))
        bw, bh = px(460), p.size("row_height") + px(12)
        self.go = UIButton(pygame.Rect((w - bw) // 2, y + px(170), bw, bh),
                           f"We are the {SIDE_OF_DELEGATION[side]} delegation  (Enter)", self.manager,
                           container=self.sheet, object_id=ObjectID(class_id="@primary_button"))
        self.leave = UIButton(pygame.Rect((w - px(200)) // 2, y + px(170) + bh + px(16), px(200),
                                          p.size("row_height")),
                              "Leave the game", self.manager, container=self.sheet,
                              tool_tip_text="Back to the main menu (asks first).")
        self.focus.set([self.go, self.leave])

    def shortcuts(self):
        return [("Hand-over", [("Enter", "The delegation named is at the screen: show it"),
                               ("Esc", "Leave the game (asks first)")])]

    def draw(self, surface) -> None:
        surface.fill(self.palette.colour("#map", "background"))

    def arrive(self):
        """Give the screen to the side named; what it sees first."""
        session = self.session
        screen = self.map_screen
        side = session.hand_over()
        state = session.state
        first_time = side not in session.seen
        ended = state.history and session.seen.get(side, state.year) < state.year
        session.seen[side] = state.year
        screen.message = (arrived_words(session, side), False)
        screen.layout(screen.size)  # the panels now show this side's view
        if first_time:
            return SideBriefing(self.app, screen, session, side)
        if ended:
            from game.ui.scenes.year_report import YearReport

            return YearReport(self.app, screen, session)
        return screen

    def ask_leave(self):
        """Asked over this cover (the map stays hidden)."""
        from game.ui.scenes.confirm import Confirm
        from game.ui.scenes.menu import MainMenu

        question = ("Leave this game and return to the main menu?<br><br>It is saved at each year's end "
                    "(Load in the main menu); Ctrl+S on the map saves it now.")
        return Confirm(self.app, self, "Leave the game", question, lambda: MainMenu(self.app), yes="Leave", no="Stay")

    def handle(self, event):
        if key(event, pygame.K_ESCAPE) or pressed(event, self.leave):
            return self.ask_leave()
        if self.focus.handle(event):
            return None
        if pressed(event, self.go):
            return self.arrive()
        return None


class SideBriefing(Cover):
    """A delegation's briefing, the first time it has the screen: the situation and its own
    objectives (the other side's stay with the other side)."""

    def __init__(self, app, parent, session, side: str):
        super().__init__(app, parent)
        self.session = session
        self.side = side
        self.focus = FocusRing(across=True)

    def build_sheet(self) -> None:
        from game.ui.lettering import small_size
        from game.ui.scenes.briefing import objectives_html, situation_html

        w, h = self.size
        p = self.palette
        px = self.px
        m = p.size("margin") + px(10)
        level = self.session.level
        content = min(w - 2 * m, px(1500))
        x0 = (w - content) // 2
        UILabel(pygame.Rect(x0, px(18), content, px(40)), f"{level.title}: briefing for {SIDE_NAMES[self.side]}",
                self.manager, container=self.sheet, object_id=ObjectID(class_id="@heading"))
        UILabel(pygame.Rect(x0, px(58), content, px(24)),
                f"Only {hotseat.DELEGATION[self.side]} should be reading this · {level.start_year}–{level.end_year}",
                self.manager, container=self.sheet, object_id=ObjectID(class_id="@small"))
        top, bottom = px(92), h - px(80)
        left = int(content * 0.55)
        UITextBox(situation_html(level), pygame.Rect(x0, top, left - m, bottom - top - m), self.manager,
                  container=self.sheet, object_id=ObjectID("#briefing_text"))
        other = "china" if self.side == "us" else "us"
        shown = evolve(self.session.setup, **{self.side: "player", other: "the other delegation"})
        UITextBox(objectives_html(level, shown, small_size(self.manager)),
                  pygame.Rect(x0 + left + m, top, content - left - m, bottom - top - m), self.manager,
                  container=self.sheet, object_id=ObjectID("#objectives_text"))
        bw, bh = p.size("button_width") + px(80), p.size("row_height") + px(10)
        self.begin = UIButton(pygame.Rect(x0 + content - bw, bottom + px(6), bw, bh), "To the map  (Enter)",
                              self.manager, container=self.sheet, object_id=ObjectID(class_id="@primary_button"))
        self.focus.set([self.begin])

    def shortcuts(self):
        return [("Briefing", [("Enter, Esc", "To the map")])]

    def handle(self, event):
        if key(event, pygame.K_ESCAPE) or pressed(event, self.begin):
            return self.parent
        if self.focus.handle(event):
            return None
        return None
