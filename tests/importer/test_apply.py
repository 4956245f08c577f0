"""Import of monthly actuals: formats, encodings, every error and warning with its exact message, storage."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlmodel import Session

from tests.helpers import csv_bytes, xlsx_bytes
from tracker.access.roles import SYSTEM, Actor
from tracker.core.errors import ImportRejected
from tracker.importer.apply import ImportPlan, plan_import, store_import
from tracker.register import Register
from tracker.storage.values import current_values, value_history

TODAY = dt.date(2026, 11, 22)
WIDE = [["单位", "期间", "受理量(件)", "办结量(件)", "评价数", "满意评价数"],
        ["南华西街", "2019-06", "1,234", "1,200", "900", "899"],
        ["赤岗街", "2019-06", "2345", "2300", "——", ""]]


def plan(db: Session, register: Register, data: bytes, name: str = "f.csv", **kw: object) -> ImportPlan:
    return plan_import(session=db, register=register, actor=SYSTEM, name=name, data=data, today=kw.pop("today", TODAY),  # type: ignore[arg-type]
                       **kw)  # type: ignore[arg-type]


def rejected(db: Session, register: Register, data: bytes, name: str = "f.csv", lang: str = "zh",
             **kw: object) -> list[str]:
    with pytest.raises(ImportRejected) as exc:
        plan(db, register, data, name, **kw)
    assert exc.value.text("zh").startswith("文件被拒收")
    return [p.located(lang) for p in exc.value.problems]  # type: ignore[arg-type]


def stored(db: Session) -> dict[tuple[str, str, str], float | None]:
    df = current_values(session=db)
    return {(u, m, p): (None if v != v else v) for u, m, p, v in zip(df["unit"], df["metric"], df["period"],
                                                                      df["value"], strict=True)}


def store(db: Session, p: ImportPlan, user: str = "王芳") -> int:
    return store_import(session=db, plan=p, actor=Actor(user, "planner"))


# --- formats and encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_wide_csv_in_every_encoding(db: Session, register: Register, encoding: str) -> None:
    store(db, plan(db, register, csv_bytes(WIDE, encoding)))
    assert stored(db) == {
        ("street_nanhuaxi", "accepted", "2019-06"): 1234.0, ("street_nanhuaxi", "completed", "2019-06"): 1200.0,
        ("street_nanhuaxi", "evaluated", "2019-06"): 900.0, ("street_nanhuaxi", "satisfied", "2019-06"): 899.0,
        ("street_chigang", "accepted", "2019-06"): 2345.0, ("street_chigang", "completed", "2019-06"): 2300.0,
        ("street_chigang", "evaluated", "2019-06"): None, ("street_chigang", "satisfied", "2019-06"): None,
    }


@pytest.mark.parametrize("header", [["unit", "period", "metric", "value", "note"], ["单位", "期间", "指标", "数值", "备注"],
                                    ["單位", "月份", "指標", "數值", "備註"]])
def test_long_format_with_english_chinese_or_traditional_headers(db: Session, register: Register,
                                                                 header: list[str]) -> None:
    rows = [header, ["street_chigang", "2019-06", "accepted", "4471", "含预约件"],
            ["赤崗街", "2019/5", "辦結量", "４，４００", ""]]
    p = plan(db, register, csv_bytes(rows))
    store(db, p)
    assert stored(db) == {("street_chigang", "accepted", "2019-06"): 4471.0,
                          ("street_chigang", "completed", "2019-05"): 4400.0}
    assert p.rows["note"].tolist() == ["含预约件", None]


@pytest.mark.parametrize(("written", "code"), [("2019-06", "2019-06"), ("2019/6", "2019-06"), ("2019年6月", "2019-06"),
                                              ("201906", "2019-06"), ("2019Q2", "2019Q2"), ("2019年第二季度", "2019Q2"),
                                              ("2019H1", "2019H1"), ("2019年上半年", "2019H1"), ("2019", "2019")])
def test_period_forms(db: Session, register: Register, written: str, code: str) -> None:
    rows = [["单位", "期间", "指标", "数值"], ["赤岗街", written, "受理量", "10"]]
    assert plan(db, register, csv_bytes(rows)).rows["period"].tolist() == [code]


def test_xlsx_template_sheet_percent_cells_and_period_chosen_on_upload(db: Session, register: Register) -> None:
    rows = [["单位", "办结量", "按时办结率"], ["区教育局", 200, 0.995], ["区民政局", 400, 1.0]]
    data = xlsx_bytes(rows, sheet="报送数据", percent_cols=(2,))
    store(db, plan(db, register, data, name="六月.xlsx", period="2019-06"))
    got = stored(db)
    assert got[("dept_edu", "completed_on_time", "2019-06")] == 199.0  # 99.5% × 200
    assert got[("dept_civil", "completed_on_time", "2019-06")] == 400.0


def test_counts_in_wan_and_unit_chosen_on_upload(db: Session, register: Register) -> None:
    rows = [["期间", "受理量（万件）"], ["2019-06", "2.5"]]
    store(db, plan(db, register, csv_bytes(rows), unit="赤岗街"))
    assert stored(db) == {("street_chigang", "accepted", "2019-06"): 25_000.0}


def test_rate_without_base_is_kept_as_unweighted_rate(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "满意率"], ["区教育局", "2019-06", "99.9%"]]
    p = plan(db, register, csv_bytes(rows))
    assert p.rows[["metric", "new", "note"]].values.tolist() == [
        ["satisfaction_rate_reported", 99.9, "报送的比率（无基数，按未加权平均汇总）"]]


def test_rate_with_base_stores_implied_count_and_notes_rounding(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "办结量", "按时办结率"], ["区教育局", "2019-06", "44541", "99.43%"]]
    p = plan(db, register, csv_bytes(rows))
    row = p.rows[p.rows["metric"] == "completed_on_time"].iloc[0]
    assert row["new"] == 44287.0  # 44541 × 0.9943 = 44287.1163
    assert row["note"] == "由按时办结率 99.43% × 办结量 44541 推算为 44287.12，取整为 44287"


# --- errors: the whole file is rejected and nothing is written -----------------------------------------

def test_every_error_is_reported_with_row_column_value_and_fix(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "办结量", "评价数", "满意评价数", "满意率"],
            ["不存在街", "2019-06", "10", "10", "5", "5", ""],
            ["赤岗街", "2019-13", "10", "10", "5", "5", ""],
            ["南华西街", "2019-06", "十", "-3", "5", "6", "120%"]]
    assert rejected(db, register, csv_bytes(rows), name="六月.csv") == [
        "六月.csv:2:A 单位: 单位“不存在街”不在单位登记表中；请使用登记表中的单位名称、简称或代码",
        "六月.csv:3:B 期间: 期间“2019-13”无法识别；请写成 2019-06、2019/6、2019年6月、201906、2019Q2、2019H1 或 2019",
        "六月.csv:4:C 受理量: “十”不是数字；请填写数字，未报送请填“——”或留空",
        "六月.csv:4:D 办结量: 数量不能为负数（-3）；请更正",
        "六月.csv:4:G 满意率: 比率 120% 超出 0–100% 范围；请填写 0 到 100 之间的百分数",
        # and, in the same pass, what the readable cells say together (issue 8: no second round)
        "六月.csv:4:F 满意评价数: 满意评价数（6）大于评价数（5），这不可能；请核对两列数字",
    ]
    assert stored(db) == {}


def test_error_messages_in_english(db: Session, register: Register) -> None:
    rows = [["unit", "period", "metric", "value"], ["street_chigang", "2019-06", "acceptd", "10"]]
    assert rejected(db, register, csv_bytes(rows), lang="en") == [
        'f.csv:2:C metric: Metric "acceptd" is not in the register; use a metric name or code from the register '
        "(e.g. 受理量 / accepted)"]


def test_numerator_larger_than_denominator(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "评价数", "满意评价数"], ["赤岗街", "2019-06", "100", "101"]]
    assert rejected(db, register, csv_bytes(rows)) == [
        "f.csv:2:D 满意评价数: 满意评价数（101）大于评价数（100），这不可能；请核对两列数字"]


def test_one_side_of_a_bounded_pair_is_checked_against_the_stored_other_side(db: Session,
                                                                             register: Register) -> None:
    store(db, plan(db, register, csv_bytes([["单位", "期间", "评价数", "满意评价数"], ["赤岗街", "2019-06", "700", "699"]])))
    only_satisfied = csv_bytes([["单位", "期间", "满意评价数"], ["赤岗街", "2019-06", "800"]])
    assert rejected(db, register, only_satisfied) == [
        "f.csv:2:C 满意评价数: 满意评价数（800）大于已存储的评价数（700），这不可能；请核对，或在同一文件中一并更正评价数"]
    only_evaluated = csv_bytes([["单位", "期间", "评价数"], ["赤岗街", "2019-06", "600"]])
    assert rejected(db, register, only_evaluated, lang="en") == [
        "f.csv:2:C 评价数: Cases rated (600) is smaller than the stored Satisfied ratings (699), which cannot happen; "
        "check it, or correct Satisfied ratings in the same file"]  # the register's English names in English
    # both sides corrected in one file, or a blank other side (the stored value is kept and checked): accepted
    both = plan(db, register, csv_bytes([["单位", "期间", "评价数", "满意评价数"], ["赤岗街", "2019-06", "900", "800"]]))
    assert both.count("changed") == 2
    blank = plan(db, register, csv_bytes([["单位", "期间", "评价数", "满意评价数"], ["赤岗街", "2019-06", "", "690"]]))
    assert (blank.count("changed"), blank.count("kept")) == (1, 1)
    assert stored(db)[("street_chigang", "satisfied", "2019-06")] == 699.0  # nothing written by the rejections


def test_conflicting_duplicate(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "指标", "数值"], ["赤岗街", "2019-06", "受理量", "10"], ["赤岗街", "2019-06", "受理量", "10"],
            ["赤岗街", "2019-06", "受理量", "12"]]
    assert rejected(db, register, csv_bytes(rows)) == [
        "f.csv:4:D 数值: 赤岗街政务服务中心 2019-06 的“受理量”出现两次且数值不同（另一处在第 2 行：10）；请只保留正确的一个"]


def test_period_before_the_first_plan_and_not_yet_ended(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量"], ["赤岗街", "2015-12", "10"], ["赤岗街", "2019-06", "10"]]
    assert rejected(db, register, csv_bytes(rows), today=dt.date(2019, 6, 20)) == [
        "f.csv:2:C 受理量: 期间 2015-12 早于第一个规划的开始（2016-01）；请检查年份",
        "f.csv:3:C 受理量: 期间 2019-06 尚未结束（今天是 2019-06-20，北京时间），不能报送；请检查年份和月份"]


def test_period_must_fit_the_metric_frequency(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "零跑动事项数"], ["区教育局", "2019-06", "10"]]
    assert rejected(db, register, csv_bytes(rows)) == [
        "f.csv:2:C 零跑动事项数: “零跑动事项数”按季度报送，期间 2019-06 不符合；请改为2019Q2这样的期间"]


def test_file_level_errors(db: Session, register: Register) -> None:
    assert rejected(db, register, b"") == ["f.csv: 文件是空的；请上传填好数据的报表"]
    assert rejected(db, register, csv_bytes([["甲", "乙"], ["1", "2"]])) == [
        "f.csv: 找不到可识别的表头：需要“单位”列，以及“期间、指标、数值”三列或至少一个指标列（如“受理量”）；请使用下载的模板"]
    assert rejected(db, register, b"PK\x03\x04 not really a zip", name="f.xlsx")[0].startswith(
        "f.xlsx: 文件不是有效的 Excel 工作簿（")
    big = b"x" * 2_100_000
    assert rejected(db, register, big, max_mb=2) == ["f.csv: 文件 2.1 MB，超过上限 2 MB；请拆分为多个文件后上传"]
    assert rejected(db, register, csv_bytes([["单位", "受理量"], ["赤岗街", "1"]])) == [
        "f.csv:1: 文件中没有“期间”列；请增加期间列（如 2019-06），或在上传时选择期间"]


# --- warnings are accepted and flagged --------------------------------------------------------------

def test_completed_above_accepted_is_a_warning_flagged_on_the_value(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "办结量"], ["区农业农村局", "2019-03", "635", "709"]]
    p = plan(db, register, csv_bytes(rows))
    assert [w.located("zh") for w in p.warnings] == [
        "f.csv:2:D 办结量: 办结量 709 大于受理量 635（可能含往月结转）；已接收，请核实"]
    store(db, p)
    flags = db.execute(text("select flags from value_revision where metric_code = 'completed'")).scalar_one()
    assert flags == "completed_exceeds_accepted"


def test_metric_the_unit_type_does_not_report_is_a_warning_flagged_on_the_value(db: Session,
                                                                               register: Register) -> None:
    rows = [["单位", "期间", "受理量", "网上办结量"], ["赤岗街", "2019-06", "4471", "100"]]  # streets: no online
    p = plan(db, register, csv_bytes(rows))
    assert [w.located("zh") for w in p.warnings] == [
        "f.csv:2:D 网上办结量: 登记表中赤岗街政务服务中心（街道政务服务中心）不报送“网上办结量”；已接收，请核实单位是否填对"]
    assert [w.text("en") for w in p.warnings] == [
        'By the register, Chigang Street Service Centre (street centre) does not report "Cases completed online"; '
        'accepted, please check the unit']
    store(db, p)
    flags = db.execute(text("select metric_code, flags from value_revision order by metric_code")).all()
    assert [tuple(f) for f in flags] == [("accepted", None), ("online_completed", "not_reported_by")]


def _seed_history(db: Session, register: Register, values: list[float]) -> None:
    rows = [["单位", "期间", "受理量"]] + [["赤岗街", f"2018-{i + 1:02d}", str(v)] for i, v in enumerate(values)]
    store(db, plan(db, register, csv_bytes(rows)))


def test_value_far_outside_the_units_history(db: Session, register: Register) -> None:
    _seed_history(db, register, [1000, 1100, 900, 1000, 1100, 900])  # mean 1000, population SD 81.65
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2018-07", "2000"]]))
    assert [w.text("zh") for w in p.warnings] == [
        "2,000 明显偏离本单位近 6 期的水平（平均 1,000，正常范围 755–1,245）；已接收，请核实"]


def test_history_is_the_last_twelve_reports_before_the_value_of_the_same_unit(db: Session,
                                                                            register: Register) -> None:
    months = [f"2018-{m:02d}" for m in range(1, 13)] + ["2019-01", "2019-02"]
    chigang = [100_000, 100_000] + [900, 1100] * 6  # the last 12: mean 1,000, population SD 100
    rows = [["单位", "期间", "受理量"]] + [["赤岗街", m, str(v)] for m, v in zip(months, chigang, strict=True)]
    rows += [["南华西街", m, "1000"] for m in months] + [["赤岗街", "2019-05", "5000"]]  # May: after March
    store(db, plan(db, register, csv_bytes(rows)))
    # the file spans 2018-12 … 2019-06, so all of 赤岗街's history is read; March sees 2018-03 … 2019-02 only.
    # June's history includes May (mean 1,341.67, SD 1,107): 1,100 is within range and not a 5× jump
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-03", "1400"],
                                      ["南华西街", "2019-03", "1000"], ["赤岗街", "2019-06", "1100"],
                                      ["南华西街", "2018-12", "1000"]]))  # reaches back to 2017-12
    assert [w.located("zh") for w in p.warnings] == [
        "f.csv:2:C 受理量: 1,400 明显偏离本单位近 12 期的水平（平均 1,000，正常范围 700–1,300）；已接收，请核实"]


def test_a_constant_history_has_no_spread_even_in_floating_point(db: Session, register: Register) -> None:
    _seed_history(db, register, [3.3] * 6)  # summed in binary, six 3.3s give an SD of 4e-16, not 0
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2018-07", "3.4"]]))
    assert p.warnings == []


def test_jump_of_more_than_five_times(db: Session, register: Register) -> None:
    _seed_history(db, register, [100, 120])
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2018-03", "700"]]))
    assert [w.text("en") for w in p.warnings] == [
        "700 differs from the previous report 120 by more than 5×; accepted, please check"]


def test_zero_where_the_unit_reports_hundreds(db: Session, register: Register) -> None:
    _seed_history(db, register, [400, 500])
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2018-03", "0"]]))
    assert [w.text("zh") for w in p.warnings] == ["填报为 0，但本单位通常报送数百（近期平均 450）；已接收，请核实是否漏填"]


# --- storing: idempotent, revisions, nothing lost -----------------------------------------------------

def test_identical_reimport_changes_nothing(db: Session, register: Register) -> None:
    data = csv_bytes(WIDE)
    assert store(db, plan(db, register, data)) > 0
    again = plan(db, register, data)
    assert not again.has_changes
    assert store(db, again) == 0
    assert db.execute(text("select count(*) from submission")).scalar_one() == 1
    assert db.execute(text("select count(*) from value_revision")).scalar_one() == 8


def test_changed_value_is_a_new_revision_and_blank_keeps_the_stored_value(db: Session, register: Register) -> None:
    store(db, plan(db, register, csv_bytes(WIDE), name="六月.csv"), user="王芳")
    fixed = [WIDE[0], ["南华西街", "2019-06", "1,240", "", "900", "899"], WIDE[2]]
    p = plan(db, register, csv_bytes(fixed), name="六月更正.csv")
    assert (p.count("new"), p.count("changed"), p.count("kept")) == (0, 1, 1)
    store(db, p, user="李明")
    assert stored(db)[("street_nanhuaxi", "accepted", "2019-06")] == 1240.0
    assert stored(db)[("street_nanhuaxi", "completed", "2019-06")] == 1200.0
    history = value_history(session=db, unit="street_nanhuaxi", metric="accepted", period="2019-06")
    assert history[["value", "user", "file_name", "current"]].values.tolist() == [
        [1240.0, "李明", "六月更正.csv", True], [1234.0, "王芳", "六月.csv", False]]
    assert len(history["sha256"].iloc[0]) == 64


def test_failure_after_half_the_rows_leaves_the_database_as_before(db: Session, register: Register,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store(db, plan(db, register, csv_bytes(WIDE)))
    before = (stored(db), db.execute(text("select count(*) from submission")).scalar_one())
    monkeypatch.setattr("tracker.importer.apply.CHUNK", 10)
    rows = [["单位", "期间", "指标", "数值"]] + [["赤岗街", f"2017-{m:02d}", "受理量", str(100 + m)] for m in range(1, 13)]
    rows += [["南华西街", f"2017-{m:02d}", "受理量", str(200 + m)] for m in range(1, 9)]
    rows += [["南华西街", "2019-06", "受理量", "9999"]]  # a change to a stored value
    p = plan(db, register, csv_bytes(rows))
    assert (p.count("new"), p.count("changed")) == (20, 1)

    def fail_at_half(done: int, total: int) -> None:
        if done >= total / 2:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store_import(session=db, plan=p, actor=SYSTEM, on_progress=fail_at_half)
    assert (stored(db), db.execute(text("select count(*) from submission")).scalar_one()) == before


def test_a_new_note_on_an_unchanged_value_is_stored(db: Session, register: Register) -> None:
    """The probe: re-uploading an unchanged value with a new 备注 dropped the note ("与已保存的数据完全相同")."""
    header = ["单位", "期间", "指标", "数值", "备注"]
    store(db, plan(db, register, csv_bytes([header, ["赤岗街", "2019-06", "受理量", "100", ""]])))
    noted = plan(db, register, csv_bytes([header, ["赤岗街", "2019-06", "受理量", "100", "系统故障 3–5 日"]]))
    assert noted.count("changed") == 1 and noted.has_changes
    store(db, noted)
    history = value_history(session=db, unit="street_chigang", metric="accepted", period="2019-06")
    assert history["note"].tolist() == ["系统故障 3–5 日", None] and history["value"].tolist() == [100.0, 100.0]
    # the same note again, or no note at all (a blank never erases one): nothing to store
    for note in ("系统故障 3–5 日", ""):
        again = plan(db, register, csv_bytes([header, ["赤岗街", "2019-06", "受理量", "100", note]]))
        assert not again.has_changes and again.count("unchanged") == 1
