"""The generator: deterministic, and every generated fact consistent with the others and the rules."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from polyadmin.catalogue import load_directory
from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.identifiers import (
    iban_is_valid,
    naf_code_is_valid,
    registration_is_valid,
    siren_is_valid,
    siret_is_valid,
)
from polyadmin.domain.pricing import PricingRequest, price
from polyadmin.domain.risk_data import departement
from polyadmin.scenarios import load_scenario
from polyadmin.seeding.generate import generate_portfolio
from polyadmin.seeding.portfolio import TABLE_ORDER, Portfolio, portfolio_digest
from polyadmin.seeding.reference import COMMUNES, NAF_ACTIVITY

ROOT = Path(__file__).resolve().parents[2]
START = date(2026, 3, 2)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_directory(ROOT / "products").catalogue


@pytest.fixture(scope="module")
def exam(catalogue: Catalogue) -> tuple[model.Scenario, Portfolio]:
    scenario = load_scenario(ROOT / "scenarios" / "examen-souscription.yaml", catalogue).scenario
    return scenario, generate_portfolio(scenario, catalogue, scenario.seed)


def rows(portfolio: Portfolio, table: str) -> list[dict[str, Any]]:
    return portfolio.rows[table]


def by(portfolio: Portfolio, table: str, key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in portfolio.rows[table]:
        grouped[row[key]].append(row)
    return grouped


# --- determinism ---------------------------------------------------------------------------------------


def test_the_same_scenario_and_seed_give_the_same_digest_and_another_seed_another(catalogue):
    scenario = load_scenario(ROOT / "scenarios" / "demo.yaml", catalogue).scenario
    first = portfolio_digest(generate_portfolio(scenario, catalogue, 7).rows)
    second = portfolio_digest(generate_portfolio(scenario, catalogue, 7).rows)
    other = portfolio_digest(generate_portfolio(scenario, catalogue, 8).rows)
    assert first == second
    assert other != first


def test_the_exam_portfolio_is_the_same_after_a_json_round_trip_of_its_rows(exam):
    _scenario, portfolio = exam
    plain = json.loads(json.dumps({t: portfolio.rows[t] for t in TABLE_ORDER}, default=str))
    assert set(plain) == set(TABLE_ORDER)
    assert portfolio.counts()["clients"] == 300


def test_planted_clients_come_first_and_numbers_follow_generation_order(exam):
    scenario, portfolio = exam
    clients = rows(portfolio, "clients")
    assert [c["number"] for c in clients] == [f"CL-{n:06d}" for n in range(1, 301)]
    planted = [(c["first_name"] or c["company_name"]) for c in clients[: len(scenario.clients)]]
    assert planted[:3] == ["Martine", "Julien", "Patrick"] and planted[-1] == "Brasserie des Halles"
    contracts = [c["number"] for c in rows(portfolio, "contracts")]
    assert contracts == [f"CT-{n:06d}" for n in range(1, len(contracts) + 1)]
    requests = rows(portfolio, "subscription_requests")
    assert [r["number"] for r in requests] == [f"DS-{n:06d}" for n in range(1, 9)]
    assert [r["case_code"] for r in requests] == [r.ref for r in scenario.requests]
    for table, prefix in (
        ("dwellings", "LOG"),
        ("businesses", "ENT"),
        ("loans", "PRT"),
        ("insurance_histories", "HIS"),
    ):
        assert [r["key"] for r in rows(portfolio, table)] == [
            f"{prefix}-{n:06d}" for n in range(1, len(rows(portfolio, table)) + 1)
        ]


def test_every_row_references_an_existing_record(exam):
    _scenario, portfolio = exam
    keys = {
        "client": {r["number"] for r in rows(portfolio, "clients")},
        "related": {r["number"] for r in rows(portfolio, "clients")},
        "vehicle": {r["registration"] for r in rows(portfolio, "vehicles")},
        "dwelling": {r["key"] for r in rows(portfolio, "dwellings")},
        "business": {r["key"] for r in rows(portfolio, "businesses")},
        "loan": {r["key"] for r in rows(portfolio, "loans")},
        "history": {r["key"] for r in rows(portfolio, "insurance_histories")},
        "contract": {r["number"] for r in rows(portfolio, "contracts")},
        "request": {r["number"] for r in rows(portfolio, "subscription_requests")},
    }
    for table in TABLE_ORDER:
        for row in rows(portfolio, table):
            for field, known in keys.items():
                if field in row and row[field] is not None and not (table == "clients" and field == "client"):
                    assert row[field] in known, (table, field, row[field])
    assert len(keys["vehicle"]) == len(rows(portfolio, "vehicles"))  # registrations are unique


# --- identifiers and addresses ---------------------------------------------------------------------------


def test_every_iban_siren_siret_naf_and_registration_is_valid(exam):
    _scenario, portfolio = exam
    ibans = [c["iban"] for c in rows(portfolio, "contracts") if c["iban"]]
    assert ibans and all(iban_is_valid(i) for i in ibans)
    sirens = [c["siren"] for c in rows(portfolio, "clients") if c["kind"] == "company"]
    assert sirens and all(siren_is_valid(s) for s in sirens)
    assert all(siret_is_valid(b["siret"]) and naf_code_is_valid(b["naf_code"]) for b in rows(portfolio, "businesses"))
    clients = {c["number"]: c for c in rows(portfolio, "clients")}
    for business in rows(portfolio, "businesses"):
        owner = clients[business["client"]]
        if owner["kind"] == "company":
            assert business["siret"][:9] == owner["siren"]
    assert all(registration_is_valid(v["registration"]) for v in rows(portfolio, "vehicles"))
    assert all(v["registration_key"] == v["registration"].replace("-", "") for v in rows(portfolio, "vehicles"))


def test_naf_codes_match_the_pro_activity_priced(exam):
    _scenario, portfolio = exam
    businesses = {b["key"]: b for b in rows(portfolio, "businesses")}
    for contract in rows(portfolio, "contracts"):
        if contract["product_code"] == "PRO":
            assert NAF_ACTIVITY[businesses[contract["business"]]["naf_code"]] == contract["risk"]["activity"]


def test_generated_postcodes_belong_to_their_city_and_to_every_zone_table(exam, catalogue):
    scenario, portfolio = exam
    pairs = {(c.postcode, c.city) for c in COMMUNES}
    zones = {code: {key for key, _ in catalogue.product(code).table("zone").entries} for code in ("AUTO", "MRH", "PRO")}
    generated = rows(portfolio, "clients")[len(scenario.clients) :]
    places = [(c["postcode"], c["city"]) for c in generated]
    places += [(d["postcode"], d["city"]) for d in rows(portfolio, "dwellings")[3:]]
    for postcode, city in places:
        assert (postcode, city) in pairs
        for code, keys in zones.items():
            assert departement(postcode) in keys, (code, postcode)
    assert all(v["garage_postcode"][:2] for v in rows(portfolio, "vehicles"))


def test_phones_use_the_fiction_ranges_and_emails_a_reserved_domain(exam):
    scenario, portfolio = exam
    for client in rows(portfolio, "clients")[len(scenario.clients) :]:
        assert client["phone"][:8] in ("06 39 98", "01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49")
        assert client["email"] is None or client["email"].endswith(".example")


# --- histories, bonus-malus ------------------------------------------------------------------------------


def history_specs(portfolio: Portfolio) -> dict[str, tuple[list[model.HistorySpec], list[model.ClaimSpec]]]:
    """Each client's histories and claims, rebuilt from the rows alone."""
    claims = by(portfolio, "claims", "client")
    result: dict[str, tuple[list[model.HistorySpec], list[model.ClaimSpec]]] = {}
    histories_of = by(portfolio, "insurance_histories", "client")
    for client in {r["number"] for r in rows(portfolio, "clients")}:
        histories = histories_of.get(client, [])
        specs = []
        for row in histories:
            own = [c for c in claims.get(client, []) if c["history"] == row["key"]]
            specs.append(
                model.HistorySpec(
                    ref=row["key"],
                    line=row["line"],
                    insurer=row["insurer"],
                    start_date=row["start_date"],
                    end_date=row["end_date"],
                    statement_date=row["statement_date"],
                    crm=row["crm"],
                    claims=tuple(
                        model.ClaimSpec(c["occurred_on"], c["kind"], c["liability"], c["amount"]) for c in own
                    ),
                )
            )
        contract_claims = [
            model.ClaimSpec(c["occurred_on"], c["kind"], c["liability"], c["amount"], contract=c["contract"])
            for c in claims.get(client, [])
            if c["contract"]
        ]
        result[client] = (specs, [c for h in specs for c in h.claims] + contract_claims)
    return result


def test_the_crm_of_every_relevé_is_crm_after_of_its_claims(exam):
    _scenario, portfolio = exam
    checked = 0
    for histories, claims in history_specs(portfolio).values():
        links = model.auto_crm_chain(histories, claims, START)
        for history in histories:
            if history.line == "auto":
                assert history.crm == links[history.ref].crm, history
                checked += 1
            else:
                assert history.crm is None
    assert checked > 100
    crms = [h["crm"] for h in rows(portfolio, "insurance_histories") if h["crm"] is not None]
    assert min(crms) == Decimal("0.50") and max(crms) > Decimal("1.00")


def test_the_crm_priced_on_a_motor_contract_continues_from_the_relevé_with_the_contract_claims(exam):
    _scenario, portfolio = exam
    specs = history_specs(portfolio)
    vehicles = {v["registration"]: v for v in rows(portfolio, "vehicles")}
    for contract in rows(portfolio, "contracts"):
        if contract["product_code"] != "AUTO":
            continue
        histories, claims = specs.get(contract["client"], ([], []))
        period_start, _ = model.current_period(contract["start_date"], START)
        usage = "tournees" if vehicles[contract["vehicle"]]["usage"] == "professionnel" else "standard"
        link = model.contract_crm(histories, claims, contract["start_date"], period_start, START, usage)
        assert Decimal(contract["risk"]["crm"]) == link.crm, contract["number"]


def test_history_claims_fall_inside_their_history_and_the_relevé_five_years(exam):
    _scenario, portfolio = exam
    histories = {h["key"]: h for h in rows(portfolio, "insurance_histories")}
    contracts = {c["number"]: c for c in rows(portfolio, "contracts")}
    for claim in rows(portfolio, "claims"):
        assert claim["occurred_on"] < START
        if claim["history"]:
            history = histories[claim["history"]]
            assert history["start_date"] <= claim["occurred_on"] <= (history["end_date"] or START)
            if history["statement_date"]:
                assert claim["occurred_on"] >= history["statement_date"] - timedelta(days=5 * 366)
        else:
            assert claim["occurred_on"] >= contracts[claim["contract"]]["start_date"]


def test_terminations_are_coherent(exam):
    _scenario, portfolio = exam
    claims = by(portfolio, "claims", "history")
    for history in rows(portfolio, "insurance_histories"):
        if history["terminated_by"]:
            assert history["end_date"] is not None
        if history["termination_reason"] in ("non_payment", "claims"):
            assert history["terminated_by"] == "insurer"
        if history["termination_reason"] == "claims":
            assert claims.get(history["key"])


# --- contracts and schedules -----------------------------------------------------------------------------


def engine_pricing(catalogue: Catalogue, contract: dict[str, Any], others: int) -> Any:
    product = replace(catalogue.product(contract["product_code"]), effective_date=date.min)
    period_start, _ = model.current_period(contract["start_date"], START)
    request = PricingRequest(
        formula=contract["formula"],
        frequency=contract["frequency"],
        effective_date=period_start,
        risk=contract["risk"],
        options=tuple(contract["options"]),
        deductibles=contract["deductibles"],
        other_contracts=others,
    )
    return price(product, catalogue.taxes, request)


def test_every_contract_is_the_engines_price_and_its_instalments_sum_to_the_annual_total(exam, catalogue):
    _scenario, portfolio = exam
    instalments = by(portfolio, "instalments", "contract")
    per_client = by(portfolio, "contracts", "client")
    for contract in rows(portfolio, "contracts"):
        in_force = [c for c in per_client[contract["client"]] if c["status"] != "terminated"]
        pricing = engine_pricing(catalogue, contract, len(in_force) - 1)
        schedule = sorted(instalments[contract["number"]], key=lambda i: i["number"])
        assert contract["premium_before_tax"] == pricing.premium_before_tax
        assert contract["annual_total"] == pricing.total
        assert [(i["due_date"], i["amount"]) for i in schedule] == [(i.due_date, i.amount) for i in pricing.instalments]
        assert sum(i["amount"] for i in schedule) == contract["annual_total"]
        assert schedule[0]["period_start"] <= START < contract["next_due_date"]


def test_instalments_due_before_the_start_are_paid_except_the_planted_unpaid(exam):
    _scenario, portfolio = exam
    contracts = {c["number"]: c for c in rows(portfolio, "contracts")}
    unpaid = [i for i in rows(portfolio, "instalments") if i["status"] == "unpaid"]
    for instalment in rows(portfolio, "instalments"):
        if instalment["due_date"] >= START:
            assert instalment["status"] == "due" and instalment["paid_on"] is None
        elif instalment["status"] == "paid":
            assert instalment["due_date"] <= instalment["paid_on"] < START
        else:
            assert instalment["status"] == "unpaid"
    ferreira = [i for i in unpaid if contracts[i["contract"]]["client"] == "CL-000002"]
    assert [i["due_date"] for i in ferreira] == [date(2026, 2, 1), date(2026, 3, 1)]
    for contract in rows(portfolio, "contracts"):
        if contract["iban"] is None:
            assert contract["frequency"] == "annuel"


def test_ages_licences_and_loans_are_coherent(exam):
    _scenario, portfolio = exam
    clients = {c["number"]: c for c in rows(portfolio, "clients")}
    loans = {loan["key"]: loan for loan in rows(portfolio, "loans")}
    for client in clients.values():
        if client["kind"] == "person":
            assert 18 <= model.years_between(client["birth_date"], START) <= 99
            assert client["created_on"] <= client["updated_on"] <= START
    for contract in rows(portfolio, "contracts"):
        owner = clients[contract["client"]]
        assert contract["start_date"] < START and contract["created_on"] < contract["start_date"]
        if owner["kind"] == "person":
            assert model.years_between(owner["birth_date"], contract["start_date"]) >= 18
        risk = contract["risk"]
        if contract["product_code"] == "AUTO":
            birth, licence = date.fromisoformat(risk["driver_birth_date"]), date.fromisoformat(risk["licence_date"])
            assert model.years_between(birth, licence) >= 18
            assert date.fromisoformat(risk["first_registration_date"]) <= contract["start_date"]
            assert risk["claim_free_years"] <= model.years_between(licence, START)
        if contract["product_code"] == "EMPRUNTEUR":
            loan = loans[contract["loan"]]
            birth = owner["birth_date"]
            assert model.years_between(birth, loan["start_date"]) >= 20
            assert loan["start_date"] + timedelta(days=31 * loan["duration_months"]) > START
    for vehicle in rows(portfolio, "vehicles"):
        assert vehicle["first_registration"] <= START and vehicle["value"] >= 500


def test_households_are_two_records_with_one_address_and_a_spouse_link(exam):
    _scenario, portfolio = exam
    clients = {c["number"]: c for c in rows(portfolio, "clients")}
    spouses = [r for r in rows(portfolio, "client_relations") if r["kind"] == "spouse"]
    assert spouses
    for relation in spouses:
        one, other = clients[relation["client"]], clients[relation["related"]]
        assert (one["address_line1"], one["postcode"]) == (other["address_line1"], other["postcode"])
        assert one["family_situation"] == other["family_situation"] in ("marie", "pacse", "concubinage")


# --- requests and documents ------------------------------------------------------------------------------


def test_requests_carry_the_expected_outcome_documents_and_expert_answers(exam):
    _scenario, portfolio = exam
    requests = rows(portfolio, "subscription_requests")
    assert {r["expected_outcome"] for r in requests} == {
        "accept",
        "accept_conditions",
        "refer",
        "decline",
        "missing_document",
    }
    documents = by(portfolio, "supporting_documents", "request")
    assert len(documents["DS-000006"]) == 4
    certificate = next(d for d in documents["DS-000006"] if d["kind"] == "certificat_immatriculation")
    assert certificate["data"]["holder_name"] == "ROYER Bernard" and certificate["anomaly"]
    releve = next(d for d in documents["DS-000002"] if d["kind"] == "releve_information")
    assert releve["data"]["crm"] == "1.25" and len(releve["data"]["claims"]) == 2
    assert not any(d["kind"] == "releve_information" for d in documents["DS-000004"])
    experts = by(portfolio, "expert_scripts", "request")
    assert [e["expert"] for e in experts["DS-000007"]] == ["medecin_conseil"]
    declared = requests[3]["requested"]["declared"]
    assert declared["crm"] == "0.50" and declared["claim_free_years"] == 17


def test_a_planted_request_declares_the_client_records_unless_the_file_overrides_them(exam):
    _scenario, portfolio = exam
    vasseur = rows(portfolio, "subscription_requests")[2]
    assert vasseur["requested"]["declared"]["crm"] == "2.43"
    assert vasseur["vehicle"] == rows(portfolio, "vehicles")[2]["registration"]


def test_the_population_follows_the_scenario_mix(catalogue):
    scenario = load_scenario(ROOT / "scenarios" / "examen-souscription.yaml", catalogue).scenario
    bigger = replace(scenario, clients=(), requests=(), population=replace(scenario.population, count=1500))
    portfolio = generate_portfolio(bigger, catalogue, 11)
    clients = rows(portfolio, "clients")
    assert len(clients) == 1500
    companies = sum(1 for c in clients if c["kind"] == "company")
    assert 0.05 < companies / 1500 < 0.15
    prospects = sum(1 for c in clients if c["status"] == "prospect")
    assert 0.02 < prospects / 1500 < 0.12
    per_product = defaultdict(int)
    for contract in rows(portfolio, "contracts"):
        per_product[contract["product_code"]] += 1
    assert per_product["MRH"] > per_product["SANTE"] > per_product["PRO"] > 0
    crms = [h["crm"] for h in rows(portfolio, "insurance_histories") if h["crm"] is not None]
    at_floor = sum(1 for crm in crms if crm == Decimal("0.50")) / len(crms)
    assert 0.25 < at_floor < 0.6


def test_a_contract_the_engine_refuses_fails_the_generation_as_a_scenario_problem(catalogue):
    from polyadmin.scenarios import ScenarioInvalid

    scenario = load_scenario(ROOT / "scenarios" / "demo.yaml", catalogue).scenario
    karim = scenario.clients[1]
    broken = replace(karim, contracts=(replace(karim.contracts[0], risk={"children": 11}),))
    unvalidated = replace(scenario, clients=(scenario.clients[0], broken, *scenario.clients[2:]))
    with pytest.raises(ScenarioInvalid) as raised:
        generate_portfolio(unvalidated, catalogue, 1)
    assert [str(p) for p in raised.value.problems] == [
        "demo — clients[1].contracts[0].risk.children — Valeur supérieure au maximum (10)."
    ]


def test_a_generation_leaves_the_shared_factory_and_faker_randomness_as_it_found_it(catalogue):
    import factory.random
    import faker.generator

    before = (factory.random.randgen.getstate(), faker.generator.random.getstate())
    scenario = load_scenario(ROOT / "scenarios" / "demo.yaml", catalogue).scenario
    generate_portfolio(scenario, catalogue, 3)
    assert (factory.random.randgen.getstate(), faker.generator.random.getstate()) == before
