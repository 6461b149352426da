"""The keyboard on the map screen: a focus that walks the side panel's widgets, and S for sites.

Tab / Shift+Tab (or Down / Up) move the focus through every enabled button of the side panel,
in reading order, container by container (tabs, then the tab's rows, then Undo and End orders).
A choice row (`‹ value ›`) is one stop: Left / Right change it. A list (the offers) is one stop:
Left / Right / Enter pick the previous or next item. Enter presses a button. Keys act by posting
the very event a click would post, so the panels need nothing extra. The focus shows as an
outline once a focus key is pressed, and hides on a mouse click.

S / Shift+S select the next / previous site on the map, as clicking it does.

The panel is walked afresh on each key: panels rebuild themselves after moves, and the focus
follows the widget it was on or, if that widget is gone, stays at the same place in the order.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import (
    UIButton,
    UIHorizontalScrollBar,
    UIScrollingContainer,
    UISelectionList,
    UIVerticalScrollBar,
)

from game.ui.scene import press

MOVE_KEYS = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN)
KEYS = MOVE_KEYS + (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_KP_ENTER)


class Stop:
    """One place the focus can be: a button, a choice row, or a list."""

    def __init__(self, widget, scroller=None, choice=None):
        self.widget = widget  # the button; a choice's value button; the list
        self.scroller = scroller  # the UIScrollingContainer it scrolls in, if any
        self.choice = choice

    @property
    def rect(self) -> pygame.Rect:
        if self.choice is not None:
            return self.choice.prev.rect.union(self.choice.next.rect)
        return pygame.Rect(self.widget.rect)

    def side(self, step: int) -> bool:
        """Left (-1) / Right (+1); True if the stop used it."""
        if self.choice is not None:
            press(self.choice.prev if step < 0 else self.choice.next)
            return True
        if isinstance(self.widget, UISelectionList):
            pick(self.widget, step)
            return True
        return False

    def enter(self) -> None:
        if self.choice is not None:
            press(self.choice.value)
        elif isinstance(self.widget, UISelectionList):
            pick(self.widget, 1)
        elif self.widget.is_enabled:
            press(self.widget)


def pick(lst: UISelectionList, step: int) -> None:
    """Select the next (step 1) or previous (-1) item of a single-selection list, as a click does."""
    items = lst.item_list
    if not items:
        return
    current = next((i for i, it in enumerate(items) if it["selected"]), None)
    new = (0 if step > 0 else len(items) - 1) if current is None else (current + step) % len(items)
    for i, it in enumerate(items):
        chosen = i == new
        if it["selected"] != chosen:
            it["selected"] = chosen
            button = it.get("button_element")
            if button is not None:
                button.select() if chosen else button.unselect()
    bar = getattr(lst, "scroll_bar", None)
    if bar is not None and lst.total_height_of_list > 0:
        view = lst.item_list_container.relative_rect.height
        top = new * lst.list_item_height
        start = bar.start_percentage * lst.total_height_of_list
        if top < start or top + lst.list_item_height > start + view:
            wanted = min(max(0, top - view // 2), max(0, lst.total_height_of_list - view))
            bar.set_scroll_from_start_percentage(wanted / lst.total_height_of_list)
    pygame.event.post(pygame.event.Event(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, {
        "text": items[new]["text"], "ui_element": lst, "ui_object_id": lst.most_specific_combined_id,
    }))


def _inner(element):
    """The container holding an element's children, or None."""
    if isinstance(element, UIScrollingContainer):
        return element.get_container()
    get = getattr(element, "get_container", None)
    if callable(get):
        inner = get()
        if inner is not element:
            return inner
    return element if hasattr(element, "elements") else None


def walk(container) -> list[Stop]:
    """Every enabled, visible button and list inside `container`, in reading order (each
    container's elements top to bottom, left to right), each with the scrolling container it
    scrolls in. The parts of scroll bars and lists are not stops of their own."""
    out: list[Stop] = []
    seen: set[int] = set()
    scrollers: dict[int, UIScrollingContainer] = {}
    parts_of = (UIVerticalScrollBar, UIHorizontalScrollBar, UISelectionList)

    def visit(c, depth: int) -> None:
        for el in sorted(c.elements, key=lambda e: (e.rect.top, e.rect.left)):
            if id(el) in seen or not el.visible:
                continue
            seen.add(id(el))
            if isinstance(el, (UIVerticalScrollBar, UIHorizontalScrollBar)):
                continue
            if isinstance(el, UISelectionList):
                if el.is_enabled and el.item_list:
                    out.append(Stop(el))
            elif isinstance(el, UIButton):
                if el.is_enabled and not isinstance(getattr(el, "parent_element", None), parts_of):
                    out.append(Stop(el))
            else:
                if isinstance(el, UIScrollingContainer):
                    scrollers[id(el.get_container())] = el
                inner = _inner(el)
                if inner is not None and inner is not c and depth < 16:
                    visit(inner, depth + 1)

    visit(container, 0)
    for stop in out:  # the scrolling container a stop sits in, if any
        c = getattr(stop.widget, "ui_container", None)
        for _ in range(16):
            if c is None or id(c) in scrollers:
                break
            c = getattr(c, "ui_container", None)
        stop.scroller = scrollers.get(id(c)) if c is not None else None
    return out


def group_choices(stops: list[Stop], choices) -> list[Stop]:
    """Each choice row's three buttons as one stop, where its first button was."""
    owner = {}
    for c in choices:
        for b in (c.prev, c.value, c.next):
            owner[id(b)] = c
    out, seen = [], set()
    for stop in stops:
        c = owner.get(id(stop.widget))
        if c is None:
            out.append(stop)
        elif id(c) not in seen:
            seen.add(id(c))
            out.append(Stop(c.value, stop.scroller, c))
    return out


def reveal(stop: Stop) -> None:
    """Scroll the stop's container so that the stop is in view."""
    sc = stop.scroller
    bar = getattr(sc, "vert_scroll_bar", None) if sc is not None else None
    if bar is None:
        return
    view = sc.rect
    content = sc.get_container()
    height = content.rect.height
    if height <= view.height:
        return
    rect = stop.rect
    if rect.top >= view.top and rect.bottom <= view.bottom:
        return
    offset = rect.top - content.rect.top  # where the stop is in the content
    wanted = min(max(0, offset - view.height // 3), height - view.height)
    bar.set_scroll_from_start_percentage(wanted / height)


class PanelKeys:
    def __init__(self, scene):
        self.scene = scene
        self.current = None  # the widget the focus is on
        self.index = 0
        self.visible = False
        self.kind = None  # the panel the focus is in

    def panel(self):
        s = self.scene
        return s.panels.get(s.panel_kind) if s.panel_kind else None

    def stops(self) -> list[Stop]:
        if self.scene.panel_kind != self.kind:  # another panel (orders → talks): start at its top, hidden
            self.kind, self.current, self.index, self.visible = self.scene.panel_kind, None, 0, False
        panel = self.panel()
        widget = getattr(panel, "panel", None)
        if widget is None or not widget.alive():
            return []
        return group_choices(walk(widget.get_container()), getattr(panel, "choices", ()))

    def focused(self, stops: list[Stop] | None = None) -> Stop | None:
        stops = self.stops() if stops is None else stops
        if not stops:
            return None
        for i, stop in enumerate(stops):
            if stop.widget is self.current:
                self.index = i
                return stop
        self.index = min(self.index, len(stops) - 1)
        self.current = stops[self.index].widget
        return stops[self.index]

    def move(self, step: int) -> None:
        stops = self.stops()
        if not stops:
            return
        self.focused(stops)  # follow the widget if the panel was rebuilt; keep the index in range
        if self.visible:
            self.index = (self.index + step) % len(stops)
        self.visible = True
        self.current = stops[self.index].widget
        reveal(stops[self.index])

    def handle(self, event) -> bool:
        """Act on a focus key (True if it was one); a click hides the focus."""
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.visible = False
            return False
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_s and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.next_site(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if event.key not in KEYS:
            return False
        if event.key in MOVE_KEYS:
            back = event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.move(-1 if back else 1)
            return True
        stop = self.focused() if self.visible else None
        if stop is None:
            return False
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            step = -1 if event.key == pygame.K_LEFT else 1
            if not stop.side(step):
                self.move(step)
        else:
            stop.enter()
        return True

    def next_site(self, step: int) -> None:
        s = self.scene
        sites = s.session.level.sites
        if not sites:
            return
        k = (0 if step > 0 else len(sites) - 1) if s.selected is None else (s.selected + step) % len(sites)
        s.selected = k
        if s.panel_kind == "orders":
            s.panels["orders"].show_site(k)
        s.say(f"Selected {sites[k].name}. S / Shift+S: next / previous site.")

    def draw(self, surface: pygame.Surface) -> None:
        """The focus outline, over the widgets."""
        if not self.visible:
            return
        stop = self.focused()
        if stop is None:
            return
        rect = stop.rect.inflate(4, 4)
        clip = surface.get_rect()
        if stop.scroller is not None:
            clip = clip.clip(stop.scroller.rect.inflate(4, 4))
        old = surface.get_clip()
        surface.set_clip(clip)
        pygame.draw.rect(surface, self.scene.palette.colour("#map", "selection"), rect, 2, border_radius=5)
        surface.set_clip(old)
