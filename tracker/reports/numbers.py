"""Numbers as the office's documents print them.

Running Chinese text writes counts without thousands separators (25824 件) and percentages with two decimals
(49.32%); a figure that is missing is said to be missing, never printed as 0; the shares of a split add up to
exactly 100.00% (largest-remainder rounding).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from tracker.core.i18n import Lang, msg
from tracker.wording.numbers import document_grouping

MISSING = "——"
NO_BREAK = "\u202f"  # a narrow no-break space: LibreOffice breaks a line at U+00A0 before a Chinese character
_NUMBER_THEN_WORD = re.compile(r"(?<=[0-9%]) (?=[\u3400-\u9fff])")


def keep_units(text: str) -> str:
    """The space between a number and the unit word after it ('23837 件', '2.40 工作日', '第 12 期') made a narrow
    no-break space (U+202F), so that a line never ends between them (LibreOffice, which makes the PDFs, honours it
    before a Chinese character, not U+00A0 nor a number and its unit in one run); other spaces stay breakable."""
    return _NUMBER_THEN_WORD.sub(NO_BREAK, text)


def count(value: float | None, unit: str = "件") -> str:
    """'25824 件' (no separators in a Chinese document's running text; '25,824 cases' in an English one's), or
    '——'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return f"{value:{document_grouping()}.0f} {unit}".strip()


def whole(value: float) -> str:
    """A count in running text without its unit: '49070' (an English document's '49,070')."""
    return f"{value:{document_grouping()}.0f}"


def percent(value: float | None) -> str:
    """'49.32%', or '——'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return f"{value:.2f}%"


def dated(day: dt.date, lang: Lang = "zh") -> str:
    """A document's date as printed: '2018年7月15日' (no leading zeros), or ISO in English."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator ÷ denominator × 100, None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or not denominator:
        return None
    return numerator / denominator * 100


def shares(parts: list[float], decimals: int = 2) -> list[float]:
    """Each part's share of the total in %, rounded so that they add up to exactly 100 (largest remainder)."""
    total = sum(parts)
    if total <= 0:
        return [0.0 for _ in parts]
    unit = 10 ** decimals
    exact = [p / total * 100 * unit for p in parts]
    floors = [math.floor(e) for e in exact]
    short = 100 * unit - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (exact[i] - floors[i], parts[i]), reverse=True)
    for i in order[:short]:
        floors[i] += 1
    return [f / unit for f in floors]


def month_on_month(current: float | None, previous: float | None, lang: Lang = "zh") -> str:
    """'环比下降 15.32%' (seed 000's spacing) / '环比上升 x%' / '环比持平'; when last month is missing, that it cannot be compared."""
    if current is None:
        return msg("brief.mom_none", lang)
    if previous is None or not previous:
        return msg("brief.mom_missing", lang)
    change = (current - previous) / previous * 100
    if abs(change) < 0.005:
        return msg("brief.mom_flat", lang)
    return msg("brief.mom_up" if change > 0 else "brief.mom_down", lang, change=f"{abs(change):.2f}%")
