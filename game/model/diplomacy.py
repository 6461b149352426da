"""Diplomacy: the levers each side pulls on allies, and the year's pledge resolution."""

from __future__ import annotations

from game.model import allies as A
from game.model.actions import Campaign, CoDevelop, Coerce, Consult, Induce, SeekPledge
from game.model.level import PLEDGES, Level
from game.model.rng import Stream
from game.model.state import Draft, evolve
from game.numbers import a_chance, hundredths_down


def set_pledge(level: Level, draft: Draft, ai: int, rung: int) -> None:
    """Move an ally to a rung; losing 'hosting' sends the U.S. missiles at its sites home."""
    ally = draft.allies[ai]
    draft.allies[ai] = evolve(ally, pledge=rung)
    if ally.pledge == 3 and rung < 3:
        host = level.allies[ai].id
        deployed, reserve = draft.deployed, draft.reserve
        for ki, site in enumerate(level.sites):
            if site.host != host:
                continue
            for ci, cls in enumerate(level.classes):
                if cls.ground_launched:  # the missiles go home; aircraft stay on their bases
                    reserve[ci] += deployed[ci][ki]
                    deployed[ci][ki] = 0


def apply_lever(level: Level, draft: Draft, order, gen: Stream) -> str:
    """Apply one diplomatic lever; returns its line of news, with the ally's willingness to host
    (as the pledge ladder reads it) before and after."""
    ai = level.ally_index(order.ally)
    ally = draft.allies[ai]
    name = level.allies[ai].called()
    if isinstance(order, Consult):
        ally = A.after_lever(ally, Consult)
        what = f"The United States consulted {name}"
    elif isinstance(order, CoDevelop):
        ally = A.after_lever(ally, CoDevelop)
        ci = level.class_index(order.cls)
        cls, was = level.classes[ci], draft.progress[ci]
        draft.progress[ci] = min(float(cls.dev_years), was + A.CODEVELOP_PROGRESS)
        gain = draft.progress[ci] - was
        what = f"The United States and {name} co-developed the {cls.name}" + (
            f", bringing it {gain:.2g} years nearer fielding" if gain > 0 else
            " (this year's research had already completed it)")
    elif isinstance(order, Coerce):
        draft.tension = min(100.0, draft.tension + A.COERCE_TENSION)
        backfired = gen.random() < A.backfire_chance(ally)
        ally = A.after_lever(ally, Coerce, backfired)
        what = (f"China's pressure on {name} backfired: its public rallied against it and sees a greater threat"
                if backfired else f"China's economic pressure on {name} cooled its interest in hosting")
    elif isinstance(order, Induce):
        ally = A.after_lever(ally, Induce)
        what = f"China's trade and investment drew {name} away from hosting"
    else:
        ally = A.after_lever(ally, Campaign)
        what = f"China's campaign against basing in {name} stirred opposition there"
    before, after = A.effective_willingness(draft.allies[ai]), A.effective_willingness(ally)
    draft.allies[ai] = ally
    return f"{what}: willingness to host {hundredths_down(before)} -> {hundredths_down(after)}."


def resolve_pledges(level: Level, draft: Draft, sought: list[SeekPledge], gen: Stream) -> list[str]:
    """The diplomacy step: pledges sought, elections held, pledges kept or lost."""
    news: list[str] = []
    sought_ids = {o.ally for o in sought}
    year = draft.base.year
    for ai, spec in enumerate(level.allies):
        ally = draft.allies[ai]
        if year in spec.election_years:
            shift = float(gen.normal(0.0, 0.08)) - 0.05 * ally.domestic_opposition
            was = A.effective_willingness(ally)
            ally = draft.allies[ai] = evolve(ally, willingness=A.clip01(ally.willingness + shift))
            mood = "warmer to" if shift > 0 else "cooler towards"
            news.append(f"Election in {spec.called()}: the new government is {mood} hosting U.S. missiles: "
                        f"willingness to host {hundredths_down(was)} -> "
                        f"{hundredths_down(A.effective_willingness(ally))}.")
        will = A.effective_willingness(ally)
        rung = ally.pledge
        if spec.id in sought_ids and rung < 2:
            nxt = rung + 1
            chance = A.pledge_chance(will, rung)
            if gen.random() < chance:
                set_pledge(level, draft, ai, nxt)
                news.append(f"{spec.called(True)} moved to '{PLEDGES[nxt]}' (willingness {hundredths_down(will)}: "
                            f"{a_chance(chance)}).")
                continue
            if will < A.holds_from(nxt):
                why = (f"it could not hold '{PLEDGES[nxt]}' below {A.holds_from(nxt):.2f} (even odds from "
                       f"{A.RUNG_THRESHOLD[nxt]:.2f})")
            else:
                why = f"its chance was {chance:.0%} (even odds at {A.RUNG_THRESHOLD[nxt]:.2f})"
            news.append(f"{spec.called(True)} declined to go further: at willingness {hundredths_down(will)} {why}.")
        if rung > 0 and will < A.holds_from(rung):
            kept = A.rung_held(will, rung)
            set_pledge(level, draft, ai, kept)
            home = "; the U.S. missiles at its sites go home" if rung == 3 else ""
            news.append(f"{spec.called(True)} stepped back to '{PLEDGES[kept]}': at willingness "
                        f"{hundredths_down(will)} it no longer holds '{PLEDGES[rung]}' (it needs "
                        f"{A.holds_from(rung):.2f}){home}.")
    return news
