"""Figures in words: percentages with two decimals (99.90%), other figures with their unit word in the reader's
language, distances in percentage points or units."""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.messages.progress import UNIT_WORDS


def unit_word(unit: str, lang: Lang) -> str:
    """件 → cases, 工作日 → working days … (the register's unit words, in the reader's language)."""
    return UNIT_WORDS.get(unit, unit) if lang == "en" else unit


def fmt(value: float, unit: str, decimals: int = 2, lang: Lang = "zh") -> str:
    """31.20% for percentages; '2.40 工作日' / '2.40 working days'; counts with thousands separators."""
    if unit == "%":
        return f"{value:.{decimals}f}%"
    return f"{value:,.{decimals}f} {unit_word(unit, lang)}"


def amount(distance: float, unit: str, lang: Lang) -> str:
    """An unsigned distance: '2.80 个百分点' for percentages, '0.60 工作日' otherwise."""
    if unit == "%":
        return msg("gap.points", lang, gap=f"{abs(distance):.2f}")
    return msg("gap.units", lang, gap=f"{abs(distance):,.2f}", unit=unit_word(unit, lang))
