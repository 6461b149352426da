"""The talks, as a side panel: the ladder, the offer on the table and why it was made, what it
is worth to the player, the recent transcript, the answers, and the way to the negotiation
table (T), where offers are built term by term (`game.ui.scenes.negotiation`).
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.model import talks
from game.model.actions import AcceptTalks, WalkOut
from game.model.level import SIDE_NAMES, SIDE_SHORT, called
from game.model.negotiation import describe, treaty_heading
from game.model.talks import walkout_words
from game.numbers import rounded_down, signed
from game.ui.offer_draft import appraise
from game.ui.scene import key, pressed
from game.ui.words import action_words

SHORT = {
    "ProposeTalks": "Propose next rung", "AcceptTalks": "Agree", "RejectTalks": "Decline",
    "AcceptDeal": "Accept offer", "RejectDeal": "Reject offer", "WalkOut": "Walk out", "EndTalks": "Nothing more",
}


def transcript_html(level, state) -> str:
    """The treaty signed, if any; the news of the year's orders; then this year's talks (or last
    year's, before any)."""
    lines = []
    t = state.talks
    if t.treaty is not None:
        lines += [f"<b>Treaty</b> ({treaty_heading(level, state)}): {html.escape(describe(level, t.treaty))}", ""]
    if state.news:
        lines.append(f"<b>What the orders of {state.year} did</b>")
        lines += [f"•  {html.escape(n)}" for n in state.news]
        lines.append("")
        lines.append("<b>The talks</b>")
    everything = state.talks.transcript
    years = sorted({e.year for e in everything})
    shown = [e for e in everything if years and e.year == years[-1]]
    if len(everything) > len(shown):
        lines.append(f"<i>{len(everything) - len(shown)} earlier lines: see the negotiation table (T)</i>")
    for e in shown:
        who = SIDE_SHORT[e.side]
        text = f"<b>{e.year} {who}</b> {html.escape(e.verb)}"
        if e.offer is not None and e.verb == "offers":
            text += f": {html.escape(describe(level, e.offer))}"
        if e.reason:
            text += f" <i>({html.escape(e.reason)})</i>"
        lines.append(text)
    if not state.talks.transcript:
        lines.append("<i>Nothing has been said yet.</i>")
    return "<br>".join(lines)


def on_table_html(level, state, side) -> str:
    """The other side's offer, its reason and what it is worth to `side`."""
    t = state.talks
    a = appraise(level, state, side, t.offer)
    kind = "like for like" if a.same_class else "cross-class"
    text = f"<b>On the table ({kind}):</b> {html.escape(describe(level, t.offer))}"
    last = next((e for e in reversed(t.transcript) if e.offer == t.offer and e.verb == "offers"), None)
    if last is not None and last.reason:
        text += f"<br><i>{html.escape(last.reason)}</i>"
    if a.problem is None:
        text += f"<br><b>Worth to you: {signed(a.total)}</b> score points (the table (T) shows why)"
    return text


class TalksPanel:
    def __init__(self, scene):
        self.scene = scene
        self.actions: dict = {}
        self.table_scene = None  # kept, so the offer being built survives closing the table

    @property
    def session(self):
        return self.scene.session

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("small_row_height")
        level, state, side = self.session.level, self.session.state, self.session.player
        t = state.talks
        scale = getattr(getattr(s.app, "look", None), "scale", 100) / 100

        def px(n: int) -> int:
            return round(n * scale)

        self.panel = UIPanel(rect, manager=s.manager, container=s.root, object_id=ObjectID("#talks_panel"))
        w = rect.width - 2 * m - 4
        y = m
        UILabel(pygame.Rect(m, y, w, px(24)), f"Talks: {talks.STAGE_NAMES[t.stage]}", s.manager, container=self.panel,
                object_id=ObjectID(class_id="@section"))
        y += px(26)
        will = dict(zip(("us", "china"), t.willingness))
        other = "china" if side == "us" else "us"
        needs = f"exploratory needs {level.rules.exploratory_threshold:g}, formal {level.rules.formal_threshold:g}"
        UILabel(pygame.Rect(m, y, w, px(22)),
                f"Willingness: you {rounded_down(will[side])} · {SIDE_NAMES[other]} {rounded_down(will[other])} "
                f"({needs})",
                s.manager, container=self.panel, object_id=ObjectID(class_id="@small"))
        y += px(22)
        UILabel(pygame.Rect(m, y, w, px(22)), f"Exchanges left this year: {t.exchanges_left}", s.manager,
                container=self.panel, object_id=ObjectID(class_id="@small"))
        y += px(26)
        if t.awaiting == "deal" and t.offer is not None:
            box_h = p.size("row_height") * 5 + 12
            self.on_table = UITextBox(on_table_html(level, state, side), pygame.Rect(m, y, w, box_h), s.manager,
                                      container=self.panel, object_id=ObjectID("#on_table"))
            y += box_h + gap
        short = None  # (willingness, need) when the player cannot agree to a proposed rung
        if t.awaiting == "talks":
            rung = talks.LADDER[t.stage]
            UILabel(pygame.Rect(m, y, w, px(22)), f"{called(other, True)} proposes {rung} talks.", s.manager,
                    container=self.panel, object_id=ObjectID("#status_problem"))
            y += px(22)
            short = talks.shortfall(level, t, side, rung)
            if short is not None:
                UILabel(pygame.Rect(m, y, w, px(22)), f"Your willingness, {short[0]}, is short of the {short[1]} "
                        f"{rung} talks need: decline.", s.manager, container=self.panel,
                        object_id=ObjectID("#ladder_shortfall", "@small"))
                y += px(22)
            y += px(4)
        answers = talks.candidates(level, state, side)
        buttons_h = ((len(answers) + 2) // 3) * (rh + gap)
        table_h = rh + px(6)
        bottom = rect.height - m - buttons_h - table_h - gap
        self.transcript = UITextBox(transcript_html(level, state), pygame.Rect(m, y, w, max(px(60), bottom - y - gap)),
                                    s.manager, container=self.panel, object_id=ObjectID("#transcript"))
        y = bottom
        formal = t.stage == "formal"
        self.table = UIButton(pygame.Rect(m, y, w, table_h),
                              "Negotiation table: build an offer  (T)" if formal else "Negotiation table  (T)",
                              s.manager, container=self.panel,
                              object_id=ObjectID(class_id="@primary_button" if formal else None),
                              tool_tip_text="Build an offer term by term and see what it is worth; answer "
                                            "the other side's offer; read the whole transcript.")
        y += table_h + gap
        self.actions = {}
        bw = (w - 2 * gap) // 3
        for i, action in enumerate(answers):
            name = type(action).__name__
            r = pygame.Rect(m + (i % 3) * (bw + gap), y + (i // 3) * (rh + gap), bw, rh)
            tip = walkout_words(state) if isinstance(action, WalkOut) else action_words(level, action)
            b = UIButton(r, SHORT.get(name, name), s.manager, container=self.panel,
                         object_id=ObjectID(class_id="@small_button"), tool_tip_text=tip)
            self.actions[b] = action
            if short is not None and isinstance(action, AcceptTalks):
                b.disable()  # the rules would refuse it: the line above says why

    def open_table(self):
        from game.ui.scenes.negotiation import NegotiationTable

        if self.table_scene is None:
            self.table_scene = NegotiationTable(self.scene.app, self.scene, self.session)
        self.table_scene.note = ""
        return self.table_scene

    def handle(self, event):
        if pressed(event, self.table) or key(event, pygame.K_t):
            return self.open_table()
        if pressed(event) and event.ui_element in self.actions:
            return self.actions[event.ui_element]
        return None
