"""The days values were first received, per period and unit: for each China-time day, the metrics whose first
value came that day (a JSON list), kept in the table `received_day` beside `first_received`
(`tracker.storage.received`), in the same transaction, by every insert of values.

报送情况 and the documents' completeness ask, per period and unit, which metrics came and on which day. Read key by
key from `first_received`, a city's mid-term (42 periods of 3,000 units) is 1.4 million rows; most units send a
month's figures in one file, so here it is one row per period and unit (120,000), and the lists repeat: each
distinct list is parsed once. The table holds no register's choices (what is owed, the deadline): the engine
applies them as it reads.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Table, delete, func, insert, select
from sqlmodel import Session

from tracker.core.clock import local
from tracker.storage.driver import driver_rows
from tracker.storage.models import FirstReceived, ReceivedDay

DAYS: Table = ReceivedDay.__table__  # type: ignore[attr-defined]
FIRSTS: Table = FirstReceived.__table__  # type: ignore[attr-defined]
CHUNK = 500  # units per statement when a period's rows are made afresh
Key = tuple[str, str, dt.date]  # period, unit, day


def day_of(at: object) -> dt.date:
    """The China-time day of a stored time (SQLite keeps text, PostgreSQL a timestamp; naive means UTC)."""
    assert isinstance(at, dt.datetime | str), at
    return local(at).date()


def grouped(rows: Iterable[tuple[str, str, str, object]]) -> dict[Key, list[str]]:
    """(period, unit, metric, first-received time) rows → (period, unit, day) → the metrics first received that
    day, in code-point order."""
    days: dict[object, dt.date] = {}  # each distinct time converted once
    out: dict[Key, list[str]] = {}
    for period, unit, metric, at in rows:
        day = days.get(at)
        if day is None:
            day = days[at] = day_of(at)
        out.setdefault((period, unit, day), []).append(metric)
    for metrics in out.values():
        metrics.sort()
    return out


def _rows(days: dict[Key, list[str]]) -> list[dict[str, Any]]:
    return [{"period": p, "unit_code": u, "day": d, "metrics": json.dumps(ms, ensure_ascii=False)}
            for (p, u, d), ms in sorted(days.items())]


def refresh(session: Session, pairs: Collection[tuple[str, str]]) -> None:
    """Make the rows of these (period, unit) pairs afresh from `first_received`, in the caller's transaction."""
    r = FIRSTS.c
    by_period: dict[str, list[str]] = {}
    for period, unit in sorted(pairs):
        by_period.setdefault(period, []).append(unit)
    for period, units in by_period.items():
        for i in range(0, len(units), CHUNK):
            chunk = units[i:i + CHUNK]
            source = driver_rows(session, select(r.period, r.unit_code, r.metric_code, r.received_at)
                                 .where(r.period == period, r.unit_code.in_(chunk)))  # times as the driver gives
            session.execute(delete(DAYS).where(DAYS.c.period == period, DAYS.c.unit_code.in_(chunk)))
            made = _rows(grouped(source))
            if made:
                session.execute(insert(DAYS), made)


def rebuild(session: Session) -> int:
    """Make the table afresh from `first_received`, in the caller's transaction; its rows."""
    session.execute(delete(DAYS))
    r = FIRSTS.c
    periods = session.execute(select(r.period).distinct()).scalars().all()
    for period in periods:  # a period at a time: a city's 2.8 million keys are never held at once
        made = _rows(grouped(driver_rows(session, select(r.period, r.unit_code, r.metric_code, r.received_at)
                                         .where(r.period == period))))
        if made:
            session.execute(insert(DAYS), made)
    return count(session)


def count(session: Session) -> int:
    """The rows kept."""
    return int(session.execute(select(func.count()).select_from(DAYS)).scalar_one())


def as_date(day: object) -> dt.date:
    """A kept day as read: a date from PostgreSQL, its ISO text from SQLite."""
    return day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))


def differences(session: Session) -> tuple[int, int]:
    """(rows compared, rows that differ) between the table and its recomputation from `first_received`."""
    want = {k: json.dumps(v, ensure_ascii=False) for k, v in grouped(session.execute(select(FIRSTS)).all()).items()}
    got = {(p, u, as_date(d)): m for p, u, d, m in session.execute(select(DAYS)).all()}
    keys = want.keys() | got.keys()
    return len(keys), sum(1 for k in keys if want.get(k) != got.get(k))
