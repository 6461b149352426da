"""The layout of a save file, and reading one back strictly.

The model's own codec (`game.model.codec`) writes states and actions; this module reads them
back through `game.strict_data`, which is stricter than the codec: unknown keys are refused,
and nothing is coerced (no `"8"` → 8, no `"abc"` → a tuple of letters, no `true` → 1). A problem
is named by its path, written the way the JSON reads (`snapshot.talks.stage`,
`log[3].action.count`).
"""

from __future__ import annotations

from typing import Any

from attrs import frozen
from cattrs.errors import ClassValidationError, IterableValidationError

from game.model.actions import Action
from game.model.level import Side
from game.model.state import GameState
from game.strict_data import JSON_WORDS, Bad, converter, problems

SCHEMA_VERSION = 1
GAME_NAME = "bargaining-chips"


# ---- the file --------------------------------------------------------------------------------


@frozen
class LevelRef:
    """Which level the game was played on: its id, its content hash, and where it came from
    (a bundled level's id, or the path of a level file). `rules` is there only when the game
    was played with rules other than the level file's (facilitator settings: events off or
    injected): the level's `rules` table as played."""

    id: str
    content_hash: str
    source: str
    rules: dict[str, Any] | None = None


@frozen
class LogEntry:
    side: Side
    action: Action


@frozen
class SaveFile:
    schema: int
    game: str
    level: LevelRef
    seed: int
    log: tuple[LogEntry, ...]
    snapshot: GameState
    state_hash: str
    saved_at: str
    meta: dict[str, Any]


# ---- reading one -------------------------------------------------------------------------------

CONVERTER = converter(JSON_WORDS)
kind = JSON_WORDS.kind


def structure(data: Any, cl: type) -> Any:
    """`data` as a `cl`, or `Bad` naming every problem's path (the first one spelled out)."""
    try:
        return CONVERTER.structure(data, cl)
    except (ClassValidationError, IterableValidationError, Bad) as e:
        found = problems(e)
    except RecursionError:
        found = [("", "nested too deeply")]
    if not found:
        found = [("", "cannot be read")]
    first_path, first_reason = found[0]
    text = f"{first_path}: {first_reason}" if first_path else first_reason
    if len(found) > 1:
        text += f" (and {len(found) - 1} more problem{'s' if len(found) > 2 else ''})"
    raise Bad(text)
