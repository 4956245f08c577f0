"""Partial indexes that SQLite uses (`WHERE is_current = 1`, as SQLAlchemy writes the condition): the one-current-
value index rebuilt so, and the latest stored month answered from an index; the figures kept ready (the trend
series of every scope, tracker/engine/summary.py), filled by the next register sync or `python -m tracker summary
rebuild`.

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None

SQLITE_CURRENT = sa.text("is_current = 1")
PG_CURRENT = sa.text("is_current")


def upgrade() -> None:
    op.drop_index("ux_value_one_current", "value_revision")
    op.create_index("ux_value_one_current", "value_revision", ["unit_code", "metric_code", "period"], unique=True,
                    sqlite_where=SQLITE_CURRENT, postgresql_where=PG_CURRENT)
    op.create_index("ix_value_current_end", "value_revision", ["period_end"],
                    sqlite_where=SQLITE_CURRENT, postgresql_where=PG_CURRENT)
    op.create_table(
        "figure_summary",
        sa.Column("scope", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("period_end", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("numerator", sa.Float(), nullable=True),
        sa.Column("denominator", sa.Float(), nullable=True),
        sa.Column("units", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("figure_summary")
    op.drop_index("ix_value_current_end", "value_revision")
    op.drop_index("ux_value_one_current", "value_revision")
    op.create_index("ux_value_one_current", "value_revision", ["unit_code", "metric_code", "period"], unique=True,
                    sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current"))
