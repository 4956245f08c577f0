"""Projection to the deadline (least squares) and the verdicts plan evaluations use, on hand-made series."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from sqlmodel import Session

from tests.test_engine import put, row
from tracker.periods import month, parse_period
from tracker.register import Register
from tracker.reports.projection import progress_share, project, verdict


def series(values: list[float], first: str = "2016-01") -> pd.DataFrame:
    start = parse_period(first).start
    return pd.DataFrame({"period": [month(start + k).code for k in range(len(values))], "value": values})


def test_a_straight_line_reaches_its_value_at_the_deadline(reg: Register) -> None:
    target = reg.targets["evaluation_rate"]  # ≥ 70 by December 2020, 59 months after January 2016
    slow = project(series([40 + 0.5 * k for k in range(30)]), target)  # 2016-01 … 2018-06
    assert slow.value == pytest.approx(40 + 0.5 * 59)  # 69.5: short of 70
    assert slow.per_year == pytest.approx(6.0)
    assert (slow.points, slow.first, slow.on_time) == (30, "2016-01", False)
    fast = project(series([40 + 0.6 * k for k in range(30)]), target)
    assert fast.value == pytest.approx(40 + 0.6 * 59)  # 75.4
    assert fast.on_time is True


def test_least_squares_not_the_last_two_points(reg: Register) -> None:
    # x = 0, 1, 2, 3; y = 1, 3, 2, 4: mean x 1.5, mean y 2.5, Sxx = 5, Sxy = 4, slope 0.8
    # at x = 59 (December 2020): 2.5 + 0.8 × 57.5 = 48.5
    p = project(series([1, 3, 2, 4]), reg.targets["evaluation_rate"])
    assert p.value == pytest.approx(48.5)
    assert p.per_year == pytest.approx(9.6)


def test_a_falling_line_towards_a_ceiling(reg: Register) -> None:
    target = reg.targets["publish_days"]  # ≤ 3 working days
    p = project(series([6 - 0.1 * k for k in range(12)]), target)  # 6.0 → 4.9 over 2016
    assert p.value == pytest.approx(6 - 0.1 * 59)  # 0.1 days by the deadline
    assert p.on_time is True


def test_too_few_points_or_gaps(reg: Register) -> None:
    target = reg.targets["evaluation_rate"]
    two = project(series([50, 60]), target)
    assert (two.value, two.on_time, two.points) == (None, None, 2)
    gappy = series([50, None, 52, None, 54])  # type: ignore[list-item]
    p = project(gappy, target)
    assert p.points == 3  # the missing months are left out, not read as 0
    assert p.value == pytest.approx(50 + 1 * 59)  # 50, 52, 54 at months 0, 2, 4: one point a month


def _row(edb: Session, reg: Register, target: str, **changes: object):  # type: ignore[no-untyped-def]
    put(edb, [("a", "completed", "2018-06", 100), ("a", "evaluated", "2018-06", 50),
              ("a", "satisfied", "2018-06", 45), ("a", "online", "2018-06", 60), ("a", "requests", "2018-06", 100)])
    return replace(row(edb, reg, target, "2018-06"), **changes)


@pytest.mark.parametrize(("pace_gap", "word"), [(2.5, "ahead"), (2.0, "on_pace"), (0.0, "on_pace"),
                                                  (-2.0, "on_pace"), (-2.01, "behind")])
def test_verdict_against_the_pace_with_the_band(edb: Session, reg: Register, pace_gap: float, word: str) -> None:
    # evaluation rate: a percentage, so the at-risk band is 2 points either side of the expected pace
    r = _row(edb, reg, "evaluation_rate", status="on_track", gap_to_pace=pace_gap, expected=55.0)
    assert verdict(r, reg.targets["evaluation_rate"], reg, final=False) == word


def test_verdict_met_and_final(edb: Session, reg: Register) -> None:
    t = reg.targets["evaluation_rate"]
    assert verdict(_row(edb, reg, "evaluation_rate", status="met"), t, reg, final=False) == "early"
    assert verdict(_row(edb, reg, "evaluation_rate", status="met"), t, reg, final=True) == "done"
    # at the final evaluation the distance is to the target itself, whatever the pace said
    assert verdict(_row(edb, reg, "evaluation_rate", status="behind", gap_to_target=-2.0, gap_to_pace=9.0), t, reg,
                   final=True) == "nearly"
    assert verdict(_row(edb, reg, "evaluation_rate", status="behind", gap_to_target=-2.5, gap_to_pace=9.0), t, reg,
                   final=True) == "missed"


def test_verdict_band_is_relative_for_counts_of_days(edb: Session, reg: Register) -> None:
    # publish days ≤ 3: not a percentage, the band is 10% of the reference (3 days → 0.3 days)
    put(edb, [("a", "days", "2018-06", 35), ("a", "releases", "2018-06", 10)])
    r = replace(row(edb, reg, "publish_days", "2018-06"), status="behind", expected=3.0)
    t = reg.targets["publish_days"]
    assert verdict(replace(r, gap_to_pace=-0.3), t, reg, final=False) == "on_pace"
    assert verdict(replace(r, gap_to_pace=-0.31), t, reg, final=False) == "behind"
    assert verdict(replace(r, gap_to_pace=-0.31, expected=4.0), t, reg, final=False) == "on_pace"  # band 0.4


def test_no_verdict_for_milestones_or_no_data(edb: Session, reg: Register) -> None:
    r = _row(edb, reg, "evaluation_rate")
    assert verdict(replace(r, value=None), reg.targets["evaluation_rate"], reg, final=False) is None
    assert verdict(r, reg.targets["pilot"], reg, final=False) is None


def test_progress_share(edb: Session, reg: Register) -> None:
    r = _row(edb, reg, "evaluation_rate")  # 50 rated of 100 completed: 50%
    # baseline 40, target 70: (50 − 40) ÷ (70 − 40) = 33.33…%
    assert progress_share(r, reg.targets["evaluation_rate"]) == pytest.approx(100 / 3)
    assert progress_share(replace(r, value=30.0), reg.targets["evaluation_rate"]) == pytest.approx(-100 / 3)
    s = _row(edb, reg, "satisfaction_rate")
    assert progress_share(s, reg.targets["satisfaction_rate"]) is None  # 保持: no baseline, no way to go
