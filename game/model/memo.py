"""Caches that belong to one level: built from it, and dropped with it.

Each cache keeps its level alive while it is cached, so a level's id can never be reused by
another level while its entries are still here.
"""

from __future__ import annotations

from game.model.level import Level

_LEVELS = 16
_MEMOS: dict[tuple[str, int], tuple[Level, dict]] = {}


def memo(name: str, level: Level) -> dict:
    """The cache called `name` for this level (empty the first time)."""
    key = (name, id(level))
    hit = _MEMOS.get(key)
    if hit is not None and hit[0] is level:
        return hit[1]
    if len(_MEMOS) >= _LEVELS * 4:
        _MEMOS.clear()
    store: dict = {}
    _MEMOS[key] = (level, store)
    return store
