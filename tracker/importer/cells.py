"""Reading one cell: numbers as people write them, the marks that mean 'not reported', and notes.

A cell gives a value or a CellError naming what is wrong — never a number the clerk did not write: no 10² read
as 102, no 1,e5 as 100000, no 1e309 as infinity.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

MISSING = {"", "——", "—", "-", "/", "－", "--", "―", "n/a", "na", "无", "null", "none"}
_PLAIN = re.compile(r"^[0-9]{1,15}(\.[0-9]+)?$")
_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$")
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")
# what NFKC would silently turn into a plain digit: 10² → 102, ½ → 1/2, ① → 1
_LOOKALIKE_TAGS = ("<super>", "<sub>", "<fraction>", "<circle>")
LARGEST = 1e15  # no count or rate of a district comes near; beyond it a float no longer holds whole numbers
MAX_NOTE = 2000


@dataclass(frozen=True)
class Cell:
    """A parsed cell: value None means not reported; is_percent when written with %."""

    value: float | None
    is_percent: bool = False


@dataclass(frozen=True)
class ErrorCell:
    """An Excel error value (#DIV/0!, #N/A …) where a reader would see a blank."""

    error: str

    def __str__(self) -> str:
        return self.error


class CellError(ValueError):
    """The cell is not a number (or not a usable one); `key` is the message saying which."""

    def __init__(self, raw: object, key: str = "import.not_a_number") -> None:
        super().__init__(str(raw))
        self.key = key


def as_written(raw: object) -> str | None:
    """A cell as the clerk sees it in Excel, for messages: 100 rather than the 100.0 a workbook stores."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    return str(raw)


def clean_text(value: object) -> str:
    """Full-width to half-width, no surrounding or inner spaces (for matching names and numbers)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def note_text(value: object) -> str | None:
    """A note as the clerk wrote it (inner spaces kept, ends trimmed); CellError for control characters such as
    NUL, which no database should store, and for a note over MAX_NOTE characters."""
    text = str(value).strip()
    if not text:
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in text):
        raise CellError(value, "import.note_control")
    if len(text) > MAX_NOTE:
        raise CellError(value, "import.note_too_long")
    return text


def _finite(value: float, raw: object) -> float:
    if not math.isfinite(value) or abs(value) > LARGEST:
        raise CellError(raw, "import.number_too_large")
    return value


def parse_cell(raw: object, *, wan: bool = False) -> Cell:
    """A number from a cell: 1,234 / １２３ / 99.43% / 196.71万 / —— (missing); CellError otherwise."""
    if raw is None:
        return Cell(None)
    if isinstance(raw, ErrorCell):
        raise CellError(raw, "import.error_cell")
    if isinstance(raw, bool):
        raise CellError(raw)
    if isinstance(raw, int | float):
        if raw != raw:  # NaN from an empty spreadsheet cell
            return Cell(None)
        return Cell(_finite(float(raw) * (10_000 if wan else 1), raw))
    if isinstance(raw, str) and _PLAIN.match(raw):
        return Cell(_finite(float(raw) * (10_000 if wan else 1), raw))
    text = str(raw)
    if any(unicodedata.decomposition(ch).startswith(_LOOKALIKE_TAGS) for ch in text):
        raise CellError(raw)
    text = clean_text(text)
    if text.lower() in MISSING or set(text) <= {"—", "-", "－", "―"}:
        return Cell(None)
    multiplier = 10_000 if wan else 1
    percent = False
    if text.endswith("%"):
        percent, text = True, text[:-1]
    elif text.endswith("万"):
        multiplier, text = 10_000, text[:-1]
    text = text.replace("，", ",")
    if "," in text:  # thousands separators only where they belong: 1,234,567.8 — never 1,e5 or 12,34
        if not _GROUPED.match(text):
            raise CellError(raw)
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise CellError(raw)
    return Cell(_finite(float(text) * (1 if percent else multiplier), raw), percent)
