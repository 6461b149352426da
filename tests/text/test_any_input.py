"""Whatever a player types, the terminal game answers with a message and the prompt again, never
a traceback: lines drawn from the command words, every id, numbers and junk (hypothesis)."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_text_mode import args

from game.content.levels import resolve_level
from game.text import app

LEVEL = resolve_level("baseline-2020")
WORDS = (
    "research produce deploy withdraw consult pledge codevelop coerce induce campaign signal undo orders "
    "propose-talks accept reject walkout offer menu end status index ally claims legal help full slow cut all "
    "best same cross reassure resolve talks renounce us china zone:first verify:onsite verify:data years:3 "
    "us:glcm:reduce:16 china:cj10:reduce:16 china:df26:cap:0 us:lrhw:freeze 0 1 -1 8 99999999999999999999 1e9 "
    "nan leverage deterrence score risk"
).split() + [c.id for c in LEVEL.classes] + [s.id for s in LEVEL.sites] + [a.id for a in LEVEL.allies]

word = st.one_of(st.sampled_from(WORDS), st.text(max_size=8))
line = st.one_of(st.just("end"), st.lists(word, max_size=6).map(" ".join))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(line, min_size=150, max_size=400), side=st.sampled_from(["us", "china"]),
       opponent=st.sampled_from(["pragmatist", "hardliner", "random"]), hotseat=st.booleans(),
       seed=st.integers(0, 2**31 - 1))
def test_any_typed_lines_get_answers_not_tracebacks(lines, side, opponent, hotseat, seed):
    options = dict(side=None, opponent=None, difficulty=None, hotseat=True) if hotseat else dict(
        side=side, opponent=opponent)
    out = io.StringIO()
    code = app.run(args(level="baseline-2020", seed=seed, **options), lines=lines, out=out)
    text = out.getvalue()
    assert code == 0
    assert "Traceback" not in text
    assert "The game is over" in text or "End of input:" in text or "leave the game" in text
