"""How far a scripted side misjudges an offer: a fixed error per seed, year, side and offer,
spread as the difficulty's `noise` says."""

import statistics

from game.ai.bargaining import _misjudgement, candidates
from game.ai.profile import difficulty
from game.content.levels import resolve_level
from game.model.actions import Offer, Term
from game.model.game import Game


def _offers():
    level = resolve_level("baseline-2020")
    return candidates(level, Game.new(level, 3).state, "us", 32)


def test_the_same_seed_year_side_and_offer_give_the_same_error_even_for_an_equal_copy():
    offer = _offers()[0]
    copy = Offer(terms=tuple(Term(t.side, t.cls, t.kind, t.count) for t in offer.terms), zones=offer.zones,
                 verification=offer.verification, years=offer.years)
    assert copy is not offer and copy == offer
    assert _misjudgement(11, 2024, "us", offer, 0.5) == _misjudgement(11, 2024, "us", copy, 0.5)


def test_errors_change_with_the_seed_the_year_the_side_and_the_offer():
    first, second = _offers()[:2]
    base = _misjudgement(11, 2024, "us", first, 0.5)
    others = [_misjudgement(12, 2024, "us", first, 0.5), _misjudgement(11, 2025, "us", first, 0.5),
              _misjudgement(11, 2024, "china", first, 0.5), _misjudgement(11, 2024, "us", second, 0.5)]
    assert all(e != base for e in others)


def test_errors_have_mean_zero_and_the_noise_as_their_spread_and_stay_within_six_of_it():
    noise = difficulty("easy").noise
    errors = [_misjudgement(seed, year, side, offer, noise)
              for offer in _offers() for seed in range(40) for year in (2021, 2025) for side in ("us", "china")]
    assert len(errors) > 2000
    assert abs(statistics.fmean(errors)) < 0.1 * noise
    assert 0.95 * noise < statistics.pstdev(errors) < 1.05 * noise
    assert max(abs(e) for e in errors) <= 6 * noise
    # Shaped like a normal error: about 68% within one spread, 95% within two.
    assert 0.64 < sum(abs(e) < noise for e in errors) / len(errors) < 0.72
    assert 0.93 < sum(abs(e) < 2 * noise for e in errors) / len(errors) < 0.97
