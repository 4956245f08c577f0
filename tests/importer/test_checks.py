"""The import checks the README promises, at their exact boundaries: each fails when its rule is broken."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import xlsxwriter
from sqlmodel import Session

from tests.helpers import csv_bytes
from tests.importer.test_apply import TODAY, plan, rejected, store, stored
from tracker.core.errors import ImportRejected
from tracker.core.periods import parse_period
from tracker.importer.checks import _history_problem, history_warnings, partners
from tracker.importer.consistency import rule_metrics
from tracker.importer.layout import Candidate
from tracker.register import Register, load_register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register

ROOT = Path(__file__).resolve().parents[2]
HEAD = ["单位", "期间", "受理量"]


def history(db: Session, register: Register, values: list[float], unit: str = "赤岗街", metric: str = "受理量") -> None:
    rows = [["单位", "期间", metric]] + [[unit, f"2018-{i + 1:02d}", str(v)] for i, v in enumerate(values)]
    store(db, plan(db, register, csv_bytes(rows)))


def warnings(db: Session, register: Register, rows: list[list[str]]) -> list[str]:
    p = plan(db, register, csv_bytes(rows))
    assert {w.severity for w in p.warnings} <= {"warning"}
    return [w.text("en") for w in p.warnings]


# --- cells and periods -------------------------------------------------------------------------------

def test_a_percentage_in_a_count_column_is_an_error(db: Session, register: Register) -> None:
    assert rejected(db, register, csv_bytes([HEAD, ["赤岗街", "2019-06", "50%"]])) == [
        "f.csv:2:C 受理量: “50%”是百分数，但“受理量”是数量列；请填写数量"]


def test_a_period_before_the_first_plan_is_an_error_its_first_month_and_later_plans_months_are_not(
        db: Session, register: Register) -> None:
    # periods belong to time, not to one plan: 2020-12 ends the 十三五, 2021-01 and 2026-10 lie in later plans
    assert rejected(db, register, csv_bytes([HEAD, ["赤岗街", "2015-12", "10"], ["赤岗街", "2016-01", "10"],
                                             ["赤岗街", "2020-12", "10"], ["赤岗街", "2021-01", "10"],
                                             ["赤岗街", "2026-10", "10"]]), today=dt.date(2026, 11, 30)) == [
        "f.csv:2:C 受理量: 期间 2015-12 早于第一个规划的开始（2016-01）；请检查年份"]


def test_the_month_just_ended_is_accepted_the_current_month_is_not(db: Session, register: Register) -> None:
    july_first = dt.date(2019, 7, 1)
    ok = plan(db, register, csv_bytes([HEAD, ["赤岗街", "2019-06", "10"]]), today=july_first)
    assert ok.count("new") == 1
    assert rejected(db, register, csv_bytes([HEAD, ["赤岗街", "2019-07", "10"]]), today=july_first) == [
        "f.csv:2:C 受理量: 期间 2019-07 尚未结束（今天是 2019-07-01，北京时间），不能报送；请检查年份和月份"]
    assert rejected(db, register, csv_bytes([HEAD, ["赤岗街", "2019Q3", "10"]]), today=dt.date(2019, 9, 30)) == [
        "f.csv:2:C 受理量: 期间 2019Q3 尚未结束（今天是 2019-09-30，北京时间），不能报送；请检查年份和月份"]


# --- units and files ---------------------------------------------------------------------------------

def test_an_ambiguous_unit_name_lists_the_candidates(engine: object) -> None:
    panyu = load_register(ROOT / "targets.yaml", ROOT / "examples" / "panyu_units.yaml")
    with session(engine) as s:  # type: ignore[arg-type]
        sync_register(session=s, register=panyu)
        s.commit()
        got = rejected(s, panyu, csv_bytes([HEAD, ["市规划和自然资源局番禺区分局", "2019-06", "10"]]))
    assert got == ["f.csv:2:A 单位: 单位“市规划和自然资源局番禺区分局”可能是 市规划和自然资源局番禺区分局(规划)、"
                   "市规划和自然资源局番禺区分局(国土房管)，无法确定；请写出完整名称（含括号内的说明）"]


def test_a_file_that_is_neither_xlsx_nor_csv_is_refused_by_type(db: Session, register: Register) -> None:
    assert rejected(db, register, b"%PDF-1.7", name="六月.pdf") == [
        "六月.pdf: 不支持的文件类型“.pdf”；请上传 .xlsx、.xls、.ods 或 .csv 文件"]
    assert rejected(db, register, b"data", name="README") == [
        "README: 不支持的文件类型“README”；请上传 .xlsx、.xls、.ods 或 .csv 文件"]
    assert rejected(db, register, b"\xd0\xcf\x11\xe0", name="六月.ET", lang="en") == [
        '六月.ET: Old spreadsheet files (".et") are not read; save it as an Excel workbook (.xlsx) in Excel or WPS '
        'and upload that']
    assert rejected(db, register, b"\xd0\xcf\x11\xe0 broken", name="六月.XLS")[0].startswith(
        "六月.XLS: 文件不是有效的 Excel 工作簿（")


def _book(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        for r, cells in enumerate(rows):
            ws.write_row(r, 0, cells)
    book.close()
    return buf.getvalue()


def test_xlsx_reads_the_sheet_named_for_data_even_when_it_is_not_first(db: Session, register: Register) -> None:
    data = _book([("说明", [["填表说明"], ["单位", "期间", "受理量"], ["赤岗街", "2019-05", 1]]),
                  ("报送数据", [HEAD, ["赤岗街", "2019-06", 4471]])])
    store(db, plan(db, register, data, name="六月.xlsx"))
    assert stored(db) == {("street_chigang", "accepted", "2019-06"): 4471.0}


def test_xlsx_without_a_data_sheet_reads_the_first(db: Session, register: Register) -> None:
    data = _book([("六月", [HEAD, ["赤岗街", "2019-06", 4471]]), ("备用", [HEAD, ["赤岗街", "2019-05", 1]])])
    store(db, plan(db, register, data, name="六月.xlsx"))
    assert stored(db) == {("street_chigang", "accepted", "2019-06"): 4471.0}


# --- numerator and denominator --------------------------------------------------------------------------

def test_equal_sides_of_a_bounded_pair_are_accepted(db: Session, register: Register) -> None:
    store(db, plan(db, register, csv_bytes([["单位", "期间", "评价数"], ["赤岗街", "2019-06", "700"]])))
    equal = plan(db, register, csv_bytes([["单位", "期间", "满意评价数"], ["赤岗街", "2019-06", "700"]]))
    assert (equal.count("new"), equal.warnings) == (1, [])
    same_row = plan(db, register, csv_bytes([["单位", "期间", "评价数", "满意评价数"], ["赤岗街", "2019-05", "9", "9"]]))
    assert same_row.count("new") == 2


def test_every_bounded_pair_is_checked_not_only_those_before_an_unbounded_one(db: Session,
                                                                            register: Register) -> None:
    # 按时办结率 comes after 办结率 (unbounded: carry-over) in the register; it is still checked
    assert rejected(db, register, csv_bytes([["单位", "期间", "办结量", "按时办结量"], ["赤岗街", "2019-06", "100", "101"]])) == [
        "f.csv:2:D 按时办结量: 按时办结量（101）大于办结量（100），这不可能；请核对两列数字"]


def test_partners_are_the_other_side_of_bounded_pairs_only() -> None:
    reg = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    # 满意 ≤ 评价 is the register's consistency rule now: its metrics are read for the rule, not as a pair
    assert partners(["satisfied"], reg) == set() and rule_metrics(["satisfied"], reg) == {"satisfied", "evaluated"}
    assert partners(["accepted"], reg) == set()  # completed ÷ accepted may exceed 100%: no partner
    assert partners(["completed"], reg) == {"evaluated", "online_completed", "completed_on_time", "completed_early"}


def test_carry_over_warning_only_when_completed_exceeds_accepted(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "办结量"], ["区农业农村局", "2019-03", "635", "635"]]
    assert warnings(db, register, rows) == []
    rows[1][3] = "636"
    p = plan(db, register, csv_bytes(rows))
    assert [(w.severity, w.line, w.column) for w in p.warnings] == [("warning", 2, "D 办结量")]


def test_a_metric_outside_the_units_type_is_a_warning_not_an_error(db: Session, register: Register) -> None:
    p = plan(db, register, csv_bytes([["单位", "期间", "网上办结量"], ["赤岗街", "2019-06", "100"]]))
    assert [(w.severity, w.key) for w in p.warnings] == [("warning", "import.warn_not_reported_by")]


# --- warnings from the unit's own history ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "warned"), [("500", False), ("501", True), ("20", False), ("19", True)])
def test_a_jump_must_exceed_five_times_either_way(db: Session, register: Register, value: str, warned: bool) -> None:
    history(db, register, [100])  # one earlier report: too few for mean ± 3 SD, enough for a jump
    got = warnings(db, register, [HEAD, ["赤岗街", "2018-02", value]])
    assert got == ([f"{int(value):,} differs from the previous report 100 by more than 5×; accepted, please check"]
                   if warned else [])


@pytest.mark.parametrize(("past", "warned"), [([100, 100], True), ([99, 101], True), ([99, 99], False)])
def test_zero_warning_from_a_history_mean_of_exactly_100(db: Session, register: Register, past: list[float],
                                                         warned: bool) -> None:
    history(db, register, past)
    got = warnings(db, register, [HEAD, ["赤岗街", "2018-03", "0"]])
    assert got == (["Reported as 0, but this unit usually reports hundreds (recent mean 100); accepted, please "
                    "check for a missing figure"] if warned else [])


def test_outlier_needs_three_reports_and_lies_outside_three_sd(db: Session, register: Register) -> None:
    history(db, register, [1000, 1100])  # two reports: no mean ± 3 SD yet, and 1,400 is no 5× jump
    assert warnings(db, register, [HEAD, ["赤岗街", "2018-03", "1400"]]) == []


def test_outlier_band_is_inclusive(db: Session, register: Register) -> None:
    history(db, register, [900, 1100, 900, 1100])  # mean 1,000, population SD 100: usual range 700–1,300
    assert warnings(db, register, [HEAD, ["赤岗街", "2018-05", "1300"], ["赤岗街", "2018-06", "700"]]) == []
    assert warnings(db, register, [HEAD, ["赤岗街", "2018-05", "1301"]]) == [
        "1,301 is far outside this unit's last 4 reports (mean 1,000, usual range 700–1,300); accepted, please check"]


def test_history_warnings_apply_to_counts_not_to_rates(db: Session, register: Register) -> None:
    history(db, register, [99.0, 99.5, 99.2, 99.4], unit="区教育局", metric="满意率")
    p = plan(db, register, csv_bytes([["单位", "期间", "满意率"], ["区教育局", "2018-05", "10%"]]))
    assert p.rows["metric"].tolist() == ["satisfaction_rate_reported"] and p.warnings == []


def test_history_is_kept_per_metric_and_a_unit_without_history_gets_no_warning(db: Session,
                                                                              register: Register) -> None:
    history(db, register, [1000, 1100, 900, 1000])
    rows = [["单位", "期间", "受理量", "办结量"], ["南华西街", "2018-05", "10", "10"], ["赤岗街", "2018-05", "", "9000"]]
    assert warnings(db, register, rows) == []  # 南华西街 has no history, 赤岗街 none for 办结量, a blank is no value


def test_rejections_and_warnings_leave_the_database_as_it_was(db: Session, register: Register) -> None:
    history(db, register, [100])
    before = stored(db)
    rejected(db, register, csv_bytes([HEAD, ["赤岗街", "2018-02", "-1"]]), today=TODAY)
    assert stored(db) == before


# --- the edges of the history warnings, and what is stored with them -------------------------------------

def flags(db: Session, register: Register, rows: list[list[str]]) -> list[str | None]:
    return plan(db, register, csv_bytes(rows)).rows["flags"].tolist()


def test_three_reports_are_enough_for_the_outlier_check(db: Session, register: Register) -> None:
    history(db, register, [1000, 1100, 900])  # mean 1,000, population SD 81.65: usual range 755–1,245
    assert warnings(db, register, [HEAD, ["赤岗街", "2018-04", "2000"]]) == [
        "2,000 is far outside this unit's last 3 reports (mean 1,000, usual range 755–1,245); accepted, please check"]
    assert flags(db, register, [HEAD, ["赤岗街", "2018-04", "2000"]]) == ["outlier"]


def test_the_usual_range_never_shows_a_negative_count(db: Session, register: Register) -> None:
    history(db, register, [10, 100, 10, 100])  # mean 55, SD 45: 55 − 135 is below zero
    assert warnings(db, register, [HEAD, ["赤岗街", "2018-05", "400"]]) == [
        "400 is far outside this unit's last 4 reports (mean 55, usual range 0–190); accepted, please check"]


def test_the_spread_is_taken_from_the_reports_that_exist_only(db: Session, register: Register) -> None:
    history(db, register, [0.9, 1.1, 0.9, 1.1])  # four reports of the twelve: SD 0.1, range 0.7–1.3
    assert flags(db, register, [HEAD, ["赤岗街", "2018-05", "1.5"]]) == ["outlier"]


def test_rounding_noise_of_a_large_constant_history_is_no_spread(db: Session, register: Register) -> None:
    history(db, register, [1234567.1] * 6)  # summed in binary: an SD of 2e-10 instead of 0
    assert warnings(db, register, [HEAD, ["赤岗街", "2018-07", "1234567.2"]]) == []


@pytest.mark.parametrize(("past", "value", "warned"), [([1], "6", True), ([10], "1", True), ([0], "10", False)])
def test_jump_from_and_to_small_counts(db: Session, register: Register, past: list[float], value: str,
                                       warned: bool) -> None:
    history(db, register, past)  # a previous report of 0 cannot be divided by: no jump, no crash
    assert flags(db, register, [HEAD, ["赤岗街", "2018-02", value]]) == (["jump"] if warned else [None])


def test_zero_warning_is_flagged_and_uses_the_mean_of_the_reports_there_are(db: Session, register: Register) -> None:
    history(db, register, [150])
    p = plan(db, register, csv_bytes([HEAD, ["赤岗街", "2018-02", "0"]]))
    assert [w.text("zh") for w in p.warnings] == ["填报为 0，但本单位通常报送数百（近期平均 150）；已接收，请核实是否漏填"]
    assert p.rows["flags"].tolist() == ["zero_unusual"]


def test_the_previous_report_is_the_last_one_before_the_value_not_after(db: Session, register: Register) -> None:
    history(db, register, [100, 600, 600])  # correcting February: only January came before it
    assert flags(db, register, [HEAD, ["赤岗街", "2018-02", "520"]]) == ["jump"]  # 5.2 × January's 100


def test_units_of_different_sizes_are_never_mixed_in_a_history(db: Session, register: Register) -> None:
    history(db, register, [1000] * 6)
    history(db, register, [10] * 6, unit="南华西街")
    rows = [HEAD, ["赤岗街", "2018-07", "1000"], ["南华西街", "2018-07", "10"]]
    assert warnings(db, register, rows) == []


def test_warnings_are_located_in_the_file(db: Session, register: Register) -> None:
    history(db, register, [100])
    p = plan(db, register, csv_bytes([HEAD, ["赤岗街", "2018-02", "0"], ["赤岗街", "2018-03", "700"]]), name="三月.csv")
    located = [w.located("zh") for w in p.warnings]
    assert located[0].startswith("三月.csv:2:C 受理量: 填报为 0") and located[1].startswith("三月.csv:3:C 受理量: 700 与上期")
    assert [(w.value, w.severity) for w in p.warnings] == [("0", "warning"), ("700", "warning")]


def test_errors_carry_the_cell_as_written(db: Session, register: Register) -> None:
    from tracker.core.errors import ImportRejected

    rows = [["单位", "期间", "零跑动事项数"], ["区教育局", "2019-06", "１０"]]
    with pytest.raises(ImportRejected) as exc:
        plan(db, register, csv_bytes(rows))
    [p] = exc.value.problems
    assert (p.line, p.column, p.value, p.severity) == (2, "C 零跑动事项数", "１０", "error")


def test_a_duplicate_after_a_blank_says_the_other_was_not_reported(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "指标", "数值"], ["赤岗街", "2019-06", "受理量", ""], ["赤岗街", "2019-06", "受理量", "12"]]
    assert rejected(db, register, csv_bytes(rows)) == [
        "f.csv:3:D 数值: 赤岗街政务服务中心 2019-06 的“受理量”出现两次且数值不同（另一处在第 2 行：——）；请只保留正确的一个"]


# --- the clerk's path (issue 8 §4) -----------------------------------------------------------------------

def test_cell_errors_and_a_numerator_above_its_denominator_are_listed_in_one_pass(db: Session,
                                                                                 register: Register) -> None:
    rows = [["单位", "期间", "受理量", "评价数", "满意评价数"], ["赤岗街", "2019-06", "十", "100", "101"]]
    assert rejected(db, register, csv_bytes(rows)) == [
        "f.csv:2:C 受理量: “十”不是数字；请填写数字，未报送请填“——”或留空",
        "f.csv:2:E 满意评价数: 满意评价数（101）大于评价数（100），这不可能；请核对两列数字"]


def test_a_header_without_data_rows_is_rejected_not_taken_as_unchanged(db: Session, register: Register) -> None:
    assert rejected(db, register, csv_bytes([HEAD])) == ["f.csv:1: 文件没有数据行：表头下面是空的；请填入数据后重新上传"]


def test_an_unknown_column_is_reported_once_at_its_header(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "自定义指标"]] + [["赤岗街", f"2019-0{m}", "10", "5"] for m in range(1, 6)]
    assert rejected(db, register, csv_bytes(rows)) == [
        "f.csv:1:D 自定义指标: 列“自定义指标”不是登记表中的指标，但下面填有数据；请改用登记表中的指标名称（见“目标登记”页），或删除这一列"]


def test_an_unknown_unit_gets_the_closest_names_from_the_register(db: Session, register: Register) -> None:
    from tracker.core.errors import ImportRejected
    from tracker.wording.problems import problems_frame

    rows = [HEAD, ["赤岗街道中心", "2019-06", "10"], ["火星办事处", "2019-06", "10"]]
    with pytest.raises(ImportRejected) as exc:
        plan(db, register, csv_bytes(rows))
    assert [p.located("zh") for p in exc.value.problems] == [
        "f.csv:2:A 单位: 单位“赤岗街道中心”不在单位登记表中；您是否要填写：赤岗街政务服务中心？请使用登记表中的单位名称、简称或代码",
        "f.csv:3:A 单位: 单位“火星办事处”不在单位登记表中；请使用登记表中的单位名称、简称或代码"]
    csv_text = problems_frame(exc.value.problems, "zh").to_csv(index=False)
    assert "您是否要填写：赤岗街政务服务中心" in csv_text  # the suggestion is in the downloadable list too


def test_a_unit_chosen_on_upload_must_match_the_files_own_unit_column(db: Session, register: Register) -> None:
    rows = [HEAD, ["赤岗街", "2019-06", "10"], ["南华西街", "2019-06", "12"]]
    assert rejected(db, register, csv_bytes(rows), unit="赤岗街") == [
        "f.csv:3:A 单位: 文件中的单位“南华西街”与上传时选择的单位“赤岗街政务服务中心”不一致；请更正文件，或上传时不选择单位"]
    same = plan(db, register, csv_bytes(rows[:2]), unit="street_chigang")
    assert same.rows["unit"].tolist() == ["street_chigang"]


def test_an_ambiguous_unit_names_the_candidates_not_their_codes() -> None:
    from tracker.importer.matching import Matcher

    panyu = load_register(ROOT / "targets.yaml", ROOT / "examples" / "panyu_units.yaml")
    assert Matcher(panyu).unit("市规划和自然资源局番禺区分局") == (None, ["py_planning", "py_planning_land"])


# --- the exact rules of an unusual value (checks._history_problem), at their edges --------------------
# history_warnings first picks the values that may be unusual at all; these call the rule itself with the
# statistics given, so each edge is tested where it is decided.

def _cand(value: float) -> Candidate:
    return Candidate(row=2, column="C", raw=str(value), unit="street_chigang", metric="accepted",
                     period=parse_period("2018-05"), value=value)


def _flag(value: float, *, mean: float, sd: float, n: int, previous: float) -> str | None:
    c = _cand(value)
    problem = _history_problem("f.csv", c, mean, sd, n, previous)
    assert (problem is None) == (not c.flags)
    return c.flags[0] if c.flags else None


@pytest.mark.parametrize(("value", "flag"), [(7.0, None), (13.0, None), (6.999, "outlier"), (13.001, "outlier")])
def test_the_usual_range_mean_plus_minus_three_sd_includes_its_ends(value: float, flag: str | None) -> None:
    assert _flag(value, mean=10.0, sd=1.0, n=4, previous=11.0) == flag  # 10 ± 3 × 1 = [7, 13]


@pytest.mark.parametrize(("mean", "sd", "flag"), [
    (1.0, 1e-9, None),         # an SD of exactly 1e-9 × max(1, |mean|) is still noise
    (1.0, 1.5e-9, "outlier"),  # above it is a spread (the floor is 1e-9 for means up to 1, not 2e-9)
    (1000.0, 1e-8, None),      # the floor grows with the mean: 1e-9 × 1000 = 1e-6
])
def test_the_noise_floor_of_the_spread(mean: float, sd: float, flag: str | None) -> None:
    assert _flag(mean + 1.0, mean=mean, sd=sd, n=3, previous=mean) == flag


def test_no_jump_from_or_to_zero_and_none_at_exactly_five_times() -> None:
    assert _flag(5.0, mean=0.0, sd=0.0, n=1, previous=0.0) is None    # nothing to divide by, no crash
    assert _flag(0.0, mean=50.0, sd=0.0, n=1, previous=50.0) is None  # 0 after 50: below the zero rule's 100
    assert _flag(50.0, mean=10.0, sd=0.0, n=1, previous=10.0) is None  # exactly 5×
    assert _flag(50.5, mean=10.0, sd=0.0, n=1, previous=10.0) == "jump"
    assert _flag(2.0, mean=10.0, sd=0.0, n=1, previous=10.0) is None    # exactly 5× down


def test_a_jump_between_small_decimal_counts_is_seen() -> None:
    # 3 → 0.5 is 6×: both are looked at although neither is 1 or more
    cands = [_cand(0.5)]
    reg = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    found = history_warnings("f.csv", cands, [("street_chigang", "accepted", "month", 2018 * 12 + 3, 3.0)], reg)
    assert [p.key for p in found] == ["import.warn_jump"] and cands[0].flags == ["jump"]


def test_each_units_history_is_its_own_series() -> None:
    """Two units' histories side by side: a 10× jump is found for each, whichever series key it gets."""
    reg = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    past = [(u, "accepted", "month", 2018 * 12 + m, 100.0) for u in ("street_chigang", "street_xingang")
            for m in range(3)]
    cands = [Candidate(2, "C", "1000", u, "accepted", parse_period("2018-05"), 1000.0)
             for u in ("street_xingang", "street_chigang")]
    found = history_warnings("f.csv", cands, past, reg)
    assert [p.key for p in found] == ["import.warn_jump", "import.warn_jump"]
    assert [c.flags for c in cands] == [["jump"], ["jump"]]


def test_a_problem_shows_the_cell_as_excel_does(db: Session, register: Register) -> None:
    """A workbook stores 100 as 100.0 and a blank cell as nothing: the problem shows 100 and a blank."""
    data = _book([("报送数据", [HEAD, ["赤岗街", "2019-06", None], ["赤岗街", "2019-06", 100],
                              ["赤岗街", "2019-07", 2.5], ["赤岗街", "2019-07", 3]])])
    with pytest.raises(ImportRejected) as exc:
        plan(db, register, data, "六月.xlsx")
    assert [(p.line, p.value) for p in exc.value.problems] == [(3, "100"), (5, "3")]
    assert exc.value.problems[1].text("zh").endswith("（另一处在第 4 行：2.5）；请只保留正确的一个")
    data = _book([("报送数据", [HEAD, ["赤岗街", "2019-06", 100], ["赤岗街", "2019-06", None]])])
    with pytest.raises(ImportRejected) as exc:
        plan(db, register, data, "六月.xlsx")
    assert [(p.line, p.value) for p in exc.value.problems] == [(3, "")]
