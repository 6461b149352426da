"""Settings: map labels, the pace of watched games, the window size."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel

from game.ui.choice import Choice
from game.ui.scene import FocusRing, Scene, key, pressed

LABELS = [("forces", "Sites with forces"), ("all", "Every site")]
SPEEDS = [(1.2, "Slow"), (0.6, "Normal"), (0.2, "Fast")]
SIZES = [((1280, 720), "1280 × 720"), ((1600, 900), "1600 × 900"), ((1920, 1080), "1920 × 1080")]


def _index(options, value) -> int:
    for i, (v, _) in enumerate(options):
        if v == value:
            return i
    return 0


class SettingsScreen(Scene):
    def __init__(self, app):
        super().__init__(app)
        self.focus = FocusRing()

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        rh, gap = p.size("row_height") + 8, p.size("gap") + 4
        form = min(p.size("form_width"), w - 80)
        lw = p.size("label_width") + 30
        x0 = (w - form) // 2
        UILabel(pygame.Rect(x0, 60, form, 40), "Settings", self.manager, container=self.root,
                object_id=ObjectID(class_id="@heading"))
        s = self.app.settings
        y = 130
        self.labels = Choice(self.manager, self.root, pygame.Rect(x0, y, form, rh), "Map labels", LABELS,
                             _index(LABELS, s.labels), lw, on_change=self._labels)
        self.speed = Choice(self.manager, self.root, pygame.Rect(x0, y + rh + gap, form, rh), "Watch speed", SPEEDS,
                            _index(SPEEDS, s.watch_delay), lw, on_change=self._speed)
        current = tuple(self.app.screen.get_size())
        sizes = SIZES if any(v == current for v, _ in SIZES) else SIZES + [(current, f"{current[0]} × {current[1]}")]
        self.window = Choice(self.manager, self.root, pygame.Rect(x0, y + 2 * (rh + gap), form, rh), "Window size",
                             sizes, _index(sizes, current), lw, on_change=self._window)
        self.choices = [self.labels, self.speed, self.window]
        UILabel(pygame.Rect(x0 + lw, y + 3 * (rh + gap), form - lw, 24),
                "You can also drag the window's edges to resize it.", self.manager, container=self.root,
                object_id=ObjectID(class_id="@small"))
        self.back = UIButton(pygame.Rect(x0, h - 90, p.size("button_width"), rh), "Back", self.manager, container=self.root,
                             tool_tip_text="Back to the main menu (Esc).")
        self.focus.set(self.choices + [self.back])

    def _labels(self, index: int) -> None:
        self.app.settings.labels = LABELS[index][0]

    def _speed(self, index: int) -> None:
        self.app.settings.watch_delay = SPEEDS[index][0]

    def _window(self, index: int) -> None:
        size = self.window.options[index][0]
        self._pending_size = size

    def update(self, dt: float):
        size = getattr(self, "_pending_size", None)
        if size is not None:
            self._pending_size = None
            try:
                pygame.display.set_mode(size, pygame.RESIZABLE)
            except pygame.error:
                return None
            focused = self.focus.index
            self.app.resize(size)
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
