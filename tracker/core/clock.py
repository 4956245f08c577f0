"""Time: stored times are UTC; deadlines, dates people read and "today" are China Standard Time."""

from __future__ import annotations

import datetime as dt

LOCAL_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


def utcnow() -> dt.datetime:
    """Now, in UTC (what the database stores)."""
    return dt.datetime.now(dt.UTC)


def china_now() -> dt.datetime:
    """Now, in China Standard Time."""
    return dt.datetime.now(LOCAL_TZ)


def china_today() -> dt.date:
    """Today's date in China (a month has ended once this date is past its last day)."""
    return china_now().date()


def as_utc(at: dt.datetime | str) -> dt.datetime:
    """A stored time (naive UTC from SQLite, aware from PostgreSQL, or its text form) as an aware UTC datetime."""
    if isinstance(at, str):
        at = dt.datetime.fromisoformat(at)
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def local(at: dt.datetime | str) -> dt.datetime:
    """A stored time in China Standard Time."""
    return as_utc(at).astimezone(LOCAL_TZ)
