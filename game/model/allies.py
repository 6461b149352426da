"""Allies: how willing each is to host, what moves it, and the pledge ladder.

Attitudes are on a 0–1 scale. The constants below are the size of one use of a lever;
docs/MODEL.md lists them for teachers.
"""

from __future__ import annotations

from game.model.state import AllyState

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
    """Willingness to host once threat, pressure and opposition are counted."""
    return clip01(
        ally.willingness
        + THREAT_PULL * ally.threat_perception
        - PRESSURE_PULL * ally.economic_exposure * min(1.0, ally.pressure)
        - OPPOSITION_PULL * ally.domestic_opposition
    )


def holds_from(rung: int) -> float:
    """The least effective willingness at which an ally keeps a rung it has won."""
    return RUNG_THRESHOLD[rung] - LOSS_MARGIN


def rung_held(will: float, rung: int) -> int:
    """The highest rung up to `rung` that an ally at effective willingness `will` keeps: one that
    stops hosting below 0.4 has lost its pledge as well (both need 0.5 to be won)."""
    while rung > 0 and will < holds_from(rung):
        rung -= 1
    return rung
