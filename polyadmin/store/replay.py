"""What a replay reads: the record changes of each journal entry, and the seeded state (baseline).

Neither table carries a `sandbox_id` column on purpose: they are journal material, not records of a
sandbox, so the generic change capture (polyadmin/journal/changes.py) never captures itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from polyadmin.store.base import Base
from polyadmin.store.types import CanonicalJSON


class RecordChange(Base):
    """One row inserted, updated or deleted by the action of a journal entry (`stream`, `seq`), in the
    order the unit of work wrote them (`position`). `before`/`after`: the changed columns (an update),
    the whole row (`after` of an insert, `before` of a delete), as canonical JSON values."""

    __tablename__ = "record_changes"
    __table_args__ = (
        UniqueConstraint("stream", "seq", "position"),
        CheckConstraint("op IN ('insert', 'update', 'delete')", name="op"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stream: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(6))
    before: Mapped[dict[str, Any] | None] = mapped_column(CanonicalJSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(CanonicalJSON)


class ReplayBaseline(Base):
    """The state of a sandbox right after its seeding or reset entry (`stream`, `seq`): the zlib-compressed
    canonical JSON of every record (`state`), its digest and its row count."""

    __tablename__ = "replay_baselines"
    __table_args__ = (UniqueConstraint("stream", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stream: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    state: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
