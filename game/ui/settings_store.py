"""The player's settings, kept between sessions in a small JSON file (no pygame here).

The file is `settings.json` in the user's config folder: `$XDG_CONFIG_HOME/bargaining-chips/`
(default `~/.config/bargaining-chips/`; `%APPDATA%\\bargaining-chips\\` on Windows). A missing
file gives the defaults. A damaged one (not JSON, an unknown key, a value out of range) is
ignored with one line on stderr, `warning: settings file PATH ignored: REASON`, and the game
starts with the defaults; the next change overwrites it. Saving never raises either: a folder
that cannot be written costs a warning, not the game.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import cattrs
from attrs import asdict, define, field
from attrs.validators import in_

from game.files import atomic_text

APP_FOLDER = "bargaining-chips"
FILE_NAME = "settings.json"

WINDOW_SIZES: tuple[tuple[int, int], ...] = ((1280, 720), (1600, 900), (1920, 1080))
SCALES: tuple[int, ...] = (0, 100, 125, 150)  # percent of the theme's sizes; 0 = follow the window
PALETTES: tuple[str, ...] = ("standard", "colourblind")
LABELS: tuple[str, ...] = ("forces", "all")
VOLUMES: tuple[int, ...] = tuple(range(0, 101, 10))
WATCH_DELAYS: tuple[float, ...] = (1.2, 0.6, 0.2)
MIN_WINDOW = (640, 480)
MAX_WINDOW = (7680, 4320)


def _window(instance, attribute, value) -> None:
    w, h = value
    if not (MIN_WINDOW[0] <= w <= MAX_WINDOW[0] and MIN_WINDOW[1] <= h <= MAX_WINDOW[1]):
        raise ValueError(f"window {w} × {h} is outside {MIN_WINDOW[0]} × {MIN_WINDOW[1]} to "
                         f"{MAX_WINDOW[0]} × {MAX_WINDOW[1]}")


def _between(lo: float, hi: float):
    def check(instance, attribute, value) -> None:
        if not lo <= value <= hi:
            raise ValueError(f"{attribute.name} must be from {lo:g} to {hi:g}, not {value:g}")

    return check


@define
class Settings:
    """What the settings screen changes. `scale` 0 means: the largest size the window holds."""

    window: tuple[int, int] = field(default=(1280, 720), validator=_window)
    scale: int = field(default=100, validator=in_(SCALES))
    palette: str = field(default="standard", validator=in_(PALETTES))
    volume: int = field(default=70, validator=_between(0, 100))  # percent
    muted: bool = False
    labels: str = field(default="forces", validator=in_(LABELS))  # "forces": sites with forces; "all"
    watch_delay: float = field(default=0.6, validator=_between(0.0, 10.0))  # seconds between watched moves


# ---- reading and writing ------------------------------------------------------------------------


class SettingsError(ValueError):
    """The settings file cannot be used; the message is one line."""


def _strict(kind: type, words: str):
    def structure(value, _):
        if isinstance(value, bool) and kind is not bool:
            raise ValueError(f"expected {words}, got true/false")
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            raise ValueError(f"expected {words}, got {type(value).__name__}")
        return value

    return structure


def _reason(exc: BaseException, kind) -> str:
    """One problem in words, for `cattrs.transform_error` ("... @ .field" follows it)."""
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown setting {', '.join(sorted(map(repr, exc.extra_fields)))}"
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    if isinstance(exc, (ValueError, TypeError)) and exc.args:
        return str(exc.args[0])
    return cattrs.v.format_exception(exc, kind)


def _converter() -> cattrs.Converter:
    c = cattrs.Converter(forbid_extra_keys=True)
    c.register_structure_hook(bool, _strict(bool, "true or false"))
    c.register_structure_hook(int, _strict(int, "a whole number"))
    c.register_structure_hook(float, _strict(float, "a number"))
    c.register_structure_hook(str, _strict(str, "text"))
    return c


CONVERTER = _converter()


def config_dir(environ=None) -> Path:
    """The folder the settings file lives in (not created here)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CONFIG_HOME", "").strip()
    if base and os.path.isabs(base):
        return Path(base) / APP_FOLDER
    if sys.platform == "win32" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / APP_FOLDER
    return Path.home() / ".config" / APP_FOLDER


def settings_path(environ=None) -> Path:
    return config_dir(environ) / FILE_NAME


def parse(text: str) -> Settings:
    """Settings from the file's text; SettingsError (one line) if they cannot be used."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise SettingsError("not JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise SettingsError("the top level must be a JSON object")
    if "window" in data:
        if not isinstance(data["window"], list) or len(data["window"]) != 2:
            raise SettingsError("window: expected [width, height]")
        data["window"] = tuple(data["window"])
    try:
        return CONVERTER.structure(data, Settings)
    except Exception as exc:  # cattrs' exception groups, ValueError from a validator
        if not isinstance(exc, cattrs.BaseValidationError):
            raise SettingsError(str(exc)) from None
        reasons = []
        for line in cattrs.transform_error(exc, path="", format_exception=_reason)[:3]:
            reason, _, where = line.rpartition(" @ ")
            where = where.lstrip(".")
            reasons.append(f"{where}: {reason}" if where and not reason.startswith(where.split("[")[0]) else reason)
        raise SettingsError("; ".join(" ".join(r.split()) for r in reasons)) from None


def dumps(settings: Settings) -> str:
    data = asdict(settings)
    data["window"] = list(settings.window)
    return json.dumps(data, indent=2) + "\n"


def warn(message: str) -> None:
    print(f"warning: {' '.join(message.split())}", file=sys.stderr)


class SettingsFile:
    """Where the settings are kept: `load()` never fails, `save()` never raises."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else settings_path()

    def load(self) -> Settings:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError) as exc:
            warn(f"settings file {self.path} ignored: cannot read it ({exc.__class__.__name__})")
            return Settings()
        try:
            return parse(text)
        except SettingsError as exc:
            warn(f"settings file {self.path} ignored: {exc}")
            return Settings()

    def save(self, settings: Settings) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_text(self.path) as out:
                out.write(dumps(settings))
        except OSError as exc:
            warn(f"settings not saved to {self.path}: {exc.strerror or exc.__class__.__name__}")
            return False
        return True
