"""What a facilitator may set for a class: one seed for everyone, a time limit per phase, the
events on or off (or one injected at a chosen year), and the opponent hidden until the debrief.

Settings that change the rules (events) are applied to the level, so a save made under them
replays exactly; the others (time limit, hiding) are for the interfaces.
"""

from __future__ import annotations

from attrs import evolve, field, frozen

from game.model.level import Level


class FacilitationError(ValueError):
    """A facilitator setting that does not fit the level; the message names it."""


@frozen
class Facilitation:
    seed: int | None = None
    time_limit: int | None = None  # seconds per phase; at zero the phase ends with the orders given
    events: bool = True
    inject: dict[str, int] = field(factory=dict)  # event id -> year
    hide_opponent: bool = False

    def level_for(self, level: Level) -> Level:
        """The level as this class plays it."""
        cards = {card.id for card in level.events}
        for event_id, year in self.inject.items():
            if event_id not in cards:
                known = ", ".join(sorted(cards)) or "none"
                raise FacilitationError(f"no event '{event_id}' in level '{level.id}' (events: {known})")
            if not level.start_year <= year <= level.end_year:
                raise FacilitationError(
                    f"year {year} for event '{event_id}' is outside {level.start_year}-{level.end_year}"
                )
        if self.time_limit is not None and self.time_limit < 10:
            raise FacilitationError(f"a time limit of {self.time_limit} s is too short (at least 10)")
        if self.events and not self.inject:
            return level
        rules = evolve(
            level.rules,
            events_per_round=level.rules.events_per_round if self.events else 0,
            inject={**level.rules.inject, **self.inject},
        )
        return evolve(level, rules=rules)


def parse_inject(text: str) -> tuple[str, int]:
    """'strait-crisis:2024' -> ('strait-crisis', 2024)."""
    event_id, sep, year = text.rpartition(":")
    if not sep or not event_id or not year.isdigit():
        raise FacilitationError(f"'{text}' is not EVENT:YEAR (e.g. strait-crisis:2024)")
    return event_id, int(year)
