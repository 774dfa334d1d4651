"""Bonus-malus (CRM): Code des assurances, art. A121-1 and its annex (clause type de réduction-majoration).

Sources of the hand-worked figures:
- annex art. 4 (× 0,95 per claim-free period, « arrêté à la deuxième décimale et arrondi par
  défaut », 0,93 for « tournées », floor 0,50, first claim after 3 years at 0,50 not counted);
- annex art. 5 (× 1,25 per claim on « le coefficient obtenu », half for partial liability,
  1,20 for « tournées », cap 3,50, at most 1 after two consecutive claim-free years);
- annex art. 6 and 7 (claims that never raise it);
- service-public.fr, fiche F2655 « Bonus-malus en assurance auto » (examples 0,68 → 0,85 → 1,06;
  1 → 0,95 → 0,90 → 0,85…; return to 1 after two years; 0,50 for 3 years keeps 0,50).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from polyadmin.domain.bonus_malus import (
    Claim,
    ClaimYear,
    assess_claim,
    claim_year,
    crm_after,
    reference_period,
    truncate_crm,
)
from polyadmin.domain.errors import InvalidInput

D = Decimal
FREE = ClaimYear()


def trail(crm: str, years: list[ClaimYear], **kwargs) -> list[str]:
    return [str(step.crm) for step in crm_after(D(crm), years, **kwargs).steps]


# --- truncation (annex art. 4 and 5: « arrêté à la deuxième décimale et arrondi par défaut ») -----


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.9025", "0.90"),  # 0,95 × 0,95
        ("0.855", "0.85"),  # 0,90 × 0,95
        ("1.5625", "1.56"),  # 1,25 × 1,25
        ("0.999999", "0.99"),  # never rounded up
        ("1.25", "1.25"),
        ("0.5", "0.50"),
    ],
)
def test_truncate_crm_cuts_after_the_second_decimal_never_rounds_up(value, expected):
    assert str(truncate_crm(D(value))) == expected


# --- claim-free periods (annex art. 4; service-public F2655: 1 → 0,95 → 0,90 → 0,85 …) ------------


def test_claim_free_years_follow_the_service_public_ladder():
    # F2655: 1,00 ; 0,95 ; 0,90 ; 0,85 ; 0,80 ; 0,76 ; 0,72 ; 0,68 ; 0,64 ; 0,60 ; 0,57 ; 0,54 ; 0,51 ; 0,50
    assert trail("1.00", [FREE] * 13) == [
        "0.95", "0.90", "0.85", "0.80", "0.76", "0.72", "0.68", "0.64", "0.60", "0.57", "0.54", "0.51", "0.50",
    ]  # fmt: skip


def test_thirteen_claim_free_years_reach_the_050_floor_and_stay_there():
    # Annex art. 4: « ne peut être inférieur à 0,50 »; 0,51 × 0,95 = 0,4845 → 0,48 → 0,50.
    result = crm_after(D("0.51"), [FREE, FREE])
    assert result.crm == D("0.50")
    assert "plancher" in result.steps[0].rule


def test_first_claim_free_year_explains_the_product_in_french():
    step = crm_after(D("1.00"), [FREE]).steps[0]
    assert step.crm == D("0.95")
    assert step.rule == "Année 1 sans sinistre responsable : 1,00 × 0,95 = 0,95."


def test_truncation_is_written_in_the_step():
    # 0,95 × 0,95 = 0,9025 → 0,90 (annex art. 4).
    step = crm_after(D("0.95"), [FREE]).steps[0]
    assert step.crm == D("0.90")
    assert "0,95 × 0,95 = 0,9025, arrondi par défaut à 0,90" in step.rule


def test_crm_is_quantised_to_two_decimals_on_output():
    assert str(crm_after(D("1"), []).crm) == "1.00"
    assert str(crm_after(D("1"), [FREE]).crm) == "0.95"


# --- claims (annex art. 5) ----------------------------------------------------------------------


def test_one_at_fault_claim_raises_100_to_125():
    # Annex art. 5: « majore le coefficient de 25 % ».
    result = crm_after(D("1.00"), [ClaimYear(at_fault=1)])
    assert result.crm == D("1.25")


def test_two_claims_in_a_year_apply_successively_with_truncation():
    # Annex art. 5: the second claim raises « le coefficient obtenu »: 1,00 → 1,25 → 1,5625 → 1,56.
    result = crm_after(D("1.00"), [ClaimYear(at_fault=2)])
    assert result.crm == D("1.56")
    assert "1,00 × 1,25 = 1,25 ; 1,25 × 1,25 = 1,5625, arrondi par défaut à 1,56" in result.steps[0].rule


def test_service_public_example_068_then_two_accidents():
    # F2655: « 0,68 × 1,25 = 0,85 » then a second accident « 0,85 × 1,25 = 1,06 ».
    assert crm_after(D("0.68"), [ClaimYear(at_fault=1)]).crm == D("0.85")
    assert crm_after(D("0.68"), [ClaimYear(at_fault=2)]).crm == D("1.06")


def test_truncation_applies_after_each_claim_not_once_at_the_end():
    # 0,95 × 1,25 = 1,1875 → 1,18 ; 1,18 × 1,25 = 1,475 → 1,47 (once at the end it would be 1,48).
    assert crm_after(D("0.95"), [ClaimYear(at_fault=2)]).crm == D("1.47")


def test_partial_liability_raises_by_half_the_increase():
    # Annex art. 5: « la majoration est réduite de moitié » when liability is only partly engaged: × 1,125.
    assert crm_after(D("1.00"), [ClaimYear(partial=1)]).crm == D("1.12")  # 1,125 → 1,12
    assert crm_after(D("0.80"), [ClaimYear(partial=1)]).crm == D("0.90")  # 0,80 × 1,125 = 0,9


def test_at_fault_claims_are_applied_before_partial_ones():
    # 1,00 × 1,25 = 1,25 ; 1,25 × 1,125 = 1,40625 → 1,40.
    step = crm_after(D("1.00"), [ClaimYear(at_fault=1, partial=1)]).steps[0]
    assert step.crm == D("1.40")
    assert step.rule.index("× 1,25") < step.rule.index("× 1,125")


def test_a_year_with_a_claim_brings_no_reduction():
    # Annex art. 4: the reduction follows a period « sans sinistre » only: 0,95 with one claim → 1,18.
    assert crm_after(D("0.95"), [ClaimYear(at_fault=1)]).crm == D("1.18")  # 1,1875


def test_cap_is_350_whatever_the_number_of_claims():
    # Annex art. 5: « En aucun cas … supérieur à 3,50 ». 3,00 × 1,25 = 3,75 → 3,50.
    result = crm_after(D("3.00"), [ClaimYear(at_fault=5)])
    assert result.crm == D("3.50")
    assert "plafond" in result.steps[0].rule
    assert crm_after(D("1.00"), [ClaimYear(at_fault=99, partial=99)]).crm == D("3.50")


def test_six_at_fault_claims_from_100_hit_the_cap():
    # 1,25 ; 1,56 ; 1,95 ; 2,43 ; 3,03 ; 3,78 → 3,50 (truncation after each claim).
    assert trail("1.00", [ClaimYear(at_fault=n) for n in (1,)]) == ["1.25"]
    assert crm_after(D("1.00"), [ClaimYear(at_fault=5)]).crm == D("3.03")
    assert crm_after(D("1.00"), [ClaimYear(at_fault=6)]).crm == D("3.50")


# --- return to 1 (annex art. 5, last sentence) --------------------------------------------------


def test_malus_156_comes_back_to_100_after_two_claim_free_years():
    # 1,56 × 0,95 = 1,482 → 1,48 ; 1,48 × 0,95 = 1,406 → 1,40, capped at 1,00 after two claim-free years.
    result = crm_after(D("1.56"), [FREE, FREE])
    assert [step.crm for step in result.steps] == [D("1.48"), D("1.00")]
    assert "ramené à 1,00" in result.steps[1].rule


def test_one_claim_free_year_is_not_enough_to_come_back_to_1():
    assert crm_after(D("1.56"), [FREE]).crm == D("1.48")


def test_the_two_claim_free_years_must_be_consecutive():
    # 1,56 → 1,48 → (claim) 1,85 → 1,75 : no two consecutive claim-free periods.
    assert trail("1.56", [FREE, ClaimYear(at_fault=1), FREE]) == ["1.48", "1.85", "1.75"]


def test_return_to_1_does_not_touch_a_bonus():
    assert crm_after(D("0.80"), [FREE, FREE]).crm == D("0.72")  # 0,76 then 0,722 → 0,72


# --- first claim after three years at 0,50 (annex art. 4) ---------------------------------------


def test_first_claim_after_three_years_at_floor_keeps_050():
    # F2655: « Si vous avez un coefficient de 0,50 depuis au moins 3 ans, le 1er accident responsable
    # qui survient n'entraîne pas l'application du malus. »
    result = crm_after(D("0.50"), [ClaimYear(at_fault=1)], years_at_floor=3)
    assert result.crm == D("0.50")
    assert "aucune majoration" in result.steps[0].rule


def test_claim_in_the_third_year_at_floor_is_not_forgiven():
    # Two whole periods at 0,50 before it: the claim is not « après une période d'au moins trois ans ».
    assert crm_after(D("0.50"), [ClaimYear(at_fault=1)], years_at_floor=2).crm == D("0.62")  # 0,625


def test_years_at_floor_keep_counting_along_the_given_years():
    # 1 year before + 2 claim-free years at 0,50 = 3 years: the claim of the 3rd period given is forgiven.
    assert trail("0.50", [FREE, FREE, ClaimYear(at_fault=1)], years_at_floor=1) == ["0.50", "0.50", "0.50"]


def test_years_reaching_the_floor_count_only_from_the_first_year_spent_at_050():
    # 0,52 → 0,50 (that year was spent at 0,52), then two years at 0,50: only 2 years at the floor.
    assert trail("0.52", [FREE, FREE, FREE, ClaimYear(at_fault=1)]) == ["0.50", "0.50", "0.50", "0.62"]
    assert trail("0.52", [FREE, FREE, FREE, FREE, ClaimYear(at_fault=1)])[-1] == "0.50"


def test_only_the_first_claim_is_forgiven_the_second_one_counts():
    # 0,50 : first claim forgiven, second × 1,25 = 0,625 → 0,62.
    assert crm_after(D("0.50"), [ClaimYear(at_fault=2)], years_at_floor=5).crm == D("0.62")


def test_the_exemption_is_used_once_then_three_new_years_at_floor_are_needed():
    years = [ClaimYear(at_fault=1), FREE, ClaimYear(at_fault=1)]
    assert trail("0.50", years, years_at_floor=3) == ["0.50", "0.50", "0.62"]


# --- usage « tournées » (annex art. 4 and 5) ------------------------------------------------------


def test_tournees_reduce_by_7_percent():
    # 1,00 × 0,93 = 0,93 ; 0,93 × 0,93 = 0,8649 → 0,86 ; 0,86 × 0,93 = 0,7998 → 0,79.
    assert trail("1.00", [FREE] * 3, usage="tournees") == ["0.93", "0.86", "0.79"]


def test_tournees_raise_by_20_percent_and_10_for_partial_liability():
    assert crm_after(D("1.00"), [ClaimYear(at_fault=1)], usage="tournees").crm == D("1.20")
    assert crm_after(D("1.00"), [ClaimYear(at_fault=2)], usage="tournees").crm == D("1.44")
    assert crm_after(D("1.00"), [ClaimYear(partial=1)], usage="tournees").crm == D("1.10")
    assert crm_after(D("0.93"), [ClaimYear(partial=1)], usage="tournees").crm == D("1.02")  # 1,023


def test_tournees_floor_is_also_050():
    assert crm_after(D("0.53"), [FREE], usage="tournees").crm == D("0.50")  # 0,4929


# --- steps ------------------------------------------------------------------------------------------


def test_one_step_per_reference_period_in_order():
    result = crm_after(D("1.00"), [FREE, ClaimYear(at_fault=1), FREE])
    assert [step.crm for step in result.steps] == [D("0.95"), D("1.18"), D("1.12")]
    assert [step.rule.split(" ")[1] for step in result.steps] == ["1", "2", "3"]
    assert result.crm == result.steps[-1].crm


def test_no_period_gives_the_coefficient_unchanged():
    assert crm_after(D("1.25"), []).crm == D("1.25")


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("crm", ["0.49", "3.51", "0", "-1"])
def test_coefficient_outside_050_350_is_refused(crm):
    with pytest.raises(InvalidInput) as caught:
        crm_after(D(crm), [])
    assert "entre 0,50 et 3,50" in caught.value.field_errors["crm"][0]


def test_coefficient_with_three_decimals_is_refused():
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("0.955"), [])
    assert list(caught.value.field_errors) == ["crm"]


def test_negative_counts_are_refused_by_field():
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("1"), [FREE, ClaimYear(at_fault=-1, partial=-2)])
    assert set(caught.value.field_errors) == {"years.1.at_fault", "years.1.partial"}


def test_unknown_usage_is_refused():
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("1"), [], usage="taxi")  # type: ignore[arg-type]
    assert "Usage inconnu" in caught.value.field_errors["usage"][0]


def test_years_at_floor_need_a_coefficient_of_050_and_are_not_negative():
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("0.60"), [], years_at_floor=3)
    assert "years_at_floor" in caught.value.field_errors
    with pytest.raises(InvalidInput):
        crm_after(D("0.50"), [], years_at_floor=-1)


# --- properties -----------------------------------------------------------------------------------

coefficients = st.integers(min_value=50, max_value=350).map(lambda cents: Decimal(cents) / 100)
claim_years = st.builds(ClaimYear, at_fault=st.integers(0, 4), partial=st.integers(0, 3))
usages = st.sampled_from(["standard", "tournees"])


@given(coefficients, st.lists(claim_years, max_size=15), usages)
def test_the_result_always_stays_within_050_and_350(crm, years, usage):
    result = crm_after(crm, years, usage=usage)
    assert Decimal("0.50") <= result.crm <= Decimal("3.50")
    assert all(Decimal("0.50") <= step.crm <= Decimal("3.50") for step in result.steps)
    assert result.crm == truncate_crm(result.crm)


@given(coefficients, st.integers(1, 20), usages)
def test_claim_free_years_never_increase_it(crm, count, usage):
    previous = crm
    for step in crm_after(crm, [FREE] * count, usage=usage).steps:
        assert step.crm <= previous
        previous = step.crm


@given(coefficients, claim_years.filter(lambda year: not year.claim_free), usages)
def test_a_counted_claim_never_lowers_it(crm, year, usage):
    assert crm_after(crm, [year], usage=usage).crm >= crm


# --- reference period (A121-1 annex: 12 months ending 2 months before the due date) ---------------


@pytest.mark.parametrize(
    ("due", "start", "end"),
    [
        (date(2026, 3, 1), date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2024, 11, 1), date(2025, 10, 31)),
        (date(2026, 3, 15), date(2025, 1, 15), date(2026, 1, 14)),
        (date(2026, 4, 30), date(2025, 2, 28), date(2026, 2, 27)),  # 30 Feb does not exist
        (date(2024, 4, 30), date(2023, 2, 28), date(2024, 2, 28)),  # leap year: 29 Feb opens the next period
        (date(2026, 12, 31), date(2025, 10, 31), date(2026, 10, 30)),
    ],
)
def test_reference_period_is_the_12_months_ending_2_months_before_the_due_date(due, start, end):
    assert reference_period(due) == (start, end)


DUE_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(DUE_DATES.filter(lambda day: (day.month, day.day) != (2, 29)))
def test_successive_reference_periods_neither_overlap_nor_leave_a_gap(due):
    # (A 29 February due date has no anniversary three years out of four: left out.)
    start, end = reference_period(due)
    next_start, _ = reference_period(due + relativedelta(years=1))
    assert start <= end
    assert (next_start - end).days == 1


# --- which claims count (annex art. 5 to 7) ------------------------------------------------------

ON = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("claim", "effect", "article"),
    [
        (Claim(ON), "at_fault", "art. 5"),
        (Claim(ON, liability="partial"), "partial", "art. 5"),
        (Claim(ON, liability="none"), "none", "art. 6"),  # entirely due to the victim or a third party
        (Claim(ON, kind="theft"), "none", "art. 7"),
        (Claim(ON, kind="fire"), "none", "art. 7"),
        (Claim(ON, kind="glass"), "none", "art. 7"),
        (Claim(ON, kind="parked_unidentified", liability="none"), "none", "art. 7"),
        (Claim(ON, without_consent=True), "none", "art. 6"),
        (Claim(ON, force_majeure=True), "none", "art. 6"),
        (Claim(ON, kind="natural_disaster"), "none", "art. 6"),
    ],
)
def test_assess_claim_says_whether_it_counts_and_why(claim, effect, article):
    assessment = assess_claim(claim)
    assert assessment.effect == effect
    assert assessment.counts is (effect != "none")
    assert article in assessment.reason


def test_claim_year_counts_only_the_claims_of_the_reference_period_that_raise_it():
    claims = [
        Claim(date(2024, 12, 31)),  # before the period of the 2026-03-01 due date
        Claim(date(2025, 1, 1)),  # first day: counts
        Claim(date(2025, 7, 14), liability="partial"),
        Claim(date(2025, 8, 2), kind="glass"),  # glass only: never counts
        Claim(date(2025, 12, 31), liability="none"),  # not at fault
        Claim(date(2026, 1, 1)),  # inside the last two months: next period
    ]
    assert claim_year(claims, date(2026, 3, 1)) == ClaimYear(at_fault=1, partial=1)


# --- boundaries a wrong rule would cross (found by mutation testing, `make mutation`) -------------


def test_a_claim_on_the_last_day_of_the_reference_period_counts():
    # Due 2026-03-01 → period 2025-01-01 to 2025-12-31, both days included (A121-1 annex).
    assert claim_year([Claim(date(2025, 12, 31))], date(2026, 3, 1)) == ClaimYear(at_fault=1)
    assert claim_year([Claim(date(2025, 12, 31), liability="partial")], date(2026, 3, 1)) == ClaimYear(partial=1)
    assert claim_year([Claim(date(2024, 12, 31)), Claim(date(2026, 1, 1))], date(2026, 3, 1)) == ClaimYear()


def test_after_the_exemption_the_years_at_050_start_again_from_zero():
    # Annex art. 4: the exemption needs three whole periods at 0,50 before the claim. Used in period 1,
    # then periods 2 and 3 at 0,50 make only two: the claim of period 4 counts, 0,50 × 1,25 = 0,625 → 0,62.
    years = [ClaimYear(at_fault=1), FREE, FREE, ClaimYear(at_fault=1)]
    assert trail("0.50", years, years_at_floor=3) == ["0.50", "0.50", "0.50", "0.62"]
    # A third period at 0,50 (periods 2, 3 and 4) makes the claim of period 5 forgiven again.
    years = [ClaimYear(at_fault=1), FREE, FREE, FREE, ClaimYear(at_fault=1)]
    assert trail("0.50", years, years_at_floor=3) == ["0.50"] * 5


def test_a_raised_coefficient_resets_the_years_at_050():
    # 0,50 with 2 years at the floor: the claim counts (0,62), so the count of years at 0,50 restarts.
    # 0,62 → 0,58 → 0,55 → 0,52 → 0,50 (0,494) ; then 3 periods at 0,50 are needed again.
    years = [ClaimYear(at_fault=1), FREE, FREE, FREE, FREE, FREE, FREE, ClaimYear(at_fault=1)]
    assert trail("0.50", years, years_at_floor=2) == ["0.62", "0.58", "0.55", "0.52", "0.50", "0.50", "0.50", "0.62"]


def test_a_single_year_at_050_already_needs_a_coefficient_of_050():
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("0.51"), [], years_at_floor=1)
    assert caught.value.field_errors == {
        "years_at_floor": ["Des années passées à 0,50 supposent un coefficient actuel de 0,50."]
    }
    assert crm_after(D("0.50"), [], years_at_floor=1).crm == D("0.50")


@pytest.mark.parametrize("crm", ["0.50", "3.50", "1", "0.5"])
def test_the_bounds_050_and_350_themselves_are_accepted(crm):
    assert crm_after(D(crm), []).crm == D(crm).quantize(D("0.01"))


@pytest.mark.parametrize("crm", [1, "1.00", 1.0, True, None, D("NaN"), D("Infinity")])
def test_a_coefficient_that_is_not_a_finite_decimal_is_refused(crm):
    with pytest.raises(InvalidInput) as caught:
        crm_after(crm, [])  # type: ignore[arg-type]
    assert caught.value.field_errors == {"crm": ["Coefficient invalide : nombre décimal attendu (ex. 0,95)."]}


@pytest.mark.parametrize("years_at_floor", [True, False, 3.0, "3", None, -1])
def test_years_at_floor_must_be_a_whole_number(years_at_floor):
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("0.50"), [], years_at_floor=years_at_floor)  # type: ignore[arg-type]
    assert caught.value.field_errors == {"years_at_floor": ["Nombre d'années positif ou nul attendu."]}


def test_years_at_floor_are_bounded_at_100():
    assert crm_after(D("0.50"), [ClaimYear(at_fault=1)], years_at_floor=100).crm == D("0.50")
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("0.50"), [], years_at_floor=101)
    assert caught.value.field_errors == {"years_at_floor": ["100 ans au maximum."]}


@pytest.mark.parametrize("count", [True, False, 1.0, "1", None, -1])
def test_claim_counts_must_be_whole_numbers(count):
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("1"), [ClaimYear(at_fault=count), ClaimYear(partial=count)])  # type: ignore[arg-type]
    expected = ["Nombre de sinistres positif ou nul attendu."]
    assert caught.value.field_errors == {"years.0.at_fault": expected, "years.1.partial": expected}


def test_claim_counts_are_bounded_at_99_a_period():
    assert crm_after(D("1"), [ClaimYear(at_fault=99, partial=99)]).crm == D("3.50")
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("1"), [ClaimYear(at_fault=100, partial=100)])
    expected = ["99 sinistres au maximum par période."]
    assert caught.value.field_errors == {"years.0.at_fault": expected, "years.0.partial": expected}


def test_every_wrong_input_is_reported_at_once():
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("4"), [ClaimYear(at_fault=-1)], usage="taxi", years_at_floor=-1)  # type: ignore[arg-type]
    assert set(caught.value.field_errors) == {"crm", "usage", "years_at_floor", "years.0.at_fault"}
    assert caught.value.field_errors["usage"] == ["Usage inconnu ; valeurs possibles : standard, tournees."]


def test_a_wrong_coefficient_does_not_add_a_years_at_floor_error():
    # years_at_floor is checked against the coefficient only when the coefficient itself is valid.
    with pytest.raises(InvalidInput) as caught:
        crm_after(D("0.505"), [], years_at_floor=3)
    assert caught.value.field_errors == {"crm": ["Le coefficient a au plus deux décimales."]}


@pytest.mark.parametrize(
    ("crm", "year", "crm_after_year", "rule"),
    [
        # Reaching exactly 0,50 needs no floor: 0,53 × 0,95 = 0,5035 → 0,50 (annex art. 4).
        ("0.53", FREE, "0.50", "Année 1 sans sinistre responsable : 0,53 × 0,95 = 0,5035, arrondi par défaut à 0,50."),
        # Reaching exactly 3,50 needs no cap: 2,80 × 1,25 = 3,50 (annex art. 5).
        ("2.80", ClaimYear(at_fault=1), "3.50", "Année 1 avec 1 sinistre responsable : 2,80 × 1,25 = 3,50."),
        # Once capped, the claims left are said to have no effect: 3,00 × 1,25 = 3,75 → 3,50, then 4 more.
        (
            "3.00",
            ClaimYear(at_fault=5),
            "3.50",
            "Année 1 avec 5 sinistres responsables : 3,00 × 1,25 = 3,75 ; plafond : le coefficient ne dépasse pas"
            " 3,50 ; plafond de 3,50 atteint : 4 sinistres de plus sans effet.",
        ),
        (
            "3.40",
            ClaimYear(at_fault=1, partial=1),
            "3.50",
            "Année 1 avec 1 sinistre responsable et 1 sinistre partiellement responsable : 3,40 × 1,25 = 4,25 ;"
            " plafond : le coefficient ne dépasse pas 3,50 ; plafond de 3,50 atteint : 1 sinistre de plus sans effet.",
        ),
        (
            "1.00",
            ClaimYear(at_fault=2, partial=2),
            "1.96",
            "Année 1 avec 2 sinistres responsables et 2 sinistres partiellement responsables : 1,00 × 1,25 = 1,25 ;"
            " 1,25 × 1,25 = 1,5625, arrondi par défaut à 1,56 ; 1,56 × 1,125 = 1,755, arrondi par défaut à 1,75 ;"
            " 1,75 × 1,125 = 1,96875, arrondi par défaut à 1,96.",
        ),
    ],
)
def test_the_rule_of_a_period_is_written_out_in_full(crm, year, crm_after_year, rule):
    step = crm_after(D(crm), [year]).steps[0]
    assert step.crm == D(crm_after_year)
    assert step.rule == rule


def test_a_forgiven_only_claim_keeps_the_coefficient_and_says_so():
    step = crm_after(D("0.50"), [ClaimYear(at_fault=1)], years_at_floor=3).steps[0]
    assert step.rule == (
        "Année 1 avec 1 sinistre responsable : premier sinistre survenu après 3 ans à 0,50, aucune majoration ;"
        " coefficient maintenu à 0,50."
    )


def test_a_second_claim_free_year_ending_exactly_at_1_is_not_brought_back_to_1():
    # 1,12 × 0,95 = 1,064 → 1,06 ; 1,06 × 0,95 = 1,007 → 1,00: already 1, no return to 1 to apply.
    result = crm_after(D("1.12"), [FREE, FREE])
    assert [step.crm for step in result.steps] == [D("1.06"), D("1.00")]
    assert result.steps[1].rule == "Année 2 sans sinistre responsable : 1,06 × 0,95 = 1,007, arrondi par défaut à 1,00."
