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

from tracker.access.roles import Actor
from tracker.core.clock import LOCAL_TZ
from tracker.register import Register
from tracker.reports.evaluation.analysis import drafted_analysis, missing_note, narratives_missing
from tracker.reports.evaluation.figures import EvaluationPack, evaluation_pack
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


@pytest.fixture(scope="module")
def demo(demo_url: str) -> Iterator[Session]:
    engine = make_engine(demo_url)
    with session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(scope="module")
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
        "3 target(s) have no analysis and measures written yet (see the Target detail page); the pack will use "
        "drafts made from the data: A, B, C")
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
