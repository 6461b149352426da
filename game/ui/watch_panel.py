"""The side panel when two scripted opponents play: pause, step, whose view, and the moves.

The panel also keeps the game going: `tick(dt)` each frame asks the scripted side to move every
`settings.watch_delay` seconds (one a frame with a delay of 0), through a
`MoveWorker` so that a slow move never holds up the window.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIImage, UILabel, UIPanel

from game.ai.profile import profiles
from game.model.level import SIDE_NAMES, SIDE_SHORT, SIDES
from game.ui.choice import Choice
from game.ui.scene import pressed
from game.ui.watch import MoveWorker
from game.ui.words import action_words

LOG_LINES = 60


class WatchPanel:
    def __init__(self, scene):
        self.scene = scene
        self.paused = False
        self.log: list[str] = []
        self.choices: list = []
        self.worker = MoveWorker()
        self.clock = 0.0

    @property
    def session(self):
        return self.scene.session

    def build(self, rect: pygame.Rect) -> None:
        s = self.scene
        p = s.palette
        m, gap, rh = p.size("margin"), p.size("gap"), p.size("row_height")
        setup = self.session.setup
        self.panel = UIPanel(rect, manager=s.manager, container=s.root, object_id=ObjectID("#watch_panel"))
        w = rect.width - 2 * m - 4
        lh = rh * 3 // 4  # a line of text, at any text size
        y = m
        self.players: dict[str, UILabel] = {}  # who plays each side, at what difficulty
        for side in SIDES:
            persona = profiles().personalities.get(setup.who(side))
            name = persona.title if persona else setup.who(side)
            self.players[side] = UILabel(pygame.Rect(m, y, w, lh), f"{SIDE_NAMES[side]}: {name} "
                                         f"({setup.difficulty_of(side)})", s.manager, container=self.panel,
                                         object_id=ObjectID(class_id="@section"))
            y += lh + 2
        y += gap
        bw = (w - gap) // 2
        self.pause = UIButton(pygame.Rect(m, y, bw, rh), "Resume" if self.paused else "Pause", s.manager,
                              container=self.panel, tool_tip_text="Pause or resume the game (Space).")
        self.one_move = UIButton(pygame.Rect(m + bw + gap, y, w - bw - gap, rh), "One move", s.manager,
                                 container=self.panel, tool_tip_text="Play one move while paused (N).")
        y += rh + gap
        sides = [(side, SIDE_NAMES[side]) for side in SIDES]
        self.view = Choice(s.manager, self.panel, pygame.Rect(m, y, w, rh), "Gauges of", sides,
                           SIDES.index(s.view_side), p.size("label_width") * 2 // 3, on_change=self._view)
        self.choices = [self.view]
        y += rh + 2 * gap
        size = (w, rect.height - y - m)
        self.moves = UIImage(pygame.Rect((m, y), size), self.log_picture(size), s.manager, container=self.panel,
                             object_id=ObjectID("#watch_log"))

    def _view(self, index: int) -> None:
        self.scene.view_side = SIDES[index]
        self.scene.refresh()

    def log_picture(self, size) -> pygame.Surface:
        """The moves, newest first, one a line (drawn, not laid out as HTML: a move a frame
        must cost little)."""
        s = self.scene
        p, text = s.palette, s.lettering
        surf = pygame.Surface(size)
        surf.fill(p.colour("#map", "frame"))
        pygame.draw.rect(surf, p.colour("#gauge", "border"), surf.get_rect(), 1)
        pad = p.size("margin")
        line = text.size("Ag", "#watch_log_text")[1] + 3
        y = pad
        if not self.log:
            text.draw(surf, "The moves will appear here.", "#watch_log_text", p.colour("#map", "info_dim"), (pad, y))
        for year, side, words in reversed(self.log):
            if y + line > size[1] - pad // 2:
                break
            who = f"{year} {SIDE_SHORT[side]}  "
            colour = p.colour("#map", "us_marker" if side == "us" else "china_marker")
            x = text.draw(surf, who, "#watch_log_who", colour, (pad, y)).right
            room = size[0] - pad - x
            text.draw(surf, text.fit(words, "#watch_log_text", room), "#watch_log_text",
                      p.colour("#map", "info_text"), (x, y))
            y += line
        return surf

    def record(self, year: int, side: str, words: str) -> None:
        self.log.append((year, side, words))
        del self.log[:-LOG_LINES]

    def refresh(self) -> None:
        self.moves.set_image(self.log_picture(self.moves.rect.size))

    def toggle(self) -> None:
        self.paused = not self.paused
        self.pause.set_text("Resume" if self.paused else "Pause")

    # ---- moving ---------------------------------------------------------------------------------

    def tick(self, dt: float) -> None:
        """One frame: apply a finished move, ask for the next one when it is time (one move a
        frame at most, so that every move is drawn)."""
        session = self.session
        move = self.worker.poll(session)
        moves = [move] if move else []
        if not self.paused and not session.state.is_over:
            self.clock += dt
            if self.clock >= self.scene.app.settings.watch_delay and not self.worker.busy and not moves:
                self.clock = 0.0
                self.worker.start(session)
                move = self.worker.poll(session, wait=0)
                moves += [move] if move else []
        self.show(moves)

    def step(self) -> None:
        """One move now (the N key, the One move button)."""
        if not self.worker.busy and not self.session.state.is_over:
            self.worker.start(self.session)
            move = self.worker.poll(self.session, wait=0)
            self.show([move] if move else [])

    def show(self, moves: list) -> None:
        if not moves:
            return
        level = self.session.level
        for year, side, action in moves:
            self.record(year, side, action_words(level, action))
        state = self.session.state
        if state.is_over:
            self.scene.say(f"Game over: {state.outcome}.")
        self.scene.refresh()

    def handle(self, event):
        if self.view.handle(event):
            return None
        if pressed(event, self.pause):
            self.toggle()
        elif pressed(event, self.one_move):
            return "step"
        return None
