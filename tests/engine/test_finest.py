"""Steps 3–5 of the figures on frames built by hand (`tracker.engine.finest`): the shortest periods, the nearest
reporting ancestor, the sums per unit and cover and per period end. Months are absolute (year × 12 + month − 1);
2019-01 is 24228."""

from __future__ import annotations

import pandas as pd

from tracker.engine import finest

JAN, FEB, MAR = 24228, 24229, 24230
AGG = {"acc": "sum", "items": "last"}


def pairs(*rows: tuple[str, str, str, int, int, float, float | None]) -> pd.DataFrame:
    return finest.pairs_frame([(k, None, u, p, s, e, n, d) for k, u, p, s, e, n, d in rows], AGG)


TREE = pd.DataFrame([("street", "centre", 1), ("hall", "street", 1), ("hall", "centre", 2)],
                    columns=finest.TREE_COLUMNS)


def test_a_units_shortest_periods_count_and_the_latest_is_marked() -> None:
    """street reported Q1 (60) and January, February (10, 20): only the months count; hall reported only Q1."""
    frame = pairs(("acc", "street", "2019-Q1", JAN, MAR, 60, None), ("acc", "street", "2019-01", JAN, JAN, 10, None),
                  ("acc", "street", "2019-02", FEB, FEB, 20, None), ("acc", "hall", "2019-Q1", JAN, MAR, 5, None))
    fine = finest.finest(frame, per_end=False)
    assert sorted(zip(fine["u"], fine["p"], fine["latest"], strict=True)) == [
        ("hall", "2019-Q1", True), ("street", "2019-01", False), ("street", "2019-02", True)]
    per_end = finest.finest(frame, per_end=True)  # per period end, each end's shortest: March keeps the quarter
    assert sorted(zip(per_end["u"], per_end["p"], strict=True)) == [
        ("hall", "2019-Q1"), ("street", "2019-01"), ("street", "2019-02"), ("street", "2019-Q1")]


def test_the_nearest_reporting_ancestor_covers_a_period() -> None:
    """January: centre and street both reported, so hall's January is street's (depth 1, nearer than centre) and
    street's is centre's; February: only centre and hall reported, so centre covers hall (depth 2)."""
    frame = pairs(*((k, u, p, m, m, v, None) for k, u, p, m, v in (
        ("acc", "centre", "2019-01", JAN, 100), ("acc", "street", "2019-01", JAN, 40),
        ("acc", "hall", "2019-01", JAN, 15), ("acc", "centre", "2019-02", FEB, 90),
        ("acc", "hall", "2019-02", FEB, 12))))
    covered = finest.with_cover(finest.finest(frame, per_end=False), TREE)
    cover = {(u, p): c for u, p, c in zip(covered["u"], covered["p"], covered["cover"], strict=True)}
    assert cover == {("centre", "2019-01"): None, ("street", "2019-01"): "centre", ("hall", "2019-01"): "street",
                     ("centre", "2019-02"): None, ("hall", "2019-02"): "centre"}


def test_an_ancestors_coarser_period_covers_nothing_when_it_reported_finer_ones() -> None:
    """centre reported Q1 and January: its finest is January, so hall's February is not covered."""
    frame = pairs(("acc", "centre", "2019-Q1", JAN, MAR, 300, None), ("acc", "centre", "2019-01", JAN, JAN, 100, None),
                  ("acc", "hall", "2019-01", JAN, JAN, 15, None), ("acc", "hall", "2019-02", FEB, FEB, 12, None))
    covered = finest.with_cover(finest.finest(frame, per_end=False), TREE)
    assert {(u, p): c for u, p, c in zip(covered["u"], covered["p"], covered["cover"], strict=True)} == {
        ("centre", "2019-01"): None, ("hall", "2019-01"): "centre", ("hall", "2019-02"): None}


def test_sums_per_unit_and_cover_count_a_stock_once() -> None:
    """hall: acc 15 (Jan, covered by street) + 12 (Feb, uncovered); items (a stock) 7 in January and 9 in February:
    only February's 9 counts, in the uncovered group; January's group of items holds no value but its period."""
    frame = pairs(("acc", "street", "2019-01", JAN, JAN, 40, None), ("acc", "hall", "2019-01", JAN, JAN, 15, None),
                  ("acc", "hall", "2019-02", FEB, FEB, 12, None), ("items", "street", "2019-01", JAN, JAN, 3, None),
                  ("items", "hall", "2019-01", JAN, JAN, 7, None), ("items", "hall", "2019-02", FEB, FEB, 9, None))
    out = finest.unit_totals(finest.with_cover(finest.finest(frame, per_end=False), TREE))
    rows = [(k, u, c, None if n != n else n, p, e) for k, u, c, n, p, e in
            out[["key", "unit", "cover", "numerator", "periods", "last_end"]].itertuples(index=False)]
    assert rows == [("acc", "hall", None, 12.0, 1, FEB), ("acc", "hall", "street", 15.0, 1, JAN),
                    ("acc", "street", None, 40.0, 1, JAN), ("items", "hall", None, 9.0, 1, FEB),
                    ("items", "hall", "street", None, 1, JAN), ("items", "street", None, 3.0, 1, JAN)]


def test_a_series_counts_per_period_end_the_figures_no_ancestor_covered() -> None:
    """January: street 40 covers hall's 15, so 40 from one unit; February: only hall, 12 over 20 rated."""
    frame = pairs(("acc", "street", "2019-01", JAN, JAN, 40, 50), ("acc", "hall", "2019-01", JAN, JAN, 15, 20),
                  ("acc", "hall", "2019-02", FEB, FEB, 12, 20))
    out = finest.period_totals(finest.with_cover(finest.finest(frame, per_end=True), TREE))
    assert out.values.tolist() == [["acc", JAN, 40.0, 50.0, 1], ["acc", FEB, 12.0, 20.0, 1]]


def test_a_window_counts_a_flow_only_when_its_whole_period_lies_inside() -> None:
    """Q1 of a flow (acc) and of a stock (items): February–March holds the stock's end but not the flow's start."""
    frame = pairs(("acc", "hall", "2019-Q1", JAN, MAR, 30, None), ("items", "hall", "2019-Q1", JAN, MAR, 4, None))
    assert finest.in_window(frame, FEB, MAR)["key"].tolist() == ["items"]  # a stock counts where it ends
    assert finest.in_window(frame, JAN, MAR)["key"].tolist() == ["acc", "items"]


def test_a_period_ending_the_same_month_is_another_period() -> None:
    """centre reported only Q1; hall reported March: both end in March, but March is not Q1, so hall is not
    covered."""
    frame = pairs(("acc", "centre", "2019-Q1", JAN, MAR, 300, None), ("acc", "hall", "2019-03", MAR, MAR, 15, None))
    covered = finest.with_cover(finest.finest(frame, per_end=True), TREE)
    assert covered["cover"].tolist() == [None, None]


def test_no_figures_keep_the_types_of_some() -> None:
    """A window without pairs gives the columns' types of one with pairs: an empty series merges on its ends."""
    nothing = finest.in_window(pairs(("acc", "hall", "2019-01", JAN, JAN, 5, None)), FEB, MAR)
    units = finest.unit_totals(finest.with_cover(finest.finest(nothing, per_end=False), TREE))
    series = finest.period_totals(finest.with_cover(finest.finest(nothing, per_end=True), TREE))
    assert units.empty and series.empty
    assert (str(units["numerator"].dtype), str(units["periods"].dtype)) == ("float64", "int64")
    assert str(series["end"].dtype) == "int64"
    assert series.merge(pd.DataFrame({"end": [JAN]}), on="end").empty
