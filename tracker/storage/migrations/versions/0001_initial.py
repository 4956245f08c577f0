"""Initial schema: units, metrics, submissions and value revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("parent", sa.String(64), nullable=True),
    )
    op.create_table(
        "metric",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name_zh", sa.String(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("aggregation", sa.String(8), nullable=False),
        sa.Column("frequency", sa.String(16), nullable=False),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(512), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("values_new", sa.Integer(), nullable=False),
        sa.Column("values_changed", sa.Integer(), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "value_revision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_code", sa.String(64), sa.ForeignKey("unit.code"), nullable=False),
        sa.Column("metric_code", sa.String(64), sa.ForeignKey("metric.code"), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("period_kind", sa.String(16), nullable=False),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("submission_id", sa.Integer(), sa.ForeignKey("submission.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_value_current", "value_revision", ["unit_code", "metric_code", "period", "is_current"])
    op.create_index("ix_value_metric_end", "value_revision", ["metric_code", "period_end"])


def downgrade() -> None:
    op.drop_table("value_revision")
    op.drop_table("submission")
    op.drop_table("metric")
    op.drop_table("unit")
