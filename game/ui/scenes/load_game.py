"""The load screen: the saves in the save folder, newest first, one row each (level, year,
phase, outcome, who played, when it was saved). A damaged save is greyed, with its one-line
reason; choosing it says why it cannot be loaded and changes nothing. Choosing a good save
restores the game onto the map, with the side, opponent and difficulty it was played with.

Up/Down (or Tab) move through the rows, Enter or a click loads, Page Up/Page Down turn the
pages, Escape goes back to the menu.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel

from game.persist import SaveError, list_saves
from game.ui.saving import SaveRow, is_autosave, resume_save, save_folder, save_row
from game.ui.scene import FocusRing, Scene, key, pressed

COLUMNS = (("level", "Level", 0.20), ("year", "Year", 0.06), ("phase", "Phase", 0.09), ("outcome", "Outcome", 0.14),
           ("played", "Played", 0.19), ("saved_at", "Saved", 0.13), ("file", "File", 0.19))
EMPTY = ("No saves yet. Ctrl+S on the map saves a game; a game is also saved at the end of each year "
         "(autosave).")


def fit(text: str, font, width: int) -> str:
    """`text`, cut with an ellipsis to fit `width` pixels in `font`."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


class LoadScreen(Scene):
    def __init__(self, app, folder=None):
        super().__init__(app)
        self.folder = folder if folder is not None else save_folder()
        titles = {lv.id: lv.title for lv in app.resources.levels + tuple(lv for _, lv in app.resources.experiments)}
        self.rows: list[SaveRow] = [save_row(item, titles) for item in list_saves(self.folder)]
        self.page = 0
        self.per_page = 1
        self.buttons: dict = {}  # row button -> its SaveRow
        self.focus = FocusRing()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // self.per_page))

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        k = getattr(getattr(self.app, "look", None), "scale", 100) / 100
        m, rh, gap = p.size("margin"), p.size("row_height") + round(6 * k), p.size("gap")
        content = min(w - 2 * round(40 * k), p.size("content_width"))
        x0 = (w - content) // 2
        UILabel(pygame.Rect(x0, round(20 * k), content, round(40 * k)), "Load a saved game", self.manager,
                container=self.root, object_id=ObjectID(class_id="@heading"))
        UILabel(pygame.Rect(x0, round(58 * k), content, round(24 * k)),
                f"Saves in {self.folder}  ·  newest first  ·  a greyed save is damaged: choosing it says why",
                self.manager, container=self.root, object_id=ObjectID(class_id="@small"))
        top = round(96 * k)
        bh = p.size("row_height") + round(10 * k)
        bottom = h - bh - 2 * m - round(20 * k)
        xs, x = [], x0
        for _, _, share in COLUMNS:
            xs.append(x)
            x += int(content * share)
        for (_, title, share), cx in zip(COLUMNS, xs):
            UILabel(pygame.Rect(cx + m, top, int(content * share) - m, round(24 * k)), title, self.manager,
                    container=self.root, object_id=ObjectID(class_id="@small"))
        first = top + round(28 * k)
        self.per_page = max(1, (bottom - first) // (rh + 2))
        self.page = min(self.page, self.pages - 1)
        font = self.manager.get_theme().get_font(["label"])
        self.buttons = {}
        shown = self.rows[self.page * self.per_page:(self.page + 1) * self.per_page]
        y = first
        for row in shown:
            cell = ObjectID(class_id="@save_damaged" if row.damaged else "@save_cell")
            if row.damaged:
                cells = [(xs[0], int(content * COLUMNS[0][2]), row.file),
                         (xs[1], content - (xs[1] - x0), f"Damaged: {row.problem}")]
            else:
                saved = ("Auto · " if is_autosave(row.path) else "") + row.saved_at
                values = {"level": row.level, "year": row.year, "phase": row.phase, "outcome": row.outcome,
                          "played": row.played, "saved_at": saved, "file": row.file}
                cells = [(cx, int(content * share), values[name]) for (name, _, share), cx in zip(COLUMNS, xs)]
            for cx, cw, text in cells:
                UILabel(pygame.Rect(cx + m, y, cw - 2 * m, rh), fit(text, font, cw - 2 * m - 4), self.manager,
                        container=self.root, object_id=cell)
            tip = html.escape(row.file) + (f"<br>{html.escape(row.problem)}" if row.damaged else "")
            button = UIButton(pygame.Rect(x0, y, content, rh), "", self.manager, container=self.root,
                              object_id=ObjectID(class_id="@save_row"), tool_tip_text=tip)
            self.buttons[button] = row
            y += rh + 2
        if not self.rows:
            UILabel(pygame.Rect(x0, first + round(20 * k), content, round(30 * k)), EMPTY, self.manager,
                    container=self.root, object_id=ObjectID(class_id="@small"))
        by = h - bh - m - round(10 * k)
        bw = p.size("button_width")
        self.back = UIButton(pygame.Rect(x0, by, bw, bh), "Back", self.manager, container=self.root,
                             tool_tip_text="Back to the main menu (Esc).")
        self.newer = UIButton(pygame.Rect(x0 + content - 2 * bw - gap, by, bw, bh), "‹ Newer", self.manager,
                              container=self.root, tool_tip_text="The previous page (Page Up).")
        self.older = UIButton(pygame.Rect(x0 + content - bw, by, bw, bh), "Older ›", self.manager,
                              container=self.root, tool_tip_text="The next page (Page Down).")
        self.page_label = UILabel(pygame.Rect(x0 + bw + gap, by, content - 4 * bw - 3 * gap, bh),
                                  f"Page {self.page + 1} of {self.pages}  ·  {len(self.rows)} saves"
                                  if self.rows else "", self.manager, container=self.root,
                                  object_id=ObjectID(class_id="@small"))
        if self.page == 0:
            self.newer.disable()
        if self.page >= self.pages - 1:
            self.older.disable()
        self.focus.set(list(self.buttons) + [self.back, self.newer, self.older])

    def shortcuts(self):
        return [("Load a saved game", [
            ("Up, Down, Tab", "Move through the saves and buttons"),
            ("Enter, click", "Load the highlighted save"),
            ("Page Up, Page Down", "Newer / older saves"),
            ("Esc", "Back to the main menu"),
        ])]

    def turn(self, step: int, at_end: bool = False) -> None:
        page = max(0, min(self.pages - 1, self.page + step))
        if page == self.page:
            return
        self.page = page
        self.focus.index = (len(self.buttons_on(page)) - 1) if at_end else 0
        self.layout(self.size)

    def buttons_on(self, page: int) -> list:
        return self.rows[page * self.per_page:(page + 1) * self.per_page]

    def handle(self, event):
        if key(event, pygame.K_ESCAPE):
            return self.go_back()
        if key(event, pygame.K_PAGEDOWN):
            self.turn(1)
            return None
        if key(event, pygame.K_PAGEUP):
            self.turn(-1, at_end=True)
            return None
        rows = list(self.buttons)
        if rows and key(event, pygame.K_DOWN) and self.focus.focused is rows[-1] and self.page < self.pages - 1:
            self.turn(1)
            return None
        if rows and key(event, pygame.K_UP) and self.focus.focused is rows[0] and self.page > 0:
            self.turn(-1, at_end=True)
            return None
        if self.focus.handle(event):
            return None
        if pressed(event, self.back):
            return self.go_back()
        if pressed(event, self.newer):
            self.turn(-1)
            return None
        if pressed(event, self.older):
            self.turn(1)
            return None
        if event.type == pygame.MOUSEWHEEL:
            self.turn(-1 if event.y > 0 else 1)
            return None
        for button, row in self.buttons.items():
            if pressed(event, button):
                return self.choose(row)
        return None

    def choose(self, row: SaveRow):
        """Load the save, or say why it cannot be loaded (nothing else changes)."""
        from game.ui.scenes.notice import Notice

        if row.damaged:
            return Notice(self.app, self, "This save cannot be loaded", self.problem_html(row.file, row.problem))
        try:
            session = resume_save(row.path)
        except SaveError as exc:
            return Notice(self.app, self, "This save cannot be loaded", self.problem_html(row.file, exc.reason))
        from game.ui.scenes.map_screen import MapScreen

        screen = MapScreen(self.app, session, back=None)
        state = session.state
        screen.message = (f"Loaded {row.file}: {state.year}, {row.phase.lower()}. Ctrl+S saves again.", False)
        return screen

    @staticmethod
    def problem_html(name: str, reason: str) -> str:
        return (f"<b>{html.escape(name)}</b><br><br>{html.escape(reason)}<br><br>"
                f"<i>The file is left as it is; nothing else has changed.</i>")

    def go_back(self):
        from game.ui.scenes.menu import MainMenu

        return MainMenu(self.app)
