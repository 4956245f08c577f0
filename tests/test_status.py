"""Target status rules at their edges: on track, the at-risk band, the deadline, milestones, rounding noise.

The figures are chosen so that each rule decides the outcome: break the rule (move a boundary by one,
swap ≤ for <, drop a condition) and one of these tests fails.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from tests.test_engine import put, row
from tracker.engine.status import (
    compare,
    expected_value,
    gap,
    milestone_status,
    month_end,
    reference_value,
    target_status,
)
from tracker.engine.wording import sentence
from tracker.periods import parse_period
from tracker.register import Register


def status(reg: Register, code: str, value: float | None, as_of: str) -> str:
    t = reg.targets[code]
    p = parse_period(as_of)
    ind = reg.indicator_of(t)
    assert ind is not None
    return target_status(t, reg, value, expected_value(t, reg, p), ind.is_percent, p)


# --- on track (正常推进) ---------------------------------------------------------------------------------

def test_ahead_of_pace_before_the_deadline_is_on_track(edb: Session, reg: Register) -> None:
    # evaluation rate: baseline 40 (end of 2015) → 70 (end of 2020); at 2018-06 the line is at 55.
    put(edb, [("a", "completed", "2018-06", 100), ("a", "evaluated", "2018-06", 56)])
    r = row(edb, reg, "evaluation_rate", "2018-06", "month")
    assert (r.value, r.expected, r.status) == (pytest.approx(56.0), 55.0, "on_track")
    assert r.gap == pytest.approx(1.0)
    assert (r.gap_to_target, r.gap_to_pace) == (pytest.approx(-14.0), pytest.approx(1.0))  # 56 − 70, 56 − 55
    assert sentence(r, reg, "zh") == ("评价率 56.00%，距目标差 14.00 个百分点；高于进度要求 1.00 个百分点"
                                      "（2018 年中期进度要求 55.00%）；正常推进")
    assert sentence(r, reg, "en") == ("Evaluation rate is 56.00%: 14.00 percentage points short of the target; "
                                      "1.00 percentage points above the expected pace (the 2018 mid-term pace: 55.00%); "
                                      "on track")


@pytest.mark.parametrize(("value", "expected"), [(55.0, "on_track"), (54.0, "at_risk"), (53.0, "at_risk"),
                                                 (52.9, "off_track")])
def test_exactly_at_pace_is_on_track_and_the_band_lies_below_it(reg: Register, value: float, expected: str) -> None:
    assert status(reg, "evaluation_rate", value, "2018-06") == expected  # pace 55, band 2 points


def test_no_on_track_from_the_deadline_on(reg: Register) -> None:
    # From the deadline month the reference is the threshold itself and being short is never "on track".
    assert status(reg, "evaluation_rate", 69.6, "2020-11") == "on_track"  # pace at 2020-11: 69.5
    assert status(reg, "evaluation_rate", 69.6, "2020-12") == "at_risk"
    assert status(reg, "evaluation_rate", 67.0, "2020-12") == "off_track"


def test_strict_threshold_exactly_reached_after_the_deadline_is_at_risk_not_on_track(edb: Session,
                                                                                    reg: Register) -> None:
    put(edb, [("a", "online", "2020-12", 80), ("a", "requests", "2020-12", 100)])
    r = row(edb, reg, "online_share", "2020-12", "month")
    assert (r.value, r.status) == (80.0, "at_risk")  # "高于 80%" is not met by 80, and there is no time left


def test_maintain_target_is_never_on_track(reg: Register) -> None:
    # 保持: the level must hold in every period; there is no ramp to be "on track" along.
    assert status(reg, "satisfaction_rate", 89.5, "2016-03") == "at_risk"
    strict = reg.targets["satisfaction_rate"].model_copy(update={"comparison": ">"})
    # exactly at a strict "保持高于 90%": not met, at the reference, yet not on track
    assert target_status(strict, reg, 90.0, 90.0, True, parse_period("2016-03")) == "at_risk"


# --- the at-risk band ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [(68.0, "at_risk"), (67.999, "off_track"), (68.001, "at_risk")])
def test_percentage_band_is_two_points_inclusive(reg: Register, value: float, expected: str) -> None:
    assert status(reg, "evaluation_rate", value, "2020-12") == expected  # 70 − 2 = 68 is still at risk


@pytest.mark.parametrize(("value", "expected"), [(3.0, "met"), (3.3, "at_risk"), (3.30001, "off_track")])
def test_relative_band_is_ten_percent_of_the_reference(reg: Register, value: float, expected: str) -> None:
    assert status(reg, "publish_days", value, "2017-03") == expected  # ≤ 3 working days; 10% of 3 is 0.3


def test_no_value_is_no_data(reg: Register) -> None:
    assert status(reg, "evaluation_rate", None, "2018-06") == "no_data"


# --- comparisons and rounding noise ----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "comparison", "threshold", "met"), [
    (70 - 1e-12, ">=", 70, True), (70 - 1e-6, ">=", 70, False), (70.0, ">=", 70, True),
    (80 + 1e-12, ">", 80, False), (80 + 1e-6, ">", 80, True),
    (3 + 1e-12, "<=", 3, True), (3 + 1e-6, "<=", 3, False),
    (3 - 1e-12, "<", 3, False), (3 - 1e-6, "<", 3, True), (3.0, "<", 3, False),
])
def test_equality_is_exact_up_to_rounding_noise(value: float, comparison: str, threshold: float, met: bool) -> None:
    assert compare(value, comparison, threshold) is met


def test_gap_is_signed_better_positive(reg: Register) -> None:
    assert gap(72.0, 70.0, reg.targets["evaluation_rate"]) == 2.0
    assert gap(2.5, 3.0, reg.targets["publish_days"]) == 0.5  # below a ≤ limit is better


# --- expected pace ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("as_of", "expected"), [
    ("2015-06", 40.0),   # before the baseline: the baseline
    ("2015-12", 40.0),   # at the baseline
    ("2016-01", 40.5),   # one month of the 60 from 40 to 70
    ("2020-11", 69.5),
    ("2020-12", 70.0),   # at the deadline: the threshold
    ("2021-06", 70.0),   # after it: still the threshold
])
def test_straight_line_from_baseline_to_threshold(reg: Register, as_of: str, expected: float) -> None:
    assert expected_value(reg.targets["evaluation_rate"], reg, parse_period(as_of)) == pytest.approx(expected)


@pytest.mark.parametrize(("as_of", "expected"), [("2015-12", 10.0), ("2016-12", 19.0), ("2017-12", 28.0),
                                                 ("2018-12", 40.0), ("2020-12", 40.0)])
def test_milestones_replace_the_straight_line(reg: Register, as_of: str, expected: float) -> None:
    # baseline 10 (2015) → milestones 28 (2017), 40 (2018) → threshold 40 (2020): 2016 lies half-way to 28
    assert expected_value(reg.targets["zero_visit_share"], reg, parse_period(as_of)) == pytest.approx(expected)


def test_without_a_baseline_the_threshold_is_expected_only_from_the_deadline(reg: Register) -> None:
    t = reg.targets["evaluation_rate"].model_copy(update={"baseline": None})
    assert expected_value(t, reg, parse_period("2020-11")) is None
    assert expected_value(t, reg, parse_period("2020-12")) == 70
    assert reference_value(t, None, parse_period("2018-06")) == 70  # the gap is then measured to the threshold


def test_milestones_from_the_deadline_year_on_give_way_to_the_threshold(reg: Register) -> None:
    later = reg.targets["evaluation_rate"].model_copy(update={"milestones": {2021: 90.0}})
    assert expected_value(later, reg, parse_period("2020-12")) == 70
    same_year = reg.targets["evaluation_rate"].model_copy(update={"milestones": {2020: 80.0}})
    # the line runs from the baseline (40, end of 2015) to the threshold (70, end of 2020): 54 of 60 months
    assert expected_value(same_year, reg, parse_period("2020-06")) == pytest.approx(67.0)


def test_reference_is_pace_before_the_deadline_and_threshold_from_it(reg: Register) -> None:
    t = reg.targets["evaluation_rate"]
    assert reference_value(t, 55.0, parse_period("2020-11")) == 55.0
    assert reference_value(t, 55.0, parse_period("2020-12")) == 70


# --- milestones ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("completed_on", "as_of", "expected"), [
    (dt.date(2018, 8, 31), "2018-08", "done"),     # completed on the deadline day itself
    (dt.date(2018, 9, 1), "2018-08", "overdue"),   # a day late, seen at the end of August
    (dt.date(2018, 9, 1), "2018-09", "done"),
    (dt.date(2018, 7, 31), "2018-07", "done"),
    (dt.date(2018, 8, 1), "2018-07", "not_due"),   # completed later than the as-of month: not yet seen
])
def test_milestone_completed_on_its_deadline_day_is_done(reg: Register, completed_on: dt.date, as_of: str,
                                                         expected: str) -> None:
    t = reg.targets["pilot"].model_copy(update={"completed_on": completed_on})
    assert milestone_status(t, parse_period(as_of)) == expected


def test_month_end_is_the_last_day_of_the_period() -> None:
    assert month_end(parse_period("2018-08")) == dt.date(2018, 8, 31)
    assert month_end(parse_period("2020-02")) == dt.date(2020, 2, 29)
    assert month_end(parse_period("2019Q4")) == dt.date(2019, 12, 31)


def test_after_the_deadline_the_last_point_is_expected_even_with_milestones(reg: Register) -> None:
    assert expected_value(reg.targets["zero_visit_share"], reg, parse_period("2021-06")) == 40.0
