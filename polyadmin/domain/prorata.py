"""Premium pro rata temporis, by days: the earned and the unearned part of a period's premium.

One rule for every refund and every premium difference (issue 13: a termination's refund, an
endorsement's « différence de prime au prorata temporis par jours sur la période restante »):

- the period runs from `period_start` to `period_end`, both days included (2026-03-01 to
  2027-02-28 is 365 days; 2027-03-01 to 2028-02-29 is 366 days: a leap period has 366 days, the
  premium is not « per 365 »);
- a change that takes effect on `effective_on` takes effect at 0 h that day: the days from
  `period_start` to the day before `effective_on` are earned (the risk ran), the others are not;
- earned = premium × earned days ÷ days of the period, computed exactly in Decimal and rounded
  once, half up to the cent (`round_money`); the unearned part is the premium minus the rounded
  earned part, so that earned + unearned is always the premium to the cent.

A change on or before the start earns nothing; one after the end earns the whole premium.
Sources: art. L113-15-1 (« période calculée jusqu'à la date d'effet de la résiliation »), L113-15-2,
L113-16 (« période pendant laquelle le risque n'a pas couru, calculée à compter de la date d'effet »)
of the Code des assurances.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from polyadmin.domain.money import round_money


@dataclass(frozen=True)
class ProRata:
    days: int  # days of the period, both ends included
    earned_days: int  # days before the effective date (the risk ran)
    earned: Decimal  # to the cent
    unearned: Decimal  # premium − earned, to the cent


def period_days(period_start: date, period_end: date) -> int:
    """Days of a period, both ends included."""
    if period_end < period_start:
        raise ValueError("a period ends on or after its start")
    return (period_end - period_start).days + 1


def pro_rata(premium: Decimal, period_start: date, period_end: date, effective_on: date) -> ProRata:
    """Split `premium` of the period at `effective_on` (0 h), by days, rounding half up to the cent."""
    days = period_days(period_start, period_end)
    earned_days = min(max((effective_on - period_start).days, 0), days)
    earned = round_money(premium * earned_days / days)
    return ProRata(days=days, earned_days=earned_days, earned=earned, unearned=round_money(premium) - earned)
