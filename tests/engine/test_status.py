"""Target status rules at their edges: on track, the at-risk band, the deadline, milestones, rounding noise.

The figures are chosen so that each rule decides the outcome: break the rule (move a boundary by one,
swap ≤ for <, drop a condition) and one of these tests fails.
"""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tests.engine.test_engine import put, row
from tracker.core.periods import parse_period
from tracker.engine.status import target_status
from tracker.register import Register
from tracker.register.rules import rule_for
from tracker.wording.sentences import sentence


def status(reg: Register, code: str, value: float | None, as_of: str) -> str:
    ind = reg.indicator_of(reg.targets[code])
    assert ind is not None
    return target_status(reg.rule(code), reg.rules, value, ind.is_percent, parse_period(as_of))


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
    strict = rule_for(reg.targets["satisfaction_rate"].model_copy(update={"comparison": ">"}))
    # exactly at a strict "保持高于 90%": not met, at the reference, yet not on track
    assert target_status(strict, reg.rules, 90.0, True, parse_period("2016-03")) == "at_risk"


# --- the at-risk band ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [(68.0, "at_risk"), (67.999, "off_track"), (68.001, "at_risk")])
def test_percentage_band_is_two_points_inclusive(reg: Register, value: float, expected: str) -> None:
    assert status(reg, "evaluation_rate", value, "2020-12") == expected  # 70 − 2 = 68 is still at risk


@pytest.mark.parametrize(("value", "expected"), [(3.0, "met"), (3.3, "at_risk"), (3.30001, "off_track")])
def test_relative_band_is_ten_percent_of_the_reference(reg: Register, value: float, expected: str) -> None:
    assert status(reg, "publish_days", value, "2017-03") == expected  # ≤ 3 working days; 10% of 3 is 0.3


def test_no_value_is_no_data(reg: Register) -> None:
    assert status(reg, "evaluation_rate", None, "2018-06") == "no_data"


def test_a_column_of_values_is_judged_as_each_value_alone(reg: Register) -> None:
    """The scorecard judges a column at once (`target_statuses`): the same statuses as one value at a time, here
    each kind in one column — evaluation rate at 2018-06, pace 55, band 2 points, threshold 70."""
    from tracker.engine.status import target_statuses

    ind = reg.indicator_of(reg.targets["evaluation_rate"])
    assert ind is not None
    values = [71.0, 70.0, 56.0, 55.0, 54.0, 53.0, 52.9, None, 10.0]
    column = target_statuses(reg.rule("evaluation_rate"), reg.rules, values, ind.is_percent, parse_period("2018-06"))
    assert column == ["met", "met", "on_track", "on_track", "at_risk", "at_risk", "off_track", "no_data",
                      "off_track"]
    assert column == [status(reg, "evaluation_rate", v, "2018-06") for v in values]
    # from the deadline on, no value is on track: 69.6 short of 70 by 0.4, within the band
    assert target_statuses(reg.rule("evaluation_rate"), reg.rules, [69.6, 67.9], ind.is_percent,
                           parse_period("2020-12")) == ["at_risk", "off_track"]
