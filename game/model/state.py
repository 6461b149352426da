"""The state of a game in progress: frozen, changed only by making a new one.

Forces are stored for every class of the level (a class belongs to one side), in the order
the level lists classes and sites, so the scoring model can turn them into arrays directly.
"""

from __future__ import annotations

import operator

import attrs
from attrs import frozen

from game.model.actions import Offer, Order
from game.model.level import Side

STAGES: tuple[str, ...] = ("closed", "exploratory", "formal", "agreement", "in-force", "breakdown")
PHASES: tuple[str, ...] = ("orders", "talks", "over")


@frozen(slots=False)
class SideState:
    budget: float
    capital: float
    pending: tuple[Order, ...] = ()
    done: bool = False
    talks_bonus: float = 0.0
    spent: tuple[tuple[str, float], ...] = ()


@frozen(slots=False)
class AllyState:
    pledge: int
    willingness: float
    threat_perception: float
    economic_exposure: float
    domestic_opposition: float
    pressure: float = 0.0


@frozen
class TalksEntry:
    """A line of the negotiation transcript."""

    year: int
    side: Side
    verb: str
    offer: Offer | None = None
    reason: str = ""


@frozen(slots=False)
class Talks:
    stage: str = "closed"
    turn: Side = "us"
    exchanges_left: int = 0
    passes: int = 0
    awaiting: str | None = None  # "talks" or "deal": what the side to move must answer
    offer: Offer | None = None  # the offer on the table
    treaty: Offer | None = None  # signed (agreement) or in force
    signed_year: int | None = None
    in_force_year: int | None = None
    implemented: int = 0
    stage_year: int | None = None
    ceilings: tuple[tuple[int, int, int], ...] = ()  # (class index, holdings at entry, target)
    willingness: tuple[float, float] = (0.0, 0.0)  # each side's, as this year's talks opened
    treaty_value: tuple[float, float] = (0.0, 0.0)  # what the treaty was worth to each side at ratification
    transcript: tuple[TalksEntry, ...] = ()


@frozen
class YearRecord:
    """What the assessment found at the end of a year; the material of reports and charts."""

    year: int
    indices: dict[str, dict[str, float]]
    breakdowns: dict[str, dict[str, dict[str, float]]]
    scores: dict[str, float]
    events: tuple[str, ...]
    news: tuple[str, ...]
    stage: str
    holdings: dict[str, int]  # each side's ground-launched missiles at the year's end


@frozen(slots=False)
class GameState:
    seed: int
    rng: tuple[int, int, int, int]
    year: int
    phase: str
    sides: tuple[SideState, SideState]
    deployed: tuple[tuple[int, ...], ...]
    reserve: tuple[int, ...]
    progress: tuple[float, ...]
    pace: tuple[str, ...]
    produced: tuple[int, ...]
    allies: tuple[AllyState, ...]
    talks: Talks
    tension: float
    events: tuple[str, ...] = ()
    seen_events: tuple[str, ...] = ()
    news: tuple[str, ...] = ()
    history: tuple[YearRecord, ...] = ()
    outcome: str | None = None

    def side(self, side: Side) -> SideState:
        return self.sides[0 if side == "us" else 1]

    @property
    def is_over(self) -> bool:
        return self.phase == "over"


def side_index(side: Side) -> int:
    return 0 if side == "us" else 1


def replace_at(items: tuple, index: int, item) -> tuple:
    """A copy of a tuple with one item replaced."""
    return items[:index] + (item,) + items[index + 1 :]


_FIELDS: dict[type, tuple | None] = {}


def evolve(inst, **changes):
    """`attrs.evolve` (a copy of a frozen instance with some fields changed), for the plain
    classes of the state (no converters, validators or renamed arguments) at a fraction of the
    cost: the fields of a class without slots (those evolved most: a state, its sides, talks
    and allies) are copied from dict to dict, with no __init__; those of a class with slots are
    read with one getter and passed to __init__ by position."""
    cls = inst.__class__
    entry = _FIELDS.get(cls, False)
    if entry is False:
        entry = _FIELDS[cls] = _copier(cls)
    if entry is None:
        return attrs.evolve(inst, **changes)
    position, get_all = entry
    if get_all is None:
        if not changes.keys() <= position.keys():
            _unknown(cls, changes, position)
        new = object.__new__(cls)
        fields = new.__dict__
        fields.update(inst.__dict__)
        fields.update(changes)
        return new
    values = list(get_all(inst))
    try:
        for name, value in changes.items():
            values[position[name]] = value
    except KeyError:
        _unknown(cls, changes, position)
    return cls(*values)


def _copier(cls) -> tuple | None:
    """How `evolve` copies an instance of `cls`: (field positions by name, a getter of all the
    fields, or None to copy the instance's dict), or None to leave it to `attrs.evolve`."""
    fields = attrs.fields(cls)
    plain = all(
        a.init and a.alias == a.name and not a.kw_only and a.converter is None and a.validator is None
        for a in fields
    ) and len(fields) > 1
    if not plain:
        return None
    names = tuple(a.name for a in fields)
    slotted = "__slots__" in cls.__dict__
    return {n: i for i, n in enumerate(names)}, operator.attrgetter(*names) if slotted else None


def _unknown(cls, changes: dict, position: dict):
    unknown = changes.keys() - position.keys()
    raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}") from None


class Draft:
    """A state being changed in place by one of the automatic steps: lists where the state
    has tuples (each side's figures by side index), and one new GameState at the end
    (`state`). Tuples that end up holding what they held are kept, so what is remembered by
    identity (world.world_of) still applies."""

    __slots__ = ("base", "budget", "capital", "pending", "done", "talks_bonus", "spent",
                 "deployed", "reserve", "produced", "progress", "pace", "allies", "tension")

    def __init__(self, state: GameState):
        self.base = state
        sides = state.sides
        self.budget = [s.budget for s in sides]
        self.capital = [s.capital for s in sides]
        self.pending = [s.pending for s in sides]
        self.done = [s.done for s in sides]
        self.talks_bonus = [s.talks_bonus for s in sides]
        self.spent = [list(s.spent) for s in sides]
        self.deployed = [list(row) for row in state.deployed]
        self.reserve = list(state.reserve)
        self.produced = list(state.produced)
        self.progress = list(state.progress)
        self.pace = list(state.pace)
        self.allies = list(state.allies)
        self.tension = state.tension

    def state(self, **changes) -> GameState:
        """The new state: the draft, and `changes` to other fields."""
        base = self.base
        rows = tuple(_kept(tuple(row), old) for row, old in zip(self.deployed, base.deployed))
        sides = tuple(
            SideState(budget=b, capital=c, pending=p, done=d, talks_bonus=t, spent=tuple(spent))
            for b, c, p, d, t, spent in zip(self.budget, self.capital, self.pending, self.done, self.talks_bonus, self.spent)
        )
        return evolve(
            base,
            sides=sides,
            deployed=_kept(rows, base.deployed),
            reserve=_kept(tuple(self.reserve), base.reserve),
            produced=_kept(tuple(self.produced), base.produced),
            progress=_kept(tuple(self.progress), base.progress),
            pace=_kept(tuple(self.pace), base.pace),
            allies=_kept(tuple(self.allies), base.allies),
            tension=self.tension,
            **changes,
        )


def _kept(new: tuple, old: tuple) -> tuple:
    """`old` if `new` holds the very same items."""
    return old if all(map(operator.is_, new, old)) else new
