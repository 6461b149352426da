"""The map screen: the HUD on top, the map, a status line, and a side panel that changes with
the phase (orders, talks, game over) or, when watching, the watch controls.

The player's actions come from the panels; the scripted opponent answers at once (when
watching, one move every `settings.watch_delay` seconds). An illegal action shows the rules'
own sentence in the status line and changes nothing.
"""

from __future__ import annotations

import math

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UILabel

from game.model.actions import EndOrders, IllegalAction
from game.model.level import SIDE_NAMES
from game.ui.hud import Hud
from game.ui.lettering import Lettering
from game.ui.map_frame import MapFrame
from game.ui.map_keys import PanelKeys
from game.ui.map_view import MapView
from game.ui.orders_panel import OrdersPanel
from game.ui.orders_tabs import ring_class
from game.ui.outcome_panel import OutcomePanel
from game.ui.review_buttons import ReviewButtons
from game.ui.scene import Scene, key
from game.ui.talks_panel import TalksPanel
from game.ui.watch_panel import WatchPanel
from game.ui.words import action_words, cost_words


PLAY_HINT = "Click a site for its range ring · hover a gauge for its terms · 1–4 tabs, U undo, E end · F1 keys"
WATCH_HINT = "Space pauses or resumes, N plays one move, Esc leaves, F1 lists every key."


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
        self.refresh()
        self.say(*self.message)

    def wanted_panel(self) -> str:
        state = self.session.state
        if state.is_over:
            return "over"
        if self.watching:
            return "watch"
        return "orders" if state.phase == "orders" else "talks"

    def refresh(self) -> None:
        """Bring HUD and panel up to date with the game (after any move)."""
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
        self.status.change_object_id(ObjectID("#status_problem" if problem else "#status"))
        self.status.set_text(text)

    # ---- playing -----------------------------------------------------------------------------

    def act(self, action):
        """Apply the player's action (from a panel); the next scene, if any."""
        if action is None:
            return None
        if isinstance(action, Scene):  # a panel opens a screen (the negotiation table, the debrief)
            return action
        if isinstance(action, str):
            self.say(action, problem=True)
            return None
        if isinstance(action, EndOrders):
            return self.ask_end_orders()
        return self.play(action)

    def play(self, action):
        session = self.session
        level = session.level
        before = session.state
        try:
            session.play(action)
        except IllegalAction as exc:
            self.say(str(exc), problem=True)
            return None
        if session.state.phase == "orders" and not isinstance(action, EndOrders):
            words = action_words(level, action)
            self.say(f"Queued: {words} ({cost_words(level, action)}).")
        else:
            self.say(action_words(level, action) + ".")
        self.answer(before)
        self.autosave_problem()
        from game.ui.scenes.year_report import report_after

        return report_after(self, before)

    def answer(self, before) -> None:
        """Let the scripted opponent move until it is the player's turn; say what happened."""
        session = self.session
        moves = session.run_scripted()
        level, state = session.level, session.state
        them = SIDE_NAMES["china" if session.player == "us" else "us"]
        if state.is_over:
            self.say(f"Game over: {state.outcome}.")
        elif state.year != before.year:
            self.say(f"{state.year} begins. The News tab says what happened in {before.year}.")
        elif state.phase == "talks":
            said = [action_words(level, a) for s, a in moves if s != session.player and not _is_order(a)]
            lead = "Orders carried out (see the top of the talks panel). " if before.phase == "orders" else ""
            self.say(lead + (f"{them}: {said[-1]}." if said else "Your turn to speak."))
        elif state.phase == "orders" and state.side(session.player).done:
            self.say(f"Waiting for {them}'s orders.")
        self.refresh()

    def autosave_problem(self) -> None:
        """The session saves itself at each year's end; a failure is said here, not raised."""
        problem, self.session.save_problem = self.session.save_problem, None
        if problem:
            self.say(f"Autosave failed: {problem}", problem=True)

    def save_now(self) -> None:
        """Ctrl+S: save the game to the save folder; the status line says where."""
        from game.persist import SaveError
        from game.ui.saving import save_session

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
            return None

        return Confirm(self.app, self, "End orders", question, end, yes="End orders", no="Not yet",
                       default_yes=True)

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
            return shown
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

    def update(self, dt: float):
        if self.watching:
            self.panels["watch"].tick(dt)
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
        self.map_frame.draw(surface, self.map, self.session.state, selected=self.selected, ring_class=self.ring(),
                            hover=self.hover, labels=self.app.settings.labels)

    def draw_over(self, surface) -> None:
        """Over the widgets: the keyboard focus outline."""
        self.keys.draw(surface)


def _is_order(action) -> bool:
    from game.model.actions import ORDER_TYPES, UndoOrder

    return isinstance(action, ORDER_TYPES + (UndoOrder, EndOrders))
