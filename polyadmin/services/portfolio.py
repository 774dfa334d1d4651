"""Reading a sandbox's portfolio: the client page (« fiche client 360° ») and the inbox (corbeille).

Reads only. Access is the sandbox rule (`readable_sandbox`): a sandbox the actor may not see, or a
record of another sandbox, answers « introuvable ».

What a candidate sees is the back office as it stands on the sandbox's business date:
- subscription requests received after that date (and their documents) are not there yet;
- the evaluators' fields of a planted case (`case_code`, `expected_outcome`, `expected_notes`) and
  of its documents (`anomaly`), as well as the simulated experts' scripted answers, never leave
  this module for a candidate: the views below carry them as None.
Evaluators, the session's trainer and administrators read everything, upcoming requests included.

The views are plain frozen dataclasses (never ORM rows whose attributes would be blanked), so
hiding a field can never be flushed back to the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import Session

from polyadmin.domain import clients as client_domain
from polyadmin.domain.casework import (
    DECIDED,
    DEFAULT_PROCESSING_DAYS,
    RequestStatus,
    is_overdue,
    processing_deadline,
)
from polyadmin.domain.catalogue import RiskField
from polyadmin.domain.errors import NotFound
from polyadmin.domain.roles import Actor, Permission, SandboxAccess, allowed
from polyadmin.journal.writer import sandbox_stream
from polyadmin.services.access import readable_sandbox
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.clients import client_fields, client_view
from polyadmin.store.models import CatalogueSnapshot, Client, JournalEntry, Sandbox, User
from polyadmin.store.portfolio import (
    Business,
    Claim,
    ClientRelation,
    Contract,
    Dwelling,
    ExpertScript,
    Instalment,
    InsuranceHistory,
    Interaction,
    Loan,
    SubscriptionRequest,
    SupportingDocument,
    Vehicle,
)
from polyadmin.store.queries import Page

REQUESTS_PER_PAGE = 25
CLIENT_JOURNAL_LIMIT = 50

# How a relation reads from the other end: B is A's child ⇔ A is B's parent.
INVERSE_RELATION = {
    "spouse": "spouse",
    "child": "parent",
    "parent": "child",
    "director": "company",
    "company": "director",
}


def sees_evaluation(actor: Actor, access: SandboxAccess) -> bool:
    """The session's evaluators and trainer, and administrators, read the planted cases' expected outcomes;
    candidates never (Permission.READ_EVALUATION)."""
    return allowed(actor, Permission.READ_EVALUATION, access)


# --- views -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelatedClient:
    """Another client of the sandbox linked to this one; `kind` says what they are *to this client*."""

    kind: str
    client_id: int
    number: str
    name: str


@dataclass(frozen=True)
class ContractView:
    contract: Contract
    product_name: str
    formula_name: str
    frequency_label: str
    instalments: tuple[Instalment, ...]
    claims: tuple[Claim, ...]

    @property
    def paid_count(self) -> int:
        return sum(1 for item in self.instalments if item.status == "paid")

    @property
    def unpaid(self) -> tuple[Instalment, ...]:
        return tuple(item for item in self.instalments if item.status == "unpaid")

    @property
    def unpaid_total(self) -> Decimal:
        return sum((item.amount for item in self.unpaid), Decimal("0.00"))

    @property
    def next_instalment(self) -> Instalment | None:
        """The first instalment still to be collected (« à échoir »)."""
        return next((item for item in self.instalments if item.status == "due"), None)


@dataclass(frozen=True)
class HistoryView:
    """A previous insurance (relevé d'information) and the claims it reports."""

    history: InsuranceHistory
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class DocumentView:
    """Pièce justificative; `anomaly` is None for candidates."""

    id: int
    client_id: int
    request_id: int | None
    request_number: str | None
    kind: str
    title: str
    issued_on: date
    valid_until: date | None
    data: dict[str, Any]
    anomaly: str | None
    seeded: bool


@dataclass(frozen=True)
class InteractionView:
    id: int
    occurred_on: date
    channel: str
    direction: str
    motive: str
    summary: str
    recorded_by: str | None  # None: history brought by the scenario
    recorded_at: datetime | None
    seeded: bool


@dataclass(frozen=True)
class RequestView:
    """Demande de souscription; the three evaluator fields are None for candidates."""

    id: int
    number: str
    received_on: date
    channel: str
    product_code: str
    product_name: str
    status: str
    requested: dict[str, Any]
    client_id: int
    client_number: str
    client_name: str
    documents_count: int
    upcoming: bool  # received after the sandbox's business date (evaluators only ever see these)
    formula_name: str | None = None  # the requested formula's name in the catalogue, if it names one
    option_names: tuple[str, ...] = ()  # the requested options, by their names in the catalogue
    frequency_label: str | None = None  # the requested payment frequency's label in the catalogue
    case_code: str | None = None
    expected_outcome: str | None = None
    expected_notes: str | None = None
    deadline: date | None = None  # délai de traitement (reception + the product's processing days)
    overdue: bool = False  # still open after its deadline, on the sandbox's clock

    @property
    def status_label(self) -> str:
        try:
            return RequestStatus(self.status).label
        except ValueError:
            return self.status


@dataclass(frozen=True)
class DeclaredValue:
    """One piece of risk data the client declared, with the product's label for it (« Date du permis »).

    `kind` is the risk field's kind in the catalogue (date, integer, decimal, choice, boolean…), or
    "text" for a key the product does not know; `choice_label` is set when the value is one of its choices.
    """

    name: str
    label: str
    value: Any
    kind: str
    unit: str = ""
    choice_label: str | None = None


@dataclass(frozen=True)
class ExpertAnswer:
    expert: str
    answer: str
    delay_days: int


@dataclass(frozen=True)
class RequestDetail:
    request: RequestView
    client: dict[str, Any]
    documents: tuple[DocumentView, ...]
    vehicle: Vehicle | None
    dwelling: Dwelling | None
    business: Business | None
    loan: Loan | None
    experts: tuple[ExpertAnswer, ...]  # empty for candidates
    shows_evaluation: bool
    declared: tuple[DeclaredValue, ...] = ()  # requested["declared"], labelled by the product's risk fields


@dataclass(frozen=True)
class ClientView:
    """Everything the back office knows about one client, as the actor may see it."""

    client: dict[str, Any]
    business_date: date
    shows_evaluation: bool
    relations: tuple[RelatedClient, ...]
    vehicles: tuple[Vehicle, ...]
    dwellings: tuple[Dwelling, ...]
    businesses: tuple[Business, ...]
    loans: tuple[Loan, ...]
    histories: tuple[HistoryView, ...]
    contracts: tuple[ContractView, ...]
    other_claims: tuple[Claim, ...]  # claims tied neither to a history nor to a contract
    documents: tuple[DocumentView, ...]
    interactions: tuple[InteractionView, ...]
    requests: tuple[RequestView, ...]
    journal: tuple[JournalEntry, ...]
    journal_total: int
    risk_labels: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """Every claim of the client, history and portfolio alike, most recent first."""
        found = [claim for item in self.histories for claim in item.claims]
        found += [claim for item in self.contracts for claim in item.claims]
        found += list(self.other_claims)
        return tuple(sorted(found, key=lambda claim: (claim.occurred_on, claim.id), reverse=True))

    def risk_of(self, contract: Contract) -> str:
        """The insured risk of a contract, as a reader recognises it (registration, address…)."""
        for kind, risk_id in (
            ("vehicle", contract.vehicle_id),
            ("dwelling", contract.dwelling_id),
            ("business", contract.business_id),
            ("loan", contract.loan_id),
        ):
            if risk_id is not None:
                return self.risk_labels.get((kind, risk_id), "")
        return ""


# --- helpers -------------------------------------------------------------------------------------


def client_name(client: Client) -> str:
    return client_domain.display_name(client_fields(client))


def _client_in(session: Session, sandbox_id: int, client_id: int) -> Client:
    client = session.execute(
        select(Client).where(Client.id == client_id, Client.sandbox_id == sandbox_id)
    ).scalar_one_or_none()
    if client is None:
        raise NotFound("Client introuvable.")
    return client


def _rows(session: Session, query: Select[Any]) -> tuple[Any, ...]:
    return tuple(session.execute(query).scalars())


@dataclass(frozen=True)
class _Names:
    product: str
    formulas: dict[str, str]
    frequencies: dict[str, str]
    options: dict[str, str] = field(default_factory=dict)
    risk_fields: dict[str, RiskField] = field(default_factory=dict)


def _catalogue_names(session: Session, snapshot_ids: Iterable[int]) -> dict[tuple[int, str], _Names]:
    """(snapshot, product code) → names of the product, its formulas and frequencies."""
    names: dict[tuple[int, str], _Names] = {}
    for snapshot_id in sorted(set(snapshot_ids)):
        snapshot = session.get(CatalogueSnapshot, snapshot_id)
        if snapshot is None:
            continue
        catalogue = rebuild_catalogue(session, snapshot)
        for product in catalogue.products:
            names[(snapshot_id, product.code)] = _Names(
                product.name,
                {formula.code: formula.name for formula in product.formulas},
                {frequency.code: frequency.label for frequency in product.frequencies},
                {g.code: g.name for g in product.guarantees} | {m.code: m.name for m in product.modifiers},
                {risk_field.name: risk_field for risk_field in product.risk_fields},
            )
    return names


def _sandbox_names(sandbox: Sandbox) -> dict[str, _Names]:
    """Product code → names, in the catalogue the sandbox's session is pinned to."""
    snapshot = sandbox.exam_session.catalogue_snapshot
    if snapshot is None:
        return {}
    session = Session.object_session(sandbox)
    assert session is not None
    return {code: names for (_sid, code), names in _catalogue_names(session, [snapshot.id]).items()}


def _document_view(document: SupportingDocument, request_numbers: dict[int, str], evaluation: bool) -> DocumentView:
    return DocumentView(
        id=document.id,
        client_id=document.client_id,
        request_id=document.request_id,
        request_number=request_numbers.get(document.request_id) if document.request_id else None,
        kind=document.kind,
        title=document.title,
        issued_on=document.issued_on,
        valid_until=document.valid_until,
        data=dict(document.data or {}),
        anomaly=document.anomaly if evaluation else None,
        seeded=document.seeded,
    )


def _request_view(
    request: SubscriptionRequest,
    client: Client,
    documents_count: int,
    names: dict[str, _Names],
    business_date: date,
    evaluation: bool,
    processing_days: dict[str, int] | None = None,
) -> RequestView:
    known = names.get(request.product_code)
    days = (processing_days or {}).get(request.product_code, DEFAULT_PROCESSING_DAYS)
    deadline = processing_deadline(request.received_on, days)
    try:
        overdue = is_overdue(RequestStatus(request.status), deadline, business_date)
    except ValueError:
        overdue = False
    requested = request.requested or {}
    formula, frequency, options = requested.get("formula"), requested.get("frequency"), requested.get("options")
    return RequestView(
        id=request.id,
        number=request.number,
        received_on=request.received_on,
        channel=request.channel,
        product_code=request.product_code,
        product_name=known.product if known else request.product_code,
        formula_name=known.formulas.get(formula) if known and isinstance(formula, str) else None,
        option_names=tuple(
            known.options.get(str(code), str(code)) if known else str(code)
            for code in (options if isinstance(options, list) else [])
        ),
        frequency_label=known.frequencies.get(frequency) if known and isinstance(frequency, str) else None,
        status=request.status,
        requested=dict(request.requested or {}),
        client_id=client.id,
        client_number=client.number,
        client_name=client_name(client),
        documents_count=documents_count,
        upcoming=request.received_on > business_date,
        case_code=request.case_code if evaluation else None,
        expected_outcome=request.expected_outcome if evaluation else None,
        expected_notes=request.expected_notes if evaluation else None,
        deadline=deadline,
        overdue=overdue,
    )


def _arrived(sandbox: Sandbox, evaluation: bool) -> ColumnElement[bool]:
    """Candidates find in the inbox only what has arrived by the simulation date."""
    if evaluation:
        return true()
    return SubscriptionRequest.received_on <= sandbox.business_date


def _document_counts(session: Session, request_ids: Sequence[int]) -> dict[int, int]:
    if not request_ids:
        return {}
    rows = session.execute(
        select(SupportingDocument.request_id, func.count())
        .where(SupportingDocument.request_id.in_(request_ids))
        .group_by(SupportingDocument.request_id)
    ).all()
    return {int(request_id): int(count) for request_id, count in rows if request_id is not None}


def _vehicle_label(vehicle: Vehicle) -> str:
    return f"{vehicle.registration} — {vehicle.make} {vehicle.model}"


def _dwelling_label(dwelling: Dwelling) -> str:
    return f"{dwelling.address_line1}, {dwelling.postcode} {dwelling.city}"


def _business_label(business: Business) -> str:
    return f"{business.activity} — SIRET {business.siret}"


def _loan_label(loan: Loan) -> str:
    return f"{loan.lender} — {loan.purpose}"


# --- the client page -----------------------------------------------------------------------------


def _relations(session: Session, client: Client) -> tuple[RelatedClient, ...]:
    outgoing = session.execute(
        select(ClientRelation.kind, Client)
        .join(Client, Client.id == ClientRelation.related_id)
        .where(ClientRelation.client_id == client.id)
    ).all()
    incoming = session.execute(
        select(ClientRelation.kind, Client)
        .join(Client, Client.id == ClientRelation.client_id)
        .where(ClientRelation.related_id == client.id)
    ).all()
    found: dict[tuple[int, str], RelatedClient] = {}
    for kind, other in outgoing:
        found.setdefault((other.id, kind), RelatedClient(kind, other.id, other.number, client_name(other)))
    for kind, other in incoming:
        inverse = INVERSE_RELATION.get(kind, kind)
        found.setdefault((other.id, inverse), RelatedClient(inverse, other.id, other.number, client_name(other)))
    return tuple(sorted(found.values(), key=lambda item: (item.kind, item.number)))


def _client_journal(
    session: Session, sandbox_id: int, client_id: int, records: dict[str, list[int]]
) -> tuple[tuple[JournalEntry, ...], int]:
    """The entries whose record is this client or one of its contracts, requests, risks, contacts.

    Each alternative names the sandbox, so that every one is an index lookup on
    (sandbox_id, record_type, record_id) rather than a walk through the sandbox's whole stream.
    """
    wanted = {"client": [client_id], **records}
    conditions = [
        and_(
            JournalEntry.sandbox_id == sandbox_id,
            JournalEntry.stream == sandbox_stream(sandbox_id),  # never the evaluation committee's stream
            JournalEntry.record_type == record_type,
            JournalEntry.record_id.in_([str(i) for i in ids]),
        )
        for record_type, ids in wanted.items()
        if ids
    ]
    query = select(JournalEntry).where(or_(*conditions))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    entries = _rows(session, query.order_by(JournalEntry.seq.desc()).limit(CLIENT_JOURNAL_LIMIT))
    return entries, int(total)


def _claims_by_record(claims: Sequence[Claim]) -> tuple[dict[int, list[Claim]], dict[int, list[Claim]], list[Claim]]:
    """A client's claims by previous insurer's history, by contract of ours, and the others."""
    by_history: dict[int, list[Claim]] = defaultdict(list)
    by_contract: dict[int, list[Claim]] = defaultdict(list)
    others: list[Claim] = []
    for claim in claims:
        if claim.history_id is not None:
            by_history[claim.history_id].append(claim)
        elif claim.contract_id is not None:
            by_contract[claim.contract_id].append(claim)
        else:
            others.append(claim)
    return by_history, by_contract, others


def _contract_views(
    session: Session, contracts: Sequence[Contract], claims_by_contract: dict[int, list[Claim]]
) -> tuple[ContractView, ...]:
    """Each contract with its product's, formula's and frequency's names (from the snapshot it was
    made with), its instalments and its claims."""
    instalments: dict[int, list[Instalment]] = defaultdict(list)
    if contracts:
        for item in session.execute(
            select(Instalment)
            .where(Instalment.contract_id.in_([contract.id for contract in contracts]))
            .order_by(Instalment.due_date, Instalment.number, Instalment.id)
        ).scalars():
            instalments[item.contract_id].append(item)
    names = _catalogue_names(session, (contract.snapshot_id for contract in contracts))
    views = []
    for contract in contracts:
        known = names.get((contract.snapshot_id, contract.product_code))
        views.append(
            ContractView(
                contract=contract,
                product_name=known.product if known else contract.product_code,
                formula_name=known.formulas.get(contract.formula, contract.formula) if known else contract.formula,
                frequency_label=(
                    known.frequencies.get(contract.frequency, contract.frequency) if known else contract.frequency
                ),
                instalments=tuple(instalments[contract.id]),
                claims=tuple(claims_by_contract.get(contract.id, ())),
            )
        )
    return tuple(views)


def _client_documents(
    session: Session, owned: Select[Any], request_numbers: dict[int, str], evaluation: bool
) -> tuple[DocumentView, ...]:
    """The client's supporting documents (`owned`: the client's query); for a candidate, only those
    of requests that have arrived (`request_numbers`) or sent on their own."""
    query = owned.order_by(SupportingDocument.issued_on.desc(), SupportingDocument.id)
    if not evaluation:
        # A document sent with a request that has not arrived yet has not arrived either.
        query = query.where(
            or_(SupportingDocument.request_id.is_(None), SupportingDocument.request_id.in_(list(request_numbers)))
        )
    return tuple(_document_view(document, request_numbers, evaluation) for document in session.execute(query).scalars())


def _request_views(
    sandbox: Sandbox,
    client: Client,
    requests: Sequence[SubscriptionRequest],
    documents: Sequence[DocumentView],
    evaluation: bool,
    processing_days: dict[str, int],
) -> tuple[RequestView, ...]:
    """The client's requests, each with the number of its documents shown on the page."""
    counts: dict[int, int] = defaultdict(int)
    for document in documents:
        if document.request_id is not None:
            counts[document.request_id] += 1
    product_names = _sandbox_names(sandbox)
    return tuple(
        _request_view(
            request,
            client,
            counts[request.id],
            product_names,
            sandbox.business_date,
            evaluation,
            processing_days,
        )
        for request in requests
    )


def _interaction_views(session: Session, client_id: int) -> tuple[InteractionView, ...]:
    """The client's contacts, latest first, with the name of who recorded each."""
    interactions = session.execute(
        select(Interaction, User.display_name)
        .outerjoin(User, User.id == Interaction.recorded_by_id)
        .where(Interaction.client_id == client_id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
    ).all()
    return tuple(
        InteractionView(
            id=item.id,
            occurred_on=item.occurred_on,
            channel=item.channel,
            direction=item.direction,
            motive=item.motive,
            summary=item.summary,
            recorded_by=recorder,
            recorded_at=item.recorded_at,
            seeded=item.seeded,
        )
        for item, recorder in interactions
    )


def _risk_labels(
    vehicles: Sequence[Vehicle], dwellings: Sequence[Dwelling], businesses: Sequence[Business], loans: Sequence[Loan]
) -> dict[tuple[str, int], str]:
    """How the journal names a risk of the client (its record type and id → a label)."""
    labels = {("vehicle", item.id): _vehicle_label(item) for item in vehicles}
    labels |= {("dwelling", item.id): _dwelling_label(item) for item in dwellings}
    labels |= {("business", item.id): _business_label(item) for item in businesses}
    labels |= {("loan", item.id): _loan_label(item) for item in loans}
    return labels


def client_360(session: Session, actor: Actor, sandbox_id: int, client_id: int) -> ClientView:
    """La fiche client 360° : identity, risks, history, contracts, documents, contacts, requests, journal."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    evaluation = sees_evaluation(actor, access)
    client = _client_in(session, sandbox.id, client_id)

    def of(model: Any) -> Select[Any]:
        # By client only: the client is of this sandbox (checked above), and so is everything it owns;
        # a sandbox_id condition would lead SQLite to scan the sandbox's rows through their index.
        return select(model).where(model.client_id == client.id)

    vehicles = _rows(session, of(Vehicle).order_by(Vehicle.first_registration.desc(), Vehicle.id))
    dwellings = _rows(session, of(Dwelling).order_by(Dwelling.id))
    businesses = _rows(session, of(Business).order_by(Business.id))
    loans = _rows(session, of(Loan).order_by(Loan.start_date.desc(), Loan.id))
    histories = _rows(session, of(InsuranceHistory).order_by(InsuranceHistory.start_date.desc(), InsuranceHistory.id))
    contracts = _rows(session, of(Contract).order_by(Contract.start_date.desc(), Contract.number))
    claims = _rows(session, of(Claim).order_by(Claim.occurred_on.desc(), Claim.id.desc()))
    contract_ids = [contract.id for contract in contracts]
    claims_by_history, claims_by_contract, other_claims = _claims_by_record(claims)
    contract_views = _contract_views(session, contracts, claims_by_contract)

    requests = _rows(
        session,
        of(SubscriptionRequest)
        .where(_arrived(sandbox, evaluation))
        .order_by(SubscriptionRequest.received_on.desc(), SubscriptionRequest.number.desc()),
    )
    request_numbers = {request.id: request.number for request in requests}
    documents = _client_documents(session, of(SupportingDocument), request_numbers, evaluation)
    request_views = _request_views(sandbox, client, requests, documents, evaluation, _processing_days(session, sandbox))
    interaction_views = _interaction_views(session, client.id)

    records: dict[str, list[int]] = {
        "contract": contract_ids,
        "interaction": [item.id for item in interaction_views],
        "vehicle": [item.id for item in vehicles],
        "dwelling": [item.id for item in dwellings],
        "business": [item.id for item in businesses],
        "loan": [item.id for item in loans],
        "supporting_document": [item.id for item in documents],
    }
    journal, journal_total = _client_journal(session, sandbox.id, client.id, records)
    risk_labels = _risk_labels(vehicles, dwellings, businesses, loans)

    return ClientView(
        client=client_view(client) | {"status": client.status, "seeded": client.seeded},
        business_date=sandbox.business_date,
        shows_evaluation=evaluation,
        relations=_relations(session, client),
        vehicles=vehicles,
        dwellings=dwellings,
        businesses=businesses,
        loans=loans,
        histories=tuple(HistoryView(item, tuple(claims_by_history[item.id])) for item in histories),
        contracts=tuple(contract_views),
        other_claims=tuple(other_claims),
        documents=documents,
        interactions=interaction_views,
        requests=request_views,
        journal=journal,
        journal_total=journal_total,
        risk_labels=risk_labels,
    )


# --- the inbox -----------------------------------------------------------------------------------


REQUEST_SORTS = ("arrivee", "echeance")


def _processing_days(session: Session, sandbox: Sandbox) -> dict[str, int]:
    """Each product's processing days, from the rules pinned with the sandbox's catalogue."""
    snapshot = session.get(CatalogueSnapshot, sandbox.exam_session.catalogue_snapshot_id)
    if snapshot is None:
        return {}
    catalogue = rebuild_catalogue(session, snapshot)
    return {code: catalogue.rules_for(code).processing_days for code in catalogue.codes()}


def _overdue_clause(sandbox: Sandbox, days: dict[str, int]) -> ColumnElement[bool]:
    """Open and past its deadline: received more than the product's processing days before today."""
    still_open = SubscriptionRequest.status.not_in([status.value for status in DECIDED] + [RequestStatus.CLOSED.value])
    late = [
        and_(
            SubscriptionRequest.product_code == code,
            SubscriptionRequest.received_on < sandbox.business_date - timedelta(days=number),
        )
        for code, number in days.items()
    ]
    known = SubscriptionRequest.product_code.not_in(list(days))
    late.append(
        and_(known, SubscriptionRequest.received_on < sandbox.business_date - timedelta(days=DEFAULT_PROCESSING_DAYS))
    )
    return and_(still_open, or_(*late))


def list_requests(
    session: Session,
    actor: Actor,
    sandbox_id: int,
    page: int = 1,
    per_page: int = REQUESTS_PER_PAGE,
    *,
    status: str | None = None,
    overdue: bool | None = None,
    sort: str = "arrivee",
) -> Page[RequestView]:
    """La corbeille : the sandbox's subscription requests, in order of arrival (oldest first) or of
    deadline, filtered by status and by lateness on the sandbox's clock."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    evaluation = sees_evaluation(actor, access)
    days = _processing_days(session, sandbox)
    query = (
        select(SubscriptionRequest, Client)
        .join(Client, Client.id == SubscriptionRequest.client_id)
        .where(SubscriptionRequest.sandbox_id == sandbox.id, _arrived(sandbox, evaluation))
    )
    if status:
        query = query.where(SubscriptionRequest.status == status)
    if overdue is not None:
        clause = _overdue_clause(sandbox, days)
        query = query.where(clause if overdue else ~clause)
    total = int(session.execute(select(func.count()).select_from(query.subquery())).scalar_one())
    order = (SubscriptionRequest.received_on, SubscriptionRequest.number, SubscriptionRequest.id)
    if sort == "echeance":
        # A sandbox's inbox holds dozens of requests: their deadlines are computed here, then paged.
        everything = list(session.execute(query.order_by(*order)).all())

        def deadline_of(row: Any) -> tuple[date, str]:
            request = row[0]
            days_of = days.get(request.product_code, DEFAULT_PROCESSING_DAYS)
            return processing_deadline(request.received_on, days_of), request.number

        everything.sort(key=deadline_of)
        rows = everything[(page - 1) * per_page : page * per_page]
    else:
        rows = list(session.execute(query.order_by(*order).limit(per_page).offset((page - 1) * per_page)).all())
    counts = _document_counts(session, [request.id for request, _client in rows])
    product_names = _sandbox_names(sandbox)
    items = [
        _request_view(
            request, client, counts.get(request.id, 0), product_names, sandbox.business_date, evaluation, days
        )
        for request, client in rows
    ]
    return Page(items=items, total=total, page=page, per_page=per_page)


def _declared(request: SubscriptionRequest, known: _Names | None) -> tuple[DeclaredValue, ...]:
    declared = (request.requested or {}).get("declared")
    if not isinstance(declared, dict):
        return ()
    fields = known.risk_fields if known else {}
    values = []
    for name, value in declared.items():
        risk_field = fields.get(name)
        if risk_field is None:
            values.append(DeclaredValue(name, name, value, "text"))
            continue
        choices = {choice.code: choice.label for choice in risk_field.choices}
        values.append(
            DeclaredValue(
                name,
                risk_field.label,
                value,
                risk_field.kind,
                risk_field.unit,
                choices.get(str(value)) if choices else None,
            )
        )
    return tuple(values)


def get_request(session: Session, actor: Actor, sandbox_id: int, request_id: int) -> RequestDetail:
    """One request as the candidate received it: declared data, the insured risk and the documents sent."""
    sandbox, access = readable_sandbox(session, actor, sandbox_id)
    evaluation = sees_evaluation(actor, access)
    request = session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.id == request_id,
            SubscriptionRequest.sandbox_id == sandbox.id,
            _arrived(sandbox, evaluation),
        )
    ).scalar_one_or_none()
    if request is None:
        raise NotFound("Demande de souscription introuvable.")
    client = _client_in(session, sandbox.id, request.client_id)
    documents = tuple(
        _document_view(document, {request.id: request.number}, evaluation)
        for document in session.execute(
            select(SupportingDocument)
            .where(SupportingDocument.request_id == request.id)
            .order_by(SupportingDocument.issued_on.desc(), SupportingDocument.id)
        ).scalars()
    )
    experts: tuple[ExpertAnswer, ...] = ()
    if evaluation:
        experts = tuple(
            ExpertAnswer(item.expert, item.answer, item.delay_days)
            for item in session.execute(
                select(ExpertScript)
                .where(ExpertScript.sandbox_id == sandbox.id, ExpertScript.request_id == request.id)
                .order_by(ExpertScript.id)
            ).scalars()
        )

    def risk(model: Any, risk_id: int | None) -> Any:
        if risk_id is None:
            return None
        row = session.get(model, risk_id)
        return row if row is not None and row.sandbox_id == sandbox.id else None

    names = _sandbox_names(sandbox)
    return RequestDetail(
        request=_request_view(
            request,
            client,
            len(documents),
            names,
            sandbox.business_date,
            evaluation,
            _processing_days(session, sandbox),
        ),
        declared=_declared(request, names.get(request.product_code)),
        client=client_view(client),
        documents=documents,
        vehicle=risk(Vehicle, request.vehicle_id),
        dwelling=risk(Dwelling, request.dwelling_id),
        business=risk(Business, request.business_id),
        loan=risk(Loan, request.loan_id),
        experts=experts,
        shows_evaluation=evaluation,
    )
