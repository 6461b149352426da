"""The tutorial: the `tutorial` level as the United States against a gentle scripted opponent,
with a guide drawn over the map screen and the negotiation table.

The guide shows one step at a time (`game.ui.tutorial_steps`): a card says what to do and the
idea behind it, and an outline with an arrow marks the widget to use, looked up in the live
screen every frame. A step is done when the game shows the player has done that kind of action;
the current step is the first one not done that can be done now (steps that must wait say why
while nothing else can be done). Once every kind of action was done once, or the game is over,
the card sums up. G, or the card's button, hides and shows the guide; it never takes a click or
a key the screen under it needs.

Only the Tutorial entry of the main menu makes a guide: no other game has one.
"""

from __future__ import annotations

import pygame

from game.ui.map_keys import Stop, reveal
from game.ui.scenes.briefing import Briefing, Preparing
from game.ui.session import GameSetup, Session
from game.ui.tutorial_steps import STEPS, Moment, Step, meanwhile

SETUP = GameSetup.for_player("us", "pragmatist", "tutorial", 37, "easy")
"""The tutorial's game by default, so that every student meets the same events. Any seed would
do: the level is tuned so that a student who follows the guide does every kind of action in
nearly every seed (tests/ai/test_tutorial_level.py)."""

TOGGLE_KEY = pygame.K_g
CARD_WIDTH = 440  # at 100% text size
ARROW = 14  # the arrow head's length, at 100%

IDEAS = (
    "Chips: forces the other side would pay to see gone. Fielded missiles count; missiles on paper barely do.",
    "Pledges: an ally's promise to host is a chip too, and a forward base counts for more than Guam.",
    "Same-class trades are like for like and easy to weigh; cross-class ones need a disputed exchange rate.",
    "Talks climb a rung a year at most, and only as far as both sides are willing: agreements take years.",
)


class TutorialBriefing(Briefing):
    """The tutorial level's briefing (from the main menu, `back`); Begin opens the map with the guide."""

    def __init__(self, app, back):
        super().__init__(app, SETUP, back)

    def prepare_game(self) -> Preparing:
        return Preparing(self.app, self.setup, self.level, dress=guide)


def guide(screen) -> None:
    """Put the guide on a map screen (built whole), showing its first step."""
    screen.guide = Guide(screen)
    screen.guide.update(screen)


def guided_map(app, session: Session):
    from game.ui.scenes.map_screen import MapScreen

    screen = MapScreen(app, session, back=None)
    guide(screen)
    return screen


class Guide:
    """The guide of one tutorial game, kept by its map screen and drawn over it and its table."""

    def __init__(self, screen):
        self.screen = screen
        self.hidden = False
        self.done: list[str] = []  # step keys, in the order they were done
        self.since: dict[str, int] = {}  # step key -> the log's length when it first appeared
        self.step: Step | None = None  # the current step; None: between steps, or the summary
        self.words: tuple[str, str, str] = ("", "", "")  # title, what to do, the idea
        self.target = None  # the widget to use (a button, or a choice row)
        self.card_rect: pygame.Rect | None = None
        self.button_rect: pygame.Rect | None = None  # Hide guide / Show guide
        self._revealed = None
        self._pictures: dict[tuple, pygame.Surface] = {}  # the card as last drawn, by words and width

    # ---- which step ----------------------------------------------------------------------------

    def moment(self, scene, step: Step | None = None) -> Moment:
        since = self.since.get(step.key) if step is not None else None
        return Moment.of(self.screen, scene, since)

    @property
    def finished(self) -> bool:
        return len(self.done) == len(STEPS)

    def update(self, scene) -> None:
        """Follow the game: mark the steps done, choose the current one, find its widget."""
        for step in STEPS:
            if step.key not in self.done and step.done(self.moment(scene, step)):
                self.done.append(step.key)
        self.step, self.target = None, None
        state = self.screen.session.state
        if self.finished or state.is_over:
            self.words = self.summary()
            return
        pending = [s for s in STEPS if s.key not in self.done]
        ready = next((s for s in pending if s.wait(self.moment(scene, s)) is None), None)
        if ready is not None:
            if ready.key not in self.since:
                self.since[ready.key] = len(self.screen.session.game.log)
            m = self.moment(scene, ready)
            self.step, self.target = ready, ready.target(m)
            number = len(self.done) + 1
            self.words = (f"Step {number} of {len(STEPS)}: {ready.title}", ready.todo(m), ready.idea)
        else:
            m = self.moment(scene)
            first = pending[0]
            todo, self.target = meanwhile(m)
            self.words = (f"Next: {first.title}", f"{first.wait(self.moment(scene, first))} {todo}".strip(), "")
        self.bring_into_view()

    def summary(self) -> tuple[str, str, str]:
        kinds = {s.key: s.kind for s in STEPS}
        if self.finished:
            return ("You have done each kind of action once",
                    f"{', '.join(kinds[k] for k in self.done).capitalize()}. Play on, or start a full game from "
                    f"the main menu.",
                    "  ".join(IDEAS))
        left = [s.key for s in STEPS if s.key not in self.done]
        why = (" Offers need formal talks, and Beijing climbs one rung a year at most: try again with more chips, "
               "a pledge and a call for talks every year." if {"offer", "answer"} & set(left) else "")
        return ("The tutorial game is over",
                f"Done: {len(self.done)} of {len(STEPS)} kinds of action. Not done: "
                f"{', '.join(kinds[k] for k in left)}.{why}",
                "  ".join(IDEAS))

    def bring_into_view(self) -> None:
        """Scroll the orders panel to a new target hidden below its fold."""
        if self.target is None or self.target is self._revealed:
            return
        self._revealed = self.target
        scroller = self.scroller()
        if scroller is not None:
            reveal(Stop(self.widget(), scroller))

    # ---- the target ------------------------------------------------------------------------------

    def widget(self):
        """The target's button (a choice row's middle button)."""
        return getattr(self.target, "focus_widget", self.target)

    def scroller(self):
        """The scrolling container the target sits in (the orders panel's tab), if any."""
        panel = self.screen.panels["orders"]
        content = getattr(panel, "content", None)
        if self.target is None or self.screen.panel_kind != "orders" or not hasattr(content, "vert_scroll_bar"):
            return None
        return content if self.widget().ui_container is content.get_container() else None

    def target_rect(self) -> pygame.Rect | None:
        """Where the target is on the screen (a choice: its whole row of arrows), or None."""
        if self.target is None or not self.widget().alive():
            return None
        if hasattr(self.target, "prev"):
            return self.target.prev.rect.union(self.target.next.rect)
        return pygame.Rect(self.widget().rect)

    def target_visible(self) -> bool:
        """Whether the target is on the screen, shown, and not scrolled out of its panel."""
        rect = self.target_rect()
        if rect is None or not self.widget().visible:
            return False
        scroller = self.scroller()
        view = scroller.rect if scroller is not None else pygame.Rect((0, 0), self.screen.app.size)
        return view.contains(rect)

    # ---- keys and clicks ----------------------------------------------------------------------------

    def handle(self, event) -> bool:
        """G, or a click on the card's button, hides or shows the guide; True if it was one."""
        if event.type == pygame.KEYDOWN and event.key == TOGGLE_KEY and not event.mod & (
                pygame.KMOD_CTRL | pygame.KMOD_ALT) and not self.screen.app.typing():
            self.toggle()
            return True
        if (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.button_rect is not None
                and self.button_rect.collidepoint(event.pos)):
            self.toggle()
            return True
        return False

    def toggle(self) -> None:
        self.hidden = not self.hidden
        self.screen.app.say_briefly("Guide hidden (G shows it)" if self.hidden else "Guide shown (G hides it)")

    # ---- drawing ------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, scene) -> None:
        """The outline, the arrow and the card (or, hidden, the Show guide button), over everything."""
        p = self.screen.palette
        k = self.screen.app.look.scale / 100
        if self.hidden:
            self.card_rect = None
            room, _, corners = self.slots(scene, k)[0]
            self.button_rect = self.draw_button(surface, "Show guide (G)", getattr(room, corners[0]), corners[0])
            return
        target = self.target_rect() if self.target_visible() else None
        picture, self.card_rect = self.placed(scene, target, k)
        surface.blit(picture, self.card_rect)
        m = p.size("margin")
        self.button_rect = self.draw_button(surface, "Hide guide (G)",
                                            (self.card_rect.right - m, self.card_rect.bottom - m), "bottomright")
        if target is not None:
            self.draw_pointer(surface, target, k)

    def slots(self, scene, k: float) -> list[tuple[pygame.Rect, int, tuple[str, ...]]]:
        """Where the card may go, best first: (the room, the card's widest, its corners to try).
        On the map screen: over the map, lower left first (the mainland and the sea). At the table:
        below the offer builder, else over the right-hand column (what an offer is worth, the
        offer on the table, the transcript), transcript first; never over the bottom row's buttons."""
        m = self.screen.palette.size("margin")
        widest = round(CARD_WIDTH * k)
        if scene is self.screen:
            return [(self.screen.map.rect.inflate(-2 * m, -2 * m), widest,
                     ("bottomleft", "topleft", "bottomright", "topright"))]
        top = scene.propose.rect.bottom + m
        below = pygame.Rect(scene.propose.rect.left, top, scene.problem.rect.right - scene.propose.rect.left,
                            scene.status.rect.top - m - top)
        column = scene.worth.rect.union(scene.transcript.rect)
        return [(below, round(1.6 * widest), ("topleft",)),
                (column, widest, ("bottomright", "topright", "bottomleft", "topleft"))]

    def placed(self, scene, target: pygame.Rect | None, k: float) -> tuple[pygame.Surface, pygame.Rect]:
        """The card and where it goes: the first slot it fits in without covering the target
        (else the first slot's first corner)."""
        keep = target.inflate(24, 24) if target is not None else None
        first = None
        for room, widest, corners in self.slots(scene, k):
            picture = self.picture(min(widest, room.width))
            for corner in corners:
                rect = picture.get_rect()
                setattr(rect, corner, getattr(room, corner))
                first = first or (picture, rect)
                if rect.height <= room.height and (keep is None or not rect.colliderect(keep)):
                    return picture, rect
        return first

    def picture(self, width: int) -> pygame.Surface:
        """The card: title, what to do, the idea; drawn again only when its words change."""
        key = (self.words, width, self.screen.app.look.scale, self.screen.app.look.palette_name)
        if key in self._pictures:
            return self._pictures[key]
        p = self.screen.palette
        text = self.screen.lettering
        m, gap = p.size("margin"), p.size("gap")
        fg, dim = p.colour("#map", "info_text"), p.colour("#map", "info_dim")
        title, todo, idea = self.words
        inner = width - 2 * m
        lines = [(row, "@section", p.colour("#map", "chain_label")) for row in wrap(text, title, "@section", inner)]
        lines += [(row, "#help_key", fg) for row in wrap(text, todo, "#help_key", inner)]
        if idea:
            lines.append(("", "#help_text", dim))
            lines += [(row, "#help_text", dim) for row in wrap(text, idea, "#help_text", inner)]
        heights = [text.size("Ag", font)[1] + 1 for _, font, _ in lines]
        button_h = text.size("Ag", "#help_text")[1] + gap
        height = m + sum(heights) + gap + button_h + m
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        card.fill(p.colour("#map", "info_bg")[:3])  # opaque: nothing under it shows through the words
        pygame.draw.rect(card, p.colour("#map", "chain_first"), card.get_rect(), 2, border_radius=6)
        y = m
        for (row, font, colour), h in zip(lines, heights):
            if row:
                text.draw(card, row, font, colour, (m, y))
            y += h
        if len(self._pictures) >= 4:
            self._pictures.clear()
        self._pictures[key] = card
        return card

    def draw_button(self, surface: pygame.Surface, words: str, pos, anchor: str) -> pygame.Rect:
        p = self.screen.palette
        text = self.screen.lettering
        gap = p.size("gap")
        w, h = text.size(words, "#help_text")
        rect = pygame.Rect(0, 0, w + 2 * gap, h + gap)
        setattr(rect, anchor, pos)
        pygame.draw.rect(surface, p.colour("#map", "info_bg"), rect, border_radius=5)
        pygame.draw.rect(surface, p.colour("#map", "chain_first"), rect, 1, border_radius=5)
        text.draw(surface, words, "#help_text", p.colour("#map", "info_text"), rect.center, "center")
        return rect

    def draw_pointer(self, surface: pygame.Surface, target: pygame.Rect, k: float) -> None:
        """An outline round the target, and an arrow head pointing at it from the side the card is on."""
        colour = self.screen.palette.colour("#map", "chain_first")
        ring = target.inflate(8, 8)
        pygame.draw.rect(surface, colour, ring, max(2, round(3 * k)), border_radius=6)
        card, size = self.card_rect, ARROW * k
        gap, inset = 2 * k, min(ring.width, ring.height) / 2

        def along(lo: float, hi: float, wanted: float) -> float:
            return min(max(wanted, lo + inset), hi - inset)

        if card.top >= ring.bottom:  # the card is below: the arrow points up at the ring
            tip, back = pygame.Vector2(along(ring.left, ring.right, card.centerx), ring.bottom + gap), (0, 1)
        elif card.bottom <= ring.top:
            tip, back = pygame.Vector2(along(ring.left, ring.right, card.centerx), ring.top - gap), (0, -1)
        elif card.right <= ring.left:
            tip, back = pygame.Vector2(ring.left - gap, along(ring.top, ring.bottom, card.centery)), (-1, 0)
        elif card.left >= ring.right:
            tip, back = pygame.Vector2(ring.right + gap, along(ring.top, ring.bottom, card.centery)), (1, 0)
        else:
            return
        base = tip + pygame.Vector2(back) * size
        side = pygame.Vector2(back[1], back[0]) * size * 0.55
        pygame.draw.polygon(surface, colour, [tip, base + side, base - side])


def wrap(text, words: str, font: str, width: int) -> list[str]:
    """`words` broken into lines no wider than `width` in `font`."""
    lines: list[str] = []
    line = ""
    for word in words.split():
        tried = f"{line} {word}".strip()
        if line and text.size(tried, font)[0] > width:
            lines.append(line)
            line = word
        else:
            line = tried
    if line:
        lines.append(line)
    return lines
