"""Allies: how willing each is to host, what moves it, and the pledge ladder.

Attitudes are on a 0–1 scale. The constants below are the size of one use of a lever;
docs/MODEL.md lists them for teachers.
"""

from __future__ import annotations

import numpy as np

from game.model.actions import Campaign, CoDevelop, Coerce, Consult, Induce
from game.model.state import AllyState, evolve

THREAT_PULL = 0.4  # threat perception pushes towards hosting
PRESSURE_PULL = 0.3  # economic exposure under Chinese pressure pushes away
OPPOSITION_PULL = 0.4  # domestic opposition pushes away

# The effective willingness each rung needs: to be won, and below which (less a margin) it is lost.
RUNG_THRESHOLD = (0.0, 0.3, 0.5, 0.5)
LOSS_MARGIN = 0.1
PLEDGE_SHARPNESS = 0.08

CONSULT_WILL, CONSULT_OPPOSITION = 0.08, -0.04
CODEVELOP_WILL, CODEVELOP_PROGRESS = 0.04, 0.25
COERCE_WILL, COERCE_TENSION = -0.10, 3.0
COERCE_BACKFIRE_CHANCE, COERCE_BACKFIRE_THREAT, COERCE_BACKFIRE_WILL = 0.6, 0.10, 0.06  # chance x threat perception
INDUCE_WILL, INDUCE_EXPOSURE = -0.05, 0.03
CAMPAIGN_OPPOSITION = 0.06
PRESSURE_DECAY = 0.5


def clip01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def effective_willingness(ally: AllyState) -> float:
    """Willingness to host once threat, pressure and opposition are counted (the sum of
    `willingness_parts`, held to 0–1)."""
    return clip01(
        ally.willingness
        + THREAT_PULL * ally.threat_perception
        - PRESSURE_PULL * ally.economic_exposure * min(1.0, ally.pressure)
        - OPPOSITION_PULL * ally.domestic_opposition
    )


def willingness_parts(ally: AllyState) -> tuple[tuple[str, float], ...]:
    """The terms of `effective_willingness` before it is held to 0–1, named for a player."""
    return (
        ("own inclination", ally.willingness),
        (f"threat it perceives: {ally.threat_perception:.2f} x {THREAT_PULL:g}", THREAT_PULL * ally.threat_perception),
        (f"trade with China under pressure: exposure {ally.economic_exposure:.2f} x pressure "
         f"{min(1.0, ally.pressure):.2f} x {PRESSURE_PULL:g}",
         -PRESSURE_PULL * ally.economic_exposure * min(1.0, ally.pressure)),
        (f"domestic opposition: {ally.domestic_opposition:.2f} x {OPPOSITION_PULL:g}",
         -OPPOSITION_PULL * ally.domestic_opposition),
    )


def after_lever(ally: AllyState, lever: type, backfired: bool = False) -> AllyState:
    """The ally after one use of a diplomatic lever (Consult, CoDevelop, Coerce, Induce or
    Campaign); for Coerce, `backfired` says which way it went."""
    if lever is Consult:
        return evolve(ally, willingness=clip01(ally.willingness + CONSULT_WILL),
                      domestic_opposition=clip01(ally.domestic_opposition + CONSULT_OPPOSITION))
    if lever is CoDevelop:
        return evolve(ally, willingness=clip01(ally.willingness + CODEVELOP_WILL))
    if lever is Coerce and backfired:
        # The public rallies against the pressure: it does not bite, and the threat looms larger.
        return evolve(ally, threat_perception=clip01(ally.threat_perception + COERCE_BACKFIRE_THREAT),
                      willingness=clip01(ally.willingness + COERCE_BACKFIRE_WILL))
    if lever is Coerce:
        return evolve(ally, willingness=clip01(ally.willingness + COERCE_WILL * (0.5 + ally.economic_exposure)),
                      pressure=ally.pressure + 1.0)
    if lever is Induce:
        return evolve(ally, willingness=clip01(ally.willingness + INDUCE_WILL),
                      economic_exposure=clip01(ally.economic_exposure + INDUCE_EXPOSURE))
    if lever is Campaign:
        return evolve(ally, domestic_opposition=clip01(ally.domestic_opposition + CAMPAIGN_OPPOSITION))
    raise ValueError(f"{lever.__name__} is not a diplomatic lever")


def willingness_after(ally: AllyState, lever: type, backfired: bool = False) -> float:
    """The effective willingness one use of a lever would leave this ally at (`after_lever`)."""
    return effective_willingness(after_lever(ally, lever, backfired))


def willingness_in(ally: AllyState, years: int) -> float:
    """The effective willingness `years` from now if nothing else moves it: Chinese pressure
    halves each year (PRESSURE_DECAY); the rest stays."""
    if not ally.pressure or years <= 0:
        return effective_willingness(ally)
    return effective_willingness(evolve(ally, pressure=ally.pressure * PRESSURE_DECAY ** years))


def expected_after(ally: AllyState, levers: tuple[type, ...], consulted: bool = False) -> float:
    """The effective willingness expected once `levers` are used on this ally in turn (as they
    resolve), a coercion's backfire weighed by its chance; `consulted`: after a U.S.
    consultation first (it resolves before China's levers)."""
    if consulted:
        ally = after_lever(ally, Consult)
    chance = backfire_chance(ally) if Coerce in levers else 0.0
    expected = 0.0
    for weight, backfired in ((1.0 - chance, False), (chance, True)):
        if weight:
            after = ally
            for lever in levers:
                after = after_lever(after, lever, backfired)
            expected += weight * effective_willingness(after)
    return expected


def coerced_a_year_on(ally: AllyState) -> float:
    """The effective willingness one coercion that bites leaves a year on, its pressure halved."""
    return willingness_in(after_lever(ally, Coerce), 1)


def pledge_chance(will: float, rung: int) -> float:
    """The chance that an ally at effective willingness `will` climbs from `rung` to the next:
    none below the willingness at which it would hold that rung (it would lose it at once)."""
    if will < holds_from(rung + 1):
        return 0.0
    return 1.0 / (1.0 + np.exp(-(will - RUNG_THRESHOLD[rung + 1]) / PLEDGE_SHARPNESS))


def backfire_chance(ally: AllyState) -> float:
    """The chance that China's coercion of this ally backfires."""
    return COERCE_BACKFIRE_CHANCE * ally.threat_perception


def holds_from(rung: int) -> float:
    """The least effective willingness at which an ally keeps a rung it has won."""
    return RUNG_THRESHOLD[rung] - LOSS_MARGIN


def rung_held(will: float, rung: int) -> int:
    """The highest rung up to `rung` that an ally at effective willingness `will` keeps: one that
    stops hosting below 0.4 has lost its pledge as well (both need 0.5 to be won)."""
    while rung > 0 and will < holds_from(rung):
        rung -= 1
    return rung
