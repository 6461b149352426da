"""A level that extends another: `extends = "baseline-2020"`, then only what differs.

The two files' TOML data are merged before the level is structured and checked:

- tables merge key by key, at any depth (`[rules] formal_threshold = 40` changes that one rule);
- the entries of `classes`, `sites`, `targets`, `allies` and `events` are matched by `id`, and
  `exchange_rates` by `give` and `get`: an entry that matches changes only the keys it gives; any
  other entry is new and is added after the others;
- `remove = { events = ["strait-crisis"] }` drops entries of the level extended (by id);
- every other value (a number, a string, a list of words, an event's `effects`) replaces the
  extended level's.

Only the data are merged here; reading the files and checking the result are `levels.py`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from game.strict_data import TOML_WORDS, join

KEYED: dict[str, tuple[str, ...]] = {
    "classes": ("id",),
    "sites": ("id",),
    "targets": ("id",),
    "allies": ("id",),
    "events": ("id",),
    "exchange_rates": ("give", "get"),
}
"""The arrays of tables whose entries are matched, and the keys that match them."""

REMOVABLE: tuple[str, ...] = tuple(name for name, keys in KEYED.items() if keys == ("id",))
_SINGULAR = {"classes": "class", "sites": "site", "targets": "target", "allies": "ally", "events": "event"}
_ITEM = re.compile(rf"^({'|'.join(REMOVABLE)})\[(\d+)\]")


def merged(base: Mapping[str, Any], change: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The data of `change` laid over `base` (both as read from TOML, `change` with its
    `extends`), and the problems found merging them as (field path, reason)."""
    found: list[tuple[str, str]] = []
    out = dict(base)
    _remove(out, change.get("remove", {}), found)
    for key, value in change.items():
        if key in ("extends", "remove"):
            continue
        old = out.get(key)
        if key in KEYED and isinstance(value, list) and isinstance(old, list):
            out[key] = _merged_items(key, old, value, found)
        else:
            out[key] = _merged_value(old, value)
    return out, found


def item_names(path: str, data: Mapping[str, Any]) -> str:
    """A field path with its entry named by id where it can be (`allies[1].willingness` ->
    `allies[south-korea].willingness`): in a level that extends another, the positions of the
    merged entries are not the ones its own file shows."""
    m = _ITEM.match(path)
    if m is None:
        return path
    items = data.get(m.group(1))
    i = int(m.group(2))
    if not isinstance(items, list) or i >= len(items) or not isinstance(items[i], Mapping):
        return path
    item_id = items[i].get("id")
    if not isinstance(item_id, str) or not item_id:
        return path
    return f"{m.group(1)}[{item_id}]{path[m.end():]}"


def _remove(out: dict[str, Any], removals: Any, found: list[tuple[str, str]]) -> None:
    if not isinstance(removals, Mapping):
        found.append(("remove", f"expected a table of lists of ids, like remove = {{ events = [\"strait-crisis\"] }}, "
                                f"got {TOML_WORDS.kind(removals)}"))
        return
    for name, ids in removals.items():
        where = join("remove", name)
        if name not in REMOVABLE:
            found.append((where, f"only entries of {', '.join(REMOVABLE)} can be removed"))
            continue
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            found.append((where, f"expected a list of ids, got {TOML_WORDS.kind(ids)}"))
            continue
        items = out.get(name) if isinstance(out.get(name), list) else []
        have = {item.get("id") for item in items if isinstance(item, Mapping)}
        for j, item_id in enumerate(ids):
            if item_id not in have:
                found.append((join(where, j), f"no {_SINGULAR[name]} '{item_id}' in the level this one extends"))
        gone = set(ids)
        out[name] = [item for item in items if not (isinstance(item, Mapping) and item.get("id") in gone)]


def _merged_value(old: Any, new: Any) -> Any:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        out = dict(old)
        for key, value in new.items():
            out[key] = _merged_value(old.get(key), value)
        return out
    return new


def _merged_items(name: str, old: list, new: list, found: list[tuple[str, str]]) -> list:
    fields = KEYED[name]
    out = list(old)
    where = {_key(item, fields): i for i, item in enumerate(out)}
    where.pop(None, None)
    for j, item in enumerate(new):
        key = _key(item, fields)
        if not isinstance(item, Mapping):
            found.append((join(name, j), f"expected a table, got {TOML_WORDS.kind(item)}"))
        elif key is None:
            what = " and ".join(fields)
            found.append((join(name, j), f"needs its {what} (a string) to say which entry of the level it extends it "
                                         f"changes, or that it is a new one"))
        elif key in where:
            out[where[key]] = _merged_value(out[where[key]], item)
        else:
            where[key] = len(out)
            out.append(item)
    return out


def _key(item: Any, fields: tuple[str, ...]) -> tuple[str, ...] | None:
    if not isinstance(item, Mapping):
        return None
    key = tuple(item.get(f) for f in fields)
    return key if all(isinstance(k, str) for k in key) else None
