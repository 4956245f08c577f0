"""Accounts and their units, period locks, the audit trail; one current revision per key, enforced.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=True),
        sa.Column("email", sa.String(256), nullable=True, unique=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "account_unit",
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("account.id"), primary_key=True),
        sa.Column("unit_code", sa.String(64), primary_key=True),
    )
    op.create_table(
        "period_lock",
        sa.Column("period", sa.String(8), primary_key=True),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("reason", sa.String(512), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(512), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
    )
    op.create_index("ix_audit_at", "audit_event", ["at"])
    op.create_index("ix_audit_user_action", "audit_event", ["user", "action", "at"])
    # a database that already holds two current revisions of a key keeps the newest current
    op.execute("""
        UPDATE value_revision SET is_current = false
        WHERE is_current AND id NOT IN (
            SELECT max(id) FROM value_revision WHERE is_current GROUP BY unit_code, metric_code, period)
    """)
    op.execute("INSERT INTO meta (key, value) VALUES ('write_lock', '0')")  # imports take the write lock on it
    op.create_index("ux_value_one_current", "value_revision", ["unit_code", "metric_code", "period"], unique=True,
                    sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current"))


def downgrade() -> None:
    op.drop_index("ux_value_one_current", "value_revision")
    op.drop_table("audit_event")
    op.drop_table("period_lock")
    op.drop_table("account_unit")
    op.drop_table("account")
