"""The world a game is played in, as read from a level file.

Everything here is plain, frozen data; loading and checking it is `game.content.levels`.
Numbers are abstract game units: budget in millions of dollars a year, political capital in
points, forces in missiles (or aircraft, for the classes that are not missiles).
"""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen

Side = Literal["us", "china"]
SIDES: tuple[Side, Side] = ("us", "china")
SIDE_NAMES = {"us": "United States", "china": "China"}
SIDE_SHORT = {"us": "U.S.", "china": "China"}  # where space is short
IN_A_SENTENCE = {"us": "the United States", "china": "China"}

Chain = Literal["first", "second", "mainland", "rear"]
CHAINS: tuple[str, ...] = ("first", "second", "mainland", "rear")

PLEDGES: tuple[str, ...] = ("none", "considering", "pledged", "hosting")
Pledge = Literal["none", "considering", "pledged", "hosting"]

ALLY_FIELDS: tuple[str, ...] = (
    "willingness",
    "threat_perception",
    "economic_exposure",
    "domestic_opposition",
)
EFFECT_KINDS: tuple[str, ...] = (
    "tension",
    "ally",
    "budget",
    "capital",
    "forces",
    "talks",
    "pledge",
)


def sentence_start(words: str) -> str:
    """`words` with a capital first letter and the rest as written ("The United States")."""
    return words[:1].upper() + words[1:]


def called(side: Side, start: bool = False) -> str:
    """'the United States' or 'China', as a sentence names a side; `start`: at its start."""
    return sentence_start(IN_A_SENTENCE[side]) if start else IN_A_SENTENCE[side]


def possessive(side: Side, start: bool = False) -> str:
    """'the United States'' or 'China's', for sentences a player reads; `start`: at their start."""
    words = "the United States'" if side == "us" else "China's"
    return sentence_start(words) if start else words


def other(side: Side) -> Side:
    return "china" if side == "us" else "us"


@frozen
class MissileClass:
    """A kind of force that can be built, based, counted and traded.

    `trade_class` groups classes that trade like for like: a U.S. and a Chinese class with the
    same trade class make a same-class trade; any other pairing is cross-class.
    """

    id: str
    name: str
    side: Side
    range_km: tuple[float, float]
    trade_class: str
    dual_capable: bool = False
    unit_cost: float = 10.0
    lot_size: int = 8
    dev_years: int = 0
    research_cost: float = 0.0
    survivability: float = 0.5
    upkeep: float = 0.2
    nominal_value: float = 1.0
    ground_launched: bool = True
    description: str = ""
    plural: str = ""  # the name of more than one, e.g. "Ground-launched Tomahawks"; `name` if empty

    def count(self, n: int) -> str:
        """`n` of this class in words: "1 Ground-launched Tomahawk", "8 Ground-launched Tomahawks"."""
        return f"{n} {self.name if n == 1 or not self.plural else self.plural}"

    @property
    def max_range(self) -> float:
        return self.range_km[1]


@frozen
class Site:
    """A place where one side may base forces. `host` is "us", "china" or an ally id;
    `accepts` lists the trade classes that may be based there (empty: any)."""

    id: str
    name: str
    lat: float
    lon: float
    chain: Chain
    host: str
    capacity: int = 64
    accepts: tuple[str, ...] = ()

    def takes(self, trade_class: str) -> bool:
        return not self.accepts or trade_class in self.accepts

    def base_side(self) -> Side:
        return "china" if self.host == "china" else "us"


@frozen
class Target:
    """Something a side values and the other side's missiles can hold at risk."""

    id: str
    name: str
    lat: float
    lon: float
    owner: Side
    value: float = 1.0


@frozen
class Ally:
    """A possible host of U.S. missiles. Attitudes are on a 0–1 scale."""

    id: str
    name: str
    willingness: float
    threat_perception: float
    economic_exposure: float
    domestic_opposition: float
    weight: float = 1.0
    pledge: Pledge = "none"
    election_years: tuple[int, ...] = ()
    description: str = ""
    in_sentence: str = ""  # the name inside a sentence, e.g. "the Philippines"; `name` if empty

    def called(self, start: bool = False) -> str:
        """The ally's name as a sentence gives it; `start`: at the start of the sentence."""
        words = self.in_sentence or self.name
        return sentence_start(words) if start else words


@frozen
class Weights:
    """How much a side cares about each index (the score is their weighted mean).

    `standing` is alliance cohesion for the United States and regional influence for China;
    `threat` is how much the other side's deterrence (its hold on your targets) counts against
    you; `risk` and `cost` count against you.
    """

    deterrence: float = 1.0
    threat: float = 1.0
    leverage: float = 0.5
    standing: float = 0.6
    risk: float = 0.8
    cost: float = 0.4


@frozen
class Objectives:
    summary: str
    goals: tuple[str, ...] = ()
    weights: Weights = Weights()


@frozen
class SideSetup:
    """A side's starting position and its view of the world."""

    budget: float
    capital: float
    capital_cap: float = 30.0
    talks_base: float = 20.0
    base_deterrence: float = 20.0
    cheat_rate: float = 0.05
    concern: dict[str, float] = field(factory=dict)
    forces: dict[str, dict[str, int]] = field(factory=dict)
    reserve: dict[str, int] = field(factory=dict)
    programs: dict[str, float] = field(factory=dict)


@frozen
class ExchangeRate:
    """How many units of `get` each side thinks one unit of `give` is worth."""

    give: str
    get: str
    us_view: float
    china_view: float


@frozen
class Effect:
    """One consequence of an event. Which fields matter depends on `kind`:

    tension: delta; ally: ally, field, delta; budget/capital: side, delta;
    forces: side, cls, delta (to the reserve); talks: side, delta (willingness to talk);
    pledge: ally, delta (rungs up or down the pledge ladder).
    """

    kind: str
    delta: float
    side: Side | None = None
    ally: str | None = None
    field: str | None = None
    cls: str | None = None


@frozen
class EventCard:
    id: str
    title: str
    text: str
    weight: float = 1.0
    min_year: int | None = None
    max_year: int | None = None
    once: bool = True
    min_tension: float | None = None
    requires_pledge: str | None = None
    effects: tuple[Effect, ...] = ()


@frozen
class ModelTuning:
    """The scoring model's knobs (docs/MODEL.md explains each)."""

    chain_weight: dict[str, float] = field(
        factory=lambda: {"first": 1.0, "second": 0.4, "mainland": 1.0, "rear": 0.2}
    )
    reserve_weight: float = 0.3
    paper_weight: float = 0.15
    pledge_chip: float = 16.0
    cross_discount: float = 0.25
    saturation: dict[str, float] = field(factory=lambda: {"us": 40.0, "china": 250.0})
    exposure_saturation: float = 40.0
    exposure_penalty: float = 0.5
    leverage_scale: dict[str, float] = field(factory=lambda: {"us": 120.0, "china": 400.0})
    risk_scale: float = 80.0
    race_scale: float = 2000.0
    complexity_weight: float = 1.5
    talks_chip_weight: float = 0.7
    talks_race_weight: float = 10.0
    talks_tension_weight: float = 0.15


@frozen
class Rules:
    """Pace and thresholds of play."""

    exchanges_per_round: int = 4
    max_orders: int = 6
    events_per_round: int = 1
    inject: dict[str, int] = field(factory=dict)  # event id -> the year it is sure to happen
    exploratory_threshold: float = 30.0
    formal_threshold: float = 50.0
    crisis_threshold: float = 65.0
    ratification_base: float = 0.85
    ratification_complexity: float = 0.3
    detection: dict[str, float] = field(
        factory=lambda: {"none": 0.1, "data": 0.4, "onsite": 0.8}
    )
    verification_cost: dict[str, float] = field(
        factory=lambda: {"none": 0.0, "data": 0.5, "onsite": 1.5}
    )
    start_tension: float = 30.0
    treaty_ends_game: bool = True
    treaty_goal: float = 0.25
    balance_margin: float = 1.5
    race_margin: float = 100.0


@frozen
class Level:
    schema: int
    id: str
    title: str
    start_year: int
    end_year: int
    briefing: str
    objectives: dict[str, Objectives]
    classes: tuple[MissileClass, ...]
    sites: tuple[Site, ...]
    targets: tuple[Target, ...]
    allies: tuple[Ally, ...]
    sides: dict[str, SideSetup]
    years_per_round: int = 1
    sources: tuple[str, ...] = ()
    exchange_rates: tuple[ExchangeRate, ...] = ()
    events: tuple[EventCard, ...] = ()
    model: ModelTuning = ModelTuning()
    rules: Rules = Rules()

    _ids: dict[str, dict[str, int]] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        ids = {
            "class": {c.id: i for i, c in enumerate(self.classes)},
            "site": {s.id: i for i, s in enumerate(self.sites)},
            "ally": {a.id: i for i, a in enumerate(self.allies)},
        }
        object.__setattr__(self, "_ids", ids)

    def class_index(self, class_id: str) -> int:
        return self._ids["class"][class_id]

    def class_of(self, class_id: str) -> MissileClass:
        return self.classes[self._ids["class"][class_id]]

    def site_index(self, site_id: str) -> int:
        return self._ids["site"][site_id]

    def ally_index(self, ally_id: str) -> int:
        return self._ids["ally"][ally_id]

    def classes_of(self, side: Side) -> tuple[MissileClass, ...]:
        return tuple(c for c in self.classes if c.side == side)

    @property
    def rounds(self) -> int:
        return (self.end_year - self.start_year) // self.years_per_round + 1
