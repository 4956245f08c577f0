"""Bytes of an uploaded file to a grid of cells: CSV (UTF-8, UTF-8 BOM, GBK/GB18030), XLSX, old binary XLS or
OpenDocument ODS (calamine).

Whatever the bytes, the result is a grid or an ImportRejected naming the problem: CR-only line ends (old Mac
Excel) are read, an unterminated quote or a binary file is refused with its line, a workbook is bounded before
it is read (tracker/importer/xlsx_guard.py), and an Excel error cell (#DIV/0!) reaches the reader as such.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

from tracker.core.errors import ImportRejected, Problem
from tracker.importer.cells import ErrorCell
from tracker.importer.ods_limits import check_ods
from tracker.importer.workbook_limits import MAX_AREA, TooBig, inspect

TEMPLATE_SHEETS = ("报送数据", "data", "数据")
MAX_CELL = 32_767  # Excel's own limit for one cell


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet; rows[0] is spreadsheet row 1."""

    name: str
    rows: list[list[object]]


def _reject(name: str, key: str, at: int | None = None, **params: object) -> ImportRejected:
    return ImportRejected("import.rejected", [Problem(name, key, params, at)])


def decode_csv(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM) when it decodes, else GB18030 (a superset of GBK)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


class _Strict(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def _dialect(sample: str) -> type[csv.Dialect]:
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        return _Strict
    return type("Sniffed", (_Strict,), {"delimiter": sniffed.delimiter, "quotechar": sniffed.quotechar or '"',
                                         "doublequote": sniffed.doublequote,
                                         "skipinitialspace": sniffed.skipinitialspace})


def _csv_rows(name: str, text: str) -> list[list[object]]:
    nul, bad = text.count("\x00"), text.count("\ufffd")
    if (nul > 3 and nul > len(text) // 100) or (bad > 3 and bad > len(text) // 20):
        raise _reject(name, "import.binary")  # a stray NUL in a note is the note's problem (its row is named)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows, Unix and old-Mac (CR only) line ends
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:4096]))
    rows: list[list[object]] = []
    try:
        for row in reader:
            if sum(map(len, row)) > MAX_CELL and max(map(len, row)) > MAX_CELL:
                raise _reject(name, "import.cell_too_long", reader.line_num, line=reader.line_num, limit=MAX_CELL)
            rows.append(list(row))
    except csv.Error as exc:
        line = reader.line_num
        if "field larger" in str(exc):
            raise _reject(name, "import.cell_too_long", line, line=line, limit=MAX_CELL) from None
        if "end of data" in str(exc) or "EOF" in str(exc):
            start = len(rows) + 1
            raise _reject(name, "import.unterminated_quote", start, line=start) from None
        raise _reject(name, "import.bad_csv", line, line=line, detail=str(exc)) from None
    return rows


def _xlsx_rows(name: str, data: bytes) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        facts = inspect(data, None)
    except TooBig as big:
        key = "import.too_big_sheet" if big.sheet else "import.too_big_workbook"
        raise _reject(name, key, sheet=big.sheet, what=big.what, size=f"{big.size:,}", limit=f"{big.limit:,}") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _reject(name, "import.not_workbook", detail=type(exc).__name__) from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several error types for a corrupt or foreign file
        raise _reject(name, "import.not_workbook", detail=type(exc).__name__) from None
    names = book.sheet_names
    chosen = next((n for n in names if n.strip().lower() in TEMPLATE_SHEETS), names[0] if names else None)
    if chosen is None:
        raise _reject(name, "import.empty")
    try:
        rows: list[list[object]] = [list(r) for r in book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)]
    except Exception as exc:  # damaged sheet XML inside a valid zip
        raise _reject(name, "import.bad_sheet", sheet=chosen, detail=str(exc)[:120]) from None
    errors = facts[chosen].errors if chosen in facts else {}
    for (r, c), error in errors.items():
        if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
            rows[r - 1][c - 1] = ErrorCell(error)
    return rows


def _calamine_rows(name: str, data: bytes, suffix: str) -> list[list[object]]:
    """Cells of an old binary Excel (.xls, BIFF: read from its own bytes, nothing to expand) or an OpenDocument
    (.ods, bounded in its XML first) workbook: the sheet 报送数据, else the first; its area bounded before the
    cells become Python objects."""
    from python_calamine import CalamineWorkbook

    if suffix == ".ods":
        try:
            check_ods(data)
        except TooBig as big:
            key = "import.too_big_sheet" if big.sheet else "import.too_big_workbook"
            raise _reject(name, key, sheet=big.sheet, what=big.what, size=f"{big.size:,}",
                          limit=f"{big.limit:,}") from None
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, ParseError) as exc:
            raise _reject(name, "import.not_workbook", detail=type(exc).__name__) from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        chosen = next((n for n in names if n.strip().lower() in TEMPLATE_SHEETS), names[0] if names else None)
        if chosen is None:
            raise _reject(name, "import.empty")
        sheet = book.get_sheet_by_name(chosen)
    except ImportRejected:
        raise
    except Exception as exc:  # calamine raises several error types for a corrupt or foreign file
        raise _reject(name, "import.not_workbook", detail=type(exc).__name__) from None
    if sheet.height * sheet.width > MAX_AREA:
        raise _reject(name, "import.too_big_sheet", sheet=chosen, what="area", size=f"{sheet.height * sheet.width:,}",
                      limit=f"{MAX_AREA:,}")
    try:
        return [list(r) for r in sheet.to_python(skip_empty_area=False)]
    except Exception as exc:  # a damaged sheet
        raise _reject(name, "import.bad_sheet", sheet=chosen, detail=str(exc)[:120]) from None


def read_grid(name: str, data: bytes, *, max_mb: float) -> Grid:
    """The grid of cells of an uploaded file; ImportRejected for a file too large, empty or unreadable."""
    size_mb = len(data) / 1_000_000
    if size_mb > max_mb:
        raise _reject(name, "import.too_large", size_mb=f"{size_mb:.1f}", limit_mb=f"{max_mb:g}")
    if not data.strip():
        raise _reject(name, "import.empty")
    suffix = PurePath(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(name, data)
        for i, row in enumerate(rows, start=1):
            if any(isinstance(c, str) and len(c) > MAX_CELL for c in row):
                raise _reject(name, "import.cell_too_long", i, line=i, limit=MAX_CELL)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(name, decode_csv(data))  # checks its cells' length as it reads
    elif suffix in (".xls", ".ods"):
        rows = _calamine_rows(name, data, suffix)
        for i, row in enumerate(rows, start=1):
            if any(isinstance(c, str) and len(c) > MAX_CELL for c in row):
                raise _reject(name, "import.cell_too_long", i, line=i, limit=MAX_CELL)
    elif suffix == ".et":  # WPS's own format: WPS saves it as .xlsx in a minute
        raise _reject(name, "import.old_excel", suffix=suffix)
    else:
        raise _reject(name, "import.bad_type", suffix=suffix or name)
    if not any(str(c).strip() for r in rows for c in r if c is not None):
        raise _reject(name, "import.empty")
    return Grid(name, rows)
