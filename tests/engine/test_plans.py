"""Successive plans on hand-computed data: a plan's view, a baseline taken from the stored figures of a year, a
target adjusted under way (status before and after its effective month), a renamed unit whose history continues."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.engine.test_engine import put
from tests.helpers import register_of, synced
from tracker.core.errors import TrackerError
from tracker.core.periods import parse_period
from tracker.engine.completeness import completeness
from tracker.engine.plans import missing_baselines, plan_view
from tracker.engine.progress import progress_rows
from tracker.engine.views import pace_series, plan_series
from tracker.engine.windows import Scope, scope_for
from tracker.register import Register
from tracker.wording.sentences import sentence

PLANS = """\
metrics:
  - {code: completed, name_zh: 办结量, name_en: Completed, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: evaluated, name_zh: 评价数, name_en: Rated, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
  - {code: bad_reviews, name_zh: 差评数, name_en: Bad reviews, unit: 件, aggregation: sum, frequency: month, reported_by: [street]}
indicators:
  - {code: evaluation_rate, name_zh: 评价率, name_en: Evaluation rate, numerator: evaluated, denominator: completed}
plans:
  - code: old
    name_zh: 旧规划
    name_en: Old plan
    issuer: 测试办
    start: 2016-01
    end: 2020-12
    targets:
      - {code: rate_2020, name_zh: 评价率, name_en: Rate, clause: 评价率不低于70%, indicator: evaluation_rate, comparison: ">=", threshold: 70, deadline: 2020-12-31}
  - code: new
    name_zh: 新规划
    name_en: New plan
    issuer: 测试局
    start: 2021-01
    end: 2025-12
    targets:
      - code: rate_2025
        name_zh: 评价率
        name_en: Rate
        clause: 评价率达到80%以上
        clause_en: A rate of 80% or more
        indicator: evaluation_rate
        comparison: ">="
        threshold: 80
        baseline: {year: 2020, from_data: true}
        deadline: 2025-12-31
        adjustments:
          - {effective: 2023-07, threshold: 85, document: 中期评估报告, reason: 提前达标，提高目标}
      - code: fewer_bad_2025
        name_zh: 差评下降
        name_en: Fewer bad reviews
        clause: 差评数每年下降10%
        metric: bad_reviews
        comparison: change
        change: {percent: -10, per: year}
        baseline: {year: 2019, from_data: true}
        deadline: 2025-12-31
"""
UNITS = """\
units:
  - {code: district, name_zh: 全区, name_en: District, type: district}
  - {code: a, name_zh: 甲街, name_en: A, type: street, parent: district, valid_to: 2019-03}
  - {code: a2, name_zh: 甲街（新）, name_en: A (new), type: street, parent: district, valid_from: 2019-04, predecessors: [{unit: a, kind: renamed}]}
  - {code: b, name_zh: 乙街, name_en: B, type: street, parent: district}
"""


@pytest.fixture
def plans(tmp_path: Path) -> Register:
    return register_of(tmp_path, PLANS, UNITS)


@pytest.fixture
def pdb(engine: Engine, plans: Register) -> Iterator[Session]:
    with synced(engine, plans) as s:
        yield s


def test_the_plan_of_a_month_and_the_view(plans: Register) -> None:
    assert plans.plan_for(parse_period("2018-06").end) == "old"
    assert plans.plan_for(parse_period("2023-06").end) == "new"
    assert plans.plan_for(parse_period("2031-01").end) == "new"  # after every plan: the latest that started
    assert plans.plan_for(parse_period("2015-01").end) == "old"  # before every plan: the first
    assert list(plans.for_plan("old").targets) == ["rate_2020"]
    assert plans.first_month == parse_period("2016-01").start


def test_a_baseline_from_the_data_is_the_district_figure_of_its_year(pdb: Session, plans: Register) -> None:
    # 2020: 乙街 rated 60 of 100 completed in June, 甲街（新） 70 of 100 in July → (60 + 70) ÷ 200 = 65 %
    put(pdb, [("b", "completed", "2020-06", 100), ("b", "evaluated", "2020-06", 60),
              ("a2", "completed", "2020-07", 100), ("a2", "evaluated", "2020-07", 70)])
    view = plan_view(session=pdb, register=plans, as_of="2023-06")
    assert view.plan.code == "new"
    baseline = view.targets["rate_2025"].baseline
    assert baseline is not None and baseline.value == pytest.approx(65.0) and baseline.from_data
    # the pace runs from 65 (end of 2020) to 80 (end of 2025): 2023-06 is 30 of 60 months → 72.5
    assert view.rule("rate_2025", parse_period("2023-06").end).expected(parse_period("2023-06")) == pytest.approx(72.5)
    # 2019 has no data: the change target waits for it, and says so
    assert missing_baselines(view) == [("fewer_bad_2025", 2019)]
    put(pdb, [("b", "bad_reviews", "2023-06", 50)])
    row = next(r for r in progress_rows(session=pdb, register=view, as_of="2023-06", window="ytd")
               if r.target == "fewer_bad_2025")
    assert (row.value, row.status, row.threshold, row.expected) == (50.0, "no_data", None, None)
    assert sentence(row, view, "zh") == "差评下降：目标值以 2019 年的数据为基期，该年尚无数据，暂不能评价；请先报送 2019 年数据"
    # once 2019 is reported: 乙街 12 in March and 8 in November → 20, a plain metric's total for the year
    put(pdb, [("b", "bad_reviews", "2019-03", 12), ("b", "bad_reviews", "2019-11", 8)])
    view = plan_view(session=pdb, register=plans, as_of="2023-06")
    assert [(c, t.baseline.value) for c, t in view.targets.items() if t.baseline] == [("rate_2025", 65.0),
                                                                                      ("fewer_bad_2025", 20.0)]
    assert missing_baselines(view) == []


def test_an_adjusted_threshold_applies_from_its_effective_month(pdb: Session, plans: Register) -> None:
    put(pdb, [("b", "completed", "2020-06", 100), ("b", "evaluated", "2020-06", 65)])  # baseline 65 %
    put(pdb, [("b", "completed", f"2023-{m:02d}", 100) for m in (6, 7)]
        + [("b", "evaluated", f"2023-{m:02d}", 82) for m in (6, 7)])
    view = plan_view(session=pdb, register=plans, plan="new")

    def status(as_of: str) -> tuple[float | None, float | None, str]:
        r = next(r for r in progress_rows(session=pdb, register=view, as_of=as_of, window="month")
                 if r.target == "rate_2025")
        return r.threshold, r.expected, r.status

    # June 2023: the original 80 → 82 % meets it
    assert status("2023-06") == (80, pytest.approx(72.5), "met")
    # July 2023: 85 from now on; the pace runs from 65 to 85: 31 of 60 months → 65 + 20 × 31 ÷ 60 = 75.33
    assert status("2023-07") == (85, pytest.approx(65 + 20 * 31 / 60), "on_track")
    series = pace_series(plan_series(session=pdb, register=view, as_of=parse_period("2023-07"), scope=Scope(),
                                     indicators=["evaluation_rate"]), view, "rate_2025")
    by = series.set_index("period")
    assert by.loc["2023-06", "threshold"] == 80 and by.loc["2023-07", "threshold"] == 85  # a step, not a line
    assert by.loc["2020-06", "threshold"] is None or by.loc["2020-06", "threshold"] != by.loc["2020-06", "threshold"]
    with pytest.raises(TrackerError) as e:
        plan_view(session=pdb, register=plans, plan="nope")
    assert e.value.text("zh") == "没有代码为“nope”的规划；现有规划：old, new"


def test_a_renamed_units_history_continues_across_the_rename(pdb: Session, plans: Register) -> None:
    # 甲街 until March 2019, 甲街（新） from April: each rated 50 of 100, then 80 of 100, per month
    put(pdb, [("a", "completed", f"2019-{m:02d}", 100) for m in (1, 2, 3)]
        + [("a", "evaluated", f"2019-{m:02d}", 50) for m in (1, 2, 3)]
        + [("a2", "completed", f"2019-{m:02d}", 100) for m in (4, 5, 6)]
        + [("a2", "evaluated", f"2019-{m:02d}", 80) for m in (4, 5, 6)])
    view = plans.for_plan("old")
    scope = scope_for(view, "a2")
    assert scope == Scope("subtree", "a2") and set(scope.units(view)) == {"a", "a2"}
    row = next(r for r in progress_rows(session=pdb, register=view, as_of="2019-06", window="ytd", scope=scope)
               if r.target == "rate_2020")
    assert (row.numerator, row.denominator) == (3 * 50 + 3 * 80, 600)  # 390 ÷ 600 = 65 %: both halves
    trend = plan_series(session=pdb, register=view, as_of=parse_period("2019-06"), scope=scope,
                        indicators=["evaluation_rate"])
    assert trend["end"].tolist() == [parse_period(f"2019-{m:02d}").end for m in range(1, 7)]
    # the district counts each month once; completeness expects 甲街 before April and 甲街（新） after
    district = next(r for r in progress_rows(session=pdb, register=view, as_of="2019-06", window="ytd")
                    if r.target == "rate_2020")
    assert district.denominator == 600
    feb, jun = completeness(session=pdb, register=view, period="2019-02"), completeness(session=pdb, register=view,
                                                                                     period="2019-06")
    assert set(feb.units["unit"]) == {"a", "b"} and set(jun.units["unit"]) == {"a2", "b"}


def test_a_pack_shows_the_original_and_the_adjusted_target_and_why(pdb: Session, plans: Register) -> None:
    from tracker.reports.evaluation.figures import evaluation_pack
    from tracker.reports.evaluation.text import evaluation_document, indicator_table
    from tracker.reports.model import Paragraph

    put(pdb, [("b", "completed", "2020-06", 100), ("b", "evaluated", "2020-06", 65),
              ("b", "completed", "2023-12", 100), ("b", "evaluated", "2023-12", 82)])
    view = plan_view(session=pdb, register=plans, plan="new")
    pack = evaluation_pack(session=pdb, register=view, kind="annual", as_of="2023-12")
    text = [b.text for b in evaluation_document(pack, view, charts=False).blocks if isinstance(b, Paragraph)]
    assert "规划原文：“评价率达到80%以上”" in text  # the clause stays the plan's own
    assert ("规划原定目标：不低于 80%；自 2023-07 起调整为：不低于 85%（依据：中期评估报告；理由：提前达标，提高目标）"
            in text)
    english = [b.text for b in evaluation_document(pack, view, "en", charts=False).blocks if isinstance(b, Paragraph)]
    assert "The plan: “A rate of 80% or more” (original: “评价率达到80%以上”)" in english  # translated, original kept
    table = indicator_table(pack, view, "zh")
    row = next(r for r in table.rows if r[1] == "评价率")
    assert row[3:5] == ["65", "不低于 85%"]  # the baseline from the 2020 data, the target in force
    assert str(table.note).endswith("基期值均为2020年数值。")  # the one baseline year, said once under the table


def test_a_packs_table_prints_a_baseline_from_the_data_and_a_count_as_its_other_figures(pdb: Session,
                                                                                      plans: Register) -> None:
    # a baseline taken from the data printed as '65.6667' beside '82.00%'; a count of bad reviews as '81.00'
    from tracker.reports.evaluation.figures import evaluation_pack
    from tracker.reports.evaluation.text import indicator_table

    put(pdb, [("b", "completed", "2020-06", 300), ("b", "evaluated", "2020-06", 197),  # 197 ÷ 300 = 65.666… %
              ("b", "bad_reviews", "2019-06", 100), ("b", "bad_reviews", "2023-12", 81),
              ("b", "completed", "2023-12", 100), ("b", "evaluated", "2023-12", 82)])
    view = plan_view(session=pdb, register=plans, plan="new")
    table = indicator_table(evaluation_pack(session=pdb, register=view, kind="annual", as_of="2023-12"), view, "zh")
    rate = next(r for r in table.rows if r[1] == "评价率")
    assert (rate[3], rate[6]) == ("65.67\n（2020年）", "82.00%")  # two baseline years: each said in its cell
    bad = next(r for r in table.rows if r[1] == "差评下降")
    # baseline 100 (2019), down 10 % a year: 100 × 0.9⁴ = 65.61 expected by 2023; 81 reviewed, a whole count
    assert (bad[3], bad[5], bad[6]) == ("100\n（2019年）", "65.61", "81")
