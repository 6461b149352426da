"""A choice among a few options, as a row: `label   ‹  value  ›`.

Click the value or › for the next option, ‹ for the previous one; with the keyboard focus on
it, Left/Right and Enter do the same. The chosen index lives here; the scene copies it out in
`on_change` so it survives a rebuild.
"""

from __future__ import annotations

from typing import Callable, Sequence

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

from game.ui.lettering import Lettering

ARROW_WIDTH = 36
LABEL_GAP = 10  # between a choice's label and its ‹ button


def label_width(manager: pygame_gui.UIManager, *labels: str) -> int:
    """A `label_width` that holds the widest of `labels` in the theme's font for row labels."""
    size = Lettering(manager).size
    return max(size(text, "@row_label")[0] for text in labels) + LABEL_GAP


class Choice:
    def __init__(
        self,
        manager: pygame_gui.UIManager,
        container,
        rect: pygame.Rect,
        label: str,
        options: Sequence[tuple[object, str]],
        index: int = 0,
        label_width: int = 0,
        on_change: Callable[[int], None] | None = None,
        object_id: str | None = None,
        tooltip: str | None = None,
    ):
        if not options:
            raise ValueError(f"choice '{label}' has no options")
        self.options = list(options)
        self.index = index % len(self.options)
        self.on_change = on_change
        x, y, w, h = rect
        self.label = None
        if label_width:
            self.label = UILabel(pygame.Rect(x, y, label_width - LABEL_GAP, h), label, manager, container=container,
                                 object_id=pygame_gui.core.ObjectID(class_id="@row_label"))
        x += label_width
        w -= label_width
        arrows = pygame_gui.core.ObjectID(class_id="@arrow_button")
        self.prev = UIButton(pygame.Rect(x, y, ARROW_WIDTH, h), "‹", manager, container=container,
                             object_id=arrows, tool_tip_text=f"Previous {label.lower()}")
        oid = pygame_gui.core.ObjectID(object_id=object_id, class_id="@choice")
        self.value = UIButton(pygame.Rect(x + ARROW_WIDTH + 4, y, w - 2 * ARROW_WIDTH - 8, h), self.text,
                              manager, container=container, object_id=oid, tool_tip_text=tooltip)
        self.next = UIButton(pygame.Rect(x + w - ARROW_WIDTH, y, ARROW_WIDTH, h), "›", manager,
                             container=container, object_id=arrows, tool_tip_text=f"Next {label.lower()}")

    @property
    def focus_widget(self) -> UIButton:
        return self.value

    @property
    def ui_manager(self):
        return self.value.ui_manager

    @property
    def text(self) -> str:
        return self.options[self.index][1]

    @property
    def chosen(self):
        return self.options[self.index][0]

    def step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.options)
        self.value.set_text(self.text)
        if self.on_change is not None:
            self.on_change(self.index)

    def handle(self, event: pygame.event.Event) -> bool:
        """Step on a click of one of its buttons; True if the event was for this choice."""
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        if event.ui_element is self.prev:
            self.step(-1)
        elif event.ui_element in (self.value, self.next):
            self.step(1)
        else:
            return False
        return True

    def buttons(self) -> tuple[UIButton, UIButton, UIButton]:
        return self.prev, self.value, self.next
