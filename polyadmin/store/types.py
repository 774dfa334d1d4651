"""Column types that keep money and instants exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from polyadmin.domain.canonical import canonical_json
from polyadmin.domain.money import from_cents, to_cents


class Money(TypeDecorator[Decimal]):
    """Euros as integer cents: SQLite would store NUMERIC as a float."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError("Money columns take Decimal values")
        return to_cents(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_cents(int(value))


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC instant, stored naive in UTC so both databases keep the same microseconds."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class ExactDecimal(TypeDecorator[Decimal]):
    """A rate or coefficient kept exactly as text (e.g. a CRM of 0.85, a loan rate of 3.45 %)."""

    impl = String(24)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise TypeError("ExactDecimal columns take finite Decimal values")
        return str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def _canonical_json(value: Any) -> str:
    return canonical_json(value, checked=False)


class CanonicalJSON(TypeDecorator[Any]):
    """JSON stored as canonical text (sorted keys, no whitespace, UTF-8): the very bytes the journal's
    seal covers, so verification can seal the stored text without decoding and re-encoding it.

    Still a JSON column for both databases (PostgreSQL `json` keeps the text as written)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql" and hasattr(dialect, "_psycopg_Json"):
            wrap = dialect._psycopg_Json

            def to_psycopg(value: Any) -> Any:
                return None if value is None else wrap(value, dumps=_canonical_json)

            return to_psycopg
        if dialect.name == "sqlite":

            def to_text(value: Any) -> str | None:
                return None if value is None else _canonical_json(value)

            return to_text
        return super().bind_processor(dialect)
