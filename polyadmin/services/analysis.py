"""The analysis of a subscription request: its facts, the acceptance rules that fire, the documents
and the delegation (C2A.1). Read-only: it gathers what the engine needs and lets the domain decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from polyadmin.domain.acceptance import Assessment, SuppliedDocument, assess
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.document_checks import Declared, Mismatch, compare_document
from polyadmin.domain.errors import NotFound
from polyadmin.domain.risk_data import read_value
from polyadmin.domain.roles import Actor
from polyadmin.domain.scoring import Score, score
from polyadmin.domain.underwriting_facts import PastClaim, PastInsurance, RequestInputs, request_facts
from polyadmin.services.access import readable_sandbox
from polyadmin.services.catalogue import catalogue_for
from polyadmin.store.models import Client, Sandbox
from polyadmin.store.portfolio import (
    Business,
    Claim,
    ClientRelation,
    Contract,
    Dwelling,
    Instalment,
    InsuranceHistory,
    Loan,
    SubscriptionRequest,
    SupportingDocument,
    Vehicle,
)

RECORD_FIELDS: dict[type[Any], tuple[str, ...]] = {
    Vehicle: ("registration", "vehicle_group", "first_registration", "value", "usage", "annual_mileage", "energy"),
    Dwelling: (
        "dwelling_type",
        "occupancy_status",
        "residence",
        "surface",
        "rooms",
        "construction_year",
        "natural_hazard_zone",
        "contents_value",
    ),
    Business: ("siret", "naf_code", "activity", "turnover", "staff", "premises_surface", "contents_value"),
    Loan: ("capital", "duration_months", "purpose", "start_date", "insured_share_percent"),
}


@dataclass(frozen=True)
class RequestAnalysis:
    request: SubscriptionRequest
    product: Product
    facts: dict[str, Any]
    assessment: Assessment
    mismatches: dict[int, tuple[Mismatch, ...]]  # supporting document id → contradictions found
    score: Score | None  # the decision-aid score, when the product's rules define one


def analyse_request(session: Session, actor: Actor, sandbox_id: int, request_id: int) -> RequestAnalysis:
    """Run the pinned catalogue's rules for the request's product against the request and the record."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    request = session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.id == request_id,
            SubscriptionRequest.sandbox_id == sandbox.id,
            SubscriptionRequest.received_on <= sandbox.business_date,
        )
    ).scalar_one_or_none()
    if request is None:
        raise NotFound("Demande de souscription introuvable.")
    catalogue = catalogue_for(session, actor, sandbox.id)
    return analyse(session, sandbox, catalogue, request)


def analyse(session: Session, sandbox: Sandbox, catalogue: Catalogue, request: SubscriptionRequest) -> RequestAnalysis:
    product = catalogue.product(request.product_code)
    if product is None:
        raise NotFound(f"Produit {request.product_code} absent du catalogue de la session.")
    client = session.get(Client, request.client_id)
    assert client is not None and client.sandbox_id == sandbox.id
    requested = request.requested or {}
    effective = _day(requested.get("effective_date")) or request.received_on
    declared = _declared(product, requested.get("declared") or {}, effective)
    record = _record(session, request)
    inputs = RequestInputs(
        product_line=product.line,
        received_on=request.received_on,
        effective_date=effective,
        formula=str(requested.get("formula") or ""),
        options=tuple(requested.get("options") or ()),
        frequency=str(requested.get("frequency") or "annuel"),
        declared=declared,
        client_kind=client.kind,
        birth_date=client.birth_date,
        history=_history(session, client.id),
        claims=_claims(session, client.id),
        existing_contracts=_count(session, Contract, client.id, Contract.status == "active"),
        unpaid_instalments=_unpaid(session, client.id),
        record=record,
    )
    facts = request_facts(inputs)
    expected = Declared(
        names=_names(session, client),
        postcode=client.postcode,
        licence_date=_day(declared.get("licence_date")),
        crm=declared.get("crm"),
        registration=record.get("registration"),
        first_registration=_day(declared.get("first_registration_date")) or record.get("first_registration"),
        siren=(record.get("siret") or "")[:9] or client.siren,
    )
    mismatches: dict[int, tuple[Mismatch, ...]] = {}
    supplied = []
    for document in session.execute(
        select(SupportingDocument).where(SupportingDocument.request_id == request.id).order_by(SupportingDocument.id)
    ).scalars():
        found = compare_document(document.kind, document.data or {}, expected)
        if found:
            mismatches[document.id] = found
        supplied.append(
            SuppliedDocument(
                id=document.id,
                code=document.kind,
                issued_on=document.issued_on,
                valid_until=document.valid_until,
                rejected=bool(found),
            )
        )
    rules = catalogue.rules_for(product.code)
    assessment = assess(rules, facts, tuple(supplied), request.received_on)
    aid = score(rules.score, facts) if rules.score is not None else None
    return RequestAnalysis(request, product, facts, assessment, mismatches, aid)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _declared(product: Product, raw: dict[str, Any], effective: date) -> dict[str, Any]:
    """The declared risk data typed by the product's fields; a value that does not read is left out."""
    values: dict[str, Any] = {}
    for spec in product.risk_fields:
        if raw.get(spec.name) in (None, ""):
            continue
        try:
            values[spec.name] = read_value(spec, raw[spec.name], effective)
        except ValueError:
            continue
    return values


def _record(session: Session, request: SubscriptionRequest) -> dict[str, Any]:
    record: dict[str, Any] = {}
    models: tuple[tuple[Any, str], ...] = (
        (Vehicle, "vehicle_id"),
        (Dwelling, "dwelling_id"),
        (Business, "business_id"),
        (Loan, "loan_id"),
    )
    for model, key in models:
        row_id = getattr(request, key)
        row = session.get(model, row_id) if row_id is not None else None
        if row is None or row.sandbox_id != request.sandbox_id:
            continue
        for name in RECORD_FIELDS[model]:
            record[name] = getattr(row, name)
    if "value" in record:
        record["vehicle_value"] = record.pop("value")
    return record


def _history(session: Session, client_id: int) -> tuple[PastInsurance, ...]:
    return tuple(
        PastInsurance(row.line, row.start_date, row.end_date, row.terminated_by, row.termination_reason)
        for row in session.execute(
            select(InsuranceHistory).where(InsuranceHistory.client_id == client_id).order_by(InsuranceHistory.id)
        ).scalars()
    )


def _claims(session: Session, client_id: int) -> tuple[PastClaim, ...]:
    return tuple(
        PastClaim(row.occurred_on, row.liability)
        for row in session.execute(select(Claim).where(Claim.client_id == client_id).order_by(Claim.id)).scalars()
    )


def _count(session: Session, model: Any, client_id: int, *where: Any) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(model).where(model.client_id == client_id, *where)
        ).scalar_one()
    )


def _unpaid(session: Session, client_id: int) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(Instalment)
            .join(Contract, Contract.id == Instalment.contract_id)
            .where(Contract.client_id == client_id, Instalment.status == "unpaid")
        ).scalar_one()
    )


def _names(session: Session, client: Client) -> tuple[str, ...]:
    """The subscriber's name and their spouse's, as a certificate may carry either."""
    people = [client]
    spouses = session.execute(
        select(Client)
        .join(ClientRelation, ClientRelation.related_id == Client.id)
        .where(ClientRelation.client_id == client.id, ClientRelation.kind == "spouse")
    ).scalars()
    people.extend(spouses)
    names = []
    for person in people:
        if person.kind == "company":
            names.append(person.company_name or "")
        else:
            names.append(f"{person.last_name or ''} {person.first_name or ''}".strip())
    return tuple(name for name in names if name)
