"""Bad input never crashes and never stores a value the clerk did not write: each file the probe found."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import random
import zipfile

import openpyxl
import pytest
import xlsxwriter
from sqlalchemy import Engine
from sqlmodel import Session

from tests.helpers import xlsx_bytes
from tracker.access.roles import SYSTEM, operator
from tracker.core.errors import ImportRejected
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register
from tracker.storage.values import current_values

TODAY = dt.date(2026, 11, 22)


def rejected(db: Session, register: Register, name: str, data: bytes) -> list[tuple[int | None, str]]:
    before = len(current_values(session=db))
    with pytest.raises(ImportRejected) as e:
        plan_import(session=db, register=register, actor=SYSTEM, name=name, data=data, today=TODAY)
    assert len(current_values(session=db)) == before  # nothing written
    return [(p.line, p.text("zh")) for p in e.value.problems]


def stored(db: Session, register: Register, name: str, data: bytes) -> list[tuple[str, str, str, float, object]]:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name=name, data=data, today=TODAY)
    store_import(session=db, plan=plan, actor=SYSTEM)
    v = current_values(session=db)
    return sorted(zip(v["unit"], v["metric"], v["period"], v["value"], v["note"], strict=True))


def test_old_mac_line_ends(db: Session, register: Register) -> None:
    data = "单位,期间,受理量\r赤岗街,2019-06,100\r新港街,2019-06,200\r".encode()
    assert [(u, v) for u, _, _, v, _ in stored(db, register, "mac.csv", data)] == [
        ("street_chigang", 100.0), ("street_xingang", 200.0)]


def test_random_bytes_named_csv(db: Session, register: Register) -> None:
    rng = random.Random(7)
    for _ in range(20):
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
        with pytest.raises(ImportRejected):
            plan_import(session=db, register=register, actor=SYSTEM, name="junk.csv", data=junk, today=TODAY)
    assert rejected(db, register, "zero.csv", b"\x00" * 500) == [(None, "文件不是文本 CSV（含有二进制内容）；请上传 Excel 表格或 CSV 文件")]


def test_a_cell_longer_than_excel_allows(db: Session, register: Register) -> None:
    digits = f"单位,期间,受理量\n赤岗街,2019-06,{'1' * 100_000}\n".encode()  # a 100,000-digit number
    assert rejected(db, register, "digits.csv", digits) == [(2, "第 2 行有一个单元格超过 32767 个字符；请检查该行")]
    for size in (40_000, 131_073):
        data = f"单位,期间,受理量,备注\n赤岗街,2019-06,100,{'长' * size}\n".encode()
        assert rejected(db, register, "long.csv", data) == [(2, "第 2 行有一个单元格超过 32767 个字符；请检查该行")]


def test_unterminated_quote(db: Session, register: Register) -> None:
    data = '单位,期间,受理量,备注\n赤岗街,2019-06,100,"未闭合\n新港街,2019-06,200,\n'.encode()
    assert rejected(db, register, "quote.csv", data) == [
        (2, "CSV 文件第 2 行的引号没有闭合，后面的行会被并入同一单元格；请检查该行的引号")]


def test_notes_keep_their_spaces_and_refuse_nul(db: Session, register: Register) -> None:
    data = "单位,期间,受理量,备注\n赤岗街,2019-06,100, memo No. 12  (see  attached) \n".encode()
    assert stored(db, register, "note.csv", data)[0][4] == "memo No. 12  (see  attached)"
    nul = "单位,期间,受理量,备注\n新港街,2019-06,100,a\x00b\n".encode()
    assert rejected(db, register, "nul.csv", nul) == [(2, "备注含有控制字符（如 NUL），无法保存；请删除后重新上传")]


@pytest.mark.parametrize("cell", ["1e309", "1" * 400, "1e305万", "-1e309", "inf", "NaN", "1e16"])
def test_numbers_that_are_not_finite_or_far_too_large(db: Session, register: Register, cell: str) -> None:
    data = f"单位,期间,受理量\n赤岗街,2019-06,{cell}\n".encode()
    [(line, text)] = rejected(db, register, "big.csv", data)
    assert line == 2 and ("过大" in text or "不是数字" in text)


@pytest.mark.parametrize("cell", ["10²", "1,e5", "12,34", "１²", "½", "①"])
def test_numbers_that_would_change_on_normalising(db: Session, register: Register, cell: str) -> None:
    data = f"单位,期间,受理量\n赤岗街,2019-06,\"{cell}\"\n".encode()
    [(line, text)] = rejected(db, register, "odd.csv", data)
    assert line == 2 and text.startswith(f"“{cell}”不是数字")


def test_grouped_thousands_still_read(db: Session, register: Register) -> None:
    data = '单位,期间,受理量\n赤岗街,2019-06,"1,234,567"\n新港街,2019-06,"12，345"\n'.encode()
    assert [v for *_, v, _ in stored(db, register, "ok.csv", data)] == [1234567.0, 12345.0]


def test_an_impossible_date_is_no_period(db: Session, register: Register) -> None:
    data = "单位,期间,受理量\n赤岗街,2019-06-31,100\n".encode()
    [(line, text)] = rejected(db, register, "date.csv", data)
    assert line == 2 and "2019-06-31" in text
    ok = "单位,期间,受理量\n赤岗街,2019-06-30,100\n".encode()
    assert stored(db, register, "date.csv", ok)[0][2] == "2019-06"


def test_a_numeric_period_that_could_be_january_or_october(db: Session, register: Register) -> None:
    data = xlsx_bytes([["单位", "期间", "受理量"], ["赤岗街", 2019.10, 100]])  # Excel keeps 2019.1
    assert rejected(db, register, "p.xlsx", data) == [
        (2, "期间“2019.1”是数字，无法区分 1 月和 10 月；请把期间单元格设为文本，写成 2019-10 或 2019年10月")]
    june = xlsx_bytes([["单位", "期间", "受理量"], ["赤岗街", 2019.06, 100]])
    assert stored(db, register, "p.xlsx", june)[0][2] == "2019-06"


def test_excel_error_cells_are_refused_with_their_cell(db: Session, register: Register) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["单位", "期间", "受理量", "办结量"])
    ws.append(["赤岗街", "2019-06", 100, 90])
    ws.append(["新港街", "2019-06", 200, "#DIV/0!"])
    ws["D3"].data_type = "e"
    ws.append(["昌岗街", "2019-06", "#N/A", 50])
    ws["C4"].data_type = "e"
    buf = io.BytesIO()
    book.save(buf)
    assert rejected(db, register, "err.xlsx", buf.getvalue()) == [
        (3, "单元格是 Excel 错误值 #DIV/0!（公式出错）；请修正公式或直接填写数值，未报送请填“——”"),
        (4, "单元格是 Excel 错误值 #N/A（公式出错）；请修正公式或直接填写数值，未报送请填“——”")]


def _zip_replacing(data: bytes, part: str, content: bytes) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, content if item.filename == part else src.read(item.filename))
    return out.getvalue()


def test_a_corrupt_sheet_inside_a_valid_zip(db: Session, register: Register) -> None:
    good = xlsx_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", 100]])
    broken = _zip_replacing(good, "xl/worksheets/sheet1.xml", b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9')
    [(line, text)] = rejected(db, register, "broken.xlsx", broken)
    assert "已损坏" in text or "不是有效的 Excel 工作簿" in text


def test_a_tiny_workbook_that_would_expand_to_billions_of_cells(db: Session, register: Register) -> None:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("报送数据")
    ws.write(0, 0, "单位")
    ws.write(1048575, 16383, 1)  # XFD1048576
    book.close()
    assert len(buf.getvalue()) < 10_000
    [(_, text)] = rejected(db, register, "bomb.xlsx", buf.getvalue())
    assert text.startswith("工作表“报送数据”过大")
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet()
    ws.write(0, 0, "单位")
    ws.write(299_999, 25, 1)  # Z300000: 7.8 million cells from A1
    book.close()
    assert "过大" in rejected(db, register, "wide.xlsx", buf.getvalue())[0][1]


def test_a_huge_shared_string_table_is_refused_before_reading(db: Session, register: Register) -> None:
    good = xlsx_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", 100]])
    huge = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>' + b"a" * 60_000_000 + b"</t></si></sst>"
    bomb = _zip_replacing(good, "xl/sharedStrings.xml", huge)
    assert len(bomb) < 1_000_000
    [(_, text)] = rejected(db, register, "strings.xlsx", bomb)
    assert text.startswith("工作簿解压后过大（shared_strings")


def test_a_long_operator_name_and_a_nul_on_every_backend(any_engine: Engine, register: Register) -> None:
    with session(any_engine) as s:
        sync_register(session=s, register=register)
        s.commit()
        who = operator("x" * 300)
        data = "单位,期间,受理量,备注\n赤岗街,2019-06,100,ok\n".encode()
        plan = plan_import(session=s, register=register, actor=who, name="a" * 600 + ".csv", data=data, today=TODAY)
        assert store_import(session=s, plan=plan, actor=who) > 0
        with pytest.raises(ImportRejected):
            plan_import(session=s, register=register, actor=who, name="nul.csv",
                        data="单位,期间,受理量,备注\n赤岗街,2019-05,1,a\x00\n".encode(), today=TODAY)
        assert len(current_values(session=s)) == 1


def test_the_probe_files_never_raise_anything_but_a_rejection(db: Session, register: Register) -> None:
    """Every shape above, and a few more, through the whole import: a value or ImportRejected."""
    rng = random.Random(11)
    shapes = [b"", b"\xef\xbb\xbf", b"\r\r\r", "单位\n".encode(), b'"', os.urandom(64) + b".xlsx",
              b"PK\x03\x04" + os.urandom(200)]
    for _ in range(30):
        shapes.append("单位,期间,受理量\n".encode() + bytes(rng.randrange(256) for _ in range(rng.randrange(300))))
    for i, data in enumerate(shapes):
        for suffix in (".csv", ".xlsx"):
            with contextlib.suppress(ImportRejected):
                plan_import(session=db, register=register, actor=SYSTEM, name=f"f{i}{suffix}", data=data, today=TODAY)


def _ods(content: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return buf.getvalue()


ODS_HEAD = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            '<table:table table:name="S">')
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


@pytest.mark.parametrize(("body", "what"), [
    # one cell with a value, ten columns wide, repeated down a million rows: 10,000,000 cells from 300 bytes
    ('<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="10" '
     'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>', "area"),
    # a header row with one value repeated across 16,384 columns, then a row far below
    ('<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
     '<text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="400">'
     '<table:table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="string">'
     '<text:p>y</text:p></table:table-cell></table:table-row>', "area"),
])
def test_an_ods_that_would_expand_is_refused_before_it_is_read(body: str, what: str, db: Session,
                                                               register: Register) -> None:
    with pytest.raises(ImportRejected) as exc:
        plan_import(session=db, register=register, actor=SYSTEM, name="大.ods", data=_ods(ODS_HEAD + body + ODS_TAIL))
    [problem] = exc.value.problems
    assert problem.key == "import.too_big_sheet" and problem.params["what"] == what


def test_an_ods_with_entities_or_no_content_is_not_a_workbook(db: Session, register: Register) -> None:
    laughs = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;</x>'
    for data in (_ods(laughs), _ods("<not-closed"), b"PK\x03\x04 nothing"):
        with pytest.raises(ImportRejected) as exc:
            plan_import(session=db, register=register, actor=SYSTEM, name="坏.ods", data=data)
        assert exc.value.problems[0].key == "import.not_workbook"
