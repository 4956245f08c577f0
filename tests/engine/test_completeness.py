"""Who has reported: counts for a fixture checked against hand counts, each test run both ways — from the days kept
per unit (`received_day`) and from the first-received times key by key."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.helpers import synced
from tracker.core.clock import LOCAL_TZ
from tracker.core.periods import parse_period
from tracker.engine.completeness import completeness, due_month
from tracker.register import Register
from tracker.storage.values import append_revisions, new_submission, revision_row

JUNE = parse_period("2019-06")
STREET_METRICS = ["accepted", "accepted_public", "completed", "completed_on_time", "completed_early", "visitors",
                  "evaluated", "satisfied", "bad_reviews", "bad_reviews_rectified",
                  "cases_hall", "rated_hall", "cases_online", "rated_online"]


@pytest.fixture(autouse=True, params=["kept days", "keys"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test once reading the days kept per period and unit, once the first-received times key by key."""
    from tracker.engine import completeness as module

    if request.param == "keys":
        monkeypatch.setattr(module, "_received", module._received_by_key)
    return str(request.param)


def submit(db: Session, unit: str, metrics: list[str], at: dt.datetime, value: float | None = 1.0) -> None:
    sub = new_submission(session=db, user="u", file_name=f"{unit}.xlsx", sha256="0" * 64, created_at=at)
    from sqlalchemy import select

    from tracker.storage.models import ValueRevision as V

    current = [i for i, m in db.execute(select(V.id, V.metric_code).where(  # type: ignore[call-overload]
        V.is_current, V.unit_code == unit, V.period == JUNE.code)).all() if m in metrics]
    append_revisions(session=db, rows=[revision_row(unit=unit, metric=m, period=JUNE, value=value,
                                                    submission_id=sub.id or 0) for m in metrics], supersede=current)
    db.commit()


@pytest.fixture
def fixture_db(db: Session) -> Session:
    submit(db, "street_chigang", STREET_METRICS, dt.datetime(2019, 7, 3, 9, 0, tzinfo=LOCAL_TZ))
    submit(db, "street_chigang", ["accepted"], dt.datetime(2019, 7, 20, 9, 0, tzinfo=LOCAL_TZ), 2.0)  # a correction
    submit(db, "street_nanhuaxi", STREET_METRICS[:4], dt.datetime(2019, 7, 8, 9, 0, tzinfo=LOCAL_TZ))
    submit(db, "street_binjiang", ["accepted"], dt.datetime(2019, 7, 1, 9, 0, tzinfo=LOCAL_TZ), None)  # ——
    # 23:30 on the deadline day in Guangzhou is 15:30 UTC: still on time.
    submit(db, "office", ["hotline_accepted"], dt.datetime(2019, 7, 5, 15, 30, tzinfo=dt.UTC))
    return db


def test_district_rates_from_hand_counts(fixture_db: Session, register: Register) -> None:
    report = completeness(session=fixture_db, register=register, period="2019-06")
    # expected monthly values, the four 好差评 channel figures included: office 8 + 4, centre 1 + 4 case totals + 4,
    # branch 12 + 4, 10 halls × (12 + 4), 18 streets × (10 + 4), 24 departments × 11
    assert report.expected == 12 + 9 + 16 + 160 + 252 + 264 == 713
    assert (report.received, report.on_time) == (14 + 4 + 1, 14 + 1)
    assert report.reporting_rate == pytest.approx(19 / 713 * 100)
    assert report.on_time_rate == pytest.approx(15 / 713 * 100)
    assert report.deadline == dt.date(2019, 7, 5)


def test_per_unit_counts_and_missing_units(fixture_db: Session, register: Register) -> None:
    report = completeness(session=fixture_db, register=register, period="2019-06")
    t = report.units.set_index("unit")
    cols = ["expected", "received", "on_time", "late", "missing", "status"]
    assert t.loc["street_chigang", cols].tolist() == [14, 14, 14, 0, 0, "complete"]
    assert t.loc["street_nanhuaxi", cols].tolist() == [14, 4, 0, 4, 10, "partial"]
    assert t.loc["street_binjiang", cols].tolist() == [14, 0, 0, 0, 14, "missing"]
    assert t.loc["office", cols].tolist() == [12, 1, 1, 0, 11, "partial"]
    assert t.loc["centre", cols].tolist() == [9, 0, 0, 0, 9, "missing"]
    missing = report.missing_units()
    assert "street_chigang" not in missing and "street_binjiang" in missing and "dept_stats" in missing
    assert len(missing) == len(report.units) - 1


def test_quarterly_period_expects_quarterly_metrics(db: Session, register: Register) -> None:
    report = completeness(session=db, register=register, period="2019Q2")
    # departments: service items, one-visit, zero-visit, permit items, fully online, 3 × (baseline, removed),
    # certificates total and digitised = 13 quarterly stocks each; the office: resources total and shared = 2
    assert report.expected == 24 * 13 + 2


def test_on_time_is_judged_on_the_date_in_china(any_engine: Engine, register: Register) -> None:
    """A deliberate fault the tests missed: judging on the UTC date. 16:30 UTC on 5 July is 00:30 on 6 July in
    Guangzhou — after the deadline day (the 5th), so late, though the UTC date is still the 5th. On both databases:
    SQLite keeps the time as text, PostgreSQL as a timestamp."""
    with synced(any_engine, register) as db:
        submit(db, "street_chigang", ["accepted"], dt.datetime(2019, 7, 5, 16, 30, tzinfo=dt.UTC))
        submit(db, "street_xingang", ["accepted"], dt.datetime(2019, 7, 5, 15, 59, tzinfo=dt.UTC))  # 23:59 on the 5th
        t = completeness(session=db, register=register, period="2019-06").units.set_index("unit")
    assert t.loc["street_chigang", ["received", "on_time", "late"]].tolist() == [1, 0, 1]
    assert t.loc["street_xingang", ["received", "on_time", "late"]].tolist() == [1, 1, 0]


def test_late_units_are_those_with_a_value_first_received_after_the_deadline(fixture_db: Session,
                                                                             register: Register) -> None:
    report = completeness(session=fixture_db, register=register, period="2019-06")
    # 南华西街 first sent on 8 July (deadline: the 5th); 赤岗街 on the 3rd (its correction of the 20th does not
    # make it late); 滨江街 sent only a blank; the rest sent nothing
    assert report.late_units() == ["street_nanhuaxi"]


@pytest.mark.parametrize(("plan", "today", "due"), [
    ("15", dt.date(2026, 12, 1), "2026-11"),   # the month before today's
    ("15", dt.date(2027, 1, 15), "2026-12"),   # January: December of the year before
    ("13", dt.date(2026, 12, 1), "2020-12"),   # after the plan: its last month
    ("13", dt.date(2015, 3, 10), "2016-01"),   # before the plan: its first month
    ("13", dt.date(2016, 2, 29), "2016-01"),
])
def test_the_month_being_reported_is_the_last_ended_within_the_plan(register: Register, plan: str, today: dt.date,
                                                                    due: str) -> None:
    assert due_month(register.for_plan(plan), today).code == due


def test_one_missing_or_late_value_makes_a_unit_missing_or_late_and_a_period_may_be_given_as_such(db: Session,
                                                                               register: Register) -> None:
    submit(db, "street_xingang", STREET_METRICS[:-1], dt.datetime(2019, 7, 2, 9, 0, tzinfo=LOCAL_TZ))  # 13 of 14
    submit(db, "street_chigang", STREET_METRICS, dt.datetime(2019, 7, 2, 9, 0, tzinfo=LOCAL_TZ))
    submit(db, "street_huazhou", ["accepted"], dt.datetime(2019, 7, 8, 9, 0, tzinfo=LOCAL_TZ))  # one value, late
    report = completeness(session=db, register=register, period=JUNE)  # a Period, not its code
    assert report.units.set_index("unit").loc["street_xingang", "missing"] == 1
    assert "street_xingang" in report.missing_units() and "street_chigang" not in report.missing_units()
    assert report.late_units() == ["street_huazhou"]  # one late value is late


def test_several_periods_at_once_count_each_on_its_own_and_name_what_is_missing(fixture_db: Session,
                                                                                 register: Register) -> None:
    """One read for a month, the month before and the quarter: each period counts only its own values; a value of a
    metric the unit's type does not owe, or of a unit that reports nothing (the district), counts nowhere; a
    partial unit lists what it lacks in the register's order."""
    from tracker.engine.completeness import completeness_of

    submit(fixture_db, "street_chigang", ["hotline_accepted"], dt.datetime(2019, 7, 2, 9, 0, tzinfo=LOCAL_TZ))
    submit(fixture_db, "haizhu", ["accepted"], dt.datetime(2019, 7, 2, 9, 0, tzinfo=LOCAL_TZ))  # owes nothing
    june, may, quarter, again = completeness_of(session=fixture_db, register=register,
                                                periods=[JUNE, parse_period("2019-05"), parse_period("2019Q2"), JUNE])
    assert (again.received, again.on_time, again.units["unit"].tolist()) == (
        june.received, june.on_time, june.units["unit"].tolist())  # a period asked twice counts the same twice
    t = june.units.set_index("unit")
    assert t.loc["street_chigang", ["expected", "received", "status"]].tolist() == [14, 14, "complete"]
    assert t.loc["street_chigang", "missing_metrics"] == []
    assert t.loc["street_nanhuaxi", "missing_metrics"] == STREET_METRICS[4:]  # it sent the first four
    assert t.loc["street_binjiang", "missing_metrics"] == STREET_METRICS  # a blank is not a report
    assert (june.received, june.on_time) == (14 + 4 + 1, 14 + 1)
    assert (may.received, quarter.received) == (0, 0)
    assert may.expected == june.expected == 713 and quarter.expected == 24 * 13 + 2
    assert may.deadline == dt.date(2019, 6, 5) and quarter.deadline == dt.date(2019, 7, 5)


def test_values_of_a_unit_not_in_the_register_count_for_no_unit(fixture_db: Session, register: Register) -> None:
    """A unit since removed from the register (its values kept) owes nothing and lends its values to no unit:
    every unit's counts and the district's are the same with and without them."""
    from tracker.storage.models import UnitRow

    assert "street_gone" not in register.units
    before = completeness(session=fixture_db, register=register, period="2019-06")
    fixture_db.add(UnitRow(code="street_gone", name_zh="已撤销街道", name_en="Gone", type="street",
                           parent="district"))  # as an older register's sync left it: no unit row is deleted
    submit(fixture_db, "street_gone", STREET_METRICS, dt.datetime(2019, 7, 3, 9, 0, tzinfo=LOCAL_TZ))
    after = completeness(session=fixture_db, register=register, period="2019-06")
    assert (after.expected, after.received, after.on_time) == (713, 19, 15)
    assert after.units.drop(columns="missing_metrics").equals(before.units.drop(columns="missing_metrics"))
    assert after.units["missing_metrics"].tolist() == before.units["missing_metrics"].tolist()


def test_received_values_read_in_chunks_count_the_same(fixture_db: Session, register: Register,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Read two rows at a time — a time seen in one chunk and again in the next, the deadline's edge in China
    time — the counts, the late and missing units and the missing metrics are those of one read."""
    from tracker.engine import completeness as module

    whole = completeness(session=fixture_db, register=register, period="2019-06")
    monkeypatch.setattr(module, "CHUNK", 2)
    chunked = completeness(session=fixture_db, register=register, period="2019-06")
    assert (chunked.expected, chunked.received, chunked.on_time) == (713, 19, 15)
    assert chunked.units.drop(columns="missing_metrics").equals(whole.units.drop(columns="missing_metrics"))
    assert chunked.units["missing_metrics"].tolist() == whole.units["missing_metrics"].tolist()
    assert chunked.late_units() == whole.late_units() == ["street_nanhuaxi"]  # first stored on 8 July


def test_each_value_takes_the_day_of_its_own_time_when_times_interleave(db: Session, register: Register) -> None:
    """Three units, two values each, stored at three times, read in key order (office, then the streets by
    code): each value's day is its own time's — 赤岗 late on 10 July though the times read after it are on time."""
    submit(db, "office", ["hotline_accepted", "hotline_completed"], dt.datetime(2019, 7, 1, 9, 0, tzinfo=LOCAL_TZ))
    submit(db, "street_nanhuaxi", ["accepted", "completed"], dt.datetime(2019, 7, 2, 9, 0, tzinfo=LOCAL_TZ))
    submit(db, "street_chigang", ["accepted", "completed"], dt.datetime(2019, 7, 10, 9, 0, tzinfo=LOCAL_TZ))
    report = completeness(session=db, register=register, period="2019-06")
    assert (report.received, report.on_time) == (6, 4)
    assert report.late_units() == ["street_chigang"]


def test_the_demo_counts_the_same_from_the_kept_days_as_key_by_key(demo_db: Session, register: Register) -> None:
    """Every month and quarter of the demo's plan, read once from the days kept per unit and once key by key."""
    from tracker.engine.completeness import completeness_of
    from tracker.storage.received_days import differences

    compared, differ = differences(demo_db)
    assert compared > 0 and differ == 0
    periods = [parse_period(f"{y}-{m:02d}") for y in range(2016, 2021) for m in range(1, 13)]
    periods += [parse_period(f"{y}Q{q}") for y in range(2016, 2021) for q in range(1, 5)]
    kept = completeness_of(session=demo_db, register=register, periods=periods)
    keys = completeness_of(session=demo_db, register=register, periods=periods, kept=False)
    assert sum(c.received for c in kept) > 0 and sum(c.received - c.on_time for c in kept) > 0  # late ones too
    for a, b in zip(kept, keys, strict=True):
        assert (a.period, a.expected, a.received, a.on_time) == (b.period, b.expected, b.received, b.on_time)
        assert a.units.equals(b.units)
