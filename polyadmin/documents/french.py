"""Numbers the French way in documents (Babel, fr_FR): « 1 500,00 € », « 12 % », « 2 mars 2026 »."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
HUNDRED = Decimal(100)
ONE = Decimal(1)


def euros(amount: Decimal) -> str:
    """« 1 500,00 € » (narrow no-break space between thousands, no-break space before €)."""
    return format_currency(amount, "EUR", locale=LOCALE)


def number(value: Decimal | int) -> str:
    return format_decimal(value, locale=LOCALE)


def coefficient(value: Decimal) -> str:
    """A coefficient with two decimals at least, as printed on a relevé d'information: 0.85 → « 0,85 »."""
    return format_decimal(value, format="0.00##", locale=LOCALE)


def percent(value: Decimal) -> str:
    """A percentage written as percents in the catalogue (33 → « 33 % »)."""
    return f"{format_decimal(value, locale=LOCALE)}\u00a0%"


def tariff_effect(factor: Decimal) -> str:
    """A coefficient as its effect on the premium: 1.12 → « +12 % », 0.88 → « −12 % », 1 → « tarif de référence »."""
    change = (factor - ONE) * HUNDRED
    if change == 0:
        return "tarif de référence"
    sign = "+" if change > 0 else "\u2212"
    return f"{sign}{format_decimal(abs(change), locale=LOCALE)}\u00a0% sur la prime"
