"""Tableau d'amortissement of a fixed-rate loan repaid in constant monthly instalments (échéances constantes).

The instalment is the annuity C·r / (1 − (1 + r)^−n) with r the monthly rate (annual nominal rate / 12),
computed exactly and rounded once to the cent (the project's rounding policy, polyadmin.domain.money).
Each month the interest is the remaining capital × r rounded to the cent and the rest of the
instalment repays capital; the last instalment repays exactly what remains, so it absorbs the
roundings and the capital repaid over the schedule sums to the capital borrowed, to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from dateutil.relativedelta import relativedelta

from polyadmin.domain.money import round_money

MONTHS_PER_YEAR = 12
HUNDRED = Decimal(100)
ZERO = Decimal(0)


class InvalidLoan(ValueError):
    """The loan cannot be amortised (capital or duration not positive, negative rate)."""


@dataclass(frozen=True)
class AmortisationRow:
    """One monthly instalment: what is paid, split into interest and capital, and the capital left after."""

    number: int
    due_date: date | None
    payment: Decimal
    interest: Decimal
    principal: Decimal
    remaining: Decimal


def monthly_payment(capital: Decimal, rate_percent: Decimal, months: int) -> Decimal:
    """The constant monthly instalment, rounded to the cent (capital / months when the rate is zero)."""
    _check(capital, rate_percent, months)
    with localcontext() as context:
        context.prec = 50
        rate = rate_percent / HUNDRED / MONTHS_PER_YEAR
        if rate == ZERO:
            return round_money(capital / months)
        return round_money(capital * rate / (1 - (1 + rate) ** -months))


def amortisation_schedule(
    capital: Decimal, rate_percent: Decimal, months: int, first_due_date: date | None = None
) -> list[AmortisationRow]:
    """Every instalment of the loan; the principals sum exactly to `capital`, the last row ends at zero."""
    payment = monthly_payment(capital, rate_percent, months)
    rows: list[AmortisationRow] = []
    remaining = capital
    with localcontext() as context:
        context.prec = 50
        rate = rate_percent / HUNDRED / MONTHS_PER_YEAR
        for number in range(1, months + 1):
            interest = round_money(remaining * rate)
            principal = remaining if number == months else min(payment - interest, remaining)
            remaining -= principal
            rows.append(
                AmortisationRow(
                    number=number,
                    due_date=first_due_date + relativedelta(months=number - 1) if first_due_date else None,
                    payment=principal + interest,
                    interest=interest,
                    principal=principal,
                    remaining=remaining,
                )
            )
    return rows


def _check(capital: Decimal, rate_percent: Decimal, months: int) -> None:
    if capital <= ZERO or round_money(capital) != capital:
        raise InvalidLoan(f"capital must be positive and exact to the cent: {capital}")
    if months <= 0:
        raise InvalidLoan(f"duration must be at least one month: {months}")
    if rate_percent < ZERO:
        raise InvalidLoan(f"rate must not be negative: {rate_percent}")
