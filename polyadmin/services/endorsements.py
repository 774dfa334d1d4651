"""Avenants of a contract of the sandbox (C2A.4): preview, record, cancel, and the contract at a date.

`preview_endorsement` writes nothing: it prices the contract's terms before and after the changes with
the engine on the date of effect (`domain.endorsements`: the difference pro rata by days over the rest of
the annual period, its taxes, its settlement). `record_endorsement` (a candidate, in his sandbox) does the
same in one transaction and writes the contract's next version (table `endorsements`), updates the
contract (terms, premiums, the frozen pricing of an issued contract), adjusts the remaining instalments or
adds a separate notice (or a refund task for the collections department), edits the avenant (document
lifecycle, C1.9) and journals `contract.endorse` (C2A.4). `cancel_endorsement` undoes the latest active
one (journal `contract.endorsement_cancel`). `terms_at` tells which version applies on a date.

Rules kept simple and stated in docs/contracts.md: an endorsement may not take effect before the latest
active one of the contract (cancel the later one first); the multi-product discount is counted on the
client's other active contracts, the same before and after; the special conditions of acceptance (extra
premiums) are not priced again, the difference is the tariff's.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from polyadmin.documents.views import EndorsementView
from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.catalogue import Catalogue, Product
from polyadmin.domain.contracts import Department, PaymentMethod, missing_mandatory
from polyadmin.domain.endorsements import (
    SETTLEMENT_LABELS,
    Change,
    ContractTerms,
    Difference,
    RecurringAmounts,
    Settlement,
    apply_changes,
    changes_between,
    check_effective_date,
    check_endorsable,
    check_mandatory,
    premium_difference,
    settle,
    terms_from,
)
from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.domain.french import euros, short_date
from polyadmin.domain.pricing import Pricing, PricingRequest, price
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.client_documents import record_edition
from polyadmin.services.clock import wall_now
from polyadmin.services.contracts import party_of
from polyadmin.services.terminations import premium_period
from polyadmin.services.unit import transaction
from polyadmin.store.contracts import Endorsement, Task
from polyadmin.store.models import CatalogueSnapshot, Client, Sandbox
from polyadmin.store.portfolio import Contract, Instalment
from polyadmin.validation.endorsements import EndorsementSchema
from polyadmin.validation.french import load_or_raise

DOCUMENT_KIND = "endorsement"
DOCUMENT_TITLE = "Avenant"
STATUS_LABELS = {"active": "En vigueur", "cancelled": "Annulé"}


@dataclass(frozen=True)
class EndorsementPreview:
    """The contract before and after, the difference pro rata and its settlement (nothing written)."""

    contract: Contract
    effective_on: date
    justification: str | None
    before: ContractTerms
    after: ContractTerms
    changes: tuple[Change, ...]
    pricing_before: Pricing
    pricing_after: Pricing
    total_before: Decimal  # the contract's annual premium, taxes included, before the endorsement
    total_after: Decimal
    premium_before: Decimal  # before tax
    premium_after: Decimal
    difference: Difference
    settlement: Settlement
    setting: str  # the product's: instalments | notice
    backdating_days: int


def _contract_in(session: Session, sandbox: Sandbox, contract_id: int, *, lock: bool = False) -> Contract:
    query = select(Contract).where(Contract.id == contract_id, Contract.sandbox_id == sandbox.id)
    if lock:
        query = query.with_for_update()
    contract = session.execute(query).scalar_one_or_none()
    if contract is None:
        raise NotFound("Contrat introuvable.")
    return contract


def _catalogue(session: Session, contract: Contract) -> Catalogue:
    snapshot = session.get(CatalogueSnapshot, contract.snapshot_id)
    assert snapshot is not None  # a foreign key
    return rebuild_catalogue(session, snapshot)


def _active(session: Session, contract: Contract) -> list[Endorsement]:
    return list(
        session.execute(
            select(Endorsement)
            .where(Endorsement.contract_id == contract.id, Endorsement.status == "active")
            .order_by(Endorsement.version)
        ).scalars()
    )


def current_terms(session: Session, contract: Contract) -> ContractTerms:
    """The contract's terms now (the beneficiary is kept by the endorsements only)."""
    latest = _active(session, contract)
    return ContractTerms(
        formula=contract.formula,
        options=tuple(contract.options),
        deductibles=dict(contract.deductibles),
        frequency=contract.frequency,
        risk=dict(contract.risk),
        payment_method=contract.payment_method,
        beneficiary=latest[-1].terms_after.get("beneficiary") if latest else None,
    )


def _other_contracts(session: Session, contract: Contract) -> int:
    return int(
        session.execute(
            select(func.count(Contract.id)).where(
                Contract.client_id == contract.client_id, Contract.status == "active", Contract.id != contract.id
            )
        ).scalar_one()
    )


def _priced(
    product: Product, catalogue: Catalogue, terms: ContractTerms, day: date, others: int, where: str
) -> Pricing:
    request = PricingRequest(
        formula=terms.formula,
        frequency=terms.frequency,
        effective_date=day,
        risk=terms.risk,
        options=terms.options,
        deductibles=terms.deductibles,
        other_contracts=others,
    )
    try:
        return price(product, catalogue.taxes, request, explain=False)
    except InvalidInput as exc:
        raise InvalidInput(
            {f"{where}.{name}": messages for name, messages in exc.field_errors.items()} or {where: [exc.message]},
            "Avenant impossible à tarifer.",
        ) from None


def _recurring(pricing: Pricing) -> RecurringAmounts:
    premium = sum((line.premium_before_tax for line in pricing.lines), Decimal(0))
    surcharge = sum((line.fractionnement for line in pricing.lines), Decimal(0))
    return RecurringAmounts(premium, premium + surcharge, sum((line.total for line in pricing.lines), Decimal(0)))


def _remaining(session: Session, contract: Contract, effective_on: date, period_end: date) -> list[Instalment]:
    return list(
        session.execute(
            select(Instalment)
            .where(
                Instalment.contract_id == contract.id,
                Instalment.status == "due",
                Instalment.due_date >= effective_on,
                Instalment.due_date <= period_end,
            )
            .order_by(Instalment.due_date, Instalment.id)
        ).scalars()
    )


def _preview(session: Session, sandbox: Sandbox, contract: Contract, loaded: dict[str, Any]) -> EndorsementPreview:
    check_endorsable(contract.status, contract.number)
    effective_on: date = loaded["effective_on"]
    catalogue = _catalogue(session, contract)
    product = catalogue.product(contract.product_code)
    if product is None:
        raise Conflict(f"Le produit {contract.product_code} n'est plus au catalogue du bac à sable.")
    period_start, period_end = premium_period(contract, max(sandbox.business_date, contract.start_date))
    if effective_on < period_start and effective_on >= contract.start_date:
        period_start, period_end = premium_period(contract, effective_on)
    check_effective_date(
        effective_on,
        start_date=contract.start_date,
        period_end=period_end,
        today=sandbox.business_date,
        backdating_days=product.endorsements.backdating_days,
        justification=loaded["justification"],
    )
    later = [row for row in _active(session, contract) if row.effective_on > effective_on]
    if later:
        raise Conflict(
            f"L'avenant n° {later[-1].version} prend effet le {short_date(later[-1].effective_on)}, après cette date : "
            "annulez-le d'abord pour enregistrer un avenant antérieur."
        )
    before = current_terms(session, contract)
    after = apply_changes(before, {name: value for name, value in loaded["changes"].items() if value is not None})
    labels = {item.name: item.label for item in product.risk_fields}
    names = {
        "formula": {item.code: item.name for item in product.formulas},
        "options": {item.code: item.name for item in product.guarantees}
        | {item.code: item.name for item in product.modifiers},
        "frequency": {item.code: item.label for item in product.frequencies},
        "payment_method": {str(method.value): method.label for method in PaymentMethod},
    }
    changes = changes_between(before, after, labels, names)
    if not changes:
        raise InvalidInput({"changes": ["Aucune modification : indiquez au moins un changement du contrat."]})
    others = _other_contracts(session, contract)
    pricing_before = _priced(product, catalogue, before, effective_on, others, "contract")
    pricing_after = _priced(product, catalogue, after, effective_on, others, "changes")
    mandatory = [(g.code, g.name) for g in product.guarantees if g.status == "mandatory"]
    check_mandatory(missing_mandatory(mandatory, frozenset(line.code for line in pricing_after.lines)))
    difference = premium_difference(
        _recurring(pricing_before), _recurring(pricing_after), period_start, period_end, effective_on
    )
    remaining = _remaining(session, contract, effective_on, period_end)
    setting = product.endorsements.settlement
    settlement = settle(difference.total, setting, [(row.id, row.due_date, row.amount) for row in remaining])
    return EndorsementPreview(
        contract=contract,
        effective_on=effective_on,
        justification=(loaded["justification"] or "").strip() or None,
        before=before,
        after=after,
        changes=changes,
        pricing_before=pricing_before,
        pricing_after=pricing_after,
        total_before=contract.annual_total,
        total_after=contract.annual_total + difference.annual_total,
        premium_before=contract.premium_before_tax,
        premium_after=contract.premium_before_tax + difference.annual_premium_difference,
        difference=difference,
        settlement=settlement,
        setting=setting,
        backdating_days=product.endorsements.backdating_days,
    )


def preview_endorsement(
    session: Session, actor: Actor, sandbox_id: int, contract_id: int, data: dict[str, Any]
) -> EndorsementPreview:
    """Prévisualiser un avenant: nothing is written (InvalidInput 422 for the fields, Conflict 409). A step
    of the candidate's action: the same right as to record it."""
    loaded = load_or_raise(EndorsementSchema(), data)
    sandbox = workable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    return _preview(session, sandbox, contract, loaded)


def _changes_json(changes: tuple[Change, ...]) -> list[dict[str, str]]:
    return [dataclasses.asdict(change) for change in changes]


def _apply_terms(contract: Contract, terms: ContractTerms) -> None:
    contract.formula = terms.formula
    contract.options = list(terms.options)
    contract.deductibles = dict(terms.deductibles)
    contract.frequency = terms.frequency
    contract.risk = to_json_value(dict(terms.risk))
    contract.payment_method = terms.payment_method


def _settle(
    session: Session, sandbox: Sandbox, contract: Contract, preview: EndorsementPreview, version: int
) -> dict[str, Any]:
    settlement, today = preview.settlement, sandbox.business_date
    settled: dict[str, Any] = {"instalments": [], "notice_id": None, "task_id": None}
    if settlement.mode == "instalments":
        for share in settlement.shares:
            row = session.get(Instalment, share.instalment_id)
            assert row is not None
            row.amount = share.after
            settled["instalments"].append(
                {"id": row.id, "due_date": share.due_date, "before": share.before, "after": share.after}
            )
    elif settlement.mode == "notice":
        period = preview.difference.period_start
        last = session.execute(
            select(func.max(Instalment.number)).where(
                Instalment.contract_id == contract.id, Instalment.period_start == period
            )
        ).scalar_one()
        notice = Instalment(
            sandbox_id=sandbox.id,
            contract_id=contract.id,
            period_start=period,
            number=(last or 0) + 1,
            due_date=max(today, preview.effective_on),
            amount=settlement.amount,
            status="due",
            method=contract.payment_method,
        )
        session.add(notice)
        session.flush()
        settled["notice_id"] = notice.id
    elif settlement.mode == "refund":
        task = Task(
            sandbox_id=sandbox.id,
            department=Department.COLLECTIONS.value,
            subject=(
                f"Rembourser {euros(-settlement.amount)} de cotisation : avenant n° {version} du contrat "
                f"{contract.number} au {short_date(preview.effective_on)}."
            ),
            record_type="contract",
            record_id=contract.id,
            status="open",
            created_on=today,
            due_on=today,
        )
        session.add(task)
        session.flush()
        settled["task_id"] = task.id
    return to_json_value(settled)


def _journal_changes(before: ContractTerms, after: ContractTerms) -> dict[str, dict[str, Any]]:
    """Before → after, in the journal's form ({key: {from, to}}): the terms by their code, the risk data
    by the catalogue's field names (labelled by the catalogue's words)."""
    old, new = before.as_dict(), after.as_dict()
    found: dict[str, dict[str, Any]] = {}
    for name in ("formula", "options", "frequency", "payment_method", "beneficiary"):
        if old[name] != new[name]:
            found[name] = {"from": old[name], "to": new[name]}
    if old["deductibles"] != new["deductibles"]:
        found["deductibles"] = {
            "from": ", ".join(f"{k} : {v}" for k, v in sorted(old["deductibles"].items())),
            "to": ", ".join(f"{k} : {v}" for k, v in sorted(new["deductibles"].items())),
        }
    for name in sorted(set(before.risk) | set(after.risk)):
        if str(before.risk.get(name)) != str(after.risk.get(name)):
            found[name] = {"from": before.risk.get(name), "to": after.risk.get(name)}
    return to_json_value(found)


def _journal_outcome(row: Endorsement, contract: Contract, preview: EndorsementPreview) -> dict[str, Any]:
    return {
        "contract_number": contract.number,
        "endorsement_id": row.id,
        "version": row.version,
        "effective_on": row.effective_on,
        "changes": _journal_changes(preview.before, preview.after),
        "premium_before": row.premium_before,
        "premium_after": row.premium_after,
        "total_before": row.total_before,
        "total_after": row.total_after,
        "period_start": row.period_start,
        "period_end": row.period_end,
        "remaining_days": row.remaining_days,
        "days": row.days,
        "annual_difference": row.annual_difference,
        "difference_before_tax": row.difference_before_tax,
        "difference_taxes": row.difference_taxes,
        "difference_total": row.difference_total,
        "settlement": row.settlement,
        "adjusted_instalments": [
            f"{short_date(date.fromisoformat(item['due_date']))} : {euros(Decimal(item['before']))} → "
            f"{euros(Decimal(item['after']))}"
            for item in row.settled.get("instalments") or []
        ],
        "notice_id": row.settled.get("notice_id"),
        "task_id": row.settled.get("task_id"),
    }


def record_endorsement(
    session: Session, actor: Actor, sandbox_id: int, contract_id: int, data: dict[str, Any]
) -> Endorsement:
    """Valider un avenant (see the module's docstring). InvalidInput (422), Conflict (409)."""
    loaded = load_or_raise(EndorsementSchema(), data)
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        contract = _contract_in(session, sandbox, contract_id, lock=True)
        preview = _preview(session, sandbox, contract, loaded)
        assert actor.user_id is not None
        version = (
            session.execute(
                select(func.max(Endorsement.version)).where(Endorsement.contract_id == contract.id)
            ).scalar_one()
            or 1
        ) + 1
        difference = preview.difference
        row = Endorsement(
            sandbox_id=sandbox.id,
            contract_id=contract.id,
            version=version,
            effective_on=preview.effective_on,
            recorded_on=sandbox.business_date,
            recorded_by_id=actor.user_id,
            status="active",
            justification=preview.justification,
            terms_before=to_json_value(preview.before.as_dict()),
            terms_after=to_json_value(preview.after.as_dict()),
            changes=_changes_json(preview.changes),
            pricing_before=contract.pricing,
            premium_before=preview.premium_before,
            total_before=preview.total_before,
            premium_after=preview.premium_after,
            total_after=preview.total_after,
            period_start=difference.period_start,
            period_end=difference.period_end,
            remaining_days=difference.remaining_days,
            days=difference.days,
            annual_difference=difference.annual_total,
            difference_before_tax=difference.before_tax,
            difference_taxes=difference.taxes,
            difference_total=difference.total,
            settlement=preview.settlement.mode,
            settled={},
        )
        row.settled = _settle(session, sandbox, contract, preview, version)
        _apply_terms(contract, preview.after)
        contract.premium_before_tax = preview.premium_after
        contract.annual_total = preview.total_after
        if contract.pricing is not None:
            contract.pricing = to_json_value(dataclasses.asdict(preview.pricing_after))
        session.add(row)
        session.flush()
        record_edition(
            session,
            actor,
            sandbox.id,
            client_id=contract.client_id,
            kind=DOCUMENT_KIND,
            record_type="endorsement",
            record_id=row.id,
            title=f"{DOCUMENT_TITLE} n° {version} — contrat {contract.number}",
            signature_required=True,
        )
        append_entry(
            session,
            actor=actor,
            action="contract.endorse",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("contract", contract.id),
            input={
                "contract_id": contract.id,
                "effective_on": preview.effective_on,
                "changes": to_json_value(
                    {name: value for name, value in loaded["changes"].items() if value is not None}
                ),
                "justification": preview.justification,
            },
            outcome=_journal_outcome(row, contract, preview),
        )
    return row


def cancel_endorsement(
    session: Session, actor: Actor, sandbox_id: int, contract_id: int, endorsement_id: int
) -> Endorsement:
    """Annuler un avenant: only the latest active one; the contract takes back its previous terms and
    premiums, the instalments their amounts (those still due), a separate notice still due is cancelled.
    Journaled `contract.endorsement_cancel` (C2A.4)."""
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        contract = _contract_in(session, sandbox, contract_id, lock=True)
        row = session.get(Endorsement, endorsement_id)
        if row is None or row.contract_id != contract.id:
            raise NotFound("Avenant introuvable.")
        if row.status != "active":
            raise Conflict(f"L'avenant n° {row.version} est déjà annulé.")
        check_endorsable(contract.status, contract.number)
        latest = _active(session, contract)[-1]
        if latest.id != row.id:
            raise Conflict(f"Seul le dernier avenant (n° {latest.version}) peut être annulé : annulez-le d'abord.")
        restored: list[int] = []
        for item in row.settled.get("instalments") or []:
            instalment = session.get(Instalment, item["id"])
            if instalment is not None and instalment.status == "due":
                instalment.amount = Decimal(str(item["before"]))
                restored.append(instalment.id)
        notice_cancelled = None
        if row.settled.get("notice_id"):
            notice = session.get(Instalment, row.settled["notice_id"])
            if notice is not None and notice.status == "due":
                notice.status = "cancelled"
                notice_cancelled = notice.id
        _apply_terms(contract, terms_from(row.terms_before))
        contract.premium_before_tax = row.premium_before
        contract.annual_total = row.total_before
        if row.pricing_before is not None:
            contract.pricing = row.pricing_before
        row.status = "cancelled"
        row.cancelled_on = sandbox.business_date
        session.flush()
        append_entry(
            session,
            actor=actor,
            action="contract.endorsement_cancel",
            recorded_at=wall_now(),
            sandbox_id=sandbox.id,
            sandbox_date=sandbox.business_date,
            record=("contract", contract.id),
            input={"contract_id": contract.id, "endorsement_id": row.id},
            outcome={
                "contract_number": contract.number,
                "endorsement_id": row.id,
                "version": row.version,
                "effective_on": row.effective_on,
                "total_before": row.total_after,
                "total_after": row.total_before,
                "restored_instalments": restored,
                "cancelled_notice_id": notice_cancelled,
            },
        )
    return row


# --- reading ------------------------------------------------------------------------------------------


def list_endorsements(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> list[Endorsement]:
    """The endorsements of a contract, by version (cancelled ones included)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    return list(
        session.execute(
            select(Endorsement).where(Endorsement.contract_id == contract.id).order_by(Endorsement.version)
        ).scalars()
    )


@dataclass(frozen=True)
class TermsAt:
    version: int  # 1: as issued
    terms: ContractTerms
    annual_total: Decimal


def terms_at(session: Session, actor: Actor, sandbox_id: int, contract_id: int, day: date) -> TermsAt:
    """The contract's state on `day`: the latest active endorsement in effect that day, or the contract as
    issued (before its first active endorsement)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    active = _active(session, contract)
    applying = [row for row in active if row.effective_on <= day]
    if applying:
        latest = applying[-1]
        return TermsAt(latest.version, terms_from(latest.terms_after), latest.total_after)
    if active:
        first = active[0]
        return TermsAt(1, terms_from(first.terms_before), first.total_before)
    return TermsAt(1, current_terms(session, contract), contract.annual_total)


def endorsement_view(session: Session, actor: Actor, sandbox_id: int, endorsement_id: int) -> EndorsementView:
    """What the avenant prints (its source record is the endorsement)."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    row = session.get(Endorsement, endorsement_id)
    if row is None or row.sandbox_id != sandbox.id:
        raise NotFound("Avenant introuvable.")
    contract = _contract_in(session, sandbox, row.contract_id)
    client = session.get(Client, contract.client_id)
    assert client is not None
    product = _catalogue(session, contract).product(contract.product_code)
    return EndorsementView(
        party=party_of(client),
        number=contract.number,
        product_name=product.name if product is not None else contract.product_code,
        version=row.version,
        recorded_on=row.recorded_on,
        effective_on=row.effective_on,
        changes=tuple((item["label"], item["before"], item["after"]) for item in row.changes),
        total_before=row.total_before,
        total_after=row.total_after,
        period_start=row.period_start,
        period_end=row.period_end,
        remaining_days=row.remaining_days,
        days=row.days,
        difference_before_tax=row.difference_before_tax,
        difference_taxes=row.difference_taxes,
        difference_total=row.difference_total,
        settlement_label=SETTLEMENT_LABELS[row.settlement],
        cancelled=row.status == "cancelled",
    )


def delete_endorsements(session: Session, sandbox_id: int) -> None:
    """A reset removes the endorsements before the contracts they refer to."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, Endorsement) and instance.sandbox_id == sandbox_id:
            session.expunge(instance)
    session.execute(delete(Endorsement).where(Endorsement.sandbox_id == sandbox_id))


@dataclass(frozen=True)
class EndorsementChoices:
    """What the « Avenant » form offers for a contract: its product's formulas and frequencies, the field of
    the address that sets the tariff's zone (garage or home postcode) and the current values."""

    formulas: dict[str, str]
    frequencies: dict[str, str]
    postcode_field: str | None
    postcode_label: str
    current: dict[str, str]
    endorsements: list[Endorsement]


def endorsement_choices(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> EndorsementChoices:
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    product = _catalogue(session, contract).product(contract.product_code)
    rows = list_endorsements(session, actor, sandbox_id, contract_id)
    if product is None:
        return EndorsementChoices({}, {}, None, "", {}, rows)
    postcode = next((field for field in product.risk_fields if str(field.kind) == "postcode"), None)
    terms = current_terms(session, contract)
    current = {"formula": terms.formula, "frequency": terms.frequency, "beneficiary": terms.beneficiary or ""}
    if postcode is not None:
        current["postcode"] = str(terms.risk.get(postcode.name) or "")
    return EndorsementChoices(
        formulas={item.code: item.name for item in product.formulas},
        frequencies={item.code: item.label for item in product.frequencies},
        postcode_field=postcode.name if postcode is not None else None,
        postcode_label=postcode.label if postcode is not None else "",
        current=current,
        endorsements=rows,
    )
