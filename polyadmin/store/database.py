"""Engine and session factory; no engine exists until the app (or a command) builds one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs: Any) -> Engine:
    """SQLite gets foreign keys, WAL and explicit transactions; PostgreSQL pre-pings its pool."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def configure_sqlite(engine: Engine) -> None:
    """Pragmas on every connection, and BEGIN IMMEDIATE so concurrent writers queue instead of
    failing (the pysqlite transaction workaround documented by SQLAlchemy)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass
class Database:
    """What the app holds between requests: an engine and a factory of sessions."""

    engine: Engine | None
    sessions: sessionmaker[Session]

    @classmethod
    def from_url(cls, url: str) -> Database:
        engine = make_engine(url)
        return cls(engine=engine, sessions=sessionmaker(bind=engine, expire_on_commit=False))

    @classmethod
    def bound_to(cls, connection: Connection) -> Database:
        """Sessions inside an outer transaction (tests roll everything back afterwards)."""
        return cls(
            engine=None,
            sessions=sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"),
        )

    def dispose(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
