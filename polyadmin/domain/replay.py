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

# `raw_decode` once per stored row: the same parse as json.loads without its per-call whitespace checks
# (faster over the thousands of rows of a baseline).
_DECODER = json.JSONDecoder()


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


def apply_changes(
    state: State, changes: Iterable[RowChange], lines: dict[tuple[str, int], str] | None = None
) -> list[str]:
    """Apply `changes` to `state` in place; returns the problems met (an update of a missing record…),
    each a French sentence — a sign the journal and the records have parted. `lines`, the known
    canonical lines of unchanged rows (see `unpack_state`), loses those of the rows changed."""
    problems: list[str] = []
    for change in changes:
        rows = state.setdefault(change.table, {})
        if lines is not None:
            lines.pop((change.table, change.row_id), None)
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


def row_line(table: str, row: Mapping[str, Any]) -> str:
    """One record as the digest reads it: its table, a tab, its canonical JSON, a new line."""
    return f"{table}\t{canonical_json(row, checked=False)}\n"


def state_lines(state: State, known: Mapping[tuple[str, int], str] | None = None) -> Iterator[str]:
    """The state's lines in table, then row id order; `known` lines are reused (rows not re-encoded)."""
    for table in sorted(state):
        rows = state[table]
        for row_id in sorted(rows):
            line = known.get((table, row_id)) if known is not None else None
            yield line if line is not None else row_line(table, rows[row_id])


def state_digest(state: State, known: Mapping[tuple[str, int], str] | None = None) -> str:
    """SHA-256 of the state's canonical lines (table, then row id order): equal states, equal digests."""
    return lines_hash(state_lines(state, known))


def row_count(state: State) -> int:
    return sum(len(rows) for rows in state.values())


def pack_state(state: State) -> tuple[bytes, str]:
    """The compact stored form (zlib of the state's lines, the very text its digest hashes) and the digest."""
    lines = list(state_lines(state))
    return zlib.compress("".join(lines).encode("utf-8"), 6), lines_hash(lines)


def unpack_state(packed: bytes) -> tuple[State, dict[tuple[str, int], str], str]:
    """The state, the line of each of its rows (to digest it again without re-encoding) and its digest."""
    state: State = {}
    lines: dict[tuple[str, int], str] = {}
    text = zlib.decompress(packed).decode("utf-8")
    # Split on LF only: the canonical JSON escapes it inside strings, but not U+2028, U+0085… that
    # `splitlines` would also cut at.
    for body_line in text.split("\n")[:-1]:
        line = body_line + "\n"
        table, _tab, body = line.partition("\t")
        row, _end = _DECODER.raw_decode(body)
        row_id = int(row["id"])
        state.setdefault(table, {})[row_id] = row
        lines[(table, row_id)] = line
    return state, lines, lines_hash(lines.values())
