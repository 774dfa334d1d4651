"""Read a scenario file (scenarios/*.yaml) into a validated Scenario, or list every problem.

Reading follows the catalogue's: the YAML is read exactly (numbers from their text), turned into its
plain *document* (dates and numbers as text), validated by marshmallow (shape, types, closed lists),
then cross-checked against the catalogue and the business rules (checks.py). Pricing the planted
contracts and a sample of the population needs the generator: the service that checks or seeds a
scenario adds it (polyadmin.services.seeding.load_canonical), so this package never imports
polyadmin.seeding. Every problem is reported as
`file: path: problem`, all of them, never only the first. The document is what a sandbox stores
(canonical JSON) and what the content hash covers: a stored document reads back to the same scenario.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from polyadmin.catalogue.loader import document_hash
from polyadmin.catalogue.problems import ALL, duplicate_problems, lenient_load, locate, sort_problems
from polyadmin.catalogue.yaml_exact import Located, read_located, to_document
from polyadmin.domain import scenario as model
from polyadmin.domain.catalogue import Catalogue
from polyadmin.domain.scenario import ScenarioInvalid, ScenarioProblem
from polyadmin.scenarios.checks import check_model
from polyadmin.scenarios.schemas import ScenarioSchema
from polyadmin.validation.yaml_french import yaml_problem_parts


@dataclass(frozen=True)
class LoadedScenario:
    scenario: model.Scenario
    document: dict[str, Any]
    content_hash: str


def read_source(path: Path) -> tuple[dict[str, Any], Located]:
    """The plain document of a scenario file and its places (line, column of every value);
    ScenarioInvalid if it cannot be read as a YAML mapping."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioInvalid([ScenarioProblem(str(path), "", "Fichier introuvable.")]) from None
    except UnicodeDecodeError as exc:
        line, column, message = yaml_problem_parts(exc)
        raise ScenarioInvalid([ScenarioProblem(name, "", message, line, column)]) from None
    return read_text_source(name, text)


def read_text_source(name: str, text: str) -> tuple[dict[str, Any], Located]:
    try:
        located = read_located(text)
    except yaml.YAMLError as exc:
        line, column, message = yaml_problem_parts(exc)
        raise ScenarioInvalid([ScenarioProblem(name, "", message, line, column)]) from None
    if not isinstance(located.data, dict):
        raise ScenarioInvalid([ScenarioProblem(name, "", "Le fichier doit décrire un objet (code, title…).", 1, 1)])
    document = to_document(located.data)
    assert isinstance(document, dict)
    return document, located


def read_document(path: Path) -> dict[str, Any]:
    """The plain document of a scenario file; ScenarioInvalid if it cannot be read as a YAML mapping."""
    return read_source(path)[0]


# --- document → model ------------------------------------------------------------------------------


def _address(raw: dict[str, Any] | None) -> model.Address | None:
    if raw is None:
        return None
    return model.Address(line1=raw["line1"], postcode=raw["postcode"], city=raw["city"], line2=raw.get("line2"))


def _claim(raw: dict[str, Any]) -> model.ClaimSpec:
    return model.ClaimSpec(
        occurred_on=raw["occurred_on"],
        kind=raw["kind"],
        liability=raw["liability"],
        amount=raw["amount"],
        status=raw["status"],
        description=raw["description"],
        contract=raw.get("contract"),
    )


def _history(raw: dict[str, Any]) -> model.HistorySpec:
    releve = raw.get("releve") or {}
    reference = releve.get("crm_reference")
    return model.HistorySpec(
        ref=raw["ref"],
        line=raw["line"],
        insurer=raw["insurer"],
        start_date=raw["start_date"],
        policy_number=raw.get("policy_number"),
        end_date=raw.get("end_date"),
        statement_date=releve.get("statement_date"),
        crm=releve.get("crm"),
        crm_reference=(
            model.CrmReference(
                on=reference["due_date"], crm=reference["crm"], years_at_floor=reference["years_at_floor"]
            )
            if reference
            else None
        ),
        usage=releve.get("usage", "standard"),
        terminated_by=raw.get("terminated_by"),
        termination_reason=raw.get("termination_reason"),
        claims=tuple(_claim(c) for c in raw["claims"]),
    )


def _document_spec(raw: dict[str, Any], kind: str | None = None) -> model.DocumentSpec:
    """`kind`: the code a client's reply answers (the document's kind is always that code)."""
    return model.DocumentSpec(
        kind=raw.get("kind") or kind or "",
        issued_on=raw["issued_on"],
        title=raw.get("title"),
        valid_until=raw.get("valid_until"),
        data=dict(raw["data"]),
        anomaly=raw.get("anomaly"),
        fill=raw["fill"],
        history=raw.get("history"),
        vehicle=raw.get("vehicle"),
        business=raw.get("business"),
        loan=raw.get("loan"),
    )


def _vehicle(raw: dict[str, Any]) -> model.VehicleSpec:
    return model.VehicleSpec(
        ref=raw["ref"],
        make=raw["make"],
        model=raw["model"],
        vehicle_group=raw["vehicle_group"],
        first_registration=raw["first_registration"],
        energy=raw["energy"],
        co2_class=raw["co2_class"],
        value=raw["value"],
        usage=raw["usage"],
        annual_mileage=raw["annual_mileage"],
        registration=raw.get("registration"),
        garage_postcode=raw.get("garage_postcode"),
    )


def _dwelling(raw: dict[str, Any]) -> model.DwellingSpec:
    return model.DwellingSpec(
        ref=raw["ref"],
        dwelling_type=raw["dwelling_type"],
        occupancy_status=raw["occupancy_status"],
        residence=raw["residence"],
        surface=raw["surface"],
        rooms=raw["rooms"],
        floor=raw["floor"],
        construction_year=raw["construction_year"],
        contents_value=raw["contents_value"],
        security_features=tuple(raw["security_features"]),
        natural_hazard_zone=raw["natural_hazard_zone"],
        address=_address(raw.get("address")),
    )


def _business(raw: dict[str, Any]) -> model.BusinessSpec:
    return model.BusinessSpec(
        ref=raw["ref"],
        naf_code=raw["naf_code"],
        activity=raw["activity"],
        turnover=raw["turnover"],
        staff=raw["staff"],
        premises_surface=raw["premises_surface"],
        contents_value=raw["contents_value"],
        siret=raw.get("siret"),
        address=_address(raw.get("address")),
    )


def _loan(raw: dict[str, Any]) -> model.LoanSpec:
    return model.LoanSpec(
        ref=raw["ref"],
        lender=raw["lender"],
        capital=raw["capital"],
        duration_months=raw["duration_months"],
        rate_percent=raw["rate_percent"],
        purpose=raw["purpose"],
        start_date=raw["start_date"],
        insured_share_percent=raw["insured_share_percent"],
    )


def _contract(raw: dict[str, Any]) -> model.ContractSpec:
    return model.ContractSpec(
        ref=raw["ref"],
        product=raw["product"],
        formula=raw["formula"],
        frequency=raw["frequency"],
        start_date=raw["start_date"],
        options=tuple(raw["options"]),
        deductibles=dict(raw["deductibles"]),
        vehicle=raw.get("vehicle"),
        dwelling=raw.get("dwelling"),
        business=raw.get("business"),
        loan=raw.get("loan"),
        risk=dict(raw["risk"]),
        status=raw["status"],
        unpaid=raw["unpaid"],
        payment_method=raw.get("payment_method"),
    )


def _interaction(raw: dict[str, Any]) -> model.InteractionSpec:
    return model.InteractionSpec(
        occurred_on=raw["occurred_on"],
        channel=raw["channel"],
        direction=raw["direction"],
        motive=raw["motive"],
        summary=raw["summary"],
    )


def _client(raw: dict[str, Any]) -> model.ClientSpec:
    gdpr = raw.get("gdpr") or {}
    return model.ClientSpec(
        ref=raw["ref"],
        kind=raw["kind"],
        status=raw["status"],
        civility=raw.get("civility"),
        first_name=raw.get("first_name"),
        last_name=raw.get("last_name"),
        birth_date=raw.get("birth_date"),
        profession=raw.get("profession"),
        family_situation=raw.get("family_situation"),
        company_name=raw.get("company_name"),
        siren=raw.get("siren"),
        legal_form=raw.get("legal_form"),
        activity=raw.get("activity"),
        address=_address(raw.get("address")),
        phone=raw.get("phone"),
        email=raw.get("email"),
        preferred_channel=raw["preferred_channel"],
        specific_needs=raw.get("specific_needs"),
        accessible_formats=tuple(raw["accessible_formats"]),
        gdpr_consent=bool(gdpr.get("consent", False)),
        gdpr_purposes=tuple(gdpr.get("purposes", ())),
        gdpr_consent_on=gdpr.get("date"),
        created_on=raw.get("created_on"),
        iban=raw.get("iban"),
        licence_date=raw.get("licence_date"),
        accompanied_driving=raw["accompanied_driving"],
        relations=tuple(model.RelationSpec(kind=r["kind"], client=r["client"]) for r in raw["relations"]),
        vehicles=tuple(_vehicle(v) for v in raw["vehicles"]),
        dwellings=tuple(_dwelling(d) for d in raw["dwellings"]),
        businesses=tuple(_business(b) for b in raw["businesses"]),
        loans=tuple(_loan(loan) for loan in raw["loans"]),
        histories=tuple(_history(h) for h in raw["history"]),
        contracts=tuple(_contract(c) for c in raw["contracts"]),
        claims=tuple(_claim(c) for c in raw["claims"]),
        interactions=tuple(_interaction(i) for i in raw["interactions"]),
        documents=tuple(_document_spec(d) for d in raw["documents"]),
    )


def _request(raw: dict[str, Any]) -> model.RequestSpec:
    expected = raw["expected"]
    return model.RequestSpec(
        ref=raw["ref"],
        client=raw["client"],
        product=raw["product"],
        received_on=raw["received_on"],
        channel=raw["channel"],
        expected=model.Expectation(
            outcome=expected["outcome"],
            notes=expected["notes"],
            missing_documents=tuple(expected["missing_documents"]),
        ),
        formula=raw.get("formula"),
        options=tuple(raw["options"]),
        frequency=raw.get("frequency"),
        effective_date=raw.get("effective_date"),
        declared=dict(raw["declared"]),
        vehicle=raw.get("vehicle"),
        dwelling=raw.get("dwelling"),
        business=raw.get("business"),
        loan=raw.get("loan"),
        message=raw["message"],
        documents=tuple(_document_spec(d) for d in raw["documents"]),
        experts=tuple(
            model.ExpertAnswer(
                expert=e["expert"], answer=e["answer"], delay_days=e["delay_days"], verdict=e.get("verdict")
            )
            for e in raw["experts"]
        ),
        replies=tuple(_reply(code, reply) for code, reply in sorted(raw["client_replies"].items())),
    )


def _reply(code: str, raw: dict[str, Any]) -> model.DocumentReply:
    if raw["never"]:
        return model.DocumentReply(code=code, outcome="never")
    document = _document_spec(raw["document"], code)
    if raw.get("arrives_wrong"):
        document = replace(document, anomaly=raw["arrives_wrong"])
    return model.DocumentReply(
        code=code,
        outcome="arrives_wrong" if raw.get("arrives_wrong") else "arrives",
        delay_days=raw["arrives_after_days"],
        document=document,
    )


def _shares(raw: list[dict[str, Any]]) -> tuple[model.Share, ...]:
    return tuple(model.Share(minimum=s["min"], maximum=s["max"], percent=s["percent"]) for s in raw)


def _population(raw: dict[str, Any] | None) -> model.PopulationSpec | None:
    if raw is None:
        return None
    return model.PopulationSpec(
        count=raw["count"],
        segments=dict(raw["segments"]),
        products={segment: dict(mix) for segment, mix in raw["products"].items()},
        ages=_shares(raw["ages"]),
        crm=_shares(raw["crm"]),
        formulas={product: dict(mix) for product, mix in raw["formulas"].items()},
        frequencies=dict(raw["frequencies"]),
        claims_per_year=Decimal(raw["claims_per_year"]),
        at_fault_percent=Decimal(raw["at_fault_percent"]),
        prospects_percent=Decimal(raw["prospects_percent"]),
        options_percent=Decimal(raw["options_percent"]),
        unpaid_percent=Decimal(raw["unpaid_percent"]),
        terminated_percent=Decimal(raw["terminated_percent"]),
        interactions_per_client=Decimal(raw["interactions_per_client"]),
    )


def build_scenario(data: dict[str, Any]) -> model.Scenario:
    """The Scenario of a document already loaded by ScenarioSchema (typed values)."""
    return model.Scenario(
        code=data["code"],
        title=data["title"],
        description=data["description"],
        start_date=data["start_date"],
        seed=data["seed"],
        catalogue=data.get("catalogue"),
        clients=tuple(_client(c) for c in data["clients"]),
        population=_population(data.get("population")),
        requests=tuple(_request(r) for r in data["requests"]),
    )


# --- public --------------------------------------------------------------------------------------------


SCENARIO_PLACEHOLDERS: dict[str, Any] = {
    "code": "",
    "title": "",
    "description": "",
    "start_date": None,
    "seed": 1,
    "catalogue": None,
    "clients": [],
    "population": None,
    "requests": [],
}
_LISTED = re.compile(r"^(clients|requests)\[(\d+)\]")


def _scenario_problems(document: dict[str, Any], catalogue: Catalogue, file: str) -> tuple[Any, list[ScenarioProblem]]:
    """(data, every problem): the schema's, then — on the items it leaves usable — the cross-checks. A
    client or request the schema refuses is left out of the cross-checks (a reference to it is not
    reported again); without a readable start date the cross-checks wait for it."""
    data, schema_found, broken = lenient_load(ScenarioSchema(), document, SCENARIO_PLACEHOLDERS)
    problems = [ScenarioProblem(file, path, message) for path, message in schema_found]
    if data["start_date"] is None or any(codes is ALL for codes in broken.values()):
        return data, problems
    kept = {key: [index for index, item in enumerate(data[key]) if item is not None] for key in ("clients", "requests")}
    usable = {**data, "clients": [data["clients"][i] for i in kept["clients"]]}
    usable["requests"] = [data["requests"][i] for i in kept["requests"]]
    try:
        scenario = build_scenario(usable)
    except (KeyError, TypeError, AttributeError):  # pragma: no cover — a hole the builder did not expect
        if not problems:
            raise
        return data, problems
    refused = {ref for codes in broken.values() if codes for ref in codes}
    for path, message in check_model(scenario, catalogue):
        if any(f"« {ref} »" in message for ref in refused):
            continue  # a reference to a refused item: its own problem is already reported
        match = _LISTED.match(path)
        if match:  # back to the file's own index
            path = f"{match.group(1)}[{kept[match.group(1)][int(match.group(2))]}]{path[match.end() :]}"
        problems.append(ScenarioProblem(file, path, message))
    return data, problems


def scenario_from_document(document: dict[str, Any], catalogue: Catalogue, file: str = "scenario") -> LoadedScenario:
    """Validate a plain document (as read from a file, or stored by a sandbox) against `catalogue`."""
    data, problems = _scenario_problems(document, catalogue, file)
    if problems:
        raise ScenarioInvalid(problems)
    return LoadedScenario(build_scenario(data), document, document_hash(document))


def locate_problems(problems: list[ScenarioProblem], located: Located) -> list[ScenarioProblem]:
    """Each problem with its line, column and readable path in the file, in file order."""
    return sort_problems(problem if problem.line is not None else locate(problem, located) for problem in problems)


def load_scenario(path: Path, catalogue: Catalogue) -> LoadedScenario:
    """Read, validate and cross-check a scenario file against `catalogue` (the sandbox's pinned one).

    Raises ScenarioInvalid with every problem, each with its line, column and readable path.
    """
    document, located = read_source(path)
    duplicates = duplicate_problems(path.name, located, ScenarioProblem)
    try:
        loaded = scenario_from_document(document, catalogue, path.name)
    except ScenarioInvalid as invalid:
        raise ScenarioInvalid(locate_problems([*duplicates, *invalid.problems], located)) from None
    if duplicates:
        raise ScenarioInvalid(duplicates)
    return loaded


def check_scenario_text(name: str, text: str, catalogue: Catalogue) -> list[ScenarioProblem]:
    """Every problem of a scenario file's text (an upload, an editor) — syntax, structure, references —
    each with its line, column and readable path; an empty list when it is valid (the pricing of its
    contracts is the generator's: polyadmin.services.seeding adds it)."""
    try:
        document, located = read_text_source(name, text)
    except ScenarioInvalid as invalid:
        return list(invalid.problems)
    _data, problems = _scenario_problems(document, catalogue, name)
    return locate_problems([*duplicate_problems(name, located, ScenarioProblem), *problems], located)


def check_scenario(path: Path, catalogue: Catalogue) -> list[ScenarioProblem]:
    """Every problem of a scenario file (an empty list when it is valid), for `polyadmin scenario check`."""
    try:
        load_scenario(path, catalogue)
    except ScenarioInvalid as invalid:
        return list(invalid.problems)
    return []
