"""The map screen: the HUD on top, the map, a status line, and a side panel that changes with
the phase (orders, talks, game over) or, when watching, the watch controls.

The player's actions come from the panels; the scripted opponent answers over the next frames,
a slice of its moves a frame (`MapScreen.think`), so that the window keeps answering while it
thinks: the map shows the game as it was before the player's move until the answer is shown,
the status line says the opponent is thinking once that takes more than a frame, and the
player's moves wait until it has answered.
A year's end gets a frame of its own for the year-end report, and the side panel is built for
the new year once the report is closed. When watching, the watch panel plays one move every
`settings.watch_delay` seconds. An illegal action shows the rules' own sentence in the status
line and changes nothing.
"""

from __future__ import annotations

import html
import math
import time

import pygame
from attrs import define, field
from pygame_gui.core import ObjectID
from pygame_gui.elements import UILabel

from game.model.actions import EndOrders, IllegalAction, WalkOut
from game.model.level import SIDE_NAMES, called, other, possessive
from game.model.state import GameState
from game.model.talks import renounces_treaty, walkout_words
from game.ui.hud import Hud
from game.ui.lettering import Lettering
from game.ui.map_frame import MapFrame
from game.ui.map_keys import PanelKeys
from game.ui.map_view import MapView
from game.ui.orders_panel import OrdersPanel
from game.ui.orders_tabs import ring_class
from game.ui.outcome_panel import OutcomePanel
from game.ui.review_buttons import ReviewButtons
from game.ui.scene import Scene, key, style_as
from game.ui.talks_panel import TalksPanel
from game.ui.watch_panel import WatchPanel
from game.ui.words import action_words, cost_words


PLAY_HINT = "Click a site for its range ring · hover a gauge for its terms · 1–4 tabs, U undo, E end · F1 keys"
WATCH_HINT = "Space pauses or resumes, N plays one move, Esc leaves, F1 lists every key."
THINK_SECONDS = 0.015  # the scripted side's moves on one frame: a slice about this long
QUICK_SECONDS = 0.008  # a slice this short leaves the frame room to show the answer too


@define
class Reply:
    """The scripted side's answer to one move of the player, played out over frames."""

    action: object  # the player's move
    before: GameState  # the game before it: what the map shows until the answer is shown
    why: str = ""  # said first, once the answer is shown (e.g. that the player's time ran out)
    moves: list = field(factory=list)  # the scripted side's moves so far, as (side, action)
    frames: int = 0  # frames the answer has had so far


class MapScreen(Scene):
    def __init__(self, app, session, back: Scene | None = None):
        super().__init__(app)
        self.session = session
        self.back_to = back
        self.lettering = Lettering(app.manager)
        self.map = MapView(app.resources, session.level, self.lettering)
        self.hud = Hud(self)
        self.review = ReviewButtons(self)
        self.panels = {
            "orders": OrdersPanel(self),
            "talks": TalksPanel(self),
            "watch": WatchPanel(self),
            "over": OutcomePanel(self),
        }
        self.panel_kind: str | None = None
        self.selected: int | None = None
        self.hover = None
        self.view_side = session.player or "us"
        self.message = (WATCH_HINT if self.watching else PLAY_HINT, False)
        self.keys = PanelKeys(self)
        self.map_frame = MapFrame()  # the map as last drawn: redrawn only when what it shows changes
        self.guide = None  # the tutorial's guide (`game.ui.tutorial`), in the tutorial only
        self.reply: Reply | None = None  # the scripted side's answer while it is being played out
        self.stale = False  # True: the side panel is behind the game until the map is shown again
        self.preparing = False  # True while a new game is prepared a part a frame (`briefing.Preparing`)
        self._year = session.state.year
        session.autosaving = not self.watching  # saved at each year's end
        if session.player is not None:
            session.run_scripted()
        from game.ui.class_play import watch_clock

        watch_clock(self)  # the facilitator's time limit, if any

    @property
    def watching(self) -> bool:
        return self.session.player is None

    # ---- layout ------------------------------------------------------------------------------

    def panel_width(self, w: int, map_h: int) -> int:
        lon0, lat0, lon1, lat1 = self.map.view
        aspect = (lon1 - lon0) * math.cos(math.radians((lat0 + lat1) / 2)) / (lat1 - lat0)
        lo, hi = self.palette.size("panel_width"), self.palette.size("panel_width_wide")
        return int(max(lo, min(hi, w - map_h * aspect)))

    def restyle(self) -> None:
        """The window's look changed (text size, palette): letter and draw the map anew."""
        legend, reach = self.map.show_legend, self.map.show_reach
        self.lettering = Lettering(self.app.manager)
        self.map = MapView(self.app.resources, self.session.level, self.lettering)
        self.map.show_legend, self.map.show_reach = legend, reach

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        hud_h, status_h, m = p.size("hud_height"), p.size("status_height"), p.size("margin")
        map_h = h - hud_h - status_h
        panel_w = self.panel_width(w, map_h)
        self.hud.build(pygame.Rect(0, 0, w, hud_h))
        self.map.layout(pygame.Rect(0, hud_h, w - panel_w, map_h))
        self.status = UILabel(pygame.Rect(m, h - status_h, w - panel_w - 2 * m, status_h), "", self.manager,
                              container=self.root, object_id=ObjectID("#status"))
        self.review.build(self.map.rect)
        self.panel_rect = pygame.Rect(w - panel_w, hud_h, panel_w, h - hud_h)
        self.panel_kind = None
        self.refresh(panel=not self.preparing)
        self.say(*self.message)

    def wanted_panel(self) -> str:
        state = self.session.state
        if state.is_over:
            return "over"
        if self.watching:
            return "watch"
        return "orders" if state.phase == "orders" else "talks"

    def refresh(self, panel: bool = True) -> None:
        """Bring HUD and panel up to date with the game (after any move). `panel=False` leaves the
        side panel as it is until the next full refresh (`update` makes one once the map shows)."""
        if self.root is None:
            return
        session = self.session
        state = session.state
        if session.hotseat:
            self.view_side = session.player
        side = self.view_side
        caption = "watching" if self.watching else ""
        self.hud.refresh(session.level, state, side, session.game.assessment(), caption)
        self.review.refresh()
        self.stale = not panel
        if not panel:
            return
        kind = self.wanted_panel()
        new_year = state.year != self._year
        self._year = state.year
        if new_year and kind == "orders":
            self.panels["orders"].tab = "news"
        if kind != self.panel_kind or kind == "talks":
            if self.panel_kind is not None:
                self.panels[self.panel_kind].panel.kill()
            self.panel_kind = kind
            self.panels[kind].build(self.panel_rect)
        elif kind == "orders":
            self.panels["orders"].sync()
        elif kind == "watch":
            self.panels["watch"].refresh()

    def say(self, text: str, problem: bool = False) -> None:
        self.message = (text, problem)
        if problem:
            self.app.cue("illegal")
        if self.root is None:
            return
        style_as(self.status, "#status_problem" if problem else "#status")
        self.status.set_text(text)

    # ---- playing -----------------------------------------------------------------------------

    @property
    def thinking(self) -> bool:
        """Whether the scripted side is still answering the player's last move."""
        return self.reply is not None

    def waits(self) -> bool:
        """Whether the player's input must wait for the scripted side's answer (the status line
        says so while it thinks)."""
        if self.reply is None:
            return False
        self.say_thinking()
        return True

    def thinking_words(self) -> str | None:
        """"China is thinking…" while a scripted side is still to move in its answer (else None)."""
        side = self.session.scripted_to_move() if self.reply is not None else None
        return None if side is None else f"{called(side, True)} is thinking…"

    def say_thinking(self) -> None:
        words = self.thinking_words()
        if words is not None and words != self.message[0]:
            self.say(words)

    def act(self, action):
        """Apply the player's action (from a panel); the next scene, if any."""
        if action is None or self.waits():
            return None
        if isinstance(action, Scene):  # a panel opens a screen (the negotiation table, the debrief)
            return action
        if isinstance(action, str):
            self.say(action, problem=True)
            return None
        if isinstance(action, EndOrders):
            return self.ask_end_orders()
        if isinstance(action, WalkOut):
            return self.ask_walk_out()
        self.play(action)
        return None

    def play(self, action, why: str = "") -> None:
        """Apply the player's action; the scripted side answers from this frame on (`think`).
        `why`: a sentence the status line says first once the answer is shown."""
        if self.waits():
            return
        session = self.session
        before = session.state
        try:
            session.play(action)
        except IllegalAction as exc:
            self.say(str(exc), problem=True)
            return
        self.reply = Reply(action, before, why)

    def think(self):
        """This frame's share of the scripted side's answer. Each frame does one large job: a
        slice of the scripted side's moves, the map's new backdrop, or the answer shown (the
        status line, the HUD and the side panel; after a year's end the year-end report, which is
        returned, while the side panel waits for the map to show again). A quick answer that
        needs neither a new backdrop nor a report is shown on the frame of the player's move."""
        reply = self.reply
        if reply is None:
            return None
        session = self.session
        busy = reply.frames == 0  # the frame of the player's move
        reply.frames += 1
        if session.scripted_to_move() is not None:
            start = time.perf_counter()
            reply.moves += session.run_scripted(seconds=THINK_SECONDS)
            if session.scripted_to_move() is not None:
                self.say_thinking()
                return None
            if time.perf_counter() - start > QUICK_SECONDS:
                return None
            busy = True
        state = session.state
        if not self.map.ready_for(state):
            if not busy:
                self.map.prepare(state)
            return None
        if busy and len(state.history) > len(reply.before.history):
            return None
        self.reply = None
        self.say(self.answer_words(reply))
        from game.ui.scenes.year_report import report_after

        report = report_after(self, reply.before)
        self.refresh(panel=report is None and self.app.scene is self)
        self.autosave_problem()
        if reply.why:
            self.say(f"{reply.why} {self.message[0]}")
        return report

    def answer_words(self, reply: Reply) -> str:
        """What the status line says once the answer is in: how the game moved on, or else what
        the player's move did."""
        session = self.session
        level, state, before, action = session.level, session.state, reply.before, reply.action
        them = other(session.player)
        if state.is_over:
            return f"Game over: {state.outcome}."
        if state.year != before.year:
            return f"{state.year} begins. The News tab says what happened in {before.year}."
        if state.phase == "talks":
            said = [action_words(level, a) for s, a in reply.moves if s != session.player and not _is_order(a)]
            lead = "Orders carried out (see the top of the talks panel). " if before.phase == "orders" else ""
            return lead + (f"{SIDE_NAMES[them]}: {said[-1]}." if said else "Your turn to speak.")
        if state.phase == "orders" and state.side(session.player).done:
            return f"Waiting for {possessive(them)} orders."
        if state.phase == "orders" and not isinstance(action, EndOrders):
            return f"Queued: {action_words(level, action)} ({cost_words(level, action)})."
        return action_words(level, action) + "."

    def autosave_problem(self) -> None:
        """The session saves itself at each year's end; a failure is said here, not raised."""
        problem, self.session.save_problem = self.session.save_problem, None
        if problem:
            self.say(f"Autosave failed: {problem}", problem=True)

    def save_now(self) -> None:
        """Ctrl+S: save the game to the save folder; the status line says where."""
        from game.persist import SaveError
        from game.ui.saving import save_session

        if self.waits():
            return
        try:
            path = save_session(self.session)
        except SaveError as exc:
            self.say(f"Not saved: {exc}", problem=True)
            return
        self.say(f"Saved as {path.name} in {path.parent} (Load in the main menu opens it).")
        self.app.say_briefly("Game saved")

    def ask_end_orders(self):
        from game.ui.scenes.confirm import Confirm

        session = self.session
        level, state, side = session.level, session.state, session.player
        from game.model.orders import ledger

        book = ledger(level, state, side)
        n = len(state.side(side).pending)
        question = (f"End your orders for {state.year}?<br><br>You have queued {n} of {level.rules.max_orders} "
                    f"orders; ${book.budget:,.0f}M and {book.capital:g} capital will be left.")

        def end():
            self.play(EndOrders())

        return Confirm(self.app, self, "End orders", question, end, yes="End orders", no="Not yet",
                       default_yes=True)

    def ask_walk_out(self):
        from game.ui.scenes.confirm import Confirm

        state = self.session.state
        renounce = renounces_treaty(state.talks)
        return Confirm(self.app, self, "Renounce the treaty?" if renounce else "Walk out of the talks?",
                       html.escape(walkout_words(state)), lambda: self.play(WalkOut()),
                       yes="Renounce it" if renounce else "Walk out", no="Stay")

    def ask_leave(self):
        from game.ui.scenes.confirm import Confirm
        from game.ui.scenes.menu import MainMenu

        question = ("Leave this game and return to the main menu?<br><br>It was saved at the end of the last "
                    "year (Load in the main menu); Ctrl+S saves it as it is now.")
        if not self.session.state.history:
            question = ("Leave this game and return to the main menu?<br><br>No year has ended yet, so it is not "
                        "saved: Ctrl+S saves it as it is now.")
        if self.session.state.is_over or self.watching:
            question = "Return to the main menu?"
        return Confirm(self.app, self, "Leave the game", question, lambda: MainMenu(self.app),
                       yes="Leave", no="Stay")

    # ---- events and frames -----------------------------------------------------------------------

    def handle(self, event):
        if self.guide is not None and self.guide.handle(event):
            return None
        if key(event, pygame.K_ESCAPE):
            return self.ask_leave()
        if key(event, pygame.K_s) and event.mod & pygame.KMOD_CTRL:
            self.save_now()
            return None
        if self.keys.handle(event):
            return None
        if key(event, pygame.K_l):
            self.map.show_legend = not self.map.show_legend
            return None
        if key(event, pygame.K_r):
            self.map.show_reach = not self.map.show_reach
            return None
        shown = self.review.handle(event)
        if shown is not None:
            return None if self.waits() else shown
        if self.panel_kind == "orders" and event.type == pygame.KEYDOWN:
            shortcut = self.orders_key(event)
            if shortcut is not False:
                return shortcut
        if self.watching and key(event, pygame.K_SPACE):
            self.panels["watch"].toggle()
            return None
        if self.watching and key(event, pygame.K_n):
            self.step_watch()
            return None
        if event.type == pygame.MOUSEMOTION:
            self.hover = self.map.thing_at(event.pos)
        elif (event.type == pygame.MOUSEBUTTONDOWN and self.map.rect.collidepoint(event.pos)
              and not self.review.contains(event.pos)):
            self.click_map(event)
        panel = self.panels.get(self.panel_kind)
        if panel is None:
            return None
        result = panel.handle(event)
        if result == "menu":
            from game.ui.scenes.menu import MainMenu

            return MainMenu(self.app)
        if result == "step":
            self.step_watch()
            return None
        if result is None or (self.watching and not isinstance(result, Scene)):
            return None
        return self.act(result)

    def orders_key(self, event):
        """Keyboard shortcuts of the orders phase: 1-4 tabs, U undo, E end orders (False: none)."""
        from game.model.actions import UndoOrder
        from game.ui.orders_panel import TABS

        numbers = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4)
        if event.key in numbers[: len(TABS)]:
            self.panels["orders"].show_tab(TABS[numbers.index(event.key)][0])
            return None
        if event.key == pygame.K_u or (event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL):
            return self.act(UndoOrder())
        if event.key == pygame.K_e:
            return self.act(EndOrders())
        return False

    def click_map(self, event) -> None:
        if event.button == 3:
            self.selected = None
            return
        if event.button != 1:
            return
        thing = self.map.thing_at(event.pos)
        if thing is not None and thing[0] == "site":
            self.selected = thing[1]
            if self.panel_kind == "orders":
                self.panels["orders"].show_site(thing[1])
            site = self.session.level.sites[thing[1]]
            self.say(f"Selected {site.name}. Right-click to clear.")
        elif thing is None:
            self.selected = None

    def step_watch(self) -> None:
        """One scripted move now (watching); the watch panel thinks it out off the window's thread."""
        self.panels["watch"].step()

    def catch_up(self) -> None:
        """Build the side panel for the game as it is now, if it waits for that."""
        if self.stale:
            self.refresh()

    def update(self, dt: float):
        self.catch_up()
        report = self.think()
        if report is not None or self.thinking:
            return report
        if self.watching:
            self.panels["watch"].tick(dt)
        if self.guide is not None:
            self.guide.update(self)
        from game.ui.class_play import on_update

        return on_update(self)  # hotseat hand-overs, the facilitator's clock

    def ring(self) -> int | None:
        """The class whose range ring the selected site shows."""
        if self.selected is None:
            return None
        level, state = self.session.level, self.session.state
        site = level.sites[self.selected]
        mine = site.base_side() == (self.session.player or self.view_side)
        if mine and not self.watching:
            return ring_class(self.panels["orders"])
        here = [(level.classes[ci].max_range, ci) for ci, row in enumerate(state.deployed) if row[self.selected] > 0]
        return max(here)[1] if here else None

    def draw(self, surface) -> None:
        super().draw(surface)
        state = self.reply.before if self.reply is not None else self.session.state
        self.map_frame.draw(surface, self.map, state, selected=self.selected, ring_class=self.ring(),
                            hover=self.hover, labels=self.app.settings.labels)

    def draw_over(self, surface) -> None:
        """Over the widgets: the keyboard focus outline, and the tutorial's guide."""
        self.keys.draw(surface)
        if self.guide is not None:
            self.guide.draw(surface, self)


def _is_order(action) -> bool:
    from game.model.actions import ORDER_TYPES, UndoOrder

    return isinstance(action, ORDER_TYPES + (UndoOrder, EndOrders))
