"""The negotiation table, over the map during the talks (T, or the button in the talks panel).

On the left the offer builder: for every class of each side a term (no term, cut by, cap at,
freeze) and a count (type it, or − and + by whole lots), the first-island-chain zone,
verification and implementation years, and a menu of suggested offers to start from. As the
player edits, the right side says whether the package is same-class or cross-class, how
complex its formula is, and what it is worth to the player's side, term by term (through the
model: `negotiation.metrics` and `negotiation.value_of`); a malformed offer shows the rules'
own sentence. Propose puts it on the table; the other side answers through the map screen,
a slice of its thinking a frame (`MapScreen.think`), and the table shows the answer once it is in,
in place: the builder and the draft stay, and what the answer changes (the header line, what is on
the table, Accept / Reject / Counter, the transcript, the value) is brought up to date a part a
frame. Opening the table builds it a part a frame too, behind "Preparing the table…".

Below that, the other side's offer and its reason, with Accept, Reject and Counter (which
loads it into the builder), and the whole transcript. Tab / arrows move, Enter activates,
Left/Right change a choice, Escape closes the table.

With the facilitator's time limit, the heading shows the time left for the player's turn; the
clock starts again at each of the player's turns (`game.ui.class_play` ends the turn at zero,
bringing the map back as it does from any screen). In the tutorial the guide is drawn over the
table too.
"""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from game.classroom.hotseat import countdown
from game.model import engine
from game.model.actions import VERIFICATION, AcceptDeal, IllegalAction, ProposeDeal, RejectDeal
from game.model.level import SIDE_NAMES, SIDES, called, other, possessive, sentence_start
from game.model.negotiation import describe, holdings
from game.model.offers import menu
from game.model.talks import STAGE_NAMES
from game.model.world import fielded
from game.numbers import rounded_down, signed
from game.ui.choice import Choice
from game.ui.class_play import countdown_caption
from game.ui.help_overlay import GUIDE_KEYS
from game.ui.lettering import Lettering
from game.ui.offer_draft import KIND_ABOUT, KIND_WORDS, KINDS, VERIFICATION_WORDS, YEARS, Draft, appraise
from game.ui.scene import key, pressed, style_as
from game.ui.scenes.cover import Cover
from game.ui.scenes.year_report import hex_colour
from game.ui.words import offer_words

SIZES = {"row": 28, "row_gap": 4, "step": 30, "count": 62, "kind": 168, "hold": 104}  # at 100% text size


def transcript_html(level, state, player, newest_first: bool = False) -> str:
    """Every offer and answer, with the reasons given, year by year."""
    lines = []
    year = None
    entries = list(state.talks.transcript)
    for e in entries:
        if e.year != year:
            year = e.year
            lines.append(f"<b>{year}</b>")
        who = SIDE_NAMES[e.side] + (" (you)" if e.side == player else "")
        text = f"<b>{html.escape(who)}</b> {html.escape(e.verb)}"
        if e.offer is not None and e.verb == "offers":
            text += f": {html.escape(describe(level, e.offer))}"
        if e.reason:
            text += f"<br><i>“{html.escape(e.reason)}”</i>"
        lines.append(text)
    if not entries:
        lines.append("<i>Nothing has been said yet.</i>")
    return "<br>".join(lines)


def last_word(state, side):
    """The other side's latest line this year (an answer, an offer), or None."""
    for e in reversed(state.talks.transcript):
        if e.year != state.year:
            return None
        if e.side == other(side):
            return e
    return None


class TermRow:
    """One class's term: `name  holds N   ‹ cut by ›   − [count] +`."""

    def __init__(self, table, y: int, x: int, width: int, ci: int):
        self.table = table
        s = table
        level, state = s.level, s.state
        self.cls = level.classes[ci]
        have = holdings(state, ci)
        if have == 0 and not fielded(level, state.progress, ci):
            held = "in development"
        else:
            held = f"holds {have}"
        z = table.sizes
        row_h, step_w, count_w, kind_w, hold_w = z["row"], z["step"], z["count"], z["kind"], z["hold"]
        name_w = width - hold_w - kind_w - 2 * step_w - count_w - 5 * 6
        tip = f"{self.cls.name}: {self.cls.description}" if self.cls.description else self.cls.name
        name = s.lettering.fit(self.cls.name, "#status", name_w - 8)
        self.name = UILabel(pygame.Rect(x, y, name_w, row_h), name, s.manager, container=s.body,
                            object_id=ObjectID(class_id="@row_term"))
        self.name.set_tooltip(tip, wrap_width=300)
        x += name_w + 6
        UILabel(pygame.Rect(x, y, hold_w, row_h), held, s.manager, container=s.body,
                object_id=ObjectID(class_id="@small"))
        x += hold_w + 6
        draft = s.draft
        self.kind = Choice(s.manager, s.body, pygame.Rect(x, y, kind_w, row_h), f"term for {self.cls.name}",
                           [(k, KIND_WORDS[k]) for k in KINDS], index=KINDS.index(draft.kinds[self.cls.id]),
                           on_change=self.kind_changed, object_id="#term_kind",
                           tooltip="; ".join(f"{KIND_WORDS[k]}: {KIND_ABOUT[k]}" for k in KINDS[1:]))
        x += kind_w + 6
        self.minus = UIButton(pygame.Rect(x, y, step_w, row_h), "−", s.manager, container=s.body,
                              object_id=ObjectID(class_id="@arrow_button"),
                              tool_tip_text=f"One lot ({self.cls.lot_size}) fewer")
        x += step_w + 3
        self.entry = UITextEntryLine(pygame.Rect(x, y, count_w, row_h), s.manager, container=s.body,
                                     object_id=ObjectID(object_id="#term_count", class_id="@count_entry"))
        self.entry.set_allowed_characters("numbers")
        self.entry.set_text_length_limit(4)
        x += count_w + 3
        self.plus = UIButton(pygame.Rect(x, y, step_w, row_h), "+", s.manager, container=s.body,
                             object_id=ObjectID(class_id="@arrow_button"),
                             tool_tip_text=f"One lot ({self.cls.lot_size}) more")
        self.show()

    def show(self) -> None:
        """The count and whether it can be changed, from the draft."""
        draft = self.table.draft
        kind = draft.kinds[self.cls.id]
        counted = kind in ("reduce", "cap")
        self.entry.set_text(str(draft.counts.get(self.cls.id, 0)) if counted else "")
        for w in (self.entry, self.minus, self.plus):
            if counted and not w.is_enabled:
                w.enable()
            elif not counted and w.is_enabled:
                w.disable()
        if self.kind.index != KINDS.index(kind):
            self.kind.index = KINDS.index(kind)
            self.kind.value.set_text(self.kind.text)

    def kind_changed(self, index: int) -> None:
        t = self.table
        t.draft.set_kind(t.level, t.state, self.cls.id, KINDS[index])
        self.show()
        t.edited()

    def handle(self, event) -> bool:
        if self.kind.handle(event):
            return True
        if pressed(event, self.minus) or pressed(event, self.plus):
            self.table.draft.step_count(self.table.level, self.cls.id, 1 if event.ui_element is self.plus else -1)
            self.show()
            self.table.edited()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.entry:
            text = self.entry.get_text().strip()
            self.table.draft.set_count(self.cls.id, int(text) if text.isdigit() else 0)
            self.table.edited()
            return True
        return False


class NegotiationTable(Cover):
    def __init__(self, app, parent, session):
        super().__init__(app, parent)
        self.session = session
        self.draft = Draft.blank(session.level)
        self.refused: str | None = None  # the rules' sentence after a refused proposal
        self.note = ""  # what happened last, for the status line
        self.rows: dict[str, TermRow] = {}
        self.accept = self.reject = self.counter = None  # enabled with the other side's offer to answer
        self.sizes = dict(SIZES)
        self.lettering: Lettering | None = None  # the look's fonts, made afresh with each build
        self.compact = True
        self.time_left: UILabel | None = None  # the time left, with the facilitator's time limit
        self.work = None  # the parts still to do, one a frame: of the table's build, or of showing an answer

    def close(self) -> None:
        super().close()
        self.work = None

    # ---- the game ----------------------------------------------------------------------------

    @property
    def level(self):
        return self.session.level

    @property
    def state(self):
        return self.session.state

    @property
    def side(self):
        return self.session.player

    def offer(self):
        return self.draft.offer(self.level)

    @property
    def facing_offer(self) -> bool:
        """Whether the other side's offer waits for the player's answer."""
        t = self.state.talks
        return t.awaiting == "deal" and t.offer is not None and t.turn == self.side

    def why_not(self, offer) -> str | None:
        """The rules' sentence if proposing `offer` is not allowed now."""
        try:
            engine.check(self.level, self.state, self.side, ProposeDeal(offer))
        except IllegalAction as exc:
            return str(exc)
        return None

    # ---- building ----------------------------------------------------------------------------

    def build_sheet(self) -> None:
        """The heading, the status line and Close at once, with "Preparing the table…"; the rest
        (`build_body`) a part a frame from `update`, out of sight until it is whole."""
        w, h = self.size
        p = self.palette
        self.lettering = Lettering(self.manager)
        self.sizes = {k: self.px(v) for k, v in SIZES.items()}
        m, rh = p.size("margin") + self.px(6), p.size("row_height")
        px = self.px
        UILabel(pygame.Rect(m, px(8), w - 2 * m, px(36)), "Negotiation table", self.manager, container=self.sheet,
                object_id=ObjectID(class_id="@heading"))
        self.time_left = None
        clock = self.session.clock
        if clock is not None:  # as wide as the longest it reads (the whole limit), at the right
            cw = self.lettering.size(f"{countdown(clock.limit)} left", "#hud_year")[0] + px(12)
            self.time_left = UILabel(pygame.Rect(w - m - cw, px(8), cw, px(36)), "", self.manager,
                                     container=self.sheet, object_id=ObjectID("#hud_year"))
        self.header = UILabel(pygame.Rect(m, px(42), w - 2 * m, px(22)), self.header_text(), self.manager,
                              container=self.sheet, object_id=ObjectID(class_id="@small"))
        self.status = UILabel(pygame.Rect(m, h - rh - m, w - 2 * m - px(200), rh), self.note or
                              "Tab moves · Enter activates · Left/Right change a choice · Esc closes the table",
                              self.manager, container=self.sheet, object_id=ObjectID("#status"))
        self.close_button = UIButton(pygame.Rect(w - m - px(180), h - rh - m, px(180), rh), "Close (Esc)", self.manager,
                                     container=self.sheet, tool_tip_text="Back to the map; the offer you built stays.")
        self.waiting = UILabel(pygame.Rect(m, px(72), w - 2 * m, px(36)), "Preparing the table…", self.manager,
                               container=self.sheet, object_id=ObjectID(class_id="@section"))
        self.body = UIContainer(pygame.Rect(0, 0, w, h), self.manager, container=self.sheet, visible=0)
        self.work = self.build_body()

    @property
    def preparing(self) -> bool:
        """Whether the table is still being built or brought up to date (a part a frame)."""
        return self.work is not None

    @property
    def built(self) -> bool:
        """Whether the table is whole and shown."""
        return self.root is not None and self.body.visible

    def build_body(self):
        """The builder and the right-hand column in `self.body`, a part at each `next`; then the
        body shown, with the focus ring and the value."""
        w, h = self.size
        p = self.palette
        m, gap, rh = p.size("margin") + self.px(6), p.size("gap"), p.size("row_height")
        top = self.px(72)
        bottom = h - rh - 2 * m
        left_w = min(self.px(760), int((w - 2 * m) * 0.55))
        yield from self.build_builder(pygame.Rect(m, top, left_w, bottom - top))
        yield from self.build_right(pygame.Rect(m + left_w + 2 * gap, top, w - 2 * m - left_w - 2 * gap, bottom - top))
        self.waiting.kill()
        self.body.show()
        self.show_answers()
        self.edited()

    def header_text(self) -> str:
        level, state, side = self.level, self.state, self.side
        t = state.talks
        will = dict(zip(SIDES, t.willingness))
        them = other(side)
        return (f"{state.year} · talks: {STAGE_NAMES[t.stage]} · exchanges left this year: {t.exchanges_left} · "
                f"willingness to talk: you {rounded_down(will[side])}, {SIDE_NAMES[them]} {rounded_down(will[them])} "
                f"(formal talks need {level.rules.formal_threshold:g})")

    def ring(self) -> list:
        """The focus ring: the builder, the answers (with an offer to answer) and Close."""
        ring = [self.start]
        for row in self.rows.values():
            ring += [row.kind, row.entry]
        ring += [self.zone, self.verification, self.years, self.propose, self.clear]
        if self.facing_offer:
            ring += [self.accept, self.reject, self.counter]
        ring.append(self.close_button)
        return ring

    def show_answers(self) -> None:
        """Accept, Reject and Counter enabled with an offer to answer; the focus ring to match."""
        facing = self.facing_offer
        for b in (self.accept, self.reject, self.counter):
            if facing and not b.is_enabled:
                b.enable()
            elif not facing and b.is_enabled:
                b.disable()
        self.focus.set(self.ring())

    def build_builder(self, r: pygame.Rect):
        level, state, side = self.level, self.state, self.side
        px, z = self.px, self.sizes
        row_h, row_gap = z["row"], z["row_gap"]
        body = self.body
        y = r.y
        UILabel(pygame.Rect(r.x, y, r.width, px(24)), "Your offer", self.manager, container=body,
                object_id=ObjectID(class_id="@section"))
        y += px(26)
        suggestions = [(None, "a blank offer")] + [(o, offer_words(level, o)) for o in menu(level, state, side)]
        lw = px(110)
        UILabel(pygame.Rect(r.x, y, lw, row_h), "Start from", self.manager, container=body,
                object_id=ObjectID(class_id="@small"))
        self.start = Choice(self.manager, body, pygame.Rect(r.x + lw, y, r.width - lw, row_h),
                            "suggestion", suggestions, on_change=self.suggest, object_id="#suggestion",
                            tooltip="Offers the rules suggest; pick one, then change it as you like.")
        y += row_h + px(8)
        self.rows = {}
        for s in (side, other(side)):
            yield
            you = " (you)" if s == side else ""
            UILabel(pygame.Rect(r.x, y, r.width, px(22)), f"{SIDE_NAMES[s]}{you} commits to", self.manager,
                    container=body, object_id=ObjectID(class_id="@section"))
            y += px(23)
            for ci, c in enumerate(level.classes):
                if c.side == s:
                    self.rows[c.id] = TermRow(self, y, r.x, r.width, ci)
                    y += row_h + row_gap
            y += px(4)
        yield
        y += px(2)
        lw = px(190)
        self.zone = Choice(self.manager, body, pygame.Rect(r.x, y, r.width, row_h), "First island chain",
                           [(False, "open to missiles"),
                            (True, "no ground-launched missiles of either side")],
                           index=int(self.draft.zone), label_width=lw, on_change=self.zone_changed,
                           object_id="#zone",
                           tooltip="A deployment zone: neither side may base ground-launched intermediate-range "
                                   "missiles in the first island chain.")
        y += row_h + row_gap
        half = (r.width - px(8)) // 2
        self.verification = Choice(self.manager, body, pygame.Rect(r.x, y, half, row_h), "Verification",
                                   [(v, VERIFICATION_WORDS[v]) for v in VERIFICATION],
                                   index=VERIFICATION.index(self.draft.verification), label_width=px(110),
                                   on_change=self.verification_changed, object_id="#verification",
                                   tooltip="How compliance is checked: stronger checks catch cheating more "
                                           "often but cost more each year.")
        self.years = Choice(self.manager, body, pygame.Rect(r.x + half + px(8), y, r.width - half - px(8), row_h),
                            "Carried out over", [(n, f"{n} year{'s' if n > 1 else ''}") for n in YEARS],
                            index=YEARS.index(self.draft.years), label_width=px(140), on_change=self.years_changed,
                            object_id="#years_choice", tooltip="Implementation: the years the cuts take.")
        y += row_h + px(10)
        bw = px(200)
        self.propose = UIButton(pygame.Rect(r.x, y, bw, row_h + px(6)), "Propose this offer", self.manager,
                                container=body, object_id=ObjectID(class_id="@primary_button"),
                                tool_tip_text="Put the offer on the table; the other side answers at once.")
        self.clear = UIButton(pygame.Rect(r.x + bw + px(8), y, px(120), row_h + px(6)), "Clear", self.manager,
                              container=body, tool_tip_text="Start again from a blank offer.")
        self.problem = UILabel(pygame.Rect(r.x + bw + px(136), y, r.right - (r.x + bw + px(136)), row_h + px(6)), "",
                               self.manager, container=body, object_id=ObjectID("#offer_ok"))
        yield

    def build_right(self, r: pygame.Rect):
        """What the offer is worth; what is on the table, with Accept, Reject and Counter (enabled
        when there is an offer to answer); the transcript."""
        px = self.px
        row_h = self.sizes["row"]
        gap = px(8)
        body = self.body
        self.compact = r.height < px(760)  # the value's parts two to a line
        worth_h = px(198) if self.compact else px(272)
        self.worth = UITextBox("", pygame.Rect(r.x, r.y, r.width, worth_h), self.manager, container=body,
                               object_id=ObjectID("#worth"))
        y = r.y + worth_h + gap
        table_h = px(150)
        self.on_table = UITextBox(self.table_html(), pygame.Rect(r.x, y, r.width, table_h), self.manager,
                                  container=body, object_id=ObjectID("#on_table"))
        y += table_h + px(4)
        bw = (r.width - 2 * gap) // 3
        self.accept = UIButton(pygame.Rect(r.x, y, bw, row_h + 2), "Accept", self.manager, container=body,
                               tool_tip_text="Sign the offer on the table as it stands.")
        self.reject = UIButton(pygame.Rect(r.x + bw + gap, y, bw, row_h + 2), "Reject", self.manager,
                               container=body, tool_tip_text="Turn the offer down.")
        self.counter = UIButton(pygame.Rect(r.x + 2 * (bw + gap), y, r.width - 2 * (bw + gap), row_h + 2),
                                "Counter", self.manager, container=body,
                                tool_tip_text="Load their offer into the builder to change it and propose it back.")
        y += row_h + 2 + gap
        UILabel(pygame.Rect(r.x, y, r.width, px(22)), "Transcript", self.manager, container=body,
                object_id=ObjectID(class_id="@section"))
        y += px(23)
        yield
        self.transcript = UITextBox(transcript_html(self.level, self.state, self.side),
                                    pygame.Rect(r.x, y, r.width, max(px(60), r.bottom - y)), self.manager,
                                    container=body, object_id=ObjectID("#transcript"))
        self.scroll_to_end(self.transcript)
        yield

    def show_talks(self):
        """After the other side's answer, in place and a part at each `next` (the builder and its
        draft stay): the header line, what is on the table and the answers (the focus on Propose,
        never on Accept: a second Enter must not sign anything); the transcript; the value."""
        self.header.set_text(self.header_text())
        self.on_table.set_text(self.table_html())
        self.show_answers()
        self.focus.focus_on(self.propose)
        yield
        self.transcript.set_text(transcript_html(self.level, self.state, self.side))
        self.scroll_to_end(self.transcript)
        yield
        self.edited()

    @staticmethod
    def scroll_to_end(box: UITextBox) -> None:
        if box.scroll_bar is not None:
            box.scroll_bar.set_scroll_from_start_percentage(1.0)

    def table_html(self) -> str:
        level, state, side = self.level, self.state, self.side
        t = state.talks
        them = called(other(side))
        if self.facing_offer:
            said = last_word(state, side)
            lines = [f"<b>On the table from {them}:</b> {html.escape(describe(level, t.offer))}"]
            if said is not None and said.reason:
                lines.append(f"<i>“{html.escape(said.reason)}”</i>")
            return "<br>".join(lines)
        lines = ["<b>Nothing on the table.</b>"]
        said = last_word(state, side)
        if said is not None:
            text = f"{sentence_start(them)} {html.escape(said.verb)}"
            if said.offer is not None and said.verb != "offers":
                text += f": {html.escape(describe(level, said.offer))}"
            lines.append(text + (f"<br><i>“{html.escape(said.reason)}”</i>" if said.reason else ""))
        elif t.stage != "formal":
            lines.append(f"Offers need formal talks; the talks are '{t.stage}'. Climb the ladder from the talks "
                         f"panel. You can still build an offer here and see what it is worth.")
        return "<br>".join(lines)

    # ---- editing -----------------------------------------------------------------------------

    def edited(self) -> None:
        """Measure the draft again and show what it is worth."""
        if not self.built:
            return
        offer = self.offer()
        a = appraise(self.level, self.state, self.side, offer)
        self.appraisal = a
        if self.draft.empty and self.facing_offer:  # nothing built yet: weigh their offer
            theirs = appraise(self.level, self.state, self.side, self.state.talks.offer)
            self.worth.set_text(self.worth_html(theirs, f"What {possessive(other(self.side))} offer is worth to you"))
        else:
            self.worth.set_text(self.worth_html(a))
        problem = a.problem or self.why_not(offer)
        if self.refused is not None and self.refused != problem:
            self.refused = None
        if problem is not None:
            style_as(self.problem, "#offer_problem")
            self.problem.set_text(problem)
            self.problem.set_tooltip(problem, wrap_width=320)
        else:
            style_as(self.problem, "#offer_ok")
            self.problem.set_text("Ready to propose.")
        self.problem_text = problem

    def worth_html(self, a, title: str = "What your offer is worth to you") -> str:
        p = self.palette
        good = hex_colour(p.colour("#gauge", "good"))
        bad = hex_colour(p.colour("#gauge", "bad"))
        dim = hex_colour(p.colour("#gauge", "dim_text"))

        def coloured(v: float) -> str:
            colour = good if v > 0.05 else bad if v < -0.05 else dim
            return f"<font color='{colour}'><b>{signed(v)}</b></font>"

        head = f"<b>{html.escape(title, quote=False)}</b>"
        if a.problem is not None:
            return f"{head}<br><br><font color='{dim}'>Nothing to weigh yet. {html.escape(a.problem)}</font>"
        kind = "<b>same-class</b>, like for like: easy to weigh" if a.same_class else \
            "<b>cross-class</b>: it needs an exchange rate the sides dispute"
        lines = [
            head,
            f"Kind of deal: {kind}",
            f"Complexity of the formula: <b>{a.complexity:.2f}</b> <font color='{dim}'>"
            + ("(0 is simple)" if self.compact else "(0 is simple; more is harder to accept and ratify)")
            + "</font>",
            f"<b>Worth to you: {coloured(a.total)} score points</b> against no deal:",
        ]
        parts = [f"{name}: {coloured(v)}" for name, v in a.lines()]
        if self.compact:
            lines += [f"      {parts[0]}  ·  {parts[1]}", f"      {parts[2]}  ·  {parts[3]}"]
        else:
            lines += [f"      {part}" for part in parts]
        lines.append(f"Chance your legislature ratifies it in a year: <b>{a.ratification:.0%}</b>")
        return "<br>".join(lines)

    def suggest(self, index: int) -> None:
        offer = self.start.chosen
        self.draft = Draft.blank(self.level) if offer is None else Draft.of(self.level, offer)
        self.show_draft()

    def show_draft(self) -> None:
        for row in self.rows.values():
            row.show()
        for choice, index in ((self.zone, int(self.draft.zone)),
                              (self.verification, VERIFICATION.index(self.draft.verification)),
                              (self.years, YEARS.index(self.draft.years))):
            if choice.index != index:
                choice.index = index
                choice.value.set_text(choice.text)
        self.edited()

    def zone_changed(self, index: int) -> None:
        self.draft.zone = bool(self.zone.chosen)
        self.edited()

    def verification_changed(self, index: int) -> None:
        self.draft.verification = self.verification.chosen
        self.edited()

    def years_changed(self, index: int) -> None:
        self.draft.years = self.years.chosen
        self.edited()

    def say(self, text: str, problem: bool = False) -> None:
        self.note = text
        if self.root is not None:
            style_as(self.status, "#status_problem" if problem else "#status")
            self.status.set_text(text)

    def shortcuts(self):
        """For the help overlay (F1)."""
        return [("Negotiation table", [
            ("Tab, Shift+Tab", "Move through the builder, the answers and Close (Up, Down: the same)"),
            ("Left, Right", "Change the highlighted choice (a term, the zone, verification, years)"),
            ("0–9, Backspace", "Type a count (when a count box has the focus); Enter moves on"),
            ("Enter", "Press the highlighted button (Propose, Accept, Reject, Counter)"),
            ("Esc", "Close the table (the offer you built stays)"),
        ] + ([GUIDE_KEYS] if self.guide is not None else []))]

    # ---- acting ------------------------------------------------------------------------------

    @property
    def thinking(self) -> bool:
        """Whether the other side is still answering the player's last move."""
        return self.map_screen.thinking

    def act(self, action):
        """Play `action` through the map screen; the other side answers from this frame on
        (`update` follows it). None: stay at the table."""
        screen = self.map_screen
        if self.thinking:
            self.say(screen.thinking_words() or self.note)
            return None
        before = self.state
        screen.play(action)
        if self.state is before:  # refused: the rules' sentence
            self.refused = screen.message[0]
            self.say(self.refused, problem=True)
        return None

    def answered(self):
        """The other side has answered at the table: back to the map if the talks are over for
        the year, else its answer at the table (from the next frame on)."""
        if self.state.phase != "talks" or self.state.is_over:
            self.map_screen.catch_up()  # shown again on this frame: its side panel as the game now is
            return self.parent
        self.say(self.answer_words())
        self.work = self.show_talks()
        return None

    def answer_words(self) -> str:
        """What the other side just did, in a line (its reason is in the transcript)."""
        said = last_word(self.state, self.side)
        them = called(other(self.side), True)
        if said is None:
            return f"Your turn to speak. {them} has said nothing yet."
        if said.verb == "offers":
            return f"{them} answered with an offer of its own: it is on the table, with its reason."
        if said.verb == "rejects the offer":
            return f"{them} rejected the offer; its reason is in the transcript."
        return f"{them} {said.verb}."

    def propose_offer(self):
        offer = self.offer()
        problem = self.appraisal.problem or self.why_not(offer)
        if problem is not None:
            self.refused = problem
            self.say(problem, problem=True)
            return None
        return self.act(ProposeDeal(offer))

    def load_their_offer(self) -> None:
        offer = self.state.talks.offer
        if offer is None:
            return
        self.draft = Draft.of(self.level, offer)
        self.show_draft()
        self.focus.focus_on(self.propose)
        self.say("Their offer is in the builder: change it, then Propose to counter.")

    @property
    def guide(self):
        return self.map_screen.guide

    def update(self, dt: float):
        """Follow the other side's answer (a slice of it a frame, through the map screen); start
        the player's clock for a new turn and show the time left; follow the guide. While the
        table is being built or brought up to date, one part of that a frame and nothing else."""
        if self.work is not None:
            try:
                next(self.work)
            except StopIteration:
                self.work = None
            return None
        screen = self.map_screen
        if self.thinking:
            report = screen.think()
            if report is not None:
                return report
            words = screen.thinking_words()
            if words is not None and words != self.status.text:
                self.say(words)
            if self.thinking:
                return None
            back = self.answered()
            if back is not None:
                return back
        session = self.session
        if session.clock is not None and session.player_to_move():
            session.clock.arm(self.state, self.side)
        if self.time_left is not None:
            caption = countdown_caption(self.map_screen) or ""
            if self.time_left.text != caption:
                self.time_left.set_text(caption)
        if self.guide is not None:
            self.guide.update(self)
        return None

    def draw_over(self, surface) -> None:
        if self.guide is not None and self.built:
            self.guide.draw(surface, self)

    def handle(self, event):
        if key(event, pygame.K_ESCAPE) or pressed(event, self.close_button):
            return self.parent
        if not self.built or self.guide is not None and self.guide.handle(event):
            return None
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:  # Enter in a count: on to the next item
            self.focus.move(1)
            return None
        if self.focus.handle(event):
            return None
        if self.start.handle(event) or self.zone.handle(event) or self.verification.handle(event) \
                or self.years.handle(event):
            return None
        for row in self.rows.values():
            if row.handle(event):
                return None
        if pressed(event, self.propose):
            return self.propose_offer()
        if pressed(event, self.clear):
            self.draft = Draft.blank(self.level)
            self.show_draft()
            return None
        if pressed(event, self.accept):
            return self.act(AcceptDeal())
        if pressed(event, self.reject):
            return self.act(RejectDeal())
        if pressed(event, self.counter):
            self.load_their_offer()
            return None
        return None
