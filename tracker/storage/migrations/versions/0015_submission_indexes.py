"""The revision history's indexes: a submission's values found by its id, the newest submissions by time.

修订记录 lists the newest submissions with the units each touched; without these it read every stored value
(0.7 s on a 300-unit city, 2.5 s for one unit's submissions; ten times that at 3,000 units).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_value_submission", "value_revision", ["submission_id"])
    op.create_index("ix_submission_created", "submission", ["created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_submission_created", "submission")
    op.drop_index("ix_value_submission", "value_revision")
