"""What a unit adds to its own annual self-evaluation (seed 003): narrative sections, 即办即走, 锦旗, 表扬信,
complaints, and per-item approvals; append-only (an edit is a new row).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SECTIONS = ("opening", "reform", "efficiency", "mechanisms", "innovation", "problems", "plan")


def upgrade() -> None:
    op.create_table(
        "self_evaluation_text",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.String(), nullable=False) for name in SECTIONS),
        sa.Column("on_the_spot_share", sa.Float(), nullable=True),
        sa.Column("on_the_spot_count", sa.Integer(), nullable=True),
        sa.Column("banners", sa.Integer(), nullable=True),
        sa.Column("praise_letters", sa.Integer(), nullable=True),
        sa.Column("complaints", sa.Integer(), nullable=True),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_self_evaluation_text_unit_year", "self_evaluation_text", ["unit", "year", "id"])
    op.create_table(
        "self_evaluation_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.Integer(), sa.ForeignKey("self_evaluation_text.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("applications", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=True),
        sa.Column("on_time", sa.Integer(), nullable=True),
        sa.Column("approved", sa.Integer(), nullable=True),
    )
    op.create_index("ix_self_evaluation_item_entry", "self_evaluation_item", ["entry_id", "position"])


def downgrade() -> None:
    op.drop_table("self_evaluation_item")
    op.drop_table("self_evaluation_text")
