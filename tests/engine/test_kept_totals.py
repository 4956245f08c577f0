"""The district's totals of a kept window (tracker/engine/kept_totals.py): the same, to the last digit, as the totals
of the window's figures, whatever order the rows come in; asked only of the district and of a kept window."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from tracker.core.periods import parse_period
from tracker.engine import kept_totals, kept_windows
from tracker.engine.aggregate import key_totals
from tracker.engine.progress import ratios_of, window_figures, window_ratios
from tracker.engine.query import indicator_item
from tracker.engine.windows import window_for
from tracker.register import Register


def test_the_districts_totals_equal_those_of_the_windows_figures_exactly(demo_db: Session,
                                                                         register: Register) -> None:
    items = [indicator_item(i, register) for i in register.indicators.values()]
    everyone = list(register.units)
    window = (24240, 24245)  # 2020-01 … 2020-06
    got = kept_totals.district_totals(demo_db, register, items, everyone, window)
    frames = kept_windows.read(demo_db, register, items, everyone, [window])
    assert got is not None and frames is not None
    figures = frames[0]
    want = key_totals(figures, everyone)
    reported = figures.groupby("key")["unit"].nunique().to_dict()
    assert len(want) >= 10 and got[0] == want  # ==: not close, equal
    assert got[1] == reported
    assert any(figures["cover"].notna())  # covered rows are there, and left out of the totals


def test_a_total_counts_only_each_units_uncovered_figure_and_a_missing_denominator_as_nothing() -> None:
    rows = [("b", "u2", 4.0, None), ("a", "u2", 1.0, 10.0), ("a", "u1", 2.0, 20.0), ("b", "u1", 0.5, None)]
    # by hand: a = 1 + 2 over 10 + 20 from two units; b = 4 + 0.5 over nothing from two units
    assert kept_totals._summed(rows) == {"a": (3.0, 30.0, 2), "b": (4.5, 0.0, 2)}
    frame = pd.DataFrame(rows, columns=["key", "unit", "numerator", "denominator"]).assign(cover=None)
    frame = frame.sort_values(["key", "unit"]).reset_index(drop=True)
    assert key_totals(frame, ["u1", "u2"]) == kept_totals._summed(rows)


def test_only_the_district_and_a_kept_window_are_answered(demo_db: Session, register: Register) -> None:
    items = [indicator_item(i, register) for i in register.indicators.values()]
    everyone = list(register.units)
    assert kept_totals.district_totals(demo_db, register, items, everyone[1:], (24240, 24245)) is None
    assert kept_totals.district_totals(demo_db, register, items, everyone, (24243, 24245)) is None  # a quarter
    as_of = parse_period("2020-06")
    win = window_for("ytd", as_of, register)
    quarter = window_for("quarter", as_of, register)
    indicators = list(register.indicators.values())
    for w in (win, quarter):  # summed from the kept rows (the year to date) or from the figures: the same ratios
        got = window_ratios(session=demo_db, register=register, window=w, units=everyone, indicators=indicators)
        figures = window_figures(session=demo_db, register=register, window=w, units=everyone,
                                 indicators=indicators)
        assert got == ratios_of(figures, register, indicators, everyone)
        assert sum(r.units_reported for r, _ in got.values()) > 100
