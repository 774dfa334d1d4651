from datetime import date

import pytest

from polyadmin.domain.clock import advance_clock
from polyadmin.domain.errors import ClockMovedBackwards


def test_clock_moves_forward_across_a_leap_day():
    assert advance_clock(date(2028, 2, 28), date(2028, 2, 29)) == date(2028, 2, 29)


def test_clock_never_moves_back():
    with pytest.raises(ClockMovedBackwards) as caught:
        advance_clock(date(2026, 3, 2), date(2026, 3, 1))
    assert caught.value.field_errors == {
        "date": ["La date demandée (01/03/2026) précède la date de la simulation (02/03/2026)."]
    }


def test_moving_to_the_same_day_is_refused_as_a_non_move():
    with pytest.raises(ClockMovedBackwards) as caught:
        advance_clock(date(2026, 3, 2), date(2026, 3, 2))
    assert "déjà au 02/03/2026" in caught.value.field_errors["date"][0]
