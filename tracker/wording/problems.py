"""Problems (of a file or a register) as a table people read and download."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd

from tracker.core.errors import Problem
from tracker.core.i18n import Lang, msg
from tracker.core.safecells import csv_cell


def problems_csv(problems: Sequence[Problem], lang: Lang = "zh") -> bytes:
    """The problem list as CSV for Excel (UTF-8 with BOM); a cell that looks like a formula is written as text."""
    frame = problems_frame(problems, lang)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        w.writerow(["" if v is None or v != v else csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def problems_frame(problems: Sequence[Problem], lang: Lang = "zh") -> pd.DataFrame:
    """Problems as a table a user can read and download: file, row/line, column, value, severity, message."""
    heads = [msg(f"problem.col_{c}", lang) for c in ("file", "line", "column", "value", "severity", "message")]
    rows = [[p.file, p.line, p.column, p.value, msg(f"problem.{p.severity}", lang), p.text(lang)]
            for p in problems]
    return pd.DataFrame(rows, columns=heads)
