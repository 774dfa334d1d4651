"""The endorsement's domain (polyadmin/domain/endorsements.py), without a database: the difference pro rata
by days worked by hand, the settlement per product setting, the guards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from polyadmin.domain.endorsements import (
    ContractTerms,
    RecurringAmounts,
    apply_changes,
    changes_between,
    check_effective_date,
    check_endorsable,
    check_mandatory,
    premium_difference,
    settle,
)
from polyadmin.domain.errors import Conflict, InvalidInput

TERMS = ContractTerms("tiers", (), {}, "mensuel", {"garage_postcode": "69003", "crm": "0.64"}, "prelevement")


def test_a_decrease_over_a_leap_period_is_refunded_by_days_to_the_cent():
    # 2027-03-01..2028-02-29: 366 days. Effect 2027-09-01: run 03-01..08-31 = 184 days, 182 remain.
    # Before tax −120.00: earned round(−120 × 184 / 366) = −60.33 (−60.327…), due −59.67; taxes −30.01:
    # round(−30.01 × 184 / 366) = −15.09 (−15.087…), due −14.92; in all −74.59.
    before = RecurringAmounts(Decimal("400.00"), Decimal("412.00"), Decimal("520.00"))
    after = RecurringAmounts(Decimal("283.50"), Decimal("292.00"), Decimal("369.99"))
    difference = premium_difference(before, after, date(2027, 3, 1), date(2028, 2, 29), date(2027, 9, 1))
    assert (difference.days, difference.remaining_days) == (366, 182)
    assert (difference.annual_before_tax, difference.annual_taxes, difference.annual_total) == (
        Decimal("-120.00"), Decimal("-30.01"), Decimal("-150.01"),
    )  # fmt: skip
    assert (difference.before_tax, difference.taxes, difference.total) == (
        Decimal("-59.67"), Decimal("-14.92"), Decimal("-74.59"),
    )  # fmt: skip
    assert difference.annual_premium_difference == Decimal("-116.50")


def test_settlement_follows_the_product_setting_and_falls_back_to_a_separate_notice_or_refund():
    remaining = [(7, date(2026, 8, 12), Decimal("26.99")), (8, date(2026, 9, 12), Decimal("26.99"))]
    # 1 001 cents / 2 = 500, one cent left over for the first: 26.99 + 5.01, 26.99 + 5.00.
    spread = settle(Decimal("10.01"), "instalments", remaining)
    assert spread.mode == "instalments"
    assert [(s.instalment_id, s.after) for s in spread.shares] == [(7, Decimal("32.00")), (8, Decimal("31.99"))]
    assert settle(Decimal("10.01"), "notice", remaining).mode == "notice"
    assert settle(Decimal("-10.01"), "notice", remaining).mode == "refund"
    assert settle(Decimal("-10.01"), "instalments", []).mode == "refund"
    # A refund bigger than what remains due would make an instalment negative: refunded apart.
    assert settle(Decimal("-60.00"), "instalments", remaining).mode == "refund"
    reduced = settle(Decimal("-0.03"), "instalments", remaining)
    assert [s.after for s in reduced.shares] == [Decimal("26.97"), Decimal("26.98")]
    assert settle(Decimal("0.00"), "instalments", remaining).mode == "none"


def test_changes_are_listed_before_and_after_in_french():
    after = apply_changes(TERMS, {"risk": {"garage_postcode": "75011"}, "formula": "tous_risques"})
    assert after.risk == {"garage_postcode": "75011", "crm": "0.64"} and after.options == ()
    changes = changes_between(
        TERMS, after, {"garage_postcode": "Code postal du lieu de garage"},
        {"formula": {"tiers": "Tiers", "tous_risques": "Tous risques"}},
    )  # fmt: skip
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Formule", "Tiers", "Tous risques"),
        ("Code postal du lieu de garage", "69003", "75011"),
    ]


def test_guards():
    with pytest.raises(Conflict, match="est suspendu"):
        check_endorsable("suspended", "CT-000001")
    check_endorsable("active", "CT-000001")
    with pytest.raises(InvalidInput) as refused:
        check_mandatory(("Responsabilité civile",))
    assert refused.value.field_errors == {
        "changes": ["Garantie obligatoire absente après l'avenant : Responsabilité civile."]
    }
    window = {"start_date": date(2025, 1, 15), "period_end": date(2027, 1, 14), "today": date(2026, 3, 2)}
    # A product allowing 60 days: 41 days back needs no justification; 61 days back does.
    check_effective_date(date(2026, 1, 20), **window, backdating_days=60, justification=None)
    with pytest.raises(InvalidInput) as refused:
        check_effective_date(date(2025, 12, 31), **window, backdating_days=60, justification="  ")
    assert list(refused.value.field_errors) == ["justification"]
    check_effective_date(date(2025, 12, 31), **window, backdating_days=60, justification="Courrier du 30/12.")
