"""The journal's entry hash: SHA-256 of the canonical JSON (polyadmin.domain.canonical) of an entry.

The encoding itself lives in `polyadmin.domain.canonical`; its names are re-exported here for the
journal's writer and verifier.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from polyadmin.domain.canonical import canonical_hash, canonical_json, instant_text, to_json_value

__all__ = ["GENESIS_HASH", "canonical_json", "entry_hash", "instant_text", "to_json_value"]

GENESIS_HASH = "0" * 64


def entry_hash(fields: Mapping[str, Any]) -> str:
    return canonical_hash(fields)
