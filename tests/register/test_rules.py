"""The rules of each kind of target at their edges: comparisons, expected pace, the reference, milestones.

The figures are chosen so that each rule decides the outcome: break the rule (move a boundary by one, swap ≤ for
<, drop a condition) and one of these tests fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from tests.helpers import register_of
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.register.rules import MilestoneRule, compare, compare_all, month_end, rule_for

# --- comparisons and rounding noise ----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "comparison", "threshold", "met"), [
    (70 - 1e-12, ">=", 70, True), (70 - 1e-6, ">=", 70, False), (70.0, ">=", 70, True),
    (80 + 1e-12, ">", 80, False), (80 + 1e-6, ">", 80, True),
    (3 + 1e-12, "<=", 3, True), (3 + 1e-6, "<=", 3, False),
    (3 - 1e-12, "<", 3, False), (3 - 1e-6, "<", 3, True), (3.0, "<", 3, False),
])
def test_equality_is_exact_up_to_rounding_noise(value: float, comparison: str, threshold: float, met: bool) -> None:
    assert compare(value, comparison, threshold) is met
    assert compare_all(np.array([value, np.nan]), comparison, threshold).tolist() == [met, False]


def test_a_whole_column_is_compared_as_each_value_is() -> None:
    values = np.array([69.0, 70 - 1e-12, 70 - 1e-6, 70.0, 70 + 1e-6, 71.0, np.nan])
    # by hand: ≥ 70 holds from 70 − 1e-12 (rounding noise) on; < 70 only below 70 − 1e-9; NaN satisfies nothing
    assert compare_all(values, ">=", 70).tolist() == [False, True, False, True, True, True, False]
    assert compare_all(values, "<", 70).tolist() == [True, False, True, False, False, False, False]


def test_gap_is_signed_better_positive(reg: Register) -> None:
    assert reg.rule("evaluation_rate").gap(72.0, 70.0) == 2.0
    assert reg.rule("publish_days").gap(2.5, 3.0) == 0.5  # below a ≤ limit is better


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
    assert rule_for(reg.targets["evaluation_rate"]).expected(parse_period(as_of)) == pytest.approx(expected)


@pytest.mark.parametrize(("as_of", "expected"), [("2015-12", 10.0), ("2016-12", 19.0), ("2017-12", 28.0),
                                                 ("2018-12", 40.0), ("2020-12", 40.0)])
def test_milestones_replace_the_straight_line(reg: Register, as_of: str, expected: float) -> None:
    # baseline 10 (2015) → milestones 28 (2017), 40 (2018) → threshold 40 (2020): 2016 lies half-way to 28
    assert rule_for(reg.targets["zero_visit_share"]).expected(parse_period(as_of)) == pytest.approx(expected)


def test_without_a_baseline_the_threshold_is_expected_only_from_the_deadline(reg: Register) -> None:
    t = reg.targets["evaluation_rate"].model_copy(update={"baseline": None})
    assert rule_for(t).expected(parse_period("2020-11")) is None
    assert rule_for(t).expected(parse_period("2020-12")) == 70
    assert rule_for(t).reference(parse_period("2018-06")) == 70  # the gap is then measured to the threshold


def test_milestones_from_the_deadline_year_on_give_way_to_the_threshold(reg: Register) -> None:
    later = reg.targets["evaluation_rate"].model_copy(update={"milestones": {2021: 90.0}})
    assert rule_for(later).expected(parse_period("2020-12")) == 70
    same_year = reg.targets["evaluation_rate"].model_copy(update={"milestones": {2020: 80.0}})
    # the line runs from the baseline (40, end of 2015) to the threshold (70, end of 2020): 54 of 60 months
    assert rule_for(same_year).expected(parse_period("2020-06")) == pytest.approx(67.0)


def test_reference_is_pace_before_the_deadline_and_threshold_from_it(reg: Register) -> None:
    rule = reg.rule("evaluation_rate")  # pace 69.5 at 2020-11
    assert rule.reference(parse_period("2020-11")) == pytest.approx(69.5)
    assert rule.reference(parse_period("2020-12")) == 70


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
    assert MilestoneRule(t).status(parse_period(as_of)) == expected


def test_month_end_is_the_last_day_of_the_period() -> None:
    assert month_end(parse_period("2018-08")) == dt.date(2018, 8, 31)
    assert month_end(parse_period("2020-02")) == dt.date(2020, 2, 29)
    assert month_end(parse_period("2019Q4")) == dt.date(2019, 12, 31)


def test_after_the_deadline_the_last_point_is_expected_even_with_milestones(reg: Register) -> None:
    assert rule_for(reg.targets["zero_visit_share"]).expected(parse_period("2021-06")) == 40.0


# --- change relative to the baseline ---------------------------------------------------------------------

CHANGE = """
  - code: bad_reviews_down
    name_zh: 差评数下降
    name_en: Fewer bad reviews
    clause: 差评数每年下降10%
    metric: bad_reviews
    comparison: change
    change: {percent: -10, per: year}
    baseline: {value: 1000, year: 2020}
    deadline: 2025-12-31
  - code: time_halved
    name_zh: 办理时限压缩
    name_en: Processing time halved
    clause: 办理时限压缩50%
    metric: bad_reviews
    comparison: change
    change: {percent: -50}
    baseline: {value: 20, year: 2020}
    deadline: 2025-12-31
"""


def change_register(tmp_path: Path) -> Register:
    from tests.engine.test_engine import TARGETS, UNITS

    text = (TARGETS.replace("end: 2020-12", "end: 2025-12")
            .replace("  - {code: items_zero_visit", "  - {code: bad_reviews, name_zh: 差评数, name_en: Bad reviews, "
                     "unit: 件, aggregation: sum, frequency: month, reported_by: [street]}\n  - {code: items_zero_visit")
            + CHANGE)
    return register_of(tmp_path, text, UNITS)


def test_a_yearly_change_compounds_from_the_baseline(tmp_path: Path) -> None:
    rule = change_register(tmp_path).rule("bad_reviews_down")
    assert (rule.kind, rule.comparison, rule.higher_is_better) == ("change", "<=", False)
    assert rule.threshold == pytest.approx(1000 * 0.9 ** 5)  # 590.49 at the end of 2025
    assert rule.expected(parse_period("2020-12")) == pytest.approx(1000)
    assert rule.expected(parse_period("2022-12")) == pytest.approx(810)  # 1000 × 0.9²
    assert rule.expected(parse_period("2023-06")) == pytest.approx(810 + (729 - 810) * 6 / 12)  # 769.5
    assert rule.met(590.0) and not rule.met(600.0)
    assert rule.gap_to_target(780.0) == pytest.approx(590.49 - 780)  # −189.51: short, lower is better
    assert rule.gap_to_pace(780.0, parse_period("2022-12")) == pytest.approx(30.0)
    assert rule.progress_share(880.0) == pytest.approx(-120 / (590.49 - 1000) * 100)  # 29.30 %


def test_a_change_over_the_plan_runs_straight_to_its_figure(tmp_path: Path) -> None:
    rule = change_register(tmp_path).rule("time_halved")
    assert rule.threshold == pytest.approx(10.0)  # 20 × (1 − 50 %)
    assert rule.expected(parse_period("2023-06")) == pytest.approx(20 - 10 * 30 / 60)  # 30 of 60 months: 15
    assert not rule.met(10.5) and rule.met(10.0)


def test_a_change_is_said_with_its_baseline_and_its_figure(tmp_path: Path) -> None:
    from tracker.wording.rules import rule_label

    reg = change_register(tmp_path)
    assert rule_label(reg, "bad_reviews_down", "zh") == "较 2020 年（1,000 件）每年下降 10%，至 2025 年不超过 590.49 件"
    assert rule_label(reg, "bad_reviews_down", "en") == ("fall by 10% a year from 1,000 cases in 2020: "
                                                         "at most 590.49 cases by 2025")
    assert rule_label(reg, "time_halved", "zh") == "较 2020 年（20 件）下降 50%，至 2025 年不超过 10 件"


@pytest.mark.parametrize(("change", "problem"), [
    ("    change: {percent: -10, per: year}\n    threshold: 500\n", "register.change_sets_threshold"),
    ("    baseline_missing: true\n", "register.change_needs_both"),
])
def test_a_change_target_is_checked(tmp_path: Path, change: str, problem: str) -> None:
    from tests.engine.test_engine import TARGETS, UNITS
    from tracker.register import validate_registers

    body = CHANGE.split("  - code: time_halved")[0].replace("    change: {percent: -10, per: year}\n", change)
    if problem == "register.change_needs_both":
        body = body.replace("    baseline_missing: true\n", "")
    text = TARGETS.replace("end: 2020-12", "end: 2025-12").replace(
        "  - {code: items_zero_visit", "  - {code: bad_reviews, name_zh: 差评数, name_en: Bad reviews, unit: 件, "
        "aggregation: sum, frequency: month, reported_by: [street]}\n  - {code: items_zero_visit") + body
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "u.yaml").write_text(UNITS, encoding="utf-8")
    register, problems = validate_registers(tmp_path / "t.yaml", tmp_path / "u.yaml")
    assert register is None and [p.key for p in problems] == [problem]


def test_a_change_needs_a_baseline(tmp_path: Path) -> None:
    from tests.engine.test_engine import TARGETS, UNITS
    from tracker.register import validate_registers

    body = CHANGE.split("  - code: time_halved")[0].replace("    baseline: {value: 1000, year: 2020}\n", "")
    text = TARGETS.replace("end: 2020-12", "end: 2025-12").replace(
        "  - {code: items_zero_visit", "  - {code: bad_reviews, name_zh: 差评数, name_en: Bad reviews, unit: 件, "
        "aggregation: sum, frequency: month, reported_by: [street]}\n  - {code: items_zero_visit") + body
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "u.yaml").write_text(UNITS, encoding="utf-8")
    _, problems = validate_registers(tmp_path / "t.yaml", tmp_path / "u.yaml")
    assert [p.key for p in problems] == ["register.change_needs_baseline"]
    assert problems[0].text("zh").startswith("变化类目标须填写基期值")


# --- each kind's own answers, exactly (make mutate found them untested) --------------------------------------

def test_a_yearly_change_has_a_point_at_every_year_end_up_to_the_deadline(tmp_path: Path) -> None:
    rule = change_register(tmp_path).rule("bad_reviews_down")
    # baseline 1,000 at the end of 2020, 10 % less each year: 900, 810, 729, 656.1, and 590.49 at the deadline
    # (the end of 2025, said once); absolute months are year × 12 + 11 for December
    months = [m for m, _ in rule.anchors()]
    values = [v for _, v in rule.anchors()]
    assert months == [y * 12 + 11 for y in range(2020, 2026)]
    assert values == pytest.approx([1000, 900, 810, 729, 656.1, 590.49])


def test_each_kind_says_its_rule_with_its_figures(reg: Register) -> None:
    from tracker.register.rules import RuleWords

    assert rule_for(reg.targets["evaluation_rate"]).words() == RuleWords("rule.>=", threshold=70, maintain=False)
    assert rule_for(reg.targets["publish_days"]).words() == RuleWords("rule.<=", threshold=3, maintain=True)
    assert rule_for(reg.targets["pilot"]).words() == RuleWords("rule.milestone", deadline=dt.date(2018, 8, 31))


def test_without_a_pace_line_there_is_no_gap_to_pace(reg: Register) -> None:
    rule = rule_for(reg.targets["evaluation_rate"].model_copy(update={"baseline": None}))
    assert rule.gap_to_pace(60.0, parse_period("2020-11")) is None  # no line before the deadline
    assert rule.gap_to_pace(60.0, parse_period("2020-12")) == -10.0  # at it: the threshold 70


def test_a_baseline_not_yet_taken_from_the_data_draws_no_line(reg: Register) -> None:
    from tracker.register.schema import Baseline

    pending = Baseline(year=2015, from_data=True)  # the year's figure not resolved: no value
    rule = rule_for(reg.targets["evaluation_rate"].model_copy(update={"baseline": pending}))
    assert rule.anchors() == [(2020 * 12 + 11, 70.0)]
    assert rule.expected(parse_period("2018-06")) is None and rule.progress_share(60.0) is None


def test_progress_share_only_where_there_is_a_way_to_go(reg: Register) -> None:
    ramp = reg.targets["evaluation_rate"]  # 40 (2015) → 70
    assert rule_for(ramp).progress_share(55.0) == pytest.approx(50.0)  # half-way: (55 − 40) ÷ (70 − 40)
    # a baseline that already met the threshold leaves no way to go
    assert rule_for(ramp.model_copy(update={"baseline": ramp.baseline.model_copy(update={"value": 75.0})})
                    ).progress_share(80.0) is None
    # a level to hold in every period has no way to go either, even from a baseline below it
    held = reg.targets["satisfaction_rate"].model_copy(update={"baseline": ramp.baseline})  # 40 → hold 90
    assert rule_for(held).progress_share(60.0) is None


def test_a_change_says_its_figures_and_waits_for_its_baseline(tmp_path: Path) -> None:
    from tracker.register.rules import RuleWords
    from tracker.register.schema import Baseline

    reg = change_register(tmp_path)
    ready = reg.rule("bad_reviews_down").words()  # 1,000 in 2020, 10 % less a year to the end of 2025
    assert ready == RuleWords("rule.change_year", threshold=pytest.approx(590.49), percent=-10, baseline=1000,
                              baseline_year=2020, deadline=dt.date(2025, 12, 31))
    pending = reg.targets["bad_reviews_down"].model_copy(update={"baseline": Baseline(year=2020, from_data=True)})
    assert rule_for(pending).words() == RuleWords("rule.change_year_pending", percent=-10, baseline_year=2020,
                                                  deadline=dt.date(2025, 12, 31))  # no figure before its baseline
    halved = reg.rule("time_halved").words()
    assert (halved.key, halved.threshold, halved.percent) == ("rule.change_plan", 10.0, -50)
