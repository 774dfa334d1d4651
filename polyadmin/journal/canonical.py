"""Canonical JSON and the entry seal: the same facts give the same seal on every database.

Entries are sealed with HMAC-SHA256 under a key kept outside the database (`entry_seal`); entries
written before the keyed seal (no key id) keep their plain SHA-256 (`entry_hash`, « legacy »). The
encoding itself lives in `polyadmin.domain.canonical`; its names are re-exported here.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from polyadmin.domain.canonical import canonical_hash, canonical_json, instant_text, to_json_value

__all__ = ["GENESIS_HASH", "canonical_json", "entry_hash", "instant_text", "to_json_value"]

GENESIS_HASH = "0" * 64


def entry_hash(fields: Mapping[str, Any]) -> str:
    return canonical_hash(fields)


def canonical_bytes(plain: Mapping[str, Any]) -> bytes:
    """Canonical JSON of a mapping that already holds plain JSON types only (no conversion walk: the
    verification loop encodes tens of thousands of entries a second)."""
    return canonical_json(plain, checked=False).encode("utf-8")


def seal_bytes(secret: bytes, data: bytes) -> str:
    return hmac.digest(secret, data, "sha256").hex()


def entry_seal(fields: Mapping[str, Any], secret: bytes) -> str:
    """HMAC-SHA256 of the canonical JSON: recomputing it needs the key, not just the database."""
    return seal_bytes(secret, canonical_json(fields).encode("utf-8"))


def seals_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
