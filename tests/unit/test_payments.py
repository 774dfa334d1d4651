"""Allocation of a payment to open instalments, and the client's account whose balance is its movements' sum."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyadmin.domain.payments import (
    ZERO,
    AllocationRefused,
    Ledger,
    MovementKind,
    OpenInstalment,
    allocate,
    instalment_state,
)

D = Decimal
MONTHLY = [
    OpenInstalment(3, date(2026, 3, 1), D("45.20")),
    OpenInstalment(1, date(2026, 1, 1), D("45.20"), D("45.20")),  # already paid: not open
    OpenInstalment(2, date(2026, 2, 1), D("45.20"), D("10.00")),  # partly paid
    OpenInstalment(4, date(2026, 4, 1), D("45.20")),
]


def test_oldest_first_completes_the_partly_paid_instalment_then_the_next():
    plan = allocate(D("60.00"), MONTHLY)
    assert [(a.instalment_id, a.amount, a.settles) for a in plan.allocations] == [
        (2, D("35.20"), True),
        (3, D("24.80"), False),
    ]
    assert plan.credit == D("0.00")


def test_overpayment_beyond_every_open_instalment_is_a_credit_to_the_cent():
    plan = allocate(D("200.01"), MONTHLY)
    assert plan.allocated == D("125.60")
    assert plan.credit == D("74.41")


def test_chosen_instalments_in_the_order_given():
    plan = allocate(D("50.00"), MONTHLY, chosen=[4, 2])
    assert [(a.instalment_id, a.amount) for a in plan.allocations] == [(4, D("45.20")), (2, D("4.80"))]


def test_a_paid_or_foreign_instalment_cannot_be_chosen():
    with pytest.raises(AllocationRefused, match="déjà réglée"):
        allocate(D("10.00"), MONTHLY, chosen=[1])
    with pytest.raises(AllocationRefused, match="deux fois"):
        allocate(D("10.00"), MONTHLY, chosen=[3, 3])


@pytest.mark.parametrize("amount", [D("0"), D("-1.00"), D("1.005")])
def test_amount_must_be_positive_and_to_the_cent(amount):
    with pytest.raises(AllocationRefused):
        allocate(amount, MONTHLY)


def test_states_of_the_collections_view():
    today = date(2026, 3, 15)
    assert instalment_state(D("45.20"), ZERO, "due", date(2026, 3, 1), today) == "late"
    assert instalment_state(D("45.20"), D("10.00"), "due", date(2026, 4, 1), today) == "partial"
    assert instalment_state(D("45.20"), ZERO, "due", date(2026, 4, 1), today) == "due"
    assert instalment_state(D("45.20"), ZERO, "paid", date(2026, 1, 1), today) == "paid"
    assert instalment_state(D("45.20"), ZERO, "cancelled", date(2026, 1, 1), today) == "cancelled"


cents = st.integers(min_value=1, max_value=500_000).map(lambda c: D(c) / 100)
operation = st.tuples(st.sampled_from(["payment", "refund"]), cents, st.booleans())


@settings(max_examples=300, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=1, max_value=100_000), min_size=1, max_size=14),
    operations=st.lists(operation, max_size=30),
)
def test_ledger_balance_is_the_sum_of_its_movements_and_no_euro_is_allocated_twice(amounts, operations):
    instalments = [OpenInstalment(n, date(2026, 1 + n % 12, 1), D(c) / 100) for n, c in enumerate(amounts, start=1)]
    allocated = {i.id: ZERO for i in instalments}
    ledger = Ledger([])
    received = refunded = ZERO
    for kind, amount, choose in operations:
        if kind == "payment":
            current = [OpenInstalment(i.id, i.due_date, i.amount, allocated[i.id]) for i in instalments]
            open_ids = [i.id for i in current if i.remaining > 0]
            plan = allocate(amount, current, chosen=open_ids[::-1][:2] if choose and open_ids else None)
            ledger.receive(amount, plan)
            received += amount
            for a in plan.allocations:
                allocated[a.instalment_id] += a.amount
        elif amount <= ledger.balance:
            ledger.pay_out(amount)
            refunded += amount
        else:
            with pytest.raises(AllocationRefused):
                ledger.pay_out(amount)
        assert ledger.balance == sum((m.amount for m in ledger.movements), ZERO)
        assert ledger.balance >= 0
        assert all(allocated[i.id] <= i.amount for i in instalments)  # never more than due
        assert received == sum(allocated.values()) + refunded + ledger.balance  # every cent somewhere
    payments = [m for m in ledger.movements if m.kind is MovementKind.PAYMENT]
    assert sum((m.amount for m in payments), ZERO) == received
