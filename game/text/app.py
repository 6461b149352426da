"""The terminal game: `python -m game text --side us --opponent random --level tutorial --seed 3`.

A complete game against a scripted opponent with plain `print` and `input`, so it works in any
terminal and with piped input. The loop asks whoever is to move: the opponent's policy, or the
player, one command a line. A line that cannot be read, or an action the rules refuse, prints one
sentence and the prompt comes back. End of input and `quit` leave cleanly with exit status 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from typing import Callable, TextIO

import numpy as np

from game.ai.registry import DEFAULT_DIFFICULTY, DIFFICULTIES, POLICIES, make_factory
from game.content.levels import LevelError, resolve_level
from game.model.actions import EndOrders, EndTalks, IllegalAction, ProposeDeal, UndoOrder
from game.model.game import Game
from game.model.level import SIDE_NAMES, SIDES, Side, other
from game.model.negotiation import describe
from game.model.offers import menu
from game.model.orders import ledger
from game.model.state import GameState
from game.results import game_record
from game.text import view
from game.text.commands import (
    COMMANDS,
    CommandError,
    Request,
    command_for,
    command_name,
    index_key,
    parse,
    parse_offer,
)

class Leave(Exception):
    """The player typed quit."""


# ---- the command line -------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    policies = ", ".join(sorted(POLICIES))
    parser.add_argument("--side", choices=SIDES, default="us", help="the side you play (default us)")
    parser.add_argument("--opponent", default="random", metavar="NAME",
                        help=f"the scripted opponent ({policies}; default random)")
    parser.add_argument("--difficulty", default=DEFAULT_DIFFICULTY, metavar="D",
                        help=f"{', '.join(DIFFICULTIES)} (default {DEFAULT_DIFFICULTY})")
    parser.add_argument("--level", default="tutorial", metavar="ID_OR_PATH",
                        help="a bundled level's id or a level file (default tutorial)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="the game's seed (default 0)")
    parser.add_argument("--result", metavar="PATH",
                        help="when the game ends, write its record (JSON) to PATH")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register `text` with the subparsers of `python -m game`."""
    parser = subparsers.add_parser(
        "text", help="play a game in the terminal",
        description="Play a game against a scripted opponent in the terminal, one command a line "
                    "(type help in the game). Works with piped input.")
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace, lines: Iterable[str] | None = None, out: TextIO | None = None) -> int:
    """Play the game `args` describe; `lines` replaces standard input (for tests and scripts)."""
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")
    if args.seed < 0:
        return _usage(f"--seed must be 0 or more (got {args.seed})")
    if args.result and not os.path.isdir(os.path.dirname(os.path.abspath(args.result))):
        return _usage(f"--result: there is no folder for {args.result}")
    try:
        factory = make_factory(args.opponent, args.difficulty)
    except ValueError as e:
        return _usage(str(e))
    try:
        level = resolve_level(args.level)
    except LevelError as e:
        if len(e.problems) == 1 and e.problems[0].startswith("unknown level "):
            return _usage(e.problems[0])
        for problem in e.problems:  # a bad level file: every problem, as `file: field.path: reason`
            print(problem, file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        return _usage(f"cannot read level '{args.level[:60]}': {getattr(e, 'strerror', None) or e}")
    # The opponent's own stream, derived as `game.ai.match.play` does: the same seed, the same game.
    streams = np.random.SeedSequence([args.seed, 1]).generate_state(2, dtype=np.uint32)
    seeds = dict(zip(SIDES, (int(s) for s in streams)))
    policy = factory(seeds[other(args.side)])
    session = Session(Game.new(level, args.seed), args.side, policy, _reader(lines, out), out,
                      f"{args.opponent}, {args.difficulty}")
    try:
        code = session.play()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    if code == 0 and session.game.over and args.result:
        return _write_result(session.game, args.result, out)
    return code


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


def _reader(lines: Iterable[str] | None, out: TextIO) -> Callable[[str], str]:
    """A function prompt -> line that raises EOFError at the end of input. Lines that do not
    come from a person at a terminal are echoed after the prompt, so the output reads as a log."""
    if lines is not None:
        feed = iter(lines)

        def from_list(prompt: str) -> str:
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

        def from_terminal(prompt: str) -> str:
            try:
                return input(prompt)
            except EOFError:  # Ctrl-D: end the prompt's line before the goodbye
                out.write("\n")
                raise

        return from_terminal

    def from_pipe(prompt: str) -> str:
        out.write(prompt)
        out.flush()
        line = sys.stdin.readline()
        if not line:
            out.write("\n")
            raise EOFError
        out.write(line.rstrip("\r\n") + "\n")
        return line

    return from_pipe


# ---- the game ---------------------------------------------------------------------------------


class Session:
    """One game in the terminal: the player's side, the opponent's policy, input and output."""

    def __init__(self, game: Game, side: Side, policy, read: Callable[[str], str], out: TextIO, label: str):
        self.game, self.side, self.them, self.policy = game, side, other(side), policy
        self.read, self.out, self.label = read, out, label
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

    def play(self) -> int:
        self.say(view.briefing(self.level, self.side))
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
        return 0

    def show_situation(self) -> None:
        s = self.state
        self.shown = (s.year, s.phase)
        n = (s.year - self.level.start_year) // self.level.years_per_round + 1
        header = (f"{s.year} {s.phase} (round {n} of {self.level.rounds}): you are {view.NAME[self.side]}; "
                  f"{view.NAME[self.them]} plays {self.label}")
        lines = view.situation(self.level, s, self.side, self.game.assessment(), header)
        if s.phase == "orders":
            lines[1:1] = view.event_lines(self.level, s.events) or ["No event this year."]
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
            who = view.cap(view.POSSESSIVE[self.them])
            self.say(view.wrap(f"({who} scripted player tried an illegal move: {e} It passes.)", "    ", ""))
            legal = self.game.legal_actions(self.them)
            fallback = [a for a in legal if isinstance(a, (EndOrders, EndTalks))] or legal
            self.apply(self.them, fallback[0])

    def player_moves(self) -> None:
        s = self.state
        line = self.read(f"{s.year} {s.phase} {view.SHORT[self.side]}> ")
        try:
            parsed = parse(self.level, s, self.side, line)
            if parsed is None:
                return
            if isinstance(parsed, Request):
                self.answer(parsed)
                return
            pending = s.side(self.side).pending
            self.apply(self.side, parsed)
        except (CommandError, IllegalAction) as e:
            self.say(str(e))
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
        self.say(view.wrap(text, "    ", ""))

    def narrate(self, before: GameState, side: Side, action) -> None:
        after = self.state
        if before.phase == "talks":
            for entry in after.talks.transcript[len(before.talks.transcript):]:
                self.say(view.entry_line(self.level, entry))
            if side == self.them and after.phase == "talks" and after.talks.turn == self.side:
                if after.talks.awaiting == "talks":
                    self.say("  Your answer: accept or reject.")
                elif after.talks.awaiting == "deal":
                    self.say("  Your answer: accept, reject, walkout, or a counter-offer (offer, menu).")
        elif side == self.them and isinstance(action, EndOrders):
            hidden = " (hidden until you end yours)" if after.phase == "orders" else ""
            self.say(f"{view.cap(view.NAME[self.them])} has given its orders{hidden}.")
        if before.phase == "orders" and after.phase != "orders":
            self.say(view.resolution(self.level, before, after, self.side))
            self.resolved_news = after.news
        if after.year != before.year or after.is_over:
            prev = after.history[-2] if len(after.history) > 1 else self.start
            self.say(view.year_report(self.level, prev, after.history[-1], self.side, self.resolved_news))

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
            self.say(self.menu_lines())
        elif name == "index":
            key, group = index_key(args, self.side)
            result = self.game.assessment()
            index = result.shared[key] if group == "shared" else result.side(group)[key]
            self.say(view.index_detail(index, "shared" if group == "shared" else SIDE_NAMES[group]))
        elif name == "offer":
            self.build_offer()

    def orders_lines(self) -> list[str]:
        pending = self.state.side(self.side).pending
        if self.state.phase != "orders":
            return ["Orders belong to the orders phase."]
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

    def menu_lines(self) -> list[str]:
        offers = menu(self.level, self.state, self.side)
        if not offers:
            return ["No suggested offers now."]
        lines = ["Suggested offers (propose one with: offer N):"]
        for i, offer in enumerate(offers, 1):
            lines += view.wrap(describe(self.level, offer), "      ", f"{i:>4}. ")
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
            line = self.read("offer> ").strip()
            if line.lower() in ("cancel", "c", "quit"):
                self.say("Offer dropped.")
                return
            if not line:
                break
            try:
                offer = parse_offer(self.level, line.split(), offer)
            except CommandError as e:
                self.say(str(e))
                continue
            self.say(view.wrap(describe(self.level, offer), "    ", "  so far: "))
        if offer is None:
            self.say("Offer dropped (it had no terms).")
            return
        try:
            self.apply(self.side, ProposeDeal(offer))
        except IllegalAction as e:
            self.say(str(e))


def help_lines(args: tuple[str, ...]) -> list[str]:
    if args:
        try:
            name = command_name(args[0])
        except CommandError as e:
            return [str(e)]
        c = next(c for c in COMMANDS if c.name == name)
        when = {"orders": "in the orders phase", "talks": "in the talks", "always": "at any time"}[c.when]
        lines = [f"{c.usage}: {c.help} ({when}).", f"  e.g. {c.example}"]
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
