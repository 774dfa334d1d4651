"""A planted case whose words contradict its computed CRM is flagged; consistent words are not."""

from __future__ import annotations

from decimal import Decimal

from polyadmin.domain.scenario_checks import crm_contradictions


def test_a_malusse_driver_whose_computed_crm_is_1_06_is_not_flagged_but_one_at_0_95_is():
    assert crm_contradictions(["Conducteur malussé, relevé joint."], Decimal("1.06")) == []
    assert crm_contradictions(["Conducteur malussé, relevé joint."], Decimal("0.95")) == [
        "Le cas dit « malussé », ce qui suppose un CRM supérieur à 1,00, mais le CRM calculé est 0,95."
    ]


def test_a_bonus_claim_with_a_malus_crm_is_flagged_and_the_maximum_bonus_needs_0_50():
    assert crm_contradictions(["Client bonussé depuis dix ans"], Decimal("1.06")) == [
        "Le cas dit « bonussé », ce qui suppose un CRM inférieur à 1,00, mais le CRM calculé est 1,06."
    ]
    assert crm_contradictions(["Il a le bonus maximal."], Decimal("0.50")) == []
    assert crm_contradictions(["Il a le bonus maximal."], Decimal("0.57")) == [
        "Le cas dit « bonus maximal », ce qui suppose un CRM de 0,50, mais le CRM calculé est 0,57."
    ]


def test_a_quoted_crm_must_be_the_computed_one():
    assert crm_contradictions(["CRM 1,25 cohérent avec deux sinistres"], Decimal("1.25")) == []
    assert crm_contradictions(["", "Notes : CRM de 1,25 au relevé."], Decimal("1.06")) == [
        "Le cas cite un CRM de 1,25, mais le CRM calculé est 1,06."
    ]


def test_the_system_named_negations_and_cases_without_history_are_not_claims():
    assert crm_contradictions(["Coefficient de réduction-majoration (bonus-malus) à vérifier"], Decimal("0.50")) == []
    assert crm_contradictions(["Sans malus, pas de malus, aucun malus."], Decimal("0.80")) == []
    assert crm_contradictions(["Conducteur malussé"], None) == []
