"""The tables. Every domain row belongs to a sandbox (isolation between candidates)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from polyadmin.store.base import Base
from polyadmin.store.types import CanonicalJSON, UTCDateTime

ROLE_CHECK = "role IN ('trainer', 'evaluator', 'candidate', 'admin')"


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(ROLE_CHECK, name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Part of every web session's identity: raising it ends all the account's sessions at once
    # (sign-out, password change, disabling), whichever worker or browser holds them.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ApiToken(Base):
    """A bearer token; only its SHA-256 is stored, so a database leak reveals no usable token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="joined")


class LoginThrottle(Base):
    """Failed sign-ins in a row, per account (`scope` 'account', the username typed) or per client
    address ('address'): in the database so every worker shares them (domain/login_throttle.py)."""

    __tablename__ = "login_throttles"
    __table_args__ = (CheckConstraint("scope IN ('account', 'address')", name="scope"),)

    scope: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


exam_session_evaluators = Table(
    "exam_session_evaluators",
    Base.metadata,
    Column("exam_session_id", ForeignKey("exam_sessions.id"), primary_key=True),
    Column("user_id", ForeignKey("users.id"), primary_key=True),
)


class CatalogueSnapshot(Base):
    """Instantané du catalogue: the canonical JSON of products/ as loaded, identified by its SHA-256.

    Immutable once stored; an exam session pins one, so editing products/ never changes an exam in
    progress. `products` summarises it for listings: the JSON text `{"AUTO": "2026.1", …}` (code → version).
    The current catalogue (what a new session pins by default) is the one loaded, or loaded again, last.
    """

    __tablename__ = "catalogue_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    document: Mapped[str] = mapped_column(Text, deferred=True)
    products: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(500))
    # Set when the same content is loaded again later: it is the current catalogue again from then on
    # (the current catalogue is the one with the latest of loaded_at / reinstated_at).
    reinstated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    loaded_by: Mapped[User | None] = relationship(foreign_keys=[loaded_by_id])

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    @property
    def current_since(self) -> datetime:
        """When this content became the current catalogue (its first load, or its last reload)."""
        return self.reinstated_at or self.loaded_at

    @property
    def product_versions(self) -> dict[str, str]:
        """Product code → version, in code order."""
        versions = json.loads(self.products)
        assert isinstance(versions, dict)
        return {str(code): str(version) for code, version in sorted(versions.items())}


class ExamSession(Base):
    """Session d'examen: one scenario, one sandbox per candidate, assigned evaluators."""

    __tablename__ = "exam_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    scenario: Mapped[str] = mapped_column(String(80))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Null only for sessions opened before any catalogue was loaded (see services.catalogue.pin_catalogue).
    catalogue_snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_snapshots.id"), index=True)

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    catalogue_snapshot: Mapped[CatalogueSnapshot | None] = relationship()
    evaluators: Mapped[list[User]] = relationship(secondary=exam_session_evaluators, order_by="User.username")
    sandboxes: Mapped[list[Sandbox]] = relationship(back_populates="exam_session", order_by="Sandbox.id")


class Sandbox(Base):
    """Bac à sable: a candidate's isolated portfolio with its own business clock."""

    __tablename__ = "sandboxes"
    __table_args__ = (UniqueConstraint("exam_session_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_session_id: Mapped[int] = mapped_column(ForeignKey("exam_sessions.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    business_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    exam_session: Mapped[ExamSession] = relationship(back_populates="sandboxes")
    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id])


class SandboxSequence(Base):
    """Per-sandbox counters for human-readable numbers (clients, quotes, contracts…)."""

    __tablename__ = "sandbox_sequences"

    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Client(Base):
    """Fiche client: a person or a company, with specific needs and GDPR consent."""

    __tablename__ = "clients"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "number"),
        CheckConstraint("kind IN ('person', 'company')", name="kind"),
        Index("ix_clients_sandbox_search", "sandbox_id", "search_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sandbox_id: Mapped[int] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    civility: Mapped[str | None] = mapped_column(String(5))
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    birth_date: Mapped[date | None] = mapped_column(Date)
    profession: Mapped[str | None] = mapped_column(String(120))
    family_situation: Mapped[str | None] = mapped_column(String(20))
    company_name: Mapped[str | None] = mapped_column(String(160))
    siren: Mapped[str | None] = mapped_column(String(9))
    legal_form: Mapped[str | None] = mapped_column(String(20))
    activity: Mapped[str | None] = mapped_column(String(160))
    address_line1: Mapped[str | None] = mapped_column(String(160))
    address_line2: Mapped[str | None] = mapped_column(String(160))
    postcode: Mapped[str | None] = mapped_column(String(5))
    city: Mapped[str | None] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    preferred_channel: Mapped[str] = mapped_column(String(12))
    specific_needs: Mapped[str | None] = mapped_column(Text)
    accessible_formats: Mapped[list[str]] = mapped_column(JSON)
    gdpr_consent: Mapped[bool] = mapped_column(Boolean)
    gdpr_purposes: Mapped[list[str]] = mapped_column(JSON)
    gdpr_consent_on: Mapped[date | None] = mapped_column(Date)
    search_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="client", server_default="client")  # prospect | client
    seeded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_on: Mapped[date] = mapped_column(Date)
    updated_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}


class JournalHead(Base):
    """The tip of each journal stream: last sequence number and hash, locked while appending.

    Triggers let it move forward only (no DELETE, no UPDATE that lowers `last_seq`)."""

    __tablename__ = "journal_heads"

    stream: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class JournalEntry(Base):
    """Journal des actions: append-only (database triggers), hash-chained per stream.

    A stream is one sandbox (`sandbox:<id>`) or the platform itself (`platform`: users,
    exam sessions), so that every state change is recorded somewhere.
    """

    __tablename__ = "journal_entries"
    __table_args__ = (
        UniqueConstraint("stream", "seq"),
        Index("ix_journal_entries_sandbox_action", "sandbox_id", "action"),
        Index("ix_journal_entries_record", "sandbox_id", "record_type", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stream: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int] = mapped_column(Integer)
    sandbox_id: Mapped[int | None] = mapped_column(ForeignKey("sandboxes.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_username: Mapped[str] = mapped_column(String(40))
    actor_role: Mapped[str] = mapped_column(String(12))
    sandbox_date: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(60))
    codes: Mapped[list[str]] = mapped_column(CanonicalJSON)
    record_type: Mapped[str | None] = mapped_column(String(30))
    record_id: Mapped[str | None] = mapped_column(String(40))
    input: Mapped[dict[str, Any]] = mapped_column(CanonicalJSON)
    outcome: Mapped[dict[str, Any]] = mapped_column(CanonicalJSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    # The seal: HMAC-SHA256 under the key `key_id` (kept outside the database); a NULL key id marks an
    # entry written before the keyed seal, whose `hash` is a plain SHA-256 (legacy).
    hash: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))


from polyadmin.store import casework as _casework  # noqa: E402, F401 — registers the casework tables
from polyadmin.store import client_documents as _client_documents  # noqa: E402, F401 — registers the client documents
from polyadmin.store import contracts as _contracts  # noqa: E402, F401 — registers the contract tables
from polyadmin.store import evaluation as _evaluation  # noqa: E402, F401 — registers the evaluation tables
from polyadmin.store import offers as _offers  # noqa: E402, F401 — registers the offer tables
from polyadmin.store import payments as _payments  # noqa: E402, F401 — registers the payment tables
from polyadmin.store import portfolio as _portfolio  # noqa: E402, F401 — registers the portfolio tables
from polyadmin.store import replay as _replay  # noqa: E402, F401 — registers the replay tables
