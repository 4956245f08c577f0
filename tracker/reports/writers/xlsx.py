"""`Sheet`s as an XLSX workbook: numbers as numbers with formats, text as text (never a formula), frozen
header rows, and column widths that fit Chinese text."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterator, Sequence

import xlsxwriter

from tracker.reports.model import Cell, Format, Sheet
from tracker.reports.writers.sheetrows import FAST_FROM, rows_xml, set_rows

WIDTH_SAMPLE = 300
EXCEL_ROWS = 1_048_576  # the rows of an Excel worksheet, its header row included (Excel's specification)
NUMBER_FORMATS = {"count": "0", "percent": '0.00"%"', "decimal": "0.00", "text": "@"}


def text_width(value: object) -> int:
    """Display width in Excel's character units: CJK characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(value))


def parts(sheet: Sheet, max_rows: int = EXCEL_ROWS) -> list[Sheet]:
    """The sheet as it fits Excel: one sheet, or — past a worksheet's rows (a city's every value used, 1.4 M) —
    as many as it needs, each with the header, named "月度数据", "月度数据 (2)" …; the note on the last. Rows past
    the limit would otherwise be dropped without a word (XlsxWriter skips a row it cannot write)."""
    per = max_rows - 3  # the header, and room for the note two rows under the last
    if len(sheet.rows) <= per:
        return [sheet]
    chunks = [sheet.rows[i:i + per] for i in range(0, len(sheet.rows), per)]
    return [Sheet(sheet.name if k == 0 else f"{sheet.name[:25]} ({k + 1})", sheet.columns, rows, sheet.formats,
                  missing=sheet.missing, note=sheet.note if k == len(chunks) - 1 else None)
            for k, rows in enumerate(chunks)]


def render(sheets: list[Sheet], max_rows: int = EXCEL_ROWS) -> bytes:
    buf = io.BytesIO()
    # each sheet streamed to a temporary file row by row (constant_memory), not held whole: the 3,000-unit
    # mid-term workbook peaked at 2.9 GB in memory
    book = xlsxwriter.Workbook(buf, {"constant_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    formats = {k: book.add_format({"num_format": v, "border": 1}) for k, v in NUMBER_FORMATS.items()}
    formats["missing"] = book.add_format({"num_format": "@", "border": 1, "align": "right"})
    inserts: dict[int, tuple[int, Iterator[bytes]]] = {}
    for k, sheet in enumerate(part for whole in sheets for part in parts(whole, max_rows)):
        ws = book.add_worksheet(sheet.name)
        widths = [text_width(c) for c in sheet.columns]
        for j, column in enumerate(sheet.columns):
            ws.write_string(0, j, column, head)
        fast = len(sheet.rows) >= FAST_FROM  # every row but the last set in as text afterwards
        for i, row in enumerate(sheet.rows, start=1):
            if i <= WIDTH_SAMPLE:  # the first rows tell the width well enough; measuring all is slow
                for j, value in enumerate(row):
                    widths[j] = max(widths[j], text_width("" if value is None else value))
            elif fast:
                break
            if not fast:
                _write_row(ws, i, row, sheet, formats)
        if fast:
            _write_row(ws, len(sheet.rows), sheet.rows[-1], sheet, formats)
            middle = rows_xml(sheet.rows, 1, sheet.formats, formats, sheet.missing, count=len(sheet.rows) - 1)
            inserts[k] = (len(sheet.rows), middle)
        for j, width in enumerate(widths):
            ws.set_column(j, j, min(max(width + 2, 8), 60))
        if sheet.note:
            ws.write_string(len(sheet.rows) + 2, 0, sheet.note)
        ws.freeze_panes(1, 0)
    book.close()
    return set_rows(buf.getvalue(), inserts) if inserts else buf.getvalue()


def _write_row(ws: object, i: int, row: Sequence[Cell], sheet: Sheet, formats: dict[str, object]) -> None:
    for j, (value, fmt) in enumerate(zip(row, sheet.formats, strict=True)):
        if value is None and sheet.missing is not None:
            ws.write_string(i, j, sheet.missing, formats["missing"])  # type: ignore[attr-defined]
        else:
            _write(ws, i, j, value, fmt, formats)


def _write(ws: object, i: int, j: int, value: Cell, fmt: Format, formats: dict[str, object]) -> None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):  # Excel has no NaN or infinity
        ws.write_blank(i, j, None, formats[fmt])  # type: ignore[attr-defined]
    elif isinstance(value, int | float) and not isinstance(value, bool) and fmt != "text":
        ws.write_number(i, j, float(value), formats[fmt])  # type: ignore[attr-defined]
    else:  # text, including text that begins like a formula (=, +, -, @): stored as a string cell
        text = str(value)
        if text.startswith("<r>") and text.endswith("</r>"):
            # XlsxWriter's constant-memory mode writes such text as raw rich-text XML: written as runs of
            # plain text instead (the same characters, escaped; XlsxWriter asks for three or more)
            ws.write_rich_string(i, j, text[:1], text[1:2], text[2:], formats["text"])  # type: ignore[attr-defined]
        else:
            ws.write_string(i, j, text, formats["text"])  # type: ignore[attr-defined]
