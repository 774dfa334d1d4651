"""The pure rules of issuing a contract: dates, withdrawal period, mandate reference, IBAN and BIC, guards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.contracts import (
    CREDITOR_IDENTIFIER,
    AgreementChannel,
    IssueFacts,
    agreement_problems,
    bank_account_problems,
    bic_is_valid,
    creditor_identifier,
    default_signature,
    issue_refusals,
    mandate_reference,
    mandate_reference_is_valid,
    missing_mandatory,
    principal_due_date,
    read_frozen_pricing,
    renewed_period,
    term_end,
    withdrawal_until,
)


@pytest.mark.parametrize(
    ("effective", "due", "end"),
    [
        (date(2026, 1, 31), date(2027, 1, 31), date(2027, 1, 30)),
        (date(2026, 3, 1), date(2027, 3, 1), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2028, 3, 1), date(2028, 2, 29)),  # the period holds the leap day
        (date(2028, 2, 29), date(2029, 2, 28), date(2029, 2, 27)),  # anniversary clamped in a common year
        (date(2026, 12, 31), date(2027, 12, 31), date(2027, 12, 30)),
    ],
)
def test_the_first_annual_term_ends_the_day_before_the_principal_due_date(effective, due, end):
    assert principal_due_date(effective) == due
    assert term_end(effective) == end


def test_a_renewed_period_is_counted_from_the_effective_date_not_chained():
    assert renewed_period(date(2028, 2, 29), 4) == (date(2032, 2, 29), date(2033, 2, 27))
    assert renewed_period(date(2026, 1, 31), 1) == (date(2027, 1, 31), date(2028, 1, 30))


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_an_annual_term_lasts_365_or_366_days(effective):
    days = (term_end(effective) - effective).days + 1
    assert days in (365, 366)


def test_the_withdrawal_period_of_a_distance_sale_is_fourteen_calendar_days():
    assert withdrawal_until(date(2026, 3, 2), True) == date(2026, 3, 16)
    assert withdrawal_until(date(2028, 2, 20), True) == date(2028, 3, 5)  # through 29 February
    assert withdrawal_until(date(2026, 12, 25), True) == date(2027, 1, 8)
    assert withdrawal_until(date(2026, 3, 2), False) is None


def test_only_the_agency_is_not_a_distance_sale_and_it_signs_on_paper():
    assert [channel.value for channel in AgreementChannel if not channel.distance] == ["agence"]
    assert default_signature(AgreementChannel.AGENCY).value == "manuscrite"
    assert default_signature(AgreementChannel.TELEPHONE).value == "electronique"


def test_mandate_references_are_sepa_references():
    assert mandate_reference(2026, 42) == "RUM-2026-000042"
    assert mandate_reference_is_valid("RUM-2026-000042")
    assert not mandate_reference_is_valid("RUM//2026")
    assert not mandate_reference_is_valid("R" * 36)
    assert not mandate_reference_is_valid("RUM_2026")  # underscore is not in the SEPA set
    assert not mandate_reference_is_valid("")


@pytest.mark.parametrize(
    ("bic", "valid"),
    [
        ("AGRIFRPP", True),
        ("BNPAFRPPXXX", True),
        ("agri frpp", True),
        ("AGRIFRP", False),
        ("AGR1FRPP", False),
        ("AGRIFRPPX", False),
        ("", False),
    ],
)
def test_bic_follows_iso_9362(bic, valid):
    assert bic_is_valid(bic) is valid


def test_bank_account_problems_name_each_field():
    assert bank_account_problems("FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP") == {}
    assert set(bank_account_problems("FR7630006000011234567890188", "AGRIFRPP")) == {"iban"}
    assert bank_account_problems("FR7630006000011234567890189", "DEUTDEFF") == {
        "bic": ["Le pays du BIC ne correspond pas à celui de l'IBAN."]
    }
    assert set(bank_account_problems("XX00", "??")) == {"iban", "bic"}


def test_the_creditor_identifier_has_iban_check_digits_over_its_national_part():
    # FR72ZZZ123456 is the sample identifier of the French banks' SEPA guides.
    assert creditor_identifier("123456") == "FR72ZZZ123456"
    assert CREDITOR_IDENTIFIER == "FR72ZZZ123456"


def facts(**changes):
    base = dict(
        quote_number="DV-000001",
        version=1,
        status="accepted",
        valid_until=date(2026, 4, 1),
        today=date(2026, 3, 2),
        agreed_on=date(2026, 3, 2),
        newer_version=False,
        request_number=None,
        request_status=None,
        decision=None,
        casework_refusals=(),
        chosen_lines=1,
        missing_mandatory=(),
    )
    base.update(changes)
    return IssueFacts(**base)


def test_an_accepted_quote_within_its_validity_may_be_issued():
    assert issue_refusals(facts()) == ()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {"status": "proposed", "agreed_on": None},
            "Le devis DV-000001 (version 1) n'est pas accepté : enregistrez d'abord l'accord du client.",
        ),
        (
            {"status": "superseded"},
            "Le devis DV-000001 (version 1) a été remplacé par une version plus récente : émettez la dernière version.",
        ),
        (
            {"newer_version": True},
            "Le devis DV-000001 (version 1) a été remplacé par une version plus récente : émettez la dernière version.",
        ),
        (
            {"today": date(2026, 4, 2)},
            "Le devis DV-000001 (version 1) a expiré le 01/04/2026 : établissez une nouvelle version.",
        ),
        ({"status": "refused"}, "Le devis DV-000001 (version 1) a été refusé par le client."),
        (
            {"request_number": "DS-000003", "decision": "decline", "request_status": "refusee"},
            "La demande DS-000003 a été refusée : aucun contrat ne peut être émis.",
        ),
        (
            {"request_number": "DS-000003", "request_status": "en_cours"},
            "La demande DS-000003 n'est pas encore décidée : décidez-la avant d'émettre.",
        ),
        (
            {
                "request_number": "DS-000003",
                "decision": "accept",
                "casework_refusals": ("Avis défavorable du médecin-conseil.",),
            },
            "Avis défavorable du médecin-conseil.",
        ),
        (
            {"missing_mandatory": ("Responsabilité civile",)},
            "Garanties obligatoires absentes du tarif : Responsabilité civile.",
        ),
        ({"chosen_lines": 0}, "Le devis DV-000001 (version 1) ne compte aucune ligne retenue par le client."),
    ],
)
def test_each_guard_says_why(changes, reason):
    assert reason in issue_refusals(facts(**changes))


def test_missing_mandatory_guarantees_are_named():
    mandatory = [("rc", "Responsabilité civile"), ("defense_recours", "Défense pénale et recours")]
    assert missing_mandatory(mandatory, frozenset({"rc"})) == ("Défense pénale et recours",)
    assert missing_mandatory(mandatory, frozenset({"rc", "defense_recours", "vol"})) == ()


def test_the_agreement_date_lies_between_the_quote_and_today():
    quote, until, today = date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 10)
    assert agreement_problems(date(2026, 3, 5), today, quote, until) == {}
    assert "date" in agreement_problems(date(2026, 3, 11), today, quote, until)
    assert "date" in agreement_problems(date(2026, 2, 28), today, quote, until)
    assert "date" in agreement_problems(date(2026, 4, 1), date(2026, 4, 2), quote, until)


def test_the_frozen_pricing_reads_back_exactly():
    frozen = {
        "premium_before_tax": "500.10",
        "total": "612.34",
        "lines": [
            {
                "code": "rc",
                "name": "Responsabilité civile",
                "status": "mandatory",
                "premium_before_tax": "300.05",
                "total": "380.00",
                "deductible": None,
            }
        ],
        "instalments": [{"number": 1, "due_date": "2026-03-12", "amount": "612.34"}],
    }
    read = read_frozen_pricing(frozen)
    assert (read.premium_before_tax, read.taxes, read.total) == (
        Decimal("500.10"),
        Decimal("112.24"),
        Decimal("612.34"),
    )
    assert read.guarantees[0].taxes == Decimal("79.95") and read.guarantee_codes == frozenset({"rc"})
    assert read.instalments[0].due_date == date(2026, 3, 12)
