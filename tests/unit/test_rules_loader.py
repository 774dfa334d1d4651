"""rules/*.yaml: checked against the catalogue and the facts, every problem named with its place."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from polyadmin.catalogue.loader import CatalogueInvalid, build_catalogue, document_hash, read_sources
from polyadmin.domain.acceptance import AllOf, FactTest, Outcome

REPOSITORY = Path(__file__).resolve().parents[2]
DOCUMENT, PROBLEMS, _SOURCES = read_sources(REPOSITORY / "products", REPOSITORY / "rules")


def problems_of(edit) -> list[str]:
    document = copy.deepcopy(DOCUMENT)
    edit(document["rules"])
    with pytest.raises(CatalogueInvalid) as caught:
        build_catalogue(document)
    return [str(problem) for problem in caught.value.problems]


def auto_rule(rules, code):
    return next(rule for rule in rules["auto.yaml"]["rules"] if rule["code"] == code)


def test_the_shipped_rules_load_with_the_catalogue_and_count_in_its_hash():
    assert PROBLEMS == []
    catalogue = build_catalogue(DOCUMENT)
    assert [r.product for r in catalogue.acceptance] == ["AUTO", "EMPRUNTEUR", "MRH", "PRO", "SANTE"]
    rule = next(r for r in catalogue.rules_for("AUTO").rules if r.code == "AUTO-TR-CRM")
    assert rule.when == AllOf((FactTest("formula", "eq", "tous_risques"), FactTest("crm", "gt", Decimal("1.00"))))
    assert rule.outcome is Outcome.ACCEPT_CONDITIONS
    without = {key: value for key, value in DOCUMENT.items() if key != "rules"}
    assert document_hash(without) != document_hash(DOCUMENT)


def test_a_catalogue_without_rules_keeps_its_document_and_has_empty_rule_sets(tmp_path):
    products = tmp_path / "products"
    products.mkdir()
    for file in (REPOSITORY / "products").glob("*.yaml"):
        (products / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    document, problems, _sources = read_sources(products)
    assert problems == [] and "rules" not in document
    catalogue = build_catalogue(document)
    assert catalogue.rules_for("AUTO").rules == ()


def test_an_unknown_fact_names_the_known_ones():
    def edit(rules):
        auto_rule(rules, "AUTO-CRM-SUP-2")["when"] = {"fact": "crmm", "gt": "2.00"}

    (problem,) = problems_of(edit)
    assert problem.startswith(
        "rules/auto.yaml — rules[1].when.fact — Donnée « crmm » inconnue ; vouliez-vous dire « crm » ? "
        "données possibles : accompanied_driving,"
    )
    assert problem.endswith("(44 au total, liste complète dans docs/glossary.md).")


def test_a_value_of_the_wrong_kind_an_impossible_operator_and_an_unknown_code_are_all_reported():
    def edit(rules):
        auto_rule(rules, "AUTO-CRM-SUP-2")["when"] = {"fact": "crm", "gt": True}
        auto_rule(rules, "AUTO-AGE-86")["when"] = {"fact": "novice", "gt": 3}
        auto_rule(rules, "AUTO-TR-CRM")["when"] = {"all": [{"fact": "formula", "eq": "tout_risque"}]}

    assert problems_of(edit) == [
        'rules/auto.yaml — rules[1].when.gt — Nombre exact attendu (ex. 1.25 ou "1.25").',
        "rules/auto.yaml — rules[6].when.gt — Opérateur « gt » impossible sur « novice » ; opérateurs possibles : is.",
        "rules/auto.yaml — rules[7].when.all[0].eq — « tout_risque » inconnu pour « formula » ; "
        "vouliez-vous dire « tous_risques » ? codes possibles : tiers, tiers_plus, tous_risques.",
    ]


def test_a_referral_without_an_expert_and_conditions_on_a_refusal_are_refused():
    def edit(rules):
        del auto_rule(rules, "AUTO-AGE-86")["expert"]
        auto_rule(rules, "AUTO-CRM-SUP-2")["conditions"] = [{"kind": "surprime", "label": "+50 %", "percent": "50"}]

    assert problems_of(edit) == [
        "rules/auto.yaml — rules[1].conditions — Seule une acceptation sous conditions porte des conditions.",
        "rules/auto.yaml — rules[6].expert — Une règle de transmission nomme l'expert à consulter.",
    ]


def test_a_deductible_the_guarantee_does_not_offer_lists_those_it_does():
    def edit(rules):
        auto_rule(rules, "AUTO-TR-CRM")["conditions"][0]["deductible"] = "f700"

    assert problems_of(edit) == [
        "rules/auto.yaml — rules[7].conditions[0].deductible — Franchise « f700 » inconnue ; "
        "vouliez-vous dire « f800 » ? franchises possibles : f300, f150, f500, f600, f800."
    ]


def test_documents_the_product_does_not_require_and_duplicate_codes_are_refused():
    def edit(rules):
        rules["auto.yaml"]["documents"].append({"code": "carte_grise"})
        rules["auto.yaml"]["rules"][1]["code"] = rules["auto.yaml"]["rules"][0]["code"]

    problems = problems_of(edit)
    assert "rules/auto.yaml — rules[1].code — Code de règle « AUTO-RESIL-IMPAYE » déjà utilisé." in problems
    assert any(p.startswith("rules/auto.yaml — documents[7].code — Pièce « carte_grise » absente") for p in problems)


def test_a_structure_error_does_not_hide_a_reference_error_elsewhere_in_the_file():
    def edit(rules):
        auto_rule(rules, "AUTO-AGE-86")["expert"] = "souscripteur"
        auto_rule(rules, "AUTO-CRM-SUP-2")["when"] = {"fact": "crmm", "gt": "2.00"}

    problems = problems_of(edit)
    assert problems[0].startswith("rules/auto.yaml — rules[6].expert — Valeur inconnue")
    assert problems[1].startswith("rules/auto.yaml — rules[1].when.fact — Donnée « crmm » inconnue")


def test_rules_for_a_product_absent_from_the_catalogue_and_two_files_for_one_product():
    def edit(rules):
        rules["zzz.yaml"] = {"product": "MOTO", "rules": []}
        rules["auto2.yaml"] = {"product": "AUTO"}

    assert problems_of(edit) == [
        "rules/auto2.yaml — product — Règles de AUTO déjà données par rules/auto.yaml.",
        "rules/zzz.yaml — product — Produit « MOTO » absent du catalogue ; "
        "produits possibles : AUTO, EMPRUNTEUR, MRH, PRO, SANTE.",
    ]


def test_score_levels_and_terms_are_checked():
    def edit(rules):
        score = rules["auto.yaml"]["score"]
        score["levels"] = [{"label": "Faible", "maximum": "0.30"}, {"label": "Modéré", "maximum": "0.20"}]
        score["terms"][0]["fact"] = "usage"

    assert problems_of(edit) == [
        "rules/auto.yaml — score.terms[0].fact — Donnée numérique attendue ; données possibles : age, age_at_term, "
        "annual_mileage, at_fault_claims_36m, children, claims_36m, construction_year, contents_value, crm, "
        "driver_age, existing_contracts, insured_amount, licence_years, loan_capital, months_since_termination… "
        "(24 au total, liste complète dans docs/glossary.md).",
        "rules/auto.yaml — score.levels — Le dernier niveau n'a pas de maximum (il couvre le reste).",
        "rules/auto.yaml — score.levels — Les maximums des niveaux vont croissant.",
    ]
