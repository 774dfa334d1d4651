"""Supporting documents printed as SPECIMEN PDFs: every kind renders, says SPECIMEN, shows its data in French."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfminer.high_level import extract_pages, extract_text

from polyadmin.documents.specimen_kinds import SPECIMEN_KINDS
from polyadmin.documents.specimens import FOOTER, LAYOUTS, render_specimen
from polyadmin.domain.amortisation import InvalidLoan, amortisation_schedule, monthly_payment

ISSUED = date(2026, 3, 2)

SAMPLES: dict[str, dict[str, Any]] = {
    "releve_information": {
        "insurer": "Mutuelle Armoricaine d'Assurances",
        "insurer_address": "12 quai de la Fosse, 44000 Nantes",
        "policy_number": "AUT-2019-004512",
        "subscription_date": "2019-04-01",
        "subscriber": "Hélène Lefèvre",
        "subscriber_birth_date": "1984-07-14",
        "subscriber_address": "5 rue des Écoles, 35000 Rennes",
        "drivers": [
            {
                "name": "Hélène Lefèvre",
                "birth_date": "1984-07-14",
                "licence_number": "840735100123",
                "licence_date": "2003-09-18",
                "role": "principal",
            },
            {"name": "Jérôme Lefèvre", "birth_date": "1982-02-03", "licence_date": "2001-05-22"},
        ],
        "registration": "GH-417-KL",
        "vehicle": "Peugeot 308",
        "period_start": "2025-04-01",
        "period_end": "2026-03-31",
        "last_due_date": "2025-04-01",
        "crm": "0.85",
        "claims": [
            {"date": "2023-11-12", "nature": "accident", "liability": "full", "driver": "Jérôme Lefèvre"},
            {"date": "2024-06-30", "nature": "bris_glace", "liability": "none", "driver": "Hélène Lefèvre"},
        ],
        "termination_date": "2026-03-31",
        "terminated_by": "insured",
        "termination_reason": "echeance",
    },
    "certificat_immatriculation": {
        "registration": "GH-417-KL",
        "first_registration": "2021-06-15",
        "holder_name": "LEFÈVRE Hélène",
        "holder_address": "5 rue des Écoles, 35000 Rennes",
        "owner_mention": "oui",
        "make": "PEUGEOT",
        "type_variant": "MPE1234ABC",
        "model": "308",
        "vin": "VF3ABCDEF12345678",
        "max_mass_kg": 1850,
        "certificate_date": "2022-01-10",
        "national_category": "VP",
        "body": "CI",
        "displacement_cc": 1199,
        "power_kw": 96,
        "energy": "ES",
        "fiscal_power": 6,
        "seats": 5,
        "co2": 128,
        "environment_class": "EURO6",
        "inspection_date": "2025-06-14",
    },
    "justificatif_domicile": {
        "issuer": "Énergie Bretonne Fictive",
        "issuer_address": "BP 400, 29200 Brest",
        "document_type": "Facture d'électricité",
        "customer_number": "EBF-55012",
        "holder": "Hélène Lefèvre",
        "address_line1": "5 rue des Écoles",
        "postcode": "35000",
        "city": "Rennes",
        "period_start": "2026-01-01",
        "period_end": "2026-02-28",
        "amount": "1234.56",
    },
    "kbis": {
        "registry": "Lyon",
        "company_name": "Boulangerie Pâtissière Dupré SARL",
        "siren": "732829320",
        "rcs": "RCS Lyon 732 829 320",
        "registration_date": "2015-09-01",
        "legal_form": "Société à responsabilité limitée",
        "share_capital": "15000",
        "address": "8 place Bellecour, 69002 Lyon",
        "activity": "Boulangerie et boulangerie-pâtisserie",
        "naf_code": "10.71C",
        "start_of_activity": "2015-09-15",
        "director": "Dupré François",
        "director_role": "Gérant",
        "director_birth_date": "1975-12-01",
    },
    "tableau_amortissement": {
        "lender": "Banque Coopérative de l'Ouest",
        "borrower": "Hélène et Jérôme Lefèvre",
        "loan_number": "PR-778120",
        "purpose": "Résidence principale",
        "capital": "200000.00",
        "rate_percent": "3.5",
        "duration_months": 240,
        "first_due_date": "2026-01-31",
        "insured_share_percent": "50",
    },
    "permis_conduire": {
        "surname": "LEFÈVRE",
        "given_names": "Hélène Marie",
        "birth_date": "1984-07-14",
        "birth_place": "Quimper (29)",
        "authority": "Préfecture d'Ille-et-Vilaine",
        "licence_number": "840735100123",
        "categories": [
            {"category": "AM", "obtained_on": "1998-07-20"},
            {"category": "B", "obtained_on": "2003-09-18", "valid_until": "2033-09-18"},
        ],
    },
    "piece_identite": {
        "document_type": "Carte nationale d'identité",
        "document_number": "X4RTBPFW4",
        "surname": "LEFÈVRE",
        "given_names": "Hélène, Marie",
        "sex": "F",
        "nationality": "Française",
        "birth_date": "1984-07-14",
        "birth_place": "Quimper (29)",
        "issuing_authority": "Préfecture d'Ille-et-Vilaine",
    },
    "mandat_sepa": {
        "bank": "Banque Coopérative de l'Ouest",
        "branch": "Agence de Rennes République",
        "holder": "Mme Hélène Lefèvre",
        "holder_address": "5 rue des Écoles, 35000 Rennes",
        "iban": "FR7630006000011234567890189",
        "bic": "AGRIFRPPXXX",
        "creditor": "Polyadmin Assurances",
        "creditor_address": "1 place de la Formation, 75000 Paris",
        "creditor_identifier": "FR43ZZZ654321",
        "mandate_reference": "RUM-CL-000004-20260302",
        "payment_type": "Récurrent",
        "signed_at": "Rennes",
        "signature_date": "2026-03-02",
        "signature": "Hélène Lefèvre",
    },
    "attestation_aac": {
        "school": "École de conduite du Centre — Grenoble",
        "school_address": "38000 Grenoble",
        "school_approval": "E 38 038000 0",
        "student": "ROYER Lucas",
        "student_birth_date": "2007-01-20",
        "training_start": "2023-03-30",
        "training_end": "2023-06-30",
        "driving_hours": 22,
        "companions": "ROYER Claire",
        "companion_licence_years": 24,
        "insurer_agreement": "oui",
    },
    "fiche_standardisee": {
        "lender": "Société Générale",
        "borrower": "ROUX Nathalie",
        "loan_purpose": "residence_principale",
        "capital": "380000",
        "duration_months": 300,
        "required_guarantees": "Décès, PTIA, ITT, IPT",
        "insured_share_percent": "100",
        "equivalence_criteria": "Franchise ITT de 90 jours au plus",
        "group_contract_cost": "0.34",
        "group_contract_monthly": "107.67",
    },
    "liasse_fiscale": {
        "company_name": "Brasserie des Halles",
        "siren": "842319576",
        "naf_code": "56.10A",
        "tax_regime": "Réel normal",
        "fiscal_year_start": "2024-01-01",
        "fiscal_year_end": "2024-12-31",
        "turnover": "1850000",
        "operating_result": "111000",
        "net_result": "74000",
        "staff": 18,
        "equity": "210000",
    },
    "verifications_securite": {
        "organism": "Bureau de Vérifications Électriques de l'Est",
        "organism_certificate": "Certificat Q18 n° 18-000-0042",
        "verifier": "J. Schmitt",
        "site": "Brasserie des Halles",
        "site_address": "6 place des Halles, 67000 Strasbourg",
        "verification_date": "2025-11-14",
        "observations": [
            {"item": "Tableau général basse tension", "observation": "Conforme", "priority": "—"},
            {"item": "Hotte d'extraction", "observation": "Échauffement d'un bornier", "priority": "1 (immédiat)"},
        ],
        "conclusion": "Mise en conformité des points de priorité 1.",
        "next_verification": "2026-11-14",
    },
}

EXPECTED: dict[str, list[str]] = {
    "releve_information": [
        "Relevé d'information",
        "GH-417-KL",
        "0,85",
        "Hélène Lefèvre",
        "Mutuelle Armoricaine",
        "12/11/2023",
        "Responsable (100 %)",
        "Non responsable (0 %)",
        "Bris de glace",
        "Résiliation à l'échéance",
        "l'assuré",
        "Informations arrêtées au 02/03/2026",
    ],
    "certificat_immatriculation": [
        "GH-417-KL",
        "15/06/2021",
        "LEFÈVRE Hélène",
        "PEUGEOT",
        "D.3 Dénomination commerciale",
        "P.3",
        "ES",
        "V.7",
        "128",
        "1 850",
        "X.1",
    ],
    "justificatif_domicile": ["Énergie Bretonne Fictive", "Facture d'électricité", "1 234,56 €", "35000", "Rennes"],
    "kbis": [
        "Extrait Kbis",
        "Boulangerie Pâtissière Dupré SARL",
        "732829320",
        "15 000,00 €",
        "10.71C",
        "Gérant",
        "à jour au 02/03/2026",
    ],
    "tableau_amortissement": [
        "Banque Coopérative de l'Ouest",
        "200 000,00 €",
        "3,5 %",
        "1 159,92 €",
        "583,33 €",
        "576,59 €",
        "199 423,41 €",
        "1 159,78 €",
        "31/12/2045",
        "Total",
    ],
    "permis_conduire": ["LEFÈVRE", "Hélène Marie", "Quimper (29)", "18/09/2003", "840735100123", "AM"],
    "piece_identite": ["Carte nationale d'identité", "X4RTBPFW4", "Française", "14/07/1984", "Date d'expiration"],
    "mandat_sepa": [
        "RIB et mandat de prélèvement SEPA",
        "FR76 3000 6000 0112 3456 7890 189",
        "AGRIFRPPXXX",
        "30006",
        "00001",
        "12345678901",
        "Mme Hélène",
        "FR43ZZZ654321",
        "RUM-CL-000004-20260302",
        "Polyadmin Assurances",
        "Récurrent",
        "02/03/2026",
    ],
    "attestation_aac": [
        "Attestation de fin de formation initiale",
        "Apprentissage anticipé de la conduite",
        "ROYER Lucas",
        "20/01/2007",
        "30/06/2023",
        "22",
        "ROYER Claire",
        "E 38 038000 0",
    ],
    "fiche_standardisee": [
        "Fiche standardisée d'information",
        "Société Générale",
        "380 000,00 €",
        "300",
        "Décès, PTIA, ITT, IPT",
        "Quotité exigée",
        "100 %",
        "Franchise ITT de 90 jours au plus",
        "0,34 %",
    ],
    "liasse_fiscale": [
        "Liasse fiscale",
        "Brasserie des Halles",
        "842319576",
        "31/12/2024",
        "1 850 000,00 €",
        "74 000,00 €",
        "Effectif moyen du personnel",
        "18",
    ],
    "verifications_securite": [
        "Q18",
        "Bureau de Vérifications Électriques de",
        "14/11/2025",
        "Échauffement d'un bornier",
        "1 (immédiat)",
        "Mise en conformité des points de priorité 1.",
        "14/11/2026",
    ],
}


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with every kind of space made plain (Babel's French amounts use no-break spaces)."""
    return re.sub(r"[\u00a0\u202f]", " ", extract_text(BytesIO(pdf)))


def page_texts(pdf: bytes) -> list[str]:
    texts = []
    for page in extract_pages(BytesIO(pdf)):
        texts.append("".join(element.get_text() for element in page if hasattr(element, "get_text")))
    return texts


def render(kind: str, data: Any, valid_until: date | None = None) -> bytes:
    return render_specimen(kind, f"Pièce : {SPECIMEN_KINDS[kind].title}", ISSUED, valid_until, data)


def test_every_kind_of_the_reference_has_a_layout_and_a_sample() -> None:
    assert set(LAYOUTS) == set(SPECIMEN_KINDS) == set(SAMPLES) == set(EXPECTED)


def test_the_samples_use_only_keys_of_the_reference() -> None:
    for kind, data in SAMPLES.items():
        assert set(data) <= set(SPECIMEN_KINDS[kind].keys), kind


@pytest.mark.parametrize("kind", sorted(SPECIMEN_KINDS))
def test_each_kind_renders_its_values_in_french_with_the_specimen_marks(kind: str) -> None:
    pdf = render(kind, SAMPLES[kind], valid_until=date(2031, 3, 1))
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "SPECIMEN" in text
    assert FOOTER in text
    for expected in EXPECTED[kind]:
        assert expected in text, f"{kind}: {expected!r} missing"


@pytest.mark.parametrize("kind", sorted(SPECIMEN_KINDS))
def test_each_kind_is_byte_identical_for_the_same_input(kind: str) -> None:
    assert render(kind, SAMPLES[kind]) == render(kind, SAMPLES[kind])


@pytest.mark.parametrize("kind", sorted(SPECIMEN_KINDS))
def test_missing_data_prints_dashes_and_never_fails(kind: str) -> None:
    text = pdf_text(render(kind, {}))
    assert "SPECIMEN" in text
    assert "—" in text


def test_a_long_document_is_marked_specimen_on_every_page() -> None:
    data = dict(SAMPLES["releve_information"])
    data["claims"] = [
        {"date": f"20{20 + n % 5}-0{1 + n % 9}-1{n % 9}", "nature": "accident", "liability": "partial"}
        for n in range(120)
    ]
    pages = page_texts(render("releve_information", data))
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert "SPECIMEN" in text and FOOTER in text, f"page {number}"
        assert f"Page {number} sur {len(pages)}" in text


def test_the_relevé_prints_a_crm_of_one_with_two_decimals_and_lists_no_claim_as_néant() -> None:
    data = {**SAMPLES["releve_information"], "crm": "1", "claims": []}
    text = pdf_text(render("releve_information", data))
    assert "1,00" in text
    assert "Néant" in text


def test_wrongly_shaped_values_print_as_written() -> None:
    data = {
        "registration": ["GH", 417],
        "first_registration": "31/02/2021",
        "co2": "beaucoup",
        "seats": {"avant": 2},
        "unexpected": "ignored",
    }
    text = pdf_text(render("certificat_immatriculation", data))
    assert "GH, 417" in text
    assert "31/02/2021" in text
    assert "beaucoup" in text
    assert "ignored" not in text


def test_an_unknown_kind_prints_its_data_as_a_list() -> None:
    pdf = render_specimen("attestation_employeur", "Attestation d'employeur", ISSUED, None, {"employeur": "Café Noël"})
    text = pdf_text(pdf)
    assert "SPECIMEN" in text and "Café Noël" in text and "Attestation d'employeur" in text


def test_a_loan_that_cannot_be_computed_prints_its_characteristics_only() -> None:
    data = {**SAMPLES["tableau_amortissement"], "rate_percent": "abc", "duration_months": -3}
    text = pdf_text(render("tableau_amortissement", data))
    assert "Tableau non calculable" in text
    assert "200 000,00 €" in text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=60) | st.floats(allow_nan=True),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(SPECIMEN_KINDS)),
    overrides=st.dictionaries(
        st.sampled_from(sorted({k for v in SPECIMEN_KINDS.values() for k in v.keys})), json_values
    ),
)
def test_any_json_data_renders(kind: str, overrides: dict[str, Any]) -> None:
    assert render(kind, {**SAMPLES[kind], **overrides}).startswith(b"%PDF-")


def test_data_that_is_not_an_object_renders_as_empty() -> None:
    assert "SPECIMEN" in pdf_text(render("mandat_sepa", None))
    assert "SPECIMEN" in pdf_text(render("mandat_sepa", ["FR76"]))


# --- the amortisation schedule ---------------------------------------------------------------------


def test_the_schedule_of_a_home_loan_matches_the_annuity_and_sums_exactly_to_the_capital() -> None:
    rows = amortisation_schedule(Decimal("200000.00"), Decimal("3.5"), 240, date(2026, 1, 31))
    assert monthly_payment(Decimal("200000.00"), Decimal("3.5"), 240) == Decimal("1159.92")
    assert len(rows) == 240
    assert sum(row.principal for row in rows) == Decimal("200000.00")
    assert rows[0].interest == Decimal("583.33") and rows[0].principal == Decimal("576.59")
    assert rows[1].due_date == date(2026, 2, 28)  # the 31st kept as the month allows
    assert rows[-1].due_date == date(2045, 12, 31)
    assert rows[-1].remaining == Decimal("0.00")
    assert all(row.payment == Decimal("1159.92") for row in rows[:-1])
    assert rows[-1].payment == Decimal("1159.78")


def test_a_zero_rate_loan_splits_the_capital_and_the_last_row_takes_the_cent() -> None:
    rows = amortisation_schedule(Decimal("1000.00"), Decimal("0"), 3)
    assert [row.payment for row in rows] == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
    assert all(row.interest == 0 for row in rows)


@pytest.mark.parametrize(
    ("capital", "rate", "months"),
    [
        (Decimal("0"), Decimal("2"), 12),
        (Decimal("100.001"), Decimal("2"), 12),
        (Decimal("100"), Decimal("-1"), 12),
        (Decimal("100"), Decimal("1"), 0),
    ],
)
def test_an_impossible_loan_is_refused(capital: Decimal, rate: Decimal, months: int) -> None:
    with pytest.raises(InvalidLoan):
        amortisation_schedule(capital, rate, months)


@settings(max_examples=200, deadline=None)
@given(
    cents=st.integers(min_value=1, max_value=200_000_000),
    rate=st.decimals(min_value=0, max_value=25, places=3),
    months=st.integers(min_value=1, max_value=360),
)
def test_the_principals_always_sum_exactly_to_the_capital(cents: int, rate: Decimal, months: int) -> None:
    capital = Decimal(cents) / 100
    rows = amortisation_schedule(capital, rate, months)
    assert sum(row.principal for row in rows) == capital
    assert rows[-1].remaining == 0
    assert all(row.remaining >= 0 and row.interest >= 0 for row in rows)
    assert sum(row.payment for row in rows) == capital + sum(row.interest for row in rows)
