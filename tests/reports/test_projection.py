"""Projection to the deadline (least squares) and the verdicts plan evaluations use, on hand-made series."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from sqlmodel import Session

from tests.engine.test_engine import put, row
from tracker.core.periods import month, parse_period
from tracker.register import Register
from tracker.reports.evaluation.projection import progress_share, project, verdict


def series(values: list[float], first: str = "2016-01") -> pd.DataFrame:
    start = parse_period(first).start
    return pd.DataFrame({"period": [month(start + k).code for k in range(len(values))], "value": values})


def test_a_straight_line_reaches_its_value_at_the_deadline(reg: Register) -> None:
    target = reg.rule("evaluation_rate")  # ≥ 70 by December 2020, 59 months after January 2016
    slow = project(series([40 + 0.5 * k for k in range(30)]), target)  # 2016-01 … 2018-06
    assert slow.value == pytest.approx(40 + 0.5 * 59)  # 69.5: short of 70
    assert slow.per_year == pytest.approx(6.0)
    assert (slow.points, slow.first, slow.on_time) == (30, "2016-01", False)
    fast = project(series([40 + 0.6 * k for k in range(30)]), target)
    assert fast.value == pytest.approx(40 + 0.6 * 59)  # 75.4
    assert fast.on_time is True


def test_least_squares_not_the_last_two_points(reg: Register) -> None:
    # x = 0, 1, 2, 3 (2020-06 … 2020-09); y = 1, 3, 2, 4: mean x 1.5, mean y 2.5, Sxx = 5, Sxy = 4, slope 0.8
    # at x = 6 (December 2020): 2.5 + 0.8 × 4.5 = 6.1
    p = project(series([1, 3, 2, 4], first="2020-06"), reg.rule("evaluation_rate"))
    assert p.value == pytest.approx(6.1)
    assert p.per_year == pytest.approx(9.6)
    # residuals 1 − 1.3, 3 − 2.1, 2 − 2.9, 4 − 3.7 = −0.3, 0.9, −0.9, 0.3: SSE 1.8, s² = 1.8 ÷ 2 = 0.9
    # se of a new value at x = 6: √(0.9 × (1 + 1/4 + 4.5² ÷ 5)) = √(0.9 × 5.3) = √4.77 ≈ 2.1840
    # half-width 1.96 × 2.1840 ≈ 4.2807: 1.8193 … 10.3807, all of it short of 70
    assert p.low == pytest.approx(6.1 - 1.96 * 4.77 ** 0.5) and p.high == pytest.approx(6.1 + 1.96 * 4.77 ** 0.5)
    assert p.on_time is False


def test_a_falling_line_towards_a_ceiling(reg: Register) -> None:
    target = reg.rule("publish_days")  # ≤ 3 working days
    p = project(series([6 - 0.1 * k for k in range(30)]), target)  # 6.0 → 3.1 over 2016-01 … 2018-06
    assert p.value == pytest.approx(6 - 0.1 * 59)  # 0.1 days by the deadline
    assert p.on_time is True  # a perfect line: the interval is the point


def test_a_projection_stays_within_what_the_quantity_allows(reg: Register) -> None:
    # issue 18, finding 2: days fall 0.1 a month over 30 months from 2015-03 (to 2017-08, span 29; December
    # 2020 is 40 months on, within 2 × 29): at the deadline, 69 months after the first figure, 6 − 6.9 = −0.9;
    # a working-day figure cannot be below 0, so the outlook is 0
    p = project(series([6 - 0.1 * k for k in range(30)], first="2015-03"), reg.rule("publish_days"), lower=0.0)
    assert p.value == 0.0 and p.low == 0.0 and p.high == 0.0
    # a rate climbing 2 points a month from 60 %: 60 + 2 × 59 = 178 % → held at 100 %
    r = project(series([60 + 2 * k for k in range(30)]), reg.rule("evaluation_rate"), lower=0.0, upper=100.0)
    assert r.value == 100.0 and r.on_time is True
    assert r.low == 100.0 and r.high == 100.0  # a perfect line: both ends of the interval held as well
    assert (r.span, r.last) == (29, "2018-06")


def test_no_projection_from_a_span_too_short_for_the_deadline(reg: Register) -> None:
    # issue 18, finding 2: 12 months (2016-01 … 2016-12, span 11) stretched 48 months to December 2020:
    # 48 > 2 × 11, so none is made and the pack says why
    p = project(series([6 - 0.1 * k for k in range(12)]), reg.rule("publish_days"))
    assert (p.value, p.reason, p.span, p.first, p.last) == (None, "short", 11, "2016-01", "2016-12")


def test_too_few_points_or_gaps(reg: Register) -> None:
    target = reg.rule("evaluation_rate")
    two = project(series([50, 60]), target)
    assert (two.value, two.on_time, two.points) == (None, None, 2)
    assert two.reason == "few"
    gappy = series([50, None, 52, None, 54], first="2020-07")  # type: ignore[list-item]
    p = project(gappy, target)
    assert p.points == 3  # the missing months are left out, not read as 0
    assert p.value == pytest.approx(50 + 1 * 5)  # 50, 52, 54 at months 0, 2, 4: one point a month; Dec is 5


def _row(edb: Session, reg: Register, target: str, **changes: object):  # type: ignore[no-untyped-def]
    put(edb, [("a", "completed", "2018-06", 100), ("a", "evaluated", "2018-06", 50),
              ("a", "satisfied", "2018-06", 45), ("a", "online", "2018-06", 60), ("a", "requests", "2018-06", 100)])
    return replace(row(edb, reg, target, "2018-06"), **changes)


@pytest.mark.parametrize(("pace_gap", "word"), [(2.5, "ahead"), (2.0, "on_pace"), (0.0, "on_pace"),
                                                  (-2.0, "on_pace"), (-2.01, "behind")])
def test_verdict_against_the_pace_with_the_band(edb: Session, reg: Register, pace_gap: float, word: str) -> None:
    # evaluation rate: a percentage, so the at-risk band is 2 points either side of the expected pace
    r = _row(edb, reg, "evaluation_rate", status="on_track", gap_to_pace=pace_gap, expected=55.0)
    assert verdict(r, reg.rule("evaluation_rate"), reg, final=False) == word


def test_verdict_met_and_final(edb: Session, reg: Register) -> None:
    t = reg.rule("evaluation_rate")
    assert verdict(_row(edb, reg, "evaluation_rate", status="met"), t, reg, final=False) == "early"
    assert verdict(_row(edb, reg, "evaluation_rate", status="met"), t, reg, final=True) == "done"
    held = reg.rule("satisfaction_rate")  # 保持 ≥ 90 %: met is held, never early nor done
    for final in (False, True):
        assert verdict(_row(edb, reg, "satisfaction_rate", status="met"), held, reg, final=final) == "held"
    # at the final evaluation the distance is to the target itself, whatever the pace said
    assert verdict(_row(edb, reg, "evaluation_rate", status="behind", gap_to_target=-2.0, gap_to_pace=9.0), t, reg,
                   final=True) == "nearly"
    assert verdict(_row(edb, reg, "evaluation_rate", status="behind", gap_to_target=-2.5, gap_to_pace=9.0), t, reg,
                   final=True) == "missed"


def test_verdict_band_is_relative_for_counts_of_days(edb: Session, reg: Register) -> None:
    # publish days ≤ 3: not a percentage, the band is 10% of the reference (3 days → 0.3 days)
    put(edb, [("a", "days", "2018-06", 35), ("a", "releases", "2018-06", 10)])
    r = replace(row(edb, reg, "publish_days", "2018-06"), status="behind", expected=3.0)
    t = reg.rule("publish_days")
    assert verdict(replace(r, gap_to_pace=-0.3), t, reg, final=False) == "on_pace"
    assert verdict(replace(r, gap_to_pace=-0.31), t, reg, final=False) == "behind"
    assert verdict(replace(r, gap_to_pace=-0.31, expected=4.0), t, reg, final=False) == "on_pace"  # band 0.4


def test_the_final_verdicts_band_is_measured_on_the_target_not_on_the_pace(edb: Session, reg: Register) -> None:
    # publish days ≤ 3 at the final evaluation: the band is 10 % of the target, 0.3 days, whatever pace the row
    # still carries (4 days expected would give 0.4 days)
    put(edb, [("a", "days", "2018-06", 35), ("a", "releases", "2018-06", 10)])
    r = replace(row(edb, reg, "publish_days", "2018-06"), status="behind", expected=4.0, gap_to_pace=-0.35)
    t = reg.rule("publish_days")
    assert t.threshold == 3
    assert verdict(replace(r, gap_to_target=-0.3), t, reg, final=True) == "nearly"
    assert verdict(replace(r, gap_to_target=-0.35), t, reg, final=True) == "missed"  # 0.35 > 0.3, < 0.4
    assert verdict(replace(r, gap_to_target=-0.35), t, reg, final=False) == "on_pace"  # mid-term: the pace's band


def test_no_verdict_for_milestones_or_no_data(edb: Session, reg: Register) -> None:
    r = _row(edb, reg, "evaluation_rate")
    assert verdict(replace(r, value=None), reg.rule("evaluation_rate"), reg, final=False) is None
    assert verdict(r, reg.rule("pilot"), reg, final=False) is None


def test_progress_share(edb: Session, reg: Register) -> None:
    r = _row(edb, reg, "evaluation_rate")  # 50 rated of 100 completed: 50%
    # baseline 40, target 70: (50 − 40) ÷ (70 − 40) = 33.33…%
    assert progress_share(r, reg.rule("evaluation_rate")) == pytest.approx(100 / 3)
    assert progress_share(replace(r, value=30.0), reg.rule("evaluation_rate")) == pytest.approx(-100 / 3)
    s = _row(edb, reg, "satisfaction_rate")
    assert progress_share(s, reg.rule("satisfaction_rate")) is None  # 保持: no baseline, no way to go
    assert progress_share(replace(r, value=None), reg.rule("evaluation_rate")) is None  # no figure, no share


def test_a_milestone_is_never_projected_but_its_points_are_counted(reg: Register) -> None:
    p = project(series([1, 2, 3, 4], first="2018-01"), reg.rule("pilot"))  # a milestone: no value to reach
    assert (p.value, p.per_year, p.points, p.first, p.on_time, p.low, p.high, p.reason) == (
        None, None, 4, None, None, None, None, None)


def test_the_deadline_may_lie_exactly_twice_the_span_beyond_the_last_figure(reg: Register) -> None:
    # evaluation_rate's deadline is 2020-12. Figures 2020-06 … 2020-08 span 2 months; December is 4 = 2 × 2
    # months on: projected. One month earlier (2020-05 … 2020-07) it is 5 months on: too short a line.
    target = reg.rule("evaluation_rate")
    reach = project(series([60, 62, 64], first="2020-06"), target)
    assert reach.value == pytest.approx(64 + 2 * 4) and reach.reason is None
    short = project(series([60, 62, 64], first="2020-05"), target)
    assert (short.value, short.reason, short.points, short.first, short.span, short.last) == (
        None, "short", 3, "2020-05", 2, "2020-07")


def test_three_figures_off_a_line_give_an_interval(reg: Register) -> None:
    # x = 0, 1, 2 (2020-08 … 2020-10); y = 1, 3, 2: slope 0.5, fitted 1.5, 2, 2.5; residuals −0.5, 1, −0.5:
    # SSE 1.5, s² = 1.5 ÷ (3 − 2) = 1.5; at x = 4 (December): 2 + 0.5 × 3 = 3.5, se √(1.5 × (1 + 1/3 + 9/2))
    p = project(series([1, 3, 2], first="2020-08"), reg.rule("evaluation_rate"), lower=None)  # unbounded
    half = 1.96 * (1.5 * (1 + 1 / 3 + 9 / 2)) ** 0.5
    assert p.value == pytest.approx(3.5) and p.low == pytest.approx(3.5 - half) and p.high == pytest.approx(3.5 + half)


def test_a_figure_counts_whatever_else_its_row_lacks(reg: Register) -> None:
    # a trend row outside the rule's months has no threshold or pace: its figure is still a point of the line
    s = series([40 + 0.5 * k for k in range(30)]).assign(threshold=[None] + [70.0] * 29, expected=None)
    p = project(s, reg.rule("evaluation_rate"))
    assert p.points == 30 and p.value == pytest.approx(40 + 0.5 * 59)


def test_an_interval_across_the_target_leaves_the_outlook_open(reg: Register) -> None:
    # x = 0 … 5 (2020-04 … 2020-09); y = 60, 80, 60, 80, 60, 80: mean x 2.5, mean y 70, Sxx 17.5, Sxy 30,
    # slope 30 ÷ 17.5; at December (x = 8) 70 + 30 ÷ 17.5 × 5.5 ≈ 79.4, above 70 — but the swings of ±10 make the
    # interval run below 70 as well: 能否按期完成尚难判断, not 预计可按期完成
    p = project(series([60, 80, 60, 80, 60, 80], first="2020-04"), reg.rule("evaluation_rate"))
    assert p.value == pytest.approx(70 + 30 / 17.5 * 5.5)
    assert p.low is not None and p.high is not None and p.low < 70 < p.high
    assert p.on_time is None
