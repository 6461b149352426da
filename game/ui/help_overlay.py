"""F1 on any screen: that screen's keyboard shortcuts, drawn over it, dimmed.

The overlay is a scene whose parent is the screen it covers; it takes every key and click while
it is open (Escape, F1 or a click closes it) and draws itself after the widgets, so it covers
dialogs too. What it lists comes from `shortcuts_for(scene)`: a scene may say its own with a
`shortcuts()` method returning [(section title, [(keys, what they do), ...]), ...]; the
screens below are described here.
"""

from __future__ import annotations

import pygame

from game.ui.scene import Scene

Section = tuple[str, list[tuple[str, str]]]

ANYWHERE: Section = ("Anywhere", [
    ("F1", "Show or hide this help"),
    ("M", "Sound on or off"),
    ("Esc", "Back (asks first where a game would be lost)"),
])
MOVING = [("Tab, Shift+Tab", "Move between the buttons"), ("Up, Down", "The same")]

TABLES: dict[str, list[Section]] = {
    "MainMenu": [("Main menu", MOVING + [
        ("Left, Right", "The same"),
        ("Enter", "Choose the highlighted button"),
        ("Esc", "Quit (asks first)"),
    ])],
    "NewGame": [("New game", MOVING + [
        ("Left, Right", "Change the highlighted choice"),
        ("Enter", "Change a choice, or press a button"),
        ("0–9, Backspace", "Type the seed (when the seed box has the focus)"),
        ("Esc", "Back to the main menu"),
    ])],
    "Briefing": [("Briefing", [
        ("Tab, Left, Right", "Move between Back and Begin"),
        ("Enter", "Press the highlighted button"),
        ("Esc", "Back to the new-game screen"),
    ])],
    "SettingsScreen": [("Settings", MOVING + [
        ("Left, Right", "Change the highlighted setting (saved at once)"),
        ("Enter", "Change a setting, or press Back"),
        ("Esc", "Back to the main menu"),
    ])],
    "Confirm": [("Question", [
        ("Tab, Left, Right", "Move between the answers"),
        ("Enter", "Give the highlighted answer"),
        ("Esc", "Answer no"),
    ])],
}

MAP_COMMON: list[tuple[str, str]] = [
    ("Tab, Shift+Tab", "Move through the side panel's buttons (Up, Down: the same)"),
    ("Enter", "Press the highlighted button"),
    ("Left, Right", "Change the highlighted choice or pick an offer"),
    ("S, Shift+S", "Select the next / previous site (its range ring)"),
    ("Click, right-click", "Select a site on the map / clear the selection"),
    ("L", "Show or hide the map's key"),
    ("R", "Show or hide China's reach"),
    ("Esc", "Leave the game (asks first)"),
]
MAP_PANELS: dict[str, Section] = {
    "orders": ("Orders", [
        ("1, 2, 3, 4", "Research, Forces, Allies, News tab"),
        ("U, Ctrl+Z", "Take back the last order"),
        ("E", "End this year's orders (asks first)"),
    ]),
    "talks": ("Talks", [
        ("Left, Right", "On the offers list: pick the previous / next offer"),
    ]),
    "watch": ("Watching", [
        ("Space", "Pause or resume"),
        ("N", "Play one move"),
    ]),
    "over": ("Game over", [
        ("Tab, Enter", "Main menu"),
    ]),
}


REVIEW = [("Y", "The last year-end report"), ("C", "Charts of every index")]
GUIDE_KEYS = ("G", "Hide or show the tutorial's guide")  # on the map and at the table, in the tutorial


def map_sections(scene) -> list[Section]:
    extra = REVIEW if getattr(scene, "review", None) is not None else []
    if callable(getattr(scene, "save_now", None)):
        extra = extra + [("Ctrl+S", "Save the game as it is now")]
    if getattr(scene, "guide", None) is not None:
        extra = extra + [GUIDE_KEYS]
    common = MAP_COMMON[:-1] + extra + MAP_COMMON[-1:]
    sections = [("Map screen", common)]
    extra = MAP_PANELS.get(scene.panel_kind or "")
    if extra is not None:
        sections.insert(0, extra)
    return sections


def shortcuts_for(scene) -> list[Section]:
    """The sections of shortcuts for `scene`, with those that work anywhere last."""
    own = getattr(scene, "shortcuts", None)
    if callable(own):
        sections = list(own())
    elif type(scene).__name__ == "MapScreen":
        sections = map_sections(scene)
    else:
        sections = TABLES.get(type(scene).__name__) or [(
            "This screen", MOVING + [("Enter", "Press the highlighted button"), ("Esc", "Back")])]
    return sections + [ANYWHERE]


class HelpOverlay(Scene):
    captures_input = True  # the App gives it every event; the widgets under it get none

    def __init__(self, app, parent: Scene):
        super().__init__(app)
        self.parent = parent
        self.sections = shortcuts_for(parent)
        self.card: pygame.Surface | None = None
        self.dim: pygame.Surface | None = None

    def build(self) -> None:
        from game.ui.lettering import Lettering

        self.card = self.picture(Lettering(self.manager))

    def handle(self, event):
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1):
            return self.parent
        if event.type == pygame.MOUSEBUTTONDOWN:
            return self.parent
        return None

    def draw(self, surface) -> None:
        self.parent.draw(surface)

    def draw_over(self, surface) -> None:
        """After the widgets: dim everything, then the card in the middle."""
        if self.dim is None or self.dim.get_size() != surface.get_size():
            self.dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            self.dim.fill((0, 0, 0, self.palette.size("dim_alpha")))
        surface.blit(self.dim, (0, 0))
        if self.card is not None:
            surface.blit(self.card, self.card.get_rect(center=surface.get_rect().center))

    # ---- the card --------------------------------------------------------------------------

    def picture(self, text) -> pygame.Surface:
        p = self.palette
        m, gap = 2 * p.size("margin"), p.size("gap")
        fg, dim = p.colour("#map", "info_text"), p.colour("#map", "info_dim")
        key_w = max(text.size(k, "#help_key")[0] for _, rows in self.sections for k, _ in rows)
        what_w = max(text.size(w, "#help_text")[0] for _, rows in self.sections for _, w in rows)
        line = max(text.size("Ag", "#help_text")[1], text.size("Ag", "#help_key")[1]) + 2
        head = text.size("Ag", "@section")[1] + gap
        title_h = text.size("Ag", "@heading")[1] + gap
        col_w = key_w + 2 * gap + what_w
        heights = [head + line * len(rows) + gap for _, rows in self.sections]
        room = self.size[1] - 2 * m - title_h - 60
        columns = [[]]
        used = 0
        for i, h in enumerate(heights):  # a second column when one is too tall for the window
            if used + h > room and columns[-1] and len(columns) < 2:
                columns.append([])
                used = 0
            columns[-1].append(i)
            used += h
        width = len(columns) * col_w + (len(columns) - 1) * 2 * m + 2 * m
        height = title_h + max(sum(heights[i] for i in col) for col in columns) + 2 * m + line
        width = min(width, self.size[0] - 20)
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        card.fill(p.colour("#map", "info_bg"))
        pygame.draw.rect(card, p.colour("#map", "info_border"), card.get_rect(), 2, border_radius=6)
        text.draw(card, "Keyboard shortcuts", "@heading", fg, (m, m))
        for c, col in enumerate(columns):
            x, y = m + c * (col_w + 2 * m), m + title_h
            for i in col:
                title, rows = self.sections[i]
                text.draw(card, title, "@section", p.colour("#map", "chain_label"), (x, y))
                y += head
                for keys, what in rows:
                    text.draw(card, keys, "#help_key", fg, (x, y))
                    text.draw(card, what, "#help_text", dim, (x + key_w + 2 * gap, y))
                    y += line
                y += gap
        text.draw(card, "Esc or F1 closes this help", "#help_text", dim, (width - m, height - m // 2), "bottomright")
        return card
