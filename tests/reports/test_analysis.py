"""The analysis an evaluation pack drafts from the data, and what no pack of the demo may contain (issue 18).

The packs are made from the real demo database and read back from the files: the DOCX with python-docx, the
XLSX with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

import openpyxl
import pytest
from docx import Document as Docx
from sqlmodel import Session

from tests.helpers import shared
from tracker.access.roles import Actor
from tracker.core.clock import LOCAL_TZ
from tracker.register import Register
from tracker.reports.evaluation.analysis import drafted_analysis, missing_note, narratives_missing
from tracker.reports.evaluation.figures import EvaluationPack, TargetEntry, evaluation_pack
from tracker.reports.evaluation.sheets import evaluation_sheets
from tracker.reports.evaluation.text import evaluation_document
from tracker.reports.narratives import save_narrative
from tracker.reports.writers import docx as docx_writer
from tracker.reports.writers import xlsx as xlsx_writer
from tracker.storage.db import make_engine, session

NOW = dt.datetime(2018, 7, 10, 9, 30, tzinfo=LOCAL_TZ)
PACKS = [("midterm", "2018-06"), ("final", "2020-12"), ("annual", "2016-12")]
ASCII_QUOTED_CJK = re.compile(r'"[^"\n]*[\u4e00-\u9fff][^"\n]*"')
NEGATIVE_COUNT_OR_DAYS = re.compile(r"[-−]\s?\d[\d,]*(\.\d+)?\s?(工作日|件|天|个)")


@pytest.fixture(scope=shared("module"))
def demo(demo_url: str) -> Iterator[Session]:
    engine = make_engine(demo_url)
    with session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(scope=shared("module"))
def packs(demo: Session, register: Register) -> dict[str, EvaluationPack]:
    return {kind: evaluation_pack(session=demo, register=register, kind=kind, as_of=as_of, now=NOW)
            for kind, as_of in PACKS}


def docx_text(pack: EvaluationPack, register: Register) -> str:
    doc = Docx(io.BytesIO(docx_writer.render(evaluation_document(pack, register, charts=False))))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def xlsx_cells(pack: EvaluationPack, register: Register) -> list[tuple[str, str, object]]:
    """(sheet, header of the column, value) of every cell below the header."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx_writer.render(evaluation_sheets(pack, register))))
    out = []
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        header = [str(h) for h in rows[0]]
        out += [(ws.title, header[j], v) for row in rows[1:] for j, v in enumerate(row) if v is not None]
    return out


def codes(register: Register) -> set[str]:
    """Every code a reader must never see: targets, units, indicators, metrics."""
    return {*register.targets, *register.units, *register.indicators, *register.metrics}


@pytest.mark.parametrize("kind", [k for k, _ in PACKS])
def test_no_pack_of_the_demo_holds_a_placeholder_a_double_no_data_a_negative_a_quote_or_a_code(
        packs: dict[str, EvaluationPack], register: Register, kind: str) -> None:
    pack = packs[kind]
    text = docx_text(pack, register)
    book = xlsx_cells(pack, register)
    strings = text + "\n" + "\n".join(str(v) for _, _, v in book)
    assert "尚未填写" not in strings and "未填写" not in strings  # finding 1: no placeholder
    assert "无数据；无数据" not in strings
    assert not NEGATIVE_COUNT_OR_DAYS.search(strings), NEGATIVE_COUNT_OR_DAYS.search(strings)
    assert not ASCII_QUOTED_CJK.search(strings), ASCII_QUOTED_CJK.search(strings)  # “十三五”, never "十三五"
    found = {c for c in codes(register) if re.search(rf"(?<![A-Za-z0-9_]){re.escape(c)}(?![A-Za-z0-9_])", strings)}
    assert not found
    # numbers as numbers: no negative count, day figure or projection in the workbook
    for sheet, header, value in book:
        if isinstance(value, (int, float)) and ("工作日" in header or header in ("期末预测值", "数值", "应报", "已报",
                                                                                 "按时", "项数")):
            assert value >= 0, (sheet, header, value)
    assert "（初稿，据数据生成，请核改）" in text  # drafted paragraphs say they are drafts


def test_the_mid_term_drafts_the_analysis_of_a_target_behind(packs: dict[str, EvaluationPack],
                                                             register: Register) -> None:
    entry = next(e for e in packs["midterm"].entries if e.target == "online_completion_rate")
    # 网上办结率: the register's baseline is 35 % (2015, 估算); the demo's district figure for 2018-01…06 is 53.48 %:
    # 53.48 − 35 = 18.48 points; 完成进度 (53.48 − 35) ÷ (85 − 35) = 36.96 % → 37.0 %; below the pace (60 %) by
    # 6.52 points, more than the band: 滞后于预期
    text = drafted_analysis(entry, register, "zh")
    assert text.startswith("较基期（2015年，估算，35.00%）提高 18.48 个百分点，完成规划目标进度的 37.0%，"
                           "对照规划进度评价为“滞后于预期”；低于全区水平的单位主要有")
    # finding 8: only units below the district's 53.48 % are named, by their Chinese names, with their figures
    names = "、".join(f"{register.units[c.unit].name_zh}（{c.value:.2f}%）" for c in entry.named)
    assert len(entry.named) >= 2 and text.endswith(f"低于全区水平的单位主要有{names}。")
    assert entry.named and all(c.value is not None and c.value < 53.48 for c in entry.named)
    assert all(c.value is not None and c.value < entry.row.value for c in entry.named)  # type: ignore[operator]


def test_the_mid_term_drafts_the_same_analysis_in_english(packs: dict[str, EvaluationPack],
                                                           register: Register) -> None:
    """The 网上办结率 case above, in English: the same figures, the register's English names, the table's words."""
    import dataclasses

    from tracker.reports.evaluation.analysis import drafted_measures, overall_text

    entry = next(e for e in packs["midterm"].entries if e.target == "online_completion_rate")
    names = ", ".join(f"{register.units[c.unit].name_en} ({c.value:.2f}%)" for c in entry.named)
    assert drafted_analysis(entry, register, "en") == (
        "up 18.48 percentage points on the baseline (2015, estimated: 35.00%), 37.0% of the way to the target; "
        f"against the plan's pace: behind pace; the units below the district are chiefly {names}.")
    assert drafted_measures(entry, register, "en") == (
        f"Find the causes of the gap against the pace, pressing {names} in particular; follow up monthly so the "
        "target is met on time.")
    # a target without a baseline is measured from its series' first month (Jan 2016), in its own unit
    days = next(e for e in packs["midterm"].entries if e.row.unit == "工作日" and e.row.value is not None)
    first = float(days.series.dropna(subset=["value"])["value"].iloc[0])
    change = days.row.value - first  # type: ignore[operator]
    assert drafted_analysis(days, register, "en") == (
        f"{'up' if change > 0 else 'down'} {abs(change):.2f} working days since Jan 2016 ({first:.2f} working days); "
        "against the plan's pace: held.")
    assert drafted_analysis(days, register, "zh") == (
        f"较2016年1月（{first:.2f} 工作日）{'提高' if change > 0 else '下降'} {abs(change):.2f} 工作日，"
        "对照规划进度评价为“保持达标”。")
    # units named on a target counted in working days: the figures in the page's language
    from tracker.reports.evaluation.analysis import units_text

    slow = dataclasses.replace(days, named=entry.named[:2])
    a, b = (register.units[c.unit] for c in entry.named[:2])
    v, w = (c.value for c in entry.named[:2])
    assert units_text(slow, register, "en") == f"{a.name_en} ({v:.2f} working days), {b.name_en} ({w:.2f} working days)"
    assert units_text(slow, register, "zh") == f"{a.name_zh}（{v:.2f} 工作日）、{b.name_zh}（{w:.2f} 工作日）"
    # no figure in the window: say so and ask for the data, in either language; a dated task has no figure to ask
    empty = dataclasses.replace(entry, row=dataclasses.replace(entry.row, value=None))
    assert drafted_analysis(empty, register, "zh") == "所选期间尚无数据，无法评价，请督促有关单位报送。"
    assert drafted_measures(empty, register, "zh") == "建立按月报送机制，尽快补齐数据。"
    assert drafted_measures(empty, register, "en") == "Set up monthly reporting and fill in the missing figures."
    task = next(e for e in packs["midterm"].entries if not register.rule(e.target).has_value)
    assert drafted_measures(dataclasses.replace(task, row=dataclasses.replace(task.row, value=None)), register,
                            "en") == "Keep the present effort, follow up monthly and consolidate the gains."
    # 2 of the 14 judged targets behind: "mixed", as in Chinese
    assert overall_text(packs["midterm"], "en") == (
        "Overall (draft from the data: please edit): the plan is broadly on course, but some targets lag behind "
        "the pace and need more effort.")


def test_the_mid_term_has_the_overall_sections_drafted(packs: dict[str, EvaluationPack], register: Register) -> None:
    text = docx_text(packs["midterm"], register)
    for heading in ("五、主要成效、存在问题和下一步工作建议", "（一）主要成效（初稿，据数据生成，请核改）",
                    "（二）存在问题（初稿，据数据生成，请核改）", "（三）下一步工作建议（初稿，据数据生成，请核改）"):
        assert heading in text
    # 2 of the 14 judged targets are behind: more than one in eight, fewer than a third → "mixed"
    assert "总体评价（初稿，据数据生成，请核改）：规划实施总体符合预期，但仍有部分指标滞后于进度要求" in text
    # 45 (2015, estimated) is printed as an estimate (finding 9); every baseline is of 2015, said once in the
    # table's note, so the cell holds the figure and 估算 alone and fits its narrow column (finding 12)
    assert "45\n（估算）" in text and "45\n（2015年" not in text
    assert "基期值均为2015年数值。" in text
    # one word per verdict (finding 7): the sentences end in the table's words, never the dashboard's
    assert "；正常推进" not in text and "；滞后\n" not in text and "；滞后于预期" in text
    assert "提前完成" not in text  # the three targets met are 保持 targets: held, not early
    assert "3\u202f项保持达标" in text  # the number kept with its unit word


def test_the_analysis_and_measures_paragraphs_say_a_draft_is_one_in_the_pages_language(
        packs: dict[str, EvaluationPack], register: Register) -> None:
    import dataclasses

    from tracker.reports.evaluation.analysis import drafted_measures, narrative_blocks
    from tracker.reports.narratives import NarrativeText

    entry = next(e for e in packs["midterm"].entries if e.target == "online_completion_rate")
    zh = [b.text for b in narrative_blocks(dataclasses.replace(entry, narrative=None), register, "zh")]
    assert zh == [f"分析（初稿，据数据生成，请核改）：{drafted_analysis(entry, register, 'zh')}",
                  f"措施（初稿，据数据生成，请核改）：{drafted_measures(entry, register, 'zh')}"]
    en = [b.text for b in narrative_blocks(dataclasses.replace(entry, narrative=None), register, "en")]
    assert en == [f"Analysis (draft from the data: please edit): {drafted_analysis(entry, register, 'en')}",
                  f"Measures (draft from the data: please edit): {drafted_measures(entry, register, 'en')}"]
    # written analysis, measures left to the draft: each paragraph on its own
    own = dataclasses.replace(entry, narrative=NarrativeText("评价率稳步提升", "", "规划员", None, 1))
    assert [b.text for b in narrative_blocks(own, register, "zh")] == [
        "分析：评价率稳步提升", f"措施（初稿，据数据生成，请核改）：{drafted_measures(entry, register, 'zh')}"]
    assert [b.text for b in narrative_blocks(own, register, "en")] == [
        "Analysis: 评价率稳步提升", f"Measures (draft from the data: please edit): {drafted_measures(entry, register, 'en')}"]
    measures = dataclasses.replace(entry, narrative=NarrativeText("", "推广评价器", "规划员", None, 1))
    assert [b.text for b in narrative_blocks(measures, register, "en")] == [
        f"Analysis (draft from the data: please edit): {drafted_analysis(entry, register, 'en')}",
        "Measures: 推广评价器"]


def test_a_written_narrative_is_quoted_and_not_drafted(db: Session, register: Register) -> None:
    from tests.engine.test_engine import put

    put(db, [("street_chigang", "completed", "2018-06", 100), ("street_chigang", "evaluated", "2018-06", 60)])
    assert len(narratives_missing(session=db, register=register, as_of="2018-06", lang="zh")) == len(register.targets)
    save_narrative(session=db, register=register, actor=Actor("规划员", "planner"), target="evaluation_rate",
                   period="2018-06", analysis="评价率稳步提升", measures="推广评价器")
    missing = narratives_missing(session=db, register=register, as_of="2018-06", lang="zh")
    assert register.targets["evaluation_rate"].name_zh not in missing
    assert missing_note(missing, "zh").startswith(f"以下 {len(register.targets) - 1} 项指标尚未填写分析与措施")
    pack = evaluation_pack(session=db, register=register, kind="midterm", as_of="2018-06", now=NOW)
    text = docx_text(pack, register)
    assert "分析：评价率稳步提升" in text and "措施：推广评价器" in text


def test_the_note_before_a_pack_names_every_target_without_analysis_in_the_pages_language(
        db: Session, register: Register) -> None:
    """The note the 导出 page and the command line show before a pack: the targets in register order, named in the
    page's language, joined as that language lists, with their number; or that every one is written."""
    save_narrative(session=db, register=register, actor=Actor("规划员", "planner"), target="evaluation_rate",
                   period="2018-06", analysis="评价率稳步提升", measures="推广评价器")
    rest = [t for code, t in register.targets.items() if code != "evaluation_rate"]
    zh = narratives_missing(session=db, register=register, as_of="2018-06", lang="zh")
    en = narratives_missing(session=db, register=register, as_of="2018-06", lang="en")
    assert zh == [t.name_zh for t in rest] and en == [t.name_en for t in rest]
    assert zh != en  # the English register names, not the Chinese ones
    assert missing_note(["甲", "乙"], "zh") == ("以下 2 项指标尚未填写分析与措施（可在“目标详情”页填写），"
                                               "评估报告中将使用据数据生成的初稿：甲、乙")
    assert missing_note(["A", "B", "C"], "en") == (
        "3 targets have no analysis and measures written yet (see the Target detail page); the pack will use "
        "drafts made from the data: A, B, C")
    assert missing_note(["A"], "en") == (
        "1 target has no analysis and measures written yet (see the Target detail page); the pack will use a draft "
        "made from the data: A")
    assert missing_note(["甲"], "zh") == "以下 1 项指标尚未填写分析与措施（可在“目标详情”页填写），评估报告中将使用据数据生成的初稿：甲"
    assert missing_note([], "zh") == "各项指标均已填写分析与措施。"
    assert missing_note([], "en") == "Every target has its analysis and measures written."


def test_the_projection_method_is_stated_in_the_notes(packs: dict[str, EvaluationPack], register: Register) -> None:
    text = docx_text(packs["midterm"], register)
    assert "趋势研判方法" in text and "95%" in text and "比率 0–100%" in text
    book = openpyxl.load_workbook(io.BytesIO(xlsx_writer.render(evaluation_sheets(packs["midterm"], register))))
    items = [r[0] for r in book["说明"].iter_rows(values_only=True)]
    assert "趋势研判方法" in items and "分析初稿" in items


def test_a_stock_last_reported_before_the_window_is_judged_on_that_value(packs: dict[str, EvaluationPack],
                                                                         register: Register) -> None:
    # issue 18, finding 5: 部门事项目录化动态管理 (a yearly stock) was stored for 2017 — 18 of the 24 departments —
    # and not in 2018-01…06: the mid-term uses 18 ÷ 24 = 75.00 % with its year, not 无数据
    entry = next(e for e in packs["midterm"].entries if e.target == "catalog_coverage")
    assert entry.carried is not None and entry.carried.code == "2017"
    assert entry.row.value == pytest.approx(18 / 24 * 100)
    text = docx_text(packs["midterm"], register)
    assert "75.00%\n（2017年）" in text and "以上为2017年的数据" in text
    assert "暂无数据" not in text  # the headline no longer counts it as without data


def test_a_baseline_cell_names_its_year_unless_the_table_says_it_once(register: Register) -> None:
    from tracker.reports.evaluation.text import baseline_cell

    code = next(c for c in register.targets if register.rule(c).has_value and register.rule(c).baseline_estimated)
    value, year = register.rule(code).baseline, register.targets[code].baseline.year  # type: ignore[union-attr]
    assert baseline_cell(register, code, "zh") == f"{value:g}\n（{year}年，估算）"
    assert baseline_cell(register, code, "zh", year_in_header=True) == f"{value:g}\n（估算）"
    assert baseline_cell(register, code, "en") == f"{value:g}\n({year}, estimated)"
    plain = next(c for c in register.targets if register.rule(c).has_value and register.rule(c).baseline is not None
                 and not register.rule(c).baseline_estimated)
    assert baseline_cell(register, plain, "zh", year_in_header=True) == f"{register.rule(plain).baseline:g}"


VERDICTS = {"zh": {"early": "提前完成", "held": "保持达标", "ahead": "快于预期", "behind": "滞后于预期"},
            "en": {"early": "met early", "held": "held", "ahead": "ahead of pace", "behind": "behind pace"}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_achievements_problems_and_next_steps_are_drafted_from_the_entries(
        packs: dict[str, EvaluationPack], register: Register, lang: str) -> None:
    """五、主要成效、存在问题和下一步工作建议 of the demo's mid-term, line by line: each target at or ahead of pace
    is an achievement, each behind is a problem (its figure, its gap to the pace, the units below the district)
    and a next step; the reporting's late units are a problem and a step; the lines are numbered in the page's way."""
    import dataclasses

    from tracker.reports.evaluation.analysis import change_text, drafted_measures, summary_blocks
    from tracker.reports.model import Heading, Paragraph

    pack = packs["midterm"]
    zh = lang == "zh"
    name = {e.target: e.row.name(lang) for e in pack.entries}
    unit = {"%": "%", "工作日": " 工作日" if zh else " working days"}
    points = "{:.2f} 个百分点" if zh else "{:.2f} percentage points"

    def value(e: TargetEntry) -> str:
        return f"{e.row.value:.2f}{unit[e.row.unit]}"

    def below(e: TargetEntry) -> str:
        sep = "、" if zh else ", "
        units = sep.join(f"{register.units[c.unit].name(lang)}{'（' if zh else ' ('}{c.value:.2f}%{'）' if zh else ')'}"
                         for c in e.named)
        return ("，低于全区水平的单位主要有" if zh else "; the units below the district are chiefly ") + units

    good = [e for e in pack.entries if e.verdict in ("early", "held", "ahead") and e.row.value is not None]
    bad = [e for e in pack.entries if e.verdict == "behind"]
    assert len(good) == 9 and len(bad) == 2 and all(e.row.unit == "%" and e.named for e in bad)
    achievements = [f"{name[e.target]}达到 {value(e)}（{VERDICTS[lang][e.verdict]}），{change_text(e, register, lang)}。"
                    if zh else f"{name[e.target]} reached {value(e)} ({VERDICTS[lang][e.verdict]}), "
                    f"{change_text(e, register, lang)}." for e in good]
    problems = [f"{name[e.target]}为 {value(e)}，滞后于预期，低于进度要求 {points.format(-e.row.gap_to_pace)}{below(e)}。"
                if zh else f"{name[e.target]} is {value(e)}, behind pace, {points.format(-e.row.gap_to_pace)} short of "
                f"the pace{below(e)}." for e in bad]
    by_unit = pack.reporting.by_unit
    late = int(((by_unit["late"] > 0) | (by_unit["missing"] > 0)).sum())
    rate = f"{pack.reporting.on_time / pack.reporting.expected * 100:.2f}%"
    assert late == 1
    problems.append(f"数据报送及时率为 {rate}，1 个单位存在迟报或漏报。" if zh else
                    f"On-time reporting is {rate}; 1 unit reported late or not at all.")
    steps = [f"针对{name[e.target]}，{drafted_measures(e, register, lang)}" if zh else
             f"On {name[e.target]}: {drafted_measures(e, register, lang)}" for e in bad]
    steps += (["督促迟报、漏报单位按时报送，提高数据报送及时率。", "对已达到或快于预期的指标，保持现有工作力度，巩固成效。"] if zh else
              ["Press the late and missing units to report on time.",
               "For the targets at or ahead of pace, keep the present effort and consolidate the gains."])
    mark = "（初稿，据数据生成，请核改）" if zh else " (draft from the data: please edit)"
    heads = (["（一）主要成效", "（二）存在问题", "（三）下一步工作建议"] if zh else
             ["(1) Achievements", "(2) Problems", "(3) Next steps"])

    def numbered(lines: list[str]) -> list[str]:
        return [f"{i}．{line}" if zh else f"{i}. {line}" for i, line in enumerate(lines, 1)]

    blocks = summary_blocks(pack, register, lang)
    assert isinstance(blocks[0], Heading) and blocks[0].level == 1
    assert blocks[0].text == ("五、主要成效、存在问题和下一步工作建议" if zh else "5. Achievements, problems and next steps")
    got = [(type(b).__name__, getattr(b, "level", None), b.text) for b in blocks[1:]]
    want = [("Heading", 2, heads[0] + mark), *[("Paragraph", None, t) for t in numbered(achievements)],
            ("Heading", 2, heads[1] + mark), *[("Paragraph", None, t) for t in numbered(problems)],
            ("Heading", 2, heads[2] + mark), *[("Paragraph", None, t) for t in numbered(steps)]]
    assert got == want
    assert all(isinstance(b, Paragraph) for b in blocks if not isinstance(b, Heading))

    # a final evaluation measures a problem's gap to the target, not to the pace; a target without a figure is a
    # problem and a step of its own; no target at pace and no late unit: the parts say so
    online = next(e for e in bad if e.target == "online_completion_rate")
    silent = dataclasses.replace(good[1], verdict=None, row=dataclasses.replace(good[1].row, value=None))
    quiet = dataclasses.replace(pack.reporting, by_unit=by_unit.iloc[0:0], on_time=pack.reporting.expected)
    final = dataclasses.replace(pack, kind="final", entries=[online, silent], reporting=quiet)
    text = [b.text for b in summary_blocks(final, register, lang)]
    gap = points.format(-online.row.gap_to_target)
    sat = name[silent.target]
    if zh:
        assert text[2] == "1．暂无指标达到或快于进度要求。"
        assert text[4:6] == [f"1．{name[online.target]}为 {value(online)}，滞后于预期，距目标差 {gap}{below(online)}。",
                             f"2．{sat}尚无数据，无法评价。"]
        assert text[7:] == [f"1．针对{name[online.target]}，{drafted_measures(online, register, lang)}",
                            f"2．针对{sat}，建立按月报送机制，尽快补齐数据。"]
    else:
        assert text[2] == "1. No target is at or ahead of pace yet."
        assert text[4:6] == [f"1. {name[online.target]} is {value(online)}, behind pace, {gap} short of the target"
                             f"{below(online)}.", f"2. {sat}: no figures yet, cannot be judged."]
        assert text[7:] == [f"1. On {name[online.target]}: {drafted_measures(online, register, lang)}",
                            f"2. On {sat}: Set up monthly reporting and fill in the missing figures."]
    # a dated task done has no figure to report as an achievement
    task = next(e for e in pack.entries if not register.rule(e.target).has_value)
    nothing = dataclasses.replace(pack, entries=[dataclasses.replace(task, verdict="done")], reporting=quiet)
    assert [b.text for b in summary_blocks(nothing, register, lang)][2:5] == [
        "1．暂无指标达到或快于进度要求。" if zh else "1. No target is at or ahead of pace yet.",
        "（二）存在问题" + mark if zh else "(2) Problems" + mark,
        "1．各项指标均达到进度要求，未发现明显问题。" if zh else "1. Every target meets its pace; no marked problem."]


OVERALL = {"good": ("规划实施总体顺利，主要指标大多达到或快于预期进度。", "the plan is going well; most targets are at or ahead of pace."),
           "mixed": ("规划实施总体符合预期，但仍有部分指标滞后于进度要求，需加大推进力度。",
                     "the plan is broadly on course, but some targets lag behind the pace and need more effort."),
           "poor": ("规划实施进度总体滞后，多项指标未达到进度要求，需重点研究解决。",
                    "the plan lags overall; several targets are behind the pace and need attention."),
           "final_good": ("规划确定的主要指标大多已经完成。", "most of the plan's targets are met."),
           "final_poor": ("规划确定的主要指标仍有多项未完成。", "several of the plan's targets are not met.")}


@pytest.mark.parametrize(("kind", "verdicts", "said"), [
    # under way: good while at most one judged target in eight is behind, poor from a third behind, else mixed
    ("midterm", ["behind"] + ["ahead"] * 7, "good"),  # 1 × 8 ≤ 8
    ("midterm", ["behind"] * 2 + ["ahead"] * 6, "mixed"),  # 2 × 8 > 8, 2 × 3 < 8
    ("midterm", ["missed"] * 2 + ["held"] * 7, "mixed"),  # 2 × 3 < 9: a missed target is as bad as one behind
    ("midterm", ["behind"] * 3 + ["early"] * 6, "poor"),  # 3 × 3 ≥ 9
    ("midterm", ["behind"] * 2 + ["ahead"] * 6 + [None] * 8, "mixed"),  # targets without a verdict not counted
    ("midterm", [], "good"),
    # the final: good while fewer than a third are behind or missed
    ("final", ["missed"] + ["done"] * 3, "final_good"),  # 1 × 3 < 4
    ("final", ["missed"] + ["done"] * 2, "final_poor"),  # 1 × 3 ≥ 3
    ("final", [], "final_good"),
])
def test_the_overall_view_counts_the_judged_targets_behind(packs: dict[str, EvaluationPack], kind: str,
                                                           verdicts: list[str | None], said: str) -> None:
    import dataclasses

    from tracker.reports.evaluation.analysis import overall_text

    entry = packs["midterm"].entries[0]
    pack = dataclasses.replace(packs["midterm"], kind=kind,
                               entries=[dataclasses.replace(entry, verdict=v) for v in verdicts])
    zh, en = OVERALL[said]
    assert overall_text(pack, "zh") == f"总体评价（初稿，据数据生成，请核改）：{zh}"
    assert overall_text(pack, "en") == f"Overall (draft from the data: please edit): {en}"


def test_the_drafted_analysis_of_each_kind_of_case(packs: dict[str, EvaluationPack], register: Register) -> None:
    """Level with the baseline or the first figure, a share of the way outside 0–100 %, a 保持 target (no share),
    a target without a baseline or any figure in its series, a baseline not estimated, a dated task: each
    sentence in both languages."""
    import dataclasses

    pack = packs["midterm"]
    online = next(e for e in pack.entries if e.target == "online_completion_rate")  # baseline 35 % (2015, 估算)
    bare = dataclasses.replace(online, share=None, verdict=None, named=[])

    def at(entry: TargetEntry, value: float | None, **changes: object) -> TargetEntry:
        return dataclasses.replace(entry, row=dataclasses.replace(entry.row, value=value), **changes)

    assert drafted_analysis(at(bare, 35.004), register, "zh") == "与基期（2015年，估算，35.00%）基本持平。"
    assert drafted_analysis(at(bare, 35.004), register, "en") == "about level with the baseline (2015, estimated: 35.00%)."
    assert drafted_analysis(at(bare, 34.99), register, "en") == (
        "down 0.01 percentage points on the baseline (2015, estimated: 35.00%).")
    assert drafted_analysis(at(bare, 35.5), register, "en") == (  # up by less than a point is still up
        "up 0.50 percentage points on the baseline (2015, estimated: 35.00%).")
    # 60 − 35 = 25 points; a share past the target is said as 100.0 %, one below the baseline as 0.0 %
    ahead = at(online, 60.0, share=120.0, verdict="ahead", named=[])
    assert drafted_analysis(ahead, register, "zh") == (
        "较基期（2015年，估算，35.00%）提高 25.00 个百分点，完成规划目标进度的 100.0%，对照规划进度评价为“快于预期”。")
    assert drafted_analysis(dataclasses.replace(ahead, share=-3.0), register, "en") == (
        "up 25.00 percentage points on the baseline (2015, estimated: 35.00%), 0.0% of the way to the target; "
        "against the plan's pace: ahead of pace.")
    assert drafted_analysis(dataclasses.replace(ahead, share=50.0, verdict="held"), register, "zh") == (
        "较基期（2015年，估算，35.00%）提高 25.00 个百分点，对照规划进度评价为“保持达标”。")
    # a baseline not estimated: its year and figure alone
    code = next(c for c in register.targets if register.rule(c).has_value and
                register.rule(c).baseline is not None and not register.rule(c).baseline_estimated)
    plain = next(e for e in pack.entries if e.target == code)
    base = register.rule(code).baseline
    assert base is not None
    plain = at(plain, base + 10, share=None, verdict=None, named=[])
    assert drafted_analysis(plain, register, "zh") == f"较基期（2015年，{base:.2f}%）提高 10.00 个百分点。"
    assert drafted_analysis(plain, register, "en") == f"up 10.00 percentage points on the baseline (2015: {base:.2f}%)."
    # without a baseline: level with the series' first figure, or no change said when the series holds none
    days = next(e for e in pack.entries if e.row.unit == "工作日" and e.row.value is not None)
    first = float(days.series.dropna(subset=["value"])["value"].iloc[0])
    level = at(days, first + 0.001)
    assert drafted_analysis(level, register, "zh") == (
        f"与2016年1月（{first:.2f} 工作日）基本持平，对照规划进度评价为“保持达标”。")
    assert drafted_analysis(level, register, "en") == (
        f"about level with Jan 2016 ({first:.2f} working days); against the plan's pace: held.")
    gap = days.series.copy()  # January not reported: measured from February
    gap.loc[gap.index[0], "value"] = float("nan")
    assert str(gap["period"].iloc[0]) == "2016-01" and str(gap["period"].iloc[1]) == "2016-02"
    second = float(gap["value"].iloc[1])
    assert drafted_analysis(at(dataclasses.replace(days, series=gap), second), register, "en") == (
        f"about level with Feb 2016 ({second:.2f} working days); against the plan's pace: held.")
    empty = dataclasses.replace(days, series=days.series.iloc[0:0])
    assert drafted_analysis(empty, register, "zh") == f"{days.row.name('zh')}，对照规划进度评价为“保持达标”。"
    assert drafted_analysis(empty, register, "en") == f"{days.row.name('en')}; against the plan's pace: held."
    # a dated task: done or under way, whatever its figures
    task = next(e for e in pack.entries if not register.rule(e.target).has_value)
    done = dataclasses.replace(task, row=dataclasses.replace(task.row, status="done"))
    assert drafted_analysis(done, register, "zh") == "该节点性任务已完成。"
    assert drafted_analysis(done, register, "en") == "This dated task is done."
    open_ = dataclasses.replace(task, row=dataclasses.replace(task.row, status="due"))
    assert drafted_analysis(open_, register, "zh") == "该节点性任务尚在推进，请据实补充进展。"
    assert drafted_analysis(open_, register, "en") == "This dated task is under way; describe its progress."


def test_a_problem_without_a_gap_or_units_and_an_achievement_without_a_change(packs: dict[str, EvaluationPack],
                                                                              register: Register) -> None:
    """A target behind with no gap below zero to state (none measured, level, or above) says only its figure and
    verdict, in its own unit's words; without units below the district it names none; an achievement whose change
    cannot be measured (no baseline, no series) says its figure and verdict alone."""
    import dataclasses

    from tracker.reports.evaluation.analysis import summary_blocks

    pack = packs["midterm"]
    days = next(e for e in pack.entries if e.row.unit == "工作日" and e.row.value is not None)
    name, value = days.row.name, days.row.value
    assert value is not None

    def behind(gap_to_target: float | None) -> TargetEntry:  # no pace measured: the gap is to the target
        return dataclasses.replace(days, verdict="behind", named=[], row=dataclasses.replace(
            days.row, gap_to_pace=None, gap_to_target=gap_to_target))

    quiet = dataclasses.replace(pack.reporting, by_unit=pack.reporting.by_unit.iloc[0:0],
                                on_time=pack.reporting.expected)
    entries = [behind(None), behind(0.0), behind(0.5),
               dataclasses.replace(days, series=days.series.iloc[0:0])]  # held, nothing to measure a change from
    made = dataclasses.replace(pack, entries=entries, reporting=quiet)
    zh = [b.text for b in summary_blocks(made, register, "zh")]
    assert zh[2] == f"1．{name('zh')}达到 {value:.2f} 工作日（保持达标）。"
    assert zh[4:7] == [f"{i}．{name('zh')}为 {value:.2f} 工作日，滞后于预期。" for i in (1, 2, 3)]
    en = [b.text for b in summary_blocks(made, register, "en")]
    assert en[2] == f"1. {name('en')} reached {value:.2f} working days (held)."
    assert en[4:7] == [f"{i}. {name('en')} is {value:.2f} working days, behind pace." for i in (1, 2, 3)]
    short = dataclasses.replace(made, entries=[behind(-0.5)])  # 0.5 working days short of the target
    assert [b.text for b in summary_blocks(short, register, "en")][4] == (
        f"1. {name('en')} is {value:.2f} working days, behind pace, 0.50 working days short of the target.")


def test_the_problems_count_late_or_missing_units_and_list_the_targets_without_figures(
        packs: dict[str, EvaluationPack], register: Register) -> None:
    """One unit a value late, another a value missing, a third neither: 2 units; two targets without figures are
    listed together in the page's way; a reporting table with nothing in it (no columns) counts none."""
    import dataclasses

    import pandas as pd

    from tracker.reports.evaluation.analysis import summary_blocks

    pack = packs["midterm"]
    a, b = [e for e in pack.entries if register.rule(e.target).has_value][:2]
    silent = [dataclasses.replace(e, verdict=None, row=dataclasses.replace(e.row, value=None)) for e in (a, b)]
    units = pd.DataFrame({"unit": ["u1", "u2", "u3"], "expected": [10, 10, 10], "received": [10, 9, 10],
                          "on_time": [9, 9, 10], "late": [1, 0, 0], "missing": [0, 1, 0]})
    reporting = dataclasses.replace(pack.reporting, by_unit=units, expected=30, on_time=28)
    made = dataclasses.replace(pack, entries=silent, reporting=reporting)
    zh = [t.text for t in summary_blocks(made, register, "zh")]
    assert zh[4:6] == [f"1．{a.row.name('zh')}、{b.row.name('zh')}尚无数据，无法评价。",
                       "2．数据报送及时率为 93.33%，2 个单位存在迟报或漏报。"]  # 28 ÷ 30
    en = [t.text for t in summary_blocks(made, register, "en")]
    assert en[4:6] == [f"1. {a.row.name('en')}, {b.row.name('en')}: no figures yet, cannot be judged.",
                       "2. On-time reporting is 93.33%; 2 units reported late or not at all."]
    empty = dataclasses.replace(made, reporting=dataclasses.replace(reporting, by_unit=pd.DataFrame()))
    assert len([t.text for t in summary_blocks(empty, register, "en")]) == len(en) - 1  # no reporting line


def test_the_drafted_measures_of_a_target_behind_with_and_without_units_named(packs: dict[str, EvaluationPack],
                                                                             register: Register) -> None:
    import dataclasses

    from tracker.reports.evaluation.analysis import drafted_measures

    entry = next(e for e in packs["midterm"].entries if e.target == "online_completion_rate")
    a, b = entry.named[:2]
    two = dataclasses.replace(entry, named=[a, b])
    named = (f"{register.units[a.unit].name_zh}（{a.value:.2f}%）、{register.units[b.unit].name_zh}"
             f"（{b.value:.2f}%）")
    assert drafted_measures(two, register, "zh") == f"对照进度要求查找差距，重点督促{named}等单位，按月跟踪通报，确保按期完成。"
    assert drafted_measures(dataclasses.replace(entry, verdict="ahead"), register, "zh") == (
        "保持现有工作力度，按月跟踪，巩固成效。")
    none = dataclasses.replace(entry, named=[])
    assert drafted_measures(none, register, "zh") == "对照进度要求查找差距，按月跟踪通报，确保按期完成。"
    assert drafted_measures(none, register, "en") == (
        "Find the causes of the gap against the pace; follow up monthly so the target is met on time.")
    empty = dataclasses.replace(entry, row=dataclasses.replace(entry.row, value=None))
    assert drafted_analysis(empty, register, "en") == (
        "No figures in the window yet, so it cannot be judged; the units concerned should report.")


def test_an_english_pack_groups_thousands_and_a_chinese_one_prints_counts_as_the_office(
        packs: dict[str, EvaluationPack], register: Register) -> None:
    # the reporting section's counts: 应报数值 12345 项 as the office's reports; "12,345 values expected" in English
    pack = packs["final"]
    r = pack.reporting
    assert r.expected >= 1000  # a count that has thousands to group
    zh = evaluation_document(pack, register, "zh", charts=False).paragraphs()
    en = evaluation_document(pack, register, "en", charts=False).paragraphs()
    assert any(f"应报数值 {r.expected} 项，已报 {r.received} 项" in p for p in zh)
    assert any(f"{r.expected:,} values expected, {r.received:,} received, {r.on_time:,} on time" in p for p in en)
