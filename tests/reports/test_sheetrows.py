"""A long sheet's middle rows written as text give, part for part, the workbook XlsxWriter writes cell by cell."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from tracker.reports.model import Cell, Columns, Format, Sheet
from tracker.reports.writers import xlsx
from tracker.reports.writers.sheetrows import kind_of


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if "docProps" not in n}  # docProps: the time it was made


ROWS = [["甲街", "受理量", "2019-06", 1.5, 7, "a.xlsx", " 前后有空格 "],
        ["乙街", "a&b<c>\"d\"", "2019Q2", None, 8, "x\x01y_x0041_z", "\ufffe"],
        ["丙街", "=1+2", "2019", float("nan"), 12345678901234567, "末尾换行\n", "中间\n换行"],
        ["丁街", "@cmd", "2019-07", 0.1 + 0.2, True, "-2+3", "长" * 40_000],
        ["戊街", "\U0001F600" * 20_000, "2019-08", -3.0, 2**53 + 1, "", "t"],
        ["己街", "a_x0042_b", "2019-09", 1.0, 3, "city_2019-09_s0001.xlsx", "t"]]  # a literal _xHHHH_ alone
FORMATS = ["text", "text", "text", "decimal", "count", "text", "text"]


@pytest.mark.parametrize("missing", [None, "——"])
def test_middle_rows_written_as_text_equal_xlsxwriters_own(monkeypatch: pytest.MonkeyPatch,
                                                            missing: str | None) -> None:
    """Escapes (&, <, >, control characters, a literal _xHHHH_, U+FFFE), kept spaces, blanks and the missing
    mark, numbers to 16 digits, a text over Excel's 32,767 units (cut, an emoji counting two), a second sheet and
    the note: every part of the workbook is the same byte for byte, styles numbered in the same order."""
    sheets = [Sheet("月度数据", list("ABCDEFG"), ROWS * 3, FORMATS, missing=missing, note="注：来源"),
              Sheet("其他", ["x"], [[1], [None], [2]], ["count"], missing=missing)]
    monkeypatch.setattr(xlsx, "FAST_FROM", 10**9)
    slow = xlsx.render(sheets)
    monkeypatch.setattr(xlsx, "FAST_FROM", 2)
    fast = xlsx.render(sheets)
    assert _parts(fast) == _parts(slow)
    assert 'xml:space="preserve"' in _parts(fast)["xl/worksheets/sheet1.xml"].decode()


def test_a_long_sheet_reads_back_row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read back by openpyxl: every row in place, first and last included, and the note under them."""
    monkeypatch.setattr(xlsx, "FAST_FROM", 100)
    rows = [[f"单位{i}", float(i), i % 7 or None] for i in range(250)]
    data = xlsx.render([Sheet("月度数据", ["单位", "数值", "其他"], rows, ["text", "decimal", "count"],
                              missing="——", note="注")])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    got = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=251)]
    assert got == [[f"单位{i}", float(i), i % 7 or "——"] for i in range(250)]
    assert ws.cell(253, 1).value == "注" and ws.max_row == 253


@pytest.mark.parametrize("fast_from", [10**9, 2])
def test_text_shaped_like_rich_text_xml_stays_text(monkeypatch: pytest.MonkeyPatch, fast_from: int) -> None:
    """XlsxWriter's constant-memory mode writes a text that starts with <r> and ends with </r> as raw XML (a
    narrative or name could inject runs, or break the file): it reads back as the same text, either way."""
    monkeypatch.setattr(xlsx, "FAST_FROM", fast_from)
    crafted = '<r><t>注入</t></r><r><rPr><b/></rPr><t>x</t></r>'
    rows = [["甲", crafted], ["乙", "<r>"], ["丙", crafted]]
    data = xlsx.render([Sheet("表", ["名称", "说明"], rows, ["text", "text"])])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    assert [ws.cell(i, 2).value for i in range(2, 5)] == [crafted, "<r>", crafted]


def test_styles_are_numbered_in_the_order_of_first_use_row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Made column by column, the styles still get XlsxWriter's numbers, given in row order: here the decimal of
    row 1, column B before the missing mark of row 2, column A."""
    sheets = [Sheet("次序", ["a", "b", "c"], [["x", 1.5, 3], [None, 2.5, None], ["y", None, 4]],
                    ["text", "decimal", "count"], missing="——")]
    monkeypatch.setattr(xlsx, "FAST_FROM", 10**9)
    slow = xlsx.render(sheets)
    monkeypatch.setattr(xlsx, "FAST_FROM", 2)
    assert _parts(xlsx.render(sheets)) == _parts(slow)


@pytest.mark.parametrize("missing", [None, "——"])
def test_a_sheet_kept_as_columns_gives_the_same_workbook_as_its_rows(monkeypatch: pytest.MonkeyPatch,
                                                                    missing: str | None) -> None:
    """Columns of each kind — texts with blanks, numbers with None and NaN, integers (negative, zero, the largest
    printed exactly), integers past 2**53 (printed as XlsxWriter's float), and a mixed column — written from
    `Columns` give, byte for byte, what XlsxWriter writes cell by cell from the rows."""
    big = 2**53
    rows: list[list[Cell]] = [
        [f"单位{i % 3}" if i % 5 else None, float(i) / 4 if i % 4 else (None if i % 8 else float("nan")),
         [-7, 0, big - 1, 42][i % 4], [big, big + 1, -big, 1][i % 4], ["x", 2, True, None][i % 4], i * 3,
         [0.0, -0.0, 1, 1.0, 2.5][i % 5]]  # a number repeated, as int and float; zero and negative zero
        for i in range(40)]
    formats: list[Format] = ["text", "decimal", "count", "count", "count", "text", "decimal"]
    by_rows = [Sheet("行", list("ABCDEFG"), rows, formats, missing=missing, note="注")]
    by_columns = [Sheet("行", list("ABCDEFG"), Columns.of_rows(rows, 7), formats, missing=missing, note="注")]
    monkeypatch.setattr(xlsx, "FAST_FROM", 10**9)
    slow = xlsx.render(by_rows)
    monkeypatch.setattr(xlsx, "FAST_FROM", 2)
    assert _parts(xlsx.render(by_columns)) == _parts(slow)
    assert _parts(xlsx.render(by_rows)) == _parts(slow)
    sheet = _parts(slow)["xl/worksheets/sheet1.xml"].decode()
    assert f"<v>{big - 1}</v>" in sheet and "<v>9007199254740992</v>" in sheet  # 2**53 + 1 prints as 2**53


def test_column_kinds() -> None:
    assert kind_of(["a", None, "b"], "text") == "text"
    assert kind_of([1.5, None, 2], "decimal") == "number"
    assert kind_of([1.5, 2], "text") == "any"  # numbers in a text column are written as text
    assert kind_of([1, -2, 2**53 - 1], "count") == "integer"
    assert kind_of([1, 2**53], "count") == "number"  # past 2**53 a float prints otherwise
    assert kind_of([-(2**53), 1], "count") == "number"
    assert kind_of([1, None], "count") == "number"
    assert kind_of([1, True], "count") == "any"  # a boolean is text


def test_styles_of_columns_are_numbered_in_row_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """A style first taken far down a column (the missing mark of row 30, column A) is numbered after one taken
    higher up a later column (the decimal of row 2, column B), as XlsxWriter numbers them."""
    rows: list[list[Cell]] = [["x" if i != 30 else None, None if i < 2 else 1.5, i] for i in range(40)]
    sheets = [Sheet("次序", ["a", "b", "c"], Columns.of_rows(rows, 3), ["text", "decimal", "count"], missing="——")]
    monkeypatch.setattr(xlsx, "FAST_FROM", 10**9)
    slow = xlsx.render(sheets)
    monkeypatch.setattr(xlsx, "FAST_FROM", 2)
    assert _parts(xlsx.render(sheets)) == _parts(slow)


def test_columns_read_as_rows() -> None:
    cols = Columns([["a", "b", "c"], [1, None, 3]])
    assert len(cols) == 3 and cols[1] == ["b", None] and cols[-1] == ["c", 3]
    assert list(cols) == [["a", 1], ["b", None], ["c", 3]]
    assert cols[1:] == [["b", None], ["c", 3]] and isinstance(cols[1:], Columns)
    assert cols == Columns.of_rows([["a", 1], ["b", None], ["c", 3]], 2)
    assert Columns.of_rows([], 2).data == [[], []] and len(Columns([])) == 0
    with pytest.raises(ValueError):
        Columns([["a"], [1, 2]])


@pytest.mark.parametrize("fast_from", [10**9, 2])
def test_an_infinite_number_is_written_blank_as_nan_is(monkeypatch: pytest.MonkeyPatch, fast_from: int) -> None:
    """Excel has no infinity: XlsxWriter refuses one, and written as text "INF" the file would not open. Either
    way it is a blank cell in the column's format, as NaN is."""
    monkeypatch.setattr(xlsx, "FAST_FROM", fast_from)
    rows: list[list[Cell]] = [["甲", 1.5], ["乙", float("inf")], ["丙", float("-inf")], ["丁", float("nan")], ["戊", 2.0]]
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.render([Sheet("表", ["名称", "数值"], rows, ["text", "decimal"])]))).active
    assert ws is not None
    assert [ws.cell(i, 2).value for i in range(2, 7)] == [1.5, None, None, None, 2.0]


def test_columns_compare_with_rows_only() -> None:
    cols = Columns(iter([["a", "b"], (1, 2)]))  # any iterable of sequences, kept as lists
    assert cols.data == [["a", "b"], [1, 2]] and cols == [["a", 1], ["b", 2]]
    assert cols != "ab" and cols != [["a", 1]] and cols != [("a", 1), ("b", 2)] and Columns([[1, 2]]) != [1, 2]


def test_a_style_first_taken_in_the_last_row_of_columns_is_xlsxwriters_to_number(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter writes a long sheet's last row itself: the middle rows are read in place up to it (not copied),
    and a style only the last row takes (its missing mark, its one number) is numbered as XlsxWriter numbers it."""
    rows: list[list[Cell]] = [["x", 1.5, "t"] for _ in range(30)] + [[None, None, 7]]
    sheets = [Sheet("末行", ["a", "b", "c"], Columns.of_rows(rows, 3), ["text", "decimal", "count"], missing="——")]
    monkeypatch.setattr(xlsx, "FAST_FROM", 10**9)
    slow = xlsx.render(sheets)
    monkeypatch.setattr(xlsx, "FAST_FROM", 2)
    assert _parts(xlsx.render(sheets)) == _parts(slow)
