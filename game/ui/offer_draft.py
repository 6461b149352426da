"""The offer the player builds at the negotiation table, and what it is worth (no pygame).

`Draft` holds one term per class (no term, cut by, cap at, freeze), the first-island-chain
zone, verification and implementation years; `Draft.offer()` is the `Offer` the rules see.
`appraise` measures an offer through the model (`negotiation.check_offer`, `metrics`,
`value_of`) and says in words a student can follow what it is worth to one side.
"""

from __future__ import annotations

from attrs import define, field, frozen

from game.model.actions import VERIFICATION, IllegalAction, Offer, Term
from game.model.level import Level, Side
from game.model.negotiation import MAX_YEARS, check_offer, holdings, metrics, ratification_chance, value_of
from game.model.state import GameState

KINDS: tuple[str, ...] = ("none", "reduce", "cap", "freeze")
KIND_WORDS = {"none": "no term", "reduce": "cut by", "cap": "cap at", "freeze": "freeze"}
KIND_ABOUT = {
    "none": "This class is not part of the offer.",
    "reduce": "Eliminate this many (beyond what is built, it gives up missiles still to come).",
    "cap": "Never hold more than this many.",
    "freeze": "Build no more of this class (the count does not matter).",
}
VERIFICATION_WORDS = {"none": "none (trust)", "data": "data exchange", "onsite": "on-site inspection"}
YEARS: tuple[int, ...] = tuple(range(1, MAX_YEARS + 1))


@define
class Draft:
    """One term per class (`kinds[cls] == "none"`: no term), a zone, verification and years."""

    kinds: dict[str, str] = field(factory=dict)
    counts: dict[str, int] = field(factory=dict)
    zone: bool = False
    verification: str = "data"
    years: int = 3

    @classmethod
    def blank(cls, level: Level) -> Draft:
        return cls(kinds={c.id: "none" for c in level.classes}, counts={c.id: 0 for c in level.classes})

    @classmethod
    def of(cls, level: Level, offer: Offer) -> Draft:
        """A draft holding `offer` (the first term of each class, if an offer had two)."""
        draft = cls.blank(level)
        for term in offer.terms:
            if draft.kinds.get(term.cls, "none") == "none":
                draft.kinds[term.cls] = term.kind
                draft.counts[term.cls] = term.count
        draft.zone = "first" in offer.zones
        draft.verification = offer.verification if offer.verification in VERIFICATION else "data"
        draft.years = offer.years if offer.years in YEARS else 3
        return draft

    def set_kind(self, level: Level, state: GameState, cls_id: str, kind: str) -> None:
        """Change a class's kind of term; a new cut starts at one lot, a new cap at what is held."""
        old = self.kinds.get(cls_id, "none")
        self.kinds[cls_id] = kind
        if kind == old:
            return
        ci = level.class_index(cls_id)
        have = holdings(state, ci)
        if kind == "reduce":
            lot = level.classes[ci].lot_size
            self.counts[cls_id] = min(have, lot) if have else lot
        elif kind == "cap":
            self.counts[cls_id] = have
        elif kind in ("none", "freeze"):
            self.counts[cls_id] = 0

    def set_count(self, cls_id: str, count: int) -> None:
        self.counts[cls_id] = max(0, int(count))

    def step_count(self, level: Level, cls_id: str, steps: int) -> None:
        """Up or down by whole lots of the class."""
        lot = level.class_of(cls_id).lot_size
        self.set_count(cls_id, self.counts.get(cls_id, 0) + steps * lot)

    def offer(self, level: Level) -> Offer:
        """The offer as the rules see it: the United States' terms first, then China's."""
        terms = []
        for side in ("us", "china"):
            for c in level.classes_of(side):
                kind = self.kinds.get(c.id, "none")
                if kind == "none":
                    continue
                terms.append(Term(side, c.id, kind, 0 if kind == "freeze" else self.counts.get(c.id, 0)))
        return Offer(terms=tuple(terms), zones=("first",) if self.zone else (), verification=self.verification,
                     years=self.years)

    @property
    def empty(self) -> bool:
        return not self.zone and all(k == "none" for k in self.kinds.values())


@frozen
class Appraisal:
    """An offer measured for one side: `problem` is the rules' sentence if it is malformed."""

    problem: str | None
    same_class: bool = True
    complexity: float = 0.0
    total: float = 0.0
    theirs: float = 0.0
    ours: float = 0.0
    complexity_cost: float = 0.0
    verification_cost: float = 0.0
    ratification: float = 0.0

    @property
    def kind_words(self) -> str:
        if self.same_class:
            return "same-class: missiles traded for missiles of the same class, easy to weigh"
        return "cross-class: it needs an exchange rate the two sides see differently"

    def lines(self) -> list[tuple[str, float]]:
        """(label, score points) for each part of the value, in a student's words."""
        return [
            ("What their cuts give us", self.theirs),
            ("What our cuts cost or save us", self.ours),
            ("Complexity of the formula", self.complexity_cost),
            ("Cost of verification", self.verification_cost),
        ]


def appraise(level: Level, state: GameState, side: Side, offer: Offer) -> Appraisal:
    """What `offer` is worth to `side` against no deal, or the rules' reason it is malformed."""
    try:
        check_offer(level, state, offer)
    except IllegalAction as exc:
        return Appraisal(problem=str(exc))
    m = metrics(level, state, offer)
    v = value_of(level, state, side, offer)
    return Appraisal(
        problem=None,
        same_class=m.same_class,
        complexity=m.complexity,
        total=v.total,
        theirs=v.theirs,
        ours=v.ours,
        complexity_cost=v.complexity,
        verification_cost=v.verification,
        ratification=ratification_chance(level, m, v.total),
    )
