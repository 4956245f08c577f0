"""Narratives (分析与措施) per target and period, with history; the numbers of briefings exported.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "narrative",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("analysis", sa.String(), nullable=False),
        sa.Column("measures", sa.String(), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_narrative_target_period", "narrative", ["target", "period", "id"])
    op.create_table(
        "briefing_issue",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("month", sa.String(8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("briefing_issue")
    op.drop_table("narrative")
