"""When each value was first received: the time of the first submission that stored a value (not a blank) for a
unit, metric and period, kept in the table `first_received` by every insert of values.

报送情况 (on time, late, missing) and the documents' completeness ask it for every unit, metric and period of a
window; computed from raw rows it grouped every stored revision with its submission (at 3,000 units, 1.4 M
groups: most of a mid-term pack's time). Kept on insert, in the transaction that stores the values, it is read
by key. A database from before this table is filled by its migration (0016); `rebuild` makes it afresh from raw
rows, and `differences` compares the two. Beside it, `received_day` (`tracker.storage.received_days`) holds the
same times grouped per period, unit and China-time day, brought in step here for the units and periods an insert
touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlmodel import Session, col

from tracker.storage import received_days
from tracker.storage.models import FirstReceived, Submission, ValueRevision

RECEIVED: Table = FirstReceived.__table__  # type: ignore[attr-defined]


def recomputed() -> Any:
    """The first-received times from raw rows: (period, unit, metric, time) per key holding a value."""
    v, s = ValueRevision, Submission
    return (select(col(v.period), col(v.unit_code), col(v.metric_code), func.min(col(s.created_at)))
            .join(s, col(s.id) == col(v.submission_id)).where(col(v.value).is_not(None))
            .group_by(col(v.period), col(v.unit_code), col(v.metric_code)))


def keep(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Bring the table in step with revisions just inserted (in the caller's transaction): each key's time is the
    earliest of its submissions' times; a blank value receives nothing."""
    filled = [r for r in rows if r["value"] is not None]
    if not filled:
        return
    ids = sorted({int(r["submission_id"]) for r in filled})
    times: dict[int, dt.datetime] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        times.update(session.execute(select(col(Submission.id), col(Submission.created_at))
                                     .where(col(Submission.id).in_(chunk))).all())
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    # each submission's time once, in the form the database compares (an import is one submission for all rows)
    stored: dict[int, Any] = {i: _stored(at) if sqlite else at.astimezone(dt.UTC) for i, at in times.items()}
    first: dict[tuple[str, str, str], int] = {}  # key → the submission with the earliest time
    for r in filled:
        key = (r["period"], r["unit_code"], r["metric_code"])
        sid = int(r["submission_id"])
        if key not in first or times[sid] < times[first[key]]:
            first[key] = sid
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO first_received (period, unit_code, metric_code, received_at) "
           f"VALUES ({mark}, {mark}, {mark}, {mark}) ON CONFLICT (period, unit_code, metric_code) DO UPDATE "
           f"SET received_at = excluded.received_at WHERE excluded.received_at < first_received.received_at")
    data = [(p, u, m, stored[sid]) for (p, u, m), sid in first.items()]
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(sql, data)
    finally:
        cursor.close()
    received_days.refresh(session, {(p, u) for p, u, _ in first})


def _stored(at: dt.datetime) -> str:
    """A time as SQLAlchemy writes it in SQLite (naive UTC text, so that text order is time order)."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def rebuild(session: Session) -> int:
    """Make the table afresh from raw rows, and the days grouped from it, in the caller's transaction; its rows."""
    session.execute(delete(RECEIVED))
    session.execute(RECEIVED.insert().from_select(["period", "unit_code", "metric_code", "received_at"],
                                                  recomputed()))
    received_days.rebuild(session)
    return int(session.execute(select(func.count()).select_from(RECEIVED)).scalar_one())


def differences(session: Session) -> tuple[int, int]:
    """(keys compared, keys that differ) between the table and a recomputation from raw rows (both read through
    the same column type, as aware UTC times)."""
    want = {(p, u, m): at for p, u, m, at in session.execute(recomputed())}
    got = {(p, u, m): at for p, u, m, at in session.execute(select(RECEIVED))}
    keys = want.keys() | got.keys()
    return len(keys), sum(1 for k in keys if want.get(k) != got.get(k))
