"""The monthly briefing (政务服务简报, seeds 000 and 001): its figures, and its issue numbers.

`briefing_data` gathers the month's figures from the stored values (the centre's own totals where it reports
them, else its departments'; the street centres; 好差评 by channel; the 12345 hotline; the departments), with
the previous month's for 环比. The wording is `tracker.reports.briefing_text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.models import BriefingIssue
from tracker.periods import LOCAL_TZ, Period, month, parse_period
from tracker.register import Register
from tracker.reports.departments import DepartmentRow, department_rows
from tracker.reports.figures import by_unit, metric_figures, scope_totals, totals

CENTRE = ("accepted", "accepted_permits", "accepted_public", "completed", "visitors")
STREETS = ("accepted_public", "accepted", "completed")
CHANNELS = ("cases_hall", "rated_hall", "cases_online", "rated_online")
REVIEWS = ("evaluated", "satisfied", "bad_reviews", "bad_reviews_rectified")
HOTLINE = ("hotline_accepted", "hotline_completed")
TOP = 3


@dataclass(frozen=True)
class Issue:
    year: int
    number: int
    total: int


@dataclass(frozen=True)
class Briefing:
    month: Period
    issue: Issue
    date: dt.date
    centre: dict[str, float | None]
    centre_previous: dict[str, float | None]
    streets: dict[str, float | None]
    streets_previous: dict[str, float | None]
    top_streets: list[tuple[str, float]]
    channels: dict[str, float | None]
    reviews: dict[str, float | None]
    hotline: dict[str, float | None]
    departments: list[DepartmentRow] = field(default_factory=list)
    centre_unit: str | None = None


def _centre(register: Register) -> str | None:
    return next((u.code for u in register.units.values() if u.type == "centre"), None)


def briefing_data(*, session: Session, register: Register, month_code: str, issue: Issue,
                  date: dt.date | None = None) -> Briefing:
    """Every figure of the month's briefing, and of the month before (for 环比)."""
    p = parse_period(month_code)
    before = month(p.end - 1)
    centre = _centre(register)
    centre_units = register.descendants(centre) if centre else []
    streets = [u.code for u in register.units.values() if u.type == "street"]
    everyone = list(register.units)

    def centre_totals(q: Period) -> dict[str, float | None]:
        return scope_totals(session=session, register=register, metrics=list(CENTRE), units=centre_units, period=q)

    street_figures = metric_figures(session=session, register=register, metrics=list(STREETS), units=streets,
                                    period=p)
    ranked = sorted(by_unit(street_figures, "accepted_public").items(), key=lambda x: (-x[1], x[0]))
    district = metric_figures(session=session, register=register, metrics=[*CHANNELS, *REVIEWS, *HOTLINE],
                              units=everyone, period=p)
    return Briefing(
        month=p, issue=issue, date=date or dt.datetime.now(LOCAL_TZ).date(),
        centre=centre_totals(p), centre_previous=centre_totals(before),
        streets=totals(street_figures, list(STREETS), streets),
        streets_previous=scope_totals(session=session, register=register, metrics=list(STREETS), units=streets,
                                      period=before),
        top_streets=ranked[:TOP], channels=totals(district, list(CHANNELS), everyone),
        reviews=totals(district, list(REVIEWS), everyone), hotline=totals(district, list(HOTLINE), everyone),
        departments=department_rows(session=session, register=register, period=p), centre_unit=centre)


def next_issue(*, session: Session, month_code: str) -> Issue:
    """The numbers the month's briefing gets: the ones it was exported with before, else one past the last
    briefing of its year (第 N 期) and of all (总第 M 期)."""
    p = parse_period(month_code)
    b = BriefingIssue
    earlier = session.execute(select(b).where(col(b.month) == p.code).order_by(col(b.id).desc())).scalars().first()
    if earlier is not None:
        return Issue(earlier.year, earlier.number, earlier.total)
    in_year = session.execute(select(func.max(col(b.number))).where(col(b.year) == p.year)).scalar_one()
    overall = session.execute(select(func.max(col(b.total)))).scalar_one()
    return Issue(p.year, (in_year or 0) + 1, (overall or 0) + 1)


def record_issue(*, session: Session, month_code: str, issue: Issue, user: str) -> None:
    """Remember that the month's briefing went out with these numbers (the next one continues from them)."""
    session.add(BriefingIssue(month=parse_period(month_code).code, year=issue.year, number=issue.number,
                              total=issue.total, user=user))
    session.commit()
