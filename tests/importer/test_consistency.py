"""Cross-metric consistency at import: the register's rules, within a file and against the stored values, as
errors or warnings the register chooses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.helpers import csv_bytes, register_of, synced
from tracker.access.roles import SYSTEM
from tracker.core.errors import ImportRejected
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register, validate_registers

TODAY = dt.date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]
HEAD = ["单位", "期间", "评价数", "满意评价数", "实体大厅办件量", "实体大厅主动评价办件数", "政务网办件量", "政务网主动评价办件数"]


def rejected(register: Register, engine: Engine, rows: list[list[object]]) -> list[str]:
    with synced(engine, register) as s, pytest.raises(ImportRejected) as exc:
        plan_import(session=s, register=register, actor=SYSTEM, name="f.csv", data=csv_bytes([HEAD, *rows]),
                    today=TODAY)
    return [p.located("zh") for p in exc.value.problems]


def test_a_channel_rating_more_than_it_handled_is_an_error(register: Register, engine: Engine) -> None:
    # 赤岗街: hall 900 handled, 950 rated — the hall rule (error) fails; the sum 950 + 80 = 1,030 ≤ 2,000 rated
    got = rejected(register, engine, [["赤岗街", "2019-06", 2000, 1990, 900, 950, 100, 80]])
    assert got == ["f.csv:2:F 实体大厅主动评价办件数: 实体大厅主动评价办件数（950）大于实体大厅办件量（900），这不可能；"
                   "请核对两列数字"]


def test_more_rated_by_channel_than_rated_is_a_flagged_warning(register: Register, engine: Engine) -> None:
    # 800 + 80 = 880 rated by channel against 700 rated in all: the register makes this rule a warning
    with synced(engine, register) as s:
        plan = plan_import(session=s, register=register, actor=SYSTEM, name="f.csv",
                           data=csv_bytes([HEAD, ["赤岗街", "2019-06", 700, 699, 900, 800, 100, 80]]), today=TODAY)
    [warning] = [w for w in plan.warnings if w.key == "import.warn_inconsistent"]
    assert warning.text("zh") == ("赤岗街政务服务中心 2019-06 的 实体大厅主动评价办件数 + 政务网主动评价办件数（880）超过 "
                                  "评价数（700），不符合“好差评主动评价办件数（实体大厅 + 政务网）不超过评价数”：已接收并标记，请核对")
    flagged = plan.rows[plan.rows["flags"].fillna("").str.contains("inconsistent")]
    assert sorted(flagged["metric"]) == ["evaluated", "rated_hall", "rated_online"]


def test_rules_are_checked_against_the_stored_values(register: Register, engine: Engine) -> None:
    with synced(engine, register) as s:
        first = plan_import(session=s, register=register, actor=SYSTEM, name="f.csv",
                            data=csv_bytes([["单位", "期间", "评价数"], ["赤岗街", "2019-06", 700]]), today=TODAY)
        store_import(session=s, plan=first, actor=SYSTEM)
        # later, only the channels: 800 + 80 against the stored 700
        plan = plan_import(session=s, register=register, actor=SYSTEM, name="g.csv", today=TODAY,
                           data=csv_bytes([["单位", "期间", "实体大厅办件量", "实体大厅主动评价办件数", "政务网办件量",
                                            "政务网主动评价办件数"], ["赤岗街", "2019-06", 900, 800, 100, 80]]))
    assert [w.params["left_value"] for w in plan.warnings if w.key == "import.warn_inconsistent"] == ["880"]


def _with_rules(tmp_path: Path, rules: str) -> Register:
    targets = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    start = targets.index("consistency:\n")
    end = targets.index("\n\n", start)
    return register_of(tmp_path, targets[:start] + rules + targets[end:],
                       (ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))


def test_the_register_chooses_error_or_warning(tmp_path: Path, engine: Engine) -> None:
    """满意评价数 ≤ 评价数 is an error by the bounded indicator, and by the shipped rule; a register that makes it a
    warning accepts the file, flagged."""
    lenient = _with_rules(tmp_path, "consistency:\n  - {code: sat, name_zh: 满意不超过评价, name_en: Satisfied within "
                                    "rated, left: satisfied, right: evaluated, severity: warning}")
    with synced(engine, lenient) as s:
        plan = plan_import(session=s, register=lenient, actor=SYSTEM, name="f.csv", today=TODAY,
                           data=csv_bytes([["单位", "期间", "评价数", "满意评价数"], ["赤岗街", "2019-06", 700, 710]]))
    assert [w.key for w in plan.warnings] == ["import.warn_inconsistent"]


def test_an_equality_rule(tmp_path: Path, engine: Engine) -> None:
    exact = _with_rules(tmp_path, "consistency:\n  - {code: eq, name_zh: 受理量等于两类之和, name_en: Accepted is the sum "
                                  "of its kinds, left: accepted, op: '==', right: [accepted_permits, accepted_public]}")
    with synced(engine, exact) as s, pytest.raises(ImportRejected) as exc:
        plan_import(session=s, register=exact, actor=SYSTEM, name="f.csv", today=TODAY,
                    data=csv_bytes([["单位", "期间", "受理量", "行政许可及备案类受理量", "社会公共服务类受理量"],
                                    ["区教育局", "2019-06", 100, 40, 59]]))
    assert "受理量（100）不等于 行政许可及备案类受理量 + 社会公共服务类受理量（99）" in exc.value.problems[0].text("zh")


def test_a_rule_naming_an_unknown_metric_is_a_register_problem(tmp_path: Path) -> None:
    targets = (ROOT / "targets.yaml").read_text(encoding="utf-8").replace(
        "left: bad_reviews_rectified, right: bad_reviews", "left: bad_reviews_fixed, right: bad_reviews")
    (tmp_path / "t.yaml").write_text(targets, encoding="utf-8")
    register, problems = validate_registers(tmp_path / "t.yaml", ROOT / "data" / "units.yaml")
    assert register is None and [p.text("en") for p in problems] == [
        'left refers to an unknown count metric "bad_reviews_fixed"; define it in the register or correct the '
        'spelling']
