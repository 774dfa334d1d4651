"""Migrations produce exactly the models' schema, with the journal's triggers, on both databases."""

from __future__ import annotations

from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, Table, inspect, select, text

from polyadmin.store.base import Base
from polyadmin.store.database import make_engine
from polyadmin.store.migrations import downgrade_connection, upgrade_connection
from polyadmin.store.types import Money
from tests.helpers.databases import migrated_database


def trigger_names(connection) -> set[str]:  # type: ignore[no-untyped-def]
    if connection.dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'journal_entries'::regclass AND NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal_entries'"
    return set(connection.execute(text(query)).scalars())


EXPECTED_TRIGGERS = {
    "postgresql": {"journal_entries_no_update_delete", "journal_entries_no_truncate"},
    "sqlite": {"journal_entries_no_update", "journal_entries_no_delete"},
}


def test_migrated_schema_matches_the_models_exactly(connection):
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, Base.metadata) == []


def test_append_only_triggers_exist_after_upgrade_head(connection):
    assert trigger_names(connection) == EXPECTED_TRIGGERS[connection.dialect.name]


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
