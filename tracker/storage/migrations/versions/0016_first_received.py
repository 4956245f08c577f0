"""When each value was first received (tracker/storage/received.py): a table kept by every insert of values, for
报送情况 and the documents' completeness, filled here from the values already stored.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "first_received",
        sa.Column("period", sa.String(8), primary_key=True),
        sa.Column("unit_code", sa.String(64), primary_key=True),
        sa.Column("metric_code", sa.String(64), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_with_rowid=False,  # the rows in key order: a window's periods read as one range
    )
    op.execute("INSERT INTO first_received (period, unit_code, metric_code, received_at) "
               "SELECT v.period, v.unit_code, v.metric_code, min(s.created_at) FROM value_revision v "
               "JOIN submission s ON s.id = v.submission_id WHERE v.value IS NOT NULL "
               "GROUP BY v.period, v.unit_code, v.metric_code")


def downgrade() -> None:
    op.drop_table("first_received")
