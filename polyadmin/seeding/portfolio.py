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

from dataclasses import dataclass, field
from typing import Any

from polyadmin.domain.canonical import canonical_json, lines_hash

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
    "document_scripts",
)

# Columns added after golden digests were taken: a row leaves them out of its digest line while they
# are null, so a scenario that does not use them keeps its digest (an empty table adds no line either).
DIGEST_OPTIONAL: dict[str, frozenset[str]] = {
    "subscription_requests": frozenset({"expected_missing"}),
    "expert_scripts": frozenset({"verdict"}),
}


@dataclass
class Portfolio:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLE_ORDER})

    def add(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        self.rows[table].append(row)
        return row

    def counts(self) -> dict[str, int]:
        return {name: len(self.rows[name]) for name in TABLE_ORDER}


def portfolio_digest(rows: dict[str, list[dict[str, Any]]]) -> str:
    """SHA-256 over the canonical JSON of the rows (natural keys only), table by table in TABLE_ORDER."""
    # Unchecked: rows are keyed by column names and codes and hold Decimals, never floats.
    return lines_hash(
        f"{name}\t{canonical_json(_digested(name, row), checked=False)}\n"
        for name in TABLE_ORDER
        for row in rows.get(name, [])
    )


def _digested(name: str, row: dict[str, Any]) -> dict[str, Any]:
    optional = DIGEST_OPTIONAL.get(name)
    if not optional:
        return row
    return {key: value for key, value in row.items() if value is not None or key not in optional}
