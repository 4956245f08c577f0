"""The office's own text of a month's briefing (考核情况, 效能监察, 工作动态, 政务简讯, 服务之星, the 12345 complaint
topics; the provincial 好差评 score and rank), per section, with history: an edit is a new row.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "briefing_text",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("month", sa.String(8), nullable=False),
        sa.Column("section", sa.String(32), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_briefing_text_month_section", "briefing_text", ["month", "section", "id"])


def downgrade() -> None:
    op.drop_index("ix_briefing_text_month_section", "briefing_text")
    op.drop_table("briefing_text")
