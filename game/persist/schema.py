"""The layout of a save file, and a strict converter that reads one.

The model's own codec (`game.model.codec`) writes states and actions; this module reads them
back with a private cattrs converter that is stricter than the codec's: unknown keys are
refused, and nothing is coerced (no `"8"` → 8, no `"abc"` → a tuple of letters, no `true` → 1).
Every problem comes back as `(path, reason)`, the path written the way the JSON reads
(`snapshot.talks.stage`, `log[3].action.count`).
"""

from __future__ import annotations

import json
import math
import typing
from collections.abc import Mapping
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from attrs import frozen
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from game.model.actions import Action
from game.model.level import Side
from game.model.state import GameState

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


# ---- the strict converter ----------------------------------------------------------------------


class Bad(ValueError):
    """A value of the wrong shape; the message is the reason shown to the player."""


def kind(v: Any) -> str:
    """A value described in JSON's words, for messages."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return f"a boolean ({'true' if v else 'false'})"
    if isinstance(v, int):
        text = str(v) if abs(v) < 10**30 else "a very long number"
        return f"an integer ({text})"
    if isinstance(v, float):
        return f"a number ({v!r})"
    if isinstance(v, str):
        shown = v if len(v) <= 30 else v[:27] + "..."
        return f"a string ({json.dumps(shown)})"
    if isinstance(v, (list, tuple)):
        return "an array"
    if isinstance(v, Mapping):
        return "an object"
    return type(v).__name__


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _structure_str(v: Any, _: Any) -> str:
    if not isinstance(v, str):
        raise Bad(f"expected a string, got {kind(v)}")
    return v


def _structure_int(v: Any, _: Any) -> int:
    if not _is_int(v):
        raise Bad(f"expected a whole number, got {kind(v)}")
    return v


def _structure_float(v: Any, _: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise Bad(f"expected a number, got {kind(v)}")
    if isinstance(v, int):
        if abs(v) > 2**53:
            raise Bad(f"expected a number, got {kind(v)}, too large")
        return float(v)
    if not math.isfinite(v):
        raise Bad(f"expected a finite number, got {v!r}")
    return v


def _structure_bool(v: Any, _: Any) -> bool:
    if not isinstance(v, bool):
        raise Bad(f"expected true or false, got {kind(v)}")
    return v


def _structure_any(v: Any, _: Any) -> Any:
    return v


def _is_literal(t: Any) -> bool:
    return get_origin(t) is Literal


def _structure_literal(v: Any, t: Any) -> Any:
    allowed = get_args(t)
    if not isinstance(v, (str, int)) or isinstance(v, bool) or v not in allowed:
        choices = ", ".join(json.dumps(a) for a in allowed)
        raise Bad(f"expected one of {choices}, got {kind(v)}")
    return v


_UnionType = type(int | None)


def _is_union(t: Any) -> bool:
    return get_origin(t) in (typing.Union, _UnionType)


def _union_hook(t: Any) -> Any:
    members = get_args(t)
    if type(None) in members:
        inner = [a for a in members if a is not type(None)]
        inner_t = inner[0] if len(inner) == 1 else typing.Union[tuple(inner)]  # noqa: UP007

        def structure_optional(v: Any, _: Any) -> Any:
            return None if v is None else CONVERTER.structure(v, inner_t)

        return structure_optional
    # A union of attrs classes: tagged with the class name under "type" (as the codec writes).
    by_tag = {cl.__name__: cl for cl in members}
    known = ", ".join(sorted(by_tag))

    def structure_tagged(v: Any, _: Any) -> Any:
        if not isinstance(v, Mapping):
            raise Bad(f"expected an object with a \"type\", got {kind(v)}")
        tag = v.get("type")
        if tag is None:
            raise Bad("the \"type\" key is missing")
        if not isinstance(tag, str):
            raise Bad(f"the \"type\" must be a string, got {kind(tag)}")
        if tag not in by_tag:
            raise Bad(f"unknown type {json.dumps(tag[:40])} (known: {known})")
        rest = {k: x for k, x in v.items() if k != "type"}
        return CONVERTER.structure(rest, by_tag[tag])

    return structure_tagged


def _is_var_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_fixed_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and bool(args) and args[-1] is not Ellipsis


def _noted(e: Exception, index: int | str, t: Any) -> Exception:
    e.__notes__ = [*getattr(e, "__notes__", []),
                   IterableValidationNote(f"Structuring item @ {index!r}", index, t)]
    return e


def _structure_items(items, item_types, t: Any) -> list[Any]:
    out, errors = [], []
    for (index, item), item_t in zip(items, item_types):
        try:
            out.append(CONVERTER.structure(item, item_t))
        except Exception as e:  # noqa: BLE001 - gathered and reported with a path
            errors.append(_noted(e, index, item_t))
    if errors:
        raise IterableValidationError(f"While structuring {t!r}", errors, t)
    return out


def _var_tuple_hook(t: Any) -> Any:
    item_t = get_args(t)[0]

    def structure(v: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(v, (list, tuple)):
            raise Bad(f"expected an array, got {kind(v)}")
        return tuple(_structure_items(enumerate(v), [item_t] * len(v), t))

    return structure


def _fixed_tuple_hook(t: Any) -> Any:
    types = get_args(t)

    def structure(v: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(v, (list, tuple)):
            raise Bad(f"expected an array of {len(types)} values, got {kind(v)}")
        if len(v) != len(types):
            raise Bad(f"expected an array of {len(types)} values, got one of {len(v)}")
        return tuple(_structure_items(enumerate(v), types, t))

    return structure


def _is_dict(t: Any) -> bool:
    return get_origin(t) is dict


def _dict_hook(t: Any) -> Any:
    _key_t, value_t = get_args(t)

    def structure(v: Any, _: Any) -> dict[str, Any]:
        if not isinstance(v, Mapping):
            raise Bad(f"expected an object, got {kind(v)}")
        bad_keys = [k for k in v if not isinstance(k, str)]
        if bad_keys:
            raise Bad(f"keys must be strings, got {kind(bad_keys[0])}")
        values = _structure_items(v.items(), [value_t] * len(v), t)
        return dict(zip(v.keys(), values))

    return structure


def _attrs_hook(cl: type) -> Any:
    inner = make_dict_structure_fn(
        cl, CONVERTER, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(v: Any, _: Any) -> Any:
        if not isinstance(v, Mapping):
            raise Bad(f"expected an object, got {kind(v)}")
        return inner(dict(v), cl)

    return structure


def _make_converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(float, _structure_float)
    c.register_structure_hook(bool, _structure_bool)
    c.register_structure_hook_func(lambda t: t is Any, _structure_any)
    c.register_structure_hook_func(_is_literal, _structure_literal)
    c.register_structure_hook_factory(_is_union, _union_hook)
    c.register_structure_hook_factory(_is_var_tuple, _var_tuple_hook)
    c.register_structure_hook_factory(_is_fixed_tuple, _fixed_tuple_hook)
    c.register_structure_hook_factory(_is_dict, _dict_hook)
    c.register_structure_hook_factory(attrs.has, _attrs_hook)
    return c


CONVERTER = _make_converter()


# ---- problems as (path, reason) ----------------------------------------------------------------


def join(path: str, key: int | str) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    name = key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else json.dumps(key)
    return f"{path}.{name}" if path else name


def explain(exc: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Walk cattrs' exception groups into (path, reason) pairs, in the file's order."""
    out: list[tuple[str, str]] = []
    _walk(exc, path, out)
    return out


def _walk(exc: BaseException, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            key = note.index if isinstance(note, IterableValidationNote) else note.name
            _walk(sub, join(path, key), out)
        for sub in without:
            _walk(sub, path, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        names = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields, key=str):
            out.append((join(path, str(key)), f"unknown key (known: {', '.join(names) or 'none'})"))
    elif isinstance(exc, KeyError):
        out.append((path, "missing (this key is required)"))
    elif isinstance(exc, Bad):
        out.append((path, str(exc)))
    elif isinstance(exc, RecursionError):
        out.append((path, "nested too deeply"))
    else:
        out.append((path, f"cannot be read ({type(exc).__name__})"))


def structure(data: Any, cl: type) -> Any:
    """`data` as a `cl`, or `Bad` naming every problem's path (the first one spelled out)."""
    try:
        return CONVERTER.structure(data, cl)
    except (ClassValidationError, IterableValidationError, Bad) as e:
        found = explain(e)
    except RecursionError:
        found = [("", "nested too deeply")]
    if not found:
        found = [("", "cannot be read")]
    first_path, first_reason = found[0]
    text = f"{first_path}: {first_reason}" if first_path else first_reason
    if len(found) > 1:
        text += f" (and {len(found) - 1} more problem{'s' if len(found) > 2 else ''})"
    raise Bad(text)
