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


def test_the_terminal_scorecard_puts_each_status_in_the_languages_brackets(register: object) -> None:
    from tracker.wording.scorecard import scorecard_text

    rows = [{"name": "Chigang", "value": 75.0, "target": "evaluation_rate", "change": "up", "status": "met"},
            {"name": "Chigang", "value": None, "target": "satisfaction_rate", "change": None, "status": "no_data"}]
    assert scorecard_text(rows, register, "en") == "Chigang: Window service evaluation rate 75.00% ▲ (met)"  # type: ignore[arg-type]
    assert scorecard_text(rows, register, "zh") == "Chigang：窗口服务评价率 75.00% ▲（已达标）"  # type: ignore[arg-type]


def test_a_baseline_is_given_with_its_year_in_the_languages_brackets(register: object) -> None:
    from tracker.wording.tables import baseline_text

    target = register.targets["evaluation_rate"]  # type: ignore[attr-defined]  # baseline 45 (2015), 估算
    assert baseline_text(target, "zh") == "45（2015） 估算"
    assert baseline_text(target, "en") == "45 (2015) estimated"  # the register's 估算 mark, in English
