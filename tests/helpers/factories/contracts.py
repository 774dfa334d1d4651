"""Contracts (seeded rows, priced on the sandbox's catalogue snapshot) and their instalments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory
from dateutil.relativedelta import relativedelta

from polyadmin.domain.money import round_money
from polyadmin.store.portfolio import Contract, Instalment
from tests.helpers.factories.base import ModelFactory, next_number, sandbox_of
from tests.helpers.factories.clients import SandboxRowFactory
from tests.helpers.factories.risks import VehicleFactory

MONTHS = 12


def _id(row: Any) -> int | None:
    return row.id if row is not None else None


def _snapshot_id(sandbox_id: int) -> int:
    snapshot_id = sandbox_of(sandbox_id).exam_session.catalogue_snapshot_id
    assert snapshot_id is not None, "the sandbox's exam session has no catalogue"
    return snapshot_id


class ContractFactory(SandboxRowFactory):
    """An active monthly AUTO contract on a new vehicle of the client (`vehicle=None, dwelling=…` for a
    home contract). Its number comes from the sandbox's sequence, like the services' numbers.

    `instalments=["paid", "unpaid", "due"]` adds one monthly instalment per status from the start date.
    """

    class Meta:
        model = Contract
        exclude = ("client", "vehicle", "dwelling", "business", "loan")

    vehicle = factory.SubFactory(VehicleFactory, client=factory.SelfAttribute("..client"))
    dwelling = None
    business = None
    loan = None
    vehicle_id = factory.LazyAttribute(lambda o: _id(o.vehicle))
    dwelling_id = factory.LazyAttribute(lambda o: _id(o.dwelling))
    business_id = factory.LazyAttribute(lambda o: _id(o.business))
    loan_id = factory.LazyAttribute(lambda o: _id(o.loan))
    number = factory.LazyAttribute(lambda o: next_number(o.sandbox_id, "contract", "CT"))
    snapshot_id = factory.LazyAttribute(lambda o: _snapshot_id(o.sandbox_id))
    product_code = "AUTO"
    product_version = "2026.1"
    formula = "tiers_plus"
    options = factory.LazyFunction(list)
    deductibles = factory.LazyFunction(dict)
    frequency = "mensuel"
    risk = factory.LazyFunction(dict)
    start_date = date(2026, 1, 1)
    next_due_date = factory.LazyAttribute(lambda o: o.start_date + relativedelta(years=1))
    status = "active"
    premium_before_tax = Decimal("540.00")
    annual_total = Decimal("702.36")
    iban = "FR7630006000011234567890189"
    created_on = factory.SelfAttribute("start_date")

    @factory.post_generation
    def instalments(obj: Contract, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:  # noqa: N805
        for number, status in enumerate(extracted or [], start=1):
            InstalmentFactory(contract=obj, number=number, status=status, **kwargs)


class InstalmentFactory(ModelFactory):
    """Instalment `number` of the contract's current year, due monthly from its start date."""

    class Meta:
        model = Instalment
        exclude = ("contract",)

    contract = factory.SubFactory(ContractFactory)
    sandbox_id = factory.SelfAttribute("contract.sandbox_id")
    contract_id = factory.SelfAttribute("contract.id")
    period_start = factory.SelfAttribute("contract.start_date")
    number = 1
    due_date = factory.LazyAttribute(lambda o: o.period_start + relativedelta(months=o.number - 1))
    amount = factory.LazyAttribute(lambda o: round_money(o.contract.annual_total / MONTHS))
    status = "due"
    paid_on = factory.LazyAttribute(lambda o: o.due_date if o.status == "paid" else None)
    method = "prelevement"
