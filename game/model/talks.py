"""The talks phase: climbing the ladder, offers and answers, signature and walk-outs.

Moves alternate; each costs one exchange of the year's allowance. A side must answer what
is put to it before it may do anything else. Climbing a rung needs the willingness of both
sides to reach that rung's threshold.
"""

from __future__ import annotations

from game.model.actions import (
    AcceptDeal,
    AcceptTalks,
    EndTalks,
    IllegalAction,
    ProposeDeal,
    ProposeTalks,
    RejectDeal,
    RejectTalks,
    WalkOut,
)
from game.model.assessment import willingness
from game.model.level import Level, Side, other, possessive
from game.model.negotiation import check_offer, treaty_when
from game.model.state import GameState, Talks, TalksEntry, evolve, side_index
from game.numbers import rounded_down

LADDER = {"closed": "exploratory", "exploratory": "formal"}
STAGE_NAMES = {  # the stages as a player reads them
    "closed": "closed", "exploratory": "exploratory", "formal": "formal", "agreement": "treaty signed",
    "in-force": "treaty in force", "breakdown": "broken down",
}
WALKOUT_TENSION = 10.0


def threshold(level: Level, stage: str) -> float:
    return level.rules.exploratory_threshold if stage == "exploratory" else level.rules.formal_threshold


def shortfall(level: Level, talks: Talks, side: Side, stage: str) -> tuple[str, str] | None:
    """`side`'s willingness to talk this year and what `stage` talks need, as a player reads them,
    when it falls short; None when it is enough."""
    will, need = talks.willingness[side_index(side)], threshold(level, stage)
    return (rounded_down(will), f"{need:.0f}") if will < need else None


def start(level: Level, state: GameState, round_index: int) -> GameState:
    """Open the year's talks; each side's willingness to talk is fixed for the year here."""
    first: Side = "us" if round_index % 2 == 0 else "china"
    will = willingness(level, state)
    stage = "closed" if state.talks.stage == "breakdown" else state.talks.stage
    talks = evolve(
        state.talks,
        stage=stage,
        turn=first,
        exchanges_left=2 * level.rules.exchanges_per_round,
        passes=0,
        awaiting=None,
        offer=None,
        willingness=(will["us"], will["china"]),
    )
    return evolve(state, phase="talks", talks=talks)


def check(level: Level, state: GameState, side: Side, action) -> None:
    """Raise IllegalAction if `side` may not take `action` now."""
    talks = state.talks
    if state.phase != "talks":
        raise IllegalAction("Talks actions belong to the talks phase.")
    if talks.turn != side:
        raise IllegalAction(f"It is {possessive(talks.turn)} turn to speak.")
    answering = talks.awaiting
    if answering == "talks" and not isinstance(action, (AcceptTalks, RejectTalks)):
        nxt = LADDER[talks.stage]
        short = shortfall(level, talks, side, nxt)
        if short:
            raise IllegalAction(f"Reject the proposal first: your willingness ({short[0]}) is short of "
                                f"the {short[1]} {nxt} talks need.")
        raise IllegalAction("Answer the proposal to climb the talks ladder first: accept or reject.")
    if answering == "deal" and not isinstance(action, (AcceptDeal, RejectDeal, ProposeDeal, WalkOut)):
        raise IllegalAction("Answer the offer on the table first: accept, reject, counter or walk out.")
    if isinstance(action, ProposeTalks):
        nxt = LADDER.get(talks.stage)
        if nxt is None:
            raise IllegalAction(f"The talks are '{talks.stage}'; there is no rung to propose.")
        if talks.stage_year == state.year:
            raise IllegalAction("The talks climbed a rung this year already; propose the next one next year.")
        short = shortfall(level, talks, side, nxt)
        if short:
            raise IllegalAction(f"Your government is not ready for {nxt} talks: willingness {short[0]}, "
                                f"needs {short[1]}.")
    elif isinstance(action, (AcceptTalks, RejectTalks)):
        if answering != "talks":
            raise IllegalAction("No proposal about the talks is waiting for an answer.")
        if isinstance(action, AcceptTalks):
            nxt = LADDER[talks.stage]
            short = shortfall(level, talks, side, nxt)
            if short:
                raise IllegalAction(f"{possessive(side, True)} leadership will not authorise {nxt} talks "
                                    f"yet: willingness {short[0]}, needs {short[1]}.")
    elif isinstance(action, ProposeDeal):
        if talks.stage != "formal":
            raise IllegalAction(f"Offers need formal talks; the talks are '{talks.stage}'.")
        check_offer(level, state, action.offer)
    elif isinstance(action, (AcceptDeal, RejectDeal)):
        if answering != "deal":
            raise IllegalAction("There is no offer on the table.")
    elif isinstance(action, WalkOut):
        if talks.stage in ("closed", "breakdown"):
            raise IllegalAction("There are no talks to walk out of.")
    elif isinstance(action, EndTalks):
        pass
    else:
        raise IllegalAction(f"{type(action).__name__} is not a talks action.")


def candidates(level: Level, state: GameState, side: Side) -> list:
    """Talks actions other than offers (offers come from the offer menu)."""
    talks = state.talks
    if talks.awaiting == "talks":
        return [AcceptTalks(), RejectTalks()]
    if talks.awaiting == "deal":
        return [AcceptDeal(), RejectDeal(), WalkOut()]
    if talks.stage in LADDER:
        return [ProposeTalks(), WalkOut(), EndTalks()]
    return [WalkOut(), EndTalks()]  # formal talks, or a treaty signed: no rung left to propose


def apply(level: Level, state: GameState, side: Side, action) -> tuple[GameState, bool]:
    """Apply a checked talks action; returns the new state and whether the phase is over."""
    talks = state.talks
    verb, offer = _verb(action), None
    tension = state.tension
    over = False
    changes: dict = {}
    if isinstance(action, ProposeTalks):
        changes = dict(awaiting="talks", passes=0)
        verb = f"proposes {LADDER[talks.stage]} talks"
    elif isinstance(action, AcceptTalks):
        nxt = LADDER[talks.stage]
        changes = dict(stage=nxt, stage_year=state.year, awaiting=None, passes=0)
        verb = f"agrees to {nxt} talks"
    elif isinstance(action, RejectTalks):
        changes = dict(awaiting=None, passes=0)
    elif isinstance(action, ProposeDeal):
        changes = dict(awaiting="deal", offer=action.offer, passes=0)
        offer = action.offer
    elif isinstance(action, AcceptDeal):
        offer = talks.offer
        changes = dict(stage="agreement", treaty=talks.offer, signed_year=state.year, awaiting=None, offer=None)
        over = True
    elif isinstance(action, RejectDeal):
        offer = talks.offer
        changes = dict(awaiting=None, offer=None, passes=0)
    elif isinstance(action, WalkOut):
        renounced = renounces_treaty(talks)
        if renounced:
            verb = "walks out and renounces the treaty"
        changes = dict(stage="breakdown", awaiting=None, offer=None, treaty=None, ceilings=())
        tension = min(100.0, tension + WALKOUT_TENSION * (2 if renounced else 1))
        over = True
    elif isinstance(action, EndTalks):
        changes = dict(passes=talks.passes + 1)
        over = changes["passes"] >= 2
    entry = TalksEntry(year=state.year, side=side, verb=verb, offer=offer, reason=getattr(action, "reason", ""))
    exchanges_left = talks.exchanges_left - 1
    transcript = talks.transcript + (entry,)
    over = over or exchanges_left <= 0
    if over and changes.get("awaiting", talks.awaiting) is not None:
        lapsed = changes.get("offer", talks.offer)
        transcript += (TalksEntry(year=state.year, side=other(side), verb="lets the proposal lapse", offer=lapsed),)
        changes.update(awaiting=None, offer=None)
    talks = evolve(talks, turn=other(side), exchanges_left=exchanges_left, transcript=transcript, **changes)
    return evolve(state, talks=talks, tension=tension), over


def renounces_treaty(talks: Talks) -> bool:
    """Whether walking out now would renounce a treaty (signed, or in force)."""
    return talks.stage in ("agreement", "in-force")


def walkout_words(state: GameState) -> str:
    """What walking out would do now, in a sentence a player reads before doing it."""
    talks = state.talks
    if renounces_treaty(talks):
        return (f"Walking out renounces the treaty ({treaty_when(talks, state.is_over)}): its limits end, the "
                f"talks break down to closed and tension rises by {2 * WALKOUT_TENSION:g}.")
    return (f"Walking out breaks the talks down to closed (the ladder to climb again) and tension rises by "
            f"{WALKOUT_TENSION:g}.")


def _verb(action) -> str:
    return {
        AcceptTalks: "agrees",
        RejectTalks: "declines to climb the ladder",
        ProposeDeal: "offers",
        AcceptDeal: "accepts the offer",
        RejectDeal: "rejects the offer",
        WalkOut: "walks out",
        EndTalks: "has nothing more to say this year",
        ProposeTalks: "proposes",
    }[type(action)]


def is_open(talks: Talks) -> bool:
    return talks.stage in ("exploratory", "formal")
