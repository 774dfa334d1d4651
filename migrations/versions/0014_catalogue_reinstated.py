"""catalogue snapshots: the moment a content loaded before became current again

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02

Adds `catalogue_snapshots.reinstated_at` (NULL until the same files are loaded again): the current
catalogue, pinned by default by a new exam session, is the one with the latest of `loaded_at` and
`reinstated_at`. A plain ALTER TABLE ADD COLUMN on both databases (no batch rebuild).
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "catalogue_snapshots", sa.Column("reinstated_at", polyadmin.store.types.UTCDateTime(), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("catalogue_snapshots", "reinstated_at")
