"""Bytes of an uploaded file to a grid of cells: CSV (UTF-8, UTF-8 BOM, GBK/GB18030) or XLSX (calamine)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

from tracker.errors import ImportRejected, Problem

TEMPLATE_SHEETS = ("报送数据", "data", "数据")


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet; rows[0] is spreadsheet row 1."""

    name: str
    rows: list[list[object]]


def _reject(name: str, key: str, **params: object) -> ImportRejected:
    return ImportRejected("import.rejected", [Problem(name, key, params)])


def decode_csv(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM) when it decodes, else GB18030 (a superset of GBK)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _csv_rows(text: str) -> list[list[object]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(name: str, data: bytes) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several error types for a corrupt or foreign file
        raise _reject(name, "import.not_workbook", detail=type(exc).__name__) from exc
    names = book.sheet_names
    chosen = next((n for n in names if n.strip().lower() in TEMPLATE_SHEETS), names[0] if names else None)
    if chosen is None:
        raise _reject(name, "import.empty")
    return [list(r) for r in book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)]


def read_grid(name: str, data: bytes, *, max_mb: float) -> Grid:
    """The grid of cells of an uploaded file; ImportRejected for a file too large, empty or unreadable."""
    size_mb = len(data) / 1_000_000
    if size_mb > max_mb:
        raise _reject(name, "import.too_large", size_mb=f"{size_mb:.1f}", limit_mb=f"{max_mb:g}")
    if not data.strip():
        raise _reject(name, "import.empty")
    suffix = PurePath(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        rows = _xlsx_rows(name, data)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(decode_csv(data))
    else:
        raise _reject(name, "import.bad_type", suffix=suffix or name)
    rows = [r for r in rows]
    if not any(str(c).strip() for r in rows for c in r if c is not None):
        raise _reject(name, "import.empty")
    return Grid(name, rows)
