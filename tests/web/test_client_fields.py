"""The client's fields are listed once, in `ClientSchema`: the form, the API, the labels and the table follow it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from marshmallow import fields

from polyadmin.api.clients.schemas import ClientOut, ClientUpdateBody
from polyadmin.api.output_fields import output_field
from polyadmin.domain import clients as client_domain
from polyadmin.services.clients import client_view
from polyadmin.store.models import Client
from polyadmin.validation.clients import ClientSchema
from polyadmin.web.clients import forms
from polyadmin.web.formatting import FIELD_LABELS

SCHEMA_FIELDS = ClientSchema().fields


def test_the_french_labels_cover_every_field_of_the_schema() -> None:
    missing = [name for name in SCHEMA_FIELDS if not FIELD_LABELS.get(name)]
    assert missing == []


def test_the_form_posts_every_field_of_the_schema_once() -> None:
    form_fields = [*forms.TEXT_FIELDS, *forms.LIST_FIELDS, *forms.FLAG_FIELDS, "kind"]
    assert sorted(form_fields) == sorted(SCHEMA_FIELDS)
    assert forms.LIST_FIELDS == ("accessible_formats", "gdpr_purposes")
    assert forms.FLAG_FIELDS == ("gdpr_consent",)
    assert forms.TEXT_DEFAULTS == {"country": "FR", "preferred_channel": "email"}


def test_the_kinds_fields_are_fields_of_the_schema() -> None:
    assert set(client_domain.PERSON_FIELDS) | set(client_domain.COMPANY_FIELDS) <= set(SCHEMA_FIELDS)


def test_the_api_answers_every_field_of_the_schema_with_its_nullability() -> None:
    answered = ClientOut().fields
    for name, field in SCHEMA_FIELDS.items():
        assert name in answered, name
        assert answered[name].allow_none == field.allow_none, name
        assert not answered[name].validators, name
    assert set(ClientUpdateBody().fields) == set(SCHEMA_FIELDS) - {"kind"}


def test_the_api_answers_exactly_what_the_service_gives() -> None:
    row = Client(**{name: None for name in SCHEMA_FIELDS})
    assert set(client_view(row)) == set(ClientOut().fields)


def test_every_field_of_the_schema_is_stored() -> None:
    columns = set(Client.__table__.columns.keys())
    assert set(SCHEMA_FIELDS) <= columns


def test_a_field_type_without_an_output_counterpart_is_refused() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        output_field(fields.Decimal(places=2, as_string=True, load_default=Decimal("0")))
