"""Encaissements (C2A.4): a payment received on a contract, its allocation, the ledger and the collections.

`record_payment` loads the contract (locked: FOR UPDATE on PostgreSQL, after the sandbox's own lock) and
its open instalments with what each has already received, asks `domain.payments.allocate` how the amount
spreads (the oldest first, or the instalments the candidate chose), and in one transaction: the payment is
recorded, the client's account receives + the amount and − each allocation (ledger_movements), each
instalment settled becomes « paid » (with the date and the method), the overpayment stays on the account
as a credit (avoir), the receipt (« reçu de paiement ») is edited (document lifecycle) and the action is
journaled `payment.record` (C2A.4). The same Idempotency-Key replays the first payment and records nothing.

`contract_ledger` reads a contract's account; `collections` the sandbox's instalments with their state
(due, partial, late, paid, cancelled — a terminated contract's) and totals in Decimal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from polyadmin.documents.views import ReceiptLine, ReceiptView
from polyadmin.domain.errors import Conflict, InvalidInput, NotFound
from polyadmin.domain.french import short_date
from polyadmin.domain.payments import (
    MOVEMENT_LABELS,
    PAYMENT_METHOD_LABELS,
    ZERO,
    AllocationRefused,
    OpenInstalment,
    allocate,
    instalment_state,
)
from polyadmin.domain.roles import Actor
from polyadmin.journal.writer import append_entry
from polyadmin.services.access import readable_sandbox, workable_sandbox
from polyadmin.services.catalogue import rebuild_catalogue
from polyadmin.services.client_documents import record_edition
from polyadmin.services.clock import wall_now
from polyadmin.services.contracts import party_of
from polyadmin.services.unit import transaction
from polyadmin.store.client_documents import ClientDocument
from polyadmin.store.models import CatalogueSnapshot, Client, Sandbox
from polyadmin.store.payments import LedgerMovement, Payment
from polyadmin.store.portfolio import Contract, Instalment
from polyadmin.validation.french import load_or_raise
from polyadmin.validation.payments import IDEMPOTENCY_KEY_MAX, CollectionsQuery, PaymentSchema

RECEIPT_KIND = "payment_receipt"
RECEIPT_TITLE = "Reçu de paiement"
OPEN_STATUSES = ("due", "unpaid")
STATE_LABELS = {
    "due": "À échoir",
    "partial": "Partiellement payée",
    "late": "En retard",
    "paid": "Payée",
    "cancelled": "Annulée (contrat résilié)",
}
COLLECTION_ROWS_MAX = 500


@dataclass(frozen=True)
class AllocationLine:
    instalment_id: int
    number: int
    due_date: date
    amount: Decimal
    settles: bool


@dataclass(frozen=True)
class Recorded:
    payment: Payment
    contract: Contract
    allocations: tuple[AllocationLine, ...]
    credit: Decimal  # the overpayment kept on the client's account
    receipt: ClientDocument | None  # the « reçu de paiement » edited for the client
    replayed: bool = False

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)


def _contract_in(session: Session, sandbox: Sandbox, contract_id: int, *, lock: bool = False) -> Contract:
    query = select(Contract).where(Contract.id == contract_id, Contract.sandbox_id == sandbox.id)
    if lock:
        query = query.with_for_update()
    contract = session.execute(query).scalar_one_or_none()
    if contract is None:
        raise NotFound("Contrat introuvable.")
    return contract


def _allocated_by_instalment(session: Session, contract_id: int) -> dict[int, Decimal]:
    """What each instalment of the contract has received (the allocations are − in the ledger)."""
    rows = session.execute(
        select(LedgerMovement.instalment_id, LedgerMovement.amount).where(
            LedgerMovement.contract_id == contract_id, LedgerMovement.kind == "allocation"
        )
    ).all()
    received: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for instalment_id, amount in rows:
        if instalment_id is not None:  # an allocation always names its instalment
            received[instalment_id] -= amount
    return received


def _allocations_of(session: Session, payment: Payment) -> tuple[AllocationLine, ...]:
    rows = session.execute(
        select(LedgerMovement, Instalment)
        .join(Instalment, Instalment.id == LedgerMovement.instalment_id)
        .where(LedgerMovement.payment_id == payment.id, LedgerMovement.kind == "allocation")
        .order_by(LedgerMovement.id)
    ).all()
    return tuple(AllocationLine(i.id, i.number, i.due_date, -m.amount, i.status == "paid") for m, i in rows)


def _replay(session: Session, sandbox: Sandbox, key: str | None, contract: Contract) -> Recorded | None:
    if key is None:
        return None
    payment = session.execute(
        select(Payment).where(Payment.sandbox_id == sandbox.id, Payment.idempotency_key == key)
    ).scalar_one_or_none()
    if payment is None:
        return None
    if payment.contract_id != contract.id:
        raise InvalidInput({"idempotency_key": ["Cette clé d'idempotence a déjà servi pour un autre contrat."]})
    allocations = _allocations_of(session, payment)
    credit = payment.amount - sum((a.amount for a in allocations), ZERO)
    receipt = session.execute(
        select(ClientDocument)
        .where(ClientDocument.kind == RECEIPT_KIND, ClientDocument.record_type == "payment")
        .where(ClientDocument.record_id == payment.id, ClientDocument.sandbox_id == sandbox.id)
        .order_by(ClientDocument.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    return Recorded(payment, contract, allocations, credit, receipt, replayed=True)


def _checked(loaded: dict[str, Any], today: date, contract: Contract) -> date:
    received_on = loaded["received_on"] or today
    if received_on > today:
        raise InvalidInput(
            {"received_on": [f"Cette date ne peut pas suivre la date de la simulation ({short_date(today)})."]}
        )
    if received_on < contract.created_on:
        raise InvalidInput(
            {"received_on": [f"Cette date précède l'émission du contrat ({short_date(contract.created_on)})."]}
        )
    if loaded["amount"] <= 0:
        raise InvalidInput({"amount": ["Le montant encaissé doit être positif."]})
    return received_on


def record_payment(
    session: Session, actor: Actor, sandbox_id: int, contract_id: int, data: dict[str, Any], key: str | None = None
) -> Recorded:
    """Encaisser: record a payment on a contract of the candidate's sandbox and allocate it (see the
    module's docstring). InvalidInput (422) for the fields; Conflict (409) on a terminated contract with
    nothing left due; the same `key` replays the first payment."""
    loaded = load_or_raise(PaymentSchema(), data)
    if key is not None and not (0 < len(key) <= IDEMPOTENCY_KEY_MAX):
        raise InvalidInput({"idempotency_key": [f"Clé d'idempotence : entre 1 et {IDEMPOTENCY_KEY_MAX} caractères."]})
    with transaction(session):
        sandbox = workable_sandbox(session, actor, sandbox_id)
        contract = _contract_in(session, sandbox, contract_id, lock=True)
        replayed = _replay(session, sandbox, key, contract)
        if replayed is not None:
            return replayed
        today = sandbox.business_date
        received_on = _checked(loaded, today, contract)
        instalments = {
            i.id: i
            for i in session.execute(
                select(Instalment)
                .where(Instalment.contract_id == contract.id, Instalment.status.in_(OPEN_STATUSES))
                .order_by(Instalment.due_date, Instalment.id)
            ).scalars()
        }
        if contract.status == "terminated" and not instalments:
            raise Conflict(f"Le contrat {contract.number} est résilié et ne laisse aucune échéance à régler.")
        received = _allocated_by_instalment(session, contract.id)
        open_ones = [OpenInstalment(i.id, i.due_date, i.amount, received[i.id]) for i in instalments.values()]
        try:
            plan = allocate(loaded["amount"], open_ones, loaded["instalment_ids"] or None)
        except AllocationRefused as exc:
            field_name = "instalment_ids" if loaded["instalment_ids"] else "amount"
            raise InvalidInput({field_name: [str(exc)]}) from exc
        assert actor.user_id is not None
        payment = Payment(
            sandbox_id=sandbox.id,
            client_id=contract.client_id,
            contract_id=contract.id,
            method=loaded["method"],
            amount=loaded["amount"],
            received_on=received_on,
            reference=loaded["reference"] or None,
            idempotency_key=key,
            recorded_by_id=actor.user_id,
            recorded_at=wall_now(),
        )
        session.add(payment)
        session.flush()
        common = {"sandbox_id": sandbox.id, "client_id": contract.client_id, "contract_id": contract.id}
        session.add(
            LedgerMovement(
                **common, payment_id=payment.id, kind="payment", amount=payment.amount, booked_on=received_on
            )
        )
        lines = []
        for allocation in plan.allocations:
            instalment = instalments[allocation.instalment_id]
            session.add(
                LedgerMovement(
                    **common,
                    payment_id=payment.id,
                    instalment_id=instalment.id,
                    kind="allocation",
                    amount=-allocation.amount,
                    booked_on=received_on,
                )
            )
            if allocation.settles:
                instalment.status = "paid"
                instalment.paid_on = received_on
                instalment.method = payment.method
            lines.append(
                AllocationLine(
                    instalment.id, instalment.number, instalment.due_date, allocation.amount, allocation.settles
                )
            )
        session.flush()
        receipt = record_edition(
            session,
            actor,
            sandbox.id,
            client_id=contract.client_id,
            kind=RECEIPT_KIND,
            record_type="payment",
            record_id=payment.id,
            title=f"{RECEIPT_TITLE} — contrat {contract.number}, {payment.amount} €",
            signature_required=False,
        )
        recorded = Recorded(payment, contract, tuple(lines), plan.credit, receipt)
        _journal(session, actor, sandbox, recorded, loaded, key)
    return recorded


def _journal(
    session: Session, actor: Actor, sandbox: Sandbox, recorded: Recorded, loaded: dict[str, Any], key: str | None
) -> None:
    payment, contract = recorded.payment, recorded.contract
    append_entry(
        session,
        actor=actor,
        action="payment.record",
        recorded_at=wall_now(),
        sandbox_id=sandbox.id,
        sandbox_date=sandbox.business_date,
        record=("contract", contract.id),
        input={
            "contract_id": contract.id,
            "method": payment.method,
            "amount": payment.amount,
            "received_on": payment.received_on,
            "reference": payment.reference,
            "instalment_ids": loaded["instalment_ids"],
            "idempotency_key": key,
        },
        outcome={
            "contract_number": contract.number,
            "payment_id": payment.id,
            "allocations": [
                {"instalment_id": a.instalment_id, "due_date": a.due_date, "amount": a.amount, "settled": a.settles}
                for a in recorded.allocations
            ],
            "allocated": recorded.allocated,
            "credit": recorded.credit,
            "client_balance": client_balance(session, contract.client_id),
        },
    )


# --- reading ------------------------------------------------------------------------------------------


def client_balance(session: Session, client_id: int) -> Decimal:
    """The client's account: the sum of its movements (his credit not yet applied or returned)."""
    amounts = session.execute(select(LedgerMovement.amount).where(LedgerMovement.client_id == client_id)).scalars()
    return sum(amounts, ZERO)


@dataclass(frozen=True)
class LedgerLine:
    booked_on: date
    kind: str
    amount: Decimal
    balance: Decimal  # running balance after the movement
    payment_id: int | None
    instalment_id: int | None
    method: str | None
    reference: str | None

    @property
    def label(self) -> str:
        label = MOVEMENT_LABELS[self.kind]
        if self.kind == "payment" and self.method is not None:
            label += f" ({PAYMENT_METHOD_LABELS[self.method]})"
        return label


@dataclass(frozen=True)
class InstalmentLine:
    id: int
    number: int
    due_date: date
    amount: Decimal
    received: Decimal
    state: str

    @property
    def remaining(self) -> Decimal:
        return ZERO if self.state in ("paid", "cancelled") else max(self.amount - self.received, ZERO)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class ContractLedger:
    contract: Contract
    lines: tuple[LedgerLine, ...]
    instalments: tuple[InstalmentLine, ...]
    balance: Decimal  # the contract's movements' sum: the credit left from its payments
    client_balance: Decimal

    @property
    def received(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.kind == "payment"), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return sum((i.remaining for i in self.instalments), ZERO)

    @property
    def open_instalments(self) -> tuple[InstalmentLine, ...]:
        return tuple(i for i in self.instalments if i.remaining > 0)


def contract_ledger(session: Session, actor: Actor, sandbox_id: int, contract_id: int) -> ContractLedger:
    """The account of a contract of a sandbox the actor may read: its movements with the running balance
    and its instalments with what each received and its state on the simulation's date."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    contract = _contract_in(session, sandbox, contract_id)
    rows = session.execute(
        select(LedgerMovement, Payment)
        .outerjoin(Payment, Payment.id == LedgerMovement.payment_id)
        .where(LedgerMovement.contract_id == contract.id)
        .order_by(LedgerMovement.booked_on, LedgerMovement.id)
    ).all()
    running = ZERO
    lines = []
    for movement, payment in rows:
        running += movement.amount
        lines.append(
            LedgerLine(
                movement.booked_on,
                movement.kind,
                movement.amount,
                running,
                movement.payment_id,
                movement.instalment_id,
                payment.method if payment is not None else None,
                payment.reference if payment is not None else None,
            )
        )
    received = _allocated_by_instalment(session, contract.id)
    instalments = tuple(
        InstalmentLine(
            i.id,
            i.number,
            i.due_date,
            i.amount,
            received[i.id],
            instalment_state(i.amount, received[i.id], i.status, i.due_date, sandbox.business_date),
        )
        for i in session.execute(
            select(Instalment).where(Instalment.contract_id == contract.id).order_by(Instalment.due_date, Instalment.id)
        ).scalars()
    )
    return ContractLedger(contract, tuple(lines), instalments, running, client_balance(session, contract.client_id))


@dataclass(frozen=True)
class CollectionRow:
    instalment_id: int
    contract_id: int
    contract_number: str
    contract_status: str
    number: int
    due_date: date
    amount: Decimal
    received: Decimal
    state: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def remaining(self) -> Decimal:
        return ZERO if self.state in ("paid", "cancelled") else max(self.amount - self.received, ZERO)


@dataclass(frozen=True)
class Collections:
    business_date: date
    rows: tuple[CollectionRow, ...]  # the rows of the filter, at most COLLECTION_ROWS_MAX
    matching: int  # how many instalments the filter selects
    totals: dict[str, Decimal] = field(default_factory=dict)  # per state: the amount of the instalments
    counts: dict[str, int] = field(default_factory=dict)
    remaining: dict[str, Decimal] = field(default_factory=dict)  # per state: what is left to collect
    terminated_contracts: int = 0


def collections(session: Session, actor: Actor, sandbox_id: int, query: dict[str, Any] | None = None) -> Collections:
    """The sandbox's instalments by state on its date: due (not yet due), partial, late (due before the
    simulation's date and not fully paid), paid, cancelled (a terminated contract's), with totals."""
    loaded = load_or_raise(CollectionsQuery(), query or {})
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    allocated = (
        select(
            LedgerMovement.instalment_id.label("instalment_id"), (-func.sum(LedgerMovement.amount)).label("received")
        )
        .where(LedgerMovement.sandbox_id == sandbox.id, LedgerMovement.kind == "allocation")
        .group_by(LedgerMovement.instalment_id)
        .subquery()
    )
    result = session.execute(
        select(
            Instalment.id,
            Instalment.contract_id,
            Contract.number,
            Contract.status,
            Instalment.number,
            Instalment.due_date,
            Instalment.amount,
            Instalment.status,
            allocated.c.received,
        )
        .join(Contract, Contract.id == Instalment.contract_id)
        .outerjoin(allocated, allocated.c.instalment_id == Instalment.id)
        .where(Instalment.sandbox_id == sandbox.id)
        .order_by(Instalment.due_date, Contract.number, Instalment.number)
    ).all()
    totals: dict[str, Decimal] = {state: ZERO for state in STATE_LABELS}
    remaining: dict[str, Decimal] = {state: ZERO for state in STATE_LABELS}
    counts: dict[str, int] = {state: 0 for state in STATE_LABELS}
    rows: list[CollectionRow] = []
    matching = 0
    terminated: set[int] = set()
    for iid, cid, cnumber, cstatus, number, due_date, amount, status, cents in result:
        got = ZERO if cents is None else cents
        state = instalment_state(amount, got, status, due_date, sandbox.business_date)
        row = CollectionRow(iid, cid, cnumber, cstatus, number, due_date, amount, got, state)
        totals[state] += amount
        remaining[state] += row.remaining
        counts[state] += 1
        if cstatus == "terminated":
            terminated.add(cid)
        if loaded["state"] is None or loaded["state"] == state:
            matching += 1
            if len(rows) < COLLECTION_ROWS_MAX:
                rows.append(row)
    return Collections(sandbox.business_date, tuple(rows), matching, totals, counts, remaining, len(terminated))


def receipt_view(session: Session, actor: Actor, sandbox_id: int, payment_id: int) -> ReceiptView:
    """What the receipt of a payment prints."""
    sandbox, _access = readable_sandbox(session, actor, sandbox_id)
    payment = session.get(Payment, payment_id)
    if payment is None or payment.sandbox_id != sandbox.id:
        raise NotFound("Paiement introuvable.")
    contract = _contract_in(session, sandbox, payment.contract_id)
    client = session.get(Client, contract.client_id)
    snapshot = session.get(CatalogueSnapshot, contract.snapshot_id)
    assert client is not None and snapshot is not None
    product = rebuild_catalogue(session, snapshot).product(contract.product_code)
    allocations = _allocations_of(session, payment)
    return ReceiptView(
        party=party_of(client),
        number=contract.number,
        product_name=product.name if product is not None else contract.product_code,
        payment_id=payment.id,
        received_on=payment.received_on,
        method_label=PAYMENT_METHOD_LABELS[payment.method],
        reference=payment.reference,
        amount=payment.amount,
        lines=tuple(ReceiptLine(a.number, a.due_date, a.amount, a.settles) for a in allocations),
        credit=payment.amount - sum((a.amount for a in allocations), ZERO),
    )


def delete_payments(session: Session, sandbox_id: int) -> None:
    """A reset removes the ledger and the payments before the contracts and instalments they refer to."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, (Payment, LedgerMovement)) and instance.sandbox_id == sandbox_id:
            session.expunge(instance)
    session.execute(delete(LedgerMovement).where(LedgerMovement.sandbox_id == sandbox_id))
    session.execute(delete(Payment).where(Payment.sandbox_id == sandbox_id))
