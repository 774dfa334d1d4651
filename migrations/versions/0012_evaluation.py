"""evaluation: the evaluators' marks per criterion and the committee's decisions per block

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

Two new tables, history kept (the latest row per criterion / block is current); see
polyadmin/store/evaluation.py. Their entries go to the journal stream evaluation:<sandbox>.
"""

from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import polyadmin.store.types


revision = '0012'
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('committee_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('block', sa.String(length=4), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('evaluator_id', sa.Integer(), nullable=True),
    sa.Column('sandbox_date', sa.Date(), nullable=False),
    sa.Column('recorded_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.CheckConstraint("block IN ('1', '2A')", name=op.f('ck_committee_decisions_block')),
    sa.CheckConstraint("decision IN ('valide', 'non_valide', 'ajourne')", name=op.f('ck_committee_decisions_decision')),
    sa.ForeignKeyConstraint(['evaluator_id'], ['users.id'], name=op.f('fk_committee_decisions_evaluator_id_users')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_committee_decisions_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_committee_decisions'))
    )
    with op.batch_alter_table('committee_decisions', schema=None) as batch_op:
        batch_op.create_index('ix_committee_decisions_sandbox_block', ['sandbox_id', 'block'], unique=False)

    op.create_table('evaluation_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sandbox_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=20), nullable=False),
    sa.Column('mark', sa.String(length=12), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('evaluator_id', sa.Integer(), nullable=True),
    sa.Column('sandbox_date', sa.Date(), nullable=False),
    sa.Column('recorded_at', polyadmin.store.types.UTCDateTime(), nullable=False),
    sa.CheckConstraint("mark IN ('acquis', 'en_cours', 'non_acquis')", name=op.f('ck_evaluation_marks_mark')),
    sa.ForeignKeyConstraint(['evaluator_id'], ['users.id'], name=op.f('fk_evaluation_marks_evaluator_id_users')),
    sa.ForeignKeyConstraint(['sandbox_id'], ['sandboxes.id'], name=op.f('fk_evaluation_marks_sandbox_id_sandboxes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_marks'))
    )
    with op.batch_alter_table('evaluation_marks', schema=None) as batch_op:
        batch_op.create_index('ix_evaluation_marks_sandbox_criterion', ['sandbox_id', 'criterion'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evaluation_marks', schema=None) as batch_op:
        batch_op.drop_index('ix_evaluation_marks_sandbox_criterion')

    op.drop_table('evaluation_marks')
    with op.batch_alter_table('committee_decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_committee_decisions_sandbox_block')

    op.drop_table('committee_decisions')
