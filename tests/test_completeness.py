"""Who has reported: counts for a fixture checked against hand counts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from tracker.completeness import completeness
from tracker.periods import LOCAL_TZ, parse_period
from tracker.register import Register
from tracker.store import append_revisions, new_submission, revision_row

JUNE = parse_period("2019-06")
STREET_METRICS = ["accepted", "accepted_public", "completed", "completed_on_time", "completed_early", "visitors",
                  "evaluated", "satisfied", "bad_reviews", "bad_reviews_rectified",
                  "cases_hall", "rated_hall", "cases_online", "rated_online"]


def submit(db: Session, unit: str, metrics: list[str], at: dt.datetime, value: float | None = 1.0) -> None:
    sub = new_submission(session=db, user="u", file_name=f"{unit}.xlsx", sha256="0" * 64, created_at=at)
    from sqlalchemy import select

    from tracker.models import ValueRevision as V

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


def test_summary_table_and_missing_wording(fixture_db: Session, register: Register) -> None:
    report = completeness(session=fixture_db, register=register, period="2019-06")
    assert report.summary("zh") == ("2019年6月（截止 2019-07-05）：应报 713 项，已报 19 项，按时 15 项；"
                                    "报送率 2.66%，及时率 2.10%")  # 19/713 = 2.665%, 15/713 = 2.104%
    table = completeness(session=fixture_db, register=register, period="2019-06", lang="en").table("en")
    assert list(table.columns) == ["Unit", "Expected", "Received", "On time", "Late", "Missing", "Status"]
    assert table[table["Unit"] == "Nanhuaxi Street Service Centre"].values.tolist() == [
        ["Nanhuaxi Street Service Centre", 14, 4, 0, 4, 10, "partial"]]
    text = report.missing_text(register, "zh")
    assert text is not None and text.startswith("未报齐的单位：区政务管理办公室、区政务服务中心")
    assert "赤岗街政务服务中心" not in text
