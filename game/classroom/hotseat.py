"""Hotseat: two people on one machine, one side each, with hidden orders.

Small pure functions any interface can share (the terminal game uses them; the window can):

- who has the screen now (`screen_side`) and when to cover it before handing it over
  (`needs_cover`, `cover_text`);
- what a side may see (`visible_pending`, `revealed_orders`, `may_see_value`);
- the facilitator's clock: when a side's clock starts again (`clock_key`), how the time left
  reads (`countdown`), and what is done for a side whose time is up (`timeout_action`).

What a side may see. The state is public except for the orders a side has queued and not yet
resolved, and except for what a deal is worth to the other side (`value_of` of the other side,
which no screen shows). Indices and scores are computed from the public state (never from
queued orders), so both sides may see them; the talks transcript is public.
"""

from __future__ import annotations

from game.model.actions import EndOrders, EndTalks, Order, RejectDeal, RejectTalks
from game.model.level import SIDES, Side
from game.model.state import GameState

DELEGATION: dict[Side, str] = {"us": "the U.S. delegation", "china": "the Chinese delegation"}


# ---- who has the screen ------------------------------------------------------------------------


def screen_side(state: GameState) -> Side | None:
    """The side the screen belongs to now: in the orders phase the first side (U.S., then China)
    that has not ended its orders; in the talks the side to speak; None when the game is over."""
    if state.phase == "orders":
        for side, s in zip(SIDES, state.sides):
            if not s.done:
                return side
        return None
    if state.phase == "talks":
        return state.talks.turn
    return None


def needs_cover(prev_side: Side | None, next_side: Side | None, phase: str) -> bool:
    """Whether to cover the screen before `next_side` sees it: whenever the screen changes hands
    (and at the start, when nobody has had it); never once the game is over."""
    if next_side is None or phase == "over":
        return False
    return prev_side != next_side


def cover_text(side: Side) -> str:
    """What the cover screen says to the room."""
    return f"Pass the keyboard to {DELEGATION[side]}. Press Enter when only they can see the screen."


# ---- what a side may see -------------------------------------------------------------------


def visible_pending(state: GameState, viewer: Side) -> dict[Side, tuple[Order, ...]]:
    """The queued (unresolved) orders `viewer` may see: only its own, and only in the orders
    phase. The other side's are shown by `revealed_orders` once both sides have ended theirs."""
    if state.phase != "orders":
        return {}
    return {viewer: state.side(viewer).pending}


def revealed_orders(before: GameState, after: GameState) -> dict[Side, tuple[Order, ...]]:
    """Both sides' orders, when the step from `before` to `after` resolved them; else nothing."""
    if before.phase != "orders" or after.phase == "orders":
        return {}
    return {side: before.side(side).pending for side in SIDES}


def may_see_value(viewer: Side, side: Side) -> bool:
    """Whether `viewer` may see what a deal is worth to `side` (`value_of`): its own only."""
    return viewer == side


# ---- the facilitator's clock --------------------------------------------------------------------


def clock_key(state: GameState, side: Side) -> tuple:
    """A side's clock starts again whenever this changes: once per side per orders phase, and at
    every turn of a side in the talks (each turn has the whole limit)."""
    if state.phase == "talks":
        return (state.year, "talks", side, len(state.talks.transcript))
    return (state.year, state.phase, side)


def countdown(seconds: float) -> str:
    """Time left as M:SS (H:MM:SS from an hour), rounded up so that 0:00 means time is up."""
    total = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def timeout_action(state: GameState):
    """What is done for the side to move whose time is up: the orders end with those given;
    in the talks the turn ends (EndTalks), or what must be answered is rejected."""
    if state.phase == "orders":
        return EndOrders()
    if state.talks.awaiting == "talks":
        return RejectTalks()
    if state.talks.awaiting == "deal":
        return RejectDeal()
    return EndTalks()
