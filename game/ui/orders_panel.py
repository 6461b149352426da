"""The orders panel: tabs of orders (research, forces, allies and signals, news), the queued
orders with Undo, what is left to spend, and End orders.

Every button carries the action it gives (or a function that builds it from the current
choices); the scene applies it and shows the rules' own sentence if it is not allowed.
Rows refresh in place after each order; the tab is rebuilt when the year or the tab changes.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UIScrollingContainer, UITextBox

from game.model import orders
from game.model.actions import EndOrders, UndoOrder
from game.ui import orders_tabs
from game.ui.lettering import line_height, text_box_frame
from game.ui.scene import pressed
from game.ui.words import action_words, cost_words

TABS = (("research", "Research"), ("forces", "Forces"), ("allies", "Allies"), ("news", "News"))
QUEUE_LINES = 6
SCROLLBAR = 22


class OrdersPanel:
    def __init__(self, scene):
        self.scene = scene
        self.tab = "research" if self._programs() else "forces"
        self.picks: dict[str, int] = {}
        self.actions: dict = {}
        self.choices: list = []
        self.rows: list = []
        self._built_for = None

    # ---- building ---------------------------------------------------------------------------

    @property
    def session(self):
        return self.scene.session

    def _programs(self) -> bool:
        """Whether the player has programs still in development."""
        from game.model.world import fielded

        level, state, side = self.session.level, self.session.state, self.session.player
        return any(c.side == side and not fielded(level, state.progress, ci) for ci, c in enumerate(level.classes))

    def show_tab(self, name: str) -> None:
        if name in dict(TABS) and name != self.tab:
            self.tab = name
            self.build_tab()

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("row_height")
        self.rect = pygame.Rect(rect)
        self.panel = UIPanel(self.rect, manager=s.manager, container=s.root, object_id=ObjectID("#orders_panel"))
        inner_w = self.rect.width - 2 * m - 4
        tw = (inner_w - (len(TABS) - 1) * 4) // len(TABS)
        self.tab_buttons = {}
        for i, (name, words) in enumerate(TABS):
            b = UIButton(pygame.Rect(m + i * (tw + 4), m, tw, rh), words, s.manager, container=self.panel,
                         object_id=ObjectID(class_id="@tab_button"))
            self.tab_buttons[b] = name
        title_h, left_h = line_height(s.manager, "@section"), line_height(s.manager, "#hud_money")
        box_h = QUEUE_LINES * line_height(s.manager, "text_box") + text_box_frame(s.manager)[1]
        queue_h = title_h + box_h + left_h + rh + 6 + 3 * gap
        top = m + rh + gap
        self.content_rect = pygame.Rect(m, top, inner_w, self.rect.height - top - queue_h - 2 * m)
        y = self.content_rect.bottom + gap
        self.queue_title = UILabel(pygame.Rect(m, y, inner_w, title_h), "", s.manager, container=self.panel,
                                   object_id=ObjectID(class_id="@section"))
        y += title_h
        self.queue = UITextBox("", pygame.Rect(m, y, inner_w, box_h), s.manager,
                               container=self.panel, object_id=ObjectID("#queue"))
        y += box_h + gap
        self.left = UILabel(pygame.Rect(m, y, inner_w, left_h), "", s.manager, container=self.panel,
                            object_id=ObjectID("#hud_money"))
        y += left_h + gap
        bw = (inner_w - gap) // 2
        self.undo = UIButton(pygame.Rect(m, y, bw, rh + 6), "Undo last", s.manager, container=self.panel,
                             tool_tip_text="Take back the last order you queued.")
        self.end = UIButton(pygame.Rect(m + bw + gap, y, inner_w - bw - gap, rh + 6), "End orders…", s.manager,
                            container=self.panel, object_id=ObjectID(class_id="@primary_button"),
                            tool_tip_text="Finish this year's orders; they are then carried out together "
                                          "with the other side's.")
        self.actions = {self.undo: UndoOrder()}
        self.content = None
        self._built_for = None
        if not s.preparing:  # else the tab on the next frame (`sync`)
            self.build_tab()

    def build_tab(self) -> None:
        s = self.scene
        if self.content is not None:
            self.content.kill()
        for b, name in self.tab_buttons.items():
            if name == self.tab:
                b.select()
            else:
                b.unselect()
        self.actions = {k: v for k, v in self.actions.items() if k is self.undo}
        self.choices, self.rows = [], []
        state = self.session.state
        self._built_for = (state.year, state.phase, self.tab)
        r = self.content_rect
        if self.tab == "news":
            self.content = UIPanel(r, manager=s.manager, container=self.panel, object_id=ObjectID("#news_panel"))
            orders_tabs.news(self, pygame.Rect(0, 0, r.width, r.height))
        else:
            self.content = UIScrollingContainer(r, s.manager, container=self.panel, allow_scroll_x=False)
            width = r.width - SCROLLBAR
            height = getattr(orders_tabs, self.tab)(self, width)
            self.content.set_scrollable_area_dimensions((width, max(height, 1)))
        self.refresh()

    # ---- widgets the tabs use ------------------------------------------------------------------

    def label(self, rect, text: str, style: str | None = None, object_id: str | None = None) -> UILabel:
        oid = ObjectID(object_id=object_id, class_id=style)
        return UILabel(pygame.Rect(rect), text, self.scene.manager, container=self.content, object_id=oid)

    def button(self, rect, text: str, action, tooltip: str | None = None, style: str = "@small_button") -> UIButton:
        b = UIButton(pygame.Rect(rect), text, self.scene.manager, container=self.content,
                     object_id=ObjectID(class_id=style), tool_tip_text=tooltip)
        if tooltip:
            b.set_tooltip(tooltip, wrap_width=300)
        self.actions[b] = action
        return b

    # ---- refreshing ------------------------------------------------------------------------------

    def sync(self) -> None:
        """Bring the panel up to date with the game: rebuild the tab on a new year or phase."""
        state = self.session.state
        if self._built_for != (state.year, state.phase, self.tab):
            self.build_tab()
        else:
            self.refresh()

    def ledger(self):
        return orders.ledger(self.session.level, self.session.state, self.session.player)

    def refresh(self) -> None:
        level, state, side = self.session.level, self.session.state, self.session.player
        book = orders.ledger(level, state, side)
        for row in self.rows:
            row(book)
        pending = state.side(side).pending
        self.queue_title.set_text(f"Queued orders: {len(pending)} of {level.rules.max_orders}")
        if pending:
            lines = []
            for i, o in enumerate(pending, 1):
                lines.append(f"{i}. {html.escape(action_words(level, o))}  "
                             f"<font color='#9fb3c8'>· {html.escape(cost_words(level, o))}</font>")
                warning = orders.order_warning(level, state, o)
                if warning:
                    r, g, b, _ = self.scene.palette.colour("#gauge", "bad")  # the theme's, colour-blind or not
                    lines.append(f"<font color='#{r:02x}{g:02x}{b:02x}'><i>{html.escape(warning)}</i></font>")
            self.queue.set_text("<br>".join(lines))
        else:
            self.queue.set_text("<i>No orders yet. Choose them in the tabs above.</i>")
        research = orders.research_commitment(level, state, side, book.pace)
        self.left.set_text(
            f"Left: ${book.budget:,.0f}M and {book.capital:g} capital  (research ${research:,.0f}M)"
        )
        done = state.side(side).done
        for b in (self.undo, self.end):
            if done and b.is_enabled:
                b.disable()
            elif not done and not b.is_enabled:
                b.enable()

    # ---- events ---------------------------------------------------------------------------------

    def handle(self, event) -> object | None:
        """The action a click asks for (None if the event is not for this panel)."""
        for choice in self.choices:
            if choice.handle(event):
                self.refresh()
                return None
        if not pressed(event):
            return None
        element = event.ui_element
        if element in self.tab_buttons:
            self.show_tab(self.tab_buttons[element])
            return None
        if element is self.end:
            return EndOrders()
        if element in self.actions:
            action = self.actions[element]
            return action() if callable(action) else action
        return None

    def show_site(self, k: int) -> None:
        """Point the deploy row at site k (when the player picks it on the map)."""
        orders_tabs.point_deploy_at(self, k)

