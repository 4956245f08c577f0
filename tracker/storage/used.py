"""The values a document used: every current value of its units up to its as-of month, with the revision and file
that hold it (a workbook's 月度数据), or their keys alone (a document's content hash). A city's document lists 1.4
million: they are read in chunks and their repeated texts kept once."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from tracker.storage.models import Submission, ValueRevision
from tracker.storage.values import VALUE_TABLE, driver_chunks, driver_rows

USED_COLUMNS = ["unit", "metric", "period", "value", "revision", "file", "stored_at"]  # a value with its revision


def values_with_revisions(*, session: Session, units: list[str], end: int) -> pd.DataFrame:
    """Every current value of the units for periods ending by `end`: unit, metric, period, value, revision (its
    id), file and stored_at — what a document's figures were computed from."""
    v, s = ValueRevision, Submission
    stmt = (select(col(v.unit_code), col(v.metric_code), col(v.period), col(v.value), col(v.id), col(s.file_name),
                   col(v.created_at))
            .join(s, col(s.id) == col(v.submission_id))
            .where(col(v.is_current), col(v.period_end) <= end, col(v.unit_code).in_(units))
            .order_by(col(v.unit_code), col(v.metric_code), col(v.period_end), col(v.period)))
    shared: dict[object, object] = {}  # names, periods, files and times repeat: each kept once
    texts = [USED_COLUMNS.index(c) for c in ("unit", "metric", "period", "file", "stored_at")]
    columns: list[list[Any]] = [[] for _ in USED_COLUMNS]
    for rows in driver_chunks(session, stmt):
        for k in range(len(USED_COLUMNS)):
            columns[k].extend([shared.setdefault(r[k], r[k]) for r in rows] if k in texts else [r[k] for r in rows])
    kept = {c: pd.Series(v, dtype=object if c in ('unit', 'metric', 'period', 'file', 'stored_at') else None)
            for c, v in zip(USED_COLUMNS, columns, strict=True)}  # times as read: not inferred (3 s on PostgreSQL)
    return pd.DataFrame(kept, columns=USED_COLUMNS)


KEYS_WHOLE_FROM = 300  # units from which every current value is read and the units picked out here


def current_value_keys(*, session: Session, units: list[str], end: int) -> list[tuple[str, str, str, float | None]]:
    """(unit, metric, period, value) of every current value of the units for periods ending by `end`, in no
    particular order (what a document's content hash is made of). For many units the statement names none and
    the rows are picked here: a list of 3,000 units in the statement cost a city's district pack a second."""
    v = VALUE_TABLE.c
    where = [v.is_current, v.period_end <= end]
    if len(units) < KEYS_WHOLE_FROM:
        where.append(v.unit_code.in_(units))
    rows = driver_rows(session, select(v.unit_code, v.metric_code, v.period, v.value).where(*where))
    if len(units) < KEYS_WHOLE_FROM:
        return list(rows)
    wanted = set(units)
    return [row for row in rows if row[0] in wanted]
