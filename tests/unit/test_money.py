from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.money import from_cents, round_money, to_cents, to_decimal


def test_round_money_rounds_half_away_from_zero_to_the_cent():
    assert round_money(Decimal("10.005")) == Decimal("10.01")
    assert round_money(Decimal("10.0049")) == Decimal("10.00")
    assert round_money(Decimal("-2.345")) == Decimal("-2.35")


def test_to_decimal_refuses_floats_because_they_are_already_inexact():
    with pytest.raises(TypeError):
        to_decimal(0.1)  # type: ignore[arg-type]
    assert to_decimal("0.10") == Decimal("0.10")


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity"])
def test_to_decimal_refuses_what_is_not_a_finite_amount(bad):
    with pytest.raises(ValueError):
        to_decimal(bad)


def test_to_cents_refuses_an_amount_finer_than_the_cent():
    with pytest.raises(ValueError):
        to_cents(Decimal("1.005"))


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_cents_round_trip_exactly(cents):
    assert to_cents(from_cents(cents)) == cents
