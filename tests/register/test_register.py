"""The register checks: every kind of broken file gets its exact message, with file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.register import load_register, validate_registers
from tracker.register.source import RegisterSource

ROOT = Path(__file__).resolve().parents[2]

# Line numbers in the expectations below are counted by hand in these texts.
TARGETS = """\
plan:
  name_zh: 测试规划
  name_en: Test plan
  issuer: 测试办
  start: 2016-01
  end: 2020-12
metrics:
  - {code: completed, name_zh: 办结量, name_en: Completed, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: evaluated, name_zh: 评价数, name_en: Rated, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
indicators:
  - {code: evaluation_rate, name_zh: 评价率, name_en: Evaluation rate, numerator: evaluated, denominator: completed}
targets:
  - code: evaluation_rate
    name_zh: 评价率
    name_en: Evaluation rate
    clause: 窗口服务评价率不低于70%
    indicator: evaluation_rate
    comparison: ">="
    threshold: 70
    baseline: {value: 40, year: 2015}
    deadline: 2020-12-31
    owners: [street]
"""
UNITS = """\
units:
  - {code: district, name_zh: 全区, name_en: District, type: district}
  - {code: a, name_zh: 甲街, name_en: A street, type: street, parent: district}
  - {code: b, name_zh: 乙街, name_en: B street, type: street, parent: district}
"""


def write(tmp_path: Path, targets: str = TARGETS, units: str = UNITS) -> tuple[Path, Path]:
    t, u = tmp_path / "targets.yaml", tmp_path / "units.yaml"
    t.write_text(targets, encoding="utf-8")
    u.write_text(units, encoding="utf-8")
    return t, u


def messages(tmp_path: Path, lang: str = "zh", **texts: str) -> list[str]:
    t, u = write(tmp_path, **texts)
    register, problems = validate_registers(t, u)
    assert register is None
    return [p.located(lang) for p in problems]  # type: ignore[arg-type]


def test_shipped_registers_are_valid() -> None:
    full = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    assert list(full.plans) == ["13", "14", "15"] and not full.warnings
    assert [len(full.plan_targets[p]) for p in full.plans] == [16, 11, 9]
    assert full.plans["14"].example and full.plans["15"].example and not full.plans["13"].example
    reg = full.for_plan("13")
    assert len(reg.targets) == 16
    assert len([m for m in reg.metrics.values() if m.kind == "count"]) == 41
    street_types = [u for u in reg.units.values() if u.type == "street"]
    assert len(street_types) == 18
    assert len([u for u in reg.units.values() if u.type == "hall"]) == 10
    assert reg.targets["online_disclosure_share"].comparison == ">"
    assert reg.targets["satisfaction_rate"].maintain is True
    assert reg.targets["disclosure_pilot"].comparison == "milestone"


def test_minimal_register_is_valid(tmp_path: Path) -> None:
    t, u = write(tmp_path)
    reg = load_register(t, u)
    assert list(reg.targets) == ["evaluation_rate"]
    assert sorted(reg.descendants("district")) == ["a", "b", "district"]


def test_bad_yaml_syntax(tmp_path: Path) -> None:
    broken = TARGETS.replace("  issuer: 测试办\n", "  issuer: [测试办\n")
    out = messages(tmp_path, targets=broken)
    # the unclosed bracket is on line 4 (issuer); the parser notices only on line 5
    assert out == [f"{tmp_path / 'targets.yaml'}:4:11: YAML 语法错误：这一行的方括号“[”没有闭合，或其中的项之间缺少逗号；"
                   "请补上“]”或逗号"]


# issue 17, finding 12: the reader's language, at the line the mistake is on (by hand from TARGETS' lines:
# 4 issuer, 16 clause, 19 threshold, 20 baseline)
@pytest.mark.parametrize(("old", "new", "line", "zh", "en"), [
    ("    clause: 窗口服务评价率不低于70%\n", '    clause: "窗口服务评价率不低于70%\n', 16,
     "这一行的引号没有闭合；请补上配对的引号", "a quote opened on this line is never closed; add the closing quote"),
    ("    threshold: 70\n", "    threshold 70\n", 19, "这一行缺少冒号；请写成“名称: 值”",
     'this line lacks its colon; write "name: value"'),
    ("    threshold: 70\n", "    threshold: 70: 80\n", 19, "这里多了一个冒号；值中含冒号时请给整个值加引号，或检查缩进",
     "a colon too many here; quote a value that contains a colon, or check the indentation"),
    ("    threshold: 70\n", "\tthreshold: 70\n", 19, "这一行用了 Tab 键缩进；请改用空格",
     "this line is indented with a tab; use spaces"),
    ("    threshold: 70\n", "   threshold: 70\n", 19, "这一行的缩进与上面的行不一致；同一层的项要用空格对齐",
     "this line's indentation does not match the lines above; align items of the same level with spaces"),
    ("    baseline: {value: 40, year: 2015}\n", "    baseline: {value: 40, year: 2015\n", 20,
     "这一行的花括号“{”没有闭合，或其中的项之间缺少逗号；请补上“}”或逗号",
     'the "{" on this line is never closed, or a comma is missing between its items; add the "}" or the comma'),
])
def test_yaml_syntax_errors_in_the_readers_language_at_their_line(tmp_path: Path, old: str, new: str, line: int,
                                                                   zh: str, en: str) -> None:
    assert old in TARGETS
    broken = TARGETS.replace(old, new)
    [located] = messages(tmp_path, targets=broken)
    assert located.startswith(f"{tmp_path / 'targets.yaml'}:{line}:") and located.endswith(f"YAML 语法错误：{zh}")
    [english] = messages(tmp_path, lang="en", targets=broken)
    assert english.endswith(f"YAML syntax error: {en}")


def test_duplicate_key(tmp_path: Path) -> None:
    broken = TARGETS.replace("    threshold: 70\n", "    threshold: 70\n    threshold: 75\n")
    assert messages(tmp_path, targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:20:5: 键“threshold”重复出现（第一次在第 19 行）；请删除或合并其中一个"]


def test_unknown_field(tmp_path: Path) -> None:
    broken = TARGETS.replace("    threshold: 70\n", "    threshhold: 70\n")
    assert messages(tmp_path, lang="en", targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:19:5: Unknown field \"threshhold\"; allowed fields: code, name_zh, "
        "name_en, clause, clause_en, indicator, metric, comparison, threshold, maintain, change, baseline, deadline, "
        "milestones, completed_on, owners, source, adjustments, derived, example, note"]


def test_unknown_metric_in_indicator(tmp_path: Path) -> None:
    broken = TARGETS.replace("numerator: evaluated", "numerator: evaluatd")
    assert messages(tmp_path, targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:11:69: numerator 引用了不存在的报送项“evaluatd”；请先在登记表中定义它或更正拼写"]


def test_percentage_threshold_120(tmp_path: Path) -> None:
    broken = TARGETS.replace("threshold: 70", "threshold: 120")
    assert messages(tmp_path, lang="en", targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:19:5: Threshold 120 of a percentage indicator is outside 0–100; "
        "use a number from 0 to 100"]


def test_deadline_outside_plan(tmp_path: Path) -> None:
    broken = TARGETS.replace("deadline: 2020-12-31", "deadline: 2025-12")
    assert messages(tmp_path, targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:21:5: 截止时间 2025-12-31 不在规划期 2016-01 至 2020-12 之内；请改为规划期内的日期"]


def test_unit_parent_cycle(tmp_path: Path) -> None:
    broken = UNITS.replace("type: district}", "type: district, parent: b}")
    assert messages(tmp_path, units=broken) == [
        f"{tmp_path / 'units.yaml'}:2:70: 单位上级关系形成循环：district → b → district；请更正 parent"]


def test_milestone_moving_away(tmp_path: Path) -> None:
    broken = TARGETS.replace("    deadline: 2020-12-31\n", "    deadline: 2020-12-31\n    milestones: {2017: 50, 2018: 45}\n")
    assert messages(tmp_path, targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:22:5: 2018 年的阶段值 45 比上一阶段值 50 更远离目标 70；阶段值应逐年接近目标"]


def test_duplicate_target_code(tmp_path: Path) -> None:
    broken = TARGETS + TARGETS[TARGETS.index("  - code:"):]
    assert messages(tmp_path, targets=broken) == [
        f"{tmp_path / 'targets.yaml'}:23:5: 目标代码“evaluation_rate”重复（第一次在第 13 行）；代码必须唯一"]


def test_bad_comparison(tmp_path: Path) -> None:
    broken = TARGETS.replace('comparison: ">="', 'comparison: "=>"')
    out = messages(tmp_path, lang="en", targets=broken)
    assert out[0] == (f"{tmp_path / 'targets.yaml'}:18:5: Field \"comparison\" has an invalid value \"=>\"; "
                      "choose one of: '>=', '>', '<=', '<', 'milestone' or 'change'")


def test_unknown_unit_type_and_parent(tmp_path: Path) -> None:
    broken = UNITS.replace("type: street, parent: district}", "type: stret, parent: distrct}", 1)
    out = messages(tmp_path, lang="en", units=broken)
    assert out[0] == (f"{tmp_path / 'units.yaml'}:3:47: Field \"type\" has an invalid value \"stret\"; choose one "
                      "of: 'district', 'office', 'centre', 'branch', 'hall', 'street' or 'department'")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    broken = TARGETS.replace("threshold: 70", "threshold: 120").replace("deadline: 2020-12-31", "deadline: 2025-12")
    broken_units = UNITS.replace("type: district}", "type: district, parent: b}")
    assert len(messages(tmp_path, targets=broken, units=broken_units)) == 3


def test_source_keeps_last_valid_register(tmp_path: Path) -> None:
    t, u = write(tmp_path)
    source = RegisterSource(t, u)
    first = source.state()
    assert first.register is not None and not first.problems
    t.write_text(TARGETS.replace("threshold: 70", "threshold: 120"), encoding="utf-8")
    import os

    os.utime(t, ns=(1, 1))  # a different mtime even on coarse clocks
    second = source.state()
    assert second.register is first.register
    assert second.stale
    assert "0–100" in second.problems[0].text("zh")


def test_unknown_field_in_a_nested_mapping_lists_that_mappings_fields(tmp_path: Path) -> None:
    broken = TARGETS.replace("baseline: {value: 40, year: 2015}", "baseline: {value: 40, yaer: 2015}")
    # "    baseline: {value: 40, " is 26 characters, so the key starts in column 27
    assert sorted(messages(tmp_path, lang="en", targets=broken)) == [
        f"{tmp_path / 'targets.yaml'}:20:27: Unknown field \"yaer\"; allowed fields: value, year, note, from_data",
        f"{tmp_path / 'targets.yaml'}:20:5: Missing required field \"year\""]
