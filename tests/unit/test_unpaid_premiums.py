"""Unpaid premium: art. L113-3 and R113-1 of the Code des assurances, worked by hand.

Due 2026-03-01: the ten days « dans les dix jours de son échéance » end on 2026-03-11 at 24 h, so the
mise en demeure may be sent from 2026-03-12. Sent 2026-03-12: the thirty days (day of sending not
counted, art. 641-642 CPC) end on 2026-04-11 at 24 h; suspended from 2026-04-12 at 0 h; the ten more
days end on 2026-04-21 at 24 h, termination possible from 2026-04-22.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import PARIS
from polyadmin.domain.unpaid_premiums import earliest_notice, unpaid_premium

DUE = date(2026, 3, 1)


def test_notice_five_days_after_the_due_date_is_invalid():
    result = unpaid_premium(DUE, date(2026, 3, 6))
    assert not result.notice_valid
    assert result.suspended_from is None and result.covered_until is None
    assert "12 mars 2026" in result.reason and "L113-3" in result.reason


def test_notice_on_the_tenth_day_is_still_too_early_and_the_eleventh_is_valid():
    assert earliest_notice(DUE) == date(2026, 3, 12)
    assert not unpaid_premium(DUE, date(2026, 3, 11)).notice_valid
    assert unpaid_premium(DUE, date(2026, 3, 12)).notice_valid


def test_normal_path_dates():
    result = unpaid_premium(DUE, date(2026, 3, 12))
    assert result.notice_valid
    assert result.covered_until == date(2026, 4, 11)
    assert result.suspended_from == date(2026, 4, 12)
    assert result.termination_possible_from == date(2026, 4, 22)
    assert result.cover_resumes_at is None


def test_payment_during_the_suspension_resumes_cover_at_noon_the_next_day():
    # Paid 2026-04-13 (suspended since the 12th): cover resumes 2026-04-14 at 12:00 Paris (summer time, +02:00).
    result = unpaid_premium(DUE, date(2026, 3, 12), paid_on=date(2026, 4, 13))
    assert result.suspended_from == date(2026, 4, 12)
    assert result.cover_resumes_at == datetime(2026, 4, 14, 12, 0, tzinfo=PARIS)
    assert result.cover_resumes_at.utcoffset() == timedelta(hours=2)
    assert result.termination_possible_from is None  # the arrears are paid: no termination for this premium
    assert "à midi" in result.reason


def test_payment_in_winter_resumes_at_noon_paris_time_plus_one_hour():
    result = unpaid_premium(date(2026, 11, 1), date(2026, 11, 20), paid_on=date(2026, 12, 25))
    assert result.cover_resumes_at is not None
    assert result.cover_resumes_at.isoformat() == "2026-12-26T12:00:00+01:00"
    # Notice 2026-11-20: suspended from 2026-12-21; paid 2026-12-25, before termination was possible (2026-12-31).
    assert result.suspended_from == date(2026, 12, 21)
    assert result.termination_possible_from is None


def test_payment_before_the_suspension_means_no_suspension():
    result = unpaid_premium(DUE, date(2026, 3, 12), paid_on=date(2026, 4, 11))
    assert result.notice_valid
    assert result.suspended_from is None and result.termination_possible_from is None
    assert result.cover_resumes_at is None
    assert "n'est pas suspendue" in result.reason


def test_payment_after_termination_became_possible_keeps_both_dates():
    result = unpaid_premium(DUE, date(2026, 3, 12), paid_on=date(2026, 4, 30))
    assert result.termination_possible_from == date(2026, 4, 22)
    assert result.cover_resumes_at == datetime(2026, 5, 1, 12, 0, tzinfo=PARIS)
    assert "n'a pas résilié" in result.reason


def test_payment_before_the_due_date_is_a_field_error():
    with pytest.raises(InvalidInput) as refused:
        unpaid_premium(DUE, date(2026, 3, 12), paid_on=date(2026, 2, 1))
    assert list(refused.value.field_errors) == ["paid_on"]


@given(
    due=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    delay=st.integers(min_value=11, max_value=400),
)
def test_dates_are_ordered(due, delay):
    notice = due + timedelta(days=delay)
    result = unpaid_premium(due, notice)
    assert result.notice_valid and result.covered_until and result.suspended_from and result.termination_possible_from
    assert due < notice < result.covered_until < result.suspended_from < result.termination_possible_from
    assert (result.suspended_from - notice).days == 31 and (result.termination_possible_from - notice).days == 41
