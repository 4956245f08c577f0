"""Seed 002's department table comes back out of the data as printed (rates from the stored counts)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from docx import Document as Docx
from sqlmodel import Session

from tests.test_engine import put
from tests.test_examples import TABLE, panyu, panyu_db  # noqa: F401  (fixtures)
from tracker.access.roles import SYSTEM
from tracker.importer.apply import plan_import, store_import
from tracker.periods import parse_period
from tracker.register import Register
from tracker.reports.departments import department_rows, department_table
from tracker.reports.exports import departments_export


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
        accepted, completed, on_time, early, satisfaction, spot = want
        assert (got.accepted, got.completed) == (accepted, completed)  # same order: by 受理量, —— last
        assert got.satisfaction == satisfaction and got.spot_check == spot  # reported rates, kept as reported
        for rate, printed_rate in ((got.on_time, on_time), (got.early, early)):
            if printed_rate is None:
                assert rate is None
                continue
            # stored as whole cases (printed rate × 办结量, rounded): back within half a case of the printed rate
            assert completed is not None and rate is not None
            assert abs(rate - printed_rate) <= 50 / completed + 1e-9
    land = rows[1]  # 國土房管: 99.43% × 44,541 = 44,287.1 → 44,287 on time → 99.4297% → 99.43%
    assert round(land.on_time or 0, 2) == 99.43
    assert round(rows[-2].early or 0, 2) == round(29 / 39 * 100, 2) == 74.36  # 區氣象局: 74.84% of 39 is 29 cases
    assert rows[-1].unweighted == ("satisfaction",)  # 區殘聯: a rate without its base


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


def test_the_table_as_xlsx_and_docx(imported: Session, panyu: Register) -> None:  # noqa: F811
    out = departments_export(session=imported, register=panyu, period="2019H1", suffix=".xlsx")
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
    docx = departments_export(session=imported, register=panyu, period="2019H1", suffix=".docx")
    doc = Docx(io.BytesIO(docx.data))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["单位名称", "受理量(件)", "办结量(件)", "按时办结率(%)",
                                                     "提前办结率(%)", "群众评价满意率(%)", "群众评价抽查得分(%)"]
    assert [c.text for c in table.rows[2].cells][1:] == ["47578", "44541", "99.43%", "66.88%", "99.92%", "99.10%"]
    assert len(table.rows) == 23


def test_an_empty_period_prints_dashes(panyu_db: Session, panyu: Register) -> None:  # noqa: F811
    rows = department_rows(session=panyu_db, register=panyu, period="2018")
    assert all(r.accepted is None and r.on_time is None for r in rows)
    assert len(rows) == 22
