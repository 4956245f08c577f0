"""The values a document used: every current value of its units up to its as-of month, with the revision and file
that hold it (a workbook's 月度数据), or their keys alone (a document's content hash). A city's document lists 1.4
million: they are read in chunks and their repeated texts kept once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from tracker.storage.driver import copied_frame
from tracker.storage.models import Submission
from tracker.storage.values import VALUE_TABLE, driver_chunks, driver_rows

USED_COLUMNS = ["unit", "metric", "period", "value", "revision", "file", "stored_at"]  # a value with its revision


def values_with_revisions(*, session: Session, units: list[str], end: int) -> pd.DataFrame:
    """Every current value of the units for periods ending by `end`: unit, metric, period, value, revision (its
    id), file and stored_at — what a document's figures were computed from — in order of unit, metric, period end
    and period (code-point order, the same on every database).

    Read without a join or an order, through the index on current period ends, and put in order here: SQLite took
    6 s for a city's 1.4 million in order (each row looked up from the index on keys) against 3 s so. The files
    are the submissions' names, read once each; for many units the statement names none (`KEYS_WHOLE_FROM`)."""
    v = VALUE_TABLE.c
    where = [v.is_current, v.period_end <= end]
    if len(units) < KEYS_WHOLE_FROM:
        where.append(v.unit_code.in_(units))
    stmt = select(v.unit_code, v.metric_code, v.period, v.value, v.id, v.created_at, v.submission_id, v.period_end
                  ).where(*where)
    texts, numbers = _copied(session, stmt, units) or _read(session, stmt, units)
    value, revision, submission, period_end = numbers
    codes, ids = pd.factorize(submission)
    names = _file_names(session, {int(i) for i in ids})
    arrays: dict[str, np.ndarray] = {
        "unit": texts[0], "metric": texts[1], "period": texts[2], "value": value, "revision": revision,
        "file": np.asarray([names.get(int(i)) for i in ids], dtype=object)[codes],
        "stored_at": texts[3]}  # times as read: not inferred
    texts.clear()
    order = np.lexsort((pd.factorize(arrays["period"], sort=True)[0], period_end,
                        pd.factorize(arrays["metric"], sort=True)[0], pd.factorize(arrays["unit"], sort=True)[0]))
    return pd.DataFrame({c: pd.Series(arrays.pop(c)[order], dtype=_dtype(c), copy=False) for c in USED_COLUMNS},
                        columns=USED_COLUMNS, copy=False)  # each column its own block: consolidating five columns
    # of text took 0.5 s; text and times as read, not inferred (PostgreSQL's 1.4 million times as pandas' own: 7 s)


Texts = list[np.ndarray]  # unit, metric, period, stored_at: object arrays, each distinct text held once
Numbers = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # value (NaN: not reported), id, submission, end


def _read(session: Session, stmt: Any, units: list[str]) -> tuple[Texts, Numbers]:
    """The statement's rows read on the driver's cursor in chunks, each column made an array as it comes."""
    wanted = set(units)
    shared: dict[object, object] = {}  # names, periods and times repeat: each kept once
    texts: dict[int, list[Any]] = {0: [], 1: [], 2: [], 5: []}  # unit, metric, period, stored_at
    numbers: dict[int, list[np.ndarray]] = {3: [], 4: [], 6: [], 7: []}  # value, id, submission, period end
    for rows in driver_chunks(session, stmt):
        if len(units) >= KEYS_WHOLE_FROM:
            rows = [r for r in rows if r[0] in wanted]
        for k, column in texts.items():
            column.extend([shared.setdefault(r[k], r[k]) for r in rows])
        for k, parts in numbers.items():  # as arrays at once: 1.4 million Python numbers are 150 MB
            parts.append(np.array([r[k] for r in rows], dtype=float if k == 3 else np.int64))  # None: NaN
    value, revision, submission, period_end = (np.concatenate(numbers.pop(k)) if numbers[k] else
                                               np.empty(0, dtype=float if k == 3 else np.int64) for k in (3, 4, 6, 7))
    return [np.asarray(texts[k], dtype=object) for k in (0, 1, 2, 5)], (value, revision, submission, period_end)


COPIED = {"unit": "category", "metric": "category", "period": "category", "value": float, "id": np.int64,
          "stored_at": "category", "submission": np.int64, "period_end": np.int64}  # the statement's columns


def _copied(session: Session, stmt: Any, units: list[str]) -> tuple[Texts, Numbers] | None:
    """The same arrays through PostgreSQL's COPY (`copied_frame`), None on another database; repeated texts are
    categories, each made an array of its distinct texts."""
    frame = copied_frame(session, stmt, COPIED)
    if frame is None:
        return None
    if len(units) >= KEYS_WHOLE_FROM:
        frame = frame[frame["unit"].isin(units).to_numpy()]

    def shared(column: str) -> np.ndarray:
        cat = frame[column].cat
        return np.asarray(cat.categories, dtype=object).take(cat.codes.to_numpy())

    return ([shared(c) for c in ("unit", "metric", "period", "stored_at")],
            (frame["value"].to_numpy(dtype=float), *(frame[c].to_numpy(dtype=np.int64)
                                                      for c in ("id", "submission", "period_end"))))


def _dtype(column: str) -> Any:
    """A column's dtype in the values used: text and times kept as Python objects, numbers as read."""
    return object if column in ("unit", "metric", "period", "file", "stored_at") else None


def _file_names(session: Session, ids: set[int]) -> dict[int, str]:
    """Submission id → its file's name, for the ids (every submission's when they are many)."""
    s = Submission.__table__.c  # type: ignore[attr-defined]
    stmt = select(s.id, s.file_name)
    if len(ids) < 1000:
        stmt = stmt.where(s.id.in_(sorted(ids)))
    return {i: name for i, name in driver_rows(session, stmt) if i in ids}


KEYS_WHOLE_FROM = 300  # units from which every current value is read and the units picked out here


def current_value_keys(*, session: Session, units: list[str], end: int) -> list[tuple[str, str, str, float | None]]:
    """(unit, metric, period, value) of every current value of the units for periods ending by `end`, in no
    particular order (what a document's content hash is made of)."""
    return [key for chunk in current_value_chunks(session=session, units=units, end=end) for key in chunk]


def current_value_chunks(*, session: Session, units: list[str], end: int,
                         ) -> Iterator[list[tuple[str, str, str, float | None]]]:
    """`current_value_keys` 100,000 at a time (a city's 1.4 million keys held at once as tuples took 370 MB).
    For many units the statement names none and the rows are picked here: a list of 3,000 units in the
    statement cost a city's district pack a second."""
    v = VALUE_TABLE.c
    where = [v.is_current, v.period_end <= end]
    if len(units) < KEYS_WHOLE_FROM:
        where.append(v.unit_code.in_(units))
    wanted = set(units)
    for rows in driver_chunks(session, select(v.unit_code, v.metric_code, v.period, v.value).where(*where)):
        yield rows if len(units) < KEYS_WHOLE_FROM else [row for row in rows if row[0] in wanted]
