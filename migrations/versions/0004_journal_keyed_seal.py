"""journal: keyed seal (key id per entry) and journal_heads that only move forward

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Adds `journal_entries.key_id`: the id of the key whose HMAC-SHA256 seals the entry (the key itself
is never in the database: POLYADMIN_JOURNAL_KEY). Entries already written keep a NULL key id and
their plain SHA-256: verification accepts them as « legacy » only at the beginning of a stream,
before its first keyed entry (whose seal covers the last legacy hash). Nothing is re-sealed: the
journal stays append-only, and exports made before the upgrade still match.

The column is added with a plain ALTER TABLE ADD COLUMN (nullable, no default) and dropped with a
plain ALTER TABLE DROP COLUMN: no batch rebuild of journal_entries on SQLite, so its append-only
triggers stay; the test suite checks them after upgrade and after a downgrade/upgrade round trip.

Adds triggers to journal_heads (SQLite and PostgreSQL): no DELETE (nor TRUNCATE), and an UPDATE
must keep the stream and raise last_seq, as the writer does; a head can never be moved back.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

HEADS_MESSAGE = "journal_heads only moves forward: a head can never be deleted or moved back"


def upgrade() -> None:
    op.add_column("journal_entries", sa.Column("key_id", sa.String(length=16), nullable=True))
    create_head_triggers()


def downgrade() -> None:
    drop_head_triggers()
    op.drop_column("journal_entries", "key_id")


def create_head_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION journal_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF TG_OP = 'UPDATE' AND NEW.stream = OLD.stream AND NEW.last_seq > OLD.last_seq THEN RETURN NEW; END IF; "
            f"RAISE EXCEPTION '{HEADS_MESSAGE}'; "
            "END $$"
        )
        op.execute(
            "CREATE TRIGGER journal_heads_forward_only BEFORE UPDATE OR DELETE ON journal_heads "
            "FOR EACH ROW EXECUTE FUNCTION journal_heads_forward_only()"
        )
        op.execute(
            "CREATE TRIGGER journal_heads_no_truncate BEFORE TRUNCATE ON journal_heads "
            "FOR EACH STATEMENT EXECUTE FUNCTION journal_heads_forward_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER journal_heads_no_delete BEFORE DELETE ON journal_heads "
            f"BEGIN SELECT RAISE(ABORT, '{HEADS_MESSAGE}'); END"
        )
        op.execute(
            "CREATE TRIGGER journal_heads_forward_only BEFORE UPDATE ON journal_heads "
            "WHEN NEW.stream <> OLD.stream OR NEW.last_seq <= OLD.last_seq "
            f"BEGIN SELECT RAISE(ABORT, '{HEADS_MESSAGE}'); END"
        )


def drop_head_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS journal_heads_no_truncate ON journal_heads")
        op.execute("DROP TRIGGER IF EXISTS journal_heads_forward_only ON journal_heads")
        op.execute("DROP FUNCTION IF EXISTS journal_heads_forward_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS journal_heads_forward_only")
        op.execute("DROP TRIGGER IF EXISTS journal_heads_no_delete")
