"""The premise's four claims as one game bore them out: each sentence says what the game's own
record holds, and the debrief, the terminal's last screen and the report all give them."""

from __future__ import annotations

from functools import cache

from game.ai.match import play
from game.ai.registry import make_factory
from game.analysis.claims import CLAIMS, claims_in_game, formal_year
from game.content.levels import resolve_level
from game.model.assessment import assess
from game.model.engine import new_game
from game.model.negotiation import metrics
from game.text.view import final


@cache
def game(level_id: str, seed: int, us: str, china: str):
    level = resolve_level(level_id)
    return level, play(level, seed, make_factory(us), make_factory(china)).state


TREATY = ("baseline-2020", 2834126987, "pragmatist", "opportunist")  # signed 2028, in force 2029
CROSS = ("levels/experiments/simple-formulas.toml", 7, "pragmatist", "pragmatist")  # a cross-class treaty
NO_TALKS = ("levels/experiments/chips-do-not-matter.toml", 3, "pragmatist", "hardliner")


def texts(args) -> list[str]:
    level, state = game(*args)
    claims = claims_in_game(level, state)
    assert [c.claim for c in claims] == list(CLAIMS)
    return [c.text for c in claims]


def test_nothing_is_claimed_before_a_year_has_ended():
    level = resolve_level("baseline-2020")
    assert claims_in_game(level, new_game(level, 1)) == []


def test_a_treaty_game_gives_when_talks_opened_and_the_treaty_came():
    level, state = game(*TREATY)
    chips, classes, years, pledges = texts(TREATY)
    opened = formal_year(state)
    agreed = [e.year for e in state.talks.transcript if e.verb == "agrees to formal talks"]
    assert opened is not None and agreed == [opened]
    assert chips.endswith(f"formal talks opened in {opened}.")
    last = state.history[-1]
    assert f"to {last.indices['us']['leverage']:.0f} in {last.year}" in chips
    signed, in_force = state.talks.signed_year, state.talks.in_force_year
    assert years.startswith(f"A treaty was signed in {signed}, {signed - level.start_year} years after the first year, "
                            f"in force from {in_force}")
    offers = [e for e in state.talks.transcript if e.verb == "offers"]
    same = sum(metrics(level, state, e.offer).same_class for e in offers)
    assert classes.startswith(f"Offers put on the table: {same} same-class (")
    assert classes.endswith("The treaty is same-class.")
    terms = last.breakdowns["us"]["leverage"]
    pledged = sum(v for k, v in terms.items() if k.endswith(" pledge"))
    assert f"pledges gave {pledged:+.1f}" in pledges
    for spec, ally in zip(level.allies, state.allies):
        assert (spec.called() in pledges) == (ally.pledge >= 2)


def test_a_cross_class_treaty_is_counted_as_one():
    _, classes, _, _ = texts(CROSS)
    assert "cross-class (1 accepted)" in classes and classes.endswith("The treaty is cross-class.")


def test_without_formal_talks_it_says_so_and_how_close_china_came():
    level, state = game(*NO_TALKS)
    chips, classes, years, _ = texts(NO_TALKS)
    best = max(r.indices["china"]["talks"] for r in state.history)
    assert chips.endswith(f"formal talks never opened (China's willingness peaked at {int(best)}).")
    assert classes == "No offer was put on the table (offers need formal talks)."
    assert years == f"No formal talks and no treaty in the {state.history[-1].year - level.start_year + 1} years played."


def test_the_terminal_debrief_and_report_give_the_four_claims(tmp_path):
    from game.persist.saves import open_save, save_game
    from game.report import write_game_report

    level, state = game(*TREATY)
    claims = claims_in_game(level, state)
    screen = "\n".join(final(level, state, "us", assess(level, state)))
    assert "The four claims of the premise in this game:" in screen
    assert all(f"  {n}. {c.claim}." in screen for n, c in enumerate(claims, start=1))
    played = play(level, TREATY[1], make_factory("pragmatist"), make_factory("opportunist"))
    write_game_report(open_save(save_game(played, tmp_path / "g.json")), tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<section id="claims">' in page
    assert all(c.claim in page for c in claims)


def test_a_treaty_that_did_not_last_is_told_as_one():
    level, state = game("baseline-2020", 276400158, "random", "random")
    signed = [e.year for e in state.talks.transcript if e.verb == "accepts the offer"]
    assert state.talks.treaty is None and signed
    _, _, years, _ = texts(("baseline-2020", 276400158, "random", "random"))
    assert years.startswith(f"A treaty was signed in {signed[-1]}, ") and "but did not last" in years
