"""Calendar arithmetic on dates, exactly as dateutil's relativedelta does it, without its cost.

The pricing engine and the generator do these millions of times when a portfolio is seeded;
relativedelta builds and normalises an object per call. The rules are the same: a day past the end
of the target month becomes its last day (31 January + 1 month = 28 or 29 February; 29 February
+ 1 year = 28 February in a common year), and full years are counted as relativedelta counts them.
"""

from __future__ import annotations

from calendar import isleap
from datetime import date

MONTH_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """Days in the month (calendar.monthrange without the weekday it also computes)."""
    return 29 if month == 2 and isleap(year) else MONTH_LENGTHS[month - 1]


def add_months(day: date, months: int) -> date:
    """`day` + `months` months (negative: earlier), clamped to the end of the month —
    `day + relativedelta(months=months)`."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, month_length(year, month)))


def add_years(day: date, years: int) -> date:
    """`day` + `years` years, a 29 February becoming the 28th in a common year — what
    `day + relativedelta(years=years)` gives."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def years_between(start: date, end: date) -> int:
    """Full years from `start` to `end` (an age), as `relativedelta(end, start).years` counts them
    (born 29 February 2000: one year old on 28 February 2001); negative when `end` is earlier."""
    if start > end:
        return -years_between(end, start) - 1
    years = end.year - start.year
    return years - 1 if add_years(start, years) > end else years
