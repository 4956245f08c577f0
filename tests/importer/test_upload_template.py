"""Templates: the right headers for the unit type, drop-downs, hidden codes, and a filled one imports as is."""

from __future__ import annotations

import io
import zipfile

from python_calamine import CalamineWorkbook
from sqlmodel import Session

from tracker.access.roles import SYSTEM
from tracker.importer.apply import plan_import, store_import
from tracker.importer.upload_template import template_csv, template_xlsx
from tracker.register import Register
from tracker.storage.values import current_values


def test_xlsx_template_layout(register: Register) -> None:
    data = template_xlsx(register=register, unit=register.units["street_nanhuaxi"], period="2019-06")
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["报送数据", "lists", "填表说明"]
    rows = book.get_sheet_by_name("报送数据").to_python()
    street_metrics = [m.code for m in register.metrics_for("street") if m.frequency == "month"]
    assert rows[1] == ["unit", "period", *street_metrics]
    assert rows[0][:4] == ["单位", "期间", "受理量(件)", "社会公共服务类受理量(件)"]
    assert rows[2][:2] == ["南华西街政务服务中心", "2019-06"]
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert '<row r="2"' in sheet_xml and 'hidden="1"' in sheet_xml
    assert sheet_xml.count("<dataValidation ") == 3 and "lists!$A$1" in sheet_xml


def test_quarterly_template_has_the_stock_metrics(register: Register) -> None:
    data = template_xlsx(register=register, unit=register.units["dept_edu"], period="2019Q2")
    codes = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("报送数据").to_python()[1]
    assert codes[2:5] == ["service_items", "items_max_one_visit", "items_zero_visit"]


FILLED = {"accepted": 1000, "accepted_public": 1000, "completed": 990, "completed_on_time": 985,
          "completed_early": 700, "visitors": 900, "evaluated": 700, "satisfied": 699, "bad_reviews": 1,
          "bad_reviews_rectified": 1, "cases_hall": 900, "rated_hall": 800, "cases_online": 100, "rated_online": 80}


def test_filled_xlsx_template_imports_with_no_mapping(db: Session, register: Register) -> None:
    import openpyxl

    data = template_xlsx(register=register, unit=register.units["street_nanhuaxi"], period="2019-06")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["报送数据"]
    codes = [c.value for c in sheet[2]]
    for col, code in enumerate(codes, start=1):
        if code in FILLED:
            sheet.cell(row=3, column=col, value=FILLED[code])
    out = io.BytesIO()
    book.save(out)
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="模板.xlsx", data=out.getvalue())
    store_import(session=db, plan=plan, actor=SYSTEM)
    values = current_values(session=db).set_index("metric")["value"].to_dict()
    assert values == {k: float(v) for k, v in FILLED.items()}


def test_filled_csv_template_imports_with_no_mapping(db: Session, register: Register) -> None:
    text = template_csv(register=register, unit=register.units["street_nanhuaxi"], period="2019-06").decode("utf-8-sig")
    header, row = text.splitlines()
    street = [m.code for m in register.metrics_for("street") if m.frequency == "month"]
    filled = "南华西街政务服务中心,2019-06," + ",".join(str(FILLED[c]) for c in street)
    assert row == "南华西街政务服务中心,2019-06" + "," * len(street)
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="模板.csv", data=(header + "\n" + filled).encode("utf-8-sig"))
    store_import(session=db, plan=plan, actor=SYSTEM)
    values = current_values(session=db).set_index("metric")["value"].to_dict()
    assert values == {k: float(v) for k, v in FILLED.items()}


def test_problems_in_a_filled_template_name_the_excel_column_and_the_header_the_user_sees(
        db: Session, register: Register) -> None:
    """Issue 17, finding 2: not the hidden row's codes (visitors, satisfied), and a row for another unit is
    blamed on column A, 单位."""
    import openpyxl

    from tracker.access.roles import Actor
    from tracker.core.errors import ImportRejected

    data = template_xlsx(register=register, unit=register.units["street_chigang"], period="2019-06")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["报送数据"]
    # columns: A 单位, B 期间, then the street's monthly metrics in register order: C 受理量, D 社会公共服务类受理量,
    # E 办结量, F 按时办结量, G 提前办结量, H 接待办事群众, I 评价数, J 满意评价数 …
    sheet["H3"], sheet["I3"], sheet["J3"] = "很多", 100, 101
    sheet["A4"], sheet["B4"], sheet["C4"] = "新港街政务服务中心", "2019-06", 10
    out = io.BytesIO()
    book.save(out)
    clerk = Actor("clerk", "reporter", frozenset({"street_chigang"}))
    try:
        plan_import(session=db, register=register, actor=clerk, name="模板.xlsx", data=out.getvalue())
    except ImportRejected as exc:
        problems = [(p.line, p.column) for p in exc.problems]
    assert problems == [(3, "H 接待办事群众(人次)"), (3, "J 满意评价数(件)"), (4, "A 单位")]


def test_the_instructions_name_no_codes_and_no_command_line(register: Register) -> None:
    """Issue 17, finding 9: the clerk reads the unit's name, and uploads on the page."""
    data = template_xlsx(register=register, unit=register.units["street_chigang"], period="2019-06")
    lines = [str(r[0]) for r in CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("填表说明")
             .to_python() if r and r[0]]
    text = "\n".join(lines)
    assert "单位：赤岗街政务服务中心  期间：2019年6月" in lines
    assert "street_chigang" not in text and "python -m" not in text and "代码" not in text
