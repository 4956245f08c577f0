"""The district's totals of a kept window (tracker/engine/kept_totals.py): the totals of the window's figures, summed
in the database; asked only of the district and of a kept window."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tracker.core.periods import parse_period
from tracker.engine import kept_totals, kept_windows
from tracker.engine.aggregate import key_totals
from tracker.engine.progress import kept_ratios, ratios_of, window_figures
from tracker.engine.query import indicator_item
from tracker.engine.windows import window_for
from tracker.register import Register


def test_the_districts_totals_equal_those_of_the_windows_figures(demo_db: Session, register: Register) -> None:
    items = [indicator_item(i, register) for i in register.indicators.values()]
    everyone = list(register.units)
    window = (24240, 24245)  # 2020-01 … 2020-06
    got = kept_totals.district_totals(demo_db, register, items, everyone, window)
    frames = kept_windows.read(demo_db, register, items, everyone, [window])
    assert got is not None and frames is not None
    figures = frames[0]
    want = key_totals(figures, everyone)
    reported = figures.groupby("key")["unit"].nunique().to_dict()
    assert len(want) >= 10 and got[0].keys() == want.keys()
    for key, (num, den, units) in want.items():
        assert got[0][key] == (pytest.approx(num, rel=1e-12), pytest.approx(den, rel=1e-12), units), key
    assert got[1] == reported
    assert any(figures["cover"].notna())  # covered rows are there, and left out of the totals
    totals = [k for k, ind in register.indicators.items() if ind.is_total and k in want]
    assert totals and all(got[0][k][1] == 0.0 for k in totals)  # no denominator: nothing, as pandas sums it


def test_only_the_district_and_a_kept_window_are_answered(demo_db: Session, register: Register) -> None:
    items = [indicator_item(i, register) for i in register.indicators.values()]
    everyone = list(register.units)
    assert kept_totals.district_totals(demo_db, register, items, everyone[1:], (24240, 24245)) is None
    assert kept_totals.district_totals(demo_db, register, items, everyone, (24243, 24245)) is None  # a quarter
    as_of = parse_period("2020-06")
    win = window_for("ytd", as_of, register)
    quarter = window_for("quarter", as_of, register)
    indicators = list(register.indicators.values())
    assert kept_ratios(session=demo_db, register=register, window=quarter, units=everyone,
                       indicators=indicators) is None  # formed from the figures instead
    got = kept_ratios(session=demo_db, register=register, window=win, units=everyone, indicators=indicators)
    figures = window_figures(session=demo_db, register=register, window=win, units=everyone, indicators=indicators)
    assert got is not None and got == ratios_of(figures, register, indicators, everyone)
    assert sum(r.units_reported for r, _ in got.values()) > 100
