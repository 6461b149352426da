"""The facilitator's options on `text`: --time-limit (with a test clock), --no-events, --inject,
--hide-opponent, --class-seed; bad values are one `error:` line and exit status 2."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from attrs import evolve

from game.ai.registry import make_factory
from game.content.levels import resolve_level
from game.model.game import Game
from game.model.offers import menu
from game.text import app

from test_hotseat import COVER, hotseat_args, screens
from test_text_mode import ENDS, args, outcome_shown


class Clock:
    """A clock the test moves: a number among the lines is seconds that pass before the next line."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def feed(self, items):
        for item in items:
            if isinstance(item, (int, float)):
                self.now += item
            else:
                yield item


def timed(items, limit=120, **kw) -> tuple[int, str]:
    clock = Clock()
    out = io.StringIO()
    code = app.run(args(time_limit=limit, **kw), lines=clock.feed(items), out=out, clock=clock)
    return code, out.getvalue()


def flat(text: str) -> str:
    """`text` with its lines joined, so a wrapped sentence can be found whole."""
    return " ".join(text.split())


def run_process(*extra: str, stdin: str = ""):
    cmd = [sys.executable, "-m", "game", "text", "--level", "tutorial", *extra]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=300, env=env)


# ---- the time limit ---------------------------------------------------------------------------


def test_the_prompt_counts_down():
    code, out = timed([28, "consult japan", 30, "orders", "quit"])
    assert code == 0
    assert "[2020 orders U.S. 2:00 left]> consult japan" in out
    assert "[2020 orders U.S. 1:32 left]> orders" in out
    assert "[2020 orders U.S. 1:02 left]> quit" in out


def test_a_command_after_the_limit_ends_the_orders_with_those_given():
    code, out = timed(["consult japan", 125, "pledge philippines", "quit"])
    assert code == 0
    assert ("Time is up (2:00 for the orders). 'pledge philippines' came too late and was not applied. "
            "Your orders for 2020 end with the 1 order given.") in flat(out)
    resolved = out.split("2020: orders resolved", 1)[1]
    assert "Your orders: consult Japan\n" in resolved
    assert "seek a pledge" not in resolved
    assert "[2020 talks U.S. 2:00 left]> quit" in out  # the talks have a clock of their own


def test_at_the_limit_exactly_the_time_is_up():
    code, out = timed([120, "consult japan", "quit"])
    assert "Time is up (2:00 for the orders). 'consult japan' came too late" in out
    assert "Your orders for 2020 end with no orders." in flat(out)


def test_a_reader_that_polls_ends_the_orders_at_the_limit():
    """At a terminal the reader returns None when the time runs out before a line is entered."""
    level = resolve_level("tutorial")
    game = Game.new(level, 3)
    out = io.StringIO()
    answers = iter([None, "quit"])
    asked = []

    def read(prompt, timeout=None):
        out.write(prompt + "\n")
        asked.append(timeout)
        return next(answers)

    session = app.Session(game, "us", make_factory("random")(7), read, out, "random", time_limit=90,
                          clock=lambda: 50.0)
    assert session.play() == 0
    text = out.getvalue()
    assert "Time is up (1:30 for the orders). Your orders for 2020 end with no orders." in flat(text)
    assert asked[0] == 90  # the reader was told how long it may wait
    assert "2020: orders resolved" in text


def talks_session(lines, clock, **talks):
    """The tutorial at 2020's talks with the U.S. to speak; `talks` sets what awaits it."""
    level = resolve_level("tutorial")
    game = Game.new(level, 1)
    state = game.state
    talks = {"stage": "formal", **talks}
    game.state = evolve(state, phase="talks", talks=evolve(
        state.talks, turn="us", exchanges_left=8, willingness=(90.0, 60.0), **talks))
    out = io.StringIO()
    session = app.Session(game, "us", make_factory("passive")(7), app._reader(clock.feed(lines), out), out,
                          "passive", time_limit=60, clock=clock)
    return session.play(), out.getvalue()


def test_in_the_talks_the_turn_ends_when_time_is_up():
    code, out = talks_session([61, "walkout"], Clock())
    assert code == 0
    assert ("Time is up (1:00 a turn). 'walkout' came too late and was not applied. Your turn in the "
            "talks ends") in flat(out)
    assert "The United States has nothing more to say this year." in out
    assert "walks out" not in out


def test_a_proposal_or_an_offer_is_rejected_when_time_is_up():
    code, out = talks_session([70, "accept"], Clock(), awaiting="talks", stage="exploratory")
    assert "You decline China's proposal, and your turn in the talks ends." in flat(out)
    assert "The United States declines to climb the ladder." in out
    level = resolve_level("tutorial")
    offer = menu(level, Game.new(level, 1).state, "china")[0]
    code, out = talks_session([70, "accept"], Clock(), awaiting="deal", offer=offer)
    assert "You reject the offer on the table, and your turn in the talks ends." in flat(out)
    assert "The United States rejects the offer." in out


def test_time_up_in_the_offer_builder_drops_the_offer():
    code, out = talks_session(["offer", "glcm:reduce:8", 80, "cj10:reduce:8", ""], Clock())
    assert "Offer dropped." in out
    assert "Your turn in the talks ends" in flat(out)
    assert "offers:" not in out


def test_quit_after_the_limit_still_leaves():
    code, out = timed([200, "quit"])
    assert code == 0
    assert out.rstrip().endswith("You leave the game in 2020; it is not finished.")


def test_every_turn_with_a_time_limit_plays_a_whole_game():
    code, out = timed([item for line in ENDS for item in (5, line)], limit=30)
    assert code == 0
    assert outcome_shown(out)
    assert "Time is up" not in out


def test_hotseat_time_up_is_said_on_the_cover_and_to_the_other_side():
    clock = Clock()
    out = io.StringIO()
    lines = ["", "consult japan", 130, "pledge philippines", "", "end", "", "quit"]
    code = app.run(hotseat_args(time_limit=120), lines=clock.feed(lines), out=out, clock=clock)
    assert code == 0
    text = out.getvalue()
    assert f"Time is up for the U.S. delegation.\n{COVER['china']}" in text
    china = dict(screens(text))["china"]
    assert "Time ran out for the United States' orders: they ended with those given." in china
    assert "[2020 orders China 2:00 left]>" in china  # China's clock starts when it has the screen
    us_again = [t for side, t in screens(text) if side == "us"][1]
    assert "Time is up (2:00 for the orders). 'pledge philippines' came too late" in us_again


def test_a_time_limit_under_ten_seconds_is_refused():
    done = run_process("--time-limit", "9")
    assert done.returncode == 2
    assert done.stderr == "error: --time-limit must be at least 10 seconds (got 9)\n"


# ---- events -----------------------------------------------------------------------------------


def test_no_events():
    _, out = app_run(no_events=True)
    assert out.count("No event this year.") == 3
    assert "Event:" not in out


def test_an_injected_event_happens_in_its_year_and_only_then():
    _, out = app_run(no_events=True, inject=["okinawa-protests:2021"])
    years = out.split("==== 2021 orders")
    assert "Event:" not in years[0]
    assert years[1].split("\n", 2)[1].startswith("Event: Protests in Okinawa.")
    assert out.count("Event: Protests in Okinawa.") == 2  # the situation and 2021 in review
    assert "Class settings: no random events; 1 event set by the facilitator." in out  # not which


def test_injected_events_with_the_random_ones():
    _, plain = app_run()
    _, out = app_run(inject=["okinawa-protests:2020"])
    assert "Event: Protests in Okinawa" in out.split("==== 2020 talks")[0]
    assert "Event: Protests in Okinawa" not in plain.split("==== 2020 talks")[0]


def test_bad_event_settings_are_one_error_line(capsys):
    """Through `python -m game`'s own parser, in this process (one real process is tested above)."""
    from game.cli.commands import run as cli_run

    cases = {
        ("--inject", "atlantis-rises:2021"): "error: --inject: no event 'atlantis-rises' in level 'tutorial'",
        ("--inject", "okinawa-protests:2030"): "error: --inject: year 2030 for event 'okinawa-protests' is "
                                               "outside 2020-2022",
        ("--inject", "okinawa-protests"): "error: --inject: 'okinawa-protests' is not EVENT:YEAR",
        ("--inject", "okinawa-protests:20x1"): "error: --inject: 'okinawa-protests:20x1' is not EVENT:YEAR",
        ("--inject", "okinawa-protests:2021", "--inject", "okinawa-protests:2022"):
            "error: --inject: event 'okinawa-protests' is given twice (2021 and 2022)",
        ("--time-limit", "ten"): "error: argument --time-limit: invalid int value: 'ten'",
        ("--seed", "3", "--class-seed", "4"): "error: --seed 3 and --class-seed 4 disagree",
        ("--class-seed", "-1"): "error: --class-seed must be 0 or more (got -1)",
        ("--hotseat", "--opponent", "hardliner"): "error: --opponent does not apply to --hotseat",
    }
    for extra, message in cases.items():
        assert cli_run(["text", "--level", "tutorial", *extra]) == 2, extra
        done = capsys.readouterr()
        assert done.err.startswith(message), (extra, done.err)
        assert len(done.err.strip().splitlines()) == 1, done.err
        assert done.out == ""


def test_python_m_game_text_says_argument_errors_in_one_line_too():
    cmd = [sys.executable, "-m", "game.text", "--time-limit", "ten"]
    done = subprocess.run(cmd, input="", capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "error: argument --time-limit: invalid int value: 'ten'\n"


# ---- the opponent hidden, the class seed ------------------------------------------------------


def app_run(lines=ENDS, **kw) -> tuple[int, str]:
    out = io.StringIO()
    code = app.run(args(**kw), lines=lines, out=out)
    return code, out.getvalue()


def test_the_hidden_opponent_is_revealed_at_the_end():
    code, out = app_run(opponent="hardliner", hide_opponent=True)
    assert code == 0
    before, after = out.split("==== The game is over", 1)
    assert "hardliner" not in before
    assert "China plays a scripted opponent" in before
    assert "China was played by the scripted opponent 'hardliner' (normal difficulty)." in after


def test_the_opponent_and_what_its_difficulty_changes_are_said_at_the_start():
    _, out = app_run(["quit"], opponent="hardliner", difficulty="hard")
    start = out.split("==== 2020 orders", 1)[0]  # the briefing, before the first year
    assert "Your opponent: Hardliner. Concedes late and asks a high price" in start
    assert "Difficulty hard: Weighs twice as many offers, without error" in start
    _, out = app_run(["quit"], opponent="pragmatist", difficulty="easy")
    assert "Difficulty easy: Weighs a few offers and misjudges what they are worth" in out


def test_the_hidden_opponent_stays_hidden_in_an_unfinished_game():
    _, out = app_run(["end", "end", "quit"], opponent="pragmatist", hide_opponent=True)
    assert "pragmatist" not in out


def test_hide_opponent_in_hotseat_is_a_note(capsys):
    out = io.StringIO()
    code = app.run(hotseat_args(hide_opponent=True), lines=["", "quit"], out=out)
    assert code == 0
    assert capsys.readouterr().err == "note: --hide-opponent does nothing in hotseat: both sides are people\n"


def test_class_seed_is_the_seed():
    _, by_class = app_run(seed=None, class_seed=5)
    _, by_seed = app_run(seed=5)
    assert "Class settings: class seed 5." in by_class
    assert by_class.replace("Class settings: class seed 5.\n", "") == by_seed
    _, both = app_run(seed=5, class_seed=5)
    assert both == by_class


def test_the_result_records_a_game_played_under_class_settings(tmp_path):
    import json

    path = tmp_path / "r.json"
    code, out = app_run(class_seed=4, no_events=True, inject=["summit-thaw:2022"], time_limit=60,
                        seed=None, result=str(path))
    assert code == 0 and f"Result written to {path}." in out
    record = json.loads(path.read_text())
    assert record["seed"] == 4 and record["final_year"] == 2022


def test_an_event_is_injected_only_at_the_start_of_a_round(tmp_path, capsys):
    """Events are drawn when a round starts: in a level of two-year rounds, 2021 starts none."""
    text = open(os.path.join(os.path.dirname(__file__), "..", "..", "levels", "tutorial.toml")).read()
    text = text.replace("years_per_round = 1", "years_per_round = 2")
    text = text.replace("end_year = 2022", "end_year = 2024")
    path = tmp_path / "two-year-rounds.toml"
    path.write_text(text)
    code = app.run(args(level=str(path), inject=["okinawa-protests:2021"]), lines=[], out=io.StringIO())
    assert code == 2
    assert capsys.readouterr().err == ("error: --inject: 2021 does not start a round of level 'tutorial' "
                                       "(rounds start 2020, 2022, ...)\n")
    _, out = app_run(level=str(path), inject=["okinawa-protests:2022"], no_events=True)
    assert "Event: Protests in Okinawa" in out.split("==== 2022 orders")[1].split("==== 2022 talks")[0]
