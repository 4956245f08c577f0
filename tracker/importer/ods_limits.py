"""What an OpenDocument spreadsheet (.ods) may expand to, checked in its XML before calamine reads it.

An .ods is a zip of XML whose rows and cells carry repeat counts: one cell written once with
`table:number-rows-repeated="1048576"` stands for a million rows. Before reading: the zip's uncompressed size is
bounded, a DOCTYPE (entity expansion) is refused, and each table's used area — rows and columns up to the last
one holding a value, repeats counted — is bounded like an XLSX's (tracker/importer/workbook_limits.py).
"""

from __future__ import annotations

import io
import zipfile
from typing import IO
from xml.etree.ElementTree import iterparse

from tracker.importer.workbook_limits import MAX_AREA, MAX_ROWS, MAX_UNCOMPRESSED, TooBig

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ROW, _CELL, _COVERED, _NAME = f"{{{TABLE}}}table-row", f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell", \
    f"{{{TABLE}}}table"
_ROWS, _COLS = f"{{{TABLE}}}number-rows-repeated", f"{{{TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{OFFICE}}}value-type"


def _repeat(element: object, attribute: str) -> int:
    raw = element.get(attribute, "1")  # type: ignore[attr-defined]
    return int(raw) if raw.isdigit() else 1


def check_ods(data: bytes) -> None:
    """TooBig when the spreadsheet would expand beyond the limits; zipfile.BadZipFile or ValueError when it is
    not an OpenDocument spreadsheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        total = sum(i.file_size for i in z.infolist())
        if total > MAX_UNCOMPRESSED:
            raise TooBig("uncompressed", total, MAX_UNCOMPRESSED)
        with z.open("content.xml") as stream:
            head = stream.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise ValueError("DOCTYPE")
        with z.open("content.xml") as stream:
            _scan(stream)


def _scan(stream: IO[bytes]) -> None:
    """Each table's used area, repeats counted, streamed; TooBig at the first table over the limits."""
    sheet, row, last_row, last_col, col = "", 0, 0, 0, 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _NAME:
                sheet, row, last_row, last_col = element.get(f"{{{TABLE}}}name", ""), 0, 0, 0
            elif tag == _ROW:
                col = 0
            continue
        if tag in (_CELL, _COVERED):
            repeat = _repeat(element, _COLS)
            if element.get(_VALUE_TYPE) is not None or len(element):  # a value or text: part of the used area
                last_col = max(last_col, col + repeat)
                last_row = max(last_row, row + 1)
            col += repeat
            element.clear()
        elif tag == _ROW:
            repeat = _repeat(element, _ROWS)
            if last_row == row + 1 and repeat > 1:  # a row holding values, repeated
                last_row = row + repeat
            row += repeat
            if last_row > MAX_ROWS:
                raise TooBig("rows", last_row, MAX_ROWS, sheet)
            if last_row * last_col > MAX_AREA:
                raise TooBig("area", last_row * last_col, MAX_AREA, sheet)
            element.clear()
