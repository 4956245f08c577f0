"""Figures in words: thousands grouped on pages, not in documents (as the office's reports print counts)."""

from __future__ import annotations

import pytest

from tracker.wording.numbers import amount, document_figures, figure, fmt, in_document
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


def test_a_builder_marked_in_document_words_its_figures_ungrouped_and_restores_on_error() -> None:
    @in_document
    def build(value: float) -> str:
        return fmt(value, "件", 0)

    @in_document
    def broken() -> str:
        raise ValueError("no data")

    assert build(1200) == "1200 件"
    with pytest.raises(ValueError):
        broken()
    assert fmt(1200, "件", 0) == "1,200 件"


def test_a_whole_figure_is_written_without_decimals() -> None:
    # a count of bad reviews read "3551.00 cases, 480.00 cases up on the baseline"
    assert fmt(3551.0, "件", 2, "en") == "3,551 cases" and fmt(3551.0, "件") == "3,551 件"
    assert fmt(2.4, "工作日") == "2.40 工作日" and fmt(3.0, "工作日", 2, "en") == "3 working days"
    assert fmt(1813.386, "件") == "1,813.39 件"  # a computed limit keeps its two decimals
    assert fmt(99.0, "%") == "99.00%"  # a percentage keeps its decimals
    assert amount(-480.0, "件", "en") == "480 cases" and amount(0.6, "工作日", "zh") == "0.60 工作日"
    with document_figures():
        assert (figure(3551.0), figure(1813.386), figure(-0.0000000001)) == ("3551", "1813.39", "0")
        assert (figure(float("nan")), figure(float("inf"))) == ("nan", "inf")  # as before: never an error
