"""Saving a game to JSON and loading it back, refusing anything damaged with one clear line.

A save holds what determines the game (the level's id and content hash, the seed, the action
log) plus a snapshot of the state and its hash. Loading replays the log from
`Game.new(level, seed)`, checks the replayed state's hash against the saved one, and checks
that the snapshot is that same state. Nothing is pickled or evaluated.

    save_game(game, "week3.json", meta={"players": ["Ana", "Bo"], "side": "us"})
    game = load_game("week3.json")          # or SaveError: "week3.json: <what is wrong>"
    earlier = rewind(game, 2022)            # a new game at the start of 2022's orders

Writes are atomic (`game.files.atomic_text`): a failed save leaves the old file as it was.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from attrs import fields, frozen

from game.content.levels import (
    LEVELS_DIR,
    LevelError,
    content_hash,
    extended_files,
    level_to_dict,
    load_level,
    structure_level,
)
from game.files import atomic_text
from game.model.actions import IllegalAction
from game.model.codec import unstructure_action, unstructure_state
from game.model.game import Game
from game.model.level import PLEDGES, SIDE_NAMES, Level
from game.model.state import PHASES, STAGES, GameState
from game.persist.schema import GAME_NAME, SCHEMA_VERSION, Bad, LevelRef, SaveFile, kind, structure

MAX_BYTES = 10 * 1024 * 1024
"""Save files larger than this (10 MB) are refused before they are read."""
MAX_ACTIONS = 200_000
_HASH = re.compile(r"^[0-9a-f]{64}$")
_LEVEL_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SaveError(ValueError):
    """A save that cannot be written or loaded. `str()` is one line: `FILE: what is wrong`."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        self.path = str(path)
        self.reason = _one_line(reason)
        super().__init__(f"{_shown(self.path)}: {self.reason}")

    def __reduce__(self):  # travels between processes (simulate --jobs) intact
        return (type(self), (self.path, self.reason))


@frozen
class SavedGame:
    """A loaded save: the replayed game and what the save says about it."""

    path: str
    game: Game
    meta: dict[str, Any]
    saved_at: str
    level_source: str
    state_hash: str

    @property
    def actions(self) -> int:
        return len(self.game.log)

    @classmethod
    def of(cls, game: Game, *, meta: dict[str, Any] | None = None, source: str | None = None) -> SavedGame:
        """A game in memory as if it had just been saved (e.g. for the report of the game on
        screen, without writing a save first)."""
        return cls(path="", game=game, meta=dict(meta or {}),
                   saved_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   level_source=level_source(game.level, source), state_hash=game.state_hash())


@frozen
class SaveInfo:
    """A save's header, read without replaying it (for a list of saves to pick from)."""

    path: str
    level_id: str
    level_source: str
    seed: int
    year: int
    phase: str
    outcome: str | None
    actions: int
    saved_at: str
    meta: dict[str, Any]


# ---- writing -----------------------------------------------------------------------------------


def save_data(game: Game, *, meta: dict[str, Any] | None = None, source: str | None = None,
              saved_at: str | None = None) -> dict[str, Any]:
    """The save document for `game`, as plain JSON-ready data.

    `source` is where the level came from: a bundled level's id (the default, the level's own
    id) or the path of a level file (stored as an absolute path). `meta` is free JSON data
    (player names, side played, opponent, difficulty, facilitator settings; see
    docs/CLASSROOM.md for the keys the reports read).
    """
    meta = {} if meta is None else meta
    _check_meta(meta)
    level = game.level
    ref = {"id": level.id, "content_hash": level_hash(level), "source": level_source(level, source)}
    base = _base_level(ref["source"], level.id)
    if base is None or level_hash(base) != ref["content_hash"]:
        ref["rules"] = level_to_dict(level).get("rules", {})  # e.g. facilitator settings
    return {
        "schema": SCHEMA_VERSION,
        "game": GAME_NAME,
        "level": ref,
        "seed": game.state.seed,
        "log": [{"side": side, "action": unstructure_action(action)} for side, action in game.log],
        "snapshot": unstructure_state(game.state),
        "state_hash": game.state_hash(),
        "saved_at": saved_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "meta": meta,
    }


def save_game(game: Game, path: str | os.PathLike, *, meta: dict[str, Any] | None = None,
              source: str | None = None) -> Path:
    """Write `game` to `path` atomically; SaveError (one line) if it cannot be written."""
    target = Path(path)
    try:
        doc = save_data(game, meta=meta, source=source)
    except (TypeError, ValueError) as e:
        raise SaveError(target, f"cannot save: {e}") from None
    if target.is_dir():
        raise SaveError(target, "is a folder; choose a file name for the save")
    if not target.parent.is_dir():
        raise SaveError(target, f"cannot save: there is no folder '{target.parent}'")
    try:
        with atomic_text(target) as out:
            for chunk in _chunks(doc):
                out.write(chunk)
    except OSError as e:
        raise SaveError(target, f"cannot save: {e.strerror or e}") from None
    except (TypeError, ValueError) as e:
        raise SaveError(target, f"cannot save: {e}") from None
    return target


def _chunks(doc: dict[str, Any]):
    """The JSON text of a save, piece by piece (written straight into the temporary file)."""
    return json.JSONEncoder(indent=1, ensure_ascii=False, allow_nan=False).iterencode(doc)


def _check_meta(meta: Any) -> None:
    if not isinstance(meta, dict):
        raise TypeError(f"meta must be a dict, not {type(meta).__name__}")
    try:
        json.dumps(meta, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"meta must be plain JSON data ({e})") from None
    if any(not isinstance(k, str) for k in meta):
        raise ValueError("meta keys must be strings")


def level_source(level: Level, source: str | None = None) -> str:
    """What a save records as the level's source: the id for a bundled level, else the
    absolute path of the level file."""
    if source is None or source == level.id:
        return level.id
    path = Path(source)
    if path.is_file():
        return str(path.resolve())
    return source


# ---- reading -----------------------------------------------------------------------------------


def load_game(path: str | os.PathLike, *, level: Level | None = None) -> Game:
    """The game in the save at `path`, replayed and checked; SaveError if it is damaged.

    `level` overrides where the level is looked for (it must still have the saved content hash).
    """
    return open_save(path, level=level).game


def open_save(path: str | os.PathLike, *, level: Level | None = None) -> SavedGame:
    """`load_game`, with the save's meta, time and level source."""
    path = Path(path)
    save = _read(path)
    found = _find_level(path, save.level, level)
    problem = snapshot_problem(found, save.snapshot)
    if problem:
        raise SaveError(path, f"snapshot.{problem}")
    game = Game.new(found, save.seed)
    for n, entry in enumerate(save.log, 1):
        try:
            game.apply(entry.side, entry.action)
        except IllegalAction as e:
            raise SaveError(path, f"the log does not replay: step {n} ({SIDE_NAMES[entry.side]}: "
                                  f"{type(entry.action).__name__}) is illegal: {e}") from None
        except Exception as e:  # noqa: BLE001 - a damaged log must never become a traceback
            raise SaveError(path, f"the log does not replay: step {n} ({SIDE_NAMES[entry.side]}: "
                                  f"{type(entry.action).__name__}) fails ({type(e).__name__})") from None
    replayed = game.state_hash()
    if replayed != save.state_hash:
        raise SaveError(path, "the replayed game does not match the saved state hash "
                              f"(saved {save.state_hash[:12]}…, replayed {replayed[:12]}…): "
                              "the save was altered, or made with different rules")
    if save.snapshot != game.state:
        field = next((f.name for f in fields(GameState)
                      if getattr(save.snapshot, f.name) != getattr(game.state, f.name)), "?")
        raise SaveError(path, f"the snapshot does not match the replayed game (it differs in '{field}')")
    return SavedGame(path=str(path), game=game, meta=save.meta, saved_at=save.saved_at,
                     level_source=save.level.source, state_hash=save.state_hash)


def peek_save(path: str | os.PathLike) -> SaveInfo:
    """A save's header (level, year, players...) without finding the level or replaying;
    SaveError if the file is not a readable save. `load_game` still checks everything."""
    path = Path(path)
    save = _read(path)
    snap = save.snapshot
    return SaveInfo(path=str(path), level_id=save.level.id, level_source=save.level.source,
                    seed=save.seed, year=snap.year, phase=snap.phase, outcome=snap.outcome,
                    actions=len(save.log), saved_at=save.saved_at, meta=save.meta)


def _read(path: Path) -> SaveFile:
    """The save file structured and checked for everything that needs no level."""
    data = _read_json(path)
    if not isinstance(data, dict):
        raise SaveError(path, f"not a Bargaining Chips save (the file holds {kind(data)}, not an object)")
    if data.get("game") != GAME_NAME:
        raise SaveError(path, "not a Bargaining Chips save (no \"game\": \"bargaining-chips\" in it)")
    version = data.get("schema")
    if version is None:
        raise SaveError(path, "schema: missing (the save's version is required)")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(path, f"schema: expected a whole number, got {kind(version)}")
    if version != SCHEMA_VERSION:
        newer = " (made by a newer version of the game)" if version > SCHEMA_VERSION else ""
        raise SaveError(path, f"unknown save version {version}{newer}; this game reads version {SCHEMA_VERSION}")
    try:
        save = structure(data, SaveFile)
    except Bad as e:
        raise SaveError(path, str(e)) from None
    problem = _envelope_problem(save)
    if problem:
        raise SaveError(path, problem)
    return save


def _read_json(path: Path) -> Any:
    try:
        if not path.exists():
            raise SaveError(path, "no such file")
        if path.is_dir():
            raise SaveError(path, "is a folder, not a save file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SaveError(path, f"the file is {size:,} bytes, larger than {MAX_BYTES // 2**20} MB; "
                                  "refusing it")
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise SaveError(path, f"cannot read: {e.strerror or e}") from None
    if len(raw) > MAX_BYTES:
        raise SaveError(path, f"the file is larger than {MAX_BYTES // 2**20} MB; refusing it")
    if not raw.strip():
        raise SaveError(path, "the file is empty")
    if b"\x00" in raw:
        raise SaveError(path, "not a save: it is a binary file (it contains NUL bytes), not JSON")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data":
            raise SaveError(path, "the file is truncated (it ends in the middle of a character)") from None
        raise SaveError(path, f"not a save: not UTF-8 text (byte 0x{raw[e.start:e.start + 1].hex()} "
                              f"at offset {e.start})") from None
    try:
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        body = text.strip()
        if e.pos >= len(body) or (body.startswith("{") and not body.endswith("}")):
            raise SaveError(path, "the file is truncated (the JSON ends before it is complete)") from None
        raise SaveError(path, f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except Bad as e:
        raise SaveError(path, f"not valid save JSON: {e}") from None
    except RecursionError:
        raise SaveError(path, "not a save: the JSON is nested too deeply to read") from None
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        raise SaveError(path, f"not valid JSON: {e}") from None


def _no_constant(name: str) -> Any:
    raise Bad(f"{name} is not a number a save may hold")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise Bad(f"the key {json.dumps(key[:40])} appears twice in one object")
        out[key] = value
    return out


def _envelope_problem(save: SaveFile) -> str | None:
    ref = save.level
    if not _LEVEL_ID.match(ref.id) or len(ref.id) > 100:
        return f"level.id: not a level id: {kind(ref.id)}"
    if not _HASH.match(ref.content_hash):
        return "level.content_hash: expected 64 hexadecimal digits"
    if not ref.source or len(ref.source) > 4096 or "\x00" in ref.source:
        return "level.source: expected a level id or the path of a level file"
    if not 0 <= save.seed < 2**64:
        return f"seed: out of range (0 to 2**64 - 1), got {kind(save.seed)}"
    if not _HASH.match(save.state_hash):
        return "state_hash: expected 64 hexadecimal digits"
    if len(save.log) > MAX_ACTIONS:
        return f"log: {len(save.log):,} actions, more than a game can hold ({MAX_ACTIONS:,})"
    if save.snapshot.seed != save.seed:
        return f"snapshot.seed: {save.snapshot.seed} is not the save's seed {save.seed}"
    try:
        datetime.fromisoformat(save.saved_at)
    except ValueError:
        return f"saved_at: expected a date and time like 2024-05-01T10:30:00+00:00, got {kind(save.saved_at)}"
    return None


def snapshot_problem(level: Level, state: GameState) -> str | None:
    """The first value of a state that is out of range for `level`, as `path: reason`."""
    n_classes, n_sites, n_allies = len(level.classes), len(level.sites), len(level.allies)
    if not level.start_year <= state.year <= level.end_year:
        return f"year: {state.year} is outside the level's years ({level.start_year}–{level.end_year})"
    if state.phase not in PHASES:
        return f"phase: expected one of {', '.join(PHASES)}, got {kind(state.phase)}"
    if state.talks.stage not in STAGES:
        return f"talks.stage: expected one of {', '.join(STAGES)}, got {kind(state.talks.stage)}"
    if (state.phase == "over") != (state.outcome is not None):
        return "outcome: a game has an outcome exactly when it is over"
    if not 0.0 <= state.tension <= 100.0:
        return f"tension: {state.tension} is outside 0–100"
    if len(state.deployed) != n_classes or any(len(row) != n_sites for row in state.deployed):
        return f"deployed: expected {n_classes} rows of {n_sites} sites (the level's classes and sites)"
    for name in ("reserve", "progress", "pace", "produced"):
        if len(getattr(state, name)) != n_classes:
            return f"{name}: expected {n_classes} values (one per class of the level)"
    for ci, row in enumerate(state.deployed):
        if any(count < 0 for count in row) or state.reserve[ci] < 0 or state.produced[ci] < 0:
            return f"deployed[{ci}]: forces cannot be negative"
    for ci, pace in enumerate(state.pace):
        if pace not in ("cut", "slow", "full"):
            return f"pace[{ci}]: expected cut, slow or full, got {kind(pace)}"
    if any(p < 0 or not math.isfinite(p) for p in state.progress):
        return "progress: research progress cannot be negative"
    if len(state.allies) != n_allies:
        return f"allies: expected {n_allies} allies (the level's)"
    for ai, ally in enumerate(state.allies):
        if not 0 <= ally.pledge < len(PLEDGES):
            return f"allies[{ai}].pledge: expected 0–{len(PLEDGES) - 1}, got {ally.pledge}"
    for hi, record in enumerate(state.history):
        if not level.start_year <= record.year <= level.end_year:
            return f"history[{hi}].year: {record.year} is outside the level's years"
    return None


# ---- finding the level -------------------------------------------------------------------------

_LEVELS: OrderedDict[tuple, tuple[Level | None, str, str]] = OrderedDict()


_HASHES: OrderedDict[int, tuple[Level, str]] = OrderedDict()


def level_hash(level: Level) -> str:
    """`content_hash(level)`, remembered for the last few levels asked about."""
    hit = _HASHES.get(id(level))
    if hit is not None and hit[0] is level:
        return hit[1]
    digest = content_hash(level)
    _HASHES[id(level)] = (level, digest)
    while len(_HASHES) > 64:
        _HASHES.popitem(last=False)
    return digest


def _level_file(path: Path) -> tuple[Level | None, str, str]:
    """(level, content hash, problem) for a level file, cached while the file (and any it
    extends) is unchanged."""
    try:
        key = _file_key(path)
    except (OSError, ValueError):
        return None, "", "cannot be read"
    hit = _LEVELS.get(key)
    if hit is None:
        try:
            level = load_level(path)
            hit = (level, level_hash(level), "")
        except LevelError as e:
            hit = (None, "", e.problems[0] if e.problems else "cannot be read")
        except Exception as e:  # noqa: BLE001 - a broken level must not break loading a save
            hit = (None, "", f"cannot be read ({type(e).__name__})")
        try:
            key = _file_key(path)  # now with the files it extends
        except (OSError, ValueError):
            pass
        _LEVELS[key] = hit
        while len(_LEVELS) > 32:
            _LEVELS.popitem(last=False)
    return hit


def _file_key(path: Path) -> tuple:
    """A level file's path, and the time and size of it and of each file it extended when
    last loaded."""
    files = (path,) + extended_files(path)
    return (str(path.resolve()),) + tuple((st.st_mtime_ns, st.st_size) for st in map(Path.stat, files))


def _candidates(source: str, level_id: str, save_path: Path | None = None) -> list[Path]:
    """Where a level may be: its source path (as given, beside the save), then the bundled ones."""
    candidates: list[Path] = []
    if source != level_id or source.endswith(".toml"):
        p = Path(source)
        candidates.append(p)
        if save_path is not None:
            if not p.is_absolute():
                candidates.append(save_path.parent / p)
            candidates.append(save_path.parent / p.name)  # a level file handed in beside the save
    candidates.append(LEVELS_DIR / f"{level_id}.toml")
    candidates += sorted(LEVELS_DIR.glob("*.toml"))
    return candidates


def _levels_at(candidates: list[Path], level_id: str):
    """(level, hash, problem) for each readable candidate file, once each."""
    tried: set[Path] = set()
    for candidate in candidates:
        try:
            if candidate in tried or not candidate.is_file():
                continue
        except (OSError, ValueError):
            continue
        tried.add(candidate)
        level, digest, problem = _level_file(candidate)
        if level is None or level.id == level_id:
            yield level, digest, problem


def _base_level(source: str, level_id: str) -> Level | None:
    """The level file a game's level comes from (before any facilitator settings), if found."""
    for level, _, _ in _levels_at(_candidates(source, level_id), level_id):
        if level is not None:
            return level
    return None


_VARIANTS: OrderedDict[tuple[int, str], tuple[Level, Level | None]] = OrderedDict()


def _with_rules(level: Level, rules: dict[str, Any]) -> Level | None:
    """`level` with its rules table replaced (None if the rules do not make a valid level);
    the same object for the same level and rules, so per-level caches keep working."""
    text = json.dumps(rules, sort_keys=True, allow_nan=False)
    key = (id(level), text)
    hit = _VARIANTS.get(key)
    if hit is not None and hit[0] is level:
        return hit[1]
    data = level_to_dict(level)
    data["rules"] = rules
    try:
        variant = structure_level(data, "<save>")
    except (LevelError, RecursionError):
        variant = None
    _VARIANTS[key] = (level, variant)
    while len(_VARIANTS) > 32:
        _VARIANTS.popitem(last=False)
    return variant


def _find_level(save_path: Path, ref: LevelRef, given: Level | None) -> Level:
    changed = f"the level '{ref.id}' has changed since this game was saved"
    if given is not None:
        if given.id != ref.id:
            raise SaveError(save_path, f"the game was saved on level '{ref.id}', not '{given.id}'")
        if level_hash(given) != ref.content_hash:
            raise SaveError(save_path, changed)
        return given
    seen_changed, problem = False, ""
    for level, digest, trouble in _levels_at(_candidates(ref.source, ref.id, save_path), ref.id):
        if level is None:
            problem = problem or trouble
            continue
        if digest == ref.content_hash:
            return level
        if ref.rules is not None:  # played with facilitator settings: the file's level, those rules
            variant = _with_rules(level, ref.rules)
            if variant is not None and level_hash(variant) == ref.content_hash:
                return variant
        seen_changed = True
    if seen_changed:
        raise SaveError(save_path, changed)
    if problem and ref.source != ref.id:
        raise SaveError(save_path, f"the level '{ref.id}' cannot be read: {problem}")
    raise SaveError(save_path, f"the level '{ref.id}' cannot be found (it came from '{ref.source}')")


# ---- replaying and rewinding --------------------------------------------------------------------


def replay(level: Level, seed: int, log, upto: int | None = None) -> Game:
    """A new game on `level` with `seed`, with the first `upto` actions of `log` applied
    (all of them by default). IllegalAction if one is not allowed."""
    game = Game.new(level, seed)
    for side, action in list(log)[:upto]:
        game.apply(side, action)
    return game


def rewind_years(game: Game) -> tuple[int, ...]:
    """The years `rewind` can go back to: the first year up to the current one."""
    level = game.level
    return tuple(range(level.start_year, game.state.year + 1, level.years_per_round))


def rewind(game: Game, year: int) -> Game:
    """A new game replayed from `game`'s log up to the start of `year`'s orders phase (the
    original is untouched). ValueError if `year` is not one of `rewind_years(game)`."""
    years = rewind_years(game)
    if year not in years:
        shown = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        raise ValueError(f"cannot rewind to {year}: this game can go back to {shown}")
    level = game.level
    again = Game.new(level, game.state.seed)
    for side, action in game.log:
        if again.state.year >= year:
            break
        again.apply(side, action)
    return again


def year_starts(game: Game) -> dict[int, int]:
    """For each year the game reached, how many actions of the log come before its orders."""
    starts: dict[int, int] = {}
    again = Game.new(game.level, game.state.seed)
    starts[again.state.year] = 0
    for n, (side, action) in enumerate(game.log, 1):
        again.apply(side, action)
        starts.setdefault(again.state.year, n)
    return starts


# ---- one-line messages --------------------------------------------------------------------------


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 400 else text[:397] + "..."


def _shown(path: str) -> str:
    return path if path.isprintable() else repr(path)


__all__ = [
    "MAX_BYTES", "SaveError", "SaveInfo", "SavedGame", "level_hash", "level_source",
    "load_game", "open_save", "peek_save", "replay", "rewind", "rewind_years", "save_data",
    "save_game", "snapshot_problem", "year_starts",
]
