"""Change capture: every row of a sandbox that an action inserts, updates or deletes, attached to the
action's journal entry (table `record_changes`), so that a replay can rebuild the sandbox at any step.

It lives in the unit of work, not in the services: two ORM session events see every flush.

- `before_flush` reads, from the database, the rows about to be updated or deleted (their state
  before the action, complete and as the database returns it);
- `after_flush` reads the inserted and updated rows back (ids, defaults and version counters
  included), keeps the columns that really changed, and attaches the changes to the sandbox's
  journal entry: the changes flushed before an entry wait for it (an action writes its rows, then
  appends its entry); those flushed after the last one (e.g. the answers delivered when
  the clock moves) join the sandbox's next entry in the transaction, or, at commit, its last one.

A tracked table is any table with a `sandbox_id` column (so a new table of records needs no code
here), plus the sandbox's own row (its business date), minus `UNTRACKED`: bookkeeping that is not a
record of the sandbox. Core bulk statements (the seeding and the reset) bypass the ORM: those two
actions store a whole new baseline instead (`capture_baseline`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Column, Table, event, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.state import InstanceState

from polyadmin.domain.canonical import to_json_value
from polyadmin.domain.replay import State, pack_state, row_count
from polyadmin.store.base import Base
from polyadmin.store.models import JournalEntry
from polyadmin.store.replay import RecordChange, ReplayBaseline

# Tables with a sandbox_id that are not records of the sandbox: number counters and what a reset reads.
UNTRACKED = frozenset({"sandbox_seedings", "sandbox_sequences"})
SANDBOX_TABLE = "sandboxes"
SANDBOX_COLUMNS = ("id", "business_date")  # what of the sandbox's own row a replay follows


_PENDING = "replay_pending"  # sandbox id → changes flushed before the sandbox's entry
_ENTRIES = "replay_entries"  # sandbox id → (stream, seq, next position) of its last entry in the transaction
_BEFORE = "replay_before"  # (table, row id) → the row before this flush


@cache
def tracked_tables() -> dict[str, Table]:
    """Table name → table, for every table whose rows a replay rebuilds."""
    found: dict[str, Table] = {}
    for name, table in sorted(Base.metadata.tables.items()):
        if name == SANDBOX_TABLE or ("sandbox_id" in table.c and name not in UNTRACKED and name != "journal_entries"):
            assert isinstance(table, Table)
            found[name] = table
    return found


def scope_column(table: Table) -> Column[Any]:
    """The column naming the sandbox a row belongs to."""
    return table.c.id if table.name == SANDBOX_TABLE else table.c.sandbox_id


def row_columns(table: Table) -> list[Column[Any]]:
    if table.name == SANDBOX_TABLE:
        return [table.c[name] for name in SANDBOX_COLUMNS]
    return list(table.columns)


_PLAIN = (str, int, bool, type(None))


def json_row(names: tuple[str, ...], values: Iterable[Any]) -> dict[str, Any]:
    """A row's values as canonical JSON values (plain ones kept as they are: the fast path)."""
    return {
        name: value if isinstance(value, _PLAIN) else to_json_value(value)
        for name, value in zip(names, values, strict=True)
    }


def _names(table: Table) -> tuple[str, ...]:
    return tuple(column.name for column in row_columns(table))


def _read_rows(session: Session, table: Table, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(ids))
    found: dict[int, dict[str, Any]] = {}
    connection = session.connection()
    names = _names(table)
    for start in range(0, len(wanted), 500):
        result = connection.execute(select(*row_columns(table)).where(table.c.id.in_(wanted[start : start + 500])))
        for record in result:
            row = json_row(names, record)
            found[int(row["id"])] = row
    return found


def _tracked(instance: object) -> tuple[Table, InstanceState[Any]] | None:
    table = getattr(type(instance), "__table__", None)
    if not isinstance(table, Table) or table.name not in tracked_tables():
        return None
    return table, sa_inspect(instance)


def _row_id(state: InstanceState[Any]) -> int | None:
    """The row's id: from its identity, or, for a row inserted by this very flush, from its attributes."""
    identity = state.identity
    if identity is not None:
        return int(identity[0])
    row_id = state.dict.get("id")
    return None if row_id is None else int(row_id)


@dataclass(frozen=True)
class Change:
    sandbox_id: int
    table: str
    row_id: int
    op: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _by_table(instances: Iterable[object]) -> dict[Table, list[int]]:
    grouped: dict[Table, list[int]] = defaultdict(list)
    for instance in instances:
        tracked = _tracked(instance)
        if tracked is not None:
            row_id = _row_id(tracked[1])
            if row_id is not None:
                grouped[tracked[0]].append(row_id)
    return grouped


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    before: dict[tuple[str, int], dict[str, Any]] = {}
    for table, ids in _by_table([*session.dirty, *session.deleted]).items():
        for row_id, row in _read_rows(session, table, ids).items():
            before[(table.name, row_id)] = row
    session.info[_BEFORE] = before


def _sandbox_of(table: Table, row: dict[str, Any]) -> int:
    return int(row["id"] if table.name == SANDBOX_TABLE else row["sandbox_id"])


def _flushed_changes(session: Session) -> Iterator[Change]:
    before: dict[tuple[str, int], dict[str, Any]] = session.info.pop(_BEFORE, {})
    deleted = {id(instance) for instance in session.deleted}
    written = [instance for instance in [*session.new, *session.dirty] if id(instance) not in deleted]
    for table, ids in _by_table(written).items():
        for row_id, after in sorted(_read_rows(session, table, ids).items()):
            old = before.get((table.name, row_id))
            if old is None:
                yield Change(_sandbox_of(table, after), table.name, row_id, "insert", None, after)
                continue
            changed = sorted(key for key in after if after[key] != old.get(key))
            if changed:
                yield Change(
                    _sandbox_of(table, after),
                    table.name,
                    row_id,
                    "update",
                    {key: old.get(key) for key in changed},
                    {key: after[key] for key in changed},
                )
    for table, ids in _by_table(session.deleted).items():
        for row_id in sorted(set(ids)):
            old = before.get((table.name, row_id))
            if old is not None:
                yield Change(_sandbox_of(table, old), table.name, row_id, "delete", old, None)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    pending: dict[int, list[Change]] = session.info.setdefault(_PENDING, {})
    entries: dict[int, list[Any]] = session.info.setdefault(_ENTRIES, {})
    for change in _flushed_changes(session):
        pending.setdefault(change.sandbox_id, []).append(change)
    appended = [
        instance for instance in session.new if isinstance(instance, JournalEntry) and instance.sandbox_id is not None
    ]
    for entry in sorted(appended, key=lambda row: row.seq):
        assert entry.sandbox_id is not None
        entries[entry.sandbox_id] = [entry.stream, entry.seq, 0]
        _attach(session, entries[entry.sandbox_id], pending.pop(entry.sandbox_id, []))


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    """Changes flushed after a sandbox's last entry of the transaction (and before no other) belong
    to that entry: e.g. the answers and documents delivered when the clock moves."""
    if session.info.get(_ENTRIES) is None:
        return
    session.flush()
    pending: dict[int, list[Change]] = session.info.get(_PENDING, {})
    entries: dict[int, list[Any]] = session.info.get(_ENTRIES, {})
    for sandbox_id in [key for key in pending if key in entries]:
        _attach(session, entries[sandbox_id], pending.pop(sandbox_id))


def _attach(session: Session, entry: list[Any], changes: list[Change]) -> None:
    rows: list[dict[str, Any]] = []
    for change in changes:
        entry[2] += 1
        rows.append(
            {
                "stream": entry[0],
                "seq": entry[1],
                "position": entry[2],
                "table_name": change.table,
                "row_id": change.row_id,
                "op": change.op,
                "before": change.before,
                "after": change.after,
            }
        )
    if rows:
        session.connection().execute(insert(RecordChange), rows)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    """A transaction's changes belong to its own entries only: forget them when it ends (committed:
    already written; rolled back: never happened). Changes never joined by an entry were written
    behind the journal's back — the integrity check will show them."""
    if transaction.parent is None:
        for key in (_PENDING, _ENTRIES, _BEFORE):
            session.info.pop(key, None)


# --- the state of a sandbox ---------------------------------------------------------------------------


def live_state(session: Session, sandbox_id: int) -> State:
    """Every tracked record of the sandbox as the live tables hold it."""
    state: State = {}
    session.flush()
    connection = session.connection()
    for name, table in tracked_tables().items():
        result = connection.execute(
            select(*row_columns(table)).where(scope_column(table) == sandbox_id).order_by(table.c.id)
        )
        names = _names(table)
        rows = {int(row["id"]): row for row in (json_row(names, record) for record in result)}
        if rows:
            state[name] = rows
    return state


def capture_baseline(session: Session, entry: JournalEntry) -> ReplayBaseline:
    """Store the sandbox's whole state right after a seeding or reset entry (Core bulk writes that the
    change capture does not see): a replay starts again from it."""
    assert entry.sandbox_id is not None
    state = live_state(session, entry.sandbox_id)
    packed, digest = pack_state(state)
    baseline = ReplayBaseline(stream=entry.stream, seq=entry.seq, rows=row_count(state), digest=digest, state=packed)
    session.add(baseline)
    session.flush()
    return baseline
