"""marshmallow fields and schema whose messages are in French.

marshmallow merges `default_error_messages` along the class hierarchy, so subclasses that
override them are enough; the library's own defaults stay untouched for other users.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from polyadmin.domain.errors import InvalidInput

T = TypeVar("T")

BASE_MESSAGES = {
    "required": "Champ obligatoire.",
    "null": "Ce champ ne peut pas être vide.",
    "validator_failed": "Valeur invalide.",
}


class FrenchSchema(Schema):
    """Unknown fields are refused: a typo in an API call must not be silently dropped."""

    error_messages = {"type": "Format de données invalide : un objet est attendu.", "unknown": "Champ inconnu."}

    class Meta:
        unknown = RAISE


class String(fields.String):
    default_error_messages = {**BASE_MESSAGES, "invalid": "Texte attendu.", "invalid_utf8": "Texte UTF-8 invalide."}

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> Any:
        result = super()._deserialize(value, attr, data, **kwargs)
        return result.strip() if isinstance(result, str) else result


class Secret(fields.String):
    """Taken exactly as typed (no trimming): a password with spaces must still log in."""

    default_error_messages = {**BASE_MESSAGES, "invalid": "Texte attendu.", "invalid_utf8": "Texte UTF-8 invalide."}


class Email(fields.Email):
    default_error_messages = {**BASE_MESSAGES, "invalid": "Adresse électronique invalide."}


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only
EARLIEST_DATE = date(1900, 1, 1)  # no client, contact or contract of a training portfolio is older
LARGEST_INTEGER = 2**31 - 1  # a database `integer`


class Date(fields.Date):
    """Exactly AAAA-MM-JJ, as documented (Python would also read « 20260301 » or « 2026-W09-7 »), and not
    before 1900: « 0001-01-01 » is a typing mistake, not a date of a client's life."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": "Date invalide (format attendu : AAAA-MM-JJ).",
        "format": "« {input} » ne peut pas être mis en forme comme date.",
        "too_early": "Date antérieure au 01/01/1900 : vérifiez l'année.",
        "impossible": "Date impossible « {input} » : ce jour n'existe pas (jour ou mois inexistant).",
    }

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> Any:
        if self.required and isinstance(value, str) and not value.strip():
            raise self.make_error("required")  # an empty date field is missing, not badly written
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            raise self.make_error("invalid")
        if isinstance(value, str):
            try:
                date.fromisoformat(value)
            except ValueError:
                raise self.make_error("impossible", input=value) from None
        result = super()._deserialize(value, attr, data, **kwargs)
        if isinstance(result, date) and result < EARLIEST_DATE:
            raise self.make_error("too_early")
        return result


class Boolean(fields.Boolean):
    """true or false only: JSON's 0, 1, "yes" or "oui" are refused rather than guessed (the web forms turn
    their check boxes into booleans themselves)."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": "Valeur oui/non attendue. En JSON : true ou false, sans guillemets.",
    }

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class QueryBoolean(fields.Boolean):
    """A yes/no filter of a query string (`?overdue=true`), where every value is text: exactly `true` or
    `false` (nothing guessed from « 1 », « oui » or « yes »)."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": "Valeur oui/non attendue : true ou false.",
    }

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> bool:
        if value in ("true", "false"):
            return value == "true"
        if isinstance(value, bool):
            return value
        raise self.make_error("invalid")


class Integer(fields.Integer):
    """A whole number a database `integer` can hold (beyond it, a query would fail in the driver)."""

    default_error_messages = {
        **BASE_MESSAGES,
        "invalid": "Nombre entier attendu.",
        "too_large": "Nombre trop grand.",
        "out_of_range": f"Nombre hors limites (de -{LARGEST_INTEGER} à {LARGEST_INTEGER}).",
    }

    def _validated(self, value: Any) -> int:
        number = super()._validated(value)
        if abs(number) > LARGEST_INTEGER:
            raise self.make_error("out_of_range")
        return number


class List(fields.List):
    default_error_messages = {**BASE_MESSAGES, "invalid": "Liste attendue."}


def one_of(choices: Mapping[str, str] | list[str]) -> validate.OneOf:
    keys = list(choices)
    return validate.OneOf(keys, error="Valeur inconnue ; valeurs possibles : " + ", ".join(keys) + ".")


def max_length(limit: int) -> validate.Length:
    return validate.Length(max=limit, error=f"{limit} caractères au maximum.")


def not_blank(limit: int) -> validate.Length:
    return validate.Length(min=1, max=limit, error=f"Entre 1 et {limit} caractères.")


def pattern(regex: str, message: str) -> validate.Regexp:
    return validate.Regexp(re.compile(regex), error=message)


def load_or_raise(schema: Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """Validate with `schema`, turning marshmallow's errors into the domain's InvalidInput."""
    if not isinstance(data, Mapping):
        raise InvalidInput({"_schema": ["Format de données invalide : un objet est attendu."]})
    try:
        loaded = schema.load(data, partial=partial)
    except ValidationError as exc:
        raise InvalidInput(flatten_messages(exc.messages)) from None
    assert isinstance(loaded, dict)
    return loaded


class Problems:
    """Every refusal of one input, gathered then raised together: a form lists all its problems at once.

    `load` keeps the valid part of the input when the schema refuses some fields, so the cross-field and
    domain checks (`check`, `add`) still run on it; `raise_if_any` raises one InvalidInput for all.
    A field already refused keeps only its first messages (a missing value is not also « incoherent »).
    """

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, errors: Mapping[str, list[str]]) -> None:
        for field, messages in errors.items():
            if field not in self.errors:
                self.errors[field] = list(messages)

    def load(self, schema: Schema, data: Any, *, partial: bool = False) -> dict[str, Any]:
        if not isinstance(data, Mapping):
            raise InvalidInput({"_schema": ["Format de données invalide : un objet est attendu."]})
        try:
            loaded = schema.load(data, partial=partial)
        except ValidationError as exc:
            self.add(flatten_messages(exc.messages))
            valid = exc.valid_data if isinstance(exc.valid_data, dict) else {}
            return {key: value for key, value in valid.items() if key not in self.errors}
        assert isinstance(loaded, dict)
        return loaded

    def check(self, function: Callable[..., T], *args: Any) -> T | None:
        """`function(*args)`, or None with its InvalidInput's messages kept."""
        try:
            return function(*args)
        except InvalidInput as exc:
            self.add(exc.field_errors)
            return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)


def flatten_messages(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """`{"a": {"0": ["x"]}}` → `{"a.0": ["x"]}`: one list of French messages per field path."""
    if isinstance(messages, list):
        if all(isinstance(item, str) for item in messages):
            return {prefix or "_schema": list(messages)}
        merged: dict[str, list[str]] = {}
        for item in messages:
            for key, value in flatten_messages(item, prefix).items():
                merged.setdefault(key, []).extend(value)
        return merged
    if isinstance(messages, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            for sub_key, sub_value in flatten_messages(value, path).items():
                flat.setdefault(sub_key, []).extend(sub_value)
        return flat
    return {prefix or "_schema": [str(messages)]}
