"""What only documents (OpenAPI): request bodies, query strings, error responses, field descriptions."""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def field_doc(description: str, **kwargs: Any) -> dict[str, Any]:
    """A response field's options with its description: `fields.String(**field_doc("Numéro…"))`."""
    return {"metadata": {"description": description}, **kwargs}


def json_body_doc(blueprint: Blueprint, schema: type[Schema] | Schema, description: str) -> Decorator:
    """Document the JSON body without validating it here: the service validates it (in French)."""
    return blueprint.doc(
        requestBody={"required": True, "description": description, "content": {"application/json": {"schema": schema}}}
    )


def query_doc(blueprint: Blueprint, schema: type[Schema]) -> Decorator:
    return blueprint.doc(parameters=[{"in": "query", "schema": schema}])


def error_docs(blueprint: Blueprint, *statuses: int) -> Decorator:
    """Document the error answers an endpoint gives (all share the `ErrorOut` shape)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        for status in statuses:
            view = blueprint.alt_response(status, response=HTTPStatus(status).name)(view)
        return view

    return decorator
