"""The new-game screen: side, opponent, difficulty, level and seed (or, to watch, two opponents;
for a hotseat game, two players, only the level and seed), and the facilitator's class settings
(`game.ui.facilitator_form`: time limit, events, an injected event, a hidden opponent)."""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from game.ai.profile import profiles
from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, PERSONALITIES
from game.model.level import SIDE_NAMES, SIDE_SHORT, SIDES
from game.ui.choice import Choice
from game.ui.facilitator_form import FacilitatorForm
from game.ui.lettering import line_height
from game.ui.scene import Scene, key, pressed
from game.ui.session import SEED_LIMIT, GameSetup, random_seed

DEFAULT_LEVEL = "baseline-2020"

def first_paragraph(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    return paragraphs[0] if paragraphs else ""


def persona_title(name: str) -> str:
    return profiles().personalities[name].title


class NewGame(Scene):
    def __init__(self, app, watch: bool = False, hotseat: bool = False):
        super().__init__(app)
        self.watch = watch
        self.hotseat = hotseat and not watch
        self.class_form = None if watch else FacilitatorForm(self.hotseat)
        # The bundled levels, then the experiments; each with the name a game setup gives it (a
        # bundled level's id, an experiment's file).
        self.levels = list(app.resources.levels) + [lv for _, lv in app.resources.experiments]
        self.level_names = [lv.id for lv in app.resources.levels] + [path for path, _ in app.resources.experiments]
        ids = self.level_names
        default_difficulty = DIFFICULTIES.index(DEFAULT_DIFFICULTY) if DEFAULT_DIFFICULTY in DIFFICULTIES else 0
        self.picks = {
            "side": 0,
            "opponent": PERSONALITIES.index("pragmatist") if "pragmatist" in PERSONALITIES else 0,
            "us": 0,
            "china": min(1, len(PERSONALITIES) - 1),
            "difficulty": default_difficulty,
            "china_difficulty": default_difficulty,
            "level": ids.index(DEFAULT_LEVEL) if DEFAULT_LEVEL in ids else 0,
        }
        self.seed = random_seed()
        self.problem = ""
        if self.class_form is not None:
            self.class_form.set_level(self.levels[self.picks["level"]])

    # ---- widgets -------------------------------------------------------------------------------

    def _choice(self, rect, label, name, options) -> Choice:
        def remember(index: int, name=name) -> None:
            self.picks[name] = index
            if name == "level" and self.class_form is not None:
                self.class_form.set_level(self.levels[index])  # the injectable events are the level's own
            self.refresh_summary()

        return Choice(self.manager, self.root, rect, label, options, self.picks[name],
                      label_width=self.palette.size("label_width"), on_change=remember)

    def build(self) -> None:
        w, h = self.size
        p = self.palette
        m, rh, gap = p.size("margin"), p.size("row_height") + 8, p.size("gap") + 4
        content = min(w - 80, p.size("content_width"))
        lw = p.size("label_width")
        x0 = (w - content) // 2
        form = min(p.size("form_width"), content // 2)
        heading = ("Watch two scripted opponents" if self.watch else
                   "Hotseat: two players at one machine, one side each" if self.hotseat else "New game")
        heading_h, small_h = line_height(self.manager, "@heading"), line_height(self.manager, "@small")
        UILabel(pygame.Rect(x0, 24, content, heading_h), heading, self.manager, container=self.root,
                object_id=ObjectID(class_id="@heading"))
        personas = [(n, persona_title(n)) for n in PERSONALITIES]
        y = 24 + heading_h + 3 * gap
        rows: list = []
        if self.watch:
            rows.append(self._choice(pygame.Rect(x0, y, form, rh), "United States", "us", personas))
            rows.append(self._choice(pygame.Rect(x0, y + (rh + gap), form, rh), "China", "china", personas))
        elif not self.hotseat:
            sides = [(s, SIDE_NAMES[s]) for s in SIDES]
            rows.append(self._choice(pygame.Rect(x0, y, form, rh), "Your side", "side", sides))
            rows.append(self._choice(pygame.Rect(x0, y + (rh + gap), form, rh), "Opponent", "opponent", personas))
        if not self.hotseat:  # watching, each side has a difficulty of its own
            diffs = [(d, d.capitalize()) for d in DIFFICULTIES]
            for label, name in ((("U.S. difficulty", "difficulty"), ("China difficulty", "china_difficulty"))
                                if self.watch else (("Difficulty", "difficulty"),)):
                rows.append(self._choice(pygame.Rect(x0, y + len(rows) * (rh + gap), form, rh), label, name, diffs))
        levels = [(name, lv.title) for name, lv in zip(self.level_names, self.levels)]
        rows.append(self._choice(pygame.Rect(x0, y + len(rows) * (rh + gap), form, rh), "Level", "level", levels))
        self.choices = rows
        sy = y + len(rows) * (rh + gap)
        UILabel(pygame.Rect(x0, sy, lw - 10, rh), "Seed", self.manager, container=self.root,
                object_id=ObjectID(class_id="@row_label"))
        entry_w = form - lw - 130
        self.seed_entry = UITextEntryLine(pygame.Rect(x0 + lw, sy, entry_w, rh), self.manager,
                                          container=self.root, object_id=ObjectID("#seed"))
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(len(str(SEED_LIMIT - 1)))
        self.seed_entry.set_text(str(self.seed))
        self.reroll = UIButton(pygame.Rect(x0 + form - 120, sy, 120, rh), "Random", self.manager,
                               container=self.root, tool_tip_text="Pick a new random seed.")
        ty = sy + rh + 4
        UILabel(pygame.Rect(x0 + lw, ty, form - lw, small_h),
                "The same seed and choices replay the same game.", self.manager, container=self.root,
                object_id=ObjectID(class_id="@small"))
        ty += small_h + 6
        status_h = line_height(self.manager, "#status_problem")
        self.status = UILabel(pygame.Rect(x0, ty, form, status_h), self.problem, self.manager,
                              container=self.root, object_id=ObjectID("#status_problem"))
        ty += status_h + 10
        for words in ("Up/Down or Tab: move  ·  Left/Right: change", "Enter: choose  ·  Esc: back to the menu"):
            UILabel(pygame.Rect(x0, ty, form, small_h), words, self.manager, container=self.root,
                    object_id=ObjectID(class_id="@small"))
            ty += small_h
        sx = x0 + form + 3 * m
        bottom = h - 90
        class_rows = []
        top = y
        if self.class_form is not None:
            self.class_form.set_level(self.levels[self.picks["level"]])
            UILabel(pygame.Rect(sx, y - 4, x0 + content - sx, rh - 8), "Class settings (for a facilitator)",
                    self.manager, container=self.root, object_id=ObjectID(class_id="@section"))
            crh = p.size("row_height") + 4
            class_rows = self.class_form.build(self.manager, self.root,
                                               pygame.Rect(sx, y + rh - 8, x0 + content - sx, crh), crh,
                                               p.size("gap") - 2, lw, on_change=self.refresh_summary)
            top = y + rh - 8 + len(class_rows) * (crh + p.size("gap") - 2) + m
        self.summary = UITextBox("", pygame.Rect(sx, top, x0 + content - sx, bottom - top - m), self.manager,
                                 container=self.root)
        bw, bh = p.size("button_width"), p.size("row_height") + 10
        self.back = UIButton(pygame.Rect(x0, bottom, bw, bh), "Back", self.manager, container=self.root,
                             tool_tip_text="Back to the main menu (Esc).")
        self.start = UIButton(pygame.Rect(x0 + content - bw - 40, bottom, bw + 40, bh),
                              "Watch" if self.watch else "Start" if self.hotseat else "Continue", self.manager,
                              container=self.root,
                              object_id=ObjectID(class_id="@primary_button"))
        self.focus.set(rows + [self.seed_entry, self.reroll] + class_rows + [self.back, self.start])
        self.refresh_summary()

    def refresh_summary(self) -> None:
        level = self.levels[self.picks["level"]]
        years = f"{level.start_year}–{level.end_year}"
        parts = [f"<b>{html.escape(level.title)}</b>  <i>({years}, {level.rounds} rounds)</i>",
                 html.escape(first_paragraph(level.briefing))]
        if self.watch:
            for side in SIDES:
                name = PERSONALITIES[self.picks[side]]
                parts.append(self._persona_line(SIDE_NAMES[side], name))
        elif self.hotseat:
            parts.append("<b>Two players, one screen.</b> Each side's orders stay hidden until both have given "
                         "theirs; the screen is covered whenever it changes hands.")
        else:
            side = SIDES[self.picks["side"]]
            obj = level.objectives.get(side)
            if obj is not None:
                parts.append(f"<b>Your aim as {SIDE_NAMES[side]}:</b> {html.escape(obj.summary)}")
            parts.append(self._persona_line("Opponent", PERSONALITIES[self.picks["opponent"]]))
        if self.watch:
            us, china = (DIFFICULTIES[self.picks[pick]] for pick in ("difficulty", "china_difficulty"))
            if us == china:
                parts.append(self._difficulty_line("Difficulty, both sides", us))
            else:
                parts += [self._difficulty_line(f"{SIDE_SHORT[side]} difficulty", name)
                          for side, name in zip(SIDES, (us, china))]
        elif not self.hotseat:
            parts.append(self._difficulty_line("Difficulty", DIFFICULTIES[self.picks["difficulty"]]))
        if self.class_form is not None:
            parts.append(self.class_form.summary_html())
        self.summary.set_text("<br><br>".join(parts))

    @staticmethod
    def _difficulty_line(label: str, name: str) -> str:
        words = profiles().difficulties[name].description
        return f"<b>{html.escape(label)}: {html.escape(name.capitalize())}.</b> {html.escape(words)}"

    @staticmethod
    def _persona_line(who: str, name: str) -> str:
        persona = profiles().personalities[name]
        return f"<b>{html.escape(who)}: {html.escape(persona.title)}.</b> {html.escape(persona.description)}"

    # ---- events ----------------------------------------------------------------------------------

    def read_seed(self) -> int | None:
        text = self.seed_entry.get_text().strip()
        if not text:
            return random_seed()
        try:
            value = int(text)
        except ValueError:
            return None
        return value if 0 <= value < SEED_LIMIT else None

    def setup(self) -> GameSetup | None:
        seed = self.read_seed()
        if seed is None:
            self.problem = f"The seed must be a whole number from 0 to {SEED_LIMIT - 1}."
            self.status.set_text(self.problem)
            return None
        self.seed = seed
        level = self.level_names[self.picks["level"]]
        difficulty = DIFFICULTIES[self.picks["difficulty"]]
        if self.watch:
            us, china = PERSONALITIES[self.picks["us"]], PERSONALITIES[self.picks["china"]]
            return GameSetup.for_watching(us, china, level, seed, difficulty,
                                          DIFFICULTIES[self.picks["china_difficulty"]])
        fac = self.class_form.facilitation()
        if self.hotseat:
            return GameSetup.for_hotseat(level, seed, fac)
        side = SIDES[self.picks["side"]]
        return GameSetup.for_player(side, PERSONALITIES[self.picks["opponent"]], level, seed, difficulty, fac)

    def handle(self, event):
        if key(event, pygame.K_ESCAPE):
            return self.go_back()
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            seed = self.read_seed()
            if seed is not None and self.seed_entry.get_text().strip():
                self.seed = seed
            return None
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.seed_entry:
            self.focus.focus_on(self.start)
            return None
        if self.focus.handle(event):
            return None
        for choice in self.choices + (self.class_form.choices if self.class_form is not None else []):
            if choice.handle(event):
                self.focus.focus_on(choice)
                return None
        if pressed(event, self.reroll):
            self.seed = random_seed()
            self.seed_entry.set_text(str(self.seed))
            return None
        if pressed(event, self.back):
            return self.go_back()
        if pressed(event, self.start):
            return self.begin()
        return None

    def go_back(self):
        from game.ui.scenes.menu import MainMenu

        return MainMenu(self.app)

    def begin(self):
        setup = self.setup()
        if setup is None:
            return None
        if self.watch or self.hotseat:
            from game.ui.scenes.briefing import Preparing

            return Preparing(self.app, setup, self.levels[self.picks["level"]], back=self)
        if setup.facilitation is not None:
            from game.ui.scenes.class_briefing import ClassBriefing

            return ClassBriefing(self.app, setup, back=self)
        from game.ui.scenes.briefing import Briefing

        return Briefing(self.app, setup, back=self)
