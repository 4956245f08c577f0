"""The unit tree's ancestor pairs, so totals over a tree can be formed in SQL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_tree",
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("ancestor", sa.String(64), primary_key=True),
        sa.Column("depth", sa.Integer(), nullable=False),
    )
    op.create_index("ix_unit_tree_ancestor", "unit_tree", ["ancestor", "unit"])
    # register_hash: the next start-up syncs the registers (and fills this table) once
    op.execute("delete from meta where key = 'register_hash'")


def downgrade() -> None:
    op.drop_table("unit_tree")
