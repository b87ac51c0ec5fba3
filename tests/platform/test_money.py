"""Money: kopecks half up, «1 234,50 ₽», amounts in words, exact splits."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.platform.money import format_rub, in_words, kopecks, split_exact

D = Decimal


@pytest.mark.parametrize("value, text", [(D("1234567.891"), "1\u00a0234\u00a0567,89\u00a0₽"), (D("0.005"), "0,01\u00a0₽"),
                                         (0, "0,00\u00a0₽"), (D("-1500"), "-1\u00a0500,00\u00a0₽")])
def test_format(value, text):
    """Thousands with no-break spaces, comma before kopecks, half up."""
    assert format_rub(value) == text


@pytest.mark.parametrize("value, words", [
    (D("1234567.89"), "один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек"),
    (21, "двадцать один рубль 00 копеек"), (D("2.03"), "два рубля 03 копейки"), (D("11.01"), "одиннадцать рублей 01 копейка"),
])
def test_in_words(value, words):
    """Rubles in words with the right form, kopecks in digits, as orders write them."""
    assert in_words(value) == words


def test_kopecks_rounds_half_up():
    """0.125 → 0.13, never banker's rounding."""
    assert kopecks(D("0.125")) == D("0.13") and kopecks(D("0.135")) == D("0.14")


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.lists(st.integers(1, 10**6), min_size=1, max_size=8))
def test_split_exact_adds_up_to_the_kopeck(total, weights):
    """Any total split by any weights: parts in kopecks that add up exactly."""
    parts = split_exact(total, [D(w) for w in weights])
    assert sum(parts) == total and all(p >= 0 and p == kopecks(p) for p in parts)
