"""Encaissements (C2A.4): allocating a payment to a contract's open instalments, and the client's account.

A payment (encaissement: card, cheque, transfer or SEPA direct debit) is spread over the instalments
(échéances) still open, the oldest first or the ones the candidate chose, each up to what remains due on
it: an instalment can be partly paid (paiement partiel) and is paid once nothing remains. What the open
instalments do not absorb is an overpayment (trop-perçu), kept as a credit (avoir) on the client's account.

The account is a ledger (compte client): a list of signed movements whose balance is always their sum —
a payment credits it (+), an allocation to an instalment and a refund paid out debit it (−). Its balance is
therefore the money received and not yet applied or returned: the client's credit, never negative.
No I/O here: the service loads the instalments and writes what this module decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from polyadmin.domain.money import CENT

ZERO = Decimal("0.00")


class PaymentMethod(Enum):
    """Modes d'encaissement; the values are those of `instalments.method` and `contracts.payment_method`."""

    CARD = "carte"
    CHEQUE = "cheque"
    TRANSFER = "virement"
    DIRECT_DEBIT = "prelevement"

    @property
    def label(self) -> str:
        return PAYMENT_METHOD_LABELS[self.value]


PAYMENT_METHOD_LABELS = {
    "carte": "Carte bancaire",
    "cheque": "Chèque",
    "virement": "Virement",
    "prelevement": "Prélèvement SEPA",
}


class MovementKind(Enum):
    """Mouvements du compte client."""

    PAYMENT = "payment"  # encaissement reçu (+)
    ALLOCATION = "allocation"  # affectation à une échéance (−)
    REFUND = "refund"  # remboursement versé au client (−)


MOVEMENT_LABELS = {
    "payment": "Encaissement",
    "allocation": "Affectation à une échéance",
    "refund": "Remboursement versé",
}


class AllocationRefused(ValueError):
    """The payment cannot be allocated as asked (message in French)."""


@dataclass(frozen=True)
class OpenInstalment:
    """An instalment still open: its amount and what has already been allocated to it."""

    id: int
    due_date: date
    amount: Decimal
    allocated: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return max(self.amount - self.allocated, ZERO)


@dataclass(frozen=True)
class Allocation:
    instalment_id: int
    amount: Decimal
    settles: bool  # nothing remains due on the instalment after it


@dataclass(frozen=True)
class AllocationPlan:
    allocations: tuple[Allocation, ...]
    credit: Decimal  # the overpayment kept on the client's account

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)


def _check_amount(amount: Decimal) -> None:
    if amount <= 0:
        raise AllocationRefused("Le montant encaissé doit être positif.")
    if amount != amount.quantize(CENT):
        raise AllocationRefused("Le montant encaissé s'exprime au centime près.")


def allocate(amount: Decimal, instalments: list[OpenInstalment], chosen: list[int] | None = None) -> AllocationPlan:
    """Spread `amount` over the open instalments: the oldest due date first (then the lowest id), or only
    over `chosen` in the order given. Each instalment receives at most what remains due on it; the rest is
    a credit on the client's account. Refused: a non-positive amount, an instalment chosen twice or not open."""
    _check_amount(amount)
    open_ones = {i.id: i for i in instalments if i.remaining > 0}
    if chosen is None:
        order = sorted(open_ones.values(), key=lambda i: (i.due_date, i.id))
    else:
        if len(set(chosen)) != len(chosen):
            raise AllocationRefused("Une même échéance est choisie deux fois.")
        missing = [str(i) for i in chosen if i not in open_ones]
        if missing:
            raise AllocationRefused(
                "Échéance(s) choisie(s) déjà réglée(s) ou hors du contrat : " + ", ".join(missing) + "."
            )
        order = [open_ones[i] for i in chosen]
    rest = amount
    allocations: list[Allocation] = []
    for instalment in order:
        if rest <= 0:
            break
        share = min(rest, instalment.remaining)
        allocations.append(Allocation(instalment.id, share, share == instalment.remaining))
        rest -= share
    return AllocationPlan(tuple(allocations), rest)


@dataclass(frozen=True)
class Movement:
    kind: MovementKind
    amount: Decimal  # signed: + into the account, − out of it


@dataclass
class Ledger:
    """Compte client: movements appended, never changed; the balance is their sum (the client's credit)."""

    movements: list[Movement]

    @property
    def balance(self) -> Decimal:
        return sum((m.amount for m in self.movements), ZERO)

    def receive(self, amount: Decimal, plan: AllocationPlan) -> None:
        """A payment and its allocations: + the amount, − each allocation (the overpayment stays)."""
        _check_amount(amount)
        if plan.allocated + plan.credit != amount:
            raise AllocationRefused("L'affectation ne correspond pas au montant encaissé.")
        self.movements.append(Movement(MovementKind.PAYMENT, amount))
        for allocation in plan.allocations:
            self.movements.append(Movement(MovementKind.ALLOCATION, -allocation.amount))

    def pay_out(self, amount: Decimal) -> None:
        """A refund paid to the client out of his credit; never more than the credit."""
        _check_amount(amount)
        if amount > self.balance:
            raise AllocationRefused(f"Le remboursement ({amount} €) dépasse l'avoir du client ({self.balance} €).")
        self.movements.append(Movement(MovementKind.REFUND, -amount))


def instalment_state(amount: Decimal, allocated: Decimal, status: str, due_date: date, today: date) -> str:
    """The collections view's state of an instalment: paid, cancelled (a terminated contract's), late (due
    before the simulation's date and not fully paid — an `unpaid` direct debit included), partial (not yet
    due, partly paid) or due (not yet due, nothing received)."""
    if status in ("paid", "cancelled"):
        return status
    if allocated >= amount:
        return "paid"
    if due_date < today:
        return "late"
    return "partial" if allocated > 0 else "due"
