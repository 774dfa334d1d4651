"""Novice driver surcharge: Code des assurances, art. A121-1-1.

Sources of the hand-worked figures:
- A121-1-1: at most 100 % of the reference premium, 50 % after « apprentissage anticipé de la
  conduite »; « réduite de la moitié de son taux initial après chaque année, consécutive ou non,
  sans sinistre engageant la responsabilité »;
- service-public.fr, fiche F2663 « Assurance auto : jeune conducteur et surprime »: 100 % the first
  year, 50 % after one year without at-fault claim, 25 % after two, none after three; with AAC
  50 %, 25 %, then none.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.errors import InvalidInput
from polyadmin.domain.french import percent_text
from polyadmin.domain.novice_surcharge import novice_surcharge, novice_surcharge_percent

D = Decimal


def test_one_claim_free_year_halves_100_to_50():
    assert novice_surcharge_percent(1, False, 1) == Decimal("50")


@pytest.mark.parametrize(
    ("years", "expected"),
    [(0, "100"), (1, "50"), (2, "25"), (3, "0"), (4, "0")],
)
def test_claim_free_years_give_the_service_public_ladder_100_50_25_0(years, expected):
    # F2663, « cas général »: 1re année 100 %, 2e 50 %, 3e 25 %, 4e plus de surprime.
    assert novice_surcharge_percent(years, False, years) == D(expected)


@pytest.mark.parametrize(("years", "expected"), [(0, "50"), (1, "25"), (2, "0"), (3, "0")])
def test_accompanied_driving_starts_at_50_and_ends_after_two_years(years, expected):
    # A121-1-1: ceiling 50 % for AAC; F2663: 50 %, 25 %, then none.
    assert novice_surcharge_percent(years, True, years) == D(expected)


def test_a_year_with_an_at_fault_claim_does_not_halve_the_surcharge():
    # A121-1-1: halved after each year « sans sinistre engageant la responsabilité » only.
    assert novice_surcharge_percent(1, False, 0) == D("100")
    assert novice_surcharge_percent(2, False, 1) == D("50")
    result = novice_surcharge(2, False, 1)
    assert "1 année avec sinistre responsable : pas de réduction" in result.rule


def test_claim_free_years_need_not_be_consecutive_so_claims_push_the_end_back():
    # « après chaque année, consécutive ou non »: 3 years, 2 without claim → 25 %; a 4th clean year ends it.
    assert novice_surcharge_percent(3, False, 2) == D("25")
    assert novice_surcharge_percent(4, False, 3) == D("0")
    assert novice_surcharge_percent(5, False, 2) == D("25")


def test_insurer_rate_below_the_ceiling_is_halved_the_same_way():
    assert novice_surcharge_percent(0, False, 0, maximum_percent=D("75")) == D("75")
    assert novice_surcharge_percent(2, False, 2, maximum_percent=D("75")) == D("18.75")


def test_accompanied_driving_ceiling_applies_to_a_higher_insurer_rate():
    assert novice_surcharge_percent(0, True, 0, maximum_percent=D("80")) == D("50")
    assert novice_surcharge_percent(0, True, 0, maximum_percent=D("40")) == D("40")


def test_rule_explains_the_first_year_and_cites_the_article():
    result = novice_surcharge(0, False, 0)
    assert result.percent == D("100")
    assert result.rule.startswith("Surprime de première année de 100 % (100 % au plus)")
    assert "A121-1-1" in result.rule


def test_rule_says_when_the_surcharge_has_disappeared():
    result = novice_surcharge(2, True, 2)
    assert result.percent == 0
    assert "Conduite accompagnée (AAC)" in result.rule and "disparaît après 2 années" in result.rule


def test_more_claim_free_years_than_years_licensed_is_refused():
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(1, False, 2)
    assert "claim_free_years" in caught.value.field_errors


@pytest.mark.parametrize(
    ("args", "field"),
    [((-1, False, 0), "years_licensed"), ((1, False, -1), "claim_free_years"), ((True, False, 0), "years_licensed")],
)
def test_negative_or_non_integer_counts_are_refused(args, field):
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(*args)
    assert field in caught.value.field_errors


@pytest.mark.parametrize("rate", ["-1", "100.01", "NaN"])
def test_insurer_rate_outside_0_100_is_refused(rate):
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(0, False, 0, maximum_percent=D(rate))
    assert "maximum_percent" in caught.value.field_errors


@pytest.mark.parametrize(("value", "text"), [("100", "100 %"), ("50", "50 %"), ("12.5", "12,5 %"), ("0", "0 %")])
def test_percent_text_is_french(value, text):
    assert percent_text(D(value)) == text


@given(st.integers(0, 30), st.data(), st.booleans())
def test_surcharge_never_exceeds_its_ceiling_and_never_grows_with_a_clean_year(years, data, accompanied):
    clean = data.draw(st.integers(0, years))
    percent = novice_surcharge_percent(years, accompanied, clean)
    assert D(0) <= percent <= (D(50) if accompanied else D(100))
    assert novice_surcharge_percent(years + 1, accompanied, clean + 1) <= percent


# --- boundaries a wrong rule would cross (found by mutation testing, `make mutation`) -------------


@pytest.mark.parametrize("value", [True, False, 1.0, "1", None, -1])
def test_counts_must_be_whole_numbers_field_by_field(value):
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(value, False, value)  # type: ignore[arg-type]
    assert caught.value.field_errors == {
        "years_licensed": ["Années de permis : nombre entier positif ou nul attendu."],
        "claim_free_years": ["Années sans sinistre responsable : nombre entier positif ou nul attendu."],
    }


def test_counts_are_bounded_at_100_years():
    assert novice_surcharge_percent(100, False, 100) == D(0)
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(101, False, 101)
    assert caught.value.field_errors == {
        "years_licensed": ["Années de permis : 100 au maximum."],
        "claim_free_years": ["Années sans sinistre responsable : 100 au maximum."],
    }


def test_as_many_claim_free_years_as_years_licensed_is_accepted_one_more_is_not():
    assert novice_surcharge_percent(2, False, 2) == D(25)
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(2, False, 3)
    assert caught.value.field_errors == {
        "claim_free_years": [
            "Le nombre d'années sans sinistre responsable ne peut pas dépasser le nombre d'années de permis."
        ]
    }


def test_claim_free_years_are_compared_with_the_licence_only_when_both_counts_are_valid():
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(-1, False, 5)
    assert list(caught.value.field_errors) == ["years_licensed"]


@pytest.mark.parametrize("rate", ["0", "100", "0.01", "99.99"])
def test_insurer_rates_from_0_to_100_included_are_accepted(rate):
    assert novice_surcharge_percent(0, False, 0, maximum_percent=D(rate)) == D(rate)


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        (D("-0.01"), "La surprime est comprise entre 0 et 100 % de la prime de référence (A121-1-1)."),
        (D("100.01"), "La surprime est comprise entre 0 et 100 % de la prime de référence (A121-1-1)."),
        (D("Infinity"), "Taux invalide : nombre décimal attendu."),
        (50, "Taux invalide : nombre décimal attendu."),
        (50.0, "Taux invalide : nombre décimal attendu."),
    ],
)
def test_insurer_rate_errors_say_why(rate, message):
    with pytest.raises(InvalidInput) as caught:
        novice_surcharge_percent(0, False, 0, maximum_percent=rate)
    assert caught.value.field_errors == {"maximum_percent": [message]}


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        (
            (0, False, 0),
            "Surprime de première année de 100 % (100 % au plus) ; 1re année d'assurance, pas encore de réduction"
            " (article A121-1-1 du Code des assurances).",
        ),
        (
            (2, False, 0),
            "Surprime de première année de 100 % (100 % au plus) ; aucune année sans sinistre responsable, pas de"
            " réduction ; 2 années avec sinistre responsable : pas de réduction pour elles"
            " (article A121-1-1 du Code des assurances).",
        ),
        (
            (1, True, 1),
            "Conduite accompagnée (AAC) : surprime de première année de 50 % (50 % au plus) ; réduite de moitié"
            " après chaque année sans sinistre responsable : 1 année, soit 25 % (article A121-1-1 du Code des"
            " assurances).",
        ),
        (
            (4, False, 2),
            "Surprime de première année de 100 % (100 % au plus) ; réduite de moitié après chaque année sans"
            " sinistre responsable : 2 années, soit 25 % ; 2 années avec sinistre responsable : pas de réduction"
            " pour elles (article A121-1-1 du Code des assurances).",
        ),
        (
            (5, False, 3),
            "Surprime de première année de 100 % (100 % au plus) ; elle disparaît après 3 années sans sinistre"
            " responsable (ici 3) : 0 % (article A121-1-1 du Code des assurances).",
        ),
    ],
)
def test_the_rule_is_written_out_in_full(args, rule):
    assert novice_surcharge(*args).rule == rule


def test_the_percentage_is_a_decimal_halved_exactly():
    # 75 % first year: 37,5 % then 18,75 % (A121-1-1, « réduite de la moitié de son taux initial »).
    assert novice_surcharge(1, False, 1, maximum_percent=D("75")).percent == D("37.5")
    assert "soit 37,5 %" in novice_surcharge(1, False, 1, maximum_percent=D("75")).rule


def test_one_year_with_a_claim_is_written_in_the_singular():
    assert novice_surcharge(2, False, 1).rule == (
        "Surprime de première année de 100 % (100 % au plus) ; réduite de moitié après chaque année sans sinistre"
        " responsable : 1 année, soit 50 % ; 1 année avec sinistre responsable : pas de réduction pour elle"
        " (article A121-1-1 du Code des assurances)."
    )
