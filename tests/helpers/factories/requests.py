"""Subscription requests (seeded, as a scenario plants them), their supporting documents and expert answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from polyadmin.store.models import Client
from polyadmin.store.portfolio import ExpertScript, SubscriptionRequest, SupportingDocument
from tests.helpers.factories.base import ModelFactory, current_session, next_number, sandbox_of
from tests.helpers.factories.clients import SandboxRowFactory


def _id(row: Any) -> int | None:
    return row.id if row is not None else None


class SubscriptionRequestFactory(SandboxRowFactory):
    """A new request received on the sandbox's date, numbered from the sandbox's sequence (DS-000001).

    `documents=[{"kind": …, "anomaly": …}, …]` attaches supporting documents (SupportingDocumentFactory
    fields); `vehicle=`, `dwelling=`, `business=`, `loan=` name the risk; the evaluators' fields
    (`case_code`, `expected_outcome`, `expected_notes`) are empty unless given.
    """

    class Meta:
        model = SubscriptionRequest
        exclude = ("client", "vehicle", "dwelling", "business", "loan")

    vehicle = None
    dwelling = None
    business = None
    loan = None
    vehicle_id = factory.LazyAttribute(lambda o: _id(o.vehicle))
    dwelling_id = factory.LazyAttribute(lambda o: _id(o.dwelling))
    business_id = factory.LazyAttribute(lambda o: _id(o.business))
    loan_id = factory.LazyAttribute(lambda o: _id(o.loan))
    number = factory.LazyAttribute(lambda o: next_number(o.sandbox_id, "request", "DS"))
    received_on = factory.LazyAttribute(lambda o: sandbox_of(o.sandbox_id).business_date)
    channel = "email"
    product_code = "AUTO"
    requested = factory.LazyFunction(lambda: {"formula": "tiers_plus", "frequency": "mensuel"})
    status = "nouvelle"
    case_code = None
    expected_outcome = None
    expected_notes = None

    @factory.post_generation
    def documents(
        obj: SubscriptionRequest,  # noqa: N805
        create: bool,
        extracted: list[dict[str, Any]] | None,
        **kwargs: Any,
    ) -> None:
        client = current_session().get(Client, obj.client_id)
        for fields in extracted or []:
            SupportingDocumentFactory(client=client, request=obj, **fields)


class SupportingDocumentFactory(SandboxRowFactory):
    """A document of the client's file (`request=None`) or sent with a request."""

    class Meta:
        model = SupportingDocument
        exclude = ("client", "request")

    request = None
    request_id = factory.LazyAttribute(lambda o: _id(o.request))
    kind = "releve_information"
    title = "Relevé d'information"
    issued_on = date(2026, 1, 10)
    valid_until = None
    data = factory.LazyFunction(dict)
    anomaly = None


class ExpertScriptFactory(ModelFactory):
    """The answer an expert will give when the request is referred to them (`delay_days` later)."""

    class Meta:
        model = ExpertScript
        exclude = ("request",)

    request = factory.SubFactory(SubscriptionRequestFactory)
    sandbox_id = factory.SelfAttribute("request.sandbox_id")
    request_id = factory.SelfAttribute("request.id")
    expert = "service_technique"
    answer = "Avis favorable."
    delay_days = 2
