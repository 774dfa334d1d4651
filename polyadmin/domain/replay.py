"""A sandbox's state as a replay sees it, and the arithmetic on it (pure: no database).

A state is table → row id → column → canonical JSON value (`to_json_value`). A step's changes are
applied in order; two states compare by their digest, and `state_diff` says which records differ.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from polyadmin.domain.canonical import canonical_json, lines_hash

State = dict[str, dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class RowChange:
    """One record inserted, updated or deleted: `before`/`after` hold the changed columns of an update,
    the whole row of an insert (`after`) or a delete (`before`)."""

    table: str
    row_id: int
    op: str  # insert | update | delete
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row_id": self.row_id,
            "op": self.op,
            "before": dict(self.before) if self.before is not None else None,
            "after": dict(self.after) if self.after is not None else None,
        }


def apply_changes(state: State, changes: Iterable[RowChange]) -> list[str]:
    """Apply `changes` to `state` in place; returns the problems met (an update of a missing record…),
    each a French sentence — a sign the journal and the records have parted."""
    problems: list[str] = []
    for change in changes:
        rows = state.setdefault(change.table, {})
        if change.op == "insert":
            rows[change.row_id] = dict(change.after or {})
        elif change.op == "update":
            row = rows.get(change.row_id)
            if row is None:
                problems.append(f"Modification d'un enregistrement absent : {change.table} n° {change.row_id}.")
                row = rows[change.row_id] = {"id": change.row_id}
            row.update(change.after or {})
        else:
            if rows.pop(change.row_id, None) is None:
                problems.append(f"Suppression d'un enregistrement absent : {change.table} n° {change.row_id}.")
        if not rows:
            del state[change.table]
    return problems


def state_diff(old: State, new: State) -> list[RowChange]:
    """What turns `old` into `new`, record by record (table, then id order)."""
    found: list[RowChange] = []
    for table in sorted(old.keys() | new.keys()):
        before_rows, after_rows = old.get(table, {}), new.get(table, {})
        for row_id in sorted(before_rows.keys() | after_rows.keys()):
            before, after = before_rows.get(row_id), after_rows.get(row_id)
            if before is None:
                found.append(RowChange(table, row_id, "insert", None, after))
            elif after is None:
                found.append(RowChange(table, row_id, "delete", before, None))
            elif before != after:
                keys = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
                found.append(
                    RowChange(
                        table, row_id, "update", {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
                    )
                )
    return found


def state_lines(state: State) -> Iterator[str]:
    for table in sorted(state):
        rows = state[table]
        for row_id in sorted(rows):
            yield f"{table}\t{canonical_json(rows[row_id], checked=False)}\n"


def state_digest(state: State) -> str:
    """SHA-256 of the state's canonical lines (table, then row id order): equal states, equal digests."""
    return lines_hash(state_lines(state))


def row_count(state: State) -> int:
    return sum(len(rows) for rows in state.values())


def pack_state(state: State) -> bytes:
    """The compact stored form: zlib of the canonical JSON, each table's rows in id order."""
    plain = {table: [rows[row_id] for row_id in sorted(rows)] for table, rows in state.items()}
    return zlib.compress(canonical_json(plain, checked=False).encode("utf-8"), 6)


def unpack_state(packed: bytes) -> State:
    plain = json.loads(zlib.decompress(packed).decode("utf-8"))
    return {table: {int(row["id"]): row for row in rows} for table, rows in plain.items()}
