"""What the window's test files share: the two window sizes, games played up to a point by a
scripted player, and the orders panel's tabs and buttons as a player finds them."""

from __future__ import annotations

from game.ai.registry import make_factory
from game.ui.scenes.map_screen import MapScreen
from game.ui.session import GameSetup, Session

SIZES = [(1280, 720), (1920, 1080)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


def played_until(setup: GameSetup, done, session: Session | None = None) -> Session:
    """A game (`setup`'s, or `session` played on) whose player's side a scripted pragmatist plays
    until `done(state)`."""
    session = session or Session.start(setup)
    me = make_factory("pragmatist")(1)
    session.run_scripted()
    for _ in range(400):
        if done(session.state):
            return session
        assert not session.state.is_over, "the game ended first"
        session.play(me.act(session.level, session.state, session.player))
        session.run_scripted()
    raise AssertionError("never reached")


def on_map(session: Session):
    return lambda app: MapScreen(app, session)


def tab(driver, name: str) -> None:
    panel = driver.scene.panels["orders"]
    driver.click(next(b for b, n in panel.tab_buttons.items() if n == name))


def order_button(driver, kind: str, **fields):
    """The orders panel's button for an order of type `kind` with these fields."""
    for button, action in driver.scene.panels["orders"].actions.items():
        if type(action).__name__ == kind and all(getattr(action, k) == v for k, v in fields.items()):
            return button
    raise AssertionError(f"no {kind} button with {fields}")
