"""The year-to-date windows kept ready (tracker/engine/kept_windows.py): equal to their recomputation on the demo,
kept in step by every import (a later month, an earlier one, a month past the span, an ancestor's own report),
read only where they answer, and made afresh after the migration that adds them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete
from sqlmodel import Session, col

from tests.helpers import csv_bytes, register_of, synced
from tracker.access.roles import SYSTEM
from tracker.core.periods import parse_period
from tracker.engine import kept_totals, kept_windows, query, summary
from tracker.engine.progress import ratios_of, window_figures, windows_figures
from tracker.engine.query import indicator_item
from tracker.engine.views import overview
from tracker.engine.windows import Scope, window_for
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.models import Meta
from tracker.storage.register_tables import sync_register
from tracker.storage.values import latest_period_end

HEADER: list[object] = ["单位", "期间", "办结量(件)", "评价数"]  # completed, evaluated: the evaluation rate's pair


def _items(register: Register) -> list[query.Item]:
    return [indicator_item(i, register) for i in register.indicators.values()]


def test_every_kept_window_equals_its_recomputation_from_raw_rows_on_the_demo(demo_db: Session,
                                                                             register: Register) -> None:
    end = latest_period_end(session=demo_db)
    assert end is not None
    first = min(int(r) for r in demo_db.execute(summary.SUMMARY_SPAN).one() if r is not None)
    assert kept_windows.span(demo_db) == (first // 12 * 12, end)  # from the first year's January to the last month
    compared, differ = kept_windows.differences(demo_db, register, (first, end))
    assert compared > 10_000 and differ == 0
    everyone = list(register.units)
    windows = [(end // 12 * 12, end), ((end - 1) // 12 * 12, end - 1)]  # the overview's: this month's, last month's
    kept = kept_windows.read(demo_db, register, _items(register), everyone, windows)
    assert kept is not None
    for got, (start, stop) in zip(kept, windows, strict=True):
        raw = query.unit_figures(session=demo_db, items=_items(register), units=everyone, start=start, end=stop)
        assert len(raw) > 100
        pd.testing.assert_frame_equal(got, raw, rtol=1e-12)  # the same rows, types and order


def test_the_overview_is_the_same_read_from_the_kept_windows_or_formed_from_pairs(demo_db: Session,
                                                                                  register: Register) -> None:
    as_of = "2020-06"
    kept = overview(session=demo_db, register=register, as_of=as_of)
    value = demo_db.get(Meta, kept_windows.SPAN)
    assert value is not None and value.value
    demo_db.execute(delete(Meta).where(col(Meta.key) == kept_windows.SPAN))  # the windows no longer answer
    try:
        items = _items(register)
        assert kept_windows.read(demo_db, register, items, list(register.units), [(24240, 24245)]) is None
        formed = overview(session=demo_db, register=register, as_of=as_of)
    finally:
        demo_db.rollback()
    assert kept.rows == formed.rows and kept.previous == formed.previous and kept.counts == formed.counts
    assert [(c.contributors, c.units_below) for c in kept.cards] == [(c.contributors, c.units_below)
                                                                      for c in formed.cards]
    assert any(c.contributors for c in kept.cards)  # the units pulling the district down, named either way


def test_the_kept_windows_answer_only_the_year_to_date_windows_they_hold(demo_db: Session,
                                                                         register: Register) -> None:
    end = latest_period_end(session=demo_db)
    assert end is not None
    items, everyone = _items(register), list(register.units)
    january = end // 12 * 12
    assert kept_windows.read(demo_db, register, items, everyone, [(january, end)]) is not None
    assert kept_windows.read(demo_db, register, items, everyone, [(end - 11, end)]) is None  # 12 months rolling
    assert kept_windows.read(demo_db, register, items, everyone, [(end, end)]) is None or end == january
    after = (end + 1) // 12 * 12
    assert kept_windows.read(demo_db, register, items, everyone, [(after, end + 1)]) is None  # past the data
    # a window the kept rows do not hold is still answered, from the pairs, and the same as raw rows
    rolling = window_for("rolling12", parse_period("2020-06"), register)
    inds = list(register.indicators.values())
    got = window_figures(session=demo_db, register=register, window=rolling, units=everyone, indicators=inds)
    raw = query.unit_figures(session=demo_db, items=items, units=everyone, start=rolling.start, end=rolling.end)
    pd.testing.assert_frame_equal(got, raw, rtol=1e-12)


def test_a_scope_holding_each_units_nearest_ancestors_is_read_from_the_district_windows(
        demo_db: Session, register: Register) -> None:
    """The units below the top (单位's district table), the centre with its departments (the drill-down) and a
    type of unit (a profile's peers): the same figures read from the district's windows as formed for the scope
    alone — a department's period the centre reported itself is covered in the district's rows, and uncovered
    among the departments alone."""
    items = _items(register)
    win = window_for("ytd", parse_period("2020-06"), register)
    below_top = [u for u in register.units if register.units[u].parent is not None]
    scopes = {"below the top": below_top, "centre": Scope("subtree", "centre").units(register),
              "departments": Scope("type", "department").units(register)}
    district = kept_windows.read(demo_db, register, items, list(register.units), [(win.start, win.end)])
    assert district is not None
    covered = set(district[0].loc[district[0]["cover"] == "centre", "unit"])
    assert covered & set(scopes["departments"])  # the centre's own reports cover some departments' periods
    for name, units in scopes.items():
        assert len(units) > 10, name
        got = kept_windows.read(demo_db, register, items, units, [(win.start, win.end)])
        assert got is not None, name
        raw = query.unit_figures(session=demo_db, items=items, units=units, start=win.start, end=win.end)
        assert len(raw) > 100, name
        pd.testing.assert_frame_equal(got[0], raw, rtol=1e-12, obj=name)
    # a list naming a unit twice, as long as the register but short of its last unit: that unit's rows left out
    everyone = list(register.units)
    twice = [*everyone[:-1], everyone[0]]
    got = kept_windows.read(demo_db, register, items, twice, [(win.start, win.end)])
    assert got is not None and everyone[-1] not in set(got[0]["unit"])
    raw = query.unit_figures(session=demo_db, items=items, units=everyone[:-1], start=win.start, end=win.end)
    pd.testing.assert_frame_equal(got[0], raw, rtol=1e-12)
    # the district with a department but not its centre: the department's nearest ancestor is left out
    gap = ["haizhu", "dept_edu"]
    assert not kept_windows.answers_for(register, gap)
    assert kept_windows.answers_for(register, ["centre", "dept_edu"])
    assert not kept_windows.answers_for(register, [*register.units, "elsewhere"])


def _store(db: Session, register: Register, rows: list[list[object]], name: str) -> None:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name=name, data=csv_bytes([HEADER, *rows]),
                       today=dt.date(2026, 11, 22))
    store_import(session=db, plan=plan, actor=SYSTEM)


def _rate(db: Session, register: Register, month: str) -> dict[tuple[str, str | None], tuple[float, float, int, str]]:
    """The kept window to `month`'s evaluation rate: (unit, cover) → (numerator, denominator, periods, last month)."""
    end = parse_period(month).end
    got = kept_windows.read(db, register, _items(register), list(register.units), [(end // 12 * 12, end)])
    assert got is not None, month
    rows = got[0][got[0]["key"] == "evaluation_rate"]
    return {(u, c): (n, d, int(p), f"{e // 12}-{e % 12 + 1:02d}")
            for u, c, n, d, p, e in rows[["unit", "cover", "numerator", "denominator", "periods",
                                          "last_end"]].itertuples(index=False)}


def test_every_import_keeps_the_windows_in_step_in_its_transaction(any_engine: Engine, register: Register) -> None:
    with synced(any_engine, register) as db:
        assert kept_windows.span(db) is None  # made with the register, empty
        _store(db, register, [["南华西街", "2019-06", "1000", "900"], ["赤岗街", "2019-06", "100", "50"]], "a.csv")
        assert kept_windows.span(db) == (parse_period("2019-01").end, parse_period("2019-06").end)
        assert _rate(db, register, "2019-06") == {("street_chigang", None): (50, 100, 1, "2019-06"),
                                                  ("street_nanhuaxi", None): (900, 1000, 1, "2019-06")}
        assert _rate(db, register, "2019-05") == {}  # nothing reported by May
        # an earlier month of one unit: its windows from March on made afresh, the other unit's left as they were
        _store(db, register, [["赤岗街", "2019-03", "100", "80"]], "b.csv")
        assert _rate(db, register, "2019-03") == {("street_chigang", None): (80, 100, 1, "2019-03")}
        assert _rate(db, register, "2019-06") == {("street_chigang", None): (130, 200, 2, "2019-06"),  # 50 + 80
                                                  ("street_nanhuaxi", None): (900, 1000, 1, "2019-06")}
        # a month past the span, one unit: the new window holds every unit, the untouched one with its June
        _store(db, register, [["南华西街", "2019-08", "10", "5"]], "c.csv")
        assert kept_windows.span(db) == (parse_period("2019-01").end, parse_period("2019-08").end)
        assert _rate(db, register, "2019-08") == {("street_chigang", None): (130, 200, 2, "2019-06"),
                                                  ("street_nanhuaxi", None): (905, 1010, 2, "2019-08")}
        # the district's own June: the streets' June is now its to count (covered), their March not
        _store(db, register, [["海珠区", "2019-06", "1200", "1000"]], "d.csv")
        assert _rate(db, register, "2019-06") == {("haizhu", None): (1000, 1200, 1, "2019-06"),
                                                  ("street_chigang", None): (80, 100, 1, "2019-03"),
                                                  ("street_chigang", "haizhu"): (50, 100, 1, "2019-06"),
                                                  ("street_nanhuaxi", "haizhu"): (900, 1000, 1, "2019-06")}
        # a street's June corrected alone: still the district's to count (its own report read with the street's)
        _store(db, register, [["赤岗街", "2019-06", "100", "60"]], "d2.csv")
        assert _rate(db, register, "2019-06")[("street_chigang", "haizhu")] == (60, 100, 1, "2019-06")
        assert ("street_chigang", None) in _rate(db, register, "2019-06")
        # a year later: a new year's windows, made from its January
        _store(db, register, [["赤岗街", "2020-02", "40", "30"]], "e.csv")
        assert _rate(db, register, "2020-02") == {("street_chigang", None): (30, 40, 1, "2020-02")}
        assert _rate(db, register, "2020-01") == {}
        compared, differ = summary.differences(session=db, register=register)
        assert compared > 0 and differ == 0
        # the district's year to June 2019 read as the overview reads it: 1000 + 80 evaluated of 1200 + 100
        june = window_for("ytd", parse_period("2019-06"), register)
        may = window_for("ytd", parse_period("2019-05"), register)
        figures, before = windows_figures(session=db, register=register, windows=[june, may],
                                          units=list(register.units),
                                          indicators=[register.indicators["evaluation_rate"]])
        ratio, _ = ratios_of(figures, register, [register.indicators["evaluation_rate"]],
                             list(register.units))["evaluation_rate"]
        assert (ratio.numerator, ratio.denominator) == (1080, 1300)
        may_rows = before[before["key"] == "evaluation_rate"]
        assert may_rows[["unit", "numerator", "denominator"]].values.tolist() == [["street_chigang", 80, 100]]
        # summed in the database (the overview's 环比): the district's own 1000 of 1200 and 赤岗街's March, 80 of 100
        # — its June is the district's to count; three units have a figure, two of them add to the total
        totals = kept_totals.district_totals(db, register, _items(register), list(register.units),
                                             (june.start, june.end))
        assert totals is not None
        assert totals[0]["evaluation_rate"] == (1080, 1300, 2) and totals[1]["evaluation_rate"] == 3


def test_0018_leaves_the_summary_to_be_made_afresh_windows_and_all(any_engine: Engine, register: Register) -> None:
    """A database from before the kept windows (0017, its summary ready) upgraded: the summary is no longer taken
    as ready, and the next start-up's sync makes it with the windows."""
    from alembic import command

    from tracker.storage.db import alembic_config

    with synced(any_engine, register) as db:
        _store(db, register, [["赤岗街", "2019-06", "100", "50"]], "a.csv")
        db.commit()
    config = alembic_config(any_engine)
    command.downgrade(config, "0017")
    with synced(any_engine, register) as db:
        assert summary.is_ready(db, register)
    command.upgrade(config, "head")
    with session(any_engine) as db:
        assert not summary.is_ready(db, register)
        assert kept_windows.span(db) is None
        sync_register(session=db, register=register)  # the next start-up
        assert summary.is_ready(db, register)
        assert _rate(db, register, "2019-06") == {("street_chigang", None): (50, 100, 1, "2019-06")}
        compared, differ = summary.differences(session=db, register=register)
        assert compared > 0 and differ == 0


def test_with_lineage_only_the_district_itself_is_read_from_the_kept_windows(tmp_path: Path) -> None:
    """A unit that continues another has two ways up (its successor, its own parent): which is nearer is no longer
    a matter of the scope holding the nearest first, so only the whole district is answered."""
    from tests.engine.test_plans import PLANS, UNITS

    lineage = register_of(tmp_path, PLANS, UNITS)
    assert lineage.predecessors  # a2 continues a
    assert kept_windows.answers_for(lineage, list(lineage.units))
    assert not kept_windows.answers_for(lineage, ["a", "a2", "b"])
    (tmp_path / "tree").mkdir()
    tree = register_of(tmp_path / "tree", PLANS, UNITS.replace(", predecessors: [{unit: a, kind: renamed}]", ""))
    assert kept_windows.answers_for(tree, ["a", "a2", "b"])  # the same streets in a plain tree


def test_rows_read_out_of_order_are_put_in_the_engines_order() -> None:
    """PostgreSQL may give a window's rows in any order; the engine's is key, unit, then no cover first."""
    rows = pd.DataFrame({"end": [5] * 4, "key": ["b", "a", "a", "a"], "unit": ["u1", "u2", "u1", "u1"],
                         "cover": ["", "", "p", ""], "numerator": [1.0, 2.0, 3.0, 4.0],
                         "denominator": [1.0, 1.0, 1.0, float("nan")], "periods": [1, 2, 3, 4],
                         "last_end": [5, 5, 5, 4]})
    got = kept_windows._frame(rows)
    assert got[["key", "unit", "numerator"]].values.tolist() == [["a", "u1", 4.0], ["a", "u1", 3.0],
                                                                  ["a", "u2", 2.0], ["b", "u1", 1.0]]
    assert got["cover"].tolist() == [None, "p", None, None]
    in_order = kept_windows._frame(rows.iloc[[2, 3, 1, 0]].iloc[[1, 0, 2, 3]])  # already ordered: kept as given
    assert in_order["numerator"].tolist() == [4.0, 3.0, 2.0, 1.0]
