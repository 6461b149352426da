"""The facilitator's time limit at the negotiation table, headless: the table shows the time left
for the player's turn, starts it again at each of the player's turns while it stays open, and at
zero the turn ends as it does on the map (the map comes back and says why).
"""

from __future__ import annotations

from test_classroom_window import FakeClock
from test_negotiation_and_report import on_map, open_table, played_until, step_kind_to

from game.classroom.facilitation import Facilitation
from game.ui.scenes.map_screen import MapScreen
from game.ui.session import GameSetup

TIMED = GameSetup.for_player("us", "pragmatist", "baseline-2020", 0, facilitation=Facilitation(time_limit=60))


def test_the_table_counts_down_and_time_up_ends_the_turn(make_driver):
    session = played_until(TIMED, lambda s: s.phase == "talks" and s.talks.stage == "formal"
                           and s.talks.turn == "us" and s.talks.awaiting is None)
    clock = FakeClock()
    session.clock.now = clock
    driver = make_driver(scene=on_map(session))
    screen = driver.scene
    table = open_table(driver)
    driver.frames(1)
    assert table.time_left.text == "1:00 left"
    clock.t += 25
    driver.frames(1)
    assert table.time_left.text == "0:35 left"
    driver.screenshot("negotiation_countdown")
    step_kind_to(driver, table.rows["df26"], "reduce")  # China's cuts for nothing: it says no
    before = session.state
    driver.click(table.propose)
    assert session.state is not before and driver.scene is table
    assert session.player_to_move()  # China answered; the player's next turn has its own clock
    driver.frames(1)
    assert table.time_left.text == "1:00 left"
    turn = session.state
    clock.t += 61
    driver.frames(2)
    assert driver.scene is screen and isinstance(screen, MapScreen)  # the map is back
    assert session.state is not turn
    said = [e for e in session.state.talks.transcript if e.side == "us"]
    assert said[-1].verb in ("has nothing more to say this year", "rejects the offer")
    assert "Time is up" in screen.status.text


def test_without_a_time_limit_the_table_shows_no_countdown(make_driver):
    untimed = GameSetup.for_player("us", "pragmatist", "baseline-2020", 0)
    session = played_until(untimed, lambda s: s.phase == "talks" and s.talks.turn == "us")
    driver = make_driver(scene=on_map(session))
    table = open_table(driver)
    driver.frames(1)
    assert session.clock is None and table.time_left is None
