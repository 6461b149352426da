"""Scenes: one screen of the window each, and the keyboard focus ring they share.

A scene builds its widgets inside one root container (`layout(size)` throws the old ones away
and builds new ones for the window's size), takes every event in `handle(event)` and returns
the next scene, `QUIT`, or None to stay. State that must survive a resize lives on the scene,
never only in a widget. A popup scene keeps the scene it covers as its `parent`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer
from pygame_gui.elements import UIButton, UITextEntryLine

if TYPE_CHECKING:
    from game.ui.app import App


class _Quit:
    def __repr__(self) -> str:
        return "QUIT"


QUIT = _Quit()
"""Returned by `handle` to close the window."""


class Scene:
    parent: Scene | None = None

    def __init__(self, app: App):
        self.app = app
        self.root: UIContainer | None = None
        self.size: tuple[int, int] | None = None
        self.focus = FocusRing()

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def palette(self):
        return self.app.palette

    def layout(self, size: tuple[int, int]) -> None:
        """Build (or rebuild) every widget for a window of `size`."""
        self.close()
        self.size = size
        self.root = UIContainer(pygame.Rect(0, 0, *size), self.manager, starting_height=1)
        self.build()
        self.focus.show()

    def build(self) -> None:
        """Create the widgets in `self.root` (subclasses)."""

    def close(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    def handle(self, event: pygame.event.Event):
        return None

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.palette.colour("#map", "background"))


def pressed(event: pygame.event.Event, element=None) -> bool:
    """Whether `event` is a button press (of `element`, if given)."""
    if event.type != pygame_gui.UI_BUTTON_PRESSED:
        return False
    return element is None or event.ui_element is element


def key(event: pygame.event.Event, *keys: int) -> bool:
    return event.type == pygame.KEYDOWN and event.key in keys


def style_as(widget, object_id: str) -> None:
    """Give `widget` the theme's style for `object_id` (e.g. "#status_problem"), unless it has
    it already: a change of style draws the widget afresh, which costs a few milliseconds."""
    if object_id not in widget.object_ids:
        widget.change_object_id(ObjectID(object_id))


def press(button: UIButton) -> None:
    """Post the event a click on `button` would post (keyboard activation)."""
    pygame.event.post(pygame.event.Event(
        pygame_gui.UI_BUTTON_PRESSED,
        {"ui_element": button, "ui_object_id": button.most_specific_combined_id, "mouse_button": 1},
    ))


class FocusRing:
    """Which widget the keyboard acts on: Tab / arrows move, Enter activates.

    Items are buttons, text entry lines, or choices (anything with `focus_widget` and `step`).
    Up/Down and Tab/Shift+Tab move; Left/Right step a choice (or move, when `across` is set);
    Enter presses a button or steps a choice forward.
    """

    def __init__(self, across: bool = False):
        self.items: list = []
        self.index = 0
        self.across = across

    def set(self, items: list) -> None:
        self.items = [i for i in items if i is not None]
        self.index = min(self.index, max(0, len(self.items) - 1))
        self.show()

    @property
    def focused(self):
        return self.items[self.index] if self.items else None

    def focus_on(self, item) -> None:
        if item in self.items:
            self.index = self.items.index(item)
            self.show()

    def widget(self, item):
        return getattr(item, "focus_widget", item)

    def show(self) -> None:
        for i, item in enumerate(self.items):
            w = self.widget(item)
            if isinstance(w, UIButton):
                if i == self.index:
                    w.select()
                elif w.is_selected:
                    w.unselect()
        item = self.focused
        if item is None:
            return
        manager = self.widget(item).ui_manager
        if isinstance(item, UITextEntryLine):
            if item.alive():
                manager.set_focus_set(item)
        elif any(isinstance(e, UITextEntryLine) for e in manager.get_focus_set() or ()):
            manager.set_focus_set(None)

    def move(self, step: int) -> None:
        if self.items:
            self.index = (self.index + step) % len(self.items)
            self.show()

    def handle(self, event: pygame.event.Event) -> bool:
        """Act on a key; True if the key was the ring's."""
        if event.type != pygame.KEYDOWN or not self.items:
            return False
        for i, item in enumerate(self.items):  # the mouse may have put the caret in an entry line
            if isinstance(item, UITextEntryLine) and item.is_focused and i != self.index:
                self.index = i
        item = self.focused
        typing = isinstance(item, UITextEntryLine)
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif event.key == pygame.K_UP:
            self.move(-1)
        elif event.key == pygame.K_DOWN:
            self.move(1)
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT) and not typing:
            step = -1 if event.key == pygame.K_LEFT else 1
            if hasattr(item, "step"):
                item.step(step)
            elif self.across:
                self.move(step)
            else:
                return False
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not typing:
            if hasattr(item, "step"):
                item.step(1)
            elif isinstance(item, UIButton) and item.is_enabled:
                press(item)
        else:
            return False
        return True
