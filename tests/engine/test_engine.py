"""The progress engine on hand-computed tables: aggregation, windows, expected pace, status, wording, analysis."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tracker.core.periods import parse_period
from tracker.engine import summary
from tracker.engine.analysis import INSUFFICIENT, Change, attribution, ranking
from tracker.engine.progress import ProgressRow, indicator_ratio, progress_rows
from tracker.engine.windows import Scope, window_for
from tracker.register import Register
from tracker.register.rules import MilestoneRule, rule_for
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import (
    append_revisions,
    current_values,
    new_submission,
    revision_row,
)
from tracker.wording.changes import change_text
from tracker.wording.sentences import sentence
from tracker.wording.tables import unit_table

TARGETS = """\
plan:
  name_zh: 测试规划
  name_en: Test plan
  issuer: 测试办
  start: 2016-01
  end: 2020-12
  checkpoints:
    - {code: midterm, kind: midterm_evaluation, period: 2018-06, name_zh: 中期评估, name_en: Mid-term}
metrics:
  - {code: completed, name_zh: 办结量, name_en: Completed, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: evaluated, name_zh: 评价数, name_en: Rated, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: satisfied, name_zh: 满意数, name_en: Satisfied, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: online, name_zh: 网上申请数, name_en: Online, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: requests, name_zh: 申请数, name_en: Requests, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: days, name_zh: 用时合计, name_en: Days, unit: 工作日, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: releases, name_zh: 发布条数, name_en: Releases, unit: 条, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: items_zero_visit, name_zh: 零跑动事项数, name_en: Zero-visit items, unit: 项, aggregation: last, frequency: quarter, reported_by: [street]}
  - {code: service_items, name_zh: 事项数, name_en: Items, unit: 项, aggregation: last, frequency: quarter, reported_by: [street]}
indicators:
  - {code: evaluation_rate, name_zh: 评价率, name_en: Evaluation rate, numerator: evaluated, denominator: completed}
  - {code: satisfaction_rate, name_zh: 满意率, name_en: Satisfaction rate, numerator: satisfied, denominator: evaluated}
  - {code: online_share, name_zh: 网上申请占比, name_en: Online share, numerator: online, denominator: requests}
  - {code: publish_days, name_zh: 平均公布用时, name_en: Days to publish, numerator: days, denominator: releases, factor: 1, unit: 工作日, bounded: false}
  - {code: zero_visit_share, name_zh: 零跑动事项占比, name_en: Share of zero-visit items, numerator: items_zero_visit, denominator: service_items}
targets:
  - {code: evaluation_rate, name_zh: 评价率, name_en: Evaluation rate, clause: 评价率不低于70%, indicator: evaluation_rate, comparison: ">=", threshold: 70, baseline: {value: 40, year: 2015}, deadline: 2020-12-31}
  - {code: satisfaction_rate, name_zh: 满意率, name_en: Satisfaction rate, clause: 满意率保持90%以上, indicator: satisfaction_rate, comparison: ">=", threshold: 90, maintain: true, deadline: 2020-12-31}
  - {code: online_share, name_zh: 网上申请占比, name_en: Online share, clause: 占比高于80%, indicator: online_share, comparison: ">", threshold: 80, baseline: {value: 50, year: 2015}, deadline: 2020-12-31}
  - {code: publish_days, name_zh: 公布时限, name_en: Days to publish, clause: 3个工作日内公布, indicator: publish_days, comparison: "<=", threshold: 3, maintain: true, deadline: 2020-12-31}
  - {code: zero_visit_share, name_zh: 零跑动事项占比, name_en: Share of zero-visit items, clause: 40%以上申办事项实现零跑动, indicator: zero_visit_share, comparison: ">=", threshold: 40, baseline: {value: 10, year: 2015}, milestones: {2017: 28, 2018: 40}, deadline: 2020-12-31}
  - {code: pilot, name_zh: 试点, name_en: Pilot, clause: 至2018年8月完成试点, comparison: milestone, deadline: 2018-08-31, completed_on: 2018-08-20}
  - {code: pilot_open, name_zh: 未完成试点, name_en: Open pilot, clause: 至2018年8月完成试点, comparison: milestone, deadline: 2018-08-31}
"""
UNITS = """\
units:
  - {code: district, name_zh: 全区, name_en: District, type: district}
  - {code: a, name_zh: 甲街, name_en: A, type: street, parent: district}
  - {code: b, name_zh: 乙街, name_en: B, type: street, parent: district}
  - {code: c, name_zh: 丙街, name_en: C, type: street, parent: district}
"""


# the fixtures reg (a register of TARGETS and UNITS) and edb (a database with it synced) are in conftest.py


@pytest.fixture(params=["raw", "kept"], autouse=True)
def read_both_ways(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Every figure of a module using this computed both ways: from raw rows, and from the pairs kept ready
    (`tracker.engine.summary`), rebuilt before each read since `put` writes past them. Yields whether each read
    of a scope of many units took the kept pairs."""
    taken: list[bool] = []
    if request.param == "kept":
        real = summary.covers

        def rebuilt_first(session: Session, register: Register, items: Any, units: Any) -> bool:
            summary.rebuild(session=session, register=register)
            answer = real(session, register, items, units)
            taken.append(answer)
            return answer

        monkeypatch.setattr(summary, "covers", rebuilt_first)
    yield taken
    if request.param == "kept" and taken:
        assert any(taken), "no read took the kept pairs"


def put(db: Session, rows: list[tuple[str, str, str, float]]) -> None:
    """Store values directly (a new revision replaces the current one of its key, as an import does)."""
    from sqlalchemy import select

    from tracker.storage.models import ValueRevision as V

    sub = new_submission(session=db, user="t", file_name="t.csv", sha256="0" * 64)
    keys = {(u, m, parse_period(p).code) for u, m, p, _ in rows}
    current = [i for i, u, m, p in db.execute(select(V.id, V.unit_code, V.metric_code, V.period)  # type: ignore[call-overload]
                                                .where(V.is_current)).all() if (u, m, p) in keys]
    append_revisions(session=db, rows=[revision_row(unit=u, metric=m, period=parse_period(p), value=v,
                                                    submission_id=sub.id or 0) for u, m, p, v in rows],
                     supersede=current)
    db.commit()


def row(db: Session, reg: Register, target: str, as_of: str, window: str = "ytd", **kw: object) -> ProgressRow:
    return next(r for r in progress_rows(session=db, register=reg, as_of=as_of, window=window, **kw)  # type: ignore[arg-type]
                if r.target == target)


def test_weighted_ratio_not_mean_of_percentages(edb: Session, reg: Register) -> None:
    put(edb, [("a", "completed", "2019-06", 1000), ("a", "evaluated", "2019-06", 900),   # 90%
              ("b", "completed", "2019-06", 100), ("b", "evaluated", "2019-06", 50)])    # 50%
    r = row(edb, reg, "evaluation_rate", "2019-06", "month")
    assert (r.numerator, r.denominator) == (950, 1100)
    assert r.value == pytest.approx(950 / 1100 * 100)  # 86.36%, not the mean of 90% and 50% (70%)
    assert (r.units_reported, r.units_expected) == (2, 3)


def test_a_flow_counts_only_in_a_window_holding_its_whole_period(edb: Session, reg: Register) -> None:
    """a reports the second quarter at once, b its June alone: June's window holds b's month but not a's
    quarter; the quarter's window holds both."""
    put(edb, [("a", "completed", "2019-Q2", 3000), ("a", "evaluated", "2019-Q2", 2400),
              ("b", "completed", "2019-06", 100), ("b", "evaluated", "2019-06", 50)])
    june = row(edb, reg, "evaluation_rate", "2019-06", "month")
    assert (june.numerator, june.denominator, june.units_reported) == (50, 100, 1)
    quarter = row(edb, reg, "evaluation_rate", "2019-06", "quarter")
    assert (quarter.numerator, quarter.denominator, quarter.units_reported) == (2400 + 50, 3000 + 100, 2)


def test_stock_takes_last_value_flow_is_summed_over_a_year(edb: Session, reg: Register) -> None:
    put(edb, [("a", "items_zero_visit", q, z) for q, z in (("2019Q1", 10), ("2019Q2", 12), ("2019Q3", 14), ("2019Q4", 16))]
        + [("a", "service_items", q, n) for q, n in (("2019Q1", 40), ("2019Q2", 40), ("2019Q3", 50), ("2019Q4", 50))]
        + [("a", "completed", f"2019-{m:02d}", 100) for m in range(1, 13)]
        + [("a", "evaluated", f"2019-{m:02d}", 75) for m in range(1, 13)])
    stock = row(edb, reg, "zero_visit_share", "2019-12", "year")
    assert (stock.numerator, stock.denominator, stock.value) == (16, 50, 32.0)  # Q4 only; summing would give 52/180
    flow = row(edb, reg, "evaluation_rate", "2019-12", "year")
    assert (flow.numerator, flow.denominator) == (900, 1200)


def test_unit_missing_a_month_is_left_out_of_both_sides(edb: Session, reg: Register) -> None:
    rows = [("a", m, f"2019-{i:02d}", v) for i in range(1, 7) for m, v in (("completed", 100), ("evaluated", 80))]
    rows += [("b", m, f"2019-{i:02d}", v) for i in (1, 2, 4, 5, 6) for m, v in (("completed", 100), ("evaluated", 50))]
    rows += [("b", "completed", "2019-03", 100)]  # b rated nothing in March: that month counts on neither side
    put(edb, rows)
    r = row(edb, reg, "evaluation_rate", "2019-06")
    assert (r.numerator, r.denominator) == (480 + 250, 600 + 500)
    assert r.value == pytest.approx(730 / 1100 * 100)


@pytest.mark.parametrize(("online", "comparison_met"), [(80, False), (81, True)])
def test_strict_greater_at_exactly_the_threshold(edb: Session, reg: Register, online: int, comparison_met: bool) -> None:
    put(edb, [("a", "online", "2020-12", online), ("a", "requests", "2020-12", 100),
              ("a", "completed", "2020-12", 100), ("a", "evaluated", "2020-12", 70)])
    assert (row(edb, reg, "online_share", "2020-12", "month").status == "met") is comparison_met
    assert row(edb, reg, "evaluation_rate", "2020-12", "month").status == "met"  # >= at exactly 70


@pytest.mark.parametrize(("days", "status"), [(25, "met"), (30, "met"), (32, "at_risk"), (35, "off_track")])
def test_at_most_targets(edb: Session, reg: Register, days: int, status: str) -> None:
    put(edb, [("a", "days", "2017-03", days), ("a", "releases", "2017-03", 10)])
    r = row(edb, reg, "publish_days", "2017-03", "month")
    assert r.value == days / 10
    assert r.status == status  # 3.2 is within 10% of 3 (at risk); 3.5 is not (off track)


@pytest.mark.parametrize(("satisfied", "status"), [(95, "met"), (89, "at_risk"), (85, "off_track")])
def test_maintain_target_expects_the_threshold_in_every_period(edb: Session, reg: Register, satisfied: int,
                                                               status: str) -> None:
    put(edb, [("a", "evaluated", "2016-03", 100), ("a", "satisfied", "2016-03", satisfied)])
    r = row(edb, reg, "satisfaction_rate", "2016-03", "month")
    assert r.expected == 90 and r.status == status  # early in the plan, but 保持 allows no ramp


@pytest.mark.parametrize(("as_of", "done", "open_"), [("2018-07", "not_due", "not_due"), ("2018-08", "done", "overdue"),
                                                      ("2018-09", "done", "overdue")])
def test_milestone_before_at_and_after_its_date(reg: Register, as_of: str, done: str, open_: str) -> None:
    assert MilestoneRule(reg.targets["pilot"]).status(parse_period(as_of)) == done
    assert MilestoneRule(reg.targets["pilot_open"]).status(parse_period(as_of)) == open_


def test_a_dated_tasks_sentence_says_its_deadline_and_its_state_once(edb: Session, reg: Register) -> None:
    """Before the deadline the state word alone (未到期), not "尚未到期；未到期"; done with its date; overdue."""
    cases = [("pilot_open", "2018-07", "未完成试点：要求 2018-08-31 前完成；未到期", "Open pilot: due by 2018-08-31; not due"),
             ("pilot", "2018-08", "试点：已于 2018-08-20 完成（要求 2018-08-31 前完成）；已完成",
              "Pilot: completed on 2018-08-20 (due by 2018-08-31); done"),
             ("pilot_open", "2018-09", "未完成试点：要求 2018-08-31 前完成，至今未完成；已逾期",
              "Open pilot: due by 2018-08-31, not completed; overdue")]
    for target, as_of, zh, en in cases:
        r = row(edb, reg, target, as_of, "month")
        assert (sentence(r, reg, "zh"), sentence(r, reg, "en")) == (zh, en)


def test_expected_pace_straight_line_and_milestones(reg: Register) -> None:
    # baseline 40 at the end of 2015, 70 at the end of 2020: 2018-06 is 30 of 60 months → 55
    assert rule_for(reg.targets["evaluation_rate"]).expected(parse_period("2018-06")) == pytest.approx(55.0)
    # milestones 28 (end 2017) and 40 (end 2018): half-way through 2018 → 34
    assert rule_for(reg.targets["zero_visit_share"]).expected(parse_period("2018-06")) == pytest.approx(34.0)
    assert rule_for(reg.targets["zero_visit_share"]).expected(parse_period("2019-06")) == pytest.approx(40.0)


def test_leader_sentence_in_chinese_and_english(edb: Session, reg: Register) -> None:
    put(edb, [("a", "items_zero_visit", "2018Q2", 312), ("a", "service_items", "2018Q2", 1000)])
    r = row(edb, reg, "zero_visit_share", "2018-06", "quarter")
    assert r.status == "off_track" and r.gap == pytest.approx(-2.8)
    # both distances, never one ambiguous "差": 31.2 is 8.8 short of the 40% target and 2.8 below the pace of 34
    assert sentence(r, reg, "zh") == ("零跑动事项占比 31.20%，距目标差 8.80 个百分点；低于进度要求 2.80 个百分点"
                                      "（2018 年中期进度要求 34.00%）；滞后")
    assert sentence(r, reg, "en") == ("Share of zero-visit items is 31.20%: 8.80 percentage points short of the target; "
                                      "2.80 percentage points below the expected pace (the 2018 mid-term pace: 34.00%); "
                                      "off track")


def test_windows_at_year_boundaries(reg: Register) -> None:
    def span(kind: str, as_of: str) -> tuple[str, str]:
        w = window_for(kind, as_of, reg)
        return w.first.code, w.last.code

    assert span("ytd", "2019-01") == ("2019-01", "2019-01")
    assert span("quarter", "2019-01") == ("2019-01", "2019-01")
    assert span("rolling12", "2019-01") == ("2018-02", "2019-01")
    assert span("year", "2018-12") == ("2018-01", "2018-12")
    assert span("half_year", "2018-12") == ("2018-07", "2018-12")
    assert span("plan", "2019-01") == ("2016-01", "2019-01")
    month = window_for("month", "2019-01", reg)
    assert (month.previous().first.code, month.year_ago().first.code) == ("2018-12", "2018-01")


def test_scope_unit_and_subtree(edb: Session, reg: Register) -> None:
    put(edb, [("a", "completed", "2019-06", 100), ("a", "evaluated", "2019-06", 90),
              ("b", "completed", "2019-06", 100), ("b", "evaluated", "2019-06", 10)])
    assert row(edb, reg, "evaluation_rate", "2019-06", scope=Scope("unit", "a")).value == 90.0
    assert row(edb, reg, "evaluation_rate", "2019-06", scope=Scope("subtree", "district")).value == 50.0


def test_gap_attribution_largest_shortfall_first(edb: Session, reg: Register) -> None:
    put(edb, [("a", "completed", "2019-06", 1000), ("a", "evaluated", "2019-06", 600),   # needs 700: short 100
              ("b", "completed", "2019-06", 500), ("b", "evaluated", "2019-06", 200),    # needs 350: short 150
              ("c", "completed", "2019-06", 100), ("c", "evaluated", "2019-06", 90)])    # above 70%: none
    win = window_for("month", "2019-06", reg)
    values = current_values(session=edb)
    per_unit, _, _ = indicator_ratio(values, reg, reg.indicators["evaluation_rate"], win, ["a", "b", "c"])
    blame = attribution(per_unit, reg.rule("evaluation_rate"), reg.indicators["evaluation_rate"], reg)
    assert blame["unit"].tolist() == ["b", "a"]
    assert blame["shortfall"].tolist() == pytest.approx([150, 100])
    assert blame["share"].tolist() == pytest.approx([60.0, 40.0])


def test_ranking_leaves_small_samples_unranked(reg: Register) -> None:
    per_unit = pd.DataFrame({"unit": ["a", "b", "c"], "numerator": [990, 99, 20],
                             "denominator": [1000, 100, 20], "value": [99.0, 99.0 + 0.5, 100.0]})
    ranked = ranking(per_unit, register=reg, min_sample=30)
    assert ranked["unit"].tolist() == ["b", "a", "c"]
    assert ranked["rank"].tolist()[:2] == [1, 2] and pd.isna(ranked["rank"].iloc[2])
    assert ranked["note"].tolist() == ["", "", INSUFFICIENT]
    shown = unit_table(ranked, reg, "%", "zh")
    assert shown["备注"].tolist() == ["", "", "样本不足"] and shown["排名"].tolist() == ["1", "2", "—"]


@pytest.mark.parametrize("arrival", [["c", "a", "b"], ["b", "c", "a"], ["a", "b", "c"]])
def test_equal_figures_keep_the_registers_unit_order_whatever_order_they_arrive_in(reg: Register,
                                                                                   arrival: list[str]) -> None:
    # every unit at 100.00 % (a common tie: 按时办结率), then every unit short by the same 30 cases
    full = pd.DataFrame({"unit": arrival, "numerator": [100] * 3, "denominator": [100] * 3, "value": [100.0] * 3})
    assert ranking(full, register=reg, min_sample=1)["unit"].tolist() == ["a", "b", "c"]
    short = full.assign(numerator=[40] * 3, value=[40.0] * 3)  # 70 needed of 100: each short by 30
    blame = attribution(short, reg.rule("evaluation_rate"), reg.indicators["evaluation_rate"], reg)
    assert blame["unit"].tolist() == ["a", "b", "c"]
    assert blame["share"].tolist() == pytest.approx([100 / 3] * 3)


def test_changes_in_points_and_percent() -> None:
    assert change_text(Change(60.0, 50.0, True), "zh") == "上升 10.00 个百分点"
    assert change_text(Change(25824, 30495, False), "zh") == "下降 15.32%"  # the 南沙 briefing's 环比下降 15.32%
    assert change_text(Change(5.0, 5.0, False), "en") == "unchanged"
    assert change_text(Change(None, 5.0, False), "zh") == "无可比数据"


def test_untargeted_indicator_is_listed_with_nulls(engine: Engine, register: Register) -> None:
    with session(engine) as s:
        sync_register(session=s, register=register)
        put(s, [("street_chigang", "accepted", "2019-06", 100), ("street_chigang", "completed", "2019-06", 98)])
        rows = {r.indicator: r for r in progress_rows(session=s, register=register, as_of="2019-06", window="month")}
    r = rows["completion_rate"]
    assert (r.target, r.threshold, r.expected, r.gap, r.status, r.value) == (None, None, None, None, "untargeted", 98.0)
