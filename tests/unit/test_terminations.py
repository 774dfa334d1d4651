"""Termination grounds and the pro-rata refund, worked by hand (Code des assurances, Légifrance).

Counting conventions (docs/legal-dates.md): a date of effect is at 0 h; « un mois après » keeps the day
number (clamped to the month's end); « à l'expiration d'un délai » ends at 24 h on its last day
(art. 641-642 CPC), so the effect is the next day; the earned premium counts the days before the effect.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.prorata import period_days, pro_rata
from polyadmin.domain.terminations import TerminationCase, chatel_deadline, terminate

PREMIUM = Decimal("600.00")


def case(ground: str, **kwargs: object) -> TerminationCase:
    values: dict[str, object] = {
        "subscribed_on": date(2026, 3, 1),
        "period_start": date(2027, 3, 1),
        "period_end": date(2028, 2, 29),  # 366 days: 2028 is a leap year
        "annual_premium": PREMIUM,
    }
    values.update(kwargs)
    return TerminationCase(ground=ground, **values)  # type: ignore[arg-type]


# --- pro rata by days ----------------------------------------------------------------------------


def test_a_leap_period_has_366_days_and_a_common_one_365():
    assert period_days(date(2027, 3, 1), date(2028, 2, 29)) == 366
    assert period_days(date(2026, 3, 1), date(2027, 2, 28)) == 365


def test_pro_rata_rounds_the_earned_part_half_up_and_the_refund_is_the_rest():
    # 600 × 100 / 365 = 164.3835… → 164.38; refund 600 − 164.38 = 435.62.
    split = pro_rata(PREMIUM, date(2026, 3, 1), date(2027, 2, 28), date(2026, 6, 9))
    assert (split.earned_days, split.earned, split.unearned) == (100, Decimal("164.38"), Decimal("435.62"))
    # 365 × 73 / 365 = 73.00 exactly; 100.00 × 1 / 8 = 12.5 (half) → 12.50; 0.05 × 1 / 2 = 0.025 → 0.03 (half up).
    assert pro_rata(Decimal("0.05"), date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 2)).earned == Decimal("0.03")


def test_pro_rata_is_zero_before_the_start_and_everything_after_the_end():
    assert pro_rata(PREMIUM, date(2026, 3, 1), date(2027, 2, 28), date(2026, 1, 1)).earned == 0
    assert pro_rata(PREMIUM, date(2026, 3, 1), date(2027, 2, 28), date(2027, 3, 1)).unearned == 0


@given(
    premium=st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    length=st.integers(min_value=1, max_value=366),
    offset=st.integers(min_value=-30, max_value=400),
)
def test_earned_plus_refund_is_the_premium_and_both_are_in_range(premium, start, length, offset):
    end = start + timedelta(days=length - 1)
    split = pro_rata(premium, start, end, start + timedelta(days=offset))
    assert split.earned + split.unearned == premium
    assert Decimal(0) <= split.earned <= premium
    assert split.earned == split.earned.quantize(Decimal("0.01"))


# --- Hamon, L113-15-2 --------------------------------------------------------------------------------


def test_hamon_after_one_year_takes_effect_one_month_after_receipt():
    # Subscribed 2026-03-01; notice received 2027-05-10 (after the first year) → effect 2027-06-10 (L113-15-2).
    # Period 2027-03-01..2028-02-29 (366 days); earned days 1 Mar → 9 Jun = 31 + 30 + 31 + 9 = 101.
    # 600 × 101 / 366 = 165.5737… → 165.57; refund 434.43, due by 2027-06-10 + 30 days = 2027-07-10.
    result = terminate(case("hamon", notice_received_on=date(2027, 5, 10)))
    assert result.accepted
    assert result.effective_on == date(2027, 6, 10)
    assert (result.earned, result.refund) == (Decimal("165.57"), Decimal("434.43"))
    assert result.refund_due_by == date(2027, 7, 10)
    assert "L113-15-2" in result.reason


def test_hamon_is_refused_in_the_first_year():
    result = terminate(
        case("hamon", period_start=date(2026, 3, 1), period_end=date(2027, 2, 28), notice_received_on=date(2027, 2, 28))
    )
    assert not result.accepted
    assert result.effective_on is None and result.refund is None
    assert result.deadline == date(2027, 3, 1)  # the first anniversary opens the right
    assert "après un an" in result.reason and "1er mars 2027" in result.reason


def test_hamon_is_open_on_the_first_anniversary():
    result = terminate(
        case("hamon", period_start=date(2026, 3, 1), period_end=date(2027, 2, 28), notice_received_on=date(2027, 3, 1))
    )
    assert result.accepted and result.effective_on == date(2027, 4, 1)


def test_hamon_is_refused_for_a_professional_risk():
    result = terminate(case("hamon", notice_received_on=date(2027, 5, 10), professional=True))
    assert not result.accepted
    assert "professionnelle" in result.reason


def test_one_month_after_31_january_is_the_end_of_february_in_common_and_leap_years():
    # add_months clamps to the month's end: 31 Jan 2027 + 1 month = 28 Feb 2027; 31 Jan 2028 → 29 Feb 2028.
    common = terminate(
        case(
            "hamon",
            period_start=date(2026, 3, 1),
            period_end=date(2027, 2, 28),
            notice_received_on=date(2027, 1, 31),
            subscribed_on=date(2025, 3, 1),
        )
    )
    leap = terminate(case("hamon", notice_received_on=date(2028, 1, 31)))
    assert common.effective_on == date(2027, 2, 28)
    assert leap.effective_on == date(2028, 2, 29)
    # 2027-03-01 .. 2028-02-28 earned: 365 of 366 days → 600 × 365 / 366 = 598.3606… → 598.36, refund 1.64.
    assert (leap.earned, leap.refund) == (Decimal("598.36"), Decimal("1.64"))


def test_the_first_anniversary_of_29_february_is_28_february():
    result = terminate(
        case(
            "hamon",
            subscribed_on=date(2028, 2, 29),
            period_start=date(2028, 2, 29),
            period_end=date(2029, 2, 27),
            notice_received_on=date(2029, 2, 28),
        )
    )
    assert result.accepted and result.effective_on == date(2029, 3, 28)


# --- annual, L113-12 -------------------------------------------------------------------------------


def test_annual_notice_two_months_before_the_due_date_ends_the_contract_at_the_due_date():
    # Due 2028-03-01 (day after the period): send by 2028-01-01. Whole period earned, nothing refunded.
    result = terminate(case("annual", notice_sent_on=date(2028, 1, 1)))
    assert result.accepted
    assert (result.effective_on, result.send_by) == (date(2028, 3, 1), date(2028, 1, 1))
    assert (result.earned, result.refund, result.refund_due_by) == (PREMIUM, Decimal("0.00"), None)


def test_annual_notice_too_late_is_refused_with_the_last_day():
    result = terminate(case("annual", notice_sent_on=date(2028, 1, 2)))
    assert not result.accepted
    assert result.send_by == date(2028, 1, 1)
    assert "préavis de deux mois" in result.reason and "1er janvier 2028" in result.reason


def test_annual_send_by_at_a_month_end_is_clamped():
    # Due 2027-04-30 − 2 months = 2027-02-28 (no 30 February).
    result = terminate(
        case(
            "annual",
            due_date=date(2027, 4, 30),
            notice_sent_on=date(2027, 3, 1),
            period_start=date(2026, 5, 1),
            period_end=date(2027, 4, 29),
        )
    )
    assert result.send_by == date(2027, 2, 28) and not result.accepted


def test_annual_is_refused_before_one_year():
    result = terminate(
        case("annual", period_start=date(2026, 3, 1), period_end=date(2026, 8, 31), notice_sent_on=date(2026, 5, 1))
    )
    assert not result.accepted and "un an" in result.reason


# --- Chatel, L113-15-1 -------------------------------------------------------------------------------

# Due 2028-03-01: the normal last day to refuse renewal is 2028-01-01.


def test_chatel_notice_of_right_sent_20_days_before_the_deadline_keeps_the_normal_deadline():
    assert chatel_deadline(date(2028, 3, 1), date(2027, 12, 12)) == date(2028, 1, 1)
    late = terminate(case("chatel", notice_of_right_sent_on=date(2027, 12, 12), notice_sent_on=date(2028, 1, 5)))
    assert not late.accepted and late.deadline == date(2028, 1, 1)
    assert "au moins 15 jours" in late.reason


def test_chatel_notice_of_right_sent_10_days_before_gives_20_days_from_its_sending():
    # Sent 2027-12-22, 10 days before 2028-01-01 (< 15): deadline 2027-12-22 + 20 days = 2028-01-11.
    result = terminate(case("chatel", notice_of_right_sent_on=date(2027, 12, 22), notice_sent_on=date(2028, 1, 11)))
    assert result.accepted
    assert result.deadline == date(2028, 1, 11)
    assert result.effective_on == date(2028, 3, 1)  # the renewal is refused: ends on the due date
    assert result.refund == Decimal("0.00")
    too_late = terminate(case("chatel", notice_of_right_sent_on=date(2027, 12, 22), notice_sent_on=date(2028, 1, 12)))
    assert not too_late.accepted


def test_chatel_14_days_before_is_short_and_15_days_is_not():
    assert chatel_deadline(date(2028, 3, 1), date(2027, 12, 18)) == date(2028, 1, 7)
    assert chatel_deadline(date(2028, 3, 1), date(2027, 12, 17)) == date(2028, 1, 1)


def test_chatel_notice_of_right_sent_after_the_due_date_takes_effect_the_day_after_the_letter():
    # Avis sent 2028-02-20 (after the deadline): 20 days → 2028-03-11; letter sent 2028-03-05 → effect 2028-03-06.
    # Period of the renewed year 2028-03-01..2029-02-28 (365 days); earned 5 days: 600 × 5 / 365 = 8.2191… → 8.22.
    result = terminate(
        case(
            "chatel",
            period_start=date(2028, 3, 1),
            period_end=date(2029, 2, 28),
            due_date=date(2028, 3, 1),
            notice_of_right_sent_on=date(2028, 2, 20),
            notice_sent_on=date(2028, 3, 5),
        )
    )
    assert result.accepted and result.effective_on == date(2028, 3, 6)
    assert (result.earned, result.refund) == (Decimal("8.22"), Decimal("591.78"))
    assert result.refund_due_by == date(2028, 4, 5)


def test_chatel_never_informed_terminates_any_time_the_day_after_the_letter():
    # No avis: letter sent 2028-06-14 → effect 2028-06-15. Renewed period 2028-03-01..2029-02-28: earned
    # 1 Mar → 14 Jun = 31 + 30 + 31 + 14 = 106 days; 600 × 106 / 365 = 174.2465… → 174.25; refund 425.75.
    result = terminate(
        case(
            "chatel",
            period_start=date(2028, 3, 1),
            period_end=date(2029, 2, 28),
            due_date=date(2028, 3, 1),
            notice_sent_on=date(2028, 6, 14),
        )
    )
    assert result.accepted and result.effective_on == date(2028, 6, 15)
    assert (result.earned, result.refund, result.refund_due_by) == (
        Decimal("174.25"),
        Decimal("425.75"),
        date(2028, 7, 15),
    )
    assert result.deadline is None


def test_chatel_is_refused_for_a_professional_risk():
    assert not terminate(case("chatel", notice_sent_on=date(2028, 1, 1), professional=True)).accepted


# --- vehicle sale, L121-11 ---------------------------------------------------------------------------


def test_vehicle_sale_with_ten_days_notice_refunds_from_the_day_after_the_sale():
    # Sold 2027-05-10: suspended from 2027-05-11 at 0 h (earned 1 Mar → 10 May = 31 + 30 + 10 = 71 days:
    # 600 × 71 / 366 = 116.3934… → 116.39; refund 483.61). Notice sent 2027-05-12 + 10 days → effect 2027-05-23.
    result = terminate(case("vehicle_sale", event_on=date(2027, 5, 10), notice_sent_on=date(2027, 5, 12)))
    assert result.accepted
    assert result.effective_on == date(2027, 5, 23)
    assert (result.earned, result.refund) == (Decimal("116.39"), Decimal("483.61"))
    assert result.deadline == date(2027, 11, 11)
    assert "11 mai 2027 à 0 h" in result.reason


def test_vehicle_sale_without_notice_ends_by_law_after_six_months():
    # Six months from 2027-08-31 end on 2028-02-29 (leap year, clamped) at 24 h: effect 2028-03-01.
    result = terminate(case("vehicle_sale", event_on=date(2027, 8, 31)))
    assert result.effective_on == date(2028, 3, 1)


# --- change of situation, L113-16 --------------------------------------------------------------------


def test_change_of_situation_within_three_months_takes_effect_a_month_after_receipt():
    # Moved 2027-04-15; letter sent 2027-07-15 (last day: +3 months), received 2027-07-17 → effect 2027-08-17.
    # Earned 1 Mar → 16 Aug = 31 + 30 + 31 + 30 + 31 + 16 = 169 days; 600 × 169 / 366 = 277.0491… → 277.05.
    result = terminate(
        case(
            "change_of_situation",
            event_on=date(2027, 4, 15),
            notice_sent_on=date(2027, 7, 15),
            notice_received_on=date(2027, 7, 17),
        )
    )
    assert result.accepted and result.effective_on == date(2027, 8, 17)
    assert (result.earned, result.refund) == (Decimal("277.05"), Decimal("322.95"))
    assert result.send_by == date(2027, 7, 15)


def test_change_of_situation_after_three_months_is_refused():
    result = terminate(
        case(
            "change_of_situation",
            event_on=date(2027, 4, 15),
            notice_sent_on=date(2027, 7, 16),
            notice_received_on=date(2027, 7, 18),
        )
    )
    assert not result.accepted and "trois mois" in result.reason


# --- input -------------------------------------------------------------------------------------------


def test_a_missing_date_of_the_ground_is_a_field_error():
    with pytest.raises(InvalidInput) as refused:
        terminate(case("hamon"))
    assert list(refused.value.field_errors) == ["notice_received_on"]


def test_an_inverted_period_is_a_field_error():
    with pytest.raises(InvalidInput) as refused:
        terminate(case("annual", period_end=date(2027, 2, 1), notice_sent_on=date(2027, 1, 1)))
    assert "period_end" in refused.value.field_errors


@given(
    received=st.dates(min_value=date(2027, 3, 1), max_value=date(2028, 1, 29)),
)
def test_hamon_dates_are_ordered(received):
    result = terminate(case("hamon", notice_received_on=received))
    assert result.accepted and result.effective_on and result.refund_due_by
    assert received < result.effective_on < result.refund_due_by
    assert result.earned + result.refund == PREMIUM


@given(
    ground=st.sampled_from(["annual", "chatel", "hamon", "vehicle_sale", "change_of_situation"]),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    years_before=st.integers(min_value=0, max_value=3),
    offsets=st.lists(st.integers(min_value=-60, max_value=500), min_size=5, max_size=5),
    right=st.none() | st.integers(min_value=-120, max_value=400),
    premium=st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False),
)
def test_every_ground_either_refuses_or_splits_the_premium_after_its_letter(
    ground, start, years_before, offsets, right, premium
):
    sent, received_after, event, _unused, _unused2 = offsets
    end = start + timedelta(days=364)
    notice_sent = start + timedelta(days=sent)
    event_on = start + timedelta(days=event)
    kwargs = {
        "subscribed_on": start - timedelta(days=365 * years_before),
        "period_start": start,
        "period_end": end,
        "annual_premium": premium,
        "notice_sent_on": max(notice_sent, event_on)
        if ground in ("vehicle_sale", "change_of_situation")
        else notice_sent,
        "event_on": event_on,
        "notice_of_right_sent_on": None if right is None else start + timedelta(days=right),
    }
    kwargs["notice_received_on"] = kwargs["notice_sent_on"] + timedelta(days=abs(received_after) % 15)
    result = terminate(TerminationCase(ground=ground, **kwargs))
    if not result.accepted:
        assert result.reason and result.effective_on is None and result.refund is None
        return
    assert result.effective_on and result.earned is not None and result.refund is not None
    assert result.earned + result.refund == premium and result.refund >= 0
    if ground == "vehicle_sale":  # a letter sent after the six months: the contract already ended by law
        assert result.deadline and event_on < result.effective_on <= result.deadline
    else:
        assert result.effective_on > kwargs["notice_sent_on"]
    assert (result.refund_due_by is None) == (result.refund == 0)


# --- Lemoine, withdrawal, the insurer's terminations (issue 13 §3) ---------------------------------


def loan_case(**kwargs: object) -> TerminationCase:
    return case("lemoine", loan_insurance=True, **kwargs)


def test_lemoine_takes_effect_ten_days_after_the_insurer_receives_the_notice():
    # L113-12-2: received 2027-06-25 → effect 2027-07-05 (25 + 10). Earned 2027-03-01..07-04 = 126 days;
    # 600 × 126 / 366 = 206.5573… → 206.56; refund 393.44, due by 07-05 + 30 = 2027-08-04.
    result = terminate(loan_case(notice_received_on=date(2027, 6, 25)))
    assert result.accepted
    assert (result.effective_on, result.earned, result.refund) == (
        date(2027, 7, 5),
        Decimal("206.56"),
        Decimal("393.44"),
    )
    assert result.refund_due_by == date(2027, 8, 4)
    assert "L113-12-2" in result.reason


def test_lemoine_runs_across_a_month_end_and_even_in_the_first_year():
    # Any time, first year included: received 2026-03-25 (subscribed 03-01) → effect 2026-04-04.
    result = terminate(loan_case(notice_received_on=date(2026, 3, 25), period_start=date(2026, 3, 1),
                                 period_end=date(2027, 2, 28)))  # fmt: skip
    # Earned 2026-03-01..04-03 = 34 days: 600 × 34 / 365 = 55.8904… → 55.89; refund 544.11.
    assert (result.effective_on, result.earned, result.refund) == (
        date(2026, 4, 4),
        Decimal("55.89"),
        Decimal("544.11"),
    )


def test_lemoine_is_refused_for_a_contract_that_is_not_loan_insurance():
    result = terminate(case("lemoine", notice_received_on=date(2027, 6, 25)))
    assert not result.accepted and result.effective_on is None
    assert "assurance emprunteur" in result.reason


def test_lemoine_needs_the_date_the_insurer_received_the_notice():
    with pytest.raises(InvalidInput) as raised:
        terminate(loan_case())
    assert "notice_received_on" in raised.value.field_errors


def first_year(ground: str, **kwargs: object) -> TerminationCase:
    return case(ground, period_start=date(2026, 3, 1), period_end=date(2027, 2, 28), **kwargs)


def test_withdrawal_on_the_fourteenth_day_voids_the_contract_and_refunds_everything():
    # Concluded 2026-03-01: the day is not counted, 14 days end on 2026-03-15 (last day, included).
    result = terminate(first_year("withdrawal", notice_sent_on=date(2026, 3, 15)))
    assert result.accepted
    assert (result.effective_on, result.earned, result.refund) == (date(2026, 3, 1), Decimal("0.00"), PREMIUM)
    assert result.deadline == date(2026, 3, 15)
    assert result.refund_due_by == date(2026, 4, 14)  # 03-15 + 30 days


def test_withdrawal_on_the_fifteenth_day_is_late():
    result = terminate(first_year("withdrawal", notice_sent_on=date(2026, 3, 16)))
    assert not result.accepted and result.refund is None
    assert "15 mars 2026" in result.reason and "tardive" in result.reason


def test_withdrawal_follows_the_contract_s_own_last_day_and_counts_the_refund_delay_from_receipt():
    # A contract whose conditions reached the client later records its own last day (L112-2-1: from the
    # receipt of the conditions when later): 2026-03-20.
    result = terminate(first_year("withdrawal", withdrawal_until=date(2026, 3, 20), notice_sent_on=date(2026, 3, 19),
                                  notice_received_on=date(2026, 3, 21), annual_premium=Decimal("432.17")))  # fmt: skip
    assert result.accepted and result.refund == Decimal("432.17")
    assert result.refund_due_by == date(2026, 4, 20)  # received 03-21 + 30 days


def test_insurer_claim_takes_effect_the_day_after_one_month_from_the_notification():
    # R113-10: notified 2027-05-10 → the month expires at the end of 2027-06-10, effect 2027-06-11 at 0 h.
    # Earned 2027-03-01..06-10 = 102 days: 600 × 102 / 366 = 167.2131… → 167.21; refund 432.79.
    result = terminate(case("insurer_claim", event_on=date(2027, 4, 20), notice_received_on=date(2027, 5, 10)))
    assert result.accepted
    assert (result.effective_on, result.earned, result.refund) == (
        date(2027, 6, 11),
        Decimal("167.21"),
        Decimal("432.79"),
    )
    assert result.deadline == date(2027, 6, 10)  # the policyholder's own other contracts, within one month
    assert result.refund_due_by == date(2027, 7, 11)


def test_insurer_claim_notified_on_31_january_ends_on_1_march():
    # 2028-01-31 + 1 month = 2028-02-29 (leap year, clamped); effect 2028-03-01 (next period: nothing refunded).
    result = terminate(case("insurer_claim", event_on=date(2028, 1, 5), notice_received_on=date(2028, 1, 31)))
    assert (result.effective_on, result.deadline) == (date(2028, 3, 1), date(2028, 2, 29))
    assert (result.earned, result.refund, result.refund_due_by) == (PREMIUM, Decimal("0.00"), None)


def test_insurer_claim_notified_before_the_claim_is_a_field_error():
    with pytest.raises(InvalidInput) as raised:
        terminate(case("insurer_claim", event_on=date(2027, 5, 10), notice_received_on=date(2027, 5, 9)))
    assert "notice_received_on" in raised.value.field_errors


def test_non_payment_ends_the_contract_forty_days_after_the_formal_notice():
    # L113-3: premium due 2027-03-01, mise en demeure 2027-03-12 (≥ due + 11); covered to 04-11, suspended
    # from 04-12, terminated 10 days after the 30 days: 2027-04-22 at 0 h. Earned 03-01..04-21 = 52 days:
    # 600 × 52 / 366 = 85.2459… → 85.25; refund 514.75.
    result = terminate(case("non_payment", event_on=date(2027, 3, 1), notice_sent_on=date(2027, 3, 12)))
    assert result.accepted
    assert (result.effective_on, result.earned, result.refund) == (
        date(2027, 4, 22),
        Decimal("85.25"),
        Decimal("514.75"),
    )
    assert result.refund_due_by == date(2027, 5, 22)


def test_non_payment_with_a_premature_formal_notice_is_refused():
    # Due 2027-03-01: the notice may leave from 2027-03-12; on 03-11 it runs no delay.
    result = terminate(case("non_payment", event_on=date(2027, 3, 1), notice_sent_on=date(2027, 3, 11)))
    assert not result.accepted and result.effective_on is None
    assert "12 mars 2027" in result.reason


def test_an_unknown_ground_names_every_contract_ground():
    with pytest.raises(InvalidInput) as raised:
        terminate(case("deces"))
    assert "lemoine" in raised.value.field_errors["ground"][0]
