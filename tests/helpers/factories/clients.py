"""Clients, created by the sandbox's candidate through the service (`client.create`), and their relations."""

from __future__ import annotations

from typing import Any

import factory

from polyadmin.services.clients import create_client
from polyadmin.store.models import Client, Sandbox
from polyadmin.store.portfolio import ClientRelation
from tests.helpers.factories.accounts import SandboxFactory, candidate_of
from tests.helpers.factories.base import ModelFactory, current_session, sandbox_of
from tests.helpers.factories.inputs import CompanyClientData, PersonClientData


class ClientFactory(ModelFactory):
    """`ClientFactory(sandbox=world.sandbox_id, last_name="Dupont")`: any field of the client form
    overrides the drawn data; `company=True` draws a company."""

    class Meta:
        model = Client

    class Params:
        company = factory.Trait(data=factory.SubFactory(CompanyClientData))

    sandbox = factory.SubFactory(SandboxFactory)
    data = factory.SubFactory(PersonClientData)

    @classmethod
    def _create(cls, model_class: type[Client], *args: Any, **kwargs: Any) -> Client:
        box: Sandbox = sandbox_of(kwargs.pop("sandbox"))
        data = {**kwargs.pop("data"), **kwargs}
        return create_client(current_session(), candidate_of(box), box.id, data)


class SandboxRowFactory(ModelFactory):
    """A seeded row of a client's portfolio: `client=` a Client row (default: a new client)."""

    class Meta:
        abstract = True
        exclude = ("client",)

    client = factory.SubFactory(ClientFactory)
    sandbox_id = factory.SelfAttribute("client.sandbox_id")
    client_id = factory.SelfAttribute("client.id")
    seeded = True


class ClientRelationFactory(ModelFactory):
    """`ClientRelationFactory(client=holder, related=spouse, kind="spouse")`."""

    class Meta:
        model = ClientRelation
        exclude = ("client", "related")

    client = factory.SubFactory(ClientFactory)
    related = factory.SubFactory(ClientFactory, sandbox=factory.SelfAttribute("..client.sandbox_id"))
    sandbox_id = factory.SelfAttribute("client.sandbox_id")
    client_id = factory.SelfAttribute("client.id")
    related_id = factory.SelfAttribute("related.id")
    kind = "spouse"
