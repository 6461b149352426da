"""Reading level files (`levels/*.toml`) into `game.model.level.Level`, and checking them.

A level is read in two passes. The first structures the TOML through `game.strict_data`, which
forbids unknown keys and is strict about types (no silent `"5"` → 5). If that succeeds, the
second checks what types cannot say: ranges, unique ids, years inside the span, and every
cross-reference (forces at sites that exist, pledges to allies that exist, ...).

Every problem found is reported at once, each as `file: field.path: reason`, in a `LevelError`.
No input, however broken, escapes as anything else.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import attrs
from cattrs.errors import ClassValidationError, IterableValidationError

from game.content.variants import item_names, merged
from game.model.level import (
    ALLY_FIELDS,
    CHAINS,
    EFFECT_KINDS,
    PLEDGES,
    SIDES,
    Level,
    other,
)
from game.strict_data import TOML_WORDS, converter, is_int, join, problems

SCHEMA_VERSION = 1
MAX_BYTES = 1024 * 1024
"""Level files larger than this (1 MiB) are refused before parsing."""

LEVELS_DIR = Path(__file__).resolve().parents[2] / "levels"
"""The bundled levels: the repository's `levels/` folder."""

EXPERIMENTS_DIR = LEVELS_DIR / "experiments"
"""Levels that each turn off one claim of the premise (played by path, not listed as bundled)."""

MAX_EXTENDS = 8
"""A level may extend one that extends another, this many deep."""

VERIFICATION_LEVELS = ("none", "data", "onsite")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class LevelError(ValueError):
    """A level that cannot be played. `problems` holds one `file: field.path: reason` each."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))

    def __str__(self) -> str:
        return "\n".join(self.problems)


# -- public API ------------------------------------------------------------------------------


def parse_level(text: str, source: str = "<level>", folder: str | Path | None = None,
                read: list[Path] | None = None) -> Level:
    """Parse the text of a level file; `source` names it in problems. A level that extends
    another finds a file it names in `folder` (the current folder if None); the files it
    extends are added to `read`, if given."""
    data = _toml(text, source)
    if "extends" not in data:
        if "remove" in data:
            raise LevelError([f"{source}: remove: only a level that extends another can remove entries"])
        return structure_level(data, source)
    data = _extended(data, source, Path(folder) if folder is not None else Path.cwd(), (), read)
    return structure_level(data, source, partial(item_names, data=data))


def load_level(path: str | Path) -> Level:
    """Read and check one level file."""
    p = Path(path)
    read: list[Path] = []
    level = parse_level(_read(p, str(path)), str(path), p.parent, read)
    _EXTENDED[_resolved(p)] = tuple(read)
    return level


def extended_files(path: str | Path) -> tuple[Path, ...]:
    """The files the level file at `path` extended when it was last loaded (the level it
    extends first), for caches that must notice when one of them changes."""
    return _EXTENDED.get(_resolved(Path(path)), ())


_EXTENDED: dict[Path, tuple[Path, ...]] = {}


def _resolved(p: Path) -> Path:
    try:
        return p.resolve()
    except (OSError, RuntimeError):
        return p


def _read(p: Path, source: str) -> str:
    """The text of a level file, or a LevelError saying why it cannot be one."""
    try:
        if not p.exists():
            raise LevelError([f"{source}: no such file"])
        if p.is_dir():
            raise LevelError([f"{source}: is a folder, not a level file"])
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LevelError(
                [f"{source}: file is {size:,} bytes, larger than {MAX_BYTES // 1024} KiB; "
                 "refusing it"]
            )
        with p.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise LevelError([f"{source}: cannot read: {e.strerror or e}"]) from None
    if len(raw) > MAX_BYTES:
        raise LevelError([f"{source}: file is larger than {MAX_BYTES // 1024} KiB; refusing it"])
    if b"\x00" in raw:
        raise LevelError([f"{source}: looks like a binary file (it contains NUL bytes), not TOML"])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        bad = raw[e.start : e.start + 1].hex()
        line = raw.count(b"\n", 0, e.start) + 1
        raise LevelError(
            [f"{source}: not UTF-8 text (byte 0x{bad} at line {line}); "
             "is it a binary file? Save it as UTF-8"]
        ) from None


def _toml(text: str, source: str) -> dict[str, Any]:
    """The TOML data of a level file's text, or a LevelError saying why it has none."""
    if not isinstance(text, str):
        raise LevelError([f"{source}: expected text, got {type(text).__name__}"])
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise LevelError([f"{source}: file is larger than {MAX_BYTES // 1024} KiB; refusing it"])
    if "\x00" in text:
        raise LevelError([f"{source}: looks like a binary file (it contains NUL bytes), not TOML"])
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise LevelError([f"{source}: file is empty"])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LevelError([f"{source}: not valid TOML: {e}"]) from None
    except RecursionError:
        raise LevelError([f"{source}: nested too deeply to read"]) from None
    if not data:
        raise LevelError([f"{source}: file has no settings (only comments or blank lines)"])
    return data


def _extended(data: dict[str, Any], source: str, folder: Path, chain: tuple[Path, ...],
              read: list[Path] | None = None) -> dict[str, Any]:
    """The data of a level that extends another, merged over the data of the level it extends
    (itself checked first, so a problem in it names its own file). `chain` holds the files
    already being extended, to refuse a loop; each file extended is added to `read`."""
    named = data["extends"]
    if not isinstance(named, str) or not named.strip():
        raise LevelError([f"{source}: extends: expected a bundled level's id or a .toml file, "
                          f"got {TOML_WORDS.kind(named)}"])
    if named.endswith(".toml") or "/" in named or "\\" in named:
        path, base_source = folder / named, named
    else:
        path, base_source = LEVELS_DIR / f"{named}.toml", f"{LEVELS_DIR.name}/{named}.toml"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in LEVELS_DIR.glob("*.toml"))) or "none"
            raise LevelError([f"{source}: extends: no bundled level '{named}' (known: {known}; "
                              "or name a file ending in .toml)"])
    where = _resolved(path)
    if read is not None:
        read.append(where)
    if where in chain or len(chain) >= MAX_EXTENDS:
        why = "which extends this one in turn" if where in chain else f"past {MAX_EXTENDS} levels extending others"
        raise LevelError([f"{source}: extends: '{named}' leads to a loop ({why})"])
    try:
        text = _read(path, base_source)
    except LevelError as e:  # the file named cannot be read: a problem of this file's `extends`
        raise LevelError([f"{source}: extends: {p}" for p in e.problems]) from None
    base = _toml(text, base_source)
    rename = None
    if "extends" in base:
        base = _extended(base, base_source, path.parent, chain + (where,), read)
        rename = partial(item_names, data=base)
    base_level = structure_level(base, base_source, rename)
    own_id = data.get("id")
    if not isinstance(own_id, str):
        raise LevelError([f"{source}: id: a level that extends another needs an id of its own"])
    if own_id == base_level.id:
        raise LevelError([f"{source}: id: '{own_id}' is the id of the level it extends; give this one its own"])
    out, found = merged(base, data)
    if found:
        raise LevelError(_format(source, found))
    return out


def structure_level(data: Any, source: str = "<level>", rename: Callable[[str], str] | None = None) -> Level:
    """Turn a TOML-shaped dict into a checked `Level` (both passes); `rename` rewrites the
    field paths of problems."""
    if not isinstance(data, Mapping):
        raise LevelError([f"{source}: the top level is not a table (got {TOML_WORDS.kind(data)})"])
    schema = data.get("schema")
    if is_int(schema) and schema != SCHEMA_VERSION:
        raise LevelError(
            [f"{source}: schema: unsupported schema version {schema} "
             f"(this game reads {SCHEMA_VERSION})"]
        )
    try:
        level = _CONVERTER.structure(data, Level)
    except (ClassValidationError, IterableValidationError) as e:
        raise LevelError(_format(source, problems(e), rename)) from None
    except RecursionError:
        raise LevelError([f"{source}: nested too deeply to read"]) from None
    except Exception as e:  # a last resort: a bad file must never become a traceback
        raise LevelError([f"{source}: cannot read the level ({type(e).__name__}: {e})"]) from None
    found = _Checker(level).run()
    if found:
        raise LevelError(_format(source, found, rename))
    return level


def bundled_levels() -> tuple[Level, ...]:
    """Every level in `LEVELS_DIR`, sorted by id. One broken file refuses them all."""
    levels: list[Level] = []
    problems: list[str] = []
    for path in sorted(LEVELS_DIR.glob("*.toml")):
        try:
            levels.append(load_level_as(path, f"{LEVELS_DIR.name}/{path.name}"))
        except LevelError as e:
            problems.extend(e.problems)
    seen: dict[str, int] = {}
    for lv in levels:
        seen[lv.id] = seen.get(lv.id, 0) + 1
    problems.extend(
        f"{LEVELS_DIR.name}/: level id '{i}' is used by {n} files" for i, n in seen.items() if n > 1
    )
    if problems:
        raise LevelError(problems)
    return tuple(sorted(levels, key=lambda lv: lv.id))


def experiment_levels() -> tuple[tuple[Path, Level], ...]:
    """Each file in `EXPERIMENTS_DIR` and its level, sorted by file name. One broken file
    refuses them all."""
    found: list[tuple[Path, Level]] = []
    problems: list[str] = []
    for path in sorted(EXPERIMENTS_DIR.glob("*.toml")):
        try:
            found.append((path, load_level_as(path, f"{LEVELS_DIR.name}/{EXPERIMENTS_DIR.name}/{path.name}")))
        except LevelError as e:
            problems.extend(e.problems)
    if problems:
        raise LevelError(problems)
    return tuple(found)


def load_level_as(path: str | Path, source: str) -> Level:
    """`load_level`, naming the file `source` in problems (e.g. a path relative to the repo)."""
    try:
        return load_level(path)
    except LevelError as e:
        prefix = f"{path}:"
        raise LevelError(
            f"{source}:{p[len(prefix):]}" if p.startswith(prefix) else p for p in e.problems
        ) from None


def resolve_level(id_or_path: str) -> Level:
    """A level from a file path (if it ends in .toml or exists) or a bundled level's id."""
    if id_or_path.endswith(".toml") or Path(id_or_path).exists():
        return load_level(id_or_path)
    guess = LEVELS_DIR / f"{id_or_path}.toml"
    if guess.is_file():
        level = load_level_as(guess, f"{LEVELS_DIR.name}/{guess.name}")
        if level.id == id_or_path:
            return level
    levels = bundled_levels()
    for level in levels:
        if level.id == id_or_path:
            return level
    known = ", ".join(lv.id for lv in levels) or "none"
    raise LevelError([f"unknown level '{id_or_path}' (known: {known})"])


def level_to_dict(level: Level) -> dict[str, Any]:
    """The level as plain TOML-shaped data: tables, arrays, no None (omitted keys)."""
    return _plain(_CONVERTER.unstructure(level))


def content_hash(level: Level) -> str:
    """A stable fingerprint of everything in the level (saves record it)."""
    text = json.dumps(level_to_dict(level), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- first pass: structuring -----------------------------------------------------------------


_CONVERTER = converter(TOML_WORDS)


def _format(source: str, found: list[tuple[str, str]], rename: Callable[[str], str] | None = None) -> list[str]:
    return [f"{source}: {rename(path) if rename else path}: {reason}" if path else f"{source}: {reason}"
            for path, reason in found]


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items() if x is not None}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


# -- second pass: meaning ---------------------------------------------------------------------


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class _Checker:
    """The semantic checks, each appending (path, reason)."""

    def __init__(self, level: Level) -> None:
        self.lv = level
        self.found: list[tuple[str, str]] = []

    def bad(self, path: str, reason: str) -> None:
        self.found.append((path, reason))

    # small checks -------------------------------------------------------------------------

    def between(self, path: str, v: float, lo: float, hi: float) -> None:
        if not lo <= v <= hi:
            self.bad(path, f"{_fmt(v)} is outside {_fmt(lo)}..{_fmt(hi)}")

    def at_least(self, path: str, v: float, lo: float) -> None:
        if v < lo:
            self.bad(path, f"{_fmt(v)} is below the minimum {_fmt(lo)}")

    def text(self, path: str, v: str) -> None:
        if not v.strip():
            self.bad(path, "must not be empty")

    def words(self, path: str, v: str, what: str) -> None:
        """An optional wording of a name (empty: the name itself)."""
        if v != v.strip() or "\n" in v:
            self.bad(path, f"must be {what}, on one line, without spaces around it (or left out to use the name)")

    def ident(self, path: str, v: str) -> None:
        if not _ID.match(v):
            self.bad(path, f"id '{v}' must be lowercase letters, digits, '-' or '_'")

    def unique(self, kind: str, items: tuple[Any, ...]) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            self.ident(f"{kind}[{i}].id", item.id)
            if item.id in seen:
                self.bad(f"{kind}[{i}].id",
                         f"duplicate id '{item.id}' (also {kind}[{seen[item.id]}])")
            else:
                seen[item.id] = i

    def year(self, path: str, y: int) -> None:
        if not self.lv.start_year <= y <= self.lv.end_year:
            self.bad(path, f"year {y} is outside the level's span "
                           f"{self.lv.start_year}..{self.lv.end_year}")

    def keys_exactly(self, path: str, d: Mapping[str, Any], wanted: tuple[str, ...]) -> None:
        for k in d:
            if k not in wanted:
                self.bad(join(path, k), f"unknown key (expected {', '.join(wanted)})")
        for k in wanted:
            if k not in d:
                self.bad(path, f"missing '{k}' (expected {', '.join(wanted)})")

    # the level ----------------------------------------------------------------------------

    def run(self) -> list[tuple[str, str]]:
        lv = self.lv
        if lv.schema != SCHEMA_VERSION:
            self.bad("schema", f"unsupported schema version {lv.schema} "
                               f"(this game reads {SCHEMA_VERSION})")
            return self.found
        self.ident("id", lv.id)
        self.text("title", lv.title)
        if lv.start_year >= lv.end_year:
            self.bad("end_year", f"end year {lv.end_year} is not after start year {lv.start_year}")
        self.at_least("years_per_round", lv.years_per_round, 1)
        for i, s in enumerate(lv.sources):
            self.text(f"sources[{i}]", s)
        self.unique("classes", lv.classes)
        self.unique("sites", lv.sites)
        self.unique("targets", lv.targets)
        self.unique("allies", lv.allies)
        self.unique("events", lv.events)
        self.objectives()
        for i, c in enumerate(lv.classes):
            self.missile_class(f"classes[{i}]", c)
        for i, s in enumerate(lv.sites):
            self.site(f"sites[{i}]", s)
        for i, t in enumerate(lv.targets):
            self.place(f"targets[{i}]", t)
            self.at_least(f"targets[{i}].value", t.value, 0)
        for i, a in enumerate(lv.allies):
            self.ally(f"allies[{i}]", a)
        self.keys_exactly("sides", lv.sides, SIDES)
        for side, setup in lv.sides.items():
            if side in SIDES:
                self.side(side, setup)
        self.exchange_rates()
        for i, e in enumerate(lv.events):
            self.event(f"events[{i}]", e)
        self.model()
        self.rules()
        return self.found

    def objectives(self) -> None:
        self.keys_exactly("objectives", self.lv.objectives, SIDES)
        for side, obj in self.lv.objectives.items():
            path = join("objectives", side)
            self.text(f"{path}.summary", obj.summary)
            for i, g in enumerate(obj.goals):
                self.text(f"{path}.goals[{i}]", g)
            values = attrs.asdict(obj.weights)
            for name, w in values.items():
                self.at_least(f"{path}.weights.{name}", w, 0)
            if all(w == 0 for w in values.values()):
                self.bad(f"{path}.weights",
                         "all weights are zero; the side would care about nothing")

    def missile_class(self, path: str, c: Any) -> None:
        self.text(f"{path}.name", c.name)
        self.words(f"{path}.plural", c.plural, "the name of more than one")
        self.text(f"{path}.trade_class", c.trade_class)
        lo, hi = c.range_km
        if lo > hi:
            self.bad(f"{path}.range_km", f"minimum {_fmt(lo)} is above maximum {_fmt(hi)}")
        if lo < 0:
            self.bad(f"{path}.range_km", f"minimum {_fmt(lo)} is negative")
        if hi <= 0:
            self.bad(f"{path}.range_km", f"maximum {_fmt(hi)} must be above 0")
        self.at_least(f"{path}.unit_cost", c.unit_cost, 0)
        self.at_least(f"{path}.lot_size", c.lot_size, 1)
        self.at_least(f"{path}.dev_years", c.dev_years, 0)
        self.at_least(f"{path}.research_cost", c.research_cost, 0)
        self.between(f"{path}.survivability", c.survivability, 0, 1)
        self.at_least(f"{path}.upkeep", c.upkeep, 0)
        self.at_least(f"{path}.nominal_value", c.nominal_value, 0)

    def place(self, path: str, p: Any) -> None:
        self.text(f"{path}.name", p.name)
        self.between(f"{path}.lat", p.lat, -90, 90)
        self.between(f"{path}.lon", p.lon, -180, 180)

    def site(self, path: str, s: Any) -> None:
        self.place(path, s)
        hosts = ("us", "china", *(a.id for a in self.lv.allies))
        if s.host not in hosts:
            self.bad(f"{path}.host", f"'{s.host}' is not 'us', 'china' or an ally "
                                     f"(allies are: {', '.join(hosts[2:]) or 'none'})")
        self.at_least(f"{path}.capacity", s.capacity, 0)
        trades = sorted({c.trade_class for c in self.lv.classes})
        for i, trade in enumerate(s.accepts):
            if trade not in trades:
                self.bad(f"{path}.accepts[{i}]", f"no trade class '{trade}' (they are: {', '.join(trades)})")

    def ally(self, path: str, a: Any) -> None:
        self.text(f"{path}.name", a.name)
        self.words(f"{path}.in_sentence", a.in_sentence, "the name as a sentence gives it")
        if a.id in SIDES:
            self.bad(f"{path}.id", f"an ally cannot be called '{a.id}' (that names a side)")
        for name in ALLY_FIELDS:
            self.between(f"{path}.{name}", getattr(a, name), 0, 1)
        self.at_least(f"{path}.weight", a.weight, 0)
        if a.pledge not in PLEDGES:
            self.bad(f"{path}.pledge", f"'{a.pledge}' is not a pledge ({', '.join(PLEDGES)})")
        for j, y in enumerate(a.election_years):
            self.year(f"{path}.election_years[{j}]", y)

    def side(self, side: str, s: Any) -> None:
        lv = self.lv
        path = f"sides.{side}"
        own = {c.id: c for c in lv.classes if c.side == side}
        them = other(side)  # type: ignore[arg-type]
        theirs = {c.trade_class for c in lv.classes if c.side == them}
        sites: dict[str, Any] = {}
        for x in lv.sites:  # the first of duplicates; duplicates are reported on their own
            sites.setdefault(x.id, x)
        self.at_least(f"{path}.budget", s.budget, 0)
        self.at_least(f"{path}.capital", s.capital, 0)
        self.at_least(f"{path}.capital_cap", s.capital_cap, 0)
        if s.capital > s.capital_cap:
            self.bad(f"{path}.capital",
                     f"{_fmt(s.capital)} is above capital_cap {_fmt(s.capital_cap)}")
        self.between(f"{path}.talks_base", s.talks_base, 0, 100)
        self.between(f"{path}.base_deterrence", s.base_deterrence, 0, 100)
        self.between(f"{path}.cheat_rate", s.cheat_rate, 0, 1)
        for tc, w in s.concern.items():
            p = join(f"{path}.concern", tc)
            if tc not in theirs:
                self.bad(p, f"no trade class '{tc}' among {them}'s classes "
                            f"(they are: {', '.join(sorted(theirs)) or 'none'})")
            self.at_least(p, w, 0)

        def own_class(p: str, cid: str) -> bool:
            if cid in own:
                return True
            owner = next((c.side for c in lv.classes if c.id == cid), None)
            if owner is not None:
                self.bad(p, f"class '{cid}' belongs to {owner}, not {side}")
            else:
                self.bad(p, f"no class '{cid}' (classes of {side} are: "
                            f"{', '.join(own) or 'none'})")
            return False

        load: dict[str, int] = {}
        for cid, by_site in s.forces.items():
            cp = join(f"{path}.forces", cid)
            own_class(cp, cid)
            for sid, n in by_site.items():
                sp = join(cp, sid)
                self.at_least(sp, n, 0)
                site = sites.get(sid)
                if site is None:
                    self.bad(sp, f"no site '{sid}' (sites are: {', '.join(sites) or 'none'})")
                elif site.base_side() != side:
                    self.bad(sp, f"site '{sid}' is hosted by {site.host}; {side} cannot base there")
                elif cid in own and not site.takes(own[cid].trade_class):
                    self.bad(sp, f"site '{sid}' accepts only {', '.join(site.accepts)}")
                else:
                    load[sid] = load.get(sid, 0) + n
        for sid, n in load.items():
            if n > sites[sid].capacity:
                self.bad(f"{path}.forces", f"{n} at site '{sid}' exceed its capacity "
                                           f"{sites[sid].capacity}")
        for cid, n in s.reserve.items():
            p = join(f"{path}.reserve", cid)
            own_class(p, cid)
            self.at_least(p, n, 0)
        for cid, v in s.programs.items():  # years of development already done
            p = join(f"{path}.programs", cid)
            if own_class(p, cid):
                self.between(p, v, 0, own[cid].dev_years)

    def exchange_rates(self) -> None:
        trade = sorted({c.trade_class for c in self.lv.classes})
        seen: dict[tuple[str, str], int] = {}
        for i, r in enumerate(self.lv.exchange_rates):
            path = f"exchange_rates[{i}]"
            for name in ("give", "get"):
                tc = getattr(r, name)
                if tc not in trade:
                    self.bad(f"{path}.{name}", f"no trade class '{tc}' "
                                               f"(trade classes are: {', '.join(trade)})")
            if r.give == r.get:
                self.bad(f"{path}.get", f"'{r.get}' is the same as give; same-class trades "
                                        "need no exchange rate")
            if (r.give, r.get) in seen:
                self.bad(path, f"duplicate rate for {r.give} → {r.get} "
                               f"(also exchange_rates[{seen[(r.give, r.get)]}])")
            else:
                seen[(r.give, r.get)] = i
            for name in ("us_view", "china_view"):
                v = getattr(r, name)
                if v <= 0:
                    self.bad(f"{path}.{name}", f"{_fmt(v)} must be above 0")

    def event(self, path: str, e: Any) -> None:
        lv = self.lv
        self.text(f"{path}.title", e.title)
        self.at_least(f"{path}.weight", e.weight, 0)
        if e.min_year is not None:
            self.year(f"{path}.min_year", e.min_year)
        if e.max_year is not None:
            self.year(f"{path}.max_year", e.max_year)
        if e.min_year is not None and e.max_year is not None and e.min_year > e.max_year:
            self.bad(f"{path}.max_year", f"max_year {e.max_year} is before min_year {e.min_year}")
        if e.min_tension is not None:
            self.between(f"{path}.min_tension", e.min_tension, 0, 100)
        allies = [a.id for a in lv.allies]
        if e.requires_pledge is not None and e.requires_pledge not in allies:
            self.bad(f"{path}.requires_pledge", f"no ally '{e.requires_pledge}' "
                                                f"(allies are: {', '.join(allies) or 'none'})")
        if not e.effects:
            self.bad(f"{path}.effects", "an event needs at least one effect")
        for j, f in enumerate(e.effects):
            self.effect(f"{path}.effects[{j}]", f, allies)

    _USES = {
        "tension": (),
        "ally": ("ally", "field"),
        "budget": ("side",),
        "capital": ("side",),
        "forces": ("side", "cls"),
        "talks": ("side",),
        "pledge": ("ally",),
    }

    def effect(self, path: str, f: Any, allies: list[str]) -> None:
        if f.kind not in EFFECT_KINDS:
            self.bad(f"{path}.kind",
                     f"unknown kind '{f.kind}' (kinds are: {', '.join(EFFECT_KINDS)})")
            return
        uses = self._USES[f.kind]
        for name in ("side", "ally", "field", "cls"):
            value = getattr(f, name)
            if name in uses and value is None:
                self.bad(path, f"missing '{name}' (kind '{f.kind}' needs {', '.join(uses)})")
            elif name not in uses and value is not None:
                self.bad(f"{path}.{name}", f"not used by kind '{f.kind}'")
        if f.ally is not None and "ally" in uses and f.ally not in allies:
            self.bad(f"{path}.ally",
                     f"no ally '{f.ally}' (allies are: {', '.join(allies) or 'none'})")
        if f.field is not None and "field" in uses and f.field not in ALLY_FIELDS:
            self.bad(f"{path}.field", f"'{f.field}' is not an ally field "
                                      f"(fields are: {', '.join(ALLY_FIELDS)})")
        if f.cls is not None and "cls" in uses:
            owner = next((c.side for c in self.lv.classes if c.id == f.cls), None)
            if owner is None:
                self.bad(f"{path}.cls", f"no class '{f.cls}'")
            elif f.side is not None and owner != f.side:
                self.bad(f"{path}.cls", f"class '{f.cls}' belongs to {owner}, not {f.side}")
        if f.kind == "pledge" and not float(f.delta).is_integer():
            self.bad(f"{path}.delta", f"{_fmt(f.delta)} rungs: a pledge moves by whole rungs")
        if f.kind == "ally":
            self.between(f"{path}.delta", f.delta, -1, 1)

    def model(self) -> None:
        m = self.lv.model
        self.keys_exactly("model.chain_weight", m.chain_weight, CHAINS)
        for k, v in m.chain_weight.items():
            self.at_least(join("model.chain_weight", k), v, 0)
        for name in ("leverage_scale", "saturation"):
            table = getattr(m, name)
            self.keys_exactly(f"model.{name}", table, SIDES)
            for k, v in table.items():
                if v <= 0:
                    self.bad(join(f"model.{name}", k), f"{_fmt(v)} must be above 0")
        for a in attrs.fields(type(m)):
            v = getattr(m, a.name)
            if isinstance(v, float):
                self.at_least(f"model.{a.name}", v, 0)
        for name in ("exposure_saturation", "risk_scale", "race_scale"):
            if getattr(m, name) <= 0:
                self.bad(f"model.{name}", f"{_fmt(getattr(m, name))} must be above 0")
        self.between("model.cross_discount", m.cross_discount, 0, 1)

    def rules(self) -> None:
        r = self.lv.rules
        self.at_least("rules.exchanges_per_round", r.exchanges_per_round, 1)
        self.at_least("rules.max_orders", r.max_orders, 1)
        self.at_least("rules.events_per_round", r.events_per_round, 0)
        for name in ("exploratory_threshold", "formal_threshold", "crisis_threshold"):
            self.between(f"rules.{name}", getattr(r, name), 0, 100)
        if r.exploratory_threshold > r.formal_threshold:
            self.bad("rules.formal_threshold", f"{_fmt(r.formal_threshold)} is below "
                     f"exploratory_threshold {_fmt(r.exploratory_threshold)}")
        self.between("rules.ratification_base", r.ratification_base, 0, 1)
        self.at_least("rules.ratification_complexity", r.ratification_complexity, 0)
        self.keys_exactly("rules.detection", r.detection, VERIFICATION_LEVELS)
        for k, v in r.detection.items():
            self.between(join("rules.detection", k), v, 0, 1)
        self.keys_exactly("rules.verification_cost", r.verification_cost, VERIFICATION_LEVELS)
        for k, v in r.verification_cost.items():
            self.at_least(join("rules.verification_cost", k), v, 0)
        self.between("rules.start_tension", r.start_tension, 0, 100)
        cards = {e.id for e in self.lv.events}
        for event_id, year in r.inject.items():
            path = join("rules.inject", event_id)
            if event_id not in cards:
                self.bad(path, f"no event '{event_id}' (events are: {', '.join(sorted(cards)) or 'none'})")
            elif not self.lv.start_year <= year <= self.lv.end_year:
                self.bad(path, f"{year} is outside the level's years {self.lv.start_year}-{self.lv.end_year}")
        self.between("rules.treaty_goal", r.treaty_goal, 0, 1)
        self.at_least("rules.balance_margin", r.balance_margin, 0)
        self.at_least("rules.race_margin", r.race_margin, 0)
