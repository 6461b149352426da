"""Actions in plain words, for the orders list, the log and tooltips."""

from __future__ import annotations

from game.model import actions as a
from game.model.level import SIDE_SHORT, Level
from game.model.negotiation import describe
from game.model.orders import order_cost

PACE_WORDS = {"cut": "cut", "slow": "slow", "full": "full"}
SIGNAL_WORDS = {
    "reassure": "Signal reassurance",
    "resolve": "Signal resolve",
    "talks": "Signal readiness to talk",
}
SIGNAL_ABOUT = {
    "reassure": "Lowers tension; makes the other side a little readier to talk.",
    "resolve": "Makes your threats more credible; raises tension.",
    "talks": "Makes your side, and a little the other, readier to talk.",
}


def _cls(level: Level, cls_id: str) -> str:
    return level.class_of(cls_id).name


def _site(level: Level, site_id: str) -> str:
    return level.sites[level.site_index(site_id)].name.split(",")[0]


def _ally(level: Level, ally_id: str) -> str:
    return level.allies[level.ally_index(ally_id)].called()


def action_words(level: Level, action) -> str:
    """One short sentence saying what an action does."""
    if isinstance(action, a.SetResearch):
        if action.pace == "cut":
            return f"Cut the {_cls(level, action.cls)} program"
        return f"Fund the {_cls(level, action.cls)} program at {action.pace} pace"
    if isinstance(action, a.Produce):
        c = level.class_of(action.cls)
        return f"Build {c.count(action.lots * c.lot_size)}"
    if isinstance(action, a.Deploy):
        return f"Deploy {level.class_of(action.cls).count(action.count)} to {_site(level, action.site)}"
    if isinstance(action, a.Withdraw):
        return f"Withdraw {level.class_of(action.cls).count(action.count)} from {_site(level, action.site)}"
    if isinstance(action, a.Consult):
        return f"Consult {_ally(level, action.ally)}"
    if isinstance(action, a.SeekPledge):
        return f"Seek a hosting pledge from {_ally(level, action.ally)}"
    if isinstance(action, a.CoDevelop):
        return f"Co-develop the {_cls(level, action.cls)} with {_ally(level, action.ally)}"
    if isinstance(action, a.Coerce):
        return f"Put economic pressure on {_ally(level, action.ally)}"
    if isinstance(action, a.Induce):
        return f"Offer {_ally(level, action.ally)} trade and investment"
    if isinstance(action, a.Campaign):
        return f"Campaign against basing in {_ally(level, action.ally)}"
    if isinstance(action, a.Signal):
        return SIGNAL_WORDS.get(action.kind, f"Signal {action.kind}")
    if isinstance(action, a.UndoOrder):
        return "Take back the last order"
    if isinstance(action, a.EndOrders):
        return "End orders for the year"
    if isinstance(action, a.ProposeTalks):
        return "Propose climbing the talks ladder"
    if isinstance(action, a.AcceptTalks):
        return "Agree to climb the talks ladder"
    if isinstance(action, a.RejectTalks):
        return "Decline to climb the talks ladder"
    if isinstance(action, a.ProposeDeal):
        return f"Offer: {describe(level, action.offer)}"
    if isinstance(action, a.AcceptDeal):
        return "Accept the offer"
    if isinstance(action, a.RejectDeal):
        return "Reject the offer"
    if isinstance(action, a.WalkOut):
        return "Walk out of the talks"
    if isinstance(action, a.EndTalks):
        return "Say nothing more this year"
    return type(action).__name__


VERIFICATION_WORDS = {"none": "no checks", "data": "data exchange", "onsite": "on-site inspection"}


def short_class(level: Level, cls_id: str) -> str:
    """A class's short name: its designation (DF-26, SM-6) if it has one, else its id."""
    name = level.class_of(cls_id).name
    first = name.split()[0]
    return first if any(ch.isdigit() for ch in first) else cls_id.upper()


def offer_words(level: Level, offer) -> str:
    """An offer in one short line, for lists: "U.S. −28 GLCM · China −28 DF-21 · data exchange"."""
    parts = []
    for t in offer.terms:
        who = SIDE_SHORT[t.side]
        what = short_class(level, t.cls)
        if t.kind == "reduce":
            parts.append(f"{who} −{t.count} {what}")
        elif t.kind == "cap":
            parts.append(f"{who} cap {what} at {t.count}")
        else:
            parts.append(f"{who} freeze {what}")
    parts += [f"no IRBMs in {z} chain" for z in offer.zones]
    parts.append(VERIFICATION_WORDS.get(offer.verification, offer.verification))
    return " · ".join(parts)


def cost_words(level: Level, order) -> str:
    """What an order costs, e.g. "$96M" or "2 capital" (research aside: see the program row)."""
    budget, capital = order_cost(level, order)
    parts = []
    if budget:
        parts.append(f"${budget:,.0f}M")
    if capital:
        parts.append(f"{capital:g} capital")
    return " + ".join(parts) if parts else "free"
