"""What a side can do: small frozen verb–noun classes.

Orders are queued during the orders phase and resolved together with the other side's;
talks actions take effect at once. An answer from a scripted side carries a one-sentence
`reason`, which is logged but does not make two actions different.
"""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen

PACES: tuple[str, ...] = ("cut", "slow", "full")
SIGNALS: tuple[str, ...] = ("reassure", "resolve", "talks")
VERIFICATION: tuple[str, ...] = ("none", "data", "onsite")
TERM_KINDS: tuple[str, ...] = ("reduce", "cap", "freeze")
ZONES: tuple[str, ...] = ("first",)


class IllegalAction(Exception):
    """An action the rules do not allow now; the message is written for the player."""


# ---- orders (queued, resolved together) -------------------------------------------------


@frozen
class SetResearch:
    """Fund a research program at a pace: full (one year of progress a year), slow, or cut."""

    cls: str
    pace: Literal["cut", "slow", "full"]


@frozen
class Produce:
    """Build `lots` lots of a fielded class into the reserve."""

    cls: str
    lots: int


@frozen
class Deploy:
    """Move missiles from the reserve to a site."""

    cls: str
    site: str
    count: int


@frozen
class Withdraw:
    """Bring missiles back from a site to the reserve."""

    cls: str
    site: str
    count: int


@frozen
class Consult:
    """U.S.: talk with an ally; raises its willingness to host, calms its opposition."""

    ally: str


@frozen
class SeekPledge:
    """U.S.: ask an ally to climb one rung of the pledge ladder."""

    ally: str


@frozen
class CoDevelop:
    """U.S.: develop a class with an ally; speeds the program and binds the ally closer."""

    ally: str
    cls: str


@frozen
class Coerce:
    """China: economic pressure on a host; lowers willingness, may raise its threat perception."""

    ally: str


@frozen
class Induce:
    """China: trade and investment offers to an ally so that it declines to host."""

    ally: str


@frozen
class Campaign:
    """China: a public campaign against basing; strengthens the ally's domestic opposition."""

    ally: str


@frozen
class Signal:
    """A public signal: reassure (tension down), resolve (credibility up, tension up), talks."""

    kind: Literal["reassure", "resolve", "talks"]


@frozen
class UndoOrder:
    """Take back the last order given this phase."""


@frozen
class EndOrders:
    """Finish giving orders for this year."""


# ---- talks (take effect at once) ---------------------------------------------------------


@frozen
class Term:
    """One commitment of one side about one class.

    reduce: eliminate `count` (beyond what is fielded, it gives up missiles still to come);
    cap: never hold more than `count`; freeze: build no more of the class (count ignored).
    """

    side: Literal["us", "china"]
    cls: str
    kind: Literal["reduce", "cap", "freeze"]
    count: int = 0


@frozen
class Offer:
    """A package of terms; `zones` bars intermediate-range missiles from those island chains."""

    terms: tuple[Term, ...]
    zones: tuple[str, ...] = ()
    verification: Literal["none", "data", "onsite"] = "data"
    years: int = 3


@frozen
class ProposeTalks:
    """Ask the other side to climb the talks ladder one rung."""


@frozen
class AcceptTalks:
    reason: str = field(default="", eq=False)


@frozen
class RejectTalks:
    reason: str = field(default="", eq=False)


@frozen
class ProposeDeal:
    offer: Offer
    reason: str = field(default="", eq=False)


@frozen
class AcceptDeal:
    reason: str = field(default="", eq=False)


@frozen
class RejectDeal:
    reason: str = field(default="", eq=False)


@frozen
class WalkOut:
    """Break off the talks."""

    reason: str = field(default="", eq=False)


@frozen
class EndTalks:
    """Say nothing more this year."""

    reason: str = field(default="", eq=False)


ORDER_TYPES = (
    SetResearch,
    Produce,
    Deploy,
    Withdraw,
    Consult,
    SeekPledge,
    CoDevelop,
    Coerce,
    Induce,
    Campaign,
    Signal,
)
TALKS_TYPES = (
    ProposeTalks,
    AcceptTalks,
    RejectTalks,
    ProposeDeal,
    AcceptDeal,
    RejectDeal,
    WalkOut,
    EndTalks,
)
ACTION_TYPES = ORDER_TYPES + (UndoOrder, EndOrders) + TALKS_TYPES

Order = (
    SetResearch
    | Produce
    | Deploy
    | Withdraw
    | Consult
    | SeekPledge
    | CoDevelop
    | Coerce
    | Induce
    | Campaign
    | Signal
)
Action = (
    Order
    | UndoOrder
    | EndOrders
    | ProposeTalks
    | AcceptTalks
    | RejectTalks
    | ProposeDeal
    | AcceptDeal
    | RejectDeal
    | WalkOut
    | EndTalks
)
