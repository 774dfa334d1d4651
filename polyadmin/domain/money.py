"""Exact money: Decimal in euros, one rounding policy, integer cents for storage.

Rounding policy (documented in docs/architecture.md): amounts are kept unrounded during a
computation and rounded once, to the cent, half away from zero (ROUND_HALF_UP), when an amount
becomes a fact (a premium, a tax, an instalment).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Read an amount exactly; floats are refused because they are already inexact."""
    if isinstance(value, (bool, float)):
        raise TypeError("money must not be a float or bool")
    try:
        result = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result


def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    """Integer cents of an amount that must already be exact to the cent."""
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"amount {value} is not exact to the cent; round it first")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)
