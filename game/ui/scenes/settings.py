"""Settings: window size, text size, colours, sound, map labels, the pace of watched games.

Every change takes effect at once and is saved at once (`App.settings_changed`); Escape or Back
returns to the main menu with nothing to lose.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel

from game.ui.choice import Choice
from game.ui.look import BASE_SIZE, PALETTE_WORDS, effective_scale
from game.ui.scene import FocusRing, Scene, key, pressed
from game.ui.settings_store import PALETTES, SCALES, VOLUMES, WINDOW_SIZES

LABELS = [("forces", "Sites with forces"), ("all", "Every site")]
SPEEDS = [(1.2, "Slow"), (0.6, "Normal"), (0.2, "Fast")]
SIZES = [(size, f"{size[0]} × {size[1]}") for size in WINDOW_SIZES]
TEXT_SIZES = [(s, f"{s}%" if s else "Auto (as large as the window holds)") for s in SCALES]
COLOURS = [(name, PALETTE_WORDS[name]) for name in PALETTES]
SOUND = [(False, "On"), (True, "Off")]
VOLUME = [(v, f"{v}%") for v in VOLUMES]


def _index(options, value) -> int:
    for i, (v, _) in enumerate(options):
        if v == value:
            return i
    return 0


def _nearest(options, value) -> int:
    return min(range(len(options)), key=lambda i: abs(options[i][0] - value))


def scale_note(chosen: int, size: tuple[int, int]) -> str:
    """What text size is used at this window size, and why, in one line."""
    used = effective_scale(chosen, size)
    if chosen == 0:
        return f"Text at {used}% for a {size[0]} × {size[1]} window."
    if used < chosen:
        need = (BASE_SIZE[0] * chosen // 100, BASE_SIZE[1] * chosen // 100)
        return f"{chosen}% needs a window of {need[0]} × {need[1]} or more: {used}% is used now."
    return ""


class SettingsScreen(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.focus = FocusRing()
        self._pending_size = None

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        rh, gap = p.size("row_height") + 8, p.size("gap") + 4
        line = p.size("row_height") * 3 // 4  # one line of small text
        form = min(p.size("form_width") + p.size("label_width"), w - 80)
        lw = p.size("label_width") + 30
        x0 = (w - form) // 2
        y = p.size("row_height") * 2
        UILabel(pygame.Rect(x0, y - rh // 2, form, rh + 8), "Settings", self.manager, container=self.root,
                object_id=ObjectID(class_id="@heading"))
        s = self.app.settings
        y += rh + gap

        def row(label: str, options, index: int, on_change, tooltip: str | None = None) -> Choice:
            nonlocal y
            choice = Choice(self.manager, self.root, pygame.Rect(x0, y, form, rh), label, options, index, lw,
                            on_change=on_change, tooltip=tooltip)
            y += rh + gap
            return choice

        current = tuple(self.app.screen.get_size())
        sizes = SIZES if any(v == current for v, _ in SIZES) else SIZES + [(current, f"{current[0]} × {current[1]}")]
        self.window = row("Window size", sizes, _index(sizes, current), self._window,
                          "You can also drag the window's edges.")
        self.scale = row("Text size", TEXT_SIZES, _index(TEXT_SIZES, s.scale), self._scale,
                         "Larger text and widgets, for big screens and projectors.")
        self.scale_note = UILabel(pygame.Rect(x0 + lw, y - gap + 2, form - lw, line),
                                  scale_note(s.scale, self.size), self.manager, container=self.root,
                                  object_id=ObjectID(class_id="@small"))
        y += line
        self.colours = row("Colours", COLOURS, _index(COLOURS, s.palette), self._colours,
                           "Colour-blind safe: Okabe–Ito colours for the sides, pledges and gauges.")
        self.sound = row("Sound", SOUND, _index(SOUND, s.muted), self._sound, "M turns the sound on or off anywhere.")
        self.volume = row("Volume", VOLUME, _nearest(VOLUME, s.volume), self._volume)
        if not self.app.sounds.enabled:
            UILabel(pygame.Rect(x0 + lw, y - gap + 2, form - lw, line), "No sound device: the game is silent.",
                    self.manager, container=self.root, object_id=ObjectID(class_id="@small"))
            y += line
        self.labels = row("Map labels", LABELS, _index(LABELS, s.labels), self._labels)
        self.speed = row("Watch speed", SPEEDS, _nearest(SPEEDS, s.watch_delay), self._speed,
                         "How long each move of a watched game stays on the screen.")
        self.choices = [self.window, self.scale, self.colours, self.sound, self.volume, self.labels, self.speed]
        store = self.app.store
        where = f"Saved in {store.path}" if store is not None else "Kept for this session only."
        UILabel(pygame.Rect(x0, h - 2 * rh - line - gap, form, line), where, self.manager, container=self.root,
                object_id=ObjectID(class_id="@small"))
        self.back = UIButton(pygame.Rect(x0, h - 2 * rh, p.size("button_width"), rh), "Back", self.manager,
                             container=self.root, tool_tip_text="Back to the main menu (Esc).")
        self.focus.set(self.choices + [self.back])

    # ---- changes -------------------------------------------------------------------------------

    def _changed(self) -> None:
        """Apply and save; keep the keyboard focus where it was if the screen is rebuilt."""
        focused = self.focus.index
        self.app.settings_changed()
        if self.focus.index != focused:
            self.focus.index = focused
            self.focus.show()

    def _window(self, index: int) -> None:
        self._pending_size = self.window.options[index][0]  # applied in update(): not inside an event

    def _scale(self, index: int) -> None:
        self.app.settings.scale = TEXT_SIZES[index][0]
        self._changed()
        if self.root is not None:
            self.scale_note.set_text(scale_note(self.app.settings.scale, self.size))

    def _colours(self, index: int) -> None:
        self.app.settings.palette = COLOURS[index][0]
        self._changed()

    def _sound(self, index: int) -> None:
        self.app.settings.muted = SOUND[index][0]
        self._changed()
        self.app.cue("click")

    def _volume(self, index: int) -> None:
        self.app.settings.volume = VOLUME[index][0]
        self._changed()
        self.app.cue("queued")  # hear the new volume

    def _labels(self, index: int) -> None:
        self.app.settings.labels = LABELS[index][0]
        self._changed()

    def _speed(self, index: int) -> None:
        self.app.settings.watch_delay = SPEEDS[index][0]
        self._changed()

    def update(self, dt: float):
        if self.root is not None and self.sound.index != _index(SOUND, self.app.settings.muted):
            self.sound.index = _index(SOUND, self.app.settings.muted)  # M was pressed
            self.sound.value.set_text(self.sound.text)
        size = self._pending_size
        if size is not None:
            self._pending_size = None
            try:
                pygame.display.set_mode(size, pygame.RESIZABLE)
            except pygame.error:
                return None
            from game.ui.app import centre_window

            centre_window()
            focused = self.focus.index
            self.app.resize(size)
            if tuple(size) in WINDOW_SIZES:
                self.app.settings.window = tuple(size)
            self.app.settings_changed()
            self.focus.index = focused
            self.focus.show()
        return None

    def handle(self, event):
        if key(event, pygame.K_ESCAPE) or pressed(event, self.back):
            from game.ui.scenes.menu import MainMenu

            return MainMenu(self.app)
        if self.focus.handle(event):
            return None
        for choice in self.choices:
            if choice.handle(event):
                self.focus.focus_on(choice)
                return None
        return None
