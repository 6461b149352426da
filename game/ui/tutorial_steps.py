"""The steps of the tutorial's guide: for each kind of action a first game should try once,
what to do, the idea behind it, when it is done, when it can be done, and which widget to use.

A step is done when the game says so (the action log, the state, the talks' transcript), never
when a button is merely clicked. `Moment` is what a step looks at: the game, the map screen and
the screen in front of the player (the map or the negotiation table). Targets are looked up in
the live widgets each time, so they follow a rebuilt panel, a resized window or a new text size.
"""

from __future__ import annotations

from typing import Callable

from attrs import frozen

from game.model import engine, orders
from game.model.actions import (
    AcceptDeal,
    AcceptTalks,
    CoDevelop,
    Consult,
    Deploy,
    EndOrders,
    EndTalks,
    IllegalAction,
    Produce,
    ProposeTalks,
    RejectDeal,
    SeekPledge,
    SetResearch,
    Signal,
)
from game.model.level import called, other, possessive
from game.model.negotiation import metrics
from game.model.world import fielded
from game.numbers import rounded_down, signed
from game.ui.offer_draft import appraise
from game.ui.orders_panel import TABS


@frozen
class Moment:
    """The game as one step sees it (`Moment.of`). `since`: where in the action log the step
    started to count (the log's length when the step was first shown; None: not shown yet)."""

    screen: object  # the map screen
    scene: object  # the screen in front of the player: the map screen or the negotiation table
    since: int | None
    session: object
    level: object
    state: object
    side: str

    @classmethod
    def of(cls, screen, scene, since: int | None = None) -> Moment:
        session = screen.session
        return cls(screen, scene, since, session, session.level, session.state, session.player)

    @property
    def at_table(self) -> bool:
        return self.scene is not self.screen

    def actions(self, since: int = 0) -> list:
        """The player's actions in the log, from `since` on."""
        return [a for s, a in self.session.game.log[since:] if s == self.side]

    def did(self, *kinds) -> bool:
        return any(isinstance(a, kinds) for a in self.actions())

    # ---- where the game stands ----

    def giving_orders(self) -> bool:
        return self.state.phase == "orders" and not self.state.side(self.side).done

    def to_speak(self) -> bool:
        return self.state.phase == "talks" and self.state.talks.turn == self.side

    def ledger(self):
        return orders.ledger(self.level, self.state, self.side)

    def chips_in_development(self) -> list[int]:
        """The player's classes still in research (class indices)."""
        level, state = self.level, self.state
        return [ci for ci, c in enumerate(level.classes)
                if c.side == self.side and not fielded(level, state.progress, ci)]

    def researched(self) -> list[int]:
        """The player's classes that needed research and are fielded now."""
        level, state = self.level, self.state
        return [ci for ci, c in enumerate(level.classes)
                if c.side == self.side and c.dev_years > 0 and fielded(level, state.progress, ci)]

    def china_willingness(self) -> str:
        will = self.state.talks.willingness[0 if other(self.side) == "us" else 1]
        rules = self.level.rules
        return (f"{possessive(other(self.side), True)} willingness to talk is {rounded_down(will)} this year; "
                f"exploratory talks need {rules.exploratory_threshold:g}, formal talks {rules.formal_threshold:g}.")

    # ---- the widgets ----

    def orders_panel(self):
        return self.screen.panels["orders"] if self.screen.panel_kind == "orders" else None

    def talks_panel(self):
        return self.screen.panels["talks"] if self.screen.panel_kind == "talks" else None

    def tab_or(self, tab: str, find: Callable):
        """In the orders panel: the widget `find(panel)` gives on `tab`, or that tab's button."""
        panel = self.orders_panel()
        if panel is None or self.at_table:
            return None
        if panel.tab != tab:
            return next((b for b, name in panel.tab_buttons.items() if name == tab), None)
        return find(panel)

    def on_tab(self, tab: str, words: str) -> str:
        """`words`, or first the way to the orders panel's `tab`."""
        panel = self.orders_panel()
        if panel is None or panel.tab == tab or self.at_table:
            return words
        names = [name for name, _ in TABS]
        return f"Open the {dict(TABS)[tab]} tab (key {names.index(tab) + 1})."

    def talks_button(self, kind):
        panel = self.talks_panel()
        if panel is None or self.at_table:
            return None
        return next((b for b, a in panel.actions.items() if isinstance(a, kind)), None)

    def table_or(self, find: Callable):
        """At the table: the widget `find(table)` gives; on the map: the button that opens the table."""
        if self.at_table:
            return find(self.scene)
        panel = self.talks_panel()
        return panel.table if panel is not None else None


def order_button(panel, wanted) -> object | None:
    """The orders panel's button that gives exactly the order `wanted`."""
    return next((b for b, a in panel.actions.items() if a == wanted), None)


@frozen
class Step:
    """One kind of action (`kind`: its name in a list). `todo(m)`: what to do now, naming the keys;
    `idea`: why it matters; `wait(m)`: None when it can be done now, else why it waits;
    `target(m)`: the widget to use."""

    key: str
    kind: str
    title: str
    idea: str
    todo: Callable[[Moment], str]
    done: Callable[[Moment], bool]
    wait: Callable[[Moment], str | None]
    target: Callable[[Moment], object]


# ---- the orders --------------------------------------------------------------------------------------


def _orders_wait(m: Moment) -> str | None:
    return None if m.giving_orders() else "This is done in the orders phase, at the start of each year."


def _pledge_target(m: Moment):
    def find(panel):
        for ai, ally in enumerate(m.level.allies):
            if m.state.allies[ai].pledge < 2:
                return order_button(panel, SeekPledge(ally.id)) or order_button(panel, Consult(ally.id))
        return order_button(panel, Consult(m.level.allies[0].id)) if m.level.allies else None

    return m.tab_or("allies", find)


def _first_ally(m: Moment) -> str:
    return m.level.allies[0].called() if m.level.allies else "an ally"


ALLIES = Step(
    key="allies",
    kind="allied diplomacy",
    title="Allied diplomacy: a pledge to host",
    idea="An ally's promise to host U.S. missiles is a bargaining chip too, and a base near China counts "
         "for more than one far away. Each ally climbs a ladder (none, considering, pledged, hosting) as you "
         "spend political capital on it, and can slip back after protests or an election.",
    todo=lambda m: m.on_tab("allies", f"Press Seek pledge for {_first_ally(m)}. Consult as well if you like: it "
                                      f"calms the opposition to hosting."),
    done=lambda m: m.did(Consult, SeekPledge, CoDevelop),
    wait=_orders_wait,
    target=_pledge_target,
)

SIGNAL = Step(
    key="signal",
    kind="a signal",
    title="A public signal",
    idea="Signals are public and cost 1 political capital each. A call for talks makes Beijing a little "
         "readier to talk, Reassure lowers tension (and warms Beijing a little too), Resolve makes your "
         "forces more credible but raises tension.",
    todo=lambda m: m.on_tab("allies", "Press Ready to talk, under Public signals. Reassure as well, if you like."),
    done=lambda m: m.did(Signal),
    wait=_orders_wait,
    target=lambda m: m.tab_or("allies", lambda panel: order_button(panel, Signal("talks"))),
)


def _research_done(m: Moment) -> bool:
    """A program funded: a research order at a pace other than cut, or a co-development."""
    return any(isinstance(a, CoDevelop) or isinstance(a, SetResearch) and a.pace != "cut" for a in m.actions())


def _research_wait(m: Moment) -> str | None:
    if not m.chips_in_development():
        return "No program of yours is in development."
    return _orders_wait(m)


def _research_target(m: Moment):
    def find(panel):
        ci = m.chips_in_development()[0]
        return order_button(panel, SetResearch(m.level.classes[ci].id, "full"))

    return m.tab_or("research", find) if m.chips_in_development() else None


def _research_todo(m: Moment) -> str:
    ci = m.chips_in_development()[0]
    cls = m.level.classes[ci]
    years = f"{cls.dev_years:g} year of full funding fields" if cls.dev_years == 1 else \
        f"{cls.dev_years:g} years of full funding field"
    return m.on_tab("research", f"Your {cls.name} program is at {m.ledger().pace[ci].capitalize()} (highlighted). "
                                f"Press Full, ${cls.research_cost:,.0f}M a year: {years} it. The research is carried "
                                f"out with the year's orders.")


RESEARCH = Step(
    key="research",
    kind="research",
    title="Research: from paper to chip",
    idea="A missile still in development is a chip on paper, and Beijing barely counts it (in 1983 Moscow "
         "refused to trade real SS-20s for 'paper' U.S. reductions). A fielded missile is a chip China would "
         "pay to see gone.",
    todo=lambda m: _research_todo(m) if m.chips_in_development() else "",
    done=_research_done,
    wait=_research_wait,
    target=_research_target,
)


END_ORDERS = Step(
    key="end_orders",
    kind="the end of the orders",
    title="End the orders",
    idea="Orders are simultaneous and hidden: China gives its orders at the same time, and both sides' orders "
         "are carried out together at the year's end. The News tab (key 4) says what came of them.",
    todo=lambda m: ("Press End orders (E) and confirm: your orders are carried out with China's, and then each "
                    "side's willingness to talk is fixed for the year's talks."),
    done=lambda m: m.since is not None and any(isinstance(a, EndOrders) for a in m.actions(m.since)),
    wait=_orders_wait,
    target=lambda m: None if m.orders_panel() is None or m.at_table else m.orders_panel().end,
)


def _chip_class(m: Moment) -> int | None:
    """The class to build: one that research fielded, else any of the player's fielded classes."""
    made = m.researched()
    if made:
        return made[0]
    level = m.level
    return next((ci for ci, c in enumerate(level.classes)
                 if c.side == m.side and fielded(level, m.state.progress, ci)), None)


def _produce_wait(m: Moment) -> str | None:
    if m.chips_in_development() and not m.researched():
        cls = m.level.classes[m.chips_in_development()[0]]
        return f"Building waits until the {cls.name} is fielded: a year of research first."
    return _orders_wait(m)


def _produce_target(m: Moment):
    ci = _chip_class(m)
    if ci is None:
        return None
    most = max(orders.PRODUCE_LOTS)
    return m.tab_or("forces", lambda panel: order_button(panel, Produce(m.level.classes[ci].id, most)))


def _produce_todo(m: Moment) -> str:
    cls = m.level.classes[_chip_class(m)]
    n = max(orders.PRODUCE_LOTS) * cls.lot_size
    return m.on_tab("forces", f"Press +{n}: {cls.count(n)} for ${n * cls.unit_cost:,.0f}M. Press it three times if "
                              f"the budget allows: every missile Beijing would like to see gone makes it readier "
                              f"to talk.")


PRODUCE = Step(
    key="produce",
    kind="building",
    title="Build chips",
    idea="Missiles you have built are real chips: they count for leverage, and China's willingness to talk "
         "rises with the U.S. chips it would like to see gone. New missiles join the reserve when the year's "
         "orders are carried out, ready to deploy the next year.",
    todo=_produce_todo,
    done=lambda m: m.did(Produce),
    wait=_produce_wait,
    target=_produce_target,
)


def _deploy_wait(m: Moment) -> str | None:
    if m.giving_orders() and not any(m.ledger().reserve[ci] for ci in range(len(m.level.classes))
                                     if m.level.classes[ci].side == m.side):
        return ("Nothing is in your reserve yet: the missiles you build join it when the year's orders are "
                "carried out, so they are deployed the next year.")
    return _orders_wait(m)


def _hosts(m: Moment) -> str:
    """Which allies' sites are open to the player's forces now."""
    level, state = m.level, m.state
    hosts = [a for ai, a in enumerate(level.allies) if state.allies[ai].pledge >= 2
             and any(site.host == a.id for site in level.sites)]
    if hosts:
        names = " and ".join([hosts[0].called(True)] + [a.called() for a in hosts[1:]])
        return f"{names} pledged: {'their sites are' if len(hosts) > 1 else 'its site is'} open to you."
    return "No ally has pledged yet: Guam it is."


def _deploy_button(panel):
    return next((b for b in panel.actions if b.text == "Deploy"), None)


DEPLOY = Step(
    key="deploy",
    kind="deployment",
    title="Deploy: Guam as a fallback",
    idea="Deployed missiles hold China's targets at risk. Kadena, on Okinawa, is on the first island chain "
         "but needs Japan's pledge; Guam is U.S. territory and always open, but on the second island chain, "
         "far from China: it counts for less than a base an ally has pledged to host.",
    todo=lambda m: m.on_tab("forces", "Under Deploy or withdraw, choose the class, the site and how many (the "
                                      "‹ › arrows), then press Deploy. " + _hosts(m)),
    done=lambda m: m.did(Deploy),
    wait=_deploy_wait,
    target=lambda m: m.tab_or("forces", _deploy_button),
)


# ---- the talks -----------------------------------------------------------------------------------------


def _talks_wait(m: Moment) -> str | None:
    if m.state.phase != "talks":
        return "The talks come after the orders, each year."
    if not m.to_speak():
        return f"It is {possessive(other(m.side))} turn to speak."
    return None


def _climb_wait(m: Moment) -> str | None:
    why = _talks_wait(m)
    if why is not None or m.state.talks.awaiting == "talks":
        return why
    try:
        engine.check(m.level, m.state, m.side, ProposeTalks())
    except IllegalAction as exc:
        return str(exc)
    return None


CLIMB = Step(
    key="talks",
    kind="climbing the talks",
    title="Open the talks",
    idea="Talks climb a ladder: closed, exploratory, formal. A rung a year at most, and only when both "
         "governments are willing enough. Beijing starts cold; its willingness rises with U.S. chips it would "
         "like to see gone, with calls for talks and with calm. Ask anyway: the answer says how far it is.",
    todo=lambda m: (("Press Agree: " if m.state.talks.awaiting == "talks" else "Press Propose next rung in the "
                     "talks panel. ") + m.china_willingness()),
    done=lambda m: m.did(ProposeTalks, AcceptTalks),
    wait=_climb_wait,
    target=lambda m: m.talks_button(AcceptTalks if m.state.talks.awaiting == "talks" else ProposeTalks),
)


def _same_class_offer_made(m: Moment) -> bool:
    level, state = m.level, m.state
    return any(e.side == m.side and e.verb == "offers" and e.offer is not None
               and metrics(level, state, e.offer).same_class for e in state.talks.transcript)


def _offer_wait(m: Moment) -> str | None:
    stage = m.state.talks.stage
    if stage != "formal":
        return (f"Offers need formal talks, and the talks are '{stage}'. {m.china_willingness()} One rung a "
                f"year at most: this is why talks take years. Chips, pledges and calls for talks warm Beijing.")
    why = _talks_wait(m)
    if why is None and m.state.talks.awaiting is not None:
        return "Answer what is on the table first."
    return why


def _offer_target(m: Moment):
    def find(table):
        a = getattr(table, "appraisal", None)
        ready = a is not None and a.problem is None and a.same_class and not table.draft.empty
        return table.propose if ready else table.start

    return m.table_or(find)


def _offer_todo(m: Moment) -> str:
    if not m.at_table:
        return "Open the negotiation table (T, or the highlighted button)."
    a = getattr(m.scene, "appraisal", None)
    if a is not None and a.problem is None and a.same_class and not m.scene.draft.empty:
        return f"This offer is same-class, worth {signed(a.total)} to you. Press Propose this offer."
    return ("Pick a like-for-like suggestion in Start from (click it, or Left/Right on it): Tomahawks for "
            "CJ-10s. The builder and what it is worth change with it.")


OFFER = Step(
    key="offer",
    kind="a same-class offer",
    title="A same-class offer",
    idea="A same-class trade (ground-launched missiles for ground-launched missiles) is like for like and "
         "easy to weigh. Trading aircraft for missiles needs an exchange rate the two sides see differently, "
         "here by a factor of four: such deals are complex, and complex deals are accepted and ratified less often.",
    todo=_offer_todo,
    done=_same_class_offer_made,
    wait=_offer_wait,
    target=_offer_target,
)


def _answered(m: Moment) -> bool:
    """Whether the player has answered an offer of the other side (accepted, rejected, countered)."""
    said = m.state.talks.transcript
    return any(before.side != m.side and before.verb == "offers" and after.side == m.side and after.year == before.year
               and after.verb in ("accepts the offer", "rejects the offer", "offers")
               for before, after in zip(said, said[1:]))


def _answer_wait(m: Moment) -> str | None:
    why = _talks_wait(m)
    if why is None and m.state.talks.awaiting != "deal":
        return f"Waiting for {called(other(m.side))} to put an offer on the table."
    return why


def _suggested_answer(m: Moment):
    """Reject until the player has made an offer of its own (so that it still can); then what the
    offer is worth says."""
    if not OFFER.done(m):
        return RejectDeal
    worth = appraise(m.level, m.state, m.side, m.state.talks.offer).total
    return AcceptDeal if worth > 0 else RejectDeal


def _answer_todo(m: Moment) -> str:
    if not m.at_table:
        return "Open the negotiation table (T): it shows what their offer is worth to you, and why they made it."
    worth = appraise(m.level, m.state, m.side, m.state.talks.offer).total
    if _suggested_answer(m) is AcceptDeal:
        advice = f"It is worth {signed(worth)} to you: Accept signs it."
    elif OFFER.done(m):
        advice = f"It is worth {signed(worth)} to you: Reject turns it down."
    else:
        advice = "Reject it for now: then you can make your own like-for-like offer."
    return f"Accept signs it as it stands, Reject turns it down, Counter loads it into the builder. {advice}"


ANSWER = Step(
    key="answer",
    kind="an answer",
    title="Answer an offer",
    idea="A side must answer what is put to it before it may do anything else. A deal is weighed against "
         "no deal: what their cuts give you, what yours cost or save, and the price of a complex formula.",
    todo=_answer_todo,
    done=_answered,
    wait=_answer_wait,
    target=lambda m: m.table_or(lambda table: table.accept if _suggested_answer(m) is AcceptDeal else table.reject),
)

STEPS: tuple[Step, ...] = (ALLIES, SIGNAL, RESEARCH, END_ORDERS, CLIMB, PRODUCE, ANSWER, OFFER, DEPLOY)
"""In the order of a first game that reaches formal talks in its second year, where China makes
the first offer (the guide shows the first step not done that can be done now, so a game that
gets there later deploys first)."""


# ---- between steps ---------------------------------------------------------------------------------------


def meanwhile(m: Moment) -> tuple[str, object]:
    """What to do when no step can be done now: (words, the widget to use)."""
    state = m.state
    if m.at_table:
        return "Close the table (Esc) and go on from the map.", m.scene.close_button
    if m.giving_orders():
        return (f"Seek {_first_ally(m)}'s pledge and call for talks again if you can (Allies tab, key 3): each "
                f"side's willingness to talk is fixed for the year when the orders are carried out. Then press End "
                f"orders (E) and confirm."), m.orders_panel().end
    if m.to_speak() and state.talks.awaiting == "talks":
        return (f"{called(other(m.side), True)} proposes to climb the ladder: press Agree.",
                m.talks_button(AcceptTalks))
    if m.to_speak() and state.talks.awaiting == "deal":
        answer = _suggested_answer(m)
        press = "Accept offer" if answer is AcceptDeal else "Reject offer"
        return (f"{called(other(m.side), True)} puts an offer to you: press {press} (the negotiation table, T, says "
                f"what it is worth to you).", m.talks_button(answer))
    asked = any(e.year == state.year and e.side == m.side and e.verb.startswith("proposes")
                for e in state.talks.transcript)
    if m.to_speak() and not asked and _climb_wait(m) is None:
        return "Propose the next rung: each year's willingness is new.", m.talks_button(ProposeTalks)
    if m.to_speak() and state.talks.awaiting is None:
        return "Nothing more to do in this year's talks: press Nothing more.", m.talks_button(EndTalks)
    return "", None
