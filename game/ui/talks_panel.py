"""The talks, as a side panel: the ladder, the offer on the table, the transcript and the
answers. (A first version of the negotiation table: offers come from the rules' menu.)
"""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UISelectionList, UITextBox

from game.model import talks
from game.model.actions import ProposeDeal
from game.model.level import SIDE_NAMES
from game.model.negotiation import describe, metrics
from game.model.offers import menu
from game.ui.scene import pressed
from game.ui.words import action_words, offer_words

SHORT = {
    "ProposeTalks": "Propose next rung", "AcceptTalks": "Agree", "RejectTalks": "Decline",
    "AcceptDeal": "Accept offer", "RejectDeal": "Reject offer", "WalkOut": "Walk out", "EndTalks": "Nothing more",
}


def transcript_html(level, state, limit: int = 14) -> str:
    lines = []
    if state.news:
        lines.append(f"<b>What the orders of {state.year} did</b>")
        lines += [f"•  {html.escape(n)}" for n in state.news]
        lines.append("")
        lines.append("<b>The talks</b>")
    for e in state.talks.transcript[-limit:]:
        who = "U.S." if e.side == "us" else "China"
        text = f"<b>{e.year} {who}</b> {html.escape(e.verb)}"
        if e.offer is not None:
            text += f": {html.escape(describe(level, e.offer))}"
        if e.reason:
            text += f" <i>({html.escape(e.reason)})</i>"
        lines.append(text)
    if not state.talks.transcript:
        lines.append("<i>Nothing has been said yet.</i>")
    return "<br>".join(lines)


class TalksPanel:
    def __init__(self, scene):
        self.scene = scene
        self.actions: dict = {}
        self.offers: list = []

    @property
    def session(self):
        return self.scene.session

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("small_row_height")
        level, state, side = self.session.level, self.session.state, self.session.player
        t = state.talks
        self.panel = UIPanel(rect, manager=s.manager, container=s.root, object_id=ObjectID("#talks_panel"))
        w = rect.width - 2 * m - 4
        y = m
        UILabel(pygame.Rect(m, y, w, 24), f"Talks: {t.stage}", s.manager, container=self.panel,
                object_id=ObjectID(class_id="@section"))
        y += 26
        will = dict(zip(("us", "china"), t.willingness))
        other = "china" if side == "us" else "us"
        needs = f"exploratory needs {level.rules.exploratory_threshold:g}, formal {level.rules.formal_threshold:g}"
        UILabel(pygame.Rect(m, y, w, 22),
                f"Willingness: you {will[side]:.0f} · {SIDE_NAMES[other]} {will[other]:.0f} ({needs})",
                s.manager, container=self.panel, object_id=ObjectID(class_id="@small"))
        y += 22
        UILabel(pygame.Rect(m, y, w, 22), f"Exchanges left this year: {t.exchanges_left}", s.manager,
                container=self.panel, object_id=ObjectID(class_id="@small"))
        y += 26
        if t.awaiting == "deal" and t.offer is not None:
            kind = "like for like" if metrics(level, state, t.offer).same_class else "cross-class"
            UITextBox(f"<b>On the table ({kind}):</b> {html.escape(describe(level, t.offer))}",
                      pygame.Rect(m, y, w, 112), s.manager, container=self.panel)
            y += 112 + gap
        elif t.awaiting == "talks":
            UILabel(pygame.Rect(m, y, w, 22), f"{SIDE_NAMES[other]} proposes to climb the ladder.", s.manager,
                    container=self.panel, object_id=ObjectID("#status_problem"))
            y += 26
        can_offer = t.stage == "formal" and t.awaiting in (None, "deal")
        self.offers = menu(level, state, side) if can_offer else []
        answers = talks.candidates(level, state, side)
        buttons_h = ((len(answers) + 2) // 3) * (rh + gap)
        offers_h = 180 if self.offers else 0
        bottom = rect.height - m - buttons_h - (offers_h + rh + 2 * gap if self.offers else 0)
        UITextBox(transcript_html(level, state), pygame.Rect(m, y, w, max(60, bottom - y - gap)), s.manager,
                  container=self.panel, object_id=ObjectID("#transcript"))
        y = bottom
        self.actions = {}
        self.offer_list = None
        if self.offers:
            items = [(self.offer_line(o), f"#offer_{i}") for i, o in enumerate(self.offers)]
            self.offer_list = UISelectionList(pygame.Rect(m, y, w, offers_h), items, s.manager,
                                              container=self.panel)
            y += offers_h + gap
            self.propose = UIButton(pygame.Rect(m, y, w, rh), "Propose the selected offer", s.manager,
                                    container=self.panel,
                                    tool_tip_text="= marks a like-for-like trade, ≠ a cross-class one.")
            self.actions[self.propose] = self.selected_offer
            y += rh + gap
        bw = (w - 2 * gap) // 3
        for i, action in enumerate(answers):
            name = type(action).__name__
            r = pygame.Rect(m + (i % 3) * (bw + gap), y + (i // 3) * (rh + gap), bw, rh)
            b = UIButton(r, SHORT.get(name, name), s.manager, container=self.panel,
                         object_id=ObjectID(class_id="@small_button"), tool_tip_text=action_words(level, action))
            self.actions[b] = action

    def offer_line(self, offer) -> str:
        level, state = self.session.level, self.session.state
        same = metrics(level, state, offer).same_class
        return ("= " if same else "≠ ") + offer_words(level, offer)

    def selected_offer(self):
        if self.offer_list is None:
            return None
        chosen = self.offer_list.get_single_selection(include_object_id=True)
        if chosen is None:
            return "Choose an offer in the list first."
        _, oid = chosen
        return ProposeDeal(self.offers[int(oid.rsplit("_", 1)[1])])

    def handle(self, event):
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.offer_list:
            chosen = self.selected_offer()
            if isinstance(chosen, ProposeDeal):
                self.scene.say(describe(self.session.level, chosen.offer))
            return None
        if pressed(event) and event.ui_element in self.actions:
            action = self.actions[event.ui_element]
            return action() if callable(action) else action
        return None
