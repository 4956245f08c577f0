"""The data version (a counter that never repeats), sign-in throttling counted in the database, import jobs
that finish whatever the page does.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("lineage", sa.String(32), nullable=False),
        sa.Column("counter", sa.BigInteger(), nullable=False),
    )
    op.execute(sa.text("INSERT INTO data_version (id, lineage, counter) VALUES (1, :lineage, 1)")
               .bindparams(lineage=uuid.uuid4().hex))
    op.create_table(
        "signin_throttle",
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("key", sa.String(320), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "import_job",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user", sa.String(128), nullable=False),
        sa.Column("file_name", sa.String(512), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("values_new", sa.Integer(), nullable=False),
        sa.Column("values_changed", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(), nullable=False),
        sa.Column("seen", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_import_job_user", "import_job", ["user", "id"])


def downgrade() -> None:
    op.drop_index("ix_import_job_user", "import_job")
    op.drop_table("import_job")
    op.drop_table("signin_throttle")
    op.drop_table("data_version")
