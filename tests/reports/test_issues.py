"""The briefing's running numbers follow month order, not export order; what was published keeps its numbers."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tracker.core.errors import TrackerError
from tracker.reports.briefing.issues import Issue, next_issue, record_issue


def _publish(db: Session, month: str, issue: Issue | None = None) -> Issue:
    issue = issue or next_issue(session=db, month_code=month)
    record_issue(session=db, month_code=month, issue=issue, user="办公室")
    return issue


def test_an_earlier_month_exported_later_gets_the_earlier_numbers(db: Session) -> None:
    # seed 000: October 2017 is 〔2017〕第12期（总第136期）; September, exported after it, is one issue earlier
    _publish(db, "2017-10", Issue(2017, 12, 136))
    assert _publish(db, "2017-09") == Issue(2017, 11, 135)
    assert next_issue(session=db, month_code="2017-11") == Issue(2017, 13, 137)


def test_a_month_skipped_keeps_its_numbers_free(db: Session) -> None:
    _publish(db, "2017-10", Issue(2017, 12, 136))
    # December published before November: 136 + 2 months = 138, 第12 + 2 = 第14期
    assert _publish(db, "2017-12") == Issue(2017, 14, 138)
    assert _publish(db, "2017-11") == Issue(2017, 13, 137)  # November, late, fits between them
    # 2018-02 from the nearest published month, 2017-12 (总第138): 138 + 2 = 140; a new year's 第 N 期 counts
    # from January: February is 第2期
    assert next_issue(session=db, month_code="2018-02") == Issue(2018, 2, 140)


def test_a_published_number_never_changes(db: Session) -> None:
    first = _publish(db, "2017-10", Issue(2017, 12, 136))
    _publish(db, "2017-10")  # exported again
    assert next_issue(session=db, month_code="2017-10") == first
    with pytest.raises(TrackerError) as changed:
        record_issue(session=db, month_code="2017-10", issue=Issue(2017, 13, 137), user="办公室")
    assert changed.value.text("zh") == ("2017-10 的简报已按〔2017〕第12期（总第136期）印发，已印发的期号不能更改；"
                                          "重新导出时沿用该期号")
    with pytest.raises(TrackerError) as taken:  # numbers given by hand may not repeat another month's
        record_issue(session=db, month_code="2017-11", issue=Issue(2017, 12, 140), user="办公室")
    assert "2017-10" in taken.value.text("zh")
    assert next_issue(session=db, month_code="2017-10") == first


def test_no_number_left_before_the_first_published_says_how_to_give_one(db: Session) -> None:
    _publish(db, "2017-10", Issue(2017, 1, 1))  # the series began in October
    offered = next_issue(session=db, month_code="2017-09")  # 第0期 would be needed: 第1期 is offered, and refused
    with pytest.raises(TrackerError) as no_room:
        record_issue(session=db, month_code="2017-09", issue=offered, user="办公室")
    assert "2017-10" in no_room.value.text("zh") and "--issue/--total" in no_room.value.text("zh")
    assert _publish(db, "2017-09", Issue(2017, 9, 900)) == Issue(2017, 9, 900)  # the office may number it by hand
