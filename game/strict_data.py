"""Reading plain data (a level's TOML, a save's JSON) strictly into attrs classes.

cattrs' own converter coerces (`"8"` → 8, `"abc"` → a tuple of letters, `true` → 1) and stops at
the first problem. The converter `converter` makes refuses unknown keys and values of the wrong
type and goes on; `problems` turns what it raises into every problem found, each as (path,
reason), the path written the way the file reads (`classes[0].range_km`, `log[3].action.count`).
A format brings its own words: TOML has tables and no null, JSON has objects and null.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
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

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_UnionType = type(int | None)


class Bad(ValueError):
    """A value of the wrong shape; the message is the reason shown to the reader."""


@frozen
class Words:
    """How a format speaks of values in messages."""

    mapping: str  # what a key-value collection is called ("a table", "an object")
    null: str  # what a missing value is called
    quote: Callable[[str], str]  # a string as the format would write it

    def kind(self, v: Any) -> str:
        """A value described in the format's words."""
        if v is None:
            return self.null
        if isinstance(v, bool):
            return f"a boolean ({'true' if v else 'false'})"
        if isinstance(v, int):
            return f"an integer ({v if abs(v) < 10**30 else 'a very long number'})"
        if isinstance(v, float):
            return f"a number ({v!r})"
        if isinstance(v, str):
            return f"a string ({self.quote(v if len(v) <= 30 else v[:27] + '...')})"
        if isinstance(v, (list, tuple)):
            return "an array"
        if isinstance(v, Mapping):
            return self.mapping
        if isinstance(v, (datetime, date, time)):
            return "a date/time"
        return type(v).__name__


TOML_WORDS = Words(mapping="a table", null="nothing", quote=repr)
JSON_WORDS = Words(mapping="an object", null="null", quote=json.dumps)


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def converter(words: Words) -> cattrs.Converter:
    """A converter that structures only what has exactly the declared shape: strings, whole
    numbers, finite numbers, booleans, literals, optionals, unions of attrs classes tagged by
    class name under "type", tuples, dicts with string keys and attrs classes (no unknown
    keys). Every item of a collection is tried, so one call finds every problem."""
    c = cattrs.Converter(forbid_extra_keys=True)
    kind = words.kind

    def structure_str(v: Any, _: Any) -> str:
        if not isinstance(v, str):
            raise Bad(f"expected a string, got {kind(v)}")
        return v

    def structure_int(v: Any, _: Any) -> int:
        if not is_int(v):
            written = isinstance(v, float) and v.is_integer() and abs(v) < 2**53  # 8.0 for 8
            hint = "; write it without '.0'" if written else ""
            raise Bad(f"expected a whole number, got {kind(v)}{hint}")
        return v

    def structure_float(v: Any, _: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Bad(f"expected a number, got {kind(v)}")
        if isinstance(v, int):
            if abs(v) > 2**53:
                raise Bad(f"expected a number, got {kind(v)}, too large")
            return float(v)
        if not math.isfinite(v):
            raise Bad(f"expected a finite number, got {v!r}")
        return v

    def structure_bool(v: Any, _: Any) -> bool:
        if not isinstance(v, bool):
            raise Bad(f"expected true or false, got {kind(v)}")
        return v

    def structure_literal(v: Any, t: Any) -> Any:
        allowed = get_args(t)
        if not isinstance(v, (str, int)) or isinstance(v, bool) or v not in allowed:
            choices = ", ".join(words.quote(a) if isinstance(a, str) else str(a) for a in allowed)
            raise Bad(f"expected one of {choices}, got {kind(v)}")
        return v

    def items(pairs: Iterable[tuple[int | str, Any]], types: Iterable[Any], t: Any) -> list[Any]:
        """Each item structured as its type; every failure gathered, noted with its index."""
        out, errors = [], []
        for (index, item), item_t in zip(pairs, types):
            try:
                out.append(c.structure(item, item_t))
            except Exception as e:  # noqa: BLE001 - gathered and reported with a path
                e.__notes__ = [*getattr(e, "__notes__", []),
                               IterableValidationNote(f"Structuring item @ {index!r}", index, item_t)]
                errors.append(e)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return out

    def union_hook(t: Any) -> Any:
        members = get_args(t)
        if type(None) in members:
            inner = [a for a in members if a is not type(None)]
            inner_t = inner[0] if len(inner) == 1 else typing.Union[tuple(inner)]  # noqa: UP007
            return lambda v, _: None if v is None else c.structure(v, inner_t)
        by_tag = {cl.__name__: cl for cl in members}
        known = ", ".join(sorted(by_tag))

        def structure_tagged(v: Any, _: Any) -> Any:
            if not isinstance(v, Mapping):
                raise Bad(f"expected {words.mapping} with a \"type\", got {kind(v)}")
            tag = v.get("type")
            if tag is None:
                raise Bad("the \"type\" key is missing")
            if not isinstance(tag, str):
                raise Bad(f"the \"type\" must be a string, got {kind(tag)}")
            if tag not in by_tag:
                raise Bad(f"unknown type {json.dumps(tag[:40])} (known: {known})")
            return c.structure({k: x for k, x in v.items() if k != "type"}, by_tag[tag])

        return structure_tagged

    def var_tuple_hook(t: Any) -> Any:
        item_t = get_args(t)[0]

        def structure(v: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(v, (list, tuple)):
                raise Bad(f"expected an array, got {kind(v)}")
            return tuple(items(enumerate(v), [item_t] * len(v), t))

        return structure

    def fixed_tuple_hook(t: Any) -> Any:
        types = get_args(t)

        def structure(v: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(v, (list, tuple)) or len(v) != len(types):
                size = f" of {len(v)}" if isinstance(v, (list, tuple)) else ""
                raise Bad(f"expected an array of {len(types)} values, got {kind(v)}{size}")
            return tuple(items(enumerate(v), types, t))

        return structure

    def dict_hook(t: Any) -> Any:
        value_t = get_args(t)[1]

        def structure(v: Any, _: Any) -> dict[str, Any]:
            if not isinstance(v, Mapping):
                raise Bad(f"expected {words.mapping}, got {kind(v)}")
            bad_keys = [k for k in v if not isinstance(k, str)]
            if bad_keys:
                raise Bad(f"keys must be strings, got {kind(bad_keys[0])}")
            return dict(zip(v.keys(), items(v.items(), [value_t] * len(v), t)))

        return structure

    def attrs_hook(cl: type) -> Any:
        inner = make_dict_structure_fn(cl, c, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True)

        def structure(v: Any, _: Any) -> Any:
            if not isinstance(v, Mapping):
                raise Bad(f"expected {words.mapping}, got {kind(v)}")
            return inner(v if isinstance(v, dict) else dict(v), cl)

        return structure

    c.register_structure_hook(str, structure_str)
    c.register_structure_hook(int, structure_int)
    c.register_structure_hook(float, structure_float)
    c.register_structure_hook(bool, structure_bool)
    c.register_structure_hook_func(lambda t: t is Any, lambda v, _: v)
    c.register_structure_hook_func(lambda t: get_origin(t) is Literal, structure_literal)
    c.register_structure_hook_factory(lambda t: get_origin(t) in (typing.Union, _UnionType), union_hook)
    c.register_structure_hook_factory(
        lambda t: get_origin(t) is tuple and len(get_args(t)) == 2 and get_args(t)[1] is Ellipsis, var_tuple_hook)
    c.register_structure_hook_factory(
        lambda t: get_origin(t) is tuple and bool(get_args(t)) and get_args(t)[-1] is not Ellipsis, fixed_tuple_hook)
    c.register_structure_hook_factory(lambda t: get_origin(t) is dict, dict_hook)
    c.register_structure_hook_factory(attrs.has, attrs_hook)
    return c


def join(path: str, key: int | str) -> str:
    """`path` followed by a key or an index, as the file would be read: `a.b`, `a[0]`, `a."x y"`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    name = key if _BARE_KEY.match(key) else json.dumps(key)
    return f"{path}.{name}" if path else name


def problems(exc: BaseException, path: str = "") -> list[tuple[str, str]]:
    """Every problem in what a strict converter raised, as (path, reason), in the file's order."""
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
            near = difflib.get_close_matches(str(key), names, n=1, cutoff=0.75)  # a typo, not a guess
            hint = f"did you mean '{near[0]}'?" if near else f"known: {', '.join(names) or 'none'}"
            out.append((join(path, str(key)), f"unknown key ({hint})"))
    elif isinstance(exc, KeyError):
        out.append((path, "missing (this key is required)"))
    elif isinstance(exc, Bad):
        out.append((path, str(exc)))
    elif isinstance(exc, RecursionError):
        out.append((path, "nested too deeply"))
    else:
        out.append((path, f"cannot be read ({type(exc).__name__})"))
