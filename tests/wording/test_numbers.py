"""Figures in words: thousands grouped on pages, not in documents (as the office's reports print counts)."""

from __future__ import annotations

import pytest

from tracker.core.i18n import Lang
from tracker.wording.numbers import (
    amount,
    as_written,
    document_figures,
    figure,
    fmt,
    in_document,
    tables_grouped,
)
from tracker.wording.tables import number


def test_a_page_groups_thousands() -> None:
    assert fmt(25824, "件", 0) == "25,824 件"
    assert fmt(1289.5, "件", 2, "en") == "1,289.50 cases"
    assert amount(-1289.514, "件", "zh") == "1,289.51 件"
    assert number(25824) == "25,824"
    assert fmt(99.9, "%") == "99.90%"  # a percentage is never grouped


def test_a_document_prints_counts_without_separators() -> None:
    with document_figures():
        assert fmt(25824, "件", 0) == "25824 件"
        assert amount(-1289.514, "件", "zh") == "1289.51 件"
        assert number(25824) == "25824"
    assert fmt(25824, "件", 0) == "25,824 件"  # and a page after it groups them again


def test_a_builder_marked_in_document_words_its_figures_as_its_language_does_and_restores_on_error() -> None:
    @in_document
    def build(value: float, lang: Lang = "zh") -> tuple[str, bool]:
        return fmt(value, "件", 0, lang), tables_grouped()

    @in_document
    def broken(lang: Lang) -> str:
        raise ValueError("no data")

    # a Chinese document as the office's reports (25824 件); an English one as English is written
    assert build(1200) == ("1200 件", False) and build(1200, "zh") == ("1200 件", False)
    assert build(1200, "en") == ("1,200 cases", True) and build(1200, lang="en") == ("1,200 cases", True)
    with pytest.raises(ValueError):
        broken("en")
    assert fmt(1200, "件", 0) == "1,200 件" and not tables_grouped()  # a page: grouped, and no document's table
    with pytest.raises(KeyError):  # a builder must say its language
        in_document(lambda value: str(value))


def test_a_whole_figure_is_written_without_decimals() -> None:
    # a count of bad reviews read "3551.00 cases, 480.00 cases up on the baseline"
    assert fmt(3551.0, "件", 2, "en") == "3,551 cases" and fmt(3551.0, "件") == "3,551 件"
    assert fmt(2.4, "工作日") == "2.40 工作日" and fmt(3.0, "工作日", 2, "en") == "3 working days"
    assert fmt(1813.386, "件") == "1,813.39 件"  # a computed limit keeps its two decimals
    assert fmt(99.0, "%") == "99.00%"  # a percentage keeps its decimals
    assert amount(-480.0, "件", "en") == "480 cases" and amount(0.6, "工作日", "zh") == "0.60 工作日"
    # what rounds to a whole number at two decimals is one: never "3,551.00", "3.00" or "-0.00"
    assert (figure(3550.996), figure(2.999), figure(-0.004), figure(2.994)) == ("3,551", "3", "0", "2.99")
    assert figure(1234.5, 2, "") == "1234.50" and figure(1234.0, 2, ",") == "1,234"  # a separator given
    # a register's own figure as written: its decimals, never an exponent ('1e+06' was printed)
    assert (as_written(45.0), as_written(99.5), as_written(1e6), as_written(0.125), as_written(-0.0)) == (
        "45", "99.5", "1,000,000", "0.125", "0")
    with document_figures():
        assert (figure(3551.0), figure(1813.386), figure(-0.0000000001)) == ("3551", "1813.39", "0")
        assert as_written(1e6) == "1000000"
        assert (figure(float("nan")), figure(float("inf"))) == ("nan", "inf")  # as before: never an error
