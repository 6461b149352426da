"""Changes as players read them: with a sign, never "-0.0", and agreeing with the numbers shown
beside them."""

from hypothesis import given
from hypothesis import strategies as st

from game.numbers import a_chance, change, hundredths_down, rounded_down, signed


@given(st.floats(-1e6, 1e6), st.integers(0, 3))
def test_a_change_reads_as_its_rounded_value_with_a_sign(x, digits):
    text = signed(x, digits)
    assert text[0] in "+-"
    assert float(text) == round(x, digits)
    assert text.lstrip("+-").strip("0.") or text[0] == "+"  # a change that rounds to nothing is +0


def test_a_tiny_fall_is_no_change():
    assert signed(-0.04) == "+0.0" and signed(-0.4, 0) == "+0"
    assert signed(-0.06) == "-0.1" and signed(2.0, 0) == "+2"


@given(st.floats(0, 100), st.floats(0, 100), st.integers(0, 2))
def test_a_change_is_the_difference_of_the_two_numbers_as_shown(before, after, digits):
    shown = round(round(after, digits) - round(before, digits), digits)
    assert float(change(before, after, digits)) == shown


def test_a_score_from_36_96_to_36_84_falls_by_the_two_tenths_a_reader_sees():
    assert (f"{36.96:.1f}", f"{36.84:.1f}", change(36.96, 36.84)) == ("37.0", "36.8", "-0.2")


def test_a_value_just_short_of_a_threshold_never_reads_as_reaching_it():
    assert rounded_down(49.99) == "49" and rounded_down(50.0) == "50" and rounded_down(0.4) == "0"


@given(st.floats(0.0, 1.0))
def test_a_willingness_below_a_rungs_threshold_never_reads_as_reaching_it(will):
    shown = hundredths_down(will)
    for threshold in (0.2, 0.3, 0.4, 0.5):
        if will < threshold - 1e-9:
            assert float(shown) < threshold, (will, shown)
    assert abs(float(shown) - will) < 0.01 + 1e-9


def test_a_willingness_reads_as_the_sum_that_made_it():
    assert (hundredths_down(0.1996), hundredths_down(0.5 + 0.08), hundredths_down(0.2)) == ("0.19", "0.58", "0.20")


def test_a_chance_takes_the_article_its_number_is_read_with():
    words = [a_chance(p) for p in (0.45, 0.8, 0.85, 0.18, 0.11, 0.08, 0.01, 1.0)]
    assert words == ["a 45% chance", "an 80% chance", "an 85% chance", "an 18% chance", "an 11% chance",
                     "an 8% chance", "a 1% chance", "a 100% chance"]
