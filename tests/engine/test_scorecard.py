"""The scorecard's rows taken a page at a time (issue 19: thousands of coloured rows at city scale)."""

from __future__ import annotations

import pandas as pd

from tracker.engine.scorecard import Scorecard, page_count


def _card(units: list[str]) -> Scorecard:
    index = pd.Index(units, name="unit")
    values = pd.DataFrame({"t": [float(i) for i in range(len(units))]}, index=index)
    statuses = pd.DataFrame({"t": ["met" if i % 2 else "off_track" for i in range(len(units))]}, index=index)
    arrows = pd.DataFrame({"t": ["▲"] * len(units)}, index=index)
    return Scorecard(values, statuses, arrows, units)


def test_page_count_rounds_up_and_is_never_zero() -> None:
    assert [page_count(n, 200) for n in (0, 1, 200, 201, 400, 2968)] == [1, 1, 1, 2, 2, 15]


def test_a_page_holds_its_rows_in_order_with_their_statuses() -> None:
    card = _card([f"u{i}" for i in range(7)])
    second = card.page(2, 3)
    assert second.units == ["u3", "u4", "u5"]
    assert second.values["t"].tolist() == [3.0, 4.0, 5.0]
    assert second.statuses["t"].tolist() == ["met", "off_track", "met"]  # u3 odd, u4 even, u5 odd
    assert card.page(3, 3).units == ["u6"]  # the last page holds what is left


def test_a_page_number_out_of_range_gives_the_nearest_page() -> None:
    card = _card([f"u{i}" for i in range(5)])
    assert card.page(9, 2).units == ["u4"]  # 3 pages: the third
    assert card.page(0, 2).units == ["u0", "u1"]


def test_only_keeps_the_units_asked_for_in_the_order_asked() -> None:
    card = _card(["a", "b", "c"])
    kept = card.only(["c", "a"])
    assert kept.units == ["c", "a"] and kept.values["t"].tolist() == [2.0, 0.0]
    assert kept.arrows.index.tolist() == ["c", "a"]
