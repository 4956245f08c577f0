"""Figures kept ready, per unit (tracker/engine/summary.py): each indicator's numerator and denominator paired per
unit and period, so that a window's figures are not pivoted from raw rows on every view. Filled, with the trend
series, by the next start-up (the summary is marked to be rebuilt) or `python -m tracker summary rebuild`.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_pair",
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("period", sa.String(8), primary_key=True),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("agg", sa.String(8), nullable=False),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_unit_pair_end", "unit_pair", ["period_end"])  # an import's months made afresh
    op.execute("DELETE FROM meta WHERE key = 'summary_register'")  # rebuilt, pairs and all, at the next start


def downgrade() -> None:
    op.drop_index("ix_unit_pair_end", "unit_pair")
    op.drop_table("unit_pair")
