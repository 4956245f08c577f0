"""The days values were first received, per period and unit (tracker/storage/received_days.py): `first_received`
grouped by China-time day, one row per period, unit and day with the metrics first received that day, kept by
every insert of values; filled here from `first_received`, a period at a time.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""
import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

CHINA = dt.timezone(dt.timedelta(hours=8))  # as tracker.core.clock.LOCAL_TZ when this was written


def _day(at: object) -> dt.date:
    when = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
    assert isinstance(when, dt.datetime), when
    return (when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when).astimezone(CHINA).date()


def upgrade() -> None:
    table = op.create_table(
        "received_day",
        sa.Column("period", sa.String(8), primary_key=True),
        sa.Column("unit_code", sa.String(64), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("metrics", sa.String(), nullable=False),
        sqlite_with_rowid=False,  # a window's periods read as one range of the table
    )
    bind = op.get_bind()
    periods = [p for (p,) in bind.execute(sa.text("SELECT DISTINCT period FROM first_received"))]
    for period in periods:
        days: dict[tuple[str, dt.date], list[str]] = {}
        for unit, metric, at in bind.execute(sa.text("SELECT unit_code, metric_code, received_at FROM first_received "
                                                     "WHERE period = :p"), {"p": period}):
            days.setdefault((unit, _day(at)), []).append(metric)
        rows = [{"period": period, "unit_code": u, "day": d, "metrics": json.dumps(sorted(ms), ensure_ascii=False)}
                for (u, d), ms in sorted(days.items())]
        if rows:
            op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("received_day")
