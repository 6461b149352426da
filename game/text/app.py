"""The terminal game: `python -m game text --side us --opponent random --level tutorial --seed 3`.

A complete game against a scripted opponent with plain `print` and `input`, so it works in any
terminal and with piped input. The loop asks whoever is to move: the opponent's policy, or the
player, one command a line. A line that cannot be read, or an action the rules refuse, prints one
sentence and the prompt comes back. End of input and `quit` leave cleanly with exit status 0.

`--hotseat` puts two people at one machine instead (`HotseatSession`): the rules of who sees what
are in `game.classroom.hotseat`. The facilitator's options (`--time-limit`, `--no-events`,
`--inject`, `--hide-opponent`, `--class-seed`) go through `game.classroom.facilitation`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from typing import Callable, TextIO

import numpy as np
from attrs import frozen

from game.ai.profile import profiles
from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, POLICIES, make_factory
from game.classroom import hotseat
from game.classroom.facilitation import Facilitation, FacilitationError, parse_inject
from game.content.levels import LevelError, resolve_level
from game.model.actions import (
    EndOrders,
    EndTalks,
    IllegalAction,
    ProposeDeal,
    RejectDeal,
    RejectTalks,
    UndoOrder,
)
from game.model.game import Game
from game.model.level import SIDE_NAMES, SIDE_SHORT, SIDES, Level, Side, other, sentence_start
from game.model.negotiation import describe, metrics, values_of
from game.model.offers import menu
from game.model.orders import order_warning, ledger
from game.model.state import GameState
from game.numbers import signed
from game.results import game_record
from game.text import view
from game.text.commands import (
    BEST_SHOWN,
    COMMANDS,
    CommandError,
    Request,
    command_for,
    command_name,
    index_key,
    parse,
    parse_offer,
)

HIDDEN = "a scripted opponent"  # the opponent's name under --hide-opponent, until the end
MIN_TIME_LIMIT = 10  # seconds
CLEAR_LINES = 60  # blank lines that clear a screen that is not a terminal
QUIT_WORDS = ("quit", "q", "exit")


class Leave(Exception):
    """The player typed quit."""


# ---- the command line -------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    policies = ", ".join(sorted(POLICIES))
    parser.add_argument("--side", choices=SIDES, default=None, help="the side you play (default us)")
    parser.add_argument("--opponent", default=None, metavar="NAME",
                        help=f"the scripted opponent ({policies}; default pragmatist)")
    parser.add_argument("--difficulty", default=None, metavar="D",
                        help=f"{', '.join(DIFFICULTIES)} (default {DEFAULT_DIFFICULTY})")
    parser.add_argument("--level", default="tutorial", metavar="ID_OR_PATH",
                        help="a bundled level's id or a level file (default tutorial)")
    parser.add_argument("--seed", type=int, default=None, metavar="N", help="the game's seed (default 0)")
    parser.add_argument("--result", metavar="PATH",
                        help="when the game ends, write its record (JSON) to PATH")
    group = parser.add_argument_group("hotseat and classroom")
    group.add_argument("--hotseat", action="store_true",
                       help="two people on one machine, one side each: the screen is covered whenever "
                            "it changes hands, and each side's orders stay hidden until both are in")
    group.add_argument("--time-limit", type=int, default=None, metavar="SECONDS",
                       help="time for each side's orders and for each turn in the talks (at least 10); "
                            "when it is up, the orders end with those given, or the turn ends")
    group.add_argument("--no-events", action="store_true", help="no random events")
    group.add_argument("--inject", action="append", default=None, metavar="EVENT:YEAR",
                       help="make an event happen in a year (e.g. okinawa-protests:2021; repeatable)")
    group.add_argument("--hide-opponent", action="store_true",
                       help="call the opponent 'a scripted opponent' until the game ends")
    group.add_argument("--class-seed", type=int, default=None, metavar="N",
                       help="the seed for a whole class: every group plays the same game (as --seed)")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `text` with the subparsers of `python -m game`."""
    parser = subparsers.add_parser(
        "text", help="play a game in the terminal",
        description="Play a game in the terminal against a scripted opponent, or with --hotseat two "
                    "people against each other, one command a line (type help in the game). Works "
                    "with piped input.")
    add_arguments(parser)
    return parser


class UsageProblem(Exception):
    """A command-line value the game cannot use; `run` prints it as one `error:` line, exit 2."""


@frozen
class Setup:
    """What the command line asks for, checked: the level as the class plays it, and the rest."""

    level: Level
    seed: int
    facilitation: Facilitation
    hotseat: bool
    side: Side
    opponent: str
    difficulty: str
    notes: tuple[str, ...] = ()  # a setting that does nothing here, said on stderr


def _opt(args: argparse.Namespace, name: str, default=None):
    return getattr(args, name, default)


def setup_from(args: argparse.Namespace) -> Setup:
    """Check the arguments; UsageProblem (or LevelError for a bad level file) if they do not fit."""
    seed, class_seed = _opt(args, "seed"), _opt(args, "class_seed")
    if seed is not None and class_seed is not None and seed != class_seed:
        raise UsageProblem(f"--seed {seed} and --class-seed {class_seed} disagree (give one of them)")
    if class_seed is not None and class_seed < 0:
        raise UsageProblem(f"--class-seed must be 0 or more (got {class_seed})")
    seed = class_seed if class_seed is not None else (seed if seed is not None else 0)
    if seed < 0:
        raise UsageProblem(f"--seed must be 0 or more (got {seed})")
    result = _opt(args, "result")
    if result and not os.path.isdir(os.path.dirname(os.path.abspath(result))):
        raise UsageProblem(f"--result: there is no folder for {result}")
    limit = _opt(args, "time_limit")
    if limit is not None and limit < MIN_TIME_LIMIT:
        raise UsageProblem(f"--time-limit must be at least {MIN_TIME_LIMIT} seconds (got {limit})")
    hot = bool(_opt(args, "hotseat", False))
    notes = []
    if hot:
        for name in ("side", "opponent", "difficulty"):
            if _opt(args, name) is not None:
                raise UsageProblem(f"--{name} does not apply to --hotseat (two people play, one side each)")
        if _opt(args, "hide_opponent", False):
            notes.append("note: --hide-opponent does nothing in hotseat: both sides are people")
    side = _opt(args, "side") or "us"
    opponent = _opt(args, "opponent") or "pragmatist"
    difficulty = _opt(args, "difficulty") or DEFAULT_DIFFICULTY
    if not hot:
        try:
            make_factory(opponent, difficulty)
        except ValueError as e:
            raise UsageProblem(str(e)) from None
    inject: dict[str, int] = {}
    for text in _opt(args, "inject") or ():
        try:
            event_id, year = parse_inject(text)
        except FacilitationError as e:
            raise UsageProblem(f"--inject: {e}") from None
        if inject.get(event_id, year) != year:
            raise UsageProblem(f"--inject: event '{event_id}' is given twice ({inject[event_id]} and {year})")
        inject[event_id] = year
    facilitation = Facilitation(
        seed=class_seed, time_limit=limit, events=not _opt(args, "no_events", False), inject=inject,
        hide_opponent=bool(_opt(args, "hide_opponent", False)) and not hot,
    )
    level_arg = _opt(args, "level", "tutorial")
    try:
        level = resolve_level(level_arg)
    except LevelError as e:
        if len(e.problems) == 1 and e.problems[0].startswith("unknown level "):
            raise UsageProblem(e.problems[0]) from None
        raise
    except (OSError, ValueError) as e:
        why = getattr(e, "strerror", None) or e
        raise UsageProblem(f"cannot read level '{level_arg[:60]}': {why}") from None
    try:
        level = facilitation.level_for(level)
    except FacilitationError as e:
        raise UsageProblem(f"--inject: {e}" if inject else str(e)) from None
    step = level.years_per_round
    for event_id, year in inject.items():  # events are drawn when a round starts
        if (year - level.start_year) % step:
            raise UsageProblem(f"--inject: {year} does not start a round of level '{level.id}' (rounds start "
                               f"{level.start_year}, {level.start_year + step}, ...)")
    return Setup(level, seed, facilitation, hot, side, opponent, difficulty, tuple(notes))


def run(args: argparse.Namespace, lines: Iterable[str] | None = None, out: TextIO | None = None,
        clock: Callable[[], float] | None = None) -> int:
    """Play the game `args` describe; `lines` replaces standard input (for tests and scripts) and
    `clock` the monotonic clock the time limit reads (for tests)."""
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")
    try:
        setup = setup_from(args)
    except UsageProblem as e:
        return _usage(str(e))
    except LevelError as e:
        for problem in e.problems:  # a bad level file: every problem, as `file: field.path: reason`
            print(problem, file=sys.stderr)
        return 2
    for note in setup.notes:
        print(note, file=sys.stderr)
    game = Game.new(setup.level, setup.seed)
    fac = setup.facilitation
    timing = dict(time_limit=fac.time_limit, clock=clock or time.monotonic)
    read = _reader(lines, out, can_poll=fac.time_limit is not None)
    if setup.hotseat:
        session: Session = HotseatSession(game, read, out, clear=_clearer(out), **timing)
    else:
        # The opponent's own stream, derived as `game.ai.match.play` does: the same seed, the same game.
        streams = np.random.SeedSequence([setup.seed, 1]).generate_state(2, dtype=np.uint32)
        seeds = dict(zip(SIDES, (int(s) for s in streams)))
        policy = make_factory(setup.opponent, setup.difficulty)(seeds[other(setup.side)])
        label = f"{setup.opponent}, {setup.difficulty}"
        reveal = f"'{setup.opponent}' ({setup.difficulty} difficulty)" if fac.hide_opponent else None
        session = Session(game, setup.side, policy, read, out, HIDDEN if fac.hide_opponent else label,
                          reveal=reveal, **timing)
    introduced = not setup.hotseat and not fac.hide_opponent
    session.opening = (opponent_lines(setup.opponent, setup.difficulty) if introduced else []) + settings_lines(fac)
    try:
        code = session.play()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    result = _opt(args, "result")
    if code == 0 and session.game.over and result:
        return _write_result(session.game, result, out)
    return code


def opponent_lines(name: str, difficulty: str) -> list[str]:
    """Who the scripted opponent is and what its difficulty changes, said once at the start
    (nothing for the random and passive baselines, which have no difficulty)."""
    persona = profiles().personalities.get(name)
    if persona is None:
        return []
    return (view.wrap(f"{persona.title}. {persona.description}", "    ", "Your opponent: ")
            + view.wrap(profiles().difficulties[difficulty].description, "    ", f"Difficulty {difficulty}: "))


def settings_lines(fac: Facilitation) -> list[str]:
    """The facilitator's settings, said once at the start (an injected event stays a surprise)."""
    parts = []
    if fac.seed is not None:
        parts.append(f"class seed {fac.seed}")
    if fac.time_limit is not None:
        limit = hotseat.countdown(fac.time_limit)
        parts.append(f"{limit} for each side's orders and for each turn in the talks")
    if not fac.events:
        parts.append("no random events")
    if fac.inject:
        n = len(fac.inject)
        parts.append(f"{n} event{'s' * (n > 1)} set by the facilitator")
    if fac.hide_opponent:
        parts.append("the opponent is revealed at the end")
    if not parts:
        return []
    return view.wrap("; ".join(parts) + ".", "    ", "Class settings: ")


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _write_result(game: Game, path: str, out: TextIO) -> int:
    """The game's record as JSON, atomically: a temporary file in the same folder, then rename."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".result-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(game_record(game), f, sort_keys=True, indent=2, allow_nan=False)
                f.write("\n")
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as e:
        print(f"error: cannot write the result to {path}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"Result written to {path}.", file=out)
    return 0


def _reader(lines: Iterable[str] | None, out: TextIO, can_poll: bool = False) -> Callable[..., str | None]:
    """A function (prompt, timeout=None) -> line that raises EOFError at the end of input. Lines
    that do not come from a person at a terminal are echoed after the prompt, so the output reads
    as a log. At a terminal, with `can_poll` and a timeout, it returns None when the time is up
    before a line is entered (and drops what was half typed)."""
    if lines is not None:
        feed = iter(lines)

        def from_list(prompt: str, timeout: float | None = None) -> str:
            out.write(prompt)
            line = next(feed, None)
            if line is None:
                out.write("\n")
                raise EOFError
            out.write(line + "\n")
            return line

        return from_list
    if sys.stdin.isatty() and out is sys.stdout and out.isatty():
        try:
            import readline  # noqa: F401 - line editing and history for input()
        except ImportError:
            pass
        poll = can_poll and _can_select(sys.stdin)

        def from_terminal(prompt: str, timeout: float | None = None) -> str | None:
            if timeout is not None and poll:
                return _polled(prompt, timeout, out)
            try:
                return input(prompt)
            except EOFError:  # Ctrl-D: end the prompt's line before the goodbye
                out.write("\n")
                raise

        return from_terminal

    def from_pipe(prompt: str, timeout: float | None = None) -> str:
        out.write(prompt)
        out.flush()
        line = sys.stdin.readline()
        if not line:
            out.write("\n")
            raise EOFError
        out.write(line.rstrip("\r\n") + "\n")
        return line

    return from_pipe


def _can_select(stream) -> bool:
    try:
        import select

        select.select([stream], [], [], 0)
        return True
    except (ImportError, OSError, ValueError):  # e.g. a Windows console
        return False


def _polled(prompt: str, timeout: float, out: TextIO) -> str | None:
    """A line typed at the terminal within `timeout` seconds, or None (the half-typed line is dropped)."""
    import select

    out.write(prompt)
    out.flush()
    ready, _, _ = select.select([sys.stdin], [], [], max(0.0, timeout))
    if not ready:
        try:
            import termios

            termios.tcflush(sys.stdin, termios.TCIFLUSH)
        except (ImportError, OSError, ValueError):
            pass
        out.write("\n")
        return None
    line = sys.stdin.readline()
    if not line:
        out.write("\n")
        raise EOFError
    return line.rstrip("\r\n")


_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|O.|.)?|[\x00-\x08\x0b-\x1f\x7f]")


def _printable(line: str) -> str:
    """`line` without terminal escape sequences and control characters (arrow keys and the like
    typed where there is no line editing)."""
    return _ESCAPES.sub("", line)


def _clearer(out: TextIO) -> Callable[[], None]:
    """A function that clears the screen: ANSI (with the scrollback) at a terminal, else enough
    blank lines to push the last screen out of sight. It also forgets the line-editing history,
    which would let the next side scroll back through the commands typed before."""

    def clear() -> None:
        readline = sys.modules.get("readline")
        if readline is not None and hasattr(readline, "clear_history"):
            readline.clear_history()
        if hasattr(out, "isatty") and out.isatty():
            out.write("\x1b[H\x1b[2J\x1b[3J")
        else:
            out.write("\n" * max(CLEAR_LINES, shutil.get_terminal_size((view.WIDTH, CLEAR_LINES)).lines))
        out.flush()

    return clear


# ---- the game ---------------------------------------------------------------------------------


class TimeUp(Exception):
    """The side's time is up; `line` is what it typed too late (None if nothing)."""

    def __init__(self, line: str | None = None):
        super().__init__(line)
        self.line = line


class Session:
    """One game in the terminal: the player's side, the opponent's policy, input and output.

    `time_limit` (seconds) gives each of the player's orders phases, and each of its turns in the
    talks, that long by `clock`; `reveal` is the opponent's name when `label` hides it."""

    def __init__(self, game: Game, side: Side, policy, read: Callable[..., str | None], out: TextIO,
                 label: str, *, time_limit: int | None = None, clock: Callable[[], float] = time.monotonic,
                 reveal: str | None = None):
        self.game, self.side, self.them, self.policy = game, side, other(side), policy
        self.read, self.out, self.label, self.reveal = read, out, label, reveal
        self.time_limit, self.clock = time_limit, clock
        self.clock_at: tuple | None = None  # hotseat.clock_key of the running clock
        self.deadline = 0.0
        self.opening: list[str] = []  # said after the briefing: the opponent, the facilitator's settings
        self.shown: tuple[int, str] | None = None  # the (year, phase) whose situation was shown
        self.resolved_news: tuple[str, ...] = ()
        self.start = view.Snapshot.of(game.assessment(), game.state.talks.stage)

    @property
    def level(self):
        return self.game.level

    @property
    def state(self) -> GameState:
        return self.game.state

    def say(self, lines: str | list[str]) -> None:
        for line in [lines] if isinstance(lines, str) else lines:
            print(line, file=self.out)

    def tell(self, render: Callable[[Side], list[str]], kind: str = "") -> None:
        """Something both sides learn, rendered for a side: shown to the player. `kind` "talks"
        marks lines of the talks' transcript."""
        self.say(render(self.side))

    def play(self) -> int:
        self.say(view.briefing(self.level, self.side))
        self.say(self.opening)
        try:
            while not self.game.over:
                if (self.state.year, self.state.phase) != self.shown:
                    self.show_situation()
                if self.game.to_move()[0] == self.them:
                    self.opponent_moves()
                else:
                    self.player_moves()
        except EOFError:
            self.say(f"End of input: you leave the game in {self.state.year}; it is not finished.")
            return 0
        except Leave:
            self.say(f"You leave the game in {self.state.year}; it is not finished.")
            return 0
        except KeyboardInterrupt:
            self.say("\nInterrupted: you leave the game.")
            return 130
        self.say(view.final(self.level, self.state, self.side, self.game.assessment()))
        if self.reveal:
            self.say(f"{sentence_start(view.NAME[self.them])} was played by the scripted opponent {self.reveal}.")
        return 0

    def header(self) -> str:
        s = self.state
        n = (s.year - self.level.start_year) // self.level.years_per_round + 1
        return (f"{s.year} {s.phase} (round {n} of {self.level.rounds}): you are {view.NAME[self.side]}; "
                f"{view.NAME[self.them]} plays {self.label}")

    def show_situation(self) -> None:
        s = self.state
        self.shown = (s.year, s.phase)
        lines = view.situation(self.level, s, self.side, self.game.assessment(), self.header())
        if s.phase == "orders":
            lines[1:1] = view.event_lines(self.level, s.events) or ["No event this year."]
        self.say(lines)

    # ---- the clock ----

    def ask(self, what: str) -> str:
        """A line read at the prompt for `what` ('2021 orders U.S.'). With a time limit the prompt
        shows the time left, and TimeUp is raised when the line comes too late (or none comes)."""
        if self.time_limit is None:
            return _printable(self.read(f"{what}> "))
        key = hotseat.clock_key(self.state, self.side)
        if key != self.clock_at:
            self.clock_at, self.deadline = key, self.clock() + self.time_limit
        left = self.deadline - self.clock()
        if left <= 0:
            raise TimeUp()
        line = self.read(f"[{what} {hotseat.countdown(left)} left]> ", left)
        if line is None:
            raise TimeUp()
        line = _printable(line)
        if self.clock() >= self.deadline:
            raise TimeUp(line)
        return line

    def time_up(self, late: str | None) -> None:
        """End the side's orders, or its turn in the talks, as the facilitator's clock says."""
        if late is not None and late.split() and late.split()[0].lower() in QUIT_WORDS:
            raise Leave
        s = self.state
        action = hotseat.timeout_action(s)
        limit = hotseat.countdown(self.time_limit or 0)
        text = f"Time is up ({limit} {'for the orders' if s.phase == 'orders' else 'a turn'})."
        if late is not None and late.strip():
            text += f" '{late.strip()[:40]}' came too late and was not applied."
        if s.phase == "orders":
            n = len(s.side(self.side).pending)
            given = f"the {n} order{'s' * (n != 1)} given" if n else "no orders"
            text += f" Your orders for {s.year} end with {given}."
        elif isinstance(action, RejectTalks):
            text += f" You decline {view.POSSESSIVE[self.them]} proposal, and your turn in the talks ends."
        elif isinstance(action, RejectDeal):
            text += " You reject the offer on the table, and your turn in the talks ends."
        else:
            text += " Your turn in the talks ends: you say nothing more this turn."
        self.timed_out(view.wrap(text, "    ", ""))
        self.apply(self.side, action)

    def timed_out(self, lines: list[str]) -> None:
        """Say why the orders or the turn ended."""
        self.say(lines)

    # ---- moves ----

    def apply(self, side: Side, action) -> None:
        before = self.state
        self.game.apply(side, action)
        self.narrate(before, side, action)

    def opponent_moves(self) -> None:
        action = self.policy.act(self.level, self.state, self.them)
        try:
            self.apply(self.them, action)
        except IllegalAction as e:
            who = sentence_start(view.POSSESSIVE[self.them])
            self.say(view.wrap(f"({who} scripted player tried an illegal move: {e} It passes.)", "    ", ""))
            legal = self.game.legal_actions(self.them)
            fallback = [a for a in legal if isinstance(a, (EndOrders, EndTalks))] or legal
            self.apply(self.them, fallback[0])

    def player_moves(self) -> None:
        s = self.state
        try:
            line = self.ask(f"{s.year} {s.phase} {SIDE_SHORT[self.side]}")
            parsed = parse(self.level, s, self.side, line)
            if parsed is None:
                return
            if isinstance(parsed, Request):
                self.answer(parsed)
                return
            pending = s.side(self.side).pending
            self.apply(self.side, parsed)
        except (CommandError, IllegalAction) as e:
            self.say(view.wrap(str(e), "    ", ""))
            return
        except TimeUp as e:
            self.time_up(e.line)
            return
        if s.phase == "orders":
            self.confirm_order(parsed, pending)

    def confirm_order(self, action, pending) -> None:
        if isinstance(action, EndOrders):
            if self.state.phase == "orders":
                self.say(f"You end your orders for {self.state.year}.")
            return
        book = ledger(self.level, self.state, self.side)
        left = f"budget {view.money(book.budget)} and capital {book.capital:g} left"
        if isinstance(action, UndoOrder):
            text = f"Taken back: {view.describe_action(self.level, pending[-1])} ({left})."
        else:
            text = f"Queued: {view.describe_action(self.level, action)} ({left})."
            warning = order_warning(self.level, self.state, action)
            text += f" {warning}" if warning else ""
        self.say(view.wrap(text, "    ", ""))

    def narrate(self, before: GameState, side: Side, action) -> None:
        after = self.state
        if before.phase == "talks":
            entries = after.talks.transcript[len(before.talks.transcript):]
            self.tell(lambda viewer: [line for e in entries for line in view.entry_line(self.level, e)],
                      "talks")
            self.after_talk(side, after)
        elif isinstance(action, EndOrders) and after.phase == "orders":
            self.orders_given(side)
        if hotseat.revealed_orders(before, after):
            self.tell(lambda viewer: view.resolution(self.level, before, after, viewer))
            self.resolved_news = after.news
        if after.year != before.year or after.is_over:
            prev = after.history[-2] if len(after.history) > 1 else self.start
            news = self.resolved_news
            self.tell(lambda viewer: view.year_report(self.level, prev, after.history[-1], viewer, news))

    def after_talk(self, side: Side, after: GameState) -> None:
        """After the opponent speaks: what the player must answer."""
        if side == self.them and after.phase == "talks" and after.talks.turn == self.side:
            if after.talks.awaiting == "talks":
                self.say(view.wrap(f"Your answer: {view.ladder_answer(self.level, after, self.side)}.", "    ", "  "))
            elif after.talks.awaiting == "deal":
                worth = view.worth_text(self.level, after, self.side, after.talks.offer)
                self.say(view.wrap(sentence_start(worth) + ".", "    ", "  "))
                self.say("  Your answer: accept, reject, walkout, or a counter-offer (offer, menu).")

    def orders_given(self, side: Side) -> None:
        """A side has ended its orders and the other has not."""
        if side == self.them:
            self.say(f"{sentence_start(view.NAME[self.them])} has given its orders (hidden until you end yours).")

    # ---- requests ----

    def answer(self, request: Request) -> None:
        name, args = request.name, request.args
        if name == "quit":
            raise Leave
        if name == "help":
            self.say(help_lines(args))
        elif name == "status":
            self.show_situation()
        elif name == "orders":
            self.say(self.orders_lines())
        elif name == "legal":
            self.say(self.legal_lines())
        elif name == "menu":
            self.say(self.menu_lines(args[0] if args else None))
        elif name == "index":
            key, group = index_key(args, self.side)
            result = self.game.assessment()
            index = result.shared[key] if group == "shared" else result.side(group)[key]
            self.say(view.index_detail(index, "shared" if group == "shared" else SIDE_NAMES[group]))
        elif name == "ally":
            chosen = [self.level.ally_index(args[0])] if args else range(len(self.level.allies))
            self.say([line for ai in chosen for line in view.ally_detail(self.level, self.state, ai)])
        elif name == "claims":
            self.say(view.claims_lines(self.level, self.state)
                     or ["The claims are weighed from the years played: ask again once the first year has ended."])
        elif name == "offer":
            self.build_offer()

    def orders_lines(self) -> list[str]:
        if self.state.phase != "orders":
            return ["Orders belong to the orders phase."]
        pending = hotseat.visible_pending(self.state, self.side)[self.side]
        lines = [f"{i}. {command_for(o):<28} {view.describe_action(self.level, o)}"
                 for i, o in enumerate(pending, 1)]
        lines = lines or ["No orders queued this year."]
        return lines + view.budget_lines(self.level, self.state, self.side)

    def legal_lines(self) -> list[str]:
        legal = self.game.legal_actions(self.side)
        words = list(dict.fromkeys(command_for(a) for a in legal if not isinstance(a, ProposeDeal)))
        deals = sum(isinstance(a, ProposeDeal) for a in legal)
        width = max((len(w) for w in words), default=0) + 2
        per_line = max(1, (view.WIDTH - 2) // width)
        lines = ["You may now:"]
        for i in range(0, len(words), per_line):
            lines.append("  " + "".join(w.ljust(width) for w in words[i:i + per_line]).rstrip())
        if deals:
            lines.append(f"  and {deals} offers from the menu (type menu), or any offer you build "
                         "(help offer)")
        return lines

    def menu_lines(self, view_name: str | None = None) -> list[str]:
        """The suggested offers with their worth to the player, all or as `menu` VIEW picks them
        (best, same, cross), numbered as in the whole menu so that `offer N` finds them."""
        offers = menu(self.level, self.state, self.side)
        if not offers:
            return ["No suggested offers now."]
        values = values_of(self.level, self.state, self.side, list(offers))
        rows = list(enumerate(zip(offers, values), 1))
        heading = "Suggested offers"
        if view_name == "best":
            rows = sorted(rows, key=lambda row: -row[1][1].total)[:BEST_SHOWN]
            heading = f"The {len(rows)} suggested offers worth the most to you"
        elif view_name in ("same", "cross"):
            same = view_name == "same"
            rows = [row for row in rows if metrics(self.level, self.state, row[1][0]).same_class == same]
            heading = f"The {len(rows)} {'like-for-like' if same else 'cross-class'} suggested offers"
        lines = view.wrap(f"{heading}, each with what it is worth to you in score points against no deal")
        lines.append("(propose one with: offer N):")
        for i, (offer, value) in rows:
            lines += view.wrap(f"{describe(self.level, offer)} [{signed(value.total)}]", "      ", f"{i:>4}. ")
        if self.state.talks.stage != "formal":
            lines.append(f"(Offers need formal talks; the talks are '{self.state.talks.stage}'.)")
        return lines

    def build_offer(self) -> None:
        """Ask for an offer a line at a time; an empty line proposes it, 'cancel' drops it."""
        if self.state.phase != "talks" or self.state.talks.stage != "formal":
            self.say(f"Offers need formal talks; the talks are '{self.state.talks.stage}'."
                     if self.state.phase == "talks" else "Offers belong to the talks phase.")
            return
        mine = ", ".join(c.id for c in self.level.classes if c.side == self.side)
        theirs = ", ".join(c.id for c in self.level.classes if c.side == self.them)
        self.say(view.wrap(
            "Build an offer, a term or more a line: SIDE:CLASS:KIND:COUNT with KIND reduce, cap or freeze "
            "(e.g. us:glcm:reduce:16), or zone:first, verify:none|data|onsite, years:N. "
            f"Your classes: {mine}; {view.POSSESSIVE[self.them]}: {theirs}. "
            "An empty line proposes the offer; cancel drops it."))
        offer = None
        while True:
            try:
                line = self.ask("offer").strip()
            except TimeUp:
                self.say("Offer dropped.")
                raise
            if line.lower() in ("cancel", "c", "quit"):
                self.say("Offer dropped.")
                return
            if not line:
                break
            try:
                offer = parse_offer(self.level, line.split(), offer)
            except CommandError as e:
                self.say(view.wrap(str(e), "    ", ""))
                continue
            self.say(view.wrap(describe(self.level, offer), "    ", "  so far: "))
        if offer is None:
            self.say("Offer dropped (it had no terms).")
            return
        try:
            self.apply(self.side, ProposeDeal(offer))
        except IllegalAction as e:
            self.say(view.wrap(str(e), "    ", ""))


class HotseatSession(Session):
    """Two people at one machine, one side each. The screen belongs to one side at a time
    (`hotseat.screen_side`); whenever it changes hands it is cleared and covered until the next
    side presses Enter (`hotseat.needs_cover`). What both sides learn (the talks, the resolved
    orders, the year's report) waits in each side's inbox, rendered for that side, and is shown
    at its next prompt, so nothing is wiped before it was read. A side's queued orders are seen
    by that side only (`hotseat.visible_pending`)."""

    def __init__(self, game: Game, read: Callable[..., str | None], out: TextIO, *,
                 clear: Callable[[], None], time_limit: int | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(game, "us", None, read, out, "", time_limit=time_limit, clock=clock)
        self.clear = clear
        self.holder: Side | None = None  # the side the screen was last handed to
        self.told = 0  # how many things were told: an inbox item's number, to merge them at the end
        self.inbox: dict[Side, list[tuple[int, str, list[str]]]] = {side: [] for side in SIDES}
        self.cover_note: list[str] = []  # said on the cover screen, before it asks for Enter
        self.seen: dict[Side, tuple[int, str]] = {}  # the (year, phase) each side last saw in full

    def tell(self, render: Callable[[Side], list[str]], kind: str = "") -> None:
        self.told += 1
        for side in SIDES:
            lines = render(side)
            if lines:
                self.inbox[side].append((self.told, kind, lines))

    def flush(self, side: Side) -> None:
        """Show `side` what it has not seen yet."""
        waiting, self.inbox[side] = self.inbox[side], []
        self.say(self.read_out(waiting))

    def read_out(self, items: list[tuple[int, str, list[str]]]) -> list[str]:
        """Inbox items as lines: a run of talks lines under a heading."""
        lines, last = [], ""
        for _, kind, more in items:
            if kind == "talks" and last != "talks":
                lines.append("In the talks:")
            lines += more
            last = kind
        return lines

    def play(self) -> int:
        self.say(view.briefing(self.level, None))
        self.say(view.wrap("Hotseat: two delegations, one screen. Each side's orders stay hidden "
                           "until both have given theirs; the screen is covered whenever it changes "
                           "hands. Type help for the commands; ids may be shortened (dep gl gu 8)."))
        self.say(self.opening)
        self.tell(lambda side: view.objective_lines(self.level, side))
        try:
            while not self.game.over:
                side = hotseat.screen_side(self.state)
                if hotseat.needs_cover(self.holder, side, self.state.phase):
                    self.hand_over(side)
                else:
                    self.flush(self.side)
                    if (self.state.year, self.state.phase) != self.shown:
                        self.show_situation()
                self.player_moves()
        except EOFError:
            self.say(f"End of input: the game stops in {self.state.year}; it is not finished.")
            return 0
        except Leave:
            self.say(f"The delegations leave the game in {self.state.year}; it is not finished.")
            return 0
        except KeyboardInterrupt:
            self.say("\nInterrupted: the delegations leave the game.")
            return 130
        self.say("")
        self.say(view.rule("Both delegations may now look at the screen"))
        self.say(self.unseen())
        self.say(view.final(self.level, self.state, None, self.game.assessment()))
        return 0

    def unseen(self) -> list[str]:
        """Both inboxes at the end, in order: the talks and whatever reads the same for both sides
        once; what each side sees its own way (the year's review) under its delegation's name."""
        told: dict[int, tuple[str, dict[Side, list[str]]]] = {}
        for side in SIDES:
            for n, kind, lines in self.inbox[side]:
                told.setdefault(n, (kind, {}))[1][side] = lines
        items = []
        for n in sorted(told):
            kind, views = told[n]
            first = next(iter(views.values()))
            if kind == "talks" or all(lines == first for lines in views.values()):
                items.append((n, kind, first))
                continue
            for side in SIDES:
                if side in views:
                    items.append((n, kind, [f"For {hotseat.DELEGATION[side]}:"] + views[side]))
        return self.read_out(items)

    def hand_over(self, side: Side) -> None:
        """Clear the screen, cover it until `side` is alone at it, then show what it has missed.
        (The first time only the briefing is on the screen, for both to read: it stays.)"""
        if self.holder is not None:
            self.clear()
        self.say(self.cover_note)
        self.cover_note = []
        line = self.read(hotseat.cover_text(side) + " ")
        if line is not None and line.split() and line.split()[0].lower() in QUIT_WORDS:
            raise Leave
        self.holder, self.side, self.them = side, side, other(side)
        self.say(view.rule(f"{sentence_start(hotseat.DELEGATION[side])} at the screen"))
        self.flush(side)
        s = self.state
        if s.phase == "talks" and self.seen.get(side) == (s.year, s.phase):
            self.shown = (s.year, s.phase)  # seen already this phase: the talks are what changed
            self.say(view.rule(self.header()))
            self.say(view.talks_lines(self.level, s, side, self.game.assessment()))
            self.say("(status shows the whole situation again)")
        else:
            self.show_situation()

    def show_situation(self) -> None:
        super().show_situation()
        self.seen[self.side] = self.shown

    def header(self) -> str:
        s = self.state
        n = (s.year - self.level.start_year) // self.level.years_per_round + 1
        return (f"{s.year} {s.phase} (round {n} of {self.level.rounds}): you are {view.NAME[self.side]}, "
                f"hotseat")

    def after_talk(self, side: Side, after: GameState) -> None:
        """The answer needed is in the situation the other side sees on its turn."""

    def orders_given(self, side: Side) -> None:
        given = f"{sentence_start(view.NAME[side])} has given its orders (hidden until you end yours)."
        self.tell(lambda viewer: [given] if viewer != side else [])

    def timed_out(self, lines: list[str]) -> None:
        side = self.side
        self.cover_note = [f"Time is up for {hotseat.DELEGATION[side]}."]
        if self.state.phase == "orders":
            late = f"Time ran out for {view.POSSESSIVE[side]} orders: they ended with those given."
            self.tell(lambda viewer: lines if viewer == side else [late])
        else:  # a line of the talks, among the others
            late = f"  (Time ran out for {view.POSSESSIVE[side]} turn.)"
            own = ["  " + line for line in lines]
            self.tell(lambda viewer: own if viewer == side else [late], "talks")


def help_lines(args: tuple[str, ...]) -> list[str]:
    if args:
        try:
            name = command_name(args[0])
        except CommandError as e:
            return [str(e)]
        c = next(c for c in COMMANDS if c.name == name)
        when = {"orders": "in the orders phase", "talks": "in the talks", "always": "at any time"}[c.when]
        lines = view.wrap(f"{c.usage}: {c.help} ({when}).", "  ") + [f"  e.g. {c.example}"]
        if name == "offer":
            lines += view.wrap(
                "A term is SIDE:CLASS:KIND:COUNT (the side may be left out): reduce eliminates COUNT, "
                "cap limits to COUNT, freeze (no count) stops building. Add zone:first to bar "
                "ground-launched intermediate-range missiles from the first island chain, "
                "verify:none|data|onsite (default data), years:N to implement (default 3). "
                "'offer 3' proposes number 3 of the menu; 'offer' alone asks a line at a time.", "  ", "  ")
        return lines
    lines = ["Commands (ids and command names may be shortened to a unique prefix; help COMMAND for more):"]
    for title, when in (("Orders", "orders"), ("Talks", "talks"), ("Any time", "always")):
        lines.append(f"{title}:")
        for c in COMMANDS:
            if c.when == when:
                lines += view.wrap(c.help, " " * 36, f"  {c.usage:<33} ")
                if c.example != c.usage:
                    lines += view.wrap(f"e.g. {c.example}", " " * 36)
    return lines
