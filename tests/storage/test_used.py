"""The values a document used, read in chunks: the same rows in key order, their repeated texts kept once."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tests.engine.test_engine import put
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
