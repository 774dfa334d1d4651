"""Migrations produce exactly the models' schema, with the journal's triggers, on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table, inspect, select, text
from sqlalchemy.orm import Session

from polyadmin.domain.roles import Actor
from polyadmin.journal.canonical import entry_hash
from polyadmin.journal.keys import active_keyring
from polyadmin.journal.verify import verify_stream
from polyadmin.journal.writer import append_entry
from polyadmin.store.base import Base
from polyadmin.store.database import make_engine
from polyadmin.store.migrations import downgrade_connection, upgrade_connection
from polyadmin.store.models import JournalEntry
from polyadmin.store.types import Money
from tests.helpers.databases import migrated_database


def trigger_names(connection, table: str = "journal_entries") -> set[str]:  # type: ignore[no-untyped-def]
    if connection.dialect.name == "postgresql":
        query = f"SELECT tgname FROM pg_trigger WHERE tgrelid = '{table}'::regclass AND NOT tgisinternal"
    else:
        query = f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{table}'"
    return set(connection.execute(text(query)).scalars())


EXPECTED_TRIGGERS = {
    "postgresql": {"journal_entries_no_update_delete", "journal_entries_no_truncate"},
    "sqlite": {"journal_entries_no_update", "journal_entries_no_delete"},
}
EXPECTED_HEAD_TRIGGERS = {
    "postgresql": {"journal_heads_forward_only", "journal_heads_no_truncate"},
    "sqlite": {"journal_heads_forward_only", "journal_heads_no_delete"},
}


def test_migrated_schema_matches_the_models_exactly(connection):
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, Base.metadata) == []


def test_append_only_triggers_exist_after_upgrade_head(connection):
    assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
    assert trigger_names(connection, "journal_heads") == EXPECTED_HEAD_TRIGGERS[connection.dialect.name]


def test_keyed_seal_revision_keeps_legacy_entries_verifiable_and_every_trigger(tmp_path):
    """0004 adds the key id without rebuilding journal_entries: entries written before it keep their
    SHA-256 (« legacy »), a new entry chains onto them with the keyed seal; triggers of both tables
    exist after upgrade, downgrade and upgrade again."""
    with migrated_database(tmp_path, "keyed", catalogue=None) as url:
        engine = make_engine(url)
        with engine.begin() as connection:
            downgrade_connection(connection, "0003")
            assert trigger_names(connection, "journal_heads") == set()
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
            fields = {
                "stream": "platform", "seq": 1, "sandbox_id": None, "actor_id": None, "actor_username": "système",
                "actor_role": "admin", "sandbox_date": None, "recorded_at": "2026-11-30T08:00:00.000000Z",
                "action": "user.create", "codes": [], "record_type": "user", "record_id": "1",
                "input": {"username": "ancien"}, "outcome": {"user_id": 1}, "prev_hash": "0" * 64,
            }  # fmt: skip
            legacy_hash = entry_hash(fields)
            connection.execute(
                text(
                    "INSERT INTO journal_entries (stream, seq, actor_username, actor_role, recorded_at, action, codes, "
                    "record_type, record_id, input, outcome, prev_hash, hash) VALUES ('platform', 1, 'système', "
                    "'admin', '2026-11-30 08:00:00.000000', 'user.create', '[]', 'user', '1', "
                    '\'{"username": "ancien"}\', \'{"user_id": 1}\', :zero, :hash)'
                ),
                {"zero": "0" * 64, "hash": legacy_hash},
            )
            connection.execute(
                text("INSERT INTO journal_heads (stream, last_seq, last_hash) VALUES ('platform', 1, :h)"),
                {"h": legacy_hash},
            )
        with engine.begin() as connection:
            upgrade_connection(connection, "head")
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
            assert trigger_names(connection, "journal_heads") == EXPECTED_HEAD_TRIGGERS[connection.dialect.name]
        with engine.begin() as connection, Session(bind=connection) as session:
            append_entry(
                session, actor=Actor.system(), action="user.create", recorded_at=datetime(2026, 12, 2, 9, tzinfo=UTC),
                record=("user", 2), input={"username": "nouveau"}, outcome={"user_id": 2},
            )  # fmt: skip
            refused = verify_stream(session, "platform")
            assert (refused.intact, refused.broken_seq) == (False, 1)
            assert refused.reason is not None and "POLYADMIN_JOURNAL_ACCEPT_LEGACY" in refused.reason
            verdict = verify_stream(session, "platform", keyring=replace(active_keyring(), accept_legacy=True))
            assert verdict.as_dict() == {"status": "intact", "entries": 2, "legacy": 1}
            keyed = session.execute(select(JournalEntry).where(JournalEntry.seq == 2)).scalar_one()
            assert (keyed.prev_hash, keyed.key_id) == (legacy_hash, active_keyring().current_id)
            session.flush()
        with engine.begin() as connection:
            downgrade_connection(connection, "0003")
            upgrade_connection(connection, "head")
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
            assert trigger_names(connection, "journal_heads") == EXPECTED_HEAD_TRIGGERS[connection.dialect.name]
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        engine.dispose()


def test_downgrade_to_base_then_upgrade_again(tmp_path):
    with migrated_database(tmp_path, "updown") as url:
        engine = make_engine(url)
        with engine.begin() as connection:
            downgrade_connection(connection, "base")
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        with engine.begin() as connection:
            upgrade_connection(connection, "head")
            assert "journal_entries" in inspect(connection).get_table_names()
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
        engine.dispose()


def test_money_is_stored_as_exact_integer_cents(connection):
    metadata = MetaData()
    table = Table("money_probe", metadata, Column("id", Integer, primary_key=True), Column("amount", Money()))
    metadata.create_all(connection)
    amount = Decimal("12345678901.23")
    connection.execute(table.insert(), [{"id": 1, "amount": amount}, {"id": 2, "amount": Decimal("0.10")}])
    assert connection.execute(select(table.c.amount).order_by(table.c.id)).scalars().all() == [amount, Decimal("0.10")]
    raw = connection.execute(text("SELECT amount FROM money_probe ORDER BY id")).scalars().all()
    assert raw == [1234567890123, 10]


def test_catalogue_revision_keeps_existing_sessions_both_ways(tmp_path):
    """0002 adds the pinned snapshot to sessions that already have sandboxes, and its downgrade keeps them."""
    with migrated_database(tmp_path, "snapshots", catalogue=None) as url:
        engine = make_engine(url)
        with engine.begin() as connection:
            downgrade_connection(connection, "0001")
            connection.execute(
                text(
                    "INSERT INTO users (id, username, display_name, role, password_hash, active, created_at) VALUES "
                    "(1, 'formatrice', 'F', 'trainer', 'x', true, '2026-01-05 08:00:00'), "
                    "(2, 'candidat1', 'C', 'candidate', 'x', true, '2026-01-05 08:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO exam_sessions (id, name, scenario, starts_on, owner_id, created_at) "
                    "VALUES (1, 'Ancienne', 'portefeuille-vide', '2026-01-05', 1, '2026-01-05 08:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO sandboxes (id, exam_session_id, candidate_id, business_date, created_at) "
                    "VALUES (1, 1, 2, '2026-01-05', '2026-01-05 08:00:00')"
                )
            )
        with engine.begin() as connection:
            upgrade_connection(connection, "head")
            rows = connection.execute(text("SELECT id, catalogue_snapshot_id FROM exam_sessions")).all()
            assert [tuple(row) for row in rows] == [(1, None)]
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
        with engine.begin() as connection:
            downgrade_connection(connection, "0001")
            assert "catalogue_snapshots" not in inspect(connection).get_table_names()
            assert [c["name"] for c in inspect(connection).get_columns("exam_sessions")][-1] == "created_at"
            assert connection.execute(text("SELECT exam_session_id FROM sandboxes")).scalars().all() == [1]
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
        with engine.begin() as connection:
            upgrade_connection(connection, "head")
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        engine.dispose()


PORTFOLIO_TABLES = {
    "client_relations", "vehicles", "dwellings", "businesses", "loans", "insurance_histories", "contracts",
    "instalments", "claims", "interactions", "subscription_requests", "supporting_documents", "expert_scripts",
    "sandbox_seedings",
}  # fmt: skip


def test_portfolio_revision_keeps_existing_clients_both_ways(tmp_path):
    """0003 gives clients made before it the defaults (client, not seeded); its downgrade keeps them."""
    with migrated_database(tmp_path, "portfolio", catalogue=None) as url:
        engine = make_engine(url)
        with engine.begin() as connection:
            downgrade_connection(connection, "0002")
            assert not PORTFOLIO_TABLES & set(inspect(connection).get_table_names())
            connection.execute(
                text(
                    "INSERT INTO users (id, username, display_name, role, password_hash, active, created_at) VALUES "
                    "(1, 'formatrice', 'F', 'trainer', 'x', true, '2026-01-05 08:00:00'), "
                    "(2, 'candidat1', 'C', 'candidate', 'x', true, '2026-01-05 08:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO exam_sessions (id, name, scenario, starts_on, owner_id, created_at) "
                    "VALUES (1, 'Ancienne', 'portefeuille-vide', '2026-01-05', 1, '2026-01-05 08:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO sandboxes (id, exam_session_id, candidate_id, business_date, created_at) "
                    "VALUES (1, 1, 2, '2026-01-05', '2026-01-05 08:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO clients (id, sandbox_id, number, kind, country, preferred_channel, accessible_formats,"
                    " gdpr_consent, gdpr_purposes, search_name, created_on, updated_on, version) VALUES "
                    "(1, 1, 'CL-000001', 'person', 'FR', 'email', '[]', false, '[]', 'martin', '2026-01-05',"
                    " '2026-01-05', 1)"
                )
            )
        with engine.begin() as connection:
            upgrade_connection(connection, "head")
            assert set(inspect(connection).get_table_names()) >= PORTFOLIO_TABLES
            rows = connection.execute(text("SELECT id, status, seeded FROM clients")).all()
            assert [(row[0], row[1], bool(row[2])) for row in rows] == [(1, "client", False)]
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
        with engine.begin() as connection:
            downgrade_connection(connection, "0002")
            assert not PORTFOLIO_TABLES & set(inspect(connection).get_table_names())
            assert {"status", "seeded"}.isdisjoint(c["name"] for c in inspect(connection).get_columns("clients"))
            assert connection.execute(text("SELECT number FROM clients")).scalars().all() == ["CL-000001"]
            assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]
        with engine.begin() as connection:
            upgrade_connection(connection, "head")
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        engine.dispose()
