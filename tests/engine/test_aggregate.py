"""What counts inside a window: whole periods only for flows, period ends for stocks, the finest periods per
unit, pairs reported together, and which units are expected to report. Every figure is worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.engine.test_engine import put, row
from tracker.engine.aggregate import (
    Ratio,
    contributions,
    key_totals,
    mean_value,
    own,
    total_ratio,
    with_value,
)
from tracker.engine.progress import (
    indicator_ratio,
    progress_rows,
    ratio_of,
    ratios_of,
    window_figures,
)
from tracker.engine.windows import Scope, window_for
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import current_values


def months(unit: str, metric: str, values: list[float], first: int = 1, year: int = 2019) -> list[tuple[str, str, str, float]]:
    return [(unit, metric, f"{year}-{first + i:02d}", v) for i, v in enumerate(values)]


def test_a_flow_counts_only_when_its_period_lies_wholly_inside_the_window(edb: Session, reg: Register) -> None:
    put(edb, [("a", "completed", "2019H1", 600), ("a", "evaluated", "2019H1", 300)]          # 50%
        + months("b", "completed", [100, 100, 100], first=4) + months("b", "evaluated", [70, 80, 90], first=4))
    quarter = row(edb, reg, "evaluation_rate", "2019-06", "quarter")  # April–June: a's half-year starts in January
    assert (quarter.numerator, quarter.denominator, quarter.units_reported) == (240, 300, 1)
    assert quarter.value == pytest.approx(80.0)
    ytd = row(edb, reg, "evaluation_rate", "2019-06", "ytd")  # January–June holds the half-year
    assert (ytd.numerator, ytd.denominator, ytd.units_reported) == (540, 900, 2)
    assert ytd.value == pytest.approx(60.0)
    month = row(edb, reg, "evaluation_rate", "2019-06", "month")
    assert (month.numerator, month.denominator) == (90, 100)


def test_a_stock_counts_when_its_period_ends_inside_the_window(edb: Session, reg: Register) -> None:
    put(edb, [("a", "items_zero_visit", "2019Q1", 10), ("a", "service_items", "2019Q1", 40),
              ("a", "items_zero_visit", "2019Q2", 15), ("a", "service_items", "2019Q2", 50)])
    june = row(edb, reg, "zero_visit_share", "2019-06", "month")  # Q2 began in April but ends in June
    assert (june.numerator, june.denominator, june.value) == (15, 50, 30.0)
    ytd = row(edb, reg, "zero_visit_share", "2019-06", "ytd")     # the last of Q1 and Q2
    assert (ytd.numerator, ytd.denominator) == (15, 50)
    may = row(edb, reg, "zero_visit_share", "2019-05", "ytd")     # Q2 has not ended in May: Q1 is the last
    assert (may.numerator, may.denominator, may.value) == (10, 40, 25.0)
    april = row(edb, reg, "zero_visit_share", "2019-04", "month")
    assert (april.value, april.status, april.units_reported) == (None, "no_data", 0)


def test_months_win_over_the_same_units_half_year_and_other_units_keep_theirs(edb: Session, reg: Register) -> None:
    put(edb, months("a", "completed", [100] * 6) + months("a", "evaluated", [60] * 6)
        + [("a", "completed", "2019H1", 600), ("a", "evaluated", "2019H1", 420),   # a's own total: not again
           ("b", "completed", "2019H1", 200), ("b", "evaluated", "2019H1", 180)])  # b reports the half-year only
    r = row(edb, reg, "evaluation_rate", "2019-06", "ytd")
    assert (r.numerator, r.denominator, r.units_reported) == (360 + 180, 600 + 200, 2)
    assert r.value == pytest.approx(67.5)  # counting a twice would give 960 / 1400 = 68.57%
    values = current_values(session=edb)
    per_unit, _, _ = indicator_ratio(values, reg, reg.indicators["evaluation_rate"],
                                     window_for("ytd", "2019-06", reg), ["a", "b", "c"])
    got = {u: (n, d, p) for u, n, d, p in per_unit[["unit", "numerator", "denominator", "periods"]].itertuples(
        index=False)}
    assert got == {"a": (360, 600, 6), "b": (180, 200, 1)}


def test_a_stock_takes_the_last_of_the_finest_periods(edb: Session, reg: Register) -> None:
    put(edb, [("a", "items_zero_visit", "2019Q1", 10), ("a", "service_items", "2019Q1", 40),
              ("a", "items_zero_visit", "2019Q2", 12), ("a", "service_items", "2019Q2", 40),
              ("a", "items_zero_visit", "2019H1", 30), ("a", "service_items", "2019H1", 60)])
    r = row(edb, reg, "zero_visit_share", "2019-06", "ytd")
    assert (r.numerator, r.denominator) == (12, 40)  # Q2, not the half-year ending in the same month


def test_only_periods_where_both_sides_were_reported_count(edb: Session, reg: Register) -> None:
    put(edb, [("a", "completed", "2019-06", 100), ("a", "evaluated", "2019-06", None),   # —— : not reported
              ("b", "completed", "2019-06", 100), ("b", "evaluated", "2019-06", 80),
              ("c", "completed", "2019-06", 300)])                                        # nothing rated at all
    r = row(edb, reg, "evaluation_rate", "2019-06", "month")
    assert (r.numerator, r.denominator, r.units_reported, r.units_expected) == (80, 100, 1, 3)


def test_a_zero_denominator_gives_no_value_rather_than_a_division_by_zero(edb: Session, reg: Register) -> None:
    put(edb, [("a", "completed", "2019-06", 0), ("a", "evaluated", "2019-06", 0)])
    r = row(edb, reg, "evaluation_rate", "2019-06", "month")
    assert (r.numerator, r.denominator, r.value, r.status, r.units_reported) == (0, 0, None, "no_data", 1)
    put(edb, [("b", "completed", "2019-06", 50), ("b", "evaluated", "2019-06", 40)])
    r = row(edb, reg, "evaluation_rate", "2019-06", "month")
    assert (r.numerator, r.denominator, r.value) == (40, 50, 80.0)  # a's zeros add nothing to either side
    values = current_values(session=edb)
    per_unit, _, _ = indicator_ratio(values, reg, reg.indicators["evaluation_rate"],
                                     window_for("month", "2019-06", reg), ["a", "b"])
    assert per_unit.set_index("unit")["value"].isna().to_dict() == {"a": True, "b": False}


def test_factor_one_keeps_days_as_days(edb: Session, reg: Register) -> None:
    put(edb, [("a", "days", "2019-06", 26), ("a", "releases", "2019-06", 10)])
    assert row(edb, reg, "publish_days", "2019-06", "month").value == pytest.approx(2.6)


@pytest.mark.parametrize(("indicator", "scope", "expected"), [
    ("online_completion_rate", None, 35),      # online_completed: departments (24), halls (10), branch (1)
    ("evaluation_rate", None, 53),             # evaluated and completed: + the 18 street centres
    ("evaluation_rate", Scope("type", "street"), 18),
    ("online_completion_rate", Scope("type", "street"), 0),  # streets report completed but not online
    ("online_disclosure_share", None, 1),      # the office alone
    ("hotline_completion_rate", Scope("unit", "street_chigang"), 0),
])
def test_units_expected_are_those_whose_type_reports_both_metrics(engine: Engine, register: Register,
                                                                  indicator: str, scope: Scope | None,
                                                                  expected: int) -> None:
    with session(engine) as s:
        sync_register(session=s, register=register)
        rows = progress_rows(session=s, register=register, as_of="2019-06", scope=scope)
    r = next(r for r in rows if r.indicator == indicator)
    assert (r.units_expected, r.units_reported, r.status) == (expected, 0, "no_data")


# --- the totals from per-unit figures (tracker.engine.aggregate), on frames written by hand ----------------

def groups_of(rows: list[tuple[str, float, float, int, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit", "numerator", "denominator", "periods", "cover"])


def test_a_unit_counts_what_an_ancestor_outside_the_scope_reported_but_not_inside_it() -> None:
    groups = groups_of([("a", 10, 20, 1, None), ("b", 5, 10, 1, "centre"), ("c", 7, 14, 1, "district"),
                        ("a", 1, 2, 1, None)])
    got = contributions(groups, ["a", "b", "c", "centre"])  # the centre is inside, the district is not
    assert got.to_dict("list") == {"unit": ["a", "c"], "numerator": [11, 7], "denominator": [22, 14],
                                   "periods": [2, 1]}
    assert own(groups)["unit"].tolist() == ["a", "b", "c"]  # its own figure: everything it reported
    assert own(groups)["numerator"].tolist() == [11, 5, 7]


def test_value_is_numerator_over_denominator_times_factor_and_none_without_a_denominator() -> None:
    per_unit = pd.DataFrame({"unit": ["a", "b", "c"], "numerator": [3, 3, 45], "denominator": [0, 1, 60],
                             "periods": [1, 1, 1]})
    values = with_value(per_unit, 100.0)["value"].tolist()
    assert math.isnan(values[0]) and values[1:] == [300.0, 75.0]  # 3 ÷ 1 × 100; 45 ÷ 60 × 100


def test_a_rate_reported_without_its_base_is_the_mean_of_its_periods() -> None:
    per_unit = pd.DataFrame({"unit": ["a"], "numerator": [99.5 + 98.5 + 97.0], "denominator": [None],
                             "periods": [3]})
    assert mean_value(per_unit)["value"].tolist() == [295.0 / 3]


def test_total_ratio_counts_its_rows_unless_told_and_divides_by_a_denominator_of_one() -> None:
    per_unit = pd.DataFrame({"unit": ["a"], "numerator": [1], "denominator": [1], "periods": [1]})
    assert total_ratio(per_unit, 100.0) == Ratio(1.0, 1.0, 100.0, 1)
    assert total_ratio(per_unit, 100.0, reported=3).units_reported == 3
    assert total_ratio(per_unit.iloc[0:0], 100.0) == Ratio(None, None, None, 0)


def test_a_total_is_its_numerators_times_the_factor_without_a_denominator() -> None:
    # a count indicator (差评数: no denominator); the factor 2 shows it multiplies (never divides)
    per_unit = pd.DataFrame({"unit": ["a", "b"], "numerator": [3, 4], "denominator": [None, None], "periods": [1, 1]})
    assert total_ratio(per_unit, 2.0, total=True) == Ratio(7.0, None, 14.0, 2)  # (3 + 4) × 2, two units
    assert total_ratio(per_unit, 2.0, reported=5, total=True) == Ratio(7.0, None, 14.0, 5)
    values = with_value(per_unit, 2.0, total=True)["value"]
    assert values.tolist() == [6.0, 8.0] and values.dtype == float  # 3 × 2, 4 × 2


def test_key_totals_sum_every_key_as_contributions_would_one_key_at_a_time() -> None:
    figures = pd.DataFrame(
        [("x", "a", 10, 20, 1, None), ("x", "b", 5, 10, 1, "centre"), ("x", "c", 7, 14, 1, "district"),
         ("x", "a", 1, 2, 1, None), ("y", "a", 3, None, 1, None), ("y", "b", 4, None, 1, None),
         ("z", "b", None, None, 1, None), ("w", "b", 9, 9, 1, "centre")],
        columns=["key", "unit", "numerator", "denominator", "periods", "cover"])
    got = key_totals(figures, ["a", "b", "c", "centre"])  # the centre is inside the scope, the district is not
    # x: a 10 + 1 and c 7 (b's period is the centre's); y: a total, no denominator; z: no value; w: all covered
    assert got == {"x": (18.0, 36.0, 2), "y": (7.0, 0.0, 2)}
    assert key_totals(figures.iloc[0:0], ["a"]) == {}


@pytest.mark.parametrize("window", ["month", "quarter", "ytd", "plan"])
@pytest.mark.parametrize("scope", [Scope(), Scope("subtree", "centre"), Scope("type", "street"), Scope("unit", "centre")])
def test_the_progress_tables_one_pass_gives_each_indicators_ratio_as_ratio_of(demo_db: Session, register: Register,
                                                                              window: str, scope: Scope) -> None:
    win = window_for(window, "2025-06", register)
    units = scope.units(register)
    indicators = list(register.indicators.values())
    figures = window_figures(session=demo_db, register=register, window=win, units=units, indicators=indicators)
    assert not figures.empty
    one_pass = ratios_of(figures, register, indicators, units)
    assert one_pass == {i.code: ratio_of(figures, register, i, units)[1:] for i in indicators}
