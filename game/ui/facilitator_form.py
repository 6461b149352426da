"""The facilitator's settings on the new-game screen, as rows of choices: a time limit per phase
(and per turn in the talks), random events on or off, one event injected at a chosen year, and
the opponent's personality hidden until the debrief (`game.classroom.facilitation`).

The picks live here (they survive a rebuild of the screen); `facilitation()` makes them a
`Facilitation`, or None when everything is as usual.
"""

from __future__ import annotations

import html
from typing import Callable

import pygame

from game.classroom import hotseat
from game.classroom.facilitation import Facilitation
from game.model.level import Level
from game.ui.choice import Choice

TIME_LIMITS = [(None, "No limit"), (60, "1 minute"), (120, "2 minutes"), (180, "3 minutes"), (300, "5 minutes"),
               (600, "10 minutes")]
EVENTS = [(True, "On"), (False, "Off")]
HIDE = [(False, "Shown"), (True, "Hidden until the debrief")]


def inject_years(level: Level) -> list[int]:
    """The years an event can be set for: those that start a round (events are drawn then)."""
    return list(range(level.start_year, level.end_year + 1, level.years_per_round))


def settings_words(fac: Facilitation | None, hotseat_game: bool = False) -> list[str]:
    """The facilitator's settings as the players are told them (an injected event stays a surprise)."""
    if fac is None:
        return []
    parts = []
    if fac.time_limit is not None:
        parts.append(f"{hotseat.countdown(fac.time_limit)} for each side's orders and for each turn in the talks; "
                     f"when the time is up, the phase ends with the orders given")
    if not fac.events:
        parts.append("no random events")
    if fac.inject:
        parts.append("an event set by the facilitator")
    if fac.hide_opponent and not hotseat_game:
        parts.append("the opponent's personality is revealed in the debrief")
    return parts


class FacilitatorForm:
    def __init__(self, hotseat_game: bool = False):
        self.hotseat = hotseat_game
        self.picks = {"time": 0, "events": 0, "inject": 0, "year": 0, "hide": 0}
        self.choices: list[Choice] = []
        self.level: Level | None = None

    def events_of(self, level: Level) -> list[tuple[str | None, str]]:
        return [(None, "None")] + [(card.id, card.title) for card in level.events]

    def set_level(self, level: Level) -> None:
        """The level chosen: the events one may inject, and their years, are the level's own
        (the rows already built change their options in place)."""
        changed = self.level is not None and (
            self.events_of(level) != self.events_of(self.level) or inject_years(level) != inject_years(self.level))
        self.level = level
        if not changed:
            return
        self.picks["inject"] = 0
        self.picks["year"] = 0
        if len(self.choices) >= 4:
            for choice, options in ((self.choices[2], self.events_of(level)),
                                    (self.choices[3], [(yr, str(yr)) for yr in inject_years(level)])):
                choice.options = list(options)
                choice.index = 0
                choice.value.set_text(choice.text)

    def build(self, manager, container, rect: pygame.Rect, row_h: int, gap: int, label_w: int,
              on_change: Callable[[], None] | None = None) -> list[Choice]:
        """Rows of choices from the top of `rect`; returns them (for the focus ring)."""
        level = self.level
        x, y, w = rect.x, rect.y, rect.width

        def row(label: str, name: str, options, tooltip: str) -> Choice:
            nonlocal y

            def remember(index: int, name=name) -> None:
                self.picks[name] = index
                if on_change is not None:
                    on_change()

            choice = Choice(manager, container, pygame.Rect(x, y, w, row_h), label, options,
                            min(self.picks[name], len(options) - 1), label_width=label_w, on_change=remember,
                            tooltip=tooltip)
            y += row_h + gap
            return choice

        self.choices = [
            row("Time limit", "time", TIME_LIMITS,
                "Each side's orders, and each turn in the talks; at zero the phase ends with what was given."),
            row("Random events", "events", EVENTS, "Off: no event card is drawn (an injected one still happens)."),
            row("Inject event", "inject", self.events_of(level),
                "One event that is sure to happen, in the year below."),
            row("In the year", "year", [(yr, str(yr)) for yr in inject_years(level)],
                "The year the injected event happens."),
        ]
        if not self.hotseat:
            self.choices.append(row("Personality", "hide", HIDE,
                                    "Hidden: the briefing does not say which personality plays; the debrief does."))
        return self.choices

    @staticmethod
    def rows_needed(hotseat_game: bool) -> int:
        return 4 if hotseat_game else 5

    def facilitation(self) -> Facilitation | None:
        level = self.level
        limit = TIME_LIMITS[self.picks["time"]][0]
        events = EVENTS[self.picks["events"]][0]
        event_id = self.events_of(level)[self.picks["inject"]][0] if level is not None else None
        inject = {}
        if event_id is not None:
            inject[event_id] = inject_years(level)[min(self.picks["year"], len(inject_years(level)) - 1)]
        hide = HIDE[self.picks["hide"]][0] and not self.hotseat
        if limit is None and events and not inject and not hide:
            return None
        return Facilitation(time_limit=limit, events=events, inject=inject, hide_opponent=hide)

    def summary_html(self) -> str:
        """One paragraph for the new-game summary: the settings as the facilitator chose them."""
        fac = self.facilitation()
        if fac is None:
            return "<b>Class settings:</b> none (no time limit, random events on)."
        parts = settings_words(fac, self.hotseat)
        if fac.inject:
            (event_id, year), = fac.inject.items()
            title = dict(self.events_of(self.level)).get(event_id, event_id)
            parts = [p if p != "an event set by the facilitator" else f"“{title}” happens in {year}" for p in parts]
        return "<b>Class settings:</b> " + html.escape("; ".join(parts), quote=False) + "."
