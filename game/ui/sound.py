"""Short sound effects, synthesised with numpy when the window opens (no sound files).

`Sounds.open(volume, muted)` starts the mixer and builds one `pygame.mixer.Sound` per cue; with
no sound device (or no mixer at all) it returns a silent `Sounds` whose `play` does nothing.
`cues(before, after, player)` names what a change of the game deserves (a year ending, a treaty
signed, a crisis, the player's order queued); the window plays the loudest of a frame's cues.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 44100
# The cues, most important first: one frame plays only the first of those it has.
CUES = ("crisis", "treaty", "year_end", "illegal", "queued", "click")


# ---- synthesis ----------------------------------------------------------------------------------


def _t(seconds: float, rate: int) -> np.ndarray:
    return np.arange(int(seconds * rate)) / rate


def _envelope(n: int, rate: int, attack: float = 0.004, decay: float = 8.0) -> np.ndarray:
    """A quick rise and an exponential fall, so that no cue clicks at its ends."""
    t = np.arange(n) / rate
    env = np.exp(-decay * t)
    a = max(1, int(attack * rate))
    env[:a] *= np.linspace(0.0, 1.0, a)
    tail = min(n, int(0.01 * rate))
    env[n - tail:] *= np.linspace(1.0, 0.0, tail)
    return env


def _tone(freq: float, seconds: float, rate: int, decay: float = 8.0, harmonics=(1.0, 0.3, 0.1)) -> np.ndarray:
    t = _t(seconds, rate)
    wave = sum(a * np.sin(2 * np.pi * freq * (k + 1) * t) for k, a in enumerate(harmonics))
    return wave / sum(harmonics) * _envelope(len(t), rate, decay=decay)


def _notes(freqs, step: float, length: float, rate: int, decay: float = 6.0) -> np.ndarray:
    """Notes starting every `step` seconds, each ringing for `length`."""
    note_n = int(length * rate)
    starts = [int(i * step * rate) for i in range(len(freqs))]
    out = np.zeros(starts[-1] + note_n)
    for start, f in zip(starts, freqs):
        out[start:start + note_n] += _tone(f, length, rate, decay)[:note_n]
    return out


def waves(rate: int = RATE) -> dict[str, np.ndarray]:
    """Each cue as mono samples in [-1, 1]."""
    click = _tone(1800.0, 0.03, rate, decay=120.0, harmonics=(1.0,))
    queued = _notes((660.0, 990.0), 0.06, 0.12, rate, decay=30.0)
    t = _t(0.22, rate)
    buzz = np.sign(np.sin(2 * np.pi * 140.0 * t)) * 0.5 + np.sin(2 * np.pi * 147.0 * t) * 0.5
    gate = 0.5 * (1 + np.tanh(12 * (np.sin(2 * np.pi * 9 * t) + 0.3)))  # two short buzzes, soft-edged
    illegal = buzz * _envelope(len(t), rate, decay=10.0) * gate
    year_end = _notes((523.25, 659.25, 783.99), 0.11, 0.5, rate, decay=6.0)
    treaty = _notes((392.0, 523.25, 659.25, 783.99, 1046.5), 0.12, 0.9, rate, decay=4.0)
    t = _t(0.9, rate)
    pitch = 620.0 + 180.0 * np.tanh(6 * np.sin(2 * np.pi * 3.3 * t))  # two tones, switched smoothly
    siren = np.sin(2 * np.pi * np.cumsum(pitch) / rate)  # the phase runs on: no clicks at the switches
    crisis = siren * _envelope(len(t), rate, decay=1.5)
    out = {"click": click * 0.5, "queued": queued * 0.6, "illegal": illegal * 0.5,
           "year_end": year_end * 0.6, "treaty": treaty * 0.6, "crisis": crisis * 0.5}
    return {k: np.clip(v, -1.0, 1.0) for k, v in out.items()}


def _samples(wave: np.ndarray, size: int, channels: int) -> np.ndarray:
    """Mono float samples in the mixer's format: (n,) for mono, (n, channels) otherwise."""
    if size == -16:
        data = (wave * 32767).astype(np.int16)
    elif size == 16:
        data = ((wave + 1.0) * 32767.5).astype(np.uint16)
    elif size == 32:
        data = wave.astype(np.float32)
    elif size == 8:
        data = ((wave + 1.0) * 127.5).astype(np.uint8)
    elif size == -8:
        data = (wave * 127).astype(np.int8)
    else:
        raise ValueError(f"mixer sample size {size} not supported")
    return data if channels == 1 else np.repeat(data[:, None], channels, axis=1)


# ---- playing -----------------------------------------------------------------------------------------


class Sounds:
    """The cues, their volume and the mute switch; silent when there is no sound device."""

    def __init__(self, sounds: dict | None = None, volume: int = 70, muted: bool = False):
        self.sounds = sounds or {}
        self.volume = volume
        self.muted = muted
        self.played: list[str] = []  # what play() sent to the mixer, for tests (last 20)
        self.set_volume(volume)

    @classmethod
    def open(cls, volume: int = 70, muted: bool = False) -> Sounds:
        """Start the mixer and synthesise the cues; a silent Sounds if either fails."""
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
            rate, size, channels = pygame.mixer.get_init()
            sounds = {name: pygame.sndarray.make_sound(np.ascontiguousarray(_samples(w, size, channels)))
                      for name, w in waves(rate).items()}
        except (pygame.error, ValueError, TypeError, NotImplementedError, ImportError):
            return cls({}, volume, muted)
        return cls(sounds, volume, muted)

    @property
    def enabled(self) -> bool:
        return bool(self.sounds)

    def set_volume(self, volume: int) -> None:
        self.volume = max(0, min(100, int(volume)))
        for s in self.sounds.values():
            s.set_volume(self.volume / 100)

    def set_muted(self, muted: bool) -> None:
        self.muted = bool(muted)
        if self.muted and self.enabled:
            pygame.mixer.stop()

    def play(self, name: str) -> None:
        if self.muted or self.volume == 0:
            return
        sound = self.sounds.get(name)
        if sound is None:
            return
        sound.play()
        self.played.append(name)
        del self.played[:-20]


def loudest(names) -> str | None:
    """The most important of the cues named (see CUES), or None."""
    found = [CUES.index(n) for n in names if n in CUES]
    return CUES[min(found)] if found else None


def cues(before, after, player: str | None) -> list[str]:
    """What the change from state `before` to `after` sounds like."""
    out = []
    if after.outcome == "Crisis" and before.outcome != "Crisis":
        out.append("crisis")
    new_events = [e for e in after.events if e not in before.events]
    if any("crisis" in e for e in new_events):
        out.append("crisis")
    if after.talks.signed_year is not None and before.talks.signed_year is None:
        out.append("treaty")
    if after.year != before.year or (after.is_over and not before.is_over):
        out.append("year_end")
    if player is not None:
        mine_before, mine_after = before.side(player).pending, after.side(player).pending
        if len(mine_after) > len(mine_before):
            out.append("queued")
    return out
