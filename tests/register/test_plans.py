"""The register of successive plans: its checks, the clause-threshold warning, the shipped plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.engine.test_plans import PLANS, UNITS
from tracker.core.errors import Problem
from tracker.register import load_register, validate_registers
from tracker.register.clauses import clause_numbers, translation_numbers


def problems(tmp_path: Path, targets: str, units: str = UNITS) -> list[str]:
    (tmp_path / "t.yaml").write_text(targets, encoding="utf-8")
    (tmp_path / "u.yaml").write_text(units, encoding="utf-8")
    register, found = validate_registers(tmp_path / "t.yaml", tmp_path / "u.yaml")
    return [p.key for p in (found or list(register.warnings if register else []))]


def only_warning(tmp_path: Path, targets: str, key: str) -> Problem:
    """The one problem of the register `targets`, of `key`: a warning, with which the register still loads."""
    assert problems(tmp_path, targets) == [key]
    register, _ = validate_registers(tmp_path / "t.yaml", tmp_path / "u.yaml")  # `problems` wrote the files
    assert register is not None
    [warning] = register.warnings
    assert warning.severity == "warning"
    return warning


@pytest.mark.parametrize(("clause", "numbers"), [
    ("全区政务服务窗口服务评价率不低于70%", [70.0]), ("重大政策信息3个工作日内向社会公布", [3.0]),
    ("至2018年8月，完成基层政务公开标准化规范化试点任务", []), ("满意率保持99.5%以上", [99.5]),
    ("全区24个部门的政务服务事项实行统一的目录化动态管理", [24.0]),
])
def test_clause_numbers_leave_out_dates(clause: str, numbers: list[float]) -> None:
    assert clause_numbers(clause) == numbers


def test_a_threshold_that_no_longer_matches_its_clause_is_a_warning(tmp_path: Path) -> None:
    assert problems(tmp_path, PLANS) == []
    edited = PLANS.replace("threshold: 70, deadline: 2020-12-31", "threshold: 75, deadline: 2020-12-31")
    warning = only_warning(tmp_path, edited, "register.clause_threshold")
    assert warning.text("zh") == ("目标值 75 与引用的规划原文“评价率不低于70%”中的数字（70）不符，且没有记录调整；"
                                  "请核对，或在 adjustments 中写明调整依据")
    derived = edited.replace("threshold: 75,", "threshold: 75, derived: 口径调整,")
    assert problems(tmp_path, derived) == []  # how it was derived is said


def test_an_english_clause_whose_figures_are_not_the_originals_is_a_warning(tmp_path: Path) -> None:
    assert translation_numbers("By August 2018, 24 departments, 12345 hotline, 99.5%") == [24.0, 12345.0, 99.5]
    assert translation_numbers("1,500 cases, ９０% by 2025") == [1500.0, 90.0]  # thousands, full-width, a year
    # a number that could be a year is a figure when the clause has it as one (2000件, 到2025年)
    assert translation_numbers("2,000 items by the end of 2025", [2000.0]) == [2000.0]
    assert translation_numbers("By 2025, 2025 cases", [2025.0]) == [2025.0]  # 到2025年办理2025件: the figure once
    assert translation_numbers("1999 items, 1999.5 hours and 2020% in 2021", [1999.0, 1999.5, 2020.0]) == [
        1999.0, 1999.5, 2020.0]
    counted = PLANS.replace("评价率达到80%以上", "评价2000件，评价率达到80%以上").replace(
        "clause_en: A rate of 80% or more", "clause_en: 2,000 reviews, a rate of 80% or more")
    assert "评价2000件" in counted and problems(tmp_path, counted) == []
    assert problems(tmp_path, PLANS) == []  # "A rate of 80% or more" for 评价率达到80%以上
    wrong = PLANS.replace("clause_en: A rate of 80% or more", "clause_en: A rate of 85% or more")
    warning = only_warning(tmp_path, wrong, "register.clause_translation")
    line = next(i for i, text in enumerate(wrong.splitlines(), start=1) if "clause_en:" in text)
    assert (warning.line, warning.text("en")) == (line, 'The figures of the English translation "A rate of 85% or '
                                                  'more" are not those (80) of the clause "评价率达到80%以上"; check clause_en')
    more = PLANS.replace("clause_en: A rate of 80% or more", "clause_en: A rate of 80% or more by 2025 in 3 steps")
    assert problems(tmp_path, more) == ["register.clause_translation"]  # a figure the clause has not (the year is none)


def test_every_shipped_clause_has_an_english_translation_with_its_figures() -> None:
    register = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    assert [t.code for t in register.all_targets.values() if not t.clause_en] == []
    assert [w.key for w in register.warnings] == []


@pytest.mark.parametrize(("edit", "key"), [
    (lambda t: t.replace("  - code: new\n", "  - code: old\n"), "register.duplicate_code"),
    (lambda t: t.replace("start: 2021-01", "start: 2020-06"), "register.plans_overlap"),
    (lambda t: t.replace("effective: 2023-07", "effective: 2027-01"), "register.adjustment_outside"),
    (lambda t: t.replace("baseline: {year: 2020, from_data: true}", "baseline: {year: 2020, value: 3, from_data: true}"),
     "register.baseline_both"),
    (lambda t: t.replace("      - code: fewer_bad_2025", "      - code: rate_2020"), "register.duplicate_target"),
    (lambda t: "plan: {name_zh: x, name_en: x, issuer: x, start: 2016-01, end: 2020-12}\n" + t, "register.plan_or_plans"),
])
def test_plans_are_checked(tmp_path: Path, edit: object, key: str) -> None:
    assert key in problems(tmp_path, edit(PLANS))  # type: ignore[operator]


def test_a_lineage_must_name_known_units_without_a_circle(tmp_path: Path) -> None:
    circle = UNITS.replace("type: street, parent: district, valid_to: 2019-03}",
                           "type: street, parent: district, valid_to: 2019-03, predecessors: [{unit: a2}]}")
    assert problems(tmp_path, PLANS, circle) == ["register.lineage_cycle", "register.lineage_cycle"]
    unknown = UNITS.replace("predecessors: [{unit: a, kind: renamed}]", "predecessors: [{unit: zz}]")
    assert problems(tmp_path, PLANS, unknown) == ["register.unknown_ref"]


def test_a_unit_reached_as_a_child_and_as_a_predecessor_is_below_once(tmp_path: Path) -> None:
    """甲街 is the district's child and the unit 甲街（新） continues: the district's units name it once, in the order
    the tree is walked (the last child first, then what each continues)."""
    (tmp_path / "t.yaml").write_text(PLANS, encoding="utf-8")
    (tmp_path / "u.yaml").write_text(UNITS, encoding="utf-8")
    register = load_register(tmp_path / "t.yaml", tmp_path / "u.yaml")
    assert register.descendants("district") == ["district", "b", "a2", "a"]
    assert register.descendants("a2") == ["a2", "a"]
