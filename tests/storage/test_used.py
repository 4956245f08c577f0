"""The values a document used, read in chunks: the same rows in key order, their repeated texts kept once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from tests.engine.test_engine import put
from tests.helpers import synced
from tracker.storage import used, values


def test_the_values_used_are_read_in_chunks_in_key_order_each_text_kept_once(edb: Session,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of two rows: the current values up to June 2019 of the units asked for, in order of unit, metric and
    period, with the revision (id) and file that hold each; a superseded value, a later period and another unit's
    value left out; a metric's code read in several chunks is one string."""
    chunks = values.driver_chunks
    monkeypatch.setattr(used, "driver_chunks", lambda session, stmt: chunks(session, stmt, size=2))
    put(edb, [("a", "completed", "2019-06", 100), ("a", "evaluated", "2019-06", 60), ("b", "completed", "2019-05", 7),
              ("a", "completed", "2019-07", 5), ("a", "days", "2019-05", 9), ("c", "completed", "2019-06", 1)])
    put(edb, [("a", "evaluated", "2019-06", 61)])  # revision 7 supersedes revision 2
    frame = used.values_with_revisions(session=edb, units=["a", "b"], end=2019 * 12 + 5)
    assert list(frame.columns) == used.USED_COLUMNS
    assert frame[["unit", "metric", "period", "value", "revision", "file"]].values.tolist() == [
        ["a", "completed", "2019-06", 100.0, 1, "t.csv"], ["a", "days", "2019-05", 9.0, 5, "t.csv"],
        ["a", "evaluated", "2019-06", 61.0, 7, "t.csv"], ["b", "completed", "2019-05", 7.0, 3, "t.csv"]]
    assert frame["metric"].iloc[0] is frame["metric"].iloc[3]  # "completed", read in different chunks: kept once
    assert frame["stored_at"].notna().all()
    empty = used.values_with_revisions(session=edb, units=["nobody"], end=2019 * 12 + 5)
    assert empty.empty and list(empty.columns) == used.USED_COLUMNS


@pytest.mark.parametrize("whole_from", [300, 1])
def test_the_values_used_are_put_in_order_of_unit_metric_period_end_and_period(edb: Session, whole_from: int,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored out of order, read without an order: unit, metric, then the period's end (June 2018 before the
    year 2018, the first quarter before April, though their codes sort the other way), then the period's code
    (a month before the quarter ending with it); the same when the statement names no unit and the rows of
    other units are dropped here (`whole_from` 1)."""
    monkeypatch.setattr(used, "KEYS_WHOLE_FROM", whole_from)
    put(edb, [("b", "completed", "2019-05", 7), ("a", "evaluated", "2019Q2", 3), ("a", "evaluated", "2019-06", 2),
              ("a", "evaluated", "2019-04", 1), ("a", "completed", "2018", 9), ("c", "completed", "2019-01", 4),
              ("a", "completed", "2018-06", 8), ("a", "evaluated", "2019Q1", 6)])
    frame = used.values_with_revisions(session=edb, units=["b", "a"], end=2019 * 12 + 5)
    assert frame[["unit", "metric", "period", "value", "revision"]].values.tolist() == [
        ["a", "completed", "2018-06", 8.0, 7], ["a", "completed", "2018", 9.0, 5],
        ["a", "evaluated", "2019Q1", 6.0, 8], ["a", "evaluated", "2019-04", 1.0, 4],
        ["a", "evaluated", "2019-06", 2.0, 3], ["a", "evaluated", "2019Q2", 3.0, 2],
        ["b", "completed", "2019-05", 7.0, 1]]
    assert frame["file"].tolist() == ["t.csv"] * 7 and str(frame["value"].dtype) == "float64"


def test_times_read_as_timestamps_stay_as_read(edb: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL gives each stored time as a datetime: kept as Python objects (pandas, left to infer them,
    turned a city's 1.4 million into its own type, 7 s), text columns as text, numbers as numbers."""
    import datetime as dt

    at = dt.datetime(2019, 7, 3, 1, 0, tzinfo=dt.UTC)
    rows = [("a", "completed", "2019-06", 5.0, 2, at, 1, 2019 * 12 + 5),
            ("a", "accepted", "2019-06", None, 1, at, 1, 2019 * 12 + 5)]
    monkeypatch.setattr(used, "driver_chunks", lambda session, stmt: iter([rows]))
    frame = used.values_with_revisions(session=edb, units=["a"], end=2019 * 12 + 5)
    assert [str(t) for t in frame.dtypes] == ["object"] * 3 + ["float64", "int64"] + ["object"] * 2
    assert frame["stored_at"].tolist() == [at, at] and frame["metric"].tolist() == ["accepted", "completed"]
    assert frame["value"].isna().tolist() == [True, False]


@pytest.mark.parametrize("whole_from", [300, 1])
def test_postgresql_sends_the_values_used_by_copy_and_they_are_the_rows_exactly(
        any_engine: Engine, tmp_path: Path, whole_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the values used come by COPY as CSV (`copied_frame`): the same frame as the rows read on the
    cursor, bit for bit — a sum that is not a short decimal, minus zero, a tiny and a long number, a value not
    reported, a year's period code that looks like a number, a unit coded "null" (a missing value to pandas unless
    told) — whatever the server's float digits, date style and time zone are set to, and the units not asked for
    left out when the statement names none (`whole_from` 1); on SQLite there is no COPY and the rows are read."""
    import math

    from sqlalchemy import text

    from tests.engine.test_engine import TARGETS, UNITS
    from tests.helpers import register_of
    from tracker.storage.driver import copied_frame
    from tracker.wording.tables import local_time

    monkeypatch.setattr(used, "KEYS_WHOLE_FROM", whole_from)
    reg = register_of(tmp_path, TARGETS, UNITS + '  - {code: "null", name_zh: 空街, name_en: N, type: street, '
                                                 'parent: district}\n')
    numbers = [0.1 + 0.2, -0.0, 1e-7, 123456789.123456789, None, 2018.0]
    with synced(any_engine, reg) as s:
        put(s, [("a", "completed", "2019-06", numbers[0]), ("a", "days", "2019-05", numbers[1]),
                ("a", "evaluated", "2019-06", numbers[2]), ("b", "completed", "2019-05", numbers[3]),
                ("b", "evaluated", "2019-05", numbers[4]), ("null", "completed", "2018", numbers[5]),
                ("c", "completed", "2019-05", 4.0)])  # type: ignore[list-item]
        postgres = any_engine.dialect.name == "postgresql"
        if postgres:  # a server set up otherwise than the defaults: this transaction's COPY is not
            s.execute(text("SET extra_float_digits = 0; SET DateStyle = 'SQL, DMY'; SET TimeZone = 'Asia/Shanghai'"))
        stmt = select(used.VALUE_TABLE.c.value).where(used.VALUE_TABLE.c.is_current)
        assert (copied_frame(s, stmt, {"value": float}) is not None) == postgres
        copied = used.values_with_revisions(session=s, units=["a", "b", "null"], end=2019 * 12 + 5)
        if postgres:  # the copy's own settings ended with it: the rest of the transaction keeps the caller's
            assert s.execute(text("SHOW extra_float_digits")).scalar_one() == "0"
            assert s.execute(text("SHOW TimeZone")).scalar_one() == "Asia/Shanghai"
            odd = select(text("x")).select_from(text("(VALUES ('NaN'::float8), ('Infinity'), ('-Infinity'), "
                                                     "(NULL)) AS t(x)"))
            frame = copied_frame(s, odd, {"x": float})
            assert frame is not None and [str(v) for v in frame["x"]] == ["nan", "inf", "-inf", "nan"]
        monkeypatch.setattr(used, "_copied", lambda *a: None)
        read = used.values_with_revisions(session=s, units=["a", "b", "null"], end=2019 * 12 + 5)
    for frame in (copied, read):
        assert frame["unit"].tolist() == ["a", "a", "a", "b", "b", "null"]  # c not asked for
        assert frame["period"].tolist() == ["2019-06", "2019-05", "2019-06", "2019-05", "2019-05", "2018"]
        stored = numbers if postgres else [0.0 if n == 0 else n for n in numbers]  # SQLite keeps -0.0 as 0
        assert [None if v != v else (v, math.copysign(1, v)) for v in frame["value"].tolist()] == [
            None if n is None else (n, math.copysign(1, n)) for n in stored]
        assert {local_time(t) for t in frame["stored_at"]} == {local_time(read["stored_at"].iloc[0])}
    pd.testing.assert_frame_equal(copied.drop(columns="stored_at"), read.drop(columns="stored_at"))
