"""The scripted opponent thinks without freezing the window: its moves are played a slice a
frame, the status line says it is thinking, the player's moves wait for its answer, and the
game comes out as it does when its moves are played at once. A year's end gets frames of its
own: the year-end report, and the side panel built for the new year once the report closes.
"""

from __future__ import annotations

import time

import pygame

from game.model.actions import EndTalks
from game.ui.scenes.map_screen import MapScreen
from game.ui.scenes.year_report import YearReport
from game.ui.session import GameSetup, Session

SETUP = GameSetup.for_player("us", "hardliner", "baseline-2020", 7)
MOVE_SECONDS = 0.01  # what each of the slowed opponent's moves takes at least
ANSWER_MS = 100  # the requirement: the window never stops answering for longer


class SlowPolicy:
    """A policy that takes MOVE_SECONDS (of CPU) longer over each move; the same moves."""

    def __init__(self, policy):
        self.policy = policy

    def act(self, level, state, side):
        end = time.perf_counter() + MOVE_SECONDS
        action = self.policy.act(level, state, side)
        while time.perf_counter() < end:
            pass
        return action


def slowed(session: Session) -> Session:
    session.policies = {side: SlowPolicy(p) for side, p in session.policies.items()}
    return session


def end_the_talks(scene) -> None:
    """Click the talks panel's quiet answer (ending the talks for the year)."""
    talks = scene.panels["talks"]
    button = next(b for b, a in talks.actions.items() if isinstance(a, EndTalks))
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=button.rect.center, button=1))


def test_the_opponent_thinks_a_slice_a_frame(make_driver):
    driver = make_driver(scene=lambda app: MapScreen(app, slowed(Session.start(SETUP))))
    scene = driver.scene
    session = scene.session
    driver.click(scene.panels["orders"].end)
    driver.click(driver.scene.yes)  # End orders: carried out, and the talks begin
    assert session.state.phase == "talks" and session.player_to_move()
    year, shown = session.state.year, scene.map_frame
    end_the_talks(scene)
    for _ in range(5):  # the click, then the press pygame_gui posts for it
        driver.app.frame(1 / 60)
        if scene.thinking:
            break
    assert scene.thinking
    before = scene.reply.before
    thinking, longest = [], 0.0
    while scene.thinking:
        mine = sum(side == session.player for side, _ in session.game.log)
        assert scene.act(EndTalks()) is None  # the player's move waits for the answer
        assert sum(side == session.player for side, _ in session.game.log) == mine
        start = time.thread_time()
        driver.app.frame(1 / 60)
        longest = max(longest, time.thread_time() - start)
        thinking.append(scene.message[0])
        if scene.thinking:
            assert shown.state is before  # the map shows the game as it was before the move
    assert len(thinking) >= 3  # the answer took several frames ...
    assert longest * 1000 < ANSWER_MS  # ... and no frame held the window up
    assert "China is thinking…" in thinking
    for _ in range(5):  # the report on a frame of its own
        if isinstance(driver.scene, YearReport):
            break
        driver.app.frame(1 / 60)
    assert isinstance(driver.scene, YearReport) and session.state.year == year + 1
    assert scene.stale and scene.panel_kind == "talks"  # under the report, built when it closes
    assert scene.message[0] == f"{year + 1} begins. The News tab says what happened in {year}."
    driver.key(pygame.K_ESCAPE)
    assert driver.scene is scene and not scene.stale
    assert scene.panel_kind == "orders" and scene.panels["orders"].tab == "news"

    direct = Session.start(SETUP)  # the same moves of the player, the opponent's played at once
    direct.run_scripted()
    for side, action in session.game.log:
        if side == session.player:
            direct.play(action)
            direct.run_scripted()
    assert direct.game.log == session.game.log
    assert direct.state == session.state
