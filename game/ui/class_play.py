"""The classroom on the map screen: the facilitator's clock and the hotseat's hand-overs.

`on_update(screen)` runs each frame the map screen is current: it hands the screen over (a
cover, "pass the keyboard to ...") when the side to play changes in a hotseat game, starts the
side's clock once it is at the screen, and shows the time left in the HUD's year line.

`ClockWatcher` runs after every frame, whatever screen is up (the negotiation table, a
dialog): when the time is up it brings the map back and ends the phase with what was given,
as `game.classroom.hotseat.timeout_action` says. In the last seconds it warns on other screens.
"""

from __future__ import annotations

from game.classroom import hotseat
from game.model.actions import EndOrders, RejectDeal, RejectTalks
from game.model.level import SIDE_NAMES, possessive
from game.ui.hud import PHASE_WORDS

WARN_SECONDS = 30


def countdown_caption(screen) -> str | None:
    """'1:23 left' for the side at the screen, or None without a running clock."""
    session = screen.session
    clock = session.clock
    if clock is None or session.state.is_over or screen.watching:
        return None
    left = clock.left(session.state, session.player)
    if left is None:
        return None
    return f"{hotseat.countdown(left)} left"


def on_update(screen):
    """Each frame on the map screen: the hand-over cover, or the clock; the next scene or None."""
    session = screen.session
    if session.hotseat:
        if session.holder is not None:  # the side at the screen has seen this year (and its report)
            session.seen[session.holder] = session.state.year
        if session.needs_hand_over():
            from game.ui.scenes.hand_over import HandOver

            return HandOver(screen.app, screen)
    clock = session.clock
    if clock is None or screen.watching or session.state.is_over:
        return None
    if session.player_to_move():
        clock.arm(session.state, session.player)
    caption = countdown_caption(screen)
    if caption is not None and screen.root is not None:
        state = session.state
        text = f"{state.year}  ·  {PHASE_WORDS.get(state.phase, state.phase)}  ·  {caption}"
        if screen.hud.year.text != text:
            screen.hud.year.set_text(text)
    return None


def time_up_words(state, side, action) -> str:
    """What the status line says when the clock ends a side's phase or turn."""
    if isinstance(action, EndOrders):
        n = len(state.side(side).pending)
        given = f"the {n} order{'s' * (n != 1)} given" if n else "no orders"
        return f"Time is up: {possessive(side)} orders for {state.year} end with {given}."
    if isinstance(action, RejectTalks):
        return "Time is up: the proposal to climb the ladder is declined, and the turn in the talks ends."
    if isinstance(action, RejectDeal):
        return "Time is up: the offer on the table is rejected, and the turn in the talks ends."
    return "Time is up: the turn in the talks ends with nothing more said."


def chain(scene):
    while scene is not None:
        yield scene
        scene = scene.parent


class ClockWatcher:
    """After each frame (in `app.after_frame`): ends the phase of a side whose time is up.

    It leaves the App's list once its map screen is no longer shown (e.g. back at the menu)."""

    def __init__(self, screen):
        self.screen = screen

    def __call__(self, app) -> None:
        screen = self.screen
        if not any(s is screen for s in chain(app.scene)):
            if screen.root is None:
                app.after_frame.remove(self)
            return
        session = screen.session
        state = session.state
        if session.clock is None or state.is_over or not session.player_to_move():
            return
        if session.hotseat and session.needs_hand_over():
            return
        left = session.clock.left(state, session.player)
        if left is None:
            return
        if left > 0:
            if app.scene is not screen and left <= WARN_SECONDS:
                app.notice = (f"{hotseat.countdown(left)} left for {SIDE_NAMES[session.player]}", 0.5)
            return
        action = hotseat.timeout_action(state)
        words = time_up_words(state, session.player, action)
        if app.scene is not screen:
            app.switch(screen)
        screen.play(action, why=words)  # the status line says why before what the move did
        app.say_briefly(words.split(":")[0])


def watch_clock(screen) -> None:
    """Put the screen's clock watcher in its App's after-frame list (once)."""
    app = screen.app
    if screen.session.clock is None or screen.watching:
        return
    if not any(isinstance(w, ClockWatcher) and w.screen is screen for w in app.after_frame):
        app.after_frame.append(ClockWatcher(screen))
