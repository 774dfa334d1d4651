"""Canonical JSON and the entry seal: the same facts give the same seal on every database.

Entries are sealed with HMAC-SHA256 under a key kept outside the database (`entry_seal`); entries
written before the keyed seal (no key id) keep their plain SHA-256 (`entry_hash`, « legacy »).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

GENESIS_HASH = "0" * 64


def to_json_value(value: Any) -> Any:
    """Plain JSON types only: Decimals, dates and instants become strings (never floats)."""
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_json_value(item) for item in value]
        return sorted(items) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Enum):
        return to_json_value(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return instant_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        raise TypeError("floats are not allowed in the journal; use Decimal")
    raise TypeError(f"cannot journal a {type(value).__name__}")


def instant_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_json(value: Any) -> str:
    return json.dumps(to_json_value(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


# One encoder, built once: the verification loop encodes tens of thousands of entries a second.
_CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_bytes(plain: Mapping[str, Any]) -> bytes:
    """Canonical JSON of a mapping that already holds plain JSON types only (no conversion)."""
    return _CANONICAL_ENCODER.encode(plain).encode("utf-8")


def seal_bytes(secret: bytes, data: bytes) -> str:
    return hmac.digest(secret, data, "sha256").hex()


def entry_seal(fields: Mapping[str, Any], secret: bytes) -> str:
    """HMAC-SHA256 of the canonical JSON: recomputing it needs the key, not just the database."""
    return seal_bytes(secret, canonical_json(fields).encode("utf-8"))


def seals_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
