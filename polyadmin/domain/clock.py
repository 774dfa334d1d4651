"""The sandbox clock (« date de la simulation »): every business date comes from it."""

from __future__ import annotations

from datetime import date

from polyadmin.domain.errors import ClockMovedBackwards
from polyadmin.domain.french import short_date


def advance_clock(current: date, requested: date) -> date:
    """Return the new sandbox date; the clock never goes back (replay needs date order)."""
    if requested <= current:
        raise ClockMovedBackwards(short_date(current), short_date(requested))
    return requested
