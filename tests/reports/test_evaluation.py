"""Evaluation packs on the demo data: the figures equal the engine's, and the files hold what they say.

The DOCX is opened with python-docx and the XLSX with openpyxl; numbers are compared with the engine's own
progress rows (the same as the dashboard's), never with a document rendered earlier.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator

import openpyxl
import pytest
from docx import Document as Docx
from docx.oxml.ns import qn
from sqlmodel import Session

from tests.engine.test_engine import put
from tests.helpers import shared
from tracker.access.roles import Actor
from tracker.core.clock import LOCAL_TZ
from tracker.engine.progress import ProgressRow, progress_rows
from tracker.engine.windows import Scope
from tracker.register import Register
from tracker.reports.evaluation.figures import EvaluationPack, evaluation_pack
from tracker.reports.evaluation.sheets import evaluation_sheets
from tracker.reports.evaluation.text import clause_paragraph, evaluation_document, summary_sentence
from tracker.reports.narratives import save_narrative
from tracker.reports.writers import docx as docx_writer
from tracker.reports.writers import xlsx as xlsx_writer
from tracker.storage.db import make_engine, session

NOW = dt.datetime(2018, 7, 10, 9, 30, tzinfo=LOCAL_TZ)
SHEETS = ["汇总", "指标完成情况", "单位×指标", "月度数据", "报送情况", "说明"]


@pytest.fixture(scope=shared("module"))
def demo(demo_url: str) -> Iterator[Session]:
    engine = make_engine(demo_url)
    with session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(scope=shared("module"))
def midterm(demo: Session, register: Register) -> EvaluationPack:
    return evaluation_pack(session=demo, register=register, kind="midterm", as_of="2018-06", now=NOW)


@pytest.fixture(scope=shared("module"))
def midterm_docx(midterm: EvaluationPack, register: Register) -> bytes:
    return docx_writer.render(evaluation_document(midterm, register))


@pytest.fixture(scope=shared("module"))
def engine_rows(demo: Session, register: Register) -> dict[str, ProgressRow]:
    return {r.target: r for r in progress_rows(session=demo, register=register, as_of="2018-06")
            if r.target is not None}


def test_the_pack_holds_the_engines_rows(midterm: EvaluationPack, engine_rows: dict[str, ProgressRow],
                                         register: Register) -> None:
    assert [e.target for e in midterm.entries] == list(register.targets)  # every target, in register order
    for e in midterm.entries:  # a stock not reported in the window takes its last value before it (finding 5)
        assert e.row == engine_rows[e.target] if e.carried is None else engine_rows[e.target].value is None
    assert (midterm.window.first.code, midterm.window.last.code) == ("2018-01", "2018-06")


def test_the_summary_sentence_counts_the_verdicts(midterm: EvaluationPack, register: Register) -> None:
    counts = Counter(e.verdict for e in midterm.entries)
    # the story (tests/test_demo.py): three targets met, two behind pace, a pilot not yet due; the catalogue
    # coverage, a yearly stock last reported for 2017, is judged on that value (issue 18, finding 5)
    assert counts["held"] == 3 and counts["behind"] == 2 and counts[None] == 1
    assert counts["ahead"] + counts["on_pace"] == 10
    text = summary_sentence(midterm, register, "zh")
    parts = [f"{counts['held']} 项保持达标", f"{counts['ahead']} 项快于预期", f"{counts['on_pace']} 项基本符合预期",
             "2 项滞后于预期"]
    pilot, catalog = register.targets["disclosure_pilot"].name_zh, register.targets["catalog_coverage"].name_zh
    assert text == ("规划提出的 16 项主要指标中，" + "，".join(parts) + f"；另有 1 项节点性任务（{pilot}未到期）。")
    assert catalog not in text


def test_docx_page_layout(midterm_docx: bytes) -> None:
    doc = Docx(io.BytesIO(midterm_docx))
    for s in doc.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)  # A4
        margins = (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
        assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]  # stored in twips: within 0.02 mm
    footer = doc.sections[-1].footer._element.xml
    assert "PAGE" in footer and "—" in footer  # — 1 —


def test_docx_headings_and_cover(midterm_docx: bytes, midterm: EvaluationPack) -> None:
    doc = Docx(io.BytesIO(midterm_docx))
    heads = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert heads == ["一、总体情况", "二、主要指标完成情况", "三、分项评价", "四、数据报送情况",
                     "五、主要成效、存在问题和下一步工作建议", "说明", "附表：各单位指标情况"]
    seconds = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert seconds[0] == "（一）" + midterm.entries[0].row.name_zh and len(seconds) == 16 + 3
    assert seconds[11] == "（十二）" + midterm.entries[11].row.name_zh
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "中期评估报告" in text
    # the cover carries no hashes nor generation time (issue 18, finding 11): they are on the 说明 page
    cover = text.split("一、总体情况")[0]
    assert midterm.version not in cover and "生成时间" not in cover
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert midterm.version in cells and "2018-07-10 09:30" in cells
    # one period basis, said both (finding 10): the figures' window and the span of the trend and reporting
    assert "评估截至：2018年6月；指标数值口径：2018年1月至2018年6月（年内累计）；趋势与报送情况：2016年1月至2018年6月" in cover
    assert "本报告使用示例数据" in text  # the demo is sample data, and the pack says so


def test_docx_indicator_table_equals_the_engine(midterm_docx: bytes, engine_rows: dict[str, ProgressRow],
                                                register: Register, midterm: EvaluationPack) -> None:
    carried = {e.target: e.row for e in midterm.entries if e.carried is not None}
    engine_rows = {**engine_rows, **carried}  # the stock's last value before the window (finding 5)
    doc = Docx(io.BytesIO(midterm_docx))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    head = [c.text for c in table.rows[0].cells]
    assert head == ["序号", "指标", "单位", "基期值", "规划目标", "进度要求", "实际值", "完成进度", "评价"]
    assert len(table.rows) == 1 + len(register.targets)
    for code, tr in zip(register.targets, table.rows[1:], strict=True):
        cells = [c.text for c in tr.cells]
        row = engine_rows[code]
        assert cells[1] == row.name_zh
        if row.value is None:
            assert cells[6] == "——"
        else:
            number = float(re.sub(r"[^\d.\-]", "", cells[6].split("（")[0].split()[0]))
            assert number == round(row.value, 2)
        if row.expected is not None:
            assert float(re.sub(r"[^\d.\-]", "", cells[5].split()[0])) == round(row.expected, 2)
        t = register.targets[code]
        if t.baseline and t.baseline.value is not None and row.value is not None and not t.maintain:
            share = (row.value - t.baseline.value) / (t.threshold - t.baseline.value) * 100  # type: ignore[operator]
            assert cells[7] == f"{min(max(share, 0), 100):.1f}%"


def test_docx_has_a_chart_per_target_with_data(midterm_docx: bytes, midterm: EvaluationPack) -> None:
    doc = Docx(io.BytesIO(midterm_docx))
    with_data = [e for e in midterm.entries if e.row.value is not None and not e.series.empty]
    assert len(doc.inline_shapes) == len(with_data) == 15  # 16 targets but the pilot (a milestone)
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = doc.part.related_parts[blob].blob
    assert image[:8] == b"\x89PNG\r\n\x1a\n"


def test_docx_east_asian_font_on_every_run_and_style(midterm_docx: bytes) -> None:
    doc = Docx(io.BytesIO(midterm_docx))
    runs = [r for p in doc.paragraphs for r in p.runs] + [
        r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert len(runs) > 200
    for r in runs:
        fonts = r._element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        if r.text.strip():
            assert fonts is not None and fonts.get(qn("w:eastAsia")), r.text
            assert fonts.get(qn("w:eastAsiaTheme")) is None
    styles = {s.name: s for s in doc.styles if s.type == 1}  # paragraph styles
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312",
                "Heading 3": "仿宋_GB2312"}
    for name, font in expected.items():
        rfonts = styles[name].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert rfonts is not None and rfonts.get(qn("w:eastAsia")) == font, name
    assert styles["Title"].font.size.pt == 22 and styles["Normal"].font.size.pt == 16
    assert styles["Normal"].paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)  # 22 lines a page
    assert styles["Heading 3"].font.bold is True


def test_the_same_data_gives_the_same_numbers(demo: Session, register: Register, midterm: EvaluationPack,
                                              midterm_docx: bytes) -> None:
    later = evaluation_pack(session=demo, register=register, kind="midterm", as_of="2018-06",
                            now=NOW + dt.timedelta(days=30))
    assert later.version == midterm.version
    again = docx_writer.render(evaluation_document(later, register))

    def body(data: bytes) -> str:
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        # the generation time (on the 说明 page) and the cover's date
        return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}|\d{4}年\d{1,2}月\d{1,2}日", "", xml)

    assert body(again) == body(midterm_docx)
    def cells(data: bytes) -> dict[str, bytes]:  # the sheets and their strings, not the file's creation time
        book = zipfile.ZipFile(io.BytesIO(data))
        return {n: book.read(n) for n in book.namelist() if n.startswith("xl/")}

    sheets = [cells(xlsx_writer.render(evaluation_sheets(p, register)[1:3])) for p in (midterm, later)]
    assert sheets[0] == sheets[1] and any("worksheets/sheet2" in n for n in sheets[0])


def test_a_new_value_changes_the_data_version(db: Session, register: Register) -> None:
    first = evaluation_pack(session=db, register=register, kind="annual", as_of="2018-06", now=NOW).version
    put(db, [("street_chigang", "completed", "2018-05", 10)])
    second = evaluation_pack(session=db, register=register, kind="annual", as_of="2018-06", now=NOW).version
    put(db, [("street_chigang", "completed", "2018-07", 10)])  # after the as-of: not in this pack
    third = evaluation_pack(session=db, register=register, kind="annual", as_of="2018-06", now=NOW).version
    assert first != second == third


def test_xlsx_sheets_hold_numbers(midterm: EvaluationPack, register: Register,
                                  engine_rows: dict[str, ProgressRow]) -> None:
    carried = {e.target: e for e in midterm.entries if e.carried is not None}
    engine_rows = {**engine_rows, **{t: e.row for t, e in carried.items()}}  # a stock's last value (finding 5)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_writer.render(evaluation_sheets(midterm, register))))
    assert book.sheetnames == SHEETS
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
    ws = book["指标完成情况"]
    head = [c.value for c in ws[1]]
    assert "代码" not in head  # names only (issue 17, finding 9)
    actual, name = head.index("实际值"), head.index("指标")
    by_name = {r.name("zh"): r for r in engine_rows.values()}
    for row in ws.iter_rows(min_row=2, values_only=True):
        engine = by_name[str(row[name])]
        assert row[actual] == (None if engine.value is None else pytest.approx(engine.value))
        assert row[actual + 1] == ("2017年" if engine.target in carried else "2018年1月–2018年6月")
    widths = ws.column_dimensions["B"].width
    assert widths and widths >= 2 * len("一窗通办") + 2  # Chinese characters count twice
    values = book["月度数据"]
    assert values.max_row - 1 == len(midterm.values)
    revision = [c.value for c in values[1]].index("修订号")
    assert all(isinstance(r[revision], int) for r in values.iter_rows(min_row=2, max_row=50, values_only=True))
    notes = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert notes["数据版本"] == midterm.version and notes["评估截至"] == "2018-06"


def test_a_unit_pack_covers_the_unit_and_those_under_it(demo: Session, register: Register) -> None:
    pack = evaluation_pack(session=demo, register=register, kind="annual", as_of="2018-12", unit="centre", now=NOW)
    rows = {r.target: r for r in progress_rows(session=demo, register=register, as_of="2018-12",
                                               scope=Scope("subtree", "centre"))}
    assert all(e.row == rows[e.target] for e in pack.entries if e.carried is None)
    assert pack.reporting.first.code == "2018-01"  # an annual check looks back over its year
    assert set(pack.reporting.by_unit["unit"]) <= {"centre", *register.descendants("centre")}
    doc = evaluation_document(pack, register, charts=False)
    # the plan's ASCII quotes become curly ones (finding 12): 广州市海珠区“十三五”时期…
    assert doc.cover.title == register.plan.name_zh.replace('"十三五"', "“十三五”") + "区政务服务中心2018年度检查报告"
    street = evaluation_pack(session=demo, register=register, kind="annual", as_of="2018-12",
                             unit="street_chigang", now=NOW)
    alone = {r.target: r for r in progress_rows(session=demo, register=register, as_of="2018-12",
                                                scope=Scope("unit", "street_chigang"))}
    assert all(e.row == alone[e.target] for e in street.entries if e.carried is None)


def test_a_final_evaluation_judges_against_the_target(demo: Session, register: Register) -> None:
    pack = evaluation_pack(session=demo, register=register, kind="final", as_of="2020-12", now=NOW)
    # every numeric target met at the end; the three that must hold in every period are "held", never "done early"
    assert {e.verdict for e in pack.entries if e.verdict} == {"done", "held"}
    held = {e.target for e in pack.entries if e.verdict == "held"}
    assert held == {t for t in held if register.rule(t).holds_every_period} and len(held) == 3
    assert all(e.projection is None for e in pack.entries)  # no outlook at the end


def test_the_narrative_is_printed_as_text(db: Session, register: Register) -> None:
    put(db, [("street_chigang", "completed", "2018-06", 100), ("street_chigang", "evaluated", "2018-06", 60)])
    save_narrative(session=db, register=register, actor=Actor("规划员", "planner"), target="evaluation_rate",
                   period="2018-06", analysis="**评价** <b>不足</b>", measures="=HYPERLINK(\"http://x\")")
    pack = evaluation_pack(session=db, register=register, kind="midterm", as_of="2018-06", now=NOW)
    doc = Docx(io.BytesIO(docx_writer.render(evaluation_document(pack, register, charts=False))))
    text = [p.text for p in doc.paragraphs]
    assert "分析：**评价** <b>不足</b>" in text  # as written, not as Markdown or HTML
    assert "措施：=HYPERLINK(\"http://x\")" in text


def test_the_values_sheet_shows_each_values_own_stored_time_in_china(register: Register) -> None:
    """Each time is shown once per distinct time and given back to its own rows: stored in UTC (text, as SQLite
    gives it, or a timestamp), shown in China time; a value without a time shows a dash."""
    import types

    import pandas as pd

    from tracker.reports.evaluation.sheets import values_sheet

    unit = next(iter(register.units))
    values = pd.DataFrame([[unit, "accepted", "2019-06", 10.0, 1, "a.xlsx", "2019-07-03 01:00:00"],
                           [unit, "completed", "2019-06", 9.0, 2, "b.xlsx", "2019-07-04 16:30:00"],
                           [unit, "evaluated", "2019-06", 8.0, 3, "a.xlsx", "2019-07-03 01:00:00"],
                           [unit, "satisfied", "2019-06", 7.0, 4, "c.xlsx", None]],
                          columns=["unit", "metric", "period", "value", "revision", "file", "stored_at"])
    sheet = values_sheet(types.SimpleNamespace(values=values), register, "zh")  # type: ignore[arg-type]
    assert [row[-1] for row in sheet.rows] == ["2019-07-03 09:00", "2019-07-05 00:30", "2019-07-03 09:00", "—"]
    assert [row[4] for row in sheet.rows] == [1, 2, 3, 4]
    values["stored_at"] = [dt.datetime(2019, 7, 3, 1, 0, tzinfo=dt.UTC), dt.datetime(2019, 7, 4, 16, 30, tzinfo=dt.UTC),
                           dt.datetime(2019, 7, 3, 1, 0, tzinfo=dt.UTC), None]  # PostgreSQL gives timestamps
    sheet = values_sheet(types.SimpleNamespace(values=values), register, "zh")  # type: ignore[arg-type]
    assert [row[-1] for row in sheet.rows] == ["2019-07-03 09:00", "2019-07-05 00:30", "2019-07-03 09:00", "—"]


def test_the_values_sheet_prints_counts_as_counts_and_a_blank_as_not_reported(register: Register) -> None:
    """Whole values print in the count format (1 234, never 1234.00), any fraction makes the column decimal; a
    blank (NaN as read) is None, printed "——"; names for codes, revision ids as integers."""
    import types

    import pandas as pd

    from tracker.reports.evaluation.sheets import values_sheet
    from tracker.reports.model import Columns

    unit = next(iter(register.units))
    values = pd.DataFrame([[unit, "accepted", "2019-06", 10.0, 7, "a.xlsx", None],
                           [unit, "completed", "2019-06", float("nan"), 8, "a.xlsx", None]],
                          columns=["unit", "metric", "period", "value", "revision", "file", "stored_at"])
    sheet = values_sheet(types.SimpleNamespace(values=values), register, "zh")  # type: ignore[arg-type]
    assert isinstance(sheet.rows, Columns) and sheet.formats[3] == "count"
    assert list(sheet.rows) == [[register.units[unit].name_zh, register.metrics["accepted"].name_zh, "2019-06", 10.0,
                                 7, "a.xlsx", "—"],
                                [register.units[unit].name_zh, register.metrics["completed"].name_zh, "2019-06", None,
                                 8, "a.xlsx", "—"]]
    values.loc[0, "value"] = 10.5
    assert values_sheet(types.SimpleNamespace(values=values), register, "zh").formats[3] == "decimal"  # type: ignore[arg-type]


def test_the_units_sentence_counts_the_units_below_in_the_pages_language(midterm: EvaluationPack,
                                                                         register: Register) -> None:
    """A target behind names where the shortfall comes from; a target met says how many units are still below it
    ("1 unit remains", "3 units remain"), in either language."""
    import dataclasses

    from tracker.reports.evaluation.text import units_sentence

    entry = next(e for e in midterm.entries if e.target == "online_completion_rate")
    a, b = entry.named[:2]
    zh_units = f"{register.units[a.unit].name_zh}（{a.value:.2f}%）、{register.units[b.unit].name_zh}（{b.value:.2f}%）"
    en_units = f"{register.units[a.unit].name_en} ({a.value:.2f}%), {register.units[b.unit].name_en} ({b.value:.2f}%)"
    behind = dataclasses.replace(entry, named=[a, b])
    assert units_sentence(behind, register, "zh") == f"差距主要来自：{zh_units}。"
    assert units_sentence(behind, register, "en") == f"Most of the shortfall comes from {en_units}."
    met = dataclasses.replace(behind, row=dataclasses.replace(entry.row, status="met"), units_below=3)
    assert units_sentence(met, register, "zh") == f"全区已达标，但仍有 3 个单位低于目标，如：{zh_units}。"
    assert units_sentence(met, register, "en") == (
        f"The district meets the target, but 3 units remain below it, e.g. {en_units}.")
    one = dataclasses.replace(met, named=[a], units_below=1)
    zh_one = f"{register.units[a.unit].name_zh}（{a.value:.2f}%）"
    assert units_sentence(one, register, "zh") == f"全区已达标，但仍有 1 个单位低于目标，如：{zh_one}。"
    assert units_sentence(one, register, "en") == (
        f"The district meets the target, but 1 unit remains below it: {register.units[a.unit].name_en} "
        f"({a.value:.2f}%).")
    assert units_sentence(dataclasses.replace(entry, named=[]), register, "en") is None


def test_the_quoted_clause_in_an_english_pack_is_translated_or_said_to_be_chinese(register: Register) -> None:
    target = register.targets["evaluation_rate"]
    assert clause_paragraph(target, "zh") == "规划原文：“全区政务服务窗口服务评价率不低于70%”"
    assert clause_paragraph(target, "en") == ("The plan: “A window-service evaluation rate of no less than 70% across "
                                              "the district” (original: “全区政务服务窗口服务评价率不低于70%”)")
    untranslated = target.model_copy(update={"clause_en": None})
    assert clause_paragraph(untranslated, "en") == "The plan, in Chinese: “全区政务服务窗口服务评价率不低于70%”"


def test_an_english_pack_numbers_its_targets_in_figures(midterm: EvaluationPack, register: Register) -> None:
    """Not “（一）Window service evaluation rate”: an English reader's (1), (12)."""
    from tracker.reports.model import Heading

    doc = evaluation_document(midterm, register, "en", charts=False)
    seconds = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2]
    assert seconds[0] == "(1) " + midterm.entries[0].row.name_en
    assert seconds[11] == "(12) " + midterm.entries[11].row.name_en
    assert not [h for h in seconds if re.search("[（）一二三四五六七八九十]", h)]


def test_an_english_pack_is_issued_by_the_office_in_english(midterm: EvaluationPack, register: Register) -> None:
    """The register's issuer_en on an English cover; the Chinese cover keeps the plan's issuer as written."""
    assert evaluation_document(midterm, register, "en", charts=False).cover.issuer == (
        "Government Affairs Management Office, Haizhu District People's Government")
    assert evaluation_document(midterm, register, charts=False).cover.issuer == "海珠区人民政府政务管理办公室"
    plan = register.plan.model_copy(update={"issuer_en": None})
    assert plan.issuer_in("en") == "海珠区人民政府政务管理办公室"  # none given: as written, never made up


def test_section_numbers_in_chinese_numerals() -> None:
    from tracker.reports.evaluation.text import _cn

    assert [_cn(i) for i in (1, 9, 10, 11, 16, 19, 20, 21, 36)] == [
        "一", "九", "十", "十一", "十六", "十九", "二十", "二十一", "三十六"]
