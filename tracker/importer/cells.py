"""Reading one cell: numbers as people write them, and the marks that mean 'not reported'."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MISSING = {"", "——", "—", "-", "/", "－", "--", "―", "n/a", "na", "无", "null", "none"}
_PLAIN = re.compile(r"^\d{1,15}(\.\d+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Cell:
    """A parsed cell: value None means not reported; is_percent when written with %."""

    value: float | None
    is_percent: bool = False


class CellError(ValueError):
    """The cell is not a number."""


def clean_text(value: object) -> str:
    """Full-width to half-width, no surrounding or inner spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def parse_cell(raw: object, *, wan: bool = False) -> Cell:
    """A number from a cell: 1,234 / １２３ / 99.43% / 196.71万 / —— (missing); CellError otherwise."""
    if raw is None:
        return Cell(None)
    if isinstance(raw, bool):
        raise CellError(str(raw))
    if isinstance(raw, int | float):
        if raw != raw:  # NaN from an empty spreadsheet cell
            return Cell(None)
        return Cell(float(raw) * (10_000 if wan else 1))
    if isinstance(raw, str) and _PLAIN.match(raw):
        return Cell(float(raw) * (10_000 if wan else 1))
    text = clean_text(raw)
    if text.lower() in MISSING or set(text) <= {"—", "-", "－", "―"}:
        return Cell(None)
    multiplier = 10_000 if wan else 1
    percent = False
    if text.endswith("%"):
        percent, text = True, text[:-1]
    elif text.endswith("万"):
        multiplier, text = 10_000, text[:-1]
    text = text.replace(",", "").replace("，", "")
    if not _NUMBER.match(text):
        raise CellError(str(raw))
    return Cell(float(text) * (1 if percent else multiplier), percent)
