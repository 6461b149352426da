"""The premise's four claims as one game bore them out: a sentence each, from the game's record,
for the debrief, the terminal's last screen and the after-action report.

1. U.S. chips bring China to the table: U.S. leverage and China's willingness to talk, first
   year against last, and whether formal talks opened.
2. Same-class trades are easier than cross-class ones: the offers put on the table by kind, and
   how many of each were accepted.
3. Agreement takes years: the years to formal talks and to a treaty.
4. Allied pledges add leverage, Guam is a fallback: the allies pledged at the end, and what
   pledges and forces in each island chain gave U.S. leverage in the last year.
"""

from __future__ import annotations

from statistics import median

from attrs import frozen

from game.model.assessment import CHAIN_LABELS
from game.model.level import Level
from game.model.negotiation import TREATY_KINDS, offer_kind, treaty_kind
from game.model.state import GameState
from game.numbers import rounded_down

FORMAL_STAGES = ("formal", "agreement", "in-force")
CLAIMS = (
    "U.S. missiles are the chips that bring China to the table",
    "Same-class trades are easier than cross-class ones",
    "An agreement takes years",
    "Allied pledges add leverage; Guam is a fallback",
)


@frozen
class ClaimInGame:
    claim: str  # the claim, in a few words (CLAIMS)
    text: str  # what this game showed of it


def formal_year(state: GameState) -> int | None:
    """The first year that ended with formal talks open (or a treaty signed); None if none did."""
    return next((r.year for r in state.history if r.stage in FORMAL_STAGES), None)


def claims_in_game(level: Level, state: GameState) -> list[ClaimInGame]:
    """A sentence on each claim of the premise, from the years played so far (none before the
    first year has ended)."""
    if not state.history:
        return []
    texts = (_chips(level, state), _classes(level, state), _years(level, state), _pledges(level, state))
    return [ClaimInGame(claim, text) for claim, text in zip(CLAIMS, texts)]


def _chips(level: Level, state: GameState) -> str:
    first, last = state.history[0], state.history[-1]
    lev = [r.indices["us"]["leverage"] for r in (first, last)]
    will = [r.indices["china"]["talks"] for r in (first, last)]
    need = level.rules.formal_threshold
    opened = formal_year(state)
    if first is last:
        told = (f"U.S. leverage was {lev[1]:.0f} in {last.year}, and China's willingness to talk "
                f"{rounded_down(will[1])} (formal talks need {need:g})")
    else:
        told = (f"U.S. leverage went from {lev[0]:.0f} in {first.year} to {lev[1]:.0f} in {last.year}, and China's "
                f"willingness to talk from {rounded_down(will[0])} to {rounded_down(will[1])} (formal talks need "
                f"{need:g})")
    if opened is not None:
        return f"{told}: formal talks opened in {opened}."
    best = rounded_down(max(r.indices["china"]["talks"] for r in state.history))
    if state.is_over:
        return f"{told}: formal talks never opened (China's willingness peaked at {best})."
    return f"{told}: formal talks have not opened yet (China's willingness has peaked at {best})."


def offers_by_kind(level: Level, state: GameState) -> tuple[dict[str, int], dict[str, int]]:
    """The offers put on the table and the offers accepted, each counted by kind (TREATY_KINDS)."""
    made = {kind: 0 for kind in TREATY_KINDS}
    taken = {kind: 0 for kind in TREATY_KINDS}
    for entry in state.talks.transcript:
        if entry.offer is None or entry.verb not in ("offers", "accepts the offer"):
            continue
        (made if entry.verb == "offers" else taken)[offer_kind(level, state, entry.offer)] += 1
    return made, taken


def _classes(level: Level, state: GameState) -> str:
    made, taken = offers_by_kind(level, state)
    if not any(made.values()):
        return "No offer was put on the table (offers need formal talks)."
    parts = [f"{made[k]} {k} ({taken[k] or 'none'} accepted)" if made[k] else f"no {k} offer" for k in TREATY_KINDS]
    text = f"Offers put on the table: {parts[0]}; {parts[1]}."
    kind = treaty_kind(level, state)
    return f"{text} The treaty is {kind}." if kind is not None else text


def _years(level: Level, state: GameState) -> str:
    start, last = level.start_year, state.history[-1].year
    opened = formal_year(state)
    signed = state.talks.signed_year if state.talks.treaty is not None else None
    if signed is not None:
        ratified = state.talks.in_force_year
        after = f", in force from {ratified}" if ratified is not None else ", not ratified"
        return (f"A treaty was signed in {signed}, {_years_after(signed - start)} the first year{after}; formal talks "
                f"had opened in {opened}.")
    span = _years_count(last - start + 1)
    lost = [e.year for e in state.talks.transcript if e.verb == "accepts the offer"]
    if lost:
        return (f"A treaty was signed in {lost[-1]}, {_years_after(lost[-1] - start)} the first year, but did not "
                f"last: none stood at the end of the {span} played.")
    if opened is not None:
        return f"Formal talks opened in {opened}, yet no treaty came in the {span} played."
    return f"No formal talks and no treaty in the {span} played."


def _years_count(n: int) -> str:
    return f"{n} year{'s' if n != 1 else ''}"


def _years_after(n: int) -> str:
    return "in" if n == 0 else f"{_years_count(n)} after"


def _pledges(level: Level, state: GameState) -> str:
    last = state.history[-1]
    won = [f"{spec.called()} ({'hosting' if ally.pledge == 3 else 'pledged'})"
           for spec, ally in zip(level.allies, state.allies) if ally.pledge >= 2]
    terms = last.breakdowns["us"]["leverage"]
    pledged = sum(v for name, v in terms.items() if name.endswith(" pledge"))
    first = terms.get(CHAIN_LABELS["first"], 0.0)
    second = terms.get(CHAIN_LABELS["second"], 0.0)
    fallback = [site.name for site in level.sites if site.chain == "second" and site.base_side() == "us"]
    where = f" ({' and '.join(fallback)})" if fallback else ""
    who = (f"Allies pledged in {last.year}: {', '.join(won)}." if won
           else f"No ally had pledged to host U.S. missiles by {last.year}.")
    return (f"{who} Of U.S. leverage {last.indices['us']['leverage']:.0f} in {last.year}, pledges gave "
            f"{pledged:+.1f}, forces in the first island chain {first:+.1f}, and in the second{where} {second:+.1f}.")


# ---- across a class ----------------------------------------------------------------------------


def class_claims(games: list[tuple[Level, GameState]]) -> list[ClaimInGame]:
    """A sentence on each claim from many games (a class's, each on its own level); those
    not past their first year are left out."""
    games = [(level, state) for level, state in games if state.history]
    if not games:
        return []
    texts = (_class_chips(games), _class_offers(games), _class_years(games), _class_pledges(games))
    return [ClaimInGame(claim, text) for claim, text in zip(CLAIMS, texts)]


def _games(n: int) -> str:
    return f"{n} game{'s' if n != 1 else ''}"


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.0f}" if values else "–"


def _leverage(state: GameState) -> float:
    return state.history[-1].indices["us"]["leverage"]


def _class_chips(games) -> str:
    opened = [(level, state) for level, state in games if formal_year(state) is not None]
    closed = [state for level, state in games if formal_year(state) is None]
    years = sorted(formal_year(state) - level.start_year for level, state in opened)
    text = f"Formal talks opened in {len(opened)} of {_games(len(games))}"
    if years:
        text += f", after a median of {median(years):g} years"
    if opened and closed:
        return (f"{text}. U.S. leverage at the end averaged {_mean([_leverage(s) for _, s in opened])} where "
                f"they opened and {_mean([_leverage(s) for s in closed])} where they did not.")
    return f"{text}. U.S. leverage at the end averaged {_mean([_leverage(s) for _, s in games])}."


def _class_offers(games) -> str:
    made = {kind: 0 for kind in TREATY_KINDS}
    taken = {kind: 0 for kind in TREATY_KINDS}
    treaties = {kind: 0 for kind in TREATY_KINDS}
    for level, state in games:
        m, t = offers_by_kind(level, state)
        for kind in TREATY_KINDS:
            made[kind] += m[kind]
            taken[kind] += t[kind]
        kind = treaty_kind(level, state)
        if kind is not None:
            treaties[kind] += 1
    if not any(made.values()):
        return "No offer was put on the table in any game."
    parts = [f"{made[k]} {k}, {100 * taken[k] / made[k]:.0f}% of them accepted" if made[k] else f"no {k} one"
             for k in TREATY_KINDS]
    return (f"Offers put on the table: {parts[0]}; {parts[1]}. Treaties at the end: {treaties['same-class']} "
            f"same-class, {treaties['cross-class']} cross-class.")


def _class_years(games) -> str:
    signed = sorted(state.talks.signed_year - level.start_year for level, state in games
                    if state.talks.treaty is not None)
    if not signed:
        return f"No treaty stood at the end of any of the {_games(len(games))}."
    spread = f" (from {signed[0]} to {signed[-1]})" if len(signed) > 1 else ""
    return (f"A treaty stood at the end of {len(signed)} of {_games(len(games))}, signed a median of "
            f"{median(signed):g} years after the first year{spread}.")


def _class_pledges(games) -> str:
    pledged = [state for _, state in games if any(a.pledge >= 2 for a in state.allies)]
    alone = [state for _, state in games if not any(a.pledge >= 2 for a in state.allies)]

    def treaties(states) -> int:
        return sum(s.talks.treaty is not None for s in states)

    def told(states) -> str:
        return f"U.S. leverage averaged {_mean([_leverage(s) for s in states])} and {treaties(states)} ended with a treaty"

    if pledged and alone:
        return (f"In the {_games(len(pledged))} with an ally pledged at the end, {told(pledged)}; in the "
                f"{_games(len(alone))} without, {told(alone)[len('U.S. leverage averaged '):]}.")
    if pledged:
        return f"Every game ended with an ally pledged to host U.S. missiles; {told(pledged)}."
    return f"No game ended with an ally pledged to host U.S. missiles; {told(alone)}."
