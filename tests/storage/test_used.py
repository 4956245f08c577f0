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
