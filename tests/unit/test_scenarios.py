"""Scenario files: the shipped ones validate; bad ones are refused with every `file: path: problem`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain.canonical import canonical_json
from polyadmin.domain.catalogue import Catalogue
from polyadmin.scenarios import ScenarioInvalid, check_scenario, load_scenario, scenario_from_document
from polyadmin.services.seeding import load_canonical

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))

# A valid scenario with one planted driver, one contract in force and one request; tests break it.
BASE = """\
code: essai
title: Essai
description: Un conducteur planté.
start_date: 2026-03-02
clients:
  - ref: paul
    kind: person
    civility: M
    first_name: Paul
    last_name: Martin
    birth_date: 1980-04-10
    licence_date: 1999-06-01
    address: {line1: 3 rue Neuve, postcode: "69003", city: Lyon}
    vehicles:
      - {ref: clio, make: Renault, model: Clio V, vehicle_group: 29, first_registration: 2021-03-01,
         energy: essence, co2_class: C, value: 14000, usage: trajet, annual_mileage: 12000}
    history:
      - ref: avant
        line: auto
        insurer: Mutuelle Boréale
        start_date: 2015-04-01
        end_date: 2021-04-01
        terminated_by: insured
        termination_reason: echeance
        releve: {statement_date: 2021-03-10, crm: "0.95"}
        claims:
          - {occurred_on: 2019-05-06, kind: accident, liability: full, amount: 2100}
    contracts:
      - {ref: auto, product: AUTO, formula: tiers_plus, frequency: mensuel, start_date: 2021-04-01, vehicle: clio}
requests:
  - ref: cas-1
    client: paul
    product: MRH
    formula: locataire_essentiel
    received_on: 2026-02-25
    documents:
      - {kind: justificatif_domicile, issued_on: 2026-02-10}
    expected: {outcome: accept, notes: Dossier complet.}
"""


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_directory(ROOT / "products").catalogue


def write(tmp_path: Path, text: str, name: str = "essai.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, catalogue: Catalogue, text: str) -> list[str]:
    """Each problem as `file: technical path: message` (the printed form, with the line and the readable
    path, is checked in tests/unit/test_authoring_errors.py)."""
    return [
        f"{p.file}: {p.path}: {p.problem}" if p.path else f"{p.file}: {p.problem}"
        for p in check_scenario(write(tmp_path, text), catalogue)
    ]


def test_the_base_scenario_of_these_tests_is_valid(tmp_path, catalogue):
    assert problems(tmp_path, catalogue, BASE) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenarios_validate_against_the_real_catalogue(path, catalogue):
    loaded = load_scenario(path, catalogue)
    assert loaded.scenario.code == path.stem
    assert len(loaded.content_hash) == 64


def test_the_exam_scenario_has_eight_planted_requests_covering_every_outcome(catalogue):
    scenario = load_scenario(ROOT / "scenarios" / "examen-souscription.yaml", catalogue).scenario
    assert len(scenario.requests) == 8
    outcomes = {r.expected.outcome for r in scenario.requests}
    assert outcomes == {"accept", "accept_conditions", "refer", "decline", "missing_document"}
    refers = [r for r in scenario.requests if r.expected.outcome == "refer"]
    assert {e.expert for r in refers for e in r.experts} == {"medecin_conseil", "service_technique"}
    assert len(scenario.clients) + scenario.population.count == 300


def test_unknown_product_is_reported_with_its_path_and_the_known_codes(tmp_path, catalogue):
    found = problems(tmp_path, catalogue, BASE.replace("product: MRH", "product: MOTO"))
    assert found == [
        "essai.yaml: requests[0].product: Produit inconnu « MOTO » ; produits du catalogue : "
        "AUTO, EMPRUNTEUR, MRH, PRO, SANTE."
    ]


def test_unknown_formula_option_and_frequency_are_reported_with_their_paths(tmp_path, catalogue):
    text = BASE.replace(
        "formula: tiers_plus, frequency: mensuel", "formula: tiers_plus, frequency: hebdo, options: [valeur_a_neuf]"
    ).replace("formula: locataire_essentiel", "formula: locataire_luxe")
    found = problems(tmp_path, catalogue, text)
    assert any(
        p.startswith("essai.yaml: clients[0].contracts[0].options[0]: Option « valeur_a_neuf » non proposée")
        for p in found
    )
    assert any(
        p.startswith("essai.yaml: clients[0].contracts[0].frequency: Fréquence inconnue « hebdo »") for p in found
    )
    assert any(p.startswith("essai.yaml: requests[0].formula: Formule inconnue « locataire_luxe »") for p in found)


def test_february_30_is_an_impossible_date_named_with_its_line(tmp_path, catalogue):
    found = problems(tmp_path, catalogue, BASE.replace("received_on: 2026-02-25", "received_on: 2026-02-30"))
    assert found == [
        "essai.yaml: requests[0].received_on: Date impossible « 2026-02-30 » : ce jour n'existe pas "
        "(jour ou mois inexistant)."
    ]
    (problem,) = check_scenario(tmp_path / "essai.yaml", catalogue)
    assert (problem.line, problem.column) == (35, 5)


def test_dates_after_the_start_date_are_impossible(tmp_path, catalogue):
    text = (
        BASE.replace("occurred_on: 2019-05-06", "occurred_on: 2026-03-05")
        .replace("end_date: 2021-04-01", "end_date: 2026-04-01")
        .replace("start_date: 2021-04-01, vehicle", "start_date: 2026-04-01, vehicle")
        .replace("received_on: 2026-02-25", "received_on: 2026-03-03")
    )
    found = problems(tmp_path, catalogue, text)
    assert (
        "essai.yaml: clients[0].history[0].claims[0].occurred_on: Sinistre du 05/03/2026 postérieur à la date "
        "de début (02/03/2026)." in found
    )
    assert any(
        p.startswith("essai.yaml: clients[0].contracts[0].start_date: Effet le 01/04/2026, après") for p in found
    )
    assert any(p.startswith("essai.yaml: requests[0].received_on: Reçue le 03/03/2026") for p in found)


def test_birth_after_the_start_and_a_licence_before_the_legal_age_are_impossible(tmp_path, catalogue):
    found = problems(tmp_path, catalogue, BASE.replace("birth_date: 1980-04-10", "birth_date: 1984-04-10"))
    assert (
        "essai.yaml: clients[0].licence_date: Permis obtenu à 15 ans : âge minimum 18 ans avant le 1er janvier "
        "2024 (permis B)." in found
    )
    found = problems(tmp_path, catalogue, BASE.replace("birth_date: 1980-04-10", "birth_date: 2027-01-01"))
    assert any(p.startswith("essai.yaml: clients[0].birth_date: Naissance le 01/01/2027, après") for p in found)


def test_a_licence_at_17_is_possible_from_2024(tmp_path, catalogue):
    text = BASE.replace("birth_date: 1980-04-10", "birth_date: 2007-09-01").replace(
        "licence_date: 1999-06-01", "licence_date: 2025-01-15"
    )
    found = problems(tmp_path, catalogue, text)
    assert not any("licence_date: Permis obtenu" in p for p in found)


def test_a_crm_the_claims_do_not_give_is_reported_with_the_computed_chain(tmp_path, catalogue):
    found = problems(tmp_path, catalogue, BASE.replace('crm: "0.95"', 'crm: "0.68"'))
    assert found == [
        "essai.yaml: clients[0].history[0].releve.crm: Le relevé indique 0,68, mais les sinistres donnent 0,95 par "
        "les règles de l'annexe à l'article A121-1 (depuis 1,00 au 01/04/2015, échéances successives : 0,95 ; 0,90 ; "
        "0,85 ; 0,80 ; 1,00 ; 0,95). Corrigez le coefficient ou les sinistres ; une incohérence voulue se plante dans "
        "la pièce justificative (documents[].data.crm), pas dans l'antécédent."
    ]


def test_the_crm_is_computed_by_the_annex_rules_when_the_file_leaves_it_out(tmp_path, catalogue):
    from polyadmin.domain.scenario import auto_crm_chain

    loaded = load_scenario(write(tmp_path, BASE.replace(', crm: "0.95"', "")), catalogue)
    client = loaded.scenario.clients[0]
    link = auto_crm_chain(client.histories, [c for h in client.histories for c in h.claims], loaded.scenario.start_date)
    # 2016: 0,95 ; 2017: 0,90 ; 2018: 0,85 ; 2019: 0,80 ; 2020 (accident of May 2019): 1,00 ; 2021: 0,95
    assert [str(step.crm) for step in link["avant"].result.steps] == ["0.95", "0.90", "0.85", "0.80", "1.00", "0.95"]


def test_a_termination_for_claims_needs_claims_and_only_the_insurer_gives_it(tmp_path, catalogue):
    text = BASE.replace("termination_reason: echeance", "termination_reason: claims").replace(
        "        claims:\n          - {occurred_on: 2019-05-06, kind: accident, liability: full, amount: 2100}\n", ""
    )
    text = text.replace('crm: "0.95"', 'crm: "0.72"')
    found = problems(tmp_path, catalogue, text)
    assert (
        "essai.yaml: clients[0].history[0].terminated_by: Seul l'assureur résilie pour ce motif (Sinistralité "
        "(après sinistre, R113-10))." in found
    )
    assert (
        "essai.yaml: clients[0].history[0].termination_reason: Résiliation pour sinistralité sans aucun "
        "sinistre dans l'antécédent." in found
    )


def test_a_planted_contract_outside_the_tariff_is_reported_with_the_risk_field(tmp_path, catalogue):
    """The file alone is valid; the service that checks or seeds it prices it with the generator."""
    text = BASE.replace("birth_date: 1980-04-10", "birth_date: 1938-04-10").replace(
        "licence_date: 1999-06-01", "licence_date: 1959-06-01"
    )
    assert problems(tmp_path, catalogue, text) == []
    with pytest.raises(ScenarioInvalid) as raised:
        load_canonical(write(tmp_path, text), catalogue)
    assert [str(p) for p in raised.value.problems] == [
        "essai.yaml:29:9 — client n° 1 `paul`, contrat n° 1 `auto`, donnée de risque `driver_birth_date` — "
        "86 ans à la date d'effet : 85 ans au maximum."
    ]


def test_more_unpaid_instalments_than_fell_due_is_refused(tmp_path, catalogue):
    text = BASE.replace(
        "frequency: mensuel, start_date: 2021-04-01", "frequency: annuel, start_date: 2021-04-01, unpaid: 2"
    )
    found = problems(tmp_path, catalogue, text)
    assert found == [
        "essai.yaml: clients[0].contracts[0].unpaid: 2 impayé(s) demandé(s), mais seulement 1 échéance(s) de la "
        "période en cours (depuis le 01/04/2025) sont échues à la date de début."
    ]


def test_unknown_references_and_document_keys_are_named(tmp_path, catalogue):
    text = (
        BASE.replace("client: paul\n    product: MRH", "client: pierre\n    product: MRH")
        .replace("vehicle: clio}", "vehicle: megane}")
        .replace(
            "{kind: justificatif_domicile, issued_on: 2026-02-10}",
            "{kind: justificatif_domicile, issued_on: 2026-02-27, data: {adresse: ailleurs}}",
        )
    )
    found = problems(tmp_path, catalogue, text)
    assert any(p.startswith("essai.yaml: requests[0].client: Client inconnu « pierre »") for p in found)
    assert any(p.startswith("essai.yaml: clients[0].contracts[0].vehicle: Risque inconnu « megane »") for p in found)


def test_document_issued_after_the_request_and_unknown_data_keys(tmp_path, catalogue):
    text = BASE.replace(
        "{kind: justificatif_domicile, issued_on: 2026-02-10}",
        "{kind: justificatif_domicile, issued_on: 2026-02-27, data: {adresse: ailleurs}}",
    )
    found = problems(tmp_path, catalogue, text)
    assert (
        "essai.yaml: requests[0].documents[0].issued_on: Pièce émise le 27/02/2026, après la réception de la "
        "demande (25/02/2026)." in found
    )
    assert any(p.startswith("essai.yaml: requests[0].documents[0].data.adresse: Rubrique inconnue") for p in found)


def test_a_refer_case_needs_an_expert_and_a_missing_document_case_names_the_document(tmp_path, catalogue):
    found = problems(tmp_path, catalogue, BASE.replace("outcome: accept,", "outcome: refer,"))
    assert found == [
        "essai.yaml: requests[0].experts: Cas « refer » : scriptez la réponse d'au moins un expert (experts)."
    ]
    found = problems(tmp_path, catalogue, BASE.replace("outcome: accept,", "outcome: missing_document,"))
    assert found == [
        "essai.yaml: requests[0].expected.missing_documents: Cas « pièce manquante » : nommez la pièce manquante ou "
        "décrivez l'anomalie de la pièce (anomaly)."
    ]


def test_population_shares_must_make_100_percent_and_name_real_products(tmp_path, catalogue):
    text = BASE + (
        "population:\n  count: 10\n  segments: {person: 60, household: 30}\n"
        "  products: {person: {AUTO: 50, VELO: 10}, company: {AUTO: 100}}\n"
        "  ages: [{min: 16, max: 40, percent: 100}]\n  crm: [{min: 0.5, max: 4, percent: 100}]\n"
    )
    found = problems(tmp_path, catalogue, text)
    assert "essai.yaml: population.segments: Les pourcentages font 90 % au lieu de 100 %." in found
    assert any(p.startswith("essai.yaml: population.products.person.VELO: Produit inconnu") for p in found)
    assert "essai.yaml: population.products.company.AUTO: AUTO ne s'adresse pas à ce segment (company)." in found
    assert "essai.yaml: population.ages[0]: Âges entiers de 18 à 99 ans." in found
    assert "essai.yaml: population.crm[0]: Coefficients de 0,50 à 3,50 (A121-1)." in found


def test_shape_errors_are_listed_all_at_once_with_paths(tmp_path, catalogue):
    text = BASE.replace("kind: person", "kind: robot").replace("energy: essence", "energy: charbon")
    text = text.replace("outcome: accept,", "outcome: peut-etre,")
    found = problems(tmp_path, catalogue, text)
    assert "essai.yaml: clients[0].kind: Valeur inconnue ; valeurs possibles : person, company." in found
    assert any(p.startswith("essai.yaml: clients[0].vehicles[0].energy: Valeur inconnue") for p in found)
    assert any(p.startswith("essai.yaml: requests[0].expected.outcome: Valeur inconnue") for p in found)


def test_a_scenario_pinned_to_another_catalogue_is_refused(tmp_path, catalogue):
    found = problems(
        tmp_path,
        catalogue,
        BASE.replace("start_date: 2026-03-02\n", "start_date: 2026-03-02\ncatalogue: 0123abcd\n", 1),
    )
    assert len(found) == 1 and found[0].startswith(
        "essai.yaml: catalogue: Le scénario est écrit pour le catalogue 0123abcd"
    )
    pinned = BASE.replace(
        "start_date: 2026-03-02\n", f'start_date: 2026-03-02\ncatalogue: "{catalogue.content_hash[:10]}"\n', 1
    )
    assert problems(tmp_path, catalogue, pinned) == []
    unquoted = BASE.replace("start_date: 2026-03-02\n", "start_date: 2026-03-02\ncatalogue: 5024866733\n", 1)
    assert problems(tmp_path, catalogue, unquoted) == [
        'essai.yaml: catalogue: Empreinte entre guillemets attendue (ex. catalogue: "5024866733").'
    ]


def test_the_stored_canonical_document_reads_back_to_the_same_scenario_and_hash(tmp_path, catalogue):
    loaded = load_scenario(ROOT / "scenarios" / "examen-souscription.yaml", catalogue)
    again = scenario_from_document(json.loads(canonical_json(loaded.document)), catalogue, "stocké")
    assert again.content_hash == loaded.content_hash
    assert again.scenario == loaded.scenario


def test_load_scenario_raises_with_every_problem(tmp_path, catalogue):
    with pytest.raises(ScenarioInvalid) as raised:
        load_scenario(
            write(tmp_path, BASE.replace("product: MRH", "product: MOTO").replace("kind: person", "kind: x")), catalogue
        )
    assert len(raised.value.problems) >= 1
    assert all(problem.file == "essai.yaml" for problem in raised.value.problems)


def test_a_missing_file_and_unreadable_yaml_are_problems_not_crashes(tmp_path, catalogue):
    assert [str(p) for p in check_scenario(tmp_path / "absent.yaml", catalogue)] == [
        f"{tmp_path / 'absent.yaml'} — Fichier introuvable."
    ]
    write(tmp_path, "code: [pas fermé\n")
    assert [str(p) for p in check_scenario(tmp_path / "essai.yaml", catalogue)] == [
        "essai.yaml:2:1 — YAML illisible : virgule ou crochet fermant « ] » attendu : "
        "la liste entre crochets n'est pas refermée."
    ]


def test_the_example_of_the_trainers_documentation_is_a_valid_scenario(tmp_path, catalogue):
    text = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    start = text.index("```yaml\ncode: exemple") + len("```yaml\n")
    assert problems(tmp_path, catalogue, text[start : text.index("```", start)]) == []
