"""Trainers' files (products, rules, scenarios): every problem in one run, each at its line and column, with
a path a person reads and a French message (issue 15 §1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from polyadmin.catalogue import CatalogueInvalid, check_product_text, check_rules_text, load_directory
from polyadmin.catalogue.problems import codes_text, readable_path, schema_problems
from polyadmin.catalogue.schemas import ProductSchema
from polyadmin.catalogue.yaml_exact import read_located, to_document
from polyadmin.domain.catalogue import Catalogue
from polyadmin.scenarios import check_scenario, check_scenario_text
from polyadmin.validation.yaml_french import yaml_problem_parts
from tests.helpers.catalogue_samples import PRODUCT, TAXES, write_catalogue
from tests.unit.test_scenarios import BASE

ROOT = Path(__file__).resolve().parents[2]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_directory(ROOT / "products").catalogue


# --- the « done when »: three mistakes, three problems, one run ---------------------------------------------

THREE_MISTAKES = (
    PRODUCT.replace("factors: [zone, age, usage, crm, novice]", "factors: [zonne, age, usage, crm, novice]")
    .replace("factor: 0.95", "factor: -0.95")
    .replace("guarantees: [dommages]\n    options", "guarantees: [dommages, assistance]\n    options")
)


def test_three_mistakes_in_one_product_file_give_three_problems_with_their_lines_in_one_run(tmp_path):
    folder = write_catalogue(tmp_path, product=THREE_MISTAKES)
    with pytest.raises(CatalogueInvalid) as raised:
        load_directory(folder)
    problems = raised.value.problems
    assert [(p.file, p.line) for p in problems] == [
        ("test_auto.yaml", line_of(THREE_MISTAKES, "factors: [zonne")),
        ("test_auto.yaml", line_of(THREE_MISTAKES, "guarantees: [dommages, assistance]")),
        ("test_auto.yaml", line_of(THREE_MISTAKES, "factor: -0.95")),
    ]
    table, guarantee, coefficient = problems
    # A table typo: the readable path, numbered from 1, the likely table and every valid one.
    assert table.where == "garantie n° 1 `rc`, composante de prime n° 1, facteur n° 1"
    assert table.problem == (
        "Table inconnue « zonne » ; vouliez-vous dire « zone » ? tables possibles : zone, age, usage, crm, novice."
    )
    assert table.column == THREE_MISTAKES.splitlines()[table.line - 1].index("zonne") + 1
    # A formula naming an unknown guarantee: the valid guarantees are listed.
    assert guarantee.where == "formule n° 2 `tous_risques`, garantie n° 2"
    assert guarantee.problem == "Garantie inconnue « assistance » ; garanties possibles : rc, dommages, bris_glace."
    # A negative coefficient: in French, with the right agreement.
    assert coefficient.where == "option tarifaire n° 1 `reemploi`, champ `factor`"
    assert coefficient.problem == "Le coefficient doit être positif ou nul."
    assert str(coefficient) == (
        f"test_auto.yaml:{coefficient.line}:5 — option tarifaire n° 1 `reemploi`, champ `factor` — "
        "Le coefficient doit être positif ou nul."
    )


def test_the_same_problems_for_a_text_not_yet_saved(tmp_path):
    """check_product_text: what an upload page shows before anything is written."""
    found = check_product_text("envoi.yaml", THREE_MISTAKES)
    assert [(p.file, p.line, p.problem.split(" ;")[0]) for p in found] == [
        ("envoi.yaml", line_of(THREE_MISTAKES, "factors: [zonne"), "Table inconnue « zonne »"),
        ("envoi.yaml", line_of(THREE_MISTAKES, "[dommages, assistance]"), "Garantie inconnue « assistance »"),
        ("envoi.yaml", line_of(THREE_MISTAKES, "factor: -0.95"), "Le coefficient doit être positif ou nul."),
    ]
    assert check_product_text("envoi.yaml", PRODUCT) == []


def test_a_structure_error_leaves_references_to_the_refused_item_alone(tmp_path):
    """A table refused by the schema is not « unknown » where a guarantee names it: one mistake, one problem."""
    text = PRODUCT.replace('entries: {"75": 1.30', 'entries: {"75": -1.30')
    found = check_product_text("essai.yaml", text)
    assert [(p.line, p.where, p.problem) for p in found] == [
        (line_of(text, '"75": -1.30'), "table `zone`, entrée `75`", "Le coefficient doit être positif ou nul.")
    ]


def test_an_unknown_field_lists_the_fields_and_the_likely_one():
    text = PRODUCT.replace("kind: bands", "kindd: bands")
    found = check_product_text("essai.yaml", text)
    assert [(p.line, p.where) for p in found] == [
        (line_of(text, "label: Âge du conducteur") - 1, "table `age`, champ `kind`"),
        (line_of(text, "kindd: bands"), "table `age`, champ `kindd`"),
    ]
    assert found[0].problem == "Champ obligatoire."
    assert found[1].problem.startswith("Champ inconnu « kindd » ; vouliez-vous dire « kind » ? champs possibles : ")


def test_a_key_written_twice_is_named():
    text = PRODUCT.replace("summary: Produit d'essai.\n", "summary: Produit d'essai.\nsummary: Autre résumé.\n")
    (problem,) = check_product_text("essai.yaml", text)
    assert (problem.line, problem.where) == (line_of(text, "summary: Autre"), "champ `summary`")
    assert problem.problem == "Clé « summary » écrite deux fois au même niveau : seule la dernière compte."


# --- wording ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("factor: 0.95", "factor: -0.95", "Le coefficient doit être positif ou nul."),
        ("{min: 25, value: 1.00}", "{min: 25, value: -1}", "Le coefficient doit être positif ou nul."),
        ("base: 200", "base: -200", "La base doit être positive ou nulle."),
        ("surcharge_percent: 0}", "surcharge_percent: -1}", "La majoration doit être positive ou nulle."),
    ],
)
def test_messages_agree_with_what_they_name(old, new, message):
    assert PRODUCT.count(old) >= 1
    found = check_product_text("essai.yaml", PRODUCT.replace(old, new, 1))
    assert [p.problem for p in found] == [message]


def test_marshmallow_paths_never_show_its_internal_levels():
    """A table entry « 45 » is a key, not a list index; marshmallow's `value` level never shows."""
    raw = to_document(read_located(PRODUCT.replace('"69": 1.10', '"45": -1')).data)
    with pytest.raises(Exception) as raised:
        ProductSchema().load(raw)
    assert schema_problems(ProductSchema(), raised.value.messages) == [  # type: ignore[attr-defined]
        ("tables.zone.entries.45", "Le coefficient doit être positif ou nul.")
    ]
    assert readable_path(("tables", "zone", "entries", "45"), raw) == "table `zone`, entrée `45`"


def test_long_code_lists_are_capped_and_point_to_the_glossary():
    codes = [f"code_{n:02d}" for n in range(42)]
    assert codes_text(codes[:3]) == "codes possibles : code_00, code_01, code_02"
    text = codes_text(codes)
    assert text.startswith("codes possibles : code_00, code_01,")
    assert text.endswith("code_14… (42 au total, liste complète dans docs/glossary.md)")
    assert codes_text([]) == "codes possibles : aucun"


# --- YAML syntax ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "code: A\nname: Produit: auto\n",
            2,
            14,
            "YAML illisible : deux-points inattendu : une valeur qui contient « : » s'écrit entre guillemets, "
            "ou l'indentation est décalée.",
        ),
        ("code: A\nname\nline: auto\n", 3, 1, "YAML illisible : deux-points attendu après la clé (clé: valeur)."),
        ("code: A\n\tname: B\n", 2, 1, "YAML illisible : tabulation interdite : indentez avec des espaces."),
        (
            "code: 'A\nname: B\n",
            3,
            1,
            "YAML illisible : fin du fichier inattendue : un guillemet n'est pas refermé (ouvert ligne 1).",
        ),
        (
            "tables:\n  zone:\n    label: Zone\n   kind: lookup\n",
            4,
            4,
            "YAML illisible : indentation incohérente : cette ligne n'est alignée ni sur la clé précédente "
            "ni sur son parent.",
        ),
    ],
)
def test_yaml_syntax_errors_are_in_french_with_their_place(text, line, column, message):
    with pytest.raises(yaml.YAMLError) as raised:
        read_located(text)
    assert yaml_problem_parts(raised.value) == (line, column, message)
    (problem,) = check_product_text("essai.yaml", text)
    assert str(problem) == f"essai.yaml:{line}:{column} — {message}"


# --- rules and scenarios -------------------------------------------------------------------------------------


def test_a_rules_file_with_several_mistakes_reports_them_all_at_their_lines(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "auto.yaml").read_text(encoding="utf-8")
    first = "    outcome: decline\n    blocking: true\n    basis: interne\n    message: >-\n      Le client a été"
    broken = (
        text.replace(first, first.replace("outcome: decline", "outcome: refuser"), 1)  # rule 1: refused item
        .replace("when: {fact: crm, gt: 2.00}", "when: {fact: crmm, gt: 2.00}", 1)  # rule 2: a reference
        .replace(
            "    expert: souscripteur_senior\n    blocking: true",
            "    expert: souscripteur_senior\n    blocking: oui",
            1,
        )
    )
    (rules / "auto.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogueInvalid) as raised:
        load_directory(ROOT / "products", rules)
    found = raised.value.problems
    assert [(p.file, p.line, p.where) for p in found] == [
        ("rules/auto.yaml", line_of(broken, "outcome: refuser"), "règle n° 1 `AUTO-RESIL-IMPAYE`, champ `outcome`"),
        ("rules/auto.yaml", line_of(broken, "{fact: crmm"), "règle n° 2 `AUTO-CRM-SUP-2`, champ `when.fact`"),
        ("rules/auto.yaml", line_of(broken, "blocking: oui"), "règle n° 3 `AUTO-RESIL-SINISTRES`, champ `blocking`"),
    ]
    # check_rules_text: the same problems for the text alone (an upload), named as `rules check` names them.
    products_only = load_directory(ROOT / "products", tmp_path / "aucune-regle").catalogue
    assert [str(p) for p in check_rules_text("rules/auto.yaml", broken, products_only)] == [str(p) for p in found]
    assert check_rules_text("rules/auto.yaml", text, products_only) == []
    outcome, fact, blocking = (p.problem for p in found)
    assert outcome.startswith("Valeur inconnue ; valeurs possibles : accept_conditions, missing_document, refer,")
    assert fact.startswith("Donnée « crmm » inconnue ; vouliez-vous dire « crm » ? données possibles : ")
    assert blocking == "Valeur oui/non attendue. En JSON : true ou false, sans guillemets."


def test_an_impossible_date_no_longer_hides_the_rest_of_a_scenario(tmp_path, catalogue):
    text = (
        BASE.replace("birth_date: 1980-04-10", "birth_date: 1980-02-30")
        .replace("product: MRH", "product: MOTO")
        .replace("start_date: 2026-03-02\n", "start_date: 2026-03-02\ncatalogue: abcdef\n")
    )
    path = tmp_path / "essai.yaml"
    path.write_text(text, encoding="utf-8")
    found = check_scenario(path, catalogue)
    assert [(p.line, p.where) for p in found] == [
        (line_of(text, "catalogue: abcdef"), "champ `catalogue`"),
        (line_of(text, "birth_date: 1980-02-30"), "client n° 1 `paul`, champ `birth_date`"),
        (line_of(text, "product: MOTO"), "demande n° 1 `cas-1`, champ `product`"),
    ]
    pin, date, product = (p.problem for p in found)
    assert pin.startswith("Le scénario est écrit pour le catalogue abcdef ; ")
    assert date == "Date impossible « 1980-02-30 » : ce jour n'existe pas (jour ou mois inexistant)."
    assert product.startswith("Produit inconnu « MOTO » ; ")
    # The request names the refused client: that is not reported a second time.
    assert [str(p) for p in check_scenario_text("essai.yaml", text, catalogue)] == [str(p) for p in found]


def test_taxes_problems_are_located_too(tmp_path):
    folder = write_catalogue(tmp_path, taxes=TAXES.replace("rate: 33", "rate: 133"))
    with pytest.raises(CatalogueInvalid) as raised:
        load_directory(folder)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line) == ("taxes.yaml", line_of(TAXES, "rc_auto:"))
    assert problem.where == "catégorie de taxe `rc_auto`, champ `rate`"
    assert problem.problem == "Taux entre 0 et 100 %."


def test_the_documented_example_is_what_the_check_prints():
    text = (ROOT / "docs" / "data-formats.md").read_text(encoding="utf-8")
    start = text.index("```\nauto.yaml:") + len("```\n")
    documented = text[start : text.index("```", start)].splitlines()
    printed = [str(p) for p in check_product_text("auto.yaml", THREE_MISTAKES)]
    assert documented == [*printed, f"Catalogue invalide : {len(printed)} erreur(s)."]


def test_scenario_messages_agree_too(tmp_path, catalogue):
    text = BASE.replace("annual_mileage: 12000", "annual_mileage: -5").replace("value: 14000", "value: -1")
    found = check_scenario_text("essai.yaml", text, catalogue)
    vehicle = "client n° 1 `paul`, véhicule n° 1 `clio`"
    assert [(p.where, p.problem) for p in found] == [
        (f"{vehicle}, champ `value`", "La valeur doit être positive ou nulle."),
        (f"{vehicle}, champ `annual_mileage`", "Le kilométrage doit être positif ou nul."),
    ]


def test_a_table_input_of_the_wrong_shape_is_a_problem_not_a_crash():
    text = PRODUCT.replace("input: {field: postcode, transform: departement}", "input: []")
    found = check_product_text("essai.yaml", text)
    assert [(p.line, p.where, p.problem) for p in found] == [
        (
            line_of(text, "input: []"),
            "table `zone`, champ `input`",
            "Nom de champ ou objet « field, transform » attendu.",
        )
    ]
