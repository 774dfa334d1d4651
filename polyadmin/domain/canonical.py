"""Canonical JSON and its SHA-256: the one encoding behind every hash the application keeps.

The journal's entry hashes, the catalogue and scenario content hashes and the seeding digests all
hash this text, so the same facts give the same hash on every database and in every process: keys
sorted, no whitespace, UTF-8 text unescaped, Decimals as their exact text, dates as ISO dates,
instants as UTC with microseconds (`instant_text`). Floats are refused: they are already inexact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


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
        raise TypeError("floats are not allowed in canonical JSON; use Decimal")
    raise TypeError(f"cannot write a {type(value).__name__} as canonical JSON")


def instant_text(value: datetime) -> str:
    """An instant as hashed and exchanged: UTC, microseconds, `Z` (`2026-03-02T08:30:00.000000Z`)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# The encoder meets only plain JSON types when `canonical_json` has converted the value first; in
# `checked=False` mode it converts the leaves it does not know (Decimal, date, Enum, set) as it meets
# them, through `to_json_value`, without building a converted copy first.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=to_json_value)


def canonical_json(value: Any, *, checked: bool = True) -> str:
    """The canonical text of `value`.

    `checked=False` skips the walk that refuses floats and turns mapping keys into text: faster on
    bulk rows (the seeding digest) whose keys are already text and which hold no float by
    construction; for such values the text is the same byte for byte.
    """
    return _ENCODER.encode(to_json_value(value) if checked else value)


def readable_json(value: Any, *, indent: int | None = None) -> str:
    """Stable JSON for files and messages people read (exports, checkpoints, seal files, the catalogue's
    product versions): keys sorted like the canonical text, but with spaces, so the same facts always
    read the same; never hashed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent, default=to_json_value)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_hash(value: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of `value`: a content hash or a journal entry hash."""
    return sha256_hex(canonical_json(value))


def lines_hash(lines: Iterable[str]) -> str:
    """SHA-256 (hex) of lines of text fed one by one (a digest over many rows, never joined in memory)."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()
