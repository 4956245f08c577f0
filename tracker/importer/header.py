"""Where a file's figures are: the header row found among the first rows, each column labelled as the user sees
it in Excel, and the candidate value a cell becomes (read row by row in `tracker.importer.layout`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from tracker.core.periods import Period
from tracker.importer.cells import clean_text
from tracker.importer.files import Grid
from tracker.importer.matching import Column, Matcher

HEADER_SCAN_ROWS = 15


@dataclass
class Candidate:
    """One value read from the file, with where it came from."""

    row: int
    column: str
    raw: object
    unit: str
    metric: str
    period: Period
    value: float | None
    note: str | None = None
    flags: list[str] = field(default_factory=list)
    unit_column: str = ""  # where the unit and period were read ("A 单位"), "" when chosen on upload
    period_column: str = ""


def column_letter(i: int) -> str:
    """Excel's name of the 0-based column i: A … Z, AA …"""
    out = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        out = chr(65 + rest) + out
    return out


@dataclass
class Layout:
    """The header row and each column: its index, its label as the user finds it in Excel ("C 受理量(件)": the
    column letter and the header the user sees) and what it holds; `headers` keeps each header's own text."""

    header_row: int
    columns: list[tuple[int, str, Column | None]]
    headers: dict[int, str] = field(default_factory=dict)

    def first(self, kind: str) -> int | None:
        """Index of the first column of this kind."""
        return self._firsts.get(kind)

    @cached_property
    def _firsts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, _, c in self.columns:
            if c is not None:
                out.setdefault(c.kind, i)
        return out

    @property
    def is_long(self) -> bool:
        return self.first("metric_name") is not None and self.first("value") is not None


def find_layout(grid: Grid, matcher: Matcher) -> Layout | None:
    """The header row with the most recognised columns that has a unit column and something to read."""
    best: Layout | None = None
    best_score = 0
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        cols = [(i, clean_text(h) if h is not None else "", matcher.column(h) if h not in (None, "") else None)
                for i, h in enumerate(row)]
        kinds = [c.kind for _, _, c in cols if c is not None]
        long_ok = "metric_name" in kinds and "value" in kinds
        wide_ok = any(k in ("metric", "rate") for k in kinds)
        has_unit = "unit" in kinds
        if not (long_ok or wide_ok) or not (has_unit or wide_ok):
            continue
        score = len(kinds) + (1 if has_unit else 0)
        if score >= best_score:
            best, best_score = Layout(r, cols), score
    return None if best is None else _labelled(best, grid, matcher)


def _labelled(layout: Layout, grid: Grid, matcher: Matcher) -> Layout:
    """The layout with each column labelled as the user sees it: its Excel letter and its header, or the header
    in the row above when that row names the same column (the report template's visible names above its hidden
    row of codes)."""
    above = grid.rows[layout.header_row - 1] if layout.header_row > 0 else []
    columns, headers = [], {}
    for i, text, col in layout.columns:
        shown = text
        upper = clean_text(above[i]) if i < len(above) and above[i] not in (None, "") else ""
        if col is not None and upper and matcher.column(upper) == col:
            shown = upper
        headers[i] = shown
        columns.append((i, f"{column_letter(i)} {shown}".strip(), col))
    return Layout(layout.header_row, columns, headers)
