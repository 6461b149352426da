"""The briefing of a game with class settings: the players are told the settings (time limit,
events), and a hidden opponent is not named (the debrief names it)."""

from __future__ import annotations

import html

from attrs import evolve
from pygame_gui.elements import UITextBox

from game.model.level import SIDE_NAMES
from game.ui.facilitator_form import settings_words
from game.ui.lettering import small_size
from game.ui.scenes.briefing import Briefing, objectives_html

HIDDEN = "hidden"


def class_objectives_html(level, setup, small: int) -> str:
    side = setup.player or "us"
    them = "china" if side == "us" else "us"
    shown = evolve(setup, **{them: HIDDEN}) if setup.hide_opponent else setup
    text = objectives_html(level, shown, small)
    extra = []
    if setup.hide_opponent:
        extra.append(f"<b>Your opponent</b><br>{SIDE_NAMES[them]}, played by the computer ({setup.difficulty}). "
                     f"Which personality plays it stays hidden until the debrief: read it from what it does.")
    words = settings_words(setup.facilitation)
    if words:
        extra.append("<b>Class settings</b><br>" + html.escape("; ".join(words).capitalize(), quote=False) + ".")
    if not extra:
        return text
    head, sep, sources = text.partition("<br><br><b>Sources</b>")
    return head + "<br><br>" + "<br><br>".join(extra) + sep + sources


class ClassBriefing(Briefing):
    def build(self) -> None:
        super().build()
        for element in self.root.elements:
            if isinstance(element, UITextBox) and "#objectives_text" in element.object_ids:
                element.set_text(class_objectives_html(self.level, self.setup, small_size(self.manager)))

    def shortcuts(self):
        from game.ui.help_overlay import TABLES

        return TABLES["Briefing"]
