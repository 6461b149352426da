"""A game as the window plays it: the player's side and the scripted opponents (no pygame).

`GameSetup` is what the new-game screen (or `python -m game play`) chooses; `Session` holds the
running `Game`, lets the player act and plays the scripted sides' moves when it is their turn.
`HotseatSession` is two people at one machine: the side at the screen is the "player" until the
screen is handed over (`game.classroom.hotseat` says when).

A setup may carry the facilitator's settings (`game.classroom.facilitation.Facilitation`): those
that change the rules are applied to the level when the session starts; the time limit runs on
the session's `clock`. A session says what a save should record about it (`meta`, `source`) and
can be made again from a save (`GameSetup.from_meta`, `Session.resume`).
"""

from __future__ import annotations

import random
import time
from typing import Any, Callable

import numpy as np
from attrs import define, field, frozen

from game.ai.match import Policy
from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, POLICIES, make_factory
from game.classroom import hotseat
from game.classroom.facilitation import Facilitation
from game.content.levels import resolve_level
from game.model.game import Game
from game.model.level import SIDES, Level, Side

PLAYER = "player"
SEED_LIMIT = 1_000_000


def random_seed() -> int:
    return random.SystemRandom().randrange(SEED_LIMIT)


def find_level(name: str, bundled: tuple[Level, ...] = ()) -> Level:
    """A bundled level by id (from `bundled` if given), else `resolve_level` (id or path)."""
    for level in bundled:
        if level.id == name:
            return level
    return resolve_level(name)


@frozen
class GameSetup:
    """Who plays each side (`PLAYER` or a personality), at what difficulty, on which level.

    `difficulty` is the scripted sides'; two scripted sides watched may each have their own
    (`per_side`: U.S., China), which `difficulty_of` reads."""

    level: str
    seed: int
    us: str = PLAYER
    china: str = "pragmatist"
    difficulty: str = DEFAULT_DIFFICULTY
    facilitation: Facilitation | None = None
    per_side: tuple[str, str] | None = None

    @classmethod
    def for_player(cls, side: Side, opponent: str, level: str, seed: int,
                   difficulty: str = DEFAULT_DIFFICULTY, facilitation: Facilitation | None = None) -> GameSetup:
        if side == "us":
            return cls(level=level, seed=seed, us=PLAYER, china=opponent, difficulty=difficulty,
                       facilitation=facilitation)
        return cls(level=level, seed=seed, us=opponent, china=PLAYER, difficulty=difficulty,
                   facilitation=facilitation)

    @classmethod
    def for_watching(cls, us: str, china: str, level: str, seed: int,
                     difficulty: str = DEFAULT_DIFFICULTY, china_difficulty: str | None = None) -> GameSetup:
        """Two scripted sides: the U.S. at `difficulty`, China at `china_difficulty` (the same if None)."""
        china_difficulty = china_difficulty or difficulty
        per_side = (difficulty, china_difficulty) if china_difficulty != difficulty else None
        return cls(level=level, seed=seed, us=us, china=china, difficulty=difficulty, per_side=per_side)

    def difficulty_of(self, side: Side) -> str:
        return self.per_side[SIDES.index(side)] if self.per_side else self.difficulty

    @classmethod
    def for_hotseat(cls, level: str, seed: int, facilitation: Facilitation | None = None) -> GameSetup:
        """Two people at one machine, one side each."""
        return cls(level=level, seed=seed, us=PLAYER, china=PLAYER, facilitation=facilitation)

    @property
    def hotseat(self) -> bool:
        return all(self.who(side) == PLAYER for side in SIDES)

    @property
    def hide_opponent(self) -> bool:
        """Whether the opponent's personality stays hidden until the debrief."""
        return bool(self.facilitation and self.facilitation.hide_opponent and not self.hotseat)

    @property
    def time_limit(self) -> int | None:
        return self.facilitation.time_limit if self.facilitation is not None else None

    def meta(self) -> dict[str, Any]:
        """What a save records about who played (the keys of docs/CLASSROOM.md)."""
        meta: dict[str, Any] = {"mode": "window"}
        if self.hotseat:
            meta["side"] = "both"
        elif self.player is None:
            difficulty = {side: self.difficulty_of(side) for side in SIDES} if self.per_side else self.difficulty
            meta.update(side="none", policies={"us": self.us, "china": self.china}, difficulty=difficulty)
        else:
            opponent = self.who("china" if self.player == "us" else "us")
            meta.update(side=self.player, opponent=opponent, difficulty=self.difficulty)
        fac = self.facilitation
        if fac is not None:
            meta["facilitator"] = {"time_limit": fac.time_limit, "events": fac.events, "inject": dict(fac.inject),
                                   "hide_opponent": fac.hide_opponent}
        return meta

    @classmethod
    def from_meta(cls, meta: dict[str, Any], level: str, seed: int) -> GameSetup:
        """The setup a save's meta describes; ValueError (a sentence) if it does not say who played."""
        side = meta.get("side")
        difficulty = meta.get("difficulty") or DEFAULT_DIFFICULTY
        # Two scripted sides at difficulties of their own: {"us": ..., "china": ...}.
        each = ([difficulty.get(s) for s in SIDES] if isinstance(difficulty, dict) and side == "none"
                else [difficulty])
        for name in each:
            if not isinstance(name, str) or name not in DIFFICULTIES:
                raise ValueError(f"the save's difficulty '{name}' is not one this game knows")
        difficulty = each[0]
        fac = facilitation_from(meta.get("facilitator"))
        if side == "both":
            return cls.for_hotseat(level, seed, fac)
        if side in SIDES:
            opponent = meta.get("opponent")
            if opponent not in POLICIES:
                raise ValueError(f"the save's opponent '{opponent}' is not one this game knows")
            return cls.for_player(side, opponent, level, seed, difficulty, fac)
        policies = meta.get("policies")
        if isinstance(policies, dict) and all(policies.get(s) in POLICIES for s in SIDES):
            return cls.for_watching(policies["us"], policies["china"], level, seed, each[0], each[-1])
        raise ValueError("the save does not say who played which side, so it cannot be continued here")

    def who(self, side: Side) -> str:
        return self.us if side == "us" else self.china

    @property
    def player(self) -> Side | None:
        """The player's side, or None when two scripted sides play each other."""
        for side in SIDES:
            if self.who(side) == PLAYER:
                return side
        return None


def facilitation_from(data) -> Facilitation | None:
    """The facilitator's settings as a save's meta records them (None if it records none)."""
    if not isinstance(data, dict):
        return None
    limit = data.get("time_limit")
    inject = data.get("inject") if isinstance(data.get("inject"), dict) else {}
    return Facilitation(
        time_limit=limit if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0 else None,
        events=data.get("events") is not False,
        inject={str(k): int(v) for k, v in inject.items() if isinstance(v, int)},
        hide_opponent=data.get("hide_opponent") is True,
    )


class PhaseClock:
    """The facilitator's clock: each side's orders phase, and each of its turns in the talks,
    has `limit` seconds (`hotseat.clock_key` says when a side's clock starts again).

    The clock is armed by the screen when the side is at it (`arm`); `left` is None until then.
    `now` is the monotonic clock it reads (tests give their own).
    """

    def __init__(self, limit: int, now: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.now = now
        self.key: tuple | None = None
        self.deadline = 0.0

    def arm(self, state, side: Side) -> None:
        key = hotseat.clock_key(state, side)
        if key != self.key:
            self.key, self.deadline = key, self.now() + self.limit

    def left(self, state, side: Side) -> float | None:
        """Seconds left for `side` now, or None if its clock for this phase has not started."""
        if self.key is None or self.key != hotseat.clock_key(state, side):
            return None
        return self.deadline - self.now()


def policy_seeds(seed: int) -> dict[Side, int]:
    """Each side's policy seed, derived from the game's seed as `game.ai.match.play` does."""
    us, china = (int(s) for s in np.random.SeedSequence([seed, 1]).generate_state(2, dtype=np.uint32))
    return {"us": us, "china": china}


@define
class Session:
    setup: GameSetup
    game: Game
    policies: dict[Side, Policy] = field(factory=dict)
    source: str | None = None  # where the level came from, as a save records it (None: setup.level)
    clock: PhaseClock | None = None
    autosaving: bool = False  # True: after each move, `game.persist.autosave` (it writes at a year's end)
    save_problem: str | None = None  # the last autosave's failure (one line), until read

    hotseat = False

    @classmethod
    def start(cls, setup: GameSetup, level: Level | None = None) -> Session:
        """A new game; LevelError for an unknown level, ValueError for an unknown opponent,
        FacilitationError for facilitator settings that do not fit the level."""
        level = level if level is not None else find_level(setup.level)
        if setup.facilitation is not None:
            level = setup.facilitation.level_for(level)
        return cls.resume(setup, Game.new(level, setup.seed))

    @classmethod
    def resume(cls, setup: GameSetup, game: Game, source: str | None = None) -> Session:
        """A session on a game already under way (a loaded save, a rewound game). The scripted
        sides' policies start afresh: they play on from here as they would from a new game."""
        kind = cls if cls is not Session else HotseatSession if setup.hotseat else Session
        seeds = policy_seeds(setup.seed)
        policies = {
            side: make_factory(setup.who(side), setup.difficulty_of(side))(seeds[side])
            for side in SIDES
            if setup.who(side) != PLAYER
        }
        clock = PhaseClock(setup.time_limit) if setup.time_limit else None
        return kind(setup=setup, game=game, policies=policies, source=source, clock=clock)

    def meta(self) -> dict[str, Any]:
        return self.setup.meta()

    @property
    def level_source(self) -> str:
        return self.source or self.setup.level

    @property
    def level(self) -> Level:
        return self.game.level

    @property
    def state(self):
        return self.game.state

    @property
    def player(self) -> Side | None:
        return self.setup.player

    def player_to_move(self) -> bool:
        return self.player is not None and self.player in self.game.to_move()

    def scripted_to_move(self) -> Side | None:
        for side in self.game.to_move():
            if side in self.policies:
                return side
        return None

    def play(self, action) -> None:
        """The player's action; raises IllegalAction (a sentence for the player) if not allowed."""
        if self.player is None:
            raise ValueError("nobody plays in this session: it is being watched")
        self.game.apply(self.player, action)
        self.autosave()

    def step_scripted(self):
        """Let one scripted side take one action; returns (side, action) or None."""
        side = self.scripted_to_move()
        if side is None:
            return None
        action = self.policies[side].act(self.level, self.game.state, side)
        self.game.apply(side, action)
        self.autosave()
        return side, action

    def autosave(self) -> None:
        """At a year's end (before anyone gives the next year's orders), if `autosaving`."""
        if not self.autosaving:
            return
        from game.persist import SaveError
        from game.ui.saving import autosave_session

        try:
            autosave_session(self)
        except SaveError as exc:
            self.save_problem = str(exc)

    def run_scripted(self, limit: int = 2000, seconds: float | None = None) -> list:
        """Play scripted moves until the player must act or the game is over, or (with `seconds`)
        until that much time has passed: at least one move, if one is due. The moves made."""
        moves = []
        start = time.perf_counter()
        for _ in range(limit):
            move = self.step_scripted()
            if move is None:
                return moves
            moves.append(move)
            if seconds is not None and time.perf_counter() - start >= seconds:
                return moves
        raise RuntimeError(f"the scripted opponent made {limit} moves without yielding")


@define
class HotseatSession(Session):
    """Two people, one side each. `player` is the side holding the screen; after each move the
    screen may have to change hands (`needs_hand_over`), and `hand_over` gives it to the side
    `hotseat.screen_side` names. Nothing is scripted."""

    holder: Side | None = None
    seen: dict = field(factory=dict)  # side -> the last year that side saw the screen in

    hotseat = True

    @property
    def player(self) -> Side | None:
        return self.holder or hotseat.screen_side(self.game.state) or "us"

    def next_side(self) -> Side | None:
        return hotseat.screen_side(self.game.state)

    def needs_hand_over(self) -> bool:
        return hotseat.needs_cover(self.holder, self.next_side(), self.game.state.phase)

    def hand_over(self) -> Side | None:
        """Give the screen to the side whose turn it is; that side."""
        side = self.next_side()
        if side is not None:
            self.holder = side
        return side
