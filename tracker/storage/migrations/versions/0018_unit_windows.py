"""Figures kept ready, per year-to-date window (tracker/engine/kept_windows.py): each unit's figures of every
indicator for the windows the overview and 目标清单 open with, so that a view reads them instead of forming them from
the units' pairs. Filled with the rest of the summary by the next start-up (the summary is marked to be rebuilt) or
`python -m tracker summary rebuild`.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_window",
        sa.Column("window_end", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("cover", sa.String(64), primary_key=True),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("periods", sa.Integer(), nullable=False),
        sa.Column("last_end", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.execute("DELETE FROM meta WHERE key = 'summary_register'")  # rebuilt, windows and all, at the next start


def downgrade() -> None:
    op.drop_table("unit_window")
    op.execute("DELETE FROM meta WHERE key = 'summary_windows'")
