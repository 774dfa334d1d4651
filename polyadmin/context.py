"""Per-request plumbing shared by the web and API edges: the database session and the actor."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

from polyadmin.store.database import Database


def database() -> Database:
    db = current_app.extensions["polyadmin.database"]
    assert isinstance(db, Database)
    return db


def db_session() -> Session:
    """One session per request, closed when the request ends (the app keeps no state)."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    session = g.db_session
    assert isinstance(session, Session)
    return session


def close_db_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
