"""Hotseat in the terminal: the cover screen, who sees what, and the rules in game.classroom.hotseat."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from attrs import evolve

from game.classroom import hotseat
from game.content.levels import resolve_level
from game.model.actions import (
    Campaign,
    Coerce,
    Consult,
    EndOrders,
    EndTalks,
    RejectDeal,
    RejectTalks,
    SeekPledge,
)
from game.model.game import Game
from game.model.offers import menu
from game.text import app, view
from game.text.commands import command_for
from game.text.view import WIDTH

from test_text_mode import args, outcome_shown

COVER = {side: hotseat.cover_text(side) for side in ("us", "china")}

# Two years of orders, different every year and every side, so a screen can be searched for them.
ORDERS = {
    2020: {"us": ["consult japan", "pledge philippines"], "china": ["coerce japan", "campaign philippines"]},
    2021: {"us": ["consult philippines", "signal reassure"],
           "china": ["induce philippines", "signal resolve"]},
}
# What each order reads as on a screen: the typed command and its description.
SHOWN = {
    "consult japan": "consult Japan",
    "pledge philippines": "seek a pledge from the Philippines",
    "coerce japan": "coerce Japan",
    "campaign philippines": "campaign against basing in the Philippines",
    "consult philippines": "consult the Philippines",
    "signal reassure": "signal reassure",
    "induce philippines": "induce the Philippines",
    "signal resolve": "signal resolve",
}


def hotseat_args(**kw):
    return args(hotseat=True, side=None, opponent=None, difficulty=None, **kw)


def play_hotseat(lines, **kw) -> tuple[int, str]:
    out = io.StringIO()
    code = app.run(hotseat_args(**kw), lines=lines, out=out)
    return code, out.getvalue()


def script() -> list[str]:
    """Two years of the tutorial in hotseat: Enter at every cover, orders, then `end` (talks: `end`,
    or `reject` when something must be answered, which never happens when both sides say end)."""
    lines = []
    for year in (2020, 2021):
        for side in ("us", "china"):
            lines += [""] + ORDERS[year][side] + ["orders", "end"]
        lines += ["", "end", "", "end"]  # the talks: each side says it has nothing more to say
    return lines


def screens(out: str) -> list[tuple[str, str]]:
    """The output cut into screens: (side at the screen, what it saw), in order."""
    parts = []
    rest = out
    while True:
        hits = [(rest.find(text), side) for side, text in COVER.items() if text in rest]
        if not hits:
            break
        at, side = min(hits)
        if parts:
            parts[-1] = (parts[-1][0], parts[-1][1] + rest[:at])
        rest = rest[at + len(COVER[side]):]
        parts.append((side, ""))
    if parts:
        parts[-1] = (parts[-1][0], parts[-1][1] + rest)
    return parts


# ---- the rules ------------------------------------------------------------------------------


def test_the_screen_goes_to_the_us_then_china_in_orders_and_to_the_speaker_in_talks():
    level = resolve_level("tutorial")
    game = Game.new(level, 3)
    assert hotseat.screen_side(game.state) == "us"
    game.apply("us", EndOrders())
    assert hotseat.screen_side(game.state) == "china"
    game.apply("china", EndOrders())
    assert game.state.phase == "talks"
    assert hotseat.screen_side(game.state) == game.state.talks.turn
    game.state = evolve(game.state, phase="over")
    assert hotseat.screen_side(game.state) is None


def test_the_screen_is_covered_whenever_it_changes_hands():
    assert hotseat.needs_cover(None, "us", "orders")  # at the start
    assert hotseat.needs_cover("us", "china", "orders")
    assert hotseat.needs_cover("china", "us", "talks")
    assert not hotseat.needs_cover("us", "us", "talks")
    assert not hotseat.needs_cover("china", "china", "orders")
    assert not hotseat.needs_cover("us", None, "over")
    assert hotseat.cover_text("china") == ("Pass the keyboard to the Chinese delegation. "
                                          "Press Enter when only they can see the screen.")


def test_a_side_sees_only_its_own_pending_orders_and_both_once_resolved():
    level = resolve_level("tutorial")
    game = Game.new(level, 3)
    game.apply("us", Consult("japan"))
    game.apply("china", Coerce("japan"))
    assert hotseat.visible_pending(game.state, "us") == {"us": (Consult("japan"),)}
    assert hotseat.visible_pending(game.state, "china") == {"china": (Coerce("japan"),)}
    game.apply("us", EndOrders())
    before = game.state
    assert hotseat.revealed_orders(before, before) == {}
    game.apply("china", EndOrders())
    revealed = {"us": (Consult("japan"),), "china": (Coerce("japan"),)}
    assert hotseat.revealed_orders(before, game.state) == revealed
    assert hotseat.visible_pending(game.state, "us") == {}  # the talks: nothing is pending


def test_the_indices_do_not_depend_on_the_other_sides_pending_orders():
    """Both sides may see every index: they are computed from the public state only."""
    level = resolve_level("tutorial")
    game = Game.new(level, 3)
    quiet = game.assessment().values()
    game.apply("china", Coerce("japan"))
    game.apply("china", Campaign("philippines"))
    assert game.assessment().values() == quiet


def test_deal_values_are_each_sides_own():
    assert hotseat.may_see_value("us", "us")
    assert not hotseat.may_see_value("us", "china")


def test_the_clock_restarts_per_orders_phase_and_per_talks_turn():
    level = resolve_level("tutorial")
    game = Game.new(level, 3)
    orders = hotseat.clock_key(game.state, "us")
    game.apply("us", Consult("japan"))
    assert hotseat.clock_key(game.state, "us") == orders  # the same phase: the same clock
    assert hotseat.clock_key(game.state, "china") != orders
    game.apply("us", EndOrders())
    game.apply("china", EndOrders())
    first = hotseat.clock_key(game.state, game.state.talks.turn)
    game.apply(game.state.talks.turn, EndTalks())
    assert hotseat.clock_key(game.state, game.state.talks.turn) != first


def test_countdown_reads_minutes_and_seconds():
    assert hotseat.countdown(92) == "1:32"
    assert hotseat.countdown(91.2) == "1:32"  # rounded up: 0:00 only when the time is up
    assert hotseat.countdown(0) == "0:00"
    assert hotseat.countdown(-5) == "0:00"
    assert hotseat.countdown(3725) == "1:02:05"


def test_what_is_done_when_time_is_up():
    level = resolve_level("tutorial")
    state = Game.new(level, 3).state
    assert hotseat.timeout_action(state) == EndOrders()
    talks = evolve(state, phase="talks")
    assert hotseat.timeout_action(talks) == EndTalks()
    assert hotseat.timeout_action(evolve(talks, talks=evolve(talks.talks, awaiting="talks"))) == RejectTalks()
    offer = menu(level, state, "us")[0]
    deal = evolve(talks, talks=evolve(talks.talks, awaiting="deal", offer=offer))
    assert hotseat.timeout_action(deal) == RejectDeal()


# ---- no screen shows the other side's pending orders ------------------------------------------


def test_no_screen_shows_the_other_sides_orders_before_they_resolve():
    code, out = play_hotseat(script())
    assert code == 0, out[-2000:]
    assert "Traceback" not in out
    parts = screens(out)
    assert [side for side, _ in parts[:4]] == ["us", "china", "us", "china"]
    seen_resolution = {"us": set(), "china": set()}
    checked = 0
    for side, text in parts:
        other = "china" if side == "us" else "us"
        for year, orders in ORDERS.items():
            if year in seen_resolution[side]:
                continue
            head = text.split(f"{year}: orders resolved", 1)
            for order in orders[other]:
                assert order not in head[0], (side, year, order)
                assert SHOWN[order] not in head[0], (side, year, order)
                checked += 1
            if len(head) > 1:
                seen_resolution[side].add(year)
                for order in orders[other]:  # once resolved, the other side's orders are shown
                    assert SHOWN[order] in head[1], (side, year, order)
    assert seen_resolution == {"us": {2020, 2021}, "china": {2020, 2021}}
    assert checked > 20
    china_first = parts[1][1]
    assert "The United States has given its orders (hidden until you end yours)." in china_first
    # Each side did see its own orders while it gave them.
    for year in ORDERS:
        for side in ("us", "china"):
            for order in ORDERS[year][side]:
                assert any(f"Queued: {SHOWN[order]}" in text for s, text in parts if s == side), order


def test_the_view_for_each_side_at_each_step_hides_the_other_sides_queue():
    """Render every screen a side can ask for (situation, orders, legal, menu, help) for both sides
    after every action of a scripted orders phase: the other side's queue never shows."""
    level = resolve_level("tutorial")
    game = Game.new(level, 3)
    session = app.HotseatSession(game, app._reader([], io.StringIO()), io.StringIO(), clear=lambda: None)
    steps = [("us", Consult("japan")), ("china", Coerce("japan")), ("us", SeekPledge("philippines")),
             ("china", Campaign("philippines")), ("us", EndOrders())]
    queued = {"us": [], "china": []}

    def screen(viewer: str) -> str:
        session.side, session.them = viewer, "china" if viewer == "us" else "us"
        header = session.header()
        lines = view.situation(level, game.state, viewer, game.assessment(), header)
        lines += session.orders_lines() + session.legal_lines() + session.menu_lines()
        return "\n".join(lines)

    for side, action in steps:
        game.apply(side, action)
        if action != EndOrders():
            queued[side].append(action)
        for viewer in ("us", "china"):
            other = "china" if viewer == "us" else "us"
            text = screen(viewer)
            for order in queued[other]:
                assert view.describe_action(level, order) not in text, (viewer, order)
                assert command_for(order) not in text.split("You may now:")[0], (viewer, order)
            for order in queued[viewer]:
                assert view.describe_action(level, order) in text  # its own queue is listed
    before = game.state
    game.apply("china", EndOrders())
    for viewer in ("us", "china"):
        text = "\n".join(view.resolution(level, before, game.state, viewer))
        for order in queued["us"] + queued["china"]:
            assert view.describe_action(level, order) in text


def test_the_other_side_learns_the_talks_at_its_turn():
    code, out = play_hotseat(["", "end", "", "end", "", "propose", "", "reject", "", "end", "", "end", ""])
    assert code == 0
    parts = screens(out)
    china_talks = next(text for side, text in parts if side == "china" and "2020 talks" in text)
    assert "In the talks:\n  The United States proposes exploratory talks." in china_talks
    assert "The United States proposes exploratory talks: accept or reject." in china_talks
    us_again = [text for side, text in parts if side == "us" and "2020 talks" in text][1]
    assert "China declines to climb the ladder." in us_again
    assert "(status shows the whole situation again)" in us_again  # a short screen on the second turn
    assert "Your indices" not in us_again


def test_objectives_are_shown_to_their_own_side_only():
    code, out = play_hotseat(["", "end", "", "end", "quit"])
    level = resolve_level("tutorial")
    parts = dict(screens(out)[:2])
    briefing = out.split(COVER["us"], 1)[0]
    for side, other in (("us", "china"), ("china", "us")):
        assert level.objectives[side].summary.split()[0] in parts[side]
        assert f"Your objective as {view.NAME[other]}" not in parts[side]
        assert "Your objective as" not in briefing


# ---- a whole game -----------------------------------------------------------------------------


def test_a_whole_hotseat_game_ends_with_both_sides_looking(tmp_path):
    path = tmp_path / "r.json"
    lines = ["reject" if i % 7 == 6 else "end" if i % 2 else "" for i in range(600)]
    code, out = play_hotseat(lines, result=str(path))
    assert code == 0, out[-3000:]
    assert outcome_shown(out)
    assert "Both delegations may now look at the screen" in out
    final = out.split("Both delegations may now look at the screen", 1)[1]
    assert "Final scores: United States" in final and "(you play" not in final
    # Each side's own review of the last year, under its name; the talks' last lines once.
    us, china = final.index("For the U.S. delegation:\n---- 2022 in review"), final.index(
        "For the Chinese delegation:\n---- 2022 in review")
    assert us < china < final.index("==== The game is over")
    assert final.count("has nothing more to say this year.") <= 2
    assert json.loads(path.read_text())["final_year"] == 2022
    assert not [line for line in out.splitlines() if len(line) > WIDTH]


def test_hotseat_through_a_pipe_with_the_real_clock(tmp_path):
    cmd = [sys.executable, "-m", "game", "text", "--hotseat", "--level", "tutorial", "--seed", "3",
           "--time-limit", "600", "--result", str(tmp_path / "r.json")]
    stdin = "\n".join(["", "end"] * 300) + "\n"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert "[2020 orders U.S. 10:00 left]> end" in done.stdout
    assert outcome_shown(done.stdout)
    assert (tmp_path / "r.json").exists()
    assert "Traceback" not in done.stdout + done.stderr


def test_quit_at_the_cover_leaves():
    code, out = play_hotseat(["", "end", "quit"])
    assert code == 0
    assert out.rstrip().endswith("The delegations leave the game in 2020; it is not finished.")


def test_settings_for_one_player_do_not_apply_to_hotseat(capsys):
    for name, value in (("side", "china"), ("opponent", "hardliner"), ("difficulty", "hard")):
        given = {"side": None, "opponent": None, "difficulty": None, name: value}
        code = app.run(args(hotseat=True, **given), lines=[], out=io.StringIO())
        assert code == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: --{name} does not apply to --hotseat") and err.count("\n") == 1


# ---- clearing the screen ------------------------------------------------------------------


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_screen_is_cleared_with_ansi_at_a_terminal_and_blank_lines_elsewhere(monkeypatch):
    class Readline:
        cleared = 0

        def clear_history(self):
            Readline.cleared += 1

    monkeypatch.setitem(sys.modules, "readline", Readline())
    tty = TTY()
    app._clearer(tty)()
    assert tty.getvalue() == "\x1b[H\x1b[2J\x1b[3J"
    pipe = io.StringIO()
    app._clearer(pipe)()
    assert pipe.getvalue() == "\n" * len(pipe.getvalue()) and len(pipe.getvalue()) >= app.CLEAR_LINES
    assert Readline.cleared == 2  # the next side cannot scroll back through the commands typed


def test_the_first_cover_leaves_the_briefing_on_the_screen():
    cleared = []
    level = resolve_level("tutorial")
    out = io.StringIO()
    session = app.HotseatSession(Game.new(level, 3), app._reader(["", "end", "", "quit"], out), out,
                                 clear=lambda: cleared.append(out.tell()))
    session.play()
    text = out.getvalue()
    assert len(cleared) == 1  # before China's cover, not before the first
    assert COVER["china"] in text[cleared[0]:] and COVER["china"] not in text[:cleared[0]]
