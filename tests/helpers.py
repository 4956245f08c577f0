"""Small builders of real files for the import tests."""

from __future__ import annotations

import csv
import io

import xlsxwriter


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], sheet: str = "Sheet1", percent_cols: tuple[int, ...] = ()) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    pct = book.add_format({"num_format": "0.00%"})
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            if c in percent_cols and r > 0 and isinstance(v, float):
                ws.write_number(r, c, v, pct)
            else:
                ws.write(r, c, v)
    book.close()
    return buf.getvalue()
