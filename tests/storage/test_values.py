"""Storage on SQLite and (when TRACKER_TEST_POSTGRES_URL is set) a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine, select, text

import tracker.storage.driver as driver
from tracker.core.periods import parse_period
from tracker.engine.completeness import received_query
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import (
    VALUE_TABLE,
    append_revisions,
    count_values,
    current_values,
    driver_chunks,
    driver_rows,
    latest_period_end,
    new_submission,
    recent_submissions,
    revision_row,
    stored_history,
    stored_index,
    value_history,
)


def test_register_sync_is_idempotent(any_engine: Engine, register: Register) -> None:
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sync_register(session=s, register=register)
        s.commit()
        units = s.execute(text("select count(*) from unit")).scalar_one()
        metrics = s.execute(text("select count(*) from metric")).scalar_one()
    assert (units, metrics) == (len(register.units), len(register.metrics))


def test_revisions_keep_history_and_current_value(any_engine: Engine, register: Register) -> None:
    p = parse_period("2019-06")
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        first = new_submission(session=s, user="王芳", file_name="六月.xlsx", sha256="a" * 64)
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted", period=p,
                                                       value=4471, submission_id=first.id or 0)])
        s.commit()
        old_id = s.execute(text("select id from value_revision")).scalar_one()
        second = new_submission(session=s, user="李明", file_name="六月更正.xlsx", sha256="b" * 64)
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted", period=p,
                                                       value=4500, submission_id=second.id or 0)],
                         supersede=[old_id])
        s.commit()
        current = current_values(session=s, metrics=["accepted"])
        history = value_history(session=s, unit="street_chigang", metric="accepted", period="2019-06")
        assert count_values(session=s) == 1
    assert current["value"].tolist() == [4500.0]
    assert history["value"].tolist() == [4500.0, 4471.0]
    assert history["user"].tolist() == ["李明", "王芳"]
    assert history["file_name"].tolist() == ["六月更正.xlsx", "六月.xlsx"]
    assert history["current"].tolist() == [True, False]


def test_missing_value_is_stored_as_null_not_zero(any_engine: Engine, register: Register) -> None:
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="u", file_name="f.csv", sha256="c" * 64)
        append_revisions(session=s, rows=[revision_row(unit="dept_edu", metric="evaluated",
                                                       period=parse_period("2019-06"), value=None,
                                                       submission_id=sub.id or 0)])
        s.commit()
        assert current_values(session=s)["value"].isna().tolist() == [True]


def test_index_and_history_read_current_values_only(any_engine: Engine, register: Register) -> None:
    may, june = parse_period("2019-05"), parse_period("2019-06")
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sid = new_submission(session=s, user="u", file_name="f.csv", sha256="d" * 64).id or 0
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric="accepted", period=may, value=4000, submission_id=sid),
            revision_row(unit="street_chigang", metric="accepted", period=june, value=4471, submission_id=sid),
            revision_row(unit="street_chigang", metric="completed", period=june, value=None, submission_id=sid),
            revision_row(unit="street_huazhou", metric="accepted", period=june, value=3000, submission_id=sid),
            revision_row(unit="dept_edu", metric="evaluated", period=june, value=10, submission_id=sid)])
        s.commit()
        old = s.execute(text("select id from value_revision where value = 4471")).scalar_one()
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted", period=june,
                                                       value=4500, submission_id=sid)], supersede=[old])
        s.commit()
        new = s.execute(text("select id from value_revision where value = 4500")).scalar_one()
        blank = s.execute(text("select id from value_revision where value is null")).scalar_one()
        index = stored_index(session=s, units=["street_chigang"], metrics=["accepted", "completed"],
                             start=june.end, end=june.end)
        history = stored_history(session=s, units=["street_chigang", "street_huazhou"],
                                 metrics=["accepted", "completed"], start=may.end, end=june.end)
    # the superseded 4471, the other unit, the other metric and May fall outside the index
    assert index == {("street_chigang", "accepted", "2019-06"): (new, 4500.0, None),
                     ("street_chigang", "completed", "2019-06"): (blank, None, None)}
    # history: current, non-missing values only
    assert sorted(history) == [("street_chigang", "accepted", "month", may.end, 4000.0),
                               ("street_chigang", "accepted", "month", june.end, 4500.0),
                               ("street_huazhou", "accepted", "month", june.end, 3000.0)]


def test_sqlite_pragmas(engine: Engine) -> None:
    with engine.connect() as c:
        assert c.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert c.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert c.execute(text("PRAGMA busy_timeout")).scalar_one() == 120000


def test_a_correction_of_more_than_500_stored_values_supersedes_every_one(any_engine: Engine,
                                                                         register: Register) -> None:
    """A deliberate fault the tests missed: superseding in batches of 499 (a correction of 500 or more stored
    values then failed on the one-current-value index). 1,201 values: three batches, the last of one."""
    months = [parse_period(f"{y}-{m:02d}") for y in range(2016, 2021) for m in range(1, 13)]
    keys = [(u.code, p) for u in register.reporting_units() for p in months][:1201]
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        first = new_submission(session=s, user="u", file_name="a.xlsx", sha256="a" * 64)
        append_revisions(session=s, rows=[revision_row(unit=u, metric="accepted", period=p, value=1,
                                                       submission_id=first.id or 0) for u, p in keys])
        s.commit()
        ids = [i for (i,) in s.execute(text("select id from value_revision where is_current order by id"))]
        again = new_submission(session=s, user="u", file_name="b.xlsx", sha256="b" * 64)
        append_revisions(session=s, rows=[revision_row(unit=u, metric="accepted", period=p, value=2,
                                                       submission_id=again.id or 0) for u, p in keys], supersede=ids)
        s.commit()
        current = s.execute(text("select value, count(*) from value_revision where is_current group by value")).all()
    assert [tuple(r) for r in current] == [(2.0, 1201)]


def test_recent_submissions_are_the_newest_holding_values_each_counted_once(any_engine: Engine,
                                                                           register: Register) -> None:
    june, july = parse_period("2019-06"), parse_period("2019-07")
    at = [dt.datetime(2019, 7, d, 9, tzinfo=dt.UTC) for d in (1, 2, 3, 4)]
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        # ids in order of saving; c was saved last but dated before b (its time decides), d and e at the same
        # second with the same name (both kept, the later id first)
        a = new_submission(session=s, user="王芳", file_name="a.xlsx", sha256="a" * 64, created_at=at[0],
                           values_new=2, values_changed=0)
        b = new_submission(session=s, user="李明", file_name="b.xlsx", sha256="b" * 64, created_at=at[2],
                           values_new=1, values_changed=1)
        c = new_submission(session=s, user="王芳", file_name="c.xlsx", sha256="c" * 64, created_at=at[1],
                           values_new=1, values_changed=0)
        new_submission(session=s, user="李明", file_name="empty.xlsx", sha256="d" * 64, created_at=at[3])  # no values
        d = new_submission(session=s, user="赵强", file_name="d.xlsx", sha256="e" * 64, created_at=at[3])
        e = new_submission(session=s, user="赵强", file_name="d.xlsx", sha256="e" * 64, created_at=at[3])
        rows = [("street_chigang", "accepted", june, a), ("street_chigang", "completed", june, a),  # a: 1 unit
                ("street_chigang", "accepted", july, b), ("street_xingang", "accepted", july, b),   # b: 2 units
                ("street_xingang", "completed", july, c),                                           # c: 1 unit
                ("street_huazhou", "accepted", july, d), ("street_huazhou", "completed", july, e)]
        append_revisions(session=s, rows=[revision_row(unit=u, metric=m, period=p, value=1, submission_id=x.id or 0)
                                          for u, m, p, x in rows])
        s.commit()
        every = recent_submissions(session=s)
        three = recent_submissions(session=s, limit=3)  # the empty file holds no values: not among them
        one = recent_submissions(session=s, limit=1)  # d and e tie on time: the later id
        chigang = recent_submissions(session=s, unit="street_chigang")
    utc = [pd.Timestamp(x).tz_convert(None) if pd.Timestamp(x).tzinfo else pd.Timestamp(x) for x in every["created_at"]]
    assert every.drop(columns="created_at").values.tolist() == [
        [e.id, "赵强", "d.xlsx", 0, 0, 1, "street_huazhou"], [d.id, "赵强", "d.xlsx", 0, 0, 1, "street_huazhou"],
        [b.id, "李明", "b.xlsx", 1, 1, 2, "street_chigang"], [c.id, "王芳", "c.xlsx", 1, 0, 1, "street_xingang"],
        [a.id, "王芳", "a.xlsx", 2, 0, 1, "street_chigang"]]
    assert utc == [pd.Timestamp(x.replace(tzinfo=None)) for x in (at[3], at[3], at[2], at[1], at[0])]
    assert three["id"].tolist() == [e.id, d.id, b.id] and one["id"].tolist() == [e.id]
    assert chigang["file_name"].tolist() == ["b.xlsx", "a.xlsx"]  # newest first, only those touching 赤岗街
    assert list(every.columns) == ["id", "user", "created_at", "file_name", "values_new", "values_changed", "units",
                                   "unit"]


def test_current_values_and_one_values_history_carry_every_column(any_engine: Engine, register: Register) -> None:
    may, june = parse_period("2019-05"), parse_period("2019-06")
    t1, t2 = dt.datetime(2019, 7, 1, 9, tzinfo=dt.UTC), dt.datetime(2019, 7, 5, 9, tzinfo=dt.UTC)
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        a = new_submission(session=s, user="王芳", file_name="六月.xlsx", sha256="a" * 64).id or 0
        b = new_submission(session=s, user="李明", file_name="更正.xlsx", sha256="b" * 64).id or 0
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric="accepted", period=may, value=4000, submission_id=a),
            revision_row(unit="street_chigang", metric="accepted", period=june, value=4471, submission_id=a,
                         note="首报", flags="jump", created_at=t1)])
        s.commit()
        first = s.execute(text("select id from value_revision where value = 4471")).scalar_one()
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted", period=june,
                                                       value=4500, submission_id=b, note="更正", flags="outlier",
                                                       created_at=t2)],
                         supersede=[first])
        s.commit()
        second = s.execute(text("select id from value_revision where value = 4500")).scalar_one()
        june_on = current_values(session=s, start=june.end)  # periods ending in June or later: May's is not
        history = value_history(session=s, unit="street_chigang", metric="accepted", period="2019-06")
    assert june_on.to_dict("records") == [{
        "unit": "street_chigang", "metric": "accepted", "period": "2019-06", "kind": "month", "start": june.start,
        "end": june.end, "value": 4500.0, "flags": "outlier", "note": "更正", "submission_id": b}]
    # June's two revisions only (not May's), newest first, each with its own submission's who and file
    assert [(r["revision"], r["value"], r["note"], r["flags"], r["current"], r["user"], r["file_name"], r["sha256"])
            for r in history.to_dict("records")] == [
        (second, 4500.0, "更正", "outlier", True, "李明", "更正.xlsx", "b" * 64),
        (first, 4471.0, "首报", "jump", False, "王芳", "六月.xlsx", "a" * 64)]
    utc = [pd.Timestamp(x).tz_convert(None) if pd.Timestamp(x).tzinfo else pd.Timestamp(x) for x in history["stored_at"]]
    assert utc == [pd.Timestamp(2019, 7, 5, 9), pd.Timestamp(2019, 7, 1, 9)]  # when each was stored (UTC)


def test_the_latest_month_is_the_latest_current_values(any_engine: Engine, register: Register) -> None:
    may, june, july = (parse_period(p) for p in ("2019-05", "2019-06", "2019-07"))
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        assert latest_period_end(session=s) is None  # nothing stored
        sid = new_submission(session=s, user="u", file_name="f.csv", sha256="e" * 64).id or 0
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted", period=p, value=1,
                                                       submission_id=sid) for p in (may, june, july)])
        s.commit()
        assert latest_period_end(session=s) == july.end
        s.execute(text("update value_revision set is_current = :no where period = '2019-07'"), {"no": False})
        s.commit()  # July's value no longer current (as after an undone import): June is the latest
        assert latest_period_end(session=s) == june.end


def test_stored_history_and_current_values_keep_to_their_metrics_and_both_bounds(any_engine: Engine,
                                                                                 register: Register) -> None:
    april, may, june, july = (parse_period(p) for p in ("2019-04", "2019-05", "2019-06", "2019-07"))
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sid = new_submission(session=s, user="u", file_name="f.csv", sha256="f" * 64).id or 0
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric=m, period=p, value=v, submission_id=sid)
            for p, v in ((april, 1), (may, 2), (june, 3), (july, 4)) for m in ("accepted", "completed")])
        s.commit()
        history = stored_history(session=s, units=["street_chigang"], metrics=["accepted"], start=may.end,
                                 end=june.end)
        upto = current_values(session=s, metrics=["completed"], end=june.end)
    # May and June only (both bounds included), 受理量 only
    assert sorted(history) == [("street_chigang", "accepted", "month", may.end, 2.0),
                               ("street_chigang", "accepted", "month", june.end, 3.0)]
    assert upto["period"].tolist() == ["2019-04", "2019-05", "2019-06"]  # June's end included, July's not


def test_the_stored_index_holds_current_values_of_its_metrics_ending_within_its_bounds(
        any_engine: Engine, register: Register) -> None:
    may, june, july = (parse_period(p) for p in ("2019-05", "2019-06", "2019-07"))
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sid = new_submission(session=s, user="u", file_name="f.csv", sha256="9" * 64).id or 0
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric=m, period=p, value=v, submission_id=sid)
            for p, v in ((may, 1), (june, 2), (july, 3)) for m in ("accepted", "completed")])
        s.commit()
        old = s.execute(text("select id from value_revision where metric_code = 'accepted' and period = '2019-06'"))
        append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted", period=june,
                                                       value=20, submission_id=sid)], supersede=[old.scalar_one()])
        s.commit()
        index = stored_index(session=s, units=["street_chigang"], metrics=["accepted"], start=may.end, end=june.end)
        s.execute(text("update value_revision set is_current = :no where period = '2019-05'"), {"no": False})
        s.commit()  # May's value no longer current (as after an undone import): no longer in the index
        after = stored_index(session=s, units=["street_chigang"], metrics=["accepted"], start=may.end, end=june.end)
    # 受理量 only, May and June only, June's current value (20) only
    assert {k: v[1] for k, v in index.items()} == {("street_chigang", "accepted", "2019-05"): 1.0,
                                                   ("street_chigang", "accepted", "2019-06"): 20.0}
    assert {k: v[1] for k, v in after.items()} == {("street_chigang", "accepted", "2019-06"): 20.0}


def test_the_revision_history_lists_the_50_newest_by_default(any_engine: Engine, register: Register) -> None:
    at = dt.datetime(2019, 7, 1, 9, tzinfo=dt.UTC)
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        ids = []
        for i in range(51):  # 51 files, one a minute, each with June of its own year
            sub = new_submission(session=s, user="u", file_name=f"{i}.csv", sha256="0" * 64,
                                 created_at=at + dt.timedelta(minutes=i))
            append_revisions(session=s, rows=[revision_row(unit="street_chigang", metric="accepted",
                                                           period=parse_period(f"{2000 + i}-06"), value=i,
                                                           submission_id=sub.id or 0)])
            ids.append(sub.id)
        s.commit()
        shown = recent_submissions(session=s)
        newest = recent_submissions(session=s, limit=1)
    assert shown["id"].tolist() == ids[::-1][:50]  # the first file, the oldest, is left out
    assert newest["id"].tolist() == [ids[-1]]


def test_rows_read_on_the_drivers_cursor_are_the_same_whatever_format_they_travel_in(
        any_engine: Engine, register: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL sends the rows in its binary format (`driver._cursor`): numbers, a blank, text, booleans and
    stored times come out as the text format gives them."""
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="王芳", file_name="六月.xlsx", sha256="d" * 64)
        append_revisions(session=s, rows=[
            revision_row(unit="street_chigang", metric="accepted", period=parse_period("2019-06"), value=4471.25,
                         submission_id=sub.id or 0, note="含 3 件补录"),
            revision_row(unit="dept_edu", metric="evaluated", period=parse_period("2019-Q2"), value=None,
                         submission_id=sub.id or 0)])
        s.commit()
        v = VALUE_TABLE.c
        stmt = select(v.unit_code, v.period, v.period_end, v.value, v.note, v.is_current, v.created_at,
                      v.submission_id).order_by(v.unit_code)
        binary = driver_rows(s, stmt)
        assert [(*r[:5], bool(r[5])) for r in binary] == [  # SQLite keeps a boolean as 1
            ("dept_edu", "2019Q2", 2019 * 12 + 5, None, None, True),
            ("street_chigang", "2019-06", 2019 * 12 + 5, 4471.25, "含 3 件补录", True)]
        assert [list(rows) for rows in driver_chunks(s, stmt, size=1)] == [[binary[0]], [binary[1]]]
        if s.connection().dialect.name == "postgresql":
            from psycopg.pq import Format

            assert driver._cursor(s).format == Format.BINARY
        times = received_query([parse_period("2019-06"), parse_period("2019-Q2")], ["accepted", "evaluated"])
        received_binary = driver_rows(s, times)  # 报送情况's first-received times (a time zone on PostgreSQL)
        assert len(received_binary) == 1  # the blank is not a value received
        monkeypatch.setattr(driver, "BINARY_ROWS", False)
        assert driver_rows(s, stmt) == binary  # the stored times too, to the microsecond and their zone
        assert driver_rows(s, times) == received_binary
