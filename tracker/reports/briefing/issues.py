"""The briefing's running numbers, 〔year〕第 N 期（总第 M 期）, in month order (issue 18).

A month's briefing is numbered by its place among the months, not by when it was exported: one issue a month, so a
month's numbers are those of the nearest month already published plus the months between (总第 M 期 from the nearest
published month of any year; 第 N 期 from the nearest of its own year, else its month: a year's January is 第1期).
Exporting 2017-10 and then 2017-09 gives 09 the earlier numbers; a month skipped keeps its numbers free, so a
late issue still fits between its neighbours. What was published keeps its numbers: a month exported again gets
the same ones, and numbers given by hand (--issue/--total, or on the page) may not change a published month's nor
take another month's. With nothing published, a month is numbered from its year's January (2017-10: 第10期，总第10
期) until the office gives the first numbers by hand once; a month before the first published one with no number
left before it is refused when exported (its numbers would repeat another's) until given by hand.

SQL outside `tracker/storage`: the issue numbers' own table (`briefing_issue`) is read and written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.core.errors import TrackerError
from tracker.core.periods import Period, parse_period
from tracker.storage.models import BriefingIssue


@dataclass(frozen=True)
class Issue:
    year: int
    number: int
    total: int


def published(*, session: Session) -> dict[str, Issue]:
    """Each month's briefing as last recorded: month code → its numbers."""
    b = BriefingIssue
    rows = session.execute(select(b.month, b.year, b.number, b.total).order_by(col(b.id))).all()  # type: ignore[call-overload]
    return {m: Issue(y, n, t) for m, y, n, t in rows}


def _nearest(p: Period, months: list[str]) -> str | None:
    """The month of `months` nearest to `p` (the earlier of two as near)."""
    return min(months, key=lambda m: (abs(parse_period(m).start - p.start), parse_period(m).start), default=None)


def next_issue(*, session: Session, month_code: str) -> Issue:
    """The numbers of the month's briefing: as published, else placed by month order among those published (what
    the page offers and the export uses unless numbers are given; `check_issue` refuses them if taken)."""
    p = parse_period(month_code)
    known = published(session=session)
    if p.code in known:
        return known[p.code]
    anchor = _nearest(p, list(known))
    if anchor is None:
        return Issue(p.year, p.index, p.index)
    total = known[anchor].total + p.start - parse_period(anchor).start
    same_year = _nearest(p, [m for m in known if parse_period(m).year == p.year])
    number = known[same_year].number + p.start - parse_period(same_year).start if same_year else p.index
    return Issue(p.year, max(1, number), max(1, total))  # no room before the first: checked when it is exported


def check_issue(*, session: Session, month_code: str, issue: Issue) -> None:
    """Refuse numbers that would change a published month's or repeat another month's."""
    code = parse_period(month_code).code
    known = published(session=session)
    if code in known and known[code] != issue:
        was = known[code]
        raise TrackerError("issue.published", month=code, year=was.year, number=was.number, total=was.total)
    for other, used in known.items():
        if other != code and ((used.year, used.number) == (issue.year, issue.number) or used.total == issue.total):
            raise TrackerError("issue.taken", month=code, other=other, year=used.year, number=used.number,
                               total=used.total)


def record_issue(*, session: Session, month_code: str, issue: Issue, user: str) -> None:
    """Remember that the month's briefing went out with these numbers (once; a re-export keeps them)."""
    code = parse_period(month_code).code
    check_issue(session=session, month_code=code, issue=issue)
    if code in published(session=session):
        return
    session.add(BriefingIssue(month=code, year=issue.year, number=issue.number, total=issue.total, user=user))
    session.commit()
