"""Import checks: warning flags on values, metric kind (count or rate), and a meta table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("value_revision") as batch:
        batch.add_column(sa.Column("flags", sa.String(256), nullable=True))
    with op.batch_alter_table("metric") as batch:
        batch.add_column(sa.Column("kind", sa.String(8), nullable=False, server_default="count"))
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meta")
    with op.batch_alter_table("metric") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("value_revision") as batch:
        batch.drop_column("flags")
