"""Changes as players read them: with a sign, and never "-0.0"."""

from hypothesis import given
from hypothesis import strategies as st

from game.numbers import signed


@given(st.floats(-1e6, 1e6), st.integers(0, 3))
def test_a_change_reads_as_its_rounded_value_with_a_sign(x, digits):
    text = signed(x, digits)
    assert text[0] in "+-"
    assert float(text) == round(x, digits)
    assert text.lstrip("+-").strip("0.") or text[0] == "+"  # a change that rounds to nothing is +0


def test_a_tiny_fall_is_no_change():
    assert signed(-0.04) == "+0.0" and signed(-0.4, 0) == "+0"
    assert signed(-0.06) == "-0.1" and signed(2.0, 0) == "+2"
