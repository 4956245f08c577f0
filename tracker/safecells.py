"""Cells of spreadsheets and CSV files the tracker writes: text that a spreadsheet would run as a formula is
written as plain text (OWASP's CSV injection advice)."""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell: text starting like a formula gets a leading apostrophe, so Excel shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)
