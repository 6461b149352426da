"""How the game writes a change for a player: with its sign, never as "-0.0", and agreeing with
the rounded numbers shown beside it."""

from __future__ import annotations

import math


def signed(x: float, digits: int = 1) -> str:
    """`x` rounded to `digits` decimals, with its sign: "+1.5", "-0.3", "+0.0", "+2"."""
    return f"{round(x, digits) + 0.0:+.{digits}f}"


def change(before: float, after: float, digits: int = 1) -> str:
    """The change from `before` to `after` as a reader finds it from the two numbers shown to
    `digits` decimals: 36.96 -> 36.84 shows as 37.0 -> 36.8, a change of "-0.2"."""
    return signed(round(after, digits) - round(before, digits), digits)


def hundredths_down(x: float) -> str:
    """An ally's willingness (0–1), which a player compares with a rung's threshold, to two
    decimals rounded down: 0.199 reads "0.19", so it never seems to reach a threshold of 0.20
    that it misses (within 1e-9, so that 0.58 held as 0.5799999... still reads "0.58")."""
    return f"{math.floor(x * 100 + 1e-9) / 100:.2f}"


def a_chance(p: float) -> str:
    """'a 45% chance', 'an 80% chance', 'an 18% chance': a probability with its article."""
    percent = f"{p:.0%}"
    article = "an" if percent.startswith("8") or percent in ("11%", "18%") else "a"
    return f"{article} {percent} chance"


def rounded_down(x: float) -> str:
    """A value a player compares with a threshold, in whole points rounded down: 49.6 reads
    "49", so it never seems to reach a threshold of 50 that it misses."""
    return str(math.floor(x))
