"""Register versions on record: each distinct register content loaded, when and by which process, and what
changed from the version before.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("first_loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.String(256), nullable=False),
        sa.Column("sources", sa.String(1024), nullable=False, server_default=""),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False, server_default="[]"),
    )


def downgrade() -> None:
    op.drop_table("register_version")
