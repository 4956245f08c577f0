"""Seed 002's department table comes back out of the data as printed (rates from the stored counts)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from docx import Document as Docx
from docx.oxml.ns import qn
from sqlmodel import Session

from tests.engine.test_engine import put
from tests.importer.test_examples import TABLE, panyu, panyu_db  # noqa: F401  (fixtures)
from tracker.access.roles import SYSTEM
from tracker.core.periods import parse_period
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.reports.catalogue import departments_export
from tracker.reports.departments.table import department_rows, department_table


def _printed(cell: str) -> float | None:
    return None if cell == "——" else float(cell.rstrip("%"))


def seed_rows() -> list[list[float | None]]:
    rows = list(csv.reader(io.StringIO(TABLE.read_text(encoding="utf-8"))))[1:]
    return [[_printed(c) for c in r[1:]] for r in rows]


@pytest.fixture
def imported(panyu_db: Session, panyu: Register) -> Session:  # noqa: F811
    plan = plan_import(session=panyu_db, register=panyu, actor=SYSTEM, name=TABLE.name, data=TABLE.read_bytes(), period="2019H1")
    store_import(session=panyu_db, plan=plan, actor=SYSTEM)
    return panyu_db


def test_the_seed_table_comes_back_as_printed(imported: Session, panyu: Register) -> None:  # noqa: F811
    rows = department_rows(session=imported, register=panyu, period="2019H1")
    printed = seed_rows()
    assert len(rows) == len(printed) == 22
    for got, want in zip(rows, printed, strict=True):
        # same order (by 受理量, —— last); every rate as the department published it, not via a rounded count
        assert [got.accepted, got.completed, got.on_time, got.early, got.satisfaction, got.spot_check] == want
    weather = rows[-2]  # 區氣象局: 74.84 % published; 74.84 % × 39 = 29.19 → 29 cases → 74.36 % was printed
    assert weather.early == 74.84 and "early" in weather.published
    assert rows[-1].unweighted == ()  # 區殘聯's one 满意率 is a reported value, not an average of several
    assert "satisfaction" in rows[-1].published


def test_the_docx_table_equals_seed_002_cell_for_cell(imported: Session, panyu: Register) -> None:  # noqa: F811
    import opencc

    out = departments_export(session=imported, register=panyu, actor=SYSTEM, period="2019H1", suffix=".docx")
    doc = Docx(io.BytesIO(out.data))
    got = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    # examples/panyu_2019h1_departments.csv is seed 002's 窗口部門績效評估 table as printed (traditional script)
    seed = list(csv.reader(io.StringIO(TABLE.read_text(encoding="utf-8"))))
    t2s = opencc.OpenCC("t2s")
    assert len(got) == len(seed) == 23
    for mine, theirs in zip(got[1:], seed[1:], strict=True):
        assert mine[1:] == theirs[1:]  # 136102, 100%, 99.1%, 74.84%, ——: the seed's cells, as printed
        unit = next(u for u in panyu.units.values() if u.name_zh == mine[0])
        assert t2s.convert(theirs[0]) in (unit.name_zh, *unit.aliases)  # the same unit (區殘聯 by its alias)
    note = "\n".join(p.text for p in doc.paragraphs)
    assert "未加权平均" not in note  # single reported values are not averages
    assert "注：此表格按照受理量降序排列" in note


def test_the_cover_names_the_district_whose_table_it_is(imported: Session, panyu: Register) -> None:  # noqa: F811
    out = departments_export(session=imported, register=panyu, actor=SYSTEM, period="2019H1", suffix=".docx")
    texts = [p.text for p in Docx(io.BytesIO(out.data)).paragraphs]
    assert "番禺区" in texts and not any("海珠" in t for t in texts)


def test_no_unit_name_wraps(imported: Session, panyu: Register) -> None:  # noqa: F811
    out = departments_export(session=imported, register=panyu, actor=SYSTEM, period="2019H1", suffix=".docx")
    table = Docx(io.BytesIO(out.data)).tables[0]
    grid = [int(c.get(qn("w:w"))) / 20 for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]  # points
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    pad = sum(int(margins.find(qn(side)).get(qn("w:w"))) for side in ("w:left", "w:right")) / 20
    longest = max((r.cells[0].text for r in table.rows[1:]), key=len)
    assert longest == "市规划和自然资源局番禺区分局(国土房管)"
    # 18 Chinese characters of 五号 (10.5 pt) and two brackets of ⅓ em: 18 × 10.5 + 2 × 3.5 = 196 pt, plus margins
    assert grid[0] - pad >= 18 * 10.5 + 2 * 3.5
    assert {r.font.size.pt for r in table.rows[1].cells[0].paragraphs[0].runs} == {10.5}
    assert abs(sum(grid) - 156 / 25.4 * 72) < 1  # the type area's width, no more


def test_rates_from_counts_summed_over_the_period(panyu_db: Session, panyu: Register) -> None:  # noqa: F811
    d = next(iter(u for u in panyu.units.values() if u.type == "department")).code
    put(panyu_db, [(d, "completed", "2019-01", 100), (d, "completed_on_time", "2019-01", 100),
                   (d, "completed", "2019-02", 300), (d, "completed_on_time", "2019-02", 240),
                   (d, "satisfaction_rate_reported", "2019-01", 99.0),
                   (d, "satisfaction_rate_reported", "2019-02", 97.0)])
    row = next(r for r in department_rows(session=panyu_db, register=panyu, period="2019Q1") if r.unit == d)
    assert row.completed == 400
    assert row.on_time == pytest.approx(340 / 400 * 100)  # 85%, not the mean of 100% and 80% (90%)
    assert row.satisfaction == pytest.approx(98.0)  # no base reported: the unweighted mean, and so labelled
    assert row.unweighted == ("satisfaction",)
    table = department_table([row], panyu, parse_period("2019Q1"))
    assert "部分比率为报送值的未加权平均" in (table.note or "")


def test_published_rates_stand_for_their_own_period_only(panyu_db: Session, panyu: Register) -> None:  # noqa: F811
    d = next(iter(u for u in panyu.units.values() if u.type == "department")).code
    # January: 100 of 100 on time, published as 100 %; February: 241 of 300 (80.33 %), published as 80.3 %
    put(panyu_db, [(d, "completed", "2019-01", 100), (d, "completed_on_time", "2019-01", 100),
                   (d, "on_time_rate_reported", "2019-01", 100.0),
                   (d, "completed", "2019-02", 300), (d, "completed_on_time", "2019-02", 241),
                   (d, "on_time_rate_reported", "2019-02", 80.3)])
    feb = next(r for r in department_rows(session=panyu_db, register=panyu, period="2019-02") if r.unit == d)
    assert feb.on_time == 80.3 and feb.published == ("on_time",)  # February's own table: as published
    row = next(r for r in department_rows(session=panyu_db, register=panyu, period="2019Q1") if r.unit == d)
    assert row.on_time == pytest.approx(341 / 400 * 100)  # the quarter: from the counts (85.25 %), not a mean
    assert row.published == () and row.unweighted == ()
    cell = department_table([feb], panyu, parse_period("2019-02")).rows[0][3]
    assert cell == "80.3%"  # printed with the digits it was published with


def test_the_table_as_xlsx_and_docx(imported: Session, panyu: Register) -> None:  # noqa: F811
    out = departments_export(session=imported, register=panyu, actor=SYSTEM, period="2019H1", suffix=".xlsx")
    assert out.name == "窗口部门绩效评估-2019H1.xlsx"
    ws = openpyxl.load_workbook(io.BytesIO(out.data)).active
    assert ws is not None
    assert [c.value for c in ws[1]] == ["单位名称", "受理量(件)", "办结量(件)", "按时办结率(%)", "提前办结率(%)",
                                        "群众评价满意率(%)", "群众评价抽查得分(%)"]
    assert ws.freeze_panes == "A2"
    first = [c.value for c in ws[2]]
    assert first[1:] == [136102, 136102, 100.0, 100.0, 99.99, 98.65]  # numbers, not text
    assert ws.cell(2, 4).number_format == '0.00"%"'  # shown as 100.00%, kept as the number 100
    assert [c.value for c in ws[23]][1:5] == ["——"] * 4  # 區殘聯 reported no counts
    assert str(ws.cell(25, 1).value).startswith("注：此表格按照受理量降序排列")
    docx = departments_export(session=imported, register=panyu, actor=SYSTEM, period="2019H1", suffix=".docx")
    doc = Docx(io.BytesIO(docx.data))
    table = doc.tables[0]
    # the narrow rate columns' headers in lines of whole words (the hidden-grid check, tests/reports/test_columns.py)
    assert [c.text for c in table.rows[0].cells] == ["单位名称", "受理量(件)", "办结量(件)", "按时\n办结率(%)",
                                                     "提前\n办结率(%)", "群众\n评价\n满意率(%)",
                                                     "群众\n评价\n抽查\n得分(%)"]
    assert [c.text for c in table.rows[2].cells][1:] == ["47578", "44541", "99.43%", "66.88%", "99.92%", "99.1%"]
    assert len(table.rows) == 23


def test_an_empty_period_prints_dashes(panyu_db: Session, panyu: Register) -> None:  # noqa: F811
    rows = department_rows(session=panyu_db, register=panyu, period="2018")
    assert all(r.accepted is None and r.on_time is None for r in rows)
    assert len(rows) == 22


def test_an_english_table_groups_thousands_and_a_chinese_one_prints_them_as_the_seed(
        imported: Session, panyu: Register) -> None:  # noqa: F811
    # seed 002 prints 136102 (as the office's tables do); English is written 136,102
    seed = list(csv.reader(io.StringIO(TABLE.read_text(encoding="utf-8"))))
    english = departments_export(session=imported, register=panyu, actor=SYSTEM, period="2019H1", suffix=".docx",
                                 lang="en")
    got = [[c.text for c in r.cells] for r in Docx(io.BytesIO(english.data)).tables[0].rows]
    assert got[1][1:3] == [f"{int(seed[1][1]):,}", f"{int(seed[1][2]):,}"] and "," in got[1][1]
    rows = department_rows(session=imported, register=panyu, period="2019H1")
    assert department_table(rows, panyu, parse_period("2019H1")).grouped is False  # made on its own: as in Chinese
    assert department_table(rows, panyu, parse_period("2019H1"), "en").grouped is True
