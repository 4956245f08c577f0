"""Figures in words: percentages with two decimals (99.90%), other figures with their unit word in the reader's
language, distances in percentage points or units.

Pages group thousands (1,200 件); documents do not, as the office's own reports print counts (25824 件, seeds
000–004). The same wording serves both: a document's builder is marked `@in_document`, and every figure it has
worded while it runs is written without separators (`grouping()`), in its tables and its sentences alike.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from tracker.core.i18n import Lang, msg
from tracker.messages.progress import UNIT_WORDS

_GROUPED: ContextVar[bool] = ContextVar("grouped_thousands", default=True)
P = ParamSpec("P")
R = TypeVar("R")


def grouping() -> str:
    """The thousands separator of the figures being worded: ',' on a page, '' in a document."""
    return "," if _GROUPED.get() else ""


@contextmanager
def document_figures() -> Iterator[None]:
    """While inside, figures are worded as documents print them (no thousands separators)."""
    token = _GROUPED.set(False)
    try:
        yield
    finally:
        _GROUPED.reset(token)


def in_document(build: Callable[P, R]) -> Callable[P, R]:
    """Mark a document's builder: the figures it words are printed without thousands separators."""
    @functools.wraps(build)
    def building(*args: P.args, **kwargs: P.kwargs) -> R:
        with document_figures():
            return build(*args, **kwargs)
    return building


def unit_word(unit: str, lang: Lang) -> str:
    """件 → cases, 工作日 → working days … (the register's unit words, in the reader's language)."""
    return UNIT_WORDS.get(unit, unit) if lang == "en" else unit


def fmt(value: float, unit: str, decimals: int = 2, lang: Lang = "zh") -> str:
    """31.20% for percentages; '2.40 工作日' / '2.40 working days'; a whole number without decimals ('3551 件',
    '3 工作日'); counts with thousands separators on a page ('1,200 件'), without in a document ('1200 件')."""
    if unit == "%":
        return f"{value:.{decimals}f}%"
    return f"{figure(value, decimals)} {unit_word(unit, lang)}"


def figure(value: float, decimals: int = 2) -> str:
    """A figure other than a percentage: `decimals` places, none for a whole number (a count is never
    '3551.00'), thousands grouped as `grouping()` says."""
    if math.isfinite(value) and abs(value - round(value)) < 1e-9:
        return f"{round(value):{grouping()}d}"  # an int: a hair under zero is "0", not "-0"
    return f"{value:{grouping()}.{decimals}f}"


def amount(distance: float, unit: str, lang: Lang) -> str:
    """An unsigned distance: '2.80 个百分点' for percentages, '0.60 工作日' or '480 件' otherwise."""
    if unit == "%":
        return msg("gap.points", lang, gap=f"{abs(distance):.2f}")
    return msg("gap.units", lang, gap=figure(abs(distance)), unit=unit_word(unit, lang))
