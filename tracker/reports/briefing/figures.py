"""The monthly briefing (政务服务简报, seeds 000 and 001): its figures.

`briefing_data` gathers the month's figures from the stored values (the centre's own totals where it reports
them, else its departments'; the street centres; 好差评 by channel; the 12345 hotline; the departments), with
the previous month's for 环比; and the office's own text stored for the month (`office.py`). The wording is `tracker.reports.briefing.text`.

Every figure comes from the engine's queries; the issue numbers are `tracker.reports.briefing.issues`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from tracker.core.clock import LOCAL_TZ
from tracker.core.errors import TrackerError
from tracker.core.periods import Period, month, parse_period
from tracker.register import Register
from tracker.reports.briefing.issues import (
    Issue as Issue,  # the numbers, in their own module, named here too
)
from tracker.reports.briefing.issues import next_issue as next_issue
from tracker.reports.briefing.issues import record_issue as record_issue
from tracker.reports.briefing.office import OfficeTexts, office_texts
from tracker.reports.departments.table import DepartmentRow, department_rows
from tracker.reports.totals import by_unit, metric_figures, scope_totals, totals
from tracker.storage.register_versions import Version, version_of

CENTRE = ("accepted", "accepted_permits", "accepted_public", "completed", "visitors")
STREETS = ("accepted_public", "accepted", "completed")
CHANNELS = ("cases_hall", "rated_hall", "cases_online", "rated_online")
REVIEWS = ("evaluated", "satisfied", "bad_reviews", "bad_reviews_rectified")
HOTLINE = ("hotline_accepted", "hotline_completed")
PLACES = ("accepted", "completed")  # the halls' and the branch's figures
NEEDED = tuple(sorted({*CENTRE, *STREETS, *CHANNELS, *REVIEWS, *HOTLINE, *PLACES}))  # seed 000's sections
TOP = 3


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
    register_version: Version | None = None  # the register version on record (its number on the last page)
    # seed 000's 分中心 sections for every other kind of place the register has: the halls (大厅), ranked, and
    # the branch centre(s) (分中心): their totals this month and the month before, (unit, accepted) largest first
    halls: dict[str, float | None] = field(default_factory=dict)
    halls_previous: dict[str, float | None] = field(default_factory=dict)
    top_halls: list[tuple[str, float]] = field(default_factory=list)
    branches: list[tuple[str, dict[str, float | None], dict[str, float | None]]] = field(default_factory=list)
    office: OfficeTexts = field(default_factory=OfficeTexts)  # the office's own text for the month (office.py)


def _centre(register: Register) -> str | None:
    return next((u.code for u in register.units.values() if u.type == "centre"), None)


def briefing_data(*, session: Session, register: Register, month_code: str, issue: Issue,
                  date: dt.date | None = None) -> Briefing:
    """Every figure of the month's briefing, and of the month before (for 环比). A register without the metrics
    the briefing's sections are made of is refused by name (TrackerError), before anything is read."""
    lacking = [m for m in NEEDED if m not in register.metrics]
    if lacking:
        raise TrackerError("brief.missing_metrics", metrics=", ".join(lacking))
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
    halls = [u.code for u in register.units.values() if u.type == "hall"]
    hall_figures = metric_figures(session=session, register=register, metrics=list(PLACES), units=halls, period=p)
    hall_ranked = sorted(by_unit(hall_figures, "accepted").items(), key=lambda x: (-x[1], x[0]))

    def place(units: list[str], q: Period) -> dict[str, float | None]:
        return scope_totals(session=session, register=register, metrics=list(PLACES), units=units, period=q)

    branches = [(u.code, place([u.code], p), place([u.code], before)) for u in register.units.values()
                if u.type == "branch"]
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
        departments=department_rows(session=session, register=register, period=p), centre_unit=centre,
        register_version=version_of(session=session, fingerprint=register.fingerprint),
        halls=totals(hall_figures, list(PLACES), halls) if halls else {}, halls_previous=place(halls, before)
        if halls else {}, top_halls=hall_ranked[:TOP], branches=branches,
        office=office_texts(session=session, month=p.code))
