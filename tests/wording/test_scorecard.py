"""Which units a page of the scorecard shows, in words."""

from __future__ import annotations

from tracker.wording.scorecard import page_note


def test_the_page_note_names_the_first_and_last_unit_shown_and_the_total() -> None:
    assert page_note(2, 2968, 200, "zh") == "第 201–400 个单位，共 2,968 个"
    assert page_note(15, 2968, 200, "en") == "Units 2,801–2,968 of 2,968"  # the last page: 168 units
    assert page_note(1, 7, 3, "zh") == "第 1–3 个单位，共 7 个"


def test_a_page_of_one_unit_names_it_once() -> None:
    assert page_note(4, 31, 10, "zh") == "第 31 个单位，共 31 个"
    assert page_note(4, 31, 10, "en") == "Unit 31 of 31"
