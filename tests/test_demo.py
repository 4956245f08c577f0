"""The demo sample: marked as sample data, complete, realistic, and telling the story leaders recognise."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlmodel import Session

from tracker.db import session
from tracker.demo import CARRY_OVER, LAGGING_STREETS, LATE_DEPARTMENT, MISSING_MONTH, load_demo
from tracker.engine.progress import progress_rows
from tracker.register import Register
from tracker.store import count_values, holds_sample_data


def test_demo_loads_once_on_every_backend(any_engine: Engine, register: Register) -> None:
    with session(any_engine) as s:
        stored = load_demo(session=s, register=register)
        again = load_demo(session=s, register=register)
        assert holds_sample_data(session=s)
        assert count_values(session=s, sample=True) == stored > 40_000
    assert again == 0


def test_every_unit_reports_every_metric_of_its_type(demo_db: Session, register: Register) -> None:
    got = {(u, m) for u, m in demo_db.execute(text("select distinct unit_code, metric_code from value_revision"))}
    expected = {(u.code, m.code) for u in register.reporting_units() for m in register.metrics_for(u.type)}
    assert got == expected


def test_magnitudes_follow_the_briefings(demo_db: Session) -> None:
    street = demo_db.execute(text(
        "select avg(value) from value_revision v join unit u on u.code = v.unit_code "
        "where u.type = 'street' and metric_code = 'accepted'")).scalar_one()
    centre = demo_db.execute(text(
        "select avg(s) from (select period, sum(value) s from value_revision v join unit u on u.code = v.unit_code "
        "where u.type = 'department' and metric_code = 'accepted' group by period) t")).scalar_one()
    assert 1_000 <= street <= 7_000
    assert 15_000 <= centre <= 30_000


def test_story_late_department_and_missing_month(demo_db: Session, register: Register) -> None:
    periods = {p for (p,) in demo_db.execute(text(
        "select distinct period from value_revision where unit_code = :u and period like '2019-%'"),
        {"u": LATE_DEPARTMENT})}
    assert MISSING_MONTH not in periods and "2019-07" in periods
    on_time = demo_db.execute(text(
        "select count(*) from submission where file_name like :f and cast(strftime('%d', created_at) as int) <= 5"),
        {"f": f"%{LATE_DEPARTMENT}%"}).scalar_one()
    assert on_time == 0


def test_story_carry_over_month(demo_db: Session) -> None:
    unit, period = CARRY_OVER
    rows = dict(demo_db.execute(text(
        "select metric_code, value from value_revision where unit_code = :u and period = :p "
        "and metric_code in ('accepted', 'completed')"), {"u": unit, "p": period}).all())
    assert rows["completed"] > rows["accepted"]


def test_story_midterm_behind_and_final_mostly_met(demo_db: Session, register: Register) -> None:
    mid = {r.target: r.status for r in progress_rows(session=demo_db, register=register, as_of="2018-06")}
    assert mid["zero_visit_share"] in ("off_track", "at_risk")
    assert mid["online_completion_rate"] in ("off_track", "at_risk")
    final = [r.status for r in progress_rows(session=demo_db, register=register, as_of="2020-12",
                                             include_untargeted=False)]
    assert final.count("met") >= 14


def test_story_two_streets_lag(demo_db: Session, register: Register) -> None:
    from tracker.engine.progress import indicator_ratio
    from tracker.engine.windows import window_for
    from tracker.store import current_values

    win = window_for("ytd", "2018-06", register)
    streets = [u.code for u in register.units.values() if u.type == "street"]
    values = current_values(session=demo_db, units=streets, start=win.start, end=win.end)
    per_unit, _, _ = indicator_ratio(values, register, register.indicators["evaluation_rate"], win, streets)
    lowest = per_unit.sort_values("value")["unit"].head(2).tolist()
    assert sorted(lowest) == sorted(LAGGING_STREETS)
