"""How the game writes a change for a player: with its sign, and never as "-0.0"."""

from __future__ import annotations


def signed(x: float, digits: int = 1) -> str:
    """`x` rounded to `digits` decimals, with its sign: "+1.5", "-0.3", "+0.0", "+2"."""
    return f"{round(x, digits) + 0.0:+.{digits}f}"
