"""Who has reported: expected, received, on time, late and missing values per unit (DHIS2's definitions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Select, select
from sqlmodel import Session

from tracker.core.clock import LOCAL_TZ
from tracker.core.periods import Period, month, parse_period
from tracker.register import Metric, Register
from tracker.storage.received import RECEIVED
from tracker.storage.values import driver_rows

UNIT_COLUMNS = ["unit", "type", "expected", "received", "on_time", "late", "missing", "status"]
# the units frame also lists, per unit, the codes of the expected metrics not received ("missing_metrics")


@dataclass(frozen=True)
class Completeness:
    """Per-unit counts and the district rates for one period."""

    period: Period
    deadline: dt.date
    units: pd.DataFrame
    expected: int
    received: int
    on_time: int

    @property
    def reporting_rate(self) -> float | None:
        """Reports received ÷ reports expected, in %."""
        return self.received / self.expected * 100 if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        """Reports received by the deadline ÷ reports expected, in %."""
        return self.on_time / self.expected * 100 if self.expected else None

    def missing_units(self) -> list[str]:
        """Codes of units with at least one expected value not received."""
        return self.units.loc[self.units["missing"] > 0, "unit"].tolist()

    def late_units(self) -> list[str]:
        """Codes of units with at least one value received after the deadline."""
        return self.units.loc[self.units["late"] > 0, "unit"].tolist()


def _first_received(session: Session, periods: list[Period], metrics: list[str]) -> dict[tuple[str, str, str], dt.date]:
    """(period, unit, metric) → the day (China time) a value for the period was first stored (not counting blanks),
    read from the times kept on every insert (`tracker.storage.received`) as plain rows (a city's periods hold
    hundreds of thousands), each distinct time converted once."""
    stmt = received_query(periods, metrics)
    days: dict[object, dt.date] = {}
    out = {}
    for period, unit, metric, at in driver_rows(session, stmt):
        day = days.get(at)
        if day is None:
            day = days[at] = _local_day(at)
        out[(period, unit, metric)] = day
    return out


def received_query(periods: list[Period], metrics: list[str]) -> Select[tuple[str, str, str, dt.datetime]]:
    """The kept first-received times of the periods' values of `metrics`."""
    r = RECEIVED.c
    return select(r.period, r.unit_code, r.metric_code, r.received_at).where(
        r.period.in_([p.code for p in periods]), r.metric_code.in_(metrics))


def _local_day(at: object) -> dt.date:
    """The China-time day of a stored time: SQLite keeps it as text, PostgreSQL as a timestamp; naive means UTC."""
    when = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
    assert isinstance(when, dt.datetime), when
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(LOCAL_TZ).date()


def completeness(*, session: Session, register: Register, period: str | Period) -> Completeness:
    """Expected, received, on-time and late values for each reporting unit, and the district rates."""
    p = parse_period(period) if isinstance(period, str) else period
    return completeness_of(session=session, register=register, periods=[p])[0]


def completeness_of(*, session: Session, register: Register, periods: list[Period]) -> list[Completeness]:
    """`completeness` of several periods, with one query for all of them."""
    due = {kind: [m for m in register.metrics.values() if m.kind == "count" and m.frequency == kind]
           for kind in {p.kind for p in periods}}
    received = _first_received(session, periods, sorted({m.code for ms in due.values() for m in ms}))
    return [_one(register, p, due[p.kind], received) for p in periods]


def _one(register: Register, p: Period, due: list[Metric],
         received: dict[tuple[str, str, str], dt.date]) -> Completeness:
    deadline = p.deadline(register.plans.get(register.plan_for(p.end), register.plan).reporting_deadline_day)
    rows = []
    by_type: dict[str, list[str]] = {}  # the metrics expected of each type of unit for this period
    for unit in register.reporting_units():
        if not unit.valid_at(p.end):  # a unit a reorganisation created later, or dissolved before
            continue
        expected = by_type.get(unit.type)
        if expected is None:
            expected = by_type[unit.type] = [m.code for m in due if unit.type in m.reported_by
                                              and m.reported_at(p.end)]
        if not expected:
            continue
        times = [received[(p.code, unit.code, m)] for m in expected if (p.code, unit.code, m) in received]
        on_time = sum(1 for day in times if day <= deadline)
        got = len(times)
        status = "complete" if got == len(expected) else ("partial" if got else "missing")
        lacking = [m for m in expected if (p.code, unit.code, m) not in received]
        rows.append([unit.code, unit.type, len(expected), got, on_time, got - on_time,
                     len(expected) - got, status, lacking])
    units = pd.DataFrame(rows, columns=[*UNIT_COLUMNS, "missing_metrics"])
    return Completeness(p, deadline, units, int(units["expected"].sum()), int(units["received"].sum()),
                        int(units["on_time"].sum()))


def due_month(register: Register, today: dt.date) -> Period:
    """The month whose figures are being reported now: the last month ended by `today`, within the plan."""
    first, last = parse_period(register.plan.start), parse_period(register.plan.end)
    ended = today.year * 12 + today.month - 2  # the month before today's, as an absolute month
    return month(max(first.start, min(ended, last.end)))
