"""The generated portfolio: plain rows per table, referencing each other by natural keys, not ids.

The generator (polyadmin.seeding.generate) produces a `Portfolio`; the seeding service
(polyadmin.services.seeding) inserts it into one sandbox, mapping natural keys to database ids.
Because nothing in it depends on ids or on the database, two seedings of the same scenario and seed
give equal portfolios (and equal digests) on SQLite and PostgreSQL, in any sandbox.

Conventions, per table of polyadmin/store/portfolio.py and `clients`:
- every row holds the table's columns except `id`, `sandbox_id`, `seeded` (always True) and, for
  clients, `version` and `search_name` (the writer computes them);
- `client_id` is replaced by `client` (the client's number, "CL-000001"); `related_id` by `related`;
  `vehicle_id` by `vehicle` (registration), `dwelling_id` / `business_id` / `loan_id` by `dwelling` /
  `business` / `loan` and `history_id` by `history` (each such row carries its own `key`, e.g.
  "LOG-000001", unique in the portfolio), `contract_id` by `contract` (the contract number
  "CT-000001"), `request_id` by `request` (the request number "DS-000001");
- contracts carry no `snapshot_id`: the writer uses the sandbox's pinned catalogue snapshot;
- amounts are Decimal, dates are `datetime.date`, lists and dicts are JSON-able.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

TABLE_ORDER = (
    "clients",
    "client_relations",
    "vehicles",
    "dwellings",
    "businesses",
    "loans",
    "insurance_histories",
    "contracts",
    "instalments",
    "claims",
    "interactions",
    "subscription_requests",
    "supporting_documents",
    "expert_scripts",
)


@dataclass
class Portfolio:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLE_ORDER})

    def add(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        self.rows[table].append(row)
        return row

    def counts(self) -> dict[str, int]:
        return {name: len(self.rows[name]) for name in TABLE_ORDER}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _plain_scalar(value: Any) -> str:
    """`_plain` of a leaf the JSON encoder does not know (called by it for each one)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} non sérialisable dans une ligne de portefeuille")


# The canonical JSON of `_plain(row)` without building the plain copy first: the encoder converts
# Decimal and date leaves through `_plain_scalar` as it meets them. Same bytes as long as every
# mapping key is a string (rows are keyed by column names and codes; `_plain` would str() the keys).
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain_scalar)


def portfolio_digest(rows: dict[str, list[dict[str, Any]]]) -> str:
    """SHA-256 over the canonical JSON of the rows (natural keys only), table by table in TABLE_ORDER."""
    digest = hashlib.sha256()
    encode = _CANONICAL.encode
    for name in TABLE_ORDER:
        for row in rows.get(name, []):
            digest.update(f"{name}\t{encode(row)}\n".encode())
    return digest.hexdigest()
