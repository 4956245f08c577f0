"""Figures in words: thousands grouped on pages, not in documents (as the office's reports print counts)."""

from __future__ import annotations

import pytest

from tracker.wording.numbers import amount, document_figures, fmt, in_document
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
