"""Response fields derived from a validation schema: a record's fields are listed once, in `polyadmin.validation`.

The API answers with what the validation schema accepts plus what the system adds (id, number, dates,
version). `output_fields(ClientSchema)` gives the first part: each input field as a plain output field of
the same type and nullability, without its validators (a response is not validated) — so a field added
to the schema appears in the API's responses and OpenAPI document without a second list.
"""

from __future__ import annotations

from collections.abc import Mapping

from marshmallow import Schema, fields

DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"


def DecimalString(description: str = "", *, allow_none: bool = False) -> fields.Decimal:  # noqa: N802 — a field factory
    """An exact decimal answered as a JSON string (`"123.45"`, `"1.30"`, `"0"`), never a binary float.

    marshmallow's `Decimal(as_string=True)` still documents itself as `number`: the metadata says
    what the client really receives, a string of digits with an optional point.
    """
    metadata: dict[str, object] = {"type": "string", "pattern": DECIMAL_PATTERN}
    if description:
        metadata["description"] = description
    return fields.Decimal(as_string=True, allow_none=allow_none, metadata=metadata)


def output_field(field: fields.Field, description: str | None = None) -> fields.Field:
    """The output counterpart of one input field (a `String` for text, e-mail included)."""
    options: dict[str, object] = {"allow_none": field.allow_none}
    description = description or field.metadata.get("description")
    if description:
        options["metadata"] = {"description": description}
    if isinstance(field, fields.List):
        return fields.List(output_field(field.inner), **options)  # type: ignore[arg-type]
    for kind in (fields.Boolean, fields.Date, fields.Integer, fields.String):
        if isinstance(field, kind):
            return kind(**options)  # type: ignore[arg-type]
    raise TypeError(f"No output field for {type(field).__name__}: add it to polyadmin.api.output_fields.")


def output_fields(schema: type[Schema], descriptions: Mapping[str, str] | None = None) -> dict[str, fields.Field]:
    """Every field of the validation schema as an output field, in the schema's order."""
    descriptions = descriptions or {}
    return {name: output_field(field, descriptions.get(name)) for name, field in schema().fields.items()}
