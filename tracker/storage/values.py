"""Storage operations: register sync, meta facts, appending revisions, reading current values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Table, delete, func, select, update
from sqlmodel import Session, col

from tracker.core.clock import utcnow
from tracker.core.periods import Period
from tracker.storage import received
from tracker.storage.driver import (  # noqa: F401  (read through this module by many callers)
    CompiledSelect,
    compile_select,
    driver_chunks,
    driver_rows,
    run_compiled,
)
from tracker.storage.models import DataVersion, Meta, Submission, ValueRevision

VALUE_TABLE: Table = ValueRevision.__table__  # type: ignore[attr-defined]
VALUE_COLUMNS = ["unit", "metric", "period", "kind", "start", "end", "value", "flags", "note", "submission_id"]


def get_meta(*, session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None


def set_meta(*, session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def holds_sample_data(*, session: Session) -> bool:
    """Whether the database holds the demo sample (示例数据)."""
    return get_meta(session=session, key="sample_data") == "1"


def count_values(*, session: Session, sample: bool | None = None) -> int:
    """Number of current values, optionally only sample or only real ones."""
    stmt = select(func.count()).select_from(ValueRevision).where(col(ValueRevision.is_current))
    if sample is not None:
        stmt = stmt.join(Submission, col(Submission.id) == col(ValueRevision.submission_id)).where(
            col(Submission.is_sample) == sample)
    return int(session.execute(stmt).scalar_one())


def new_submission(*, session: Session, user: str, file_name: str, sha256: str, source: str = "import",
                   is_sample: bool = False, **fields: Any) -> Submission:
    if len(file_name) > 512:  # the column's size: keep the start and the end (its type) of a very long name
        file_name = file_name[:255] + "…" + file_name[-256:]
    sub = Submission(user=user[:128], file_name=file_name, sha256=sha256, source=source, is_sample=is_sample,
                     **fields)
    session.add(sub)
    session.flush()
    return sub


def revision_row(*, unit: str, metric: str, period: Period, value: float | None, submission_id: int,
                 note: str | None = None, flags: str | None = None, created_at: Any = None) -> dict[str, Any]:
    """One row for `append_revisions`."""
    row = {"unit_code": unit, "metric_code": metric, "period": period.code, "period_kind": period.kind,
           "period_start": period.start, "period_end": period.end, "value": value, "note": note,
           "flags": flags, "is_current": True, "submission_id": submission_id}
    if created_at is not None:
        row["created_at"] = created_at
    return row


SUMMARY_REGISTER = "summary_register"  # meta: the register the figures kept ready were made for (engine/summary.py)


def append_revisions(*, session: Session, rows: Sequence[dict[str, Any]],
                     supersede: Iterable[int] = (), keeps_summary: bool = False) -> None:
    """Mark the superseded revisions not current, then insert the new ones (one executemany).

    A writer that does not bring the figures kept ready in step itself (`keeps_summary`) leaves them unused
    until rebuilt: the engine then reads raw rows, never a stale figure."""
    if not keeps_summary and (rows or supersede):
        session.execute(delete(Meta).where(col(Meta.key) == SUMMARY_REGISTER))
    ids = list(supersede)
    for i in range(0, len(ids), 500):
        session.execute(update(ValueRevision).where(col(ValueRevision.id).in_(ids[i:i + 500]))
                        .values(is_current=False))
    if rows:
        insert_values(session, rows, utcnow())


INSERT_COLUMNS = ("unit_code", "metric_code", "period", "period_kind", "period_start", "period_end", "value", "note",
                  "flags", "is_current", "submission_id", "created_at")


def insert_values(session: Session, rows: Sequence[dict[str, Any]], now: Any) -> None:
    """One executemany on the driver's own cursor: the rows are plain tuples, so the insert costs what the
    database does, not SQLAlchemy's per-row parameter processing (half the time of a 100,000-row import).
    SQLite gets the timestamp in the text form SQLAlchemy itself writes and reads; PostgreSQL a datetime."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO value_revision ({', '.join(INSERT_COLUMNS)}) "
           f"VALUES ({', '.join([mark] * len(INSERT_COLUMNS))})")
    data = []
    for r in rows:
        at = r.get("created_at")
        if at is None:
            at = stamp
        elif sqlite:
            at = at.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        data.append((r["unit_code"], r["metric_code"], r["period"], r["period_kind"], r["period_start"],
                     r["period_end"], r["value"], r["note"], r["flags"], r["is_current"], r["submission_id"], at))
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(sql, data)
    finally:
        cursor.close()
    received.keep(session, rows)  # when each value first came, for 报送情况


def current_values(*, session: Session, metrics: Iterable[str] | None = None,
                   units: Iterable[str] | None = None, start: int | None = None,
                   end: int | None = None) -> pd.DataFrame:
    """Current values as a table with VALUE_COLUMNS; `start`/`end` bound period ends (absolute months)."""
    v = ValueRevision
    stmt = select(col(v.unit_code), col(v.metric_code), col(v.period), col(v.period_kind),
                  col(v.period_start), col(v.period_end), col(v.value), col(v.flags), col(v.note),
                  col(v.submission_id)).where(col(v.is_current))
    if metrics is not None:
        stmt = stmt.where(col(v.metric_code).in_(list(metrics)))
    if units is not None:
        stmt = stmt.where(col(v.unit_code).in_(list(units)))
    if start is not None:
        stmt = stmt.where(col(v.period_end) >= start)
    if end is not None:
        stmt = stmt.where(col(v.period_end) <= end)
    rows = session.execute(stmt).all()
    return pd.DataFrame(rows, columns=VALUE_COLUMNS)


Stored = tuple[int, float | None, str | None]  # revision id, value, note


def stored_index(*, session: Session, units: list[str], metrics: list[str], start: int,
                 end: int) -> dict[tuple[str, str, str], Stored]:
    """(unit, metric, period) → (revision id, value, note) of current values whose period ends in [start, end]."""
    v = ValueRevision
    stmt = (select(col(v.unit_code), col(v.metric_code), col(v.period), col(v.id), col(v.value), col(v.note))
            .where(col(v.is_current), col(v.metric_code).in_(metrics), col(v.period_end) >= start,
                   col(v.period_end) <= end))
    wanted = set(units)
    return {(u, m, p): (int(i or 0), None if x is None else float(x), n)
            for u, m, p, i, x, n in driver_rows(session, stmt) if u in wanted}


def stored_history(*, session: Session, units: list[str], metrics: list[str], start: int,
                   end: int) -> list[tuple[str, str, str, int, float]]:
    """(unit, metric, period kind, period end, value) of current non-missing values ending in [start, end]."""
    v = ValueRevision
    stmt = (select(col(v.unit_code), col(v.metric_code), col(v.period_kind), col(v.period_end), col(v.value))
            .where(col(v.is_current), col(v.metric_code).in_(metrics), col(v.period_end) >= start,
                   col(v.period_end) <= end, col(v.value).is_not(None)))
    wanted = set(units)
    return [row for row in driver_rows(session, stmt) if row[0] in wanted]


def value_history(*, session: Session, unit: str, metric: str, period: str) -> pd.DataFrame:
    """Every revision of one unit–metric–period, newest first, with who, when and which file."""
    v, s = ValueRevision, Submission
    stmt = (select(col(v.id), col(v.value), col(v.note), col(v.flags), col(v.is_current), col(v.created_at),
                   col(s.user), col(s.file_name), col(s.sha256))
            .join(s, col(s.id) == col(v.submission_id))
            .where(col(v.unit_code) == unit, col(v.metric_code) == metric, col(v.period) == period)
            .order_by(col(v.id).desc()))
    cols = ["revision", "value", "note", "flags", "current", "stored_at", "user", "file_name", "sha256"]
    return pd.DataFrame(session.execute(stmt).all(), columns=cols)


def recent_submissions(*, session: Session, unit: str | None = None, limit: int = 50) -> pd.DataFrame:
    """Stored submissions, newest first: id, user, created_at, file_name, values_new, values_changed, units
    (how many units the file held) and unit (the one unit, when it held one); only those touching `unit`.

    The newest submissions holding values are picked first (by index), then only their values are counted."""
    s, v = Submission, ValueRevision
    holding = select(col(v.submission_id)).where(col(v.submission_id) == col(s.id)).exists()
    newest = select(col(s.id)).where(holding).order_by(col(s.created_at).desc(), col(s.id).desc()).limit(limit)
    if unit is not None:
        newest = newest.where(col(s.id).in_(select(col(v.submission_id)).where(col(v.unit_code) == unit)))
    ids = [i for (i,) in session.execute(newest).all()]
    stmt = (select(col(s.id), col(s.user), col(s.created_at), col(s.file_name), col(s.values_new),
                   col(s.values_changed), func.count(func.distinct(col(v.unit_code))), func.min(col(v.unit_code)))
            .join(v, col(v.submission_id) == col(s.id))
            .where(col(s.id).in_(ids))
            .group_by(col(s.id), col(s.user), col(s.created_at), col(s.file_name), col(s.values_new),
                      col(s.values_changed))
            .order_by(col(s.created_at).desc(), col(s.id).desc()))
    cols = ["id", "user", "created_at", "file_name", "values_new", "values_changed", "units", "unit"]
    return pd.DataFrame(session.execute(stmt).all() if ids else [], columns=cols)


def data_version(*, session: Session) -> str:
    """The database's data version: its lineage and a counter raised with every stored change (never repeats, a
    restore included), so a cache keyed on it is never served for other data."""
    row = session.execute(select(col(DataVersion.lineage), col(DataVersion.counter))
                          .where(col(DataVersion.id) == 1)).first()
    return f"{row[0][:8]}.{row[1]}" if row else "0"


def bump_data_version(*, session: Session) -> None:
    """Raise the data version, in the caller's transaction: call it with the change it marks, before the commit."""
    session.execute(update(DataVersion).where(col(DataVersion.id) == 1).values(counter=col(DataVersion.counter) + 1))


def latest_period_end(*, session: Session) -> int | None:
    """The latest absolute month for which any monthly value is stored."""
    stmt = select(func.max(col(ValueRevision.period_end))).where(col(ValueRevision.is_current))
    result = session.execute(stmt).scalar_one()
    return int(result) if result is not None else None


WRITE_LOCK_KEY = 20161231  # PostgreSQL advisory lock: one import writes at a time


def begin_write(session: Session) -> None:
    """Start the session's transaction holding the database's write lock, so that what it reads next is what
    the other writers committed (SQLite: a write as the first statement takes the lock, waiting up to the busy
    timeout; PostgreSQL: a transaction-scoped advisory lock)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    else:
        conn.exec_driver_sql("UPDATE meta SET value = value WHERE key = 'write_lock'")
