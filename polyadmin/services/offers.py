"""Offers under the duty to advise (C2A.3): the client's needs and the advice given, quotes (devis) with
their versions — each change one journal entry in the same transaction (`needs.record` on record
`client:<id>`, `quote.create` and `quote.version` on record `quote:<id>`).

A quote line is priced by the engine on the sandbox's pinned catalogue: the risk data come from the
request (its declared data), then the client's record picked (vehicle, dwelling…), then what the line
gives, in that order of precedence (the last wins). The conditions of the request's decision are carried
into the lines of the request's product: an extra premium raises the premium before tax of the
guarantee named (or of every guarantee) and the taxes are computed on it; a deductible imposed replaces
the line's choice for that guarantee; exclusions and other conditions are carried and shown.

The multi-product discount (`domain.offers.other_contracts_for`): a line counts the other products of
the offer and the client's active contracts; its amount on a line is what the line costs without it
minus what it costs with it (taxes included).

Expiry: a version keeps the status it was written with; it reads as « expired » after its last valid
day (`domain.offers.current_status`), which nothing writes nor journals — the journal shows the
validity date given to the client on `quote.create` / `quote.version`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from polyadmin.documents.views import (
    AdviceView,
    ConditionView,
    GuaranteeView,
    NeedView,
    Party,
    QuoteLineView,
    QuoteView,
)
from polyadmin.domain import clients as client_domain
from polyadmin.domain.acceptance import CONDITION_LABELS, SpecialConditionKind
from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.casework import RequestStatus
from polyadmin.domain.catalogue import Catalogue, Limit, Product
from polyadmin.domain.errors import InvalidInput, NotFound
from polyadmin.domain.french import decimal_text, euros
from polyadmin.domain.identifiers import record_number
from polyadmin.domain.offers import (
    LINE_LABELS,
    LINE_QUESTIONS,
    Flag,
    OfferLine,
    PricedOffer,
    QuestionKind,
    QuoteStatus,
    adequacy_flags,
    current_status,
    eco_options,
    ensure_revisable,
    monthly_cost,
    needs_from_answers,
    price_offer,
    valid_until,
)
from polyadmin.domain.pricing import ExtraPremium, Pricing, PricingRequest
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.seeding.builders.risk_data import record_facts
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.catalogue import catalogue_for, rebuild_catalogue, snapshot_for
from polyadmin.services.client_documents import record_edition
from polyadmin.services.clock import wall_now
from polyadmin.services.unit import transaction
from polyadmin.store.casework import RequestDecision
from polyadmin.store.models import CatalogueSnapshot, Client, Sandbox, User
from polyadmin.store.offers import NeedsRecord, Quote, QuoteLine, QuoteVersion
from polyadmin.store.portfolio import Business, Contract, Dwelling, Loan, SubscriptionRequest, Vehicle
from polyadmin.store.sequences import next_value
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.offers import NeedsSchema, QuoteSchema, QuoteVersionSchema

# Tables of the offers, dependants first: a sandbox reset deletes them before the portfolio.
OFFER_MODELS = (QuoteLine, QuoteVersion, Quote, NeedsRecord)
RECORDS: dict[str, Any] = {"vehicle": Vehicle, "dwelling": Dwelling, "business": Business, "loan": Loan}
RECORD_LABELS = {"vehicle": "Véhicule", "dwelling": "Logement", "business": "Entreprise", "loan": "Prêt"}


# --- loading ------------------------------------------------------------------------------------------


def _client_in(session: Session, sandbox_id: int, client_id: int) -> Client | None:
    return session.execute(
        select(Client).where(Client.id == client_id, Client.sandbox_id == sandbox_id)
    ).scalar_one_or_none()


def _client_or_404(session: Session, sandbox_id: int, client_id: int) -> Client:
    client = _client_in(session, sandbox_id, client_id)
    if client is None:
        raise NotFound("Client introuvable.")
    return client


def _request_of(
    session: Session, sandbox: Sandbox, client: Client, request_id: int | None
) -> SubscriptionRequest | None:
    """The request a quote or a needs record starts from: this client's, arrived, not declined."""
    if request_id is None:
        return None
    found = session.execute(
        select(SubscriptionRequest).where(
            SubscriptionRequest.id == request_id,
            SubscriptionRequest.sandbox_id == sandbox.id,
            SubscriptionRequest.received_on <= sandbox.business_date,
        )
    ).scalar_one_or_none()
    if found is None or found.client_id != client.id:
        raise InvalidInput({"request_id": ["Demande introuvable parmi celles de ce client."]})
    decision = _decision_of(session, found)
    if found.status == RequestStatus.DECLINED.value or (decision is not None and decision.outcome == "decline"):
        raise InvalidInput(
            {"request_id": [f"La demande {found.number} a été refusée : pas de devis sur cette demande."]}
        )
    return found


def _decision_of(session: Session, request: SubscriptionRequest) -> RequestDecision | None:
    return session.execute(select(RequestDecision).where(RequestDecision.request_id == request.id)).scalar_one_or_none()


def _active_contracts(session: Session, client: Client) -> list[Contract]:
    return list(
        session.execute(
            select(Contract).where(Contract.client_id == client.id, Contract.status == "active").order_by(Contract.id)
        ).scalars()
    )


def _held_lines(catalogue: Catalogue, contracts: Sequence[Contract]) -> set[str]:
    lines = set()
    for contract in contracts:
        product = catalogue.product(contract.product_code)
        if product is not None:
            lines.add(product.line)
    return lines


def _latest_needs(session: Session, client: Client) -> NeedsRecord | None:
    return session.execute(
        select(NeedsRecord).where(NeedsRecord.client_id == client.id).order_by(NeedsRecord.id.desc()).limit(1)
    ).scalar_one_or_none()


# --- needs and advice ---------------------------------------------------------------------------------


def _check_needs(catalogue: Catalogue, loaded: dict[str, Any]) -> list[OfferLine]:
    """Guarantee codes of each line and the recommended products, formulas and options exist."""
    errors: dict[str, list[str]] = {}
    for line, given in loaded["lines"].items():
        known = {g.code for p in catalogue.products if p.line == line for g in p.guarantees}
        for question in ("wanted", "already_covered"):
            unknown = [code for code in given[question] if code not in known]
            if unknown:
                errors[f"lines.{line}.{question}"] = [
                    f"Garantie(s) inconnue(s) pour la branche {LINE_LABELS[line]} : {', '.join(unknown)} ; "
                    f"garanties : {', '.join(sorted(known)) or 'aucune'}."
                ]
    offer = []
    for index, advice in enumerate(loaded["recommendations"]):
        product = catalogue.product(advice["product"])
        where = f"recommendations.{index}"
        if product is None:
            errors[f"{where}.product"] = [f"Produit inconnu ; produits : {', '.join(catalogue.codes())}."]
            continue
        if product.line != advice["line"]:
            errors[f"{where}.product"] = [
                f"Le produit {product.code} n'est pas de la branche {LINE_LABELS[advice['line']]}."
            ]
            continue
        formula = product.formula(advice["formula"])
        if formula is None:
            errors[f"{where}.formula"] = [
                f"Formule inconnue ; formules : {', '.join(f.code for f in product.formulas)}."
            ]
            continue
        unknown = [code for code in advice["options"] if code not in formula.options]
        if unknown:
            errors[f"{where}.options"] = [
                f"Option(s) hors de la formule {formula.name} : {', '.join(unknown)} ; "
                f"options : {', '.join(formula.options) or 'aucune'}."
            ]
            continue
        offer.append(OfferLine(product, formula.code, tuple(advice["options"])))
    if errors:
        raise InvalidInput(errors, "Recueil des besoins invalide.")
    return offer


def record_needs(session: Session, actor: Actor, sandbox_id: int, client_id: int, data: dict[str, Any]) -> NeedsRecord:
    """Record the client's needs (per line of business) and the advice given for them (C2A.3); the flags
    (need left uncovered, cover already held…) are warnings returned and journaled, never a refusal."""
    loaded = load_or_raise(NeedsSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        client = _client_or_404(session, sandbox.id, client_id)
        request = _request_of(session, sandbox, client, loaded["request_id"])
        catalogue = catalogue_for(session, actor, sandbox.id)
        offer = _check_needs(catalogue, loaded)
        answers: dict[str, Any] = {line: dict(given) for line, given in loaded["lines"].items()}
        answers["general"] = {"disability": loaded["disability"], "situation": loaded["situation"]}
        row = NeedsRecord(
            sandbox_id=sandbox.id,
            client_id=client.id,
            request_id=request.id if request else None,
            recorded_on=sandbox.business_date,
            recorded_by_id=actor.user_id,
            answers=answers,
            recommendations=[to_json_value(dict(advice)) for advice in loaded["recommendations"]],
            budget_monthly=loaded["budget_monthly"],
            accessible_formats=loaded["accessible_formats"],
            eco_interest=loaded["eco_interest"],
        )
        session.add(row)
        session.flush()
        flags = needs_flags(session, catalogue, client, row, offer)
        append_entry(
            session,
            actor=actor,
            action="needs.record",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("client", client.id),
            input=dict(loaded),
            outcome={
                "needs_id": row.id,
                "client_number": client.number,
                "needs": len(loaded["lines"]),
                "lines": sorted(loaded["lines"]),
                "wanted": sum(len(given["wanted"]) for given in loaded["lines"].values()),
                "recommendations": len(loaded["recommendations"]),
                "flags": [flag.kind.value for flag in flags],
                "eco_interest": loaded["eco_interest"],
                "accessible_formats": loaded["accessible_formats"],
            },
        )
    return row


def _needs_of(row: NeedsRecord) -> Any:
    return needs_from_answers(row.answers, row.budget_monthly, row.eco_interest)


def needs_flags(
    session: Session, catalogue: Catalogue, client: Client, row: NeedsRecord, offer: Sequence[OfferLine]
) -> tuple[Flag, ...]:
    """The adequacy warnings of an offer (the advice, or a quote's lines) against a needs record."""
    held = _held_lines(catalogue, _active_contracts(session, client))
    return adequacy_flags(_needs_of(row), offer, held_lines=held, products=catalogue.products)


def recommendation_offer(catalogue: Catalogue, row: NeedsRecord) -> list[OfferLine]:
    offer = []
    for advice in row.recommendations:
        product = catalogue.product(str(advice.get("product")))
        if product is not None:
            offer.append(OfferLine(product, str(advice.get("formula")), tuple(advice.get("options") or ())))
    return offer


@dataclass(frozen=True)
class NeedsDetail:
    record: NeedsRecord
    client: Client
    flags: tuple[Flag, ...]


def latest_needs(session: Session, actor: Actor, sandbox_id: int, client_id: int) -> NeedsDetail | None:
    """The client's current needs record (the latest) with the flags of its advice, or None."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    client = _client_or_404(session, sandbox.id, client_id)
    row = _latest_needs(session, client)
    if row is None:
        return None
    catalogue = catalogue_for(session, actor, sandbox.id)
    return NeedsDetail(row, client, needs_flags(session, catalogue, client, row, recommendation_offer(catalogue, row)))


# --- pricing the lines of a quote ---------------------------------------------------------------------


@dataclass(frozen=True)
class PricedLine:
    position: int
    product: Product
    data: dict[str, Any]
    risk: dict[str, Any]
    records: dict[str, int | None]
    conditions: list[dict[str, Any]]
    effective_date: date
    pricing: Pricing
    discount: Decimal

    @property
    def offer(self) -> OfferLine:
        return OfferLine(self.product, self.pricing.formula, self.pricing.options, self.data["alternative_of"])


def _row_dict(row: Any) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


def _line_risk(
    session: Session,
    sandbox: Sandbox,
    client: Client,
    product: Product,
    request: SubscriptionRequest | None,
    line: dict[str, Any],
    where: str,
    errors: dict[str, list[str]],
) -> tuple[dict[str, Any], dict[str, int | None]]:
    """The risk data of a line (request's declared data < the client's record picked < the line's own)
    and the records it insures; a record of another client is refused."""
    risk: dict[str, Any] = {}
    records: dict[str, int | None] = {kind: None for kind in RECORDS}
    if request is not None and request.product_code == product.code:
        risk.update(request.requested.get("declared") or {})
        for kind in RECORDS:
            records[kind] = getattr(request, f"{kind}_id")
    if client.birth_date is not None:
        for name in ("driver_birth_date", "principal_birth_date", "borrower_birth_date"):
            risk.setdefault(name, client.birth_date.isoformat())
    for kind, model in RECORDS.items():
        wanted = line.get(f"{kind}_id")
        if wanted is None:
            continue
        found = session.execute(
            select(model).where(model.id == wanted, model.sandbox_id == sandbox.id, model.client_id == client.id)
        ).scalar_one_or_none()
        if found is None:
            errors[f"{where}.{kind}_id"] = [f"{RECORD_LABELS[kind]} introuvable parmi les risques de ce client."]
            continue
        records[kind] = found.id
        risk.update({name: value for name, value in record_facts(kind, _row_dict(found)).items()})
    risk.update(line["risk"])
    known = product.risk_field_names
    return {name: value for name, value in risk.items() if name in known}, records


def _carried_conditions(
    decision: RequestDecision | None, request: SubscriptionRequest | None, product: Product
) -> list[dict[str, Any]]:
    """The decision's conditions, for the lines of the request's product only."""
    if decision is None or request is None or request.product_code != product.code:
        return []
    return [dict(condition) for condition in decision.conditions]


def _apply_conditions(
    conditions: list[dict[str, Any]], deductibles: dict[str, str]
) -> tuple[tuple[ExtraPremium, ...], dict[str, str]]:
    extras = []
    chosen = dict(deductibles)
    for condition in conditions:
        kind = condition.get("kind")
        if kind == SpecialConditionKind.EXTRA_PREMIUM.value and condition.get("percent"):
            extras.append(
                ExtraPremium(
                    Decimal(str(condition["percent"])),
                    condition.get("guarantee"),
                    str(condition.get("label") or "Surprime"),
                )
            )
        elif (
            kind == SpecialConditionKind.DEDUCTIBLE.value and condition.get("guarantee") and condition.get("deductible")
        ):
            chosen[str(condition["guarantee"])] = str(condition["deductible"])
    return tuple(extras), chosen


def _check_alternatives(lines: list[dict[str, Any]], errors: dict[str, list[str]]) -> None:
    for index, line in enumerate(lines):
        target = line["alternative_of"]
        if target is None:
            continue
        if target > len(lines) or target == index + 1 or lines[target - 1]["alternative_of"] is not None:
            errors[f"lines.{index}.alternative_of"] = [
                "Une alternative se compare à une autre ligne du devis, qui n'est pas elle-même une alternative."
            ]
    if all(line["alternative_of"] is not None for line in lines):
        errors.setdefault("lines", []).append("Au moins une ligne doit être retenue (pas une alternative).")


def price_lines(
    session: Session,
    sandbox: Sandbox,
    catalogue: Catalogue,
    client: Client,
    request: SubscriptionRequest | None,
    lines: list[dict[str, Any]],
) -> list[PricedLine]:
    """Price every line, or raise one InvalidInput naming every problem (`lines.<n>.<field>`)."""
    errors: dict[str, list[str]] = {}
    _check_alternatives(lines, errors)
    products: list[Product | None] = []
    for index, line in enumerate(lines):
        product = catalogue.product(line["product"])
        if product is None:
            errors[f"lines.{index}.product"] = [
                f"Produit inconnu « {line['product']} » ; produits du catalogue : {', '.join(catalogue.codes())}."
            ]
        products.append(product)
    if errors:
        raise InvalidInput(errors, "Lignes du devis invalides.")
    offer = [
        OfferLine(p, line["formula"], tuple(line["options"]), line["alternative_of"])
        for p, line in zip(products, lines, strict=True)
        if p
    ]
    active = len(_active_contracts(session, client))
    decision = _decision_of(session, request) if request is not None else None
    prepared = []
    requests = []
    for index, (product, line) in enumerate(zip(products, lines, strict=True)):
        assert product is not None
        risk, records = _line_risk(session, sandbox, client, product, request, line, f"lines.{index}", errors)
        conditions = _carried_conditions(decision, request, product)
        extras, deductibles = _apply_conditions(conditions, line["deductibles"])
        effective = line["effective_date"] or sandbox.business_date
        prepared.append((product, line, risk, records, conditions, effective))
        requests.append(
            PricingRequest(
                formula=line["formula"],
                frequency=line["frequency"],
                effective_date=effective,
                risk=risk,
                options=tuple(line["options"]),
                deductibles=deductibles,
                extra_premiums=extras,
            )
        )
    results: list[PricedOffer] = []
    try:
        results = price_offer(catalogue.taxes, offer, requests, active)
    except InvalidInput as exc:
        for field, messages in exc.field_errors.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise InvalidInput(errors, "Lignes du devis invalides.")
    return [
        PricedLine(index + 1, product, line, risk, records, conditions, effective, result.pricing, result.discount)
        for index, ((product, line, risk, records, conditions, effective), result) in enumerate(
            zip(prepared, results, strict=True)
        )
    ]


def _chosen(priced: Sequence[PricedLine]) -> list[PricedLine]:
    return [line for line in priced if line.data["alternative_of"] is None]


def _write_version(
    session: Session,
    sandbox: Sandbox,
    quote: Quote,
    number: int,
    reason: str,
    priced: list[PricedLine],
    snapshot: CatalogueSnapshot,
) -> QuoteVersion:
    chosen = _chosen(priced)
    version = QuoteVersion(
        sandbox_id=sandbox.id,
        quote_id=quote.id,
        version=number,
        status=QuoteStatus.PROPOSED.value,
        issued_on=sandbox.business_date,
        valid_until=valid_until(sandbox.business_date),
        reason=reason,
        discount_total=sum((line.discount for line in chosen), Decimal(0)),
        total=sum((line.pricing.total for line in chosen), Decimal(0)),
        distance_selling=False,
    )
    session.add(version)
    session.flush()
    for line in priced:
        pricing = line.pricing
        session.add(
            QuoteLine(
                sandbox_id=sandbox.id,
                version_id=version.id,
                position=line.position,
                alternative_of=line.data["alternative_of"],
                chosen=line.data["alternative_of"] is None,
                product_code=line.product.code,
                product_version=line.product.version,
                snapshot_id=snapshot.id,
                formula=pricing.formula,
                options=list(pricing.options),
                deductibles={g.code: g.deductible for g in pricing.lines if g.deductible is not None},
                frequency=pricing.frequency,
                effective_date=line.effective_date,
                risk=to_json_value(line.risk),
                vehicle_id=line.records["vehicle"],
                dwelling_id=line.records["dwelling"],
                business_id=line.records["business"],
                loan_id=line.records["loan"],
                conditions=to_json_value(line.conditions),
                pricing=to_json_value(dataclasses.asdict(pricing)),
                premium_before_tax=pricing.premium_before_tax,
                discount=line.discount,
                taxes=pricing.taxes,
                total=pricing.total,
            )
        )
    session.flush()
    return version


def _quote_outcome(
    quote: Quote, version: QuoteVersion, priced: Sequence[PricedLine], flags: Sequence[Flag]
) -> dict[str, Any]:
    chosen = _chosen(priced)
    return {
        "quote_id": quote.id,
        "number": quote.number,
        "version": version.version,
        "products": sorted({line.product.code for line in chosen}),
        "eco_options": sorted({code for line in chosen for code in eco_options(line.product, line.pricing.options)}),
        "lines": len(priced),
        "alternatives": len(priced) - len(chosen),
        "discount": version.discount_total,
        "total": version.total,
        "valid_until": version.valid_until,
        "flags": [flag.kind.value for flag in flags],
    }


def _offer_flags(
    session: Session, catalogue: Catalogue, client: Client, offers: Sequence[OfferLine], total: Decimal
) -> tuple[Flag, ...]:
    row = _latest_needs(session, client)
    if row is None:
        return ()
    held = _held_lines(catalogue, _active_contracts(session, client))
    return adequacy_flags(
        _needs_of(row), offers, held_lines=held, products=catalogue.products, monthly_total=monthly_cost(total)
    )


def _edit_documents(
    session: Session, actor: Actor, sandbox: Sandbox, quote: Quote, version: QuoteVersion, needs: NeedsRecord | None
) -> None:
    """The devis of this version (and the document de conseil when the client's needs are recorded),
    recorded edited in the quote's transaction; the client signs neither (the agreement is recorded)."""
    record_edition(
        session,
        actor,
        sandbox.id,
        client_id=quote.client_id,
        kind="quote",
        record_type="quote",
        record_id=quote.id,
        title=f"Devis {quote.number} (version {version.version})",
        signature_required=False,
    )
    if needs is not None:
        record_edition(
            session,
            actor,
            sandbox.id,
            client_id=quote.client_id,
            kind="advice",
            record_type="needs",
            record_id=needs.id,
            title=f"Document de conseil — devis {quote.number}",
            signature_required=False,
        )


def create_quote(session: Session, actor: Actor, sandbox_id: int, data: dict[str, Any]) -> Quote:
    """A quote for a client (from a request, or on the candidate's own initiative): its lines priced,
    numbered DV-000001 in the sandbox, version 1, valid 30 days on the sandbox clock."""
    loaded = load_or_raise(QuoteSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        client = _client_in(session, sandbox.id, loaded["client_id"])
        if client is None:
            raise InvalidInput({"client_id": ["Client introuvable dans ce bac à sable."]})
        request = _request_of(session, sandbox, client, loaded["request_id"])
        catalogue = catalogue_for(session, actor, sandbox.id)
        priced = price_lines(session, sandbox, catalogue, client, request, loaded["lines"])
        row = _latest_needs(session, client)
        quote = Quote(
            sandbox_id=sandbox.id,
            client_id=client.id,
            request_id=request.id if request else None,
            needs_id=row.id if row else None,
            number=record_number("DV", next_value(session, sandbox.id, "quote")),
            created_on=sandbox.business_date,
        )
        session.add(quote)
        session.flush()
        version = _write_version(session, sandbox, quote, 1, "", priced, snapshot_for(session, actor, sandbox.id))
        flags = _offer_flags(session, catalogue, client, [line.offer for line in priced], version.total)
        _edit_documents(session, actor, sandbox, quote, version, row)
        append_entry(
            session,
            actor=actor,
            action="quote.create",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("quote", quote.id),
            input=dict(loaded),
            outcome={
                **_quote_outcome(quote, version, priced, flags),
                "client_number": client.number,
                "request_number": request.number if request else None,
            },
        )
    return quote


def _quote_in(session: Session, sandbox_id: int, quote_id: int) -> Quote:
    quote = session.execute(
        select(Quote).where(Quote.id == quote_id, Quote.sandbox_id == sandbox_id)
    ).scalar_one_or_none()
    if quote is None:
        raise NotFound("Devis introuvable.")
    return quote


def _versions(session: Session, quote: Quote) -> list[QuoteVersion]:
    return list(
        session.execute(
            select(QuoteVersion).where(QuoteVersion.quote_id == quote.id).order_by(QuoteVersion.version)
        ).scalars()
    )


def new_version(session: Session, actor: Actor, sandbox_id: int, quote_id: int, data: dict[str, Any]) -> Quote:
    """The client changed their mind: a new version with its lines priced again on the sandbox date and a
    new validity; the previous version is kept, superseded. Refused once accepted or issued (409)."""
    loaded = load_or_raise(QuoteVersionSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        quote = _quote_in(session, sandbox.id, quote_id)
        previous = _versions(session, quote)[-1]
        status = current_status(previous.status, previous.valid_until, sandbox.business_date)
        ensure_revisable(status, quote.number)
        client = _client_or_404(session, sandbox.id, quote.client_id)
        request = _request_of(session, sandbox, client, quote.request_id)
        catalogue = catalogue_for(session, actor, sandbox.id)
        priced = price_lines(session, sandbox, catalogue, client, request, loaded["lines"])
        previous.status = QuoteStatus.SUPERSEDED.value
        version = _write_version(
            session,
            sandbox,
            quote,
            previous.version + 1,
            loaded["reason"],
            priced,
            snapshot_for(session, actor, sandbox.id),
        )
        flags = _offer_flags(session, catalogue, client, [line.offer for line in priced], version.total)
        _edit_documents(session, actor, sandbox, quote, version, _latest_needs(session, client))
        append_entry(
            session,
            actor=actor,
            action="quote.version",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("quote", quote.id),
            input=dict(loaded),
            outcome={
                **_quote_outcome(quote, version, priced, flags),
                "reason": loaded["reason"],
                "previous": {"version": previous.version, "status": {"from": status.value, "to": previous.status}},
                "previous_total": previous.total,
            },
        )
    return quote


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionDetail:
    row: QuoteVersion
    status: QuoteStatus  # as read on the sandbox date (a proposed version past its validity: expired)
    lines: tuple[QuoteLine, ...]


@dataclass(frozen=True)
class QuoteDetail:
    quote: Quote
    client: Client
    versions: tuple[VersionDetail, ...]  # oldest first
    flags: tuple[Flag, ...]  # of the current version, against the client's latest needs record
    request_number: str | None
    eco: dict[int, tuple[str, ...]]  # eco option codes chosen, per line id of the current version

    @property
    def current(self) -> VersionDetail:
        return self.versions[-1]


def _detail(session: Session, actor: Actor, sandbox: Sandbox, quote: Quote) -> QuoteDetail:
    client = _client_or_404(session, sandbox.id, quote.client_id)
    versions = []
    for row in _versions(session, quote):
        lines = tuple(
            session.execute(
                select(QuoteLine).where(QuoteLine.version_id == row.id).order_by(QuoteLine.position)
            ).scalars()
        )
        versions.append(VersionDetail(row, current_status(row.status, row.valid_until, sandbox.business_date), lines))
    catalogue = catalogue_for(session, actor, sandbox.id)
    offers = []
    eco: dict[int, tuple[str, ...]] = {}
    for line in versions[-1].lines:
        product = catalogue.product(line.product_code)
        if product is not None:
            offers.append(OfferLine(product, line.formula, tuple(line.options), line.alternative_of))
            eco[line.id] = eco_options(product, line.options)
    flags = _offer_flags(session, catalogue, client, offers, versions[-1].row.total)
    request = session.get(SubscriptionRequest, quote.request_id) if quote.request_id else None
    return QuoteDetail(quote, client, tuple(versions), flags, request.number if request else None, eco)


def get_quote(session: Session, actor: Actor, sandbox_id: int, quote_id: int) -> QuoteDetail:
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    return _detail(session, actor, sandbox, _quote_in(session, sandbox.id, quote_id))


@dataclass(frozen=True)
class QuoteSummary:
    quote: Quote
    client_number: str
    client_name: str
    version: QuoteVersion
    status: QuoteStatus


def list_quotes(session: Session, actor: Actor, sandbox_id: int, client_id: int | None = None) -> list[QuoteSummary]:
    """The sandbox's quotes (or one client's), newest first, each with its current version."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    query = select(Quote, Client).join(Client, Client.id == Quote.client_id).where(Quote.sandbox_id == sandbox.id)
    if client_id is not None:
        query = query.where(Quote.client_id == client_id)
    found = session.execute(query.order_by(Quote.id.desc())).all()
    latest: dict[int, QuoteVersion] = {}
    if found:
        for version in session.execute(
            select(QuoteVersion).where(QuoteVersion.quote_id.in_([quote.id for quote, _ in found]))
        ).scalars():
            if version.quote_id not in latest or version.version > latest[version.quote_id].version:
                latest[version.quote_id] = version
    return [
        QuoteSummary(
            quote,
            client.number,
            client_domain.display_name(_row_dict(client)),
            latest[quote.id],
            current_status(latest[quote.id].status, latest[quote.id].valid_until, sandbox.business_date),
        )
        for quote, client in found
    ]


def delete_offers(session: Session, sandbox_id: int) -> None:
    """A reset removes the candidate's needs records and quotes before the portfolio they refer to."""
    for model in OFFER_MODELS:
        session.execute(delete(model).where(model.sandbox_id == sandbox_id))


# --- the documents' plain data ------------------------------------------------------------------------


def party_of(client: Client, accessible: bool = False) -> Party:
    fields = _row_dict(client)
    lines = [client.address_line1, client.address_line2, " ".join(p for p in (client.postcode, client.city) if p)]
    salutation = {"M": "Monsieur,", "MME": "Madame,"}.get(str(client.civility or ""), "Madame, Monsieur,")
    return Party(
        client_number=client.number,
        name=client_domain.display_name(fields),
        address_lines=tuple(line for line in lines if line),
        salutation=salutation,
        email=client.email,
        accessible_formats=accessible or bool(client.accessible_formats),
    )


def _advisor(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else ""


def _guarantee_names(catalogue: Catalogue, line: str, codes: Sequence[str]) -> str:
    names = []
    for code in codes:
        name = next(
            (g.name for p in catalogue.products if p.line == line for g in p.guarantees if g.code == code), code
        )
        names.append(name)
    return ", ".join(names)


def _product_text(catalogue: Catalogue, advice: dict[str, Any]) -> str:
    product = catalogue.product(str(advice.get("product")))
    if product is None:
        return str(advice.get("product"))
    formula = product.formula(str(advice.get("formula")))
    text = f"{product.name} — formule {formula.name if formula else advice.get('formula')}"
    options = [(product.guarantee(code) or product.modifier(code)) for code in advice.get("options") or ()]
    names = [item.name for item in options if item is not None]
    if names:
        text += ", option" + ("s " if len(names) > 1 else " ") + ", ".join(names)
    return text


def advice_view(session: Session, actor: Actor, sandbox_id: int, client_id: int) -> AdviceView:
    """Document de conseil: the client's latest needs, the recommendation and its reasons, the warnings."""
    detail = latest_needs(session, actor, sandbox_id, client_id)
    if detail is None:
        raise NotFound("Aucun recueil des besoins pour ce client.")
    catalogue = catalogue_for(session, actor, sandbox_id)
    row = detail.record
    needs: list[NeedView] = []
    for line, given in row.answers.items():
        if line not in LINE_LABELS:
            continue
        for question in LINE_QUESTIONS:
            value = given.get(question.code)
            if not value:
                continue
            answer = (
                _guarantee_names(catalogue, line, value) if question.kind is QuestionKind.GUARANTEES else str(value)
            )
            needs.append(NeedView(LINE_LABELS[line], question.label, answer))
        for advice in row.recommendations:
            if advice.get("line") == line:
                needs.append(
                    NeedView(
                        LINE_LABELS[line],
                        "Besoin",
                        str(advice.get("need") or ""),
                        recommendation=str(advice.get("reason") or ""),
                        recommended_product=_product_text(catalogue, advice),
                    )
                )
    general = row.answers.get("general") or {}
    if general.get("disability"):
        needs.append(NeedView("Situation du client", "Handicap ou adaptation", str(general["disability"])))
    if row.budget_monthly is not None:
        needs.append(NeedView("Situation du client", "Budget mensuel", f"{decimal_text(row.budget_monthly)} €"))
    return AdviceView(
        party=party_of(detail.client, row.accessible_formats),
        recorded_on=row.recorded_on,
        advisor=_advisor(session, row.recorded_by_id),
        needs=tuple(needs),
        warnings=tuple(flag.message for flag in detail.flags),
        eco_interest=row.eco_interest,
    )


def _condition_views(conditions: Sequence[dict[str, Any]]) -> tuple[tuple[ConditionView, ...], tuple[str, ...]]:
    views = []
    exclusions = []
    for condition in conditions:
        kind = str(condition.get("kind"))
        try:
            label = CONDITION_LABELS[SpecialConditionKind(kind)]
        except ValueError:
            label = "Condition"
        text = str(condition.get("label") or "")
        if condition.get("percent"):
            text = f"{text} ({decimal_text(Decimal(str(condition['percent'])))} %)".strip()
        views.append(ConditionView(label, text))
        if kind == SpecialConditionKind.EXCLUSION.value:
            exclusions.append(str(condition.get("label") or ""))
    return tuple(views), tuple(exclusions)


def _risk_summary(product: Product, risk: dict[str, Any]) -> tuple[str, ...]:
    summary = []
    for spec in product.risk_fields:
        value = risk.get(spec.name)
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            shown = "oui" if value else "non"
        elif spec.kind == "choice":
            shown = spec.choice_label(value) or str(value)
        else:
            shown = str(value) + (f" {spec.unit}" if spec.unit else "")
        summary.append(f"{spec.label} : {shown}")
    return tuple(summary)


def _limit_text(limit: Limit) -> str:
    value = euros(limit.amount) if limit.amount is not None else limit.text
    return f"{limit.label} : {value}"


def quote_line_view(catalogue: Catalogue, line: QuoteLine) -> QuoteLineView:
    product = catalogue.product(line.product_code)
    assert product is not None  # the line's snapshot has it
    formula = product.formula(line.formula)
    frequency = product.frequency(line.frequency)
    pricing = line.pricing
    guarantees = []
    for item in pricing["lines"]:
        guarantee = product.guarantee(item["code"])
        deductible = guarantee.deductible(item["deductible"]) if guarantee and item.get("deductible") else None
        taxes = sum((Decimal(tax["amount"]) for tax in item["taxes"]), Decimal(0))
        limits = "; ".join(_limit_text(limit) for limit in guarantee.limits) if guarantee else ""
        guarantees.append(
            GuaranteeView(
                name=item["name"],
                status_label={"mandatory": "obligatoire", "formula": "de la formule", "optional": "en option"}.get(
                    item["status"], ""
                ),
                limit=limits or "Selon conditions générales",
                deductible=deductible.label if deductible else "Aucune",
                premium_before_tax=Decimal(item["premium_before_tax"]) + Decimal(item["fractionnement"]),
                taxes=taxes,
                total=Decimal(item["total"]),
            )
        )
    conditions, exclusions = _condition_views(line.conditions)
    names = [(product.guarantee(code) or product.modifier(code)) for code in line.options]
    return QuoteLineView(
        product_code=product.code,
        product_name=product.name,
        formula_label=formula.name if formula else line.formula,
        options=tuple(item.name for item in names if item is not None),
        eco_options=tuple(item.name for item in names if item is not None and item.eco),
        frequency_label=frequency.label.lower() if frequency else line.frequency,
        risk_summary=_risk_summary(product, line.risk),
        guarantees=tuple(guarantees),
        conditions=conditions,
        exclusions=exclusions,
        premium_before_tax=line.premium_before_tax,
        discount=line.discount,
        taxes=line.taxes,
        total=line.total,
        first_instalment=Decimal(pricing["instalments"][0]["amount"]),
        alternative_of=line.alternative_of,
    )


def quote_view(session: Session, actor: Actor, sandbox_id: int, quote_id: int, version: int | None = None) -> QuoteView:
    """Devis: the plain data its document prints (the current version, or the one asked)."""
    detail = get_quote(session, actor, sandbox_id, quote_id)
    chosen = detail.current
    if version is not None:
        chosen = next((item for item in detail.versions if item.row.version == version), None)  # type: ignore[assignment]
        if chosen is None:
            raise NotFound("Version du devis introuvable.")
    catalogues: dict[int, Catalogue] = {}
    lines = []
    for line in chosen.lines:
        if line.snapshot_id not in catalogues:
            snapshot = session.get(CatalogueSnapshot, line.snapshot_id)
            assert snapshot is not None
            catalogues[line.snapshot_id] = rebuild_catalogue(session, snapshot)
        lines.append(quote_line_view(catalogues[line.snapshot_id], line))
    row = chosen.row
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    return QuoteView(
        party=party_of(detail.client),
        number=detail.quote.number,
        version=row.version,
        issued_on=row.issued_on,
        valid_until=row.valid_until,
        lines=tuple(lines),
        discount_total=row.discount_total,
        total=row.total,
        advisor=_advisor(session, sandbox.candidate_id),
    )


# --- what the quote builder offers --------------------------------------------------------------------


@dataclass(frozen=True)
class RiskChoice:
    kind: str  # vehicle | dwelling | business | loan
    id: int
    label: str


def client_risks(session: Session, actor: Actor, sandbox_id: int, client_id: int) -> tuple[RiskChoice, ...]:
    """The client's records a quote line may insure (the builder's « risque assuré » choice)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    client = _client_or_404(session, sandbox.id, client_id)
    found: list[RiskChoice] = []
    for vehicle in session.execute(
        select(Vehicle).where(Vehicle.client_id == client.id).order_by(Vehicle.id)
    ).scalars():
        found.append(
            RiskChoice("vehicle", vehicle.id, f"Véhicule {vehicle.registration} — {vehicle.make} {vehicle.model}")
        )
    for home in session.execute(
        select(Dwelling).where(Dwelling.client_id == client.id).order_by(Dwelling.id)
    ).scalars():
        found.append(RiskChoice("dwelling", home.id, f"Logement {home.address_line1}, {home.postcode} {home.city}"))
    for firm in session.execute(
        select(Business).where(Business.client_id == client.id).order_by(Business.id)
    ).scalars():
        found.append(RiskChoice("business", firm.id, f"Entreprise {firm.activity} — SIRET {firm.siret}"))
    for loan in session.execute(select(Loan).where(Loan.client_id == client.id).order_by(Loan.id)).scalars():
        found.append(RiskChoice("loan", loan.id, f"Prêt {loan.lender} — {loan.purpose}"))
    return tuple(found)


@dataclass(frozen=True)
class BuilderStart:
    """Where a new quote starts from: the client, and the request with its decision's conditions."""

    client: Client
    request: SubscriptionRequest | None
    conditions: tuple[dict[str, Any], ...]


def builder_start(
    session: Session, actor: Actor, sandbox_id: int, client_id: int | None, request_id: int | None
) -> BuilderStart:
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    found = None
    if request_id is not None:
        found = session.execute(
            select(SubscriptionRequest).where(
                SubscriptionRequest.id == request_id,
                SubscriptionRequest.sandbox_id == sandbox.id,
                SubscriptionRequest.received_on <= sandbox.business_date,
            )
        ).scalar_one_or_none()
        if found is None:
            raise NotFound("Demande introuvable.")
        client_id = found.client_id
    if client_id is None:
        raise NotFound("Client introuvable.")
    client = _client_or_404(session, sandbox.id, client_id)
    decision = _decision_of(session, found) if found is not None else None
    return BuilderStart(client, found, tuple(decision.conditions) if decision else ())
