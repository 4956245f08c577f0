"""Figures in words: percentages with two decimals (99.90%), other figures with their unit word in the reader's
language, distances in percentage points or units.

Pages group thousands (1,200 件); Chinese documents do not, as the office's own reports print counts (25824 件,
seeds 000–004); English documents do, as English is written (25,824 cases). The same wording serves all: a
document's builder is marked `@in_document`, and every figure it words while it runs is written as its language's
documents write it (`grouping()`), in its tables (`Table.grouped`) and its sentences alike.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from tracker.core.i18n import Lang, msg
from tracker.messages.progress import UNIT_WORDS

_GROUPED: ContextVar[bool] = ContextVar("grouped_thousands", default=True)
_DOCUMENT: ContextVar[bool] = ContextVar("in_a_document", default=False)
P = ParamSpec("P")
R = TypeVar("R")


def grouping() -> str:
    """The thousands separator of the figures being worded: ',' on a page and in an English document, '' in a
    Chinese document."""
    return "," if _GROUPED.get() else ""


@contextmanager
def document_figures(lang: Lang = "zh") -> Iterator[None]:
    """While inside, figures are worded as documents in `lang` print them (no thousands separators in Chinese)."""
    token, inside = _GROUPED.set(lang == "en"), _DOCUMENT.set(True)
    try:
        yield
    finally:
        _GROUPED.reset(token)
        _DOCUMENT.reset(inside)


def document_grouping() -> str:
    """The thousands separator of a document's counts worded now: ',' inside an English document's builder, else
    '' (a Chinese document's, and what a document's parts print when made on their own)."""
    return "," if _DOCUMENT.get() and _GROUPED.get() else ""


def tables_grouped() -> bool:
    """Whether a document's table made now prints its counts grouped (`document_grouping`)."""
    return document_grouping() == ","


def in_document(build: Callable[P, R]) -> Callable[P, R]:
    """Mark a document's builder (taking the document's `lang`): the figures it words are printed as documents in
    that language print them."""
    signature = inspect.signature(build)
    default = signature.parameters["lang"].default  # a builder without `lang` is a mistake: KeyError at import

    def building(*args: P.args, **kwargs: P.kwargs) -> R:
        lang = signature.bind(*args, **kwargs).arguments.get("lang", default)
        with document_figures(lang if lang in ("zh", "en") else "zh"):
            return build(*args, **kwargs)
    return functools.wraps(build)(building)


def unit_word(unit: str, lang: Lang) -> str:
    """件 → cases, 工作日 → working days … (the register's unit words, in the reader's language)."""
    return UNIT_WORDS.get(unit, unit) if lang == "en" else unit


def fmt(value: float, unit: str, decimals: int = 2, lang: Lang = "zh") -> str:
    """31.20% for percentages; '2.40 工作日' / '2.40 working days'; a whole number without decimals ('3551 件',
    '3 工作日'); counts with thousands separators on a page ('1,200 件'), without in a Chinese document ('1200 件')."""
    if unit == "%":
        return f"{value:.{decimals}f}%"
    return f"{figure(value, decimals)} {unit_word(unit, lang)}"


def figure(value: float, decimals: int = 2, separator: str | None = None) -> str:
    """A figure other than a percentage: `decimals` places, none when it rounds to a whole number (a count is
    never '3551.00'; 2.999 is '3'), thousands grouped by `separator` (by default as `grouping()` says)."""
    sep = grouping() if separator is None else separator
    if math.isfinite(value) and round(value, decimals) == round(value):
        return f"{round(value):{sep}d}"  # an int: a hair under zero is "0", not "-0"
    return f"{value:{sep}.{decimals}f}"


def as_written(value: float) -> str:
    """A figure of the register as the planner wrote it ('45', '99.5', '1000000'): its own decimals, no exponent
    (`:g` printed a baseline of a million as '1e+06'), thousands grouped as `grouping()` says."""
    return f"{value + 0.0:{grouping()}.6f}".rstrip("0").rstrip(".")


def amount(distance: float, unit: str, lang: Lang) -> str:
    """An unsigned distance: '2.80 个百分点' for percentages, '0.60 工作日' or '480 件' otherwise."""
    if unit == "%":
        return msg("gap.points", lang, gap=f"{abs(distance):.2f}")
    return msg("gap.units", lang, gap=figure(abs(distance)), unit=unit_word(unit, lang))
