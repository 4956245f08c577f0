"""A long worksheet's rows written as XML text, then set into the worksheet XlsxWriter made around them.

XlsxWriter handles each cell in three Python calls (the write, the stored tuple, the XML): a city's mid-term
workbook lists every value used, 1.4 million rows of seven cells, and took 100 s. Here a row is one formatted
string, giving the same XML XlsxWriter writes in its constant-memory mode (inline strings; `tests/reports/
test_sheetrows.py` compares the two byte for byte): XlsxWriter still writes the sheet's header, its last row and
note, its widths, frozen pane and styles, and the rows between are set in before its last row.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from xlsxwriter.utility import xl_col_to_name

from tracker.reports.model import Cell, Format

FAST_FROM = 5_000  # rows of a sheet from which its middle rows are written here
STRING_MAX = 32_767  # UTF-16 units of a cell's text (Excel's limit; XlsxWriter cuts longer text there)

_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LEADING, _TRAILING = re.compile(r"^\s"), re.compile(r"\s$")


def text_xml(value: str) -> tuple[str, bool]:
    """A cell's text as XlsxWriter writes an inline string: cut to Excel's length, control characters as
    _xHHHH_ (a literal _xHHHH_ escaped first), XML's &, < and > escaped; and whether spaces are kept."""
    if len(value) > STRING_MAX // 2 and len(value.encode("utf-16-le")) // 2 > STRING_MAX:
        value = _utf16_cut(value)
    value = _ESCAPED_ESCAPE.sub(r"_x005F\1", value)
    value = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
    value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    keep = bool(_LEADING.search(value) or _TRAILING.search(value))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), keep


def _utf16_cut(value: str) -> str:
    units = 0
    for i, ch in enumerate(value):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > STRING_MAX:
            return value[:i]
    return value


_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f&<>_\ufffe\uffff]|^\s|\s$")  # what text_xml could change


def cell_writer(formats: Sequence[Format], styles: dict[str, Any],
                missing: str | None) -> Callable[[int, int, Cell], str]:
    """The XML of one cell (row, column, value; both 0-based), as `xlsx._write` has XlsxWriter write it.
    `styles`: the workbook's XlsxWriter formats by name; each is numbered on its first use, as XlsxWriter does.
    A text's element is made once per distinct text (a sheet's names, periods and times repeat)."""
    letters = [xl_col_to_name(j) for j in range(len(formats))]
    number: dict[str, int] = {}
    texts: dict[tuple[str, str], str] = {}

    def style(name: str) -> int:
        if name not in number:
            number[name] = styles[name]._get_xf_index()
        return number[name]

    def string(name: str, value: str) -> str:
        """What follows the cell's reference: its style and inline text."""
        made = texts.get((name, value))
        if made is None:
            text, keep = text_xml(value) if _PLAIN.search(value) or len(value) > STRING_MAX // 2 else (value, False)
            space = ' xml:space="preserve"' if keep else ""
            made = texts[(name, value)] = f'" s="{style(name)}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
        return made

    def cell(i: int, j: int, value: Cell) -> str:
        fmt = formats[j]
        if value is None and missing is not None:
            return f'<c r="{letters[j]}{i + 1}{string("missing", missing)}'
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return f'<c r="{letters[j]}{i + 1}" s="{style(fmt)}"/>'
        if isinstance(value, int | float) and not isinstance(value, bool) and fmt != "text":
            return f'<c r="{letters[j]}{i + 1}" s="{style(fmt)}"><v>{float(value):.16G}</v></c>'
        return f'<c r="{letters[j]}{i + 1}{string("text", str(value))}'

    return cell


CHUNK = 20_000  # rows formatted and compressed at a time (a city's whole sheet as one text took 4.7 GB)


def rows_xml(rows: Sequence[Sequence[Cell]], first: int, cell: Callable[[int, int, Cell], str]) -> Iterator[bytes]:
    """`<row>` elements of `rows`, the first at 0-based row `first`, as UTF-8, `CHUNK` rows at a time."""
    for start in range(0, len(rows), CHUNK):
        yield "".join([f'<row r="{i + 1}">' + "".join([cell(i, j, v) for j, v in enumerate(row)]) + "</row>"
                       for i, row in enumerate(rows[start:start + CHUNK], start=first + start)]).encode("utf-8")


def spooled(rows: Sequence[Sequence[Cell]], first: int, cell: Callable[[int, int, Cell], str]) -> IO[bytes]:
    """`rows_xml` written to a temporary file now (while the workbook is open: a style is numbered on its first
    use, and the workbook lists the styles numbered when it closes), read back when the rows are set in."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open; the writer closes it
    for piece in rows_xml(rows, first, cell):
        spool.write(piece)
    spool.seek(0)
    return spool


def set_rows(book: bytes, inserts: dict[int, tuple[int, IO[bytes]]]) -> bytes:
    """The workbook with each sheet's rows set in: sheet position (0-based) → (the 0-based row they go before,
    their XML in a file), streamed into the sheet's compressed part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            sheet = _sheet_number(info.filename)
            if sheet is None or sheet - 1 not in inserts:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            before, pieces = inserts[sheet - 1]
            at = data.index(f'<row r="{before + 1}"'.encode(), data.index(b"<sheetData>"))
            part = zipfile.ZipInfo(info.filename, info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(part, "w", force_zip64=True) as f:
                f.write(data[:at])
                shutil.copyfileobj(pieces, f, 1 << 20)
                f.write(data[at:])
    return out.getvalue()


def _sheet_number(name: str) -> int | None:
    m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
    return int(m.group(1)) if m else None
