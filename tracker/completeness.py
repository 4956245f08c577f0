"""Who has reported: expected, received, on time, late and missing values per unit (DHIS2's definitions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.i18n import Lang, fmt_percent, msg
from tracker.models import Submission, ValueRevision
from tracker.periods import LOCAL_TZ, Period, parse_period
from tracker.register import Metric, Register

UNIT_COLUMNS = ["unit", "name", "type", "expected", "received", "on_time", "late", "missing", "status"]


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

    def summary(self, lang: Lang) -> str:
        """One line: period, deadline, counts and the two rates."""
        return msg("complete.summary", lang, period=self.period.label(lang), deadline=self.deadline.isoformat(),
                   expected=self.expected, received=self.received, on_time=self.on_time,
                   reporting_rate=fmt_percent(self.reporting_rate), on_time_rate=fmt_percent(self.on_time_rate))

    def table(self, lang: Lang) -> pd.DataFrame:
        """The per-unit counts with localized headers and statuses."""
        heads = {c: msg(f"complete.col_{c}", lang) for c in UNIT_COLUMNS if c not in ("unit", "type")}
        out = self.units.assign(status=[msg(f"complete.{s}", lang) for s in self.units["status"]])
        return out[list(heads)].rename(columns=heads)

    def late_units(self) -> list[str]:
        """Codes of units with at least one value received after the deadline."""
        return self.units.loc[self.units["late"] > 0, "unit"].tolist()

    def verdict(self, register: Register, lang: Lang) -> tuple[str, str]:
        """('success' | 'warning', text): 所有单位均已报齐 only when every expected value is in and on time."""
        missing, late = self.missing_text(register, lang), self.late_text(register, lang)
        if missing is None and late is None:
            return "success", msg("complete.all_in", lang)
        if missing is None:
            return "warning", msg("complete.all_received_some_late", lang, late=self.received - self.on_time)
        return "warning", missing

    def late_text(self, register: Register, lang: Lang) -> str | None:
        """'逾期报送的单位：区统计局（11 项）' or None."""
        late = self.units[self.units["late"] > 0]
        if late.empty:
            return None
        sep = msg("sep.list", lang)
        return msg("complete.late_units", lang, units=sep.join(
            msg("complete.unit_count", lang, unit=register.units[u].name(lang), n=int(n))
            for u, n in zip(late["unit"], late["late"], strict=True)))

    def missing_text(self, register: Register, lang: Lang) -> str | None:
        """'未报齐的单位：…' naming every unit that has not reported in full, or None."""
        names = [register.units[u].name(lang) for u in self.missing_units()]
        if not names:
            return None
        return msg("complete.missing_units", lang, units=("、" if lang == "zh" else ", ").join(names))

    def as_json(self, lang: str = "zh") -> dict[str, object]:
        return {"period": self.period.code, "deadline": self.deadline.isoformat(), "expected": self.expected,
                "received": self.received, "on_time": self.on_time,
                "reporting_rate": _round(self.reporting_rate), "on_time_rate": _round(self.on_time_rate),
                "units": self.units.to_dict(orient="records")}


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


def _first_received(session: Session, periods: list[Period],
                    metrics: list[str]) -> dict[tuple[str, str, str], dt.datetime]:
    """(period, unit, metric) → when a value for the period was first stored (not counting blanks); one query."""
    v, s = ValueRevision, Submission
    stmt = (select(col(v.period), col(v.unit_code), col(v.metric_code), func.min(col(s.created_at)))
            .join(s, col(s.id) == col(v.submission_id))
            .where(col(v.period).in_([p.code for p in periods]), col(v.metric_code).in_(metrics),
                   col(v.value).is_not(None))
            .group_by(col(v.period), col(v.unit_code), col(v.metric_code)))
    out = {}
    for period, unit, metric, at in session.execute(stmt).all():
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at)
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        out[(period, unit, metric)] = at
    return out


def completeness(*, session: Session, register: Register, period: str | Period, lang: str = "zh") -> Completeness:
    """Expected, received, on-time and late values for each reporting unit, and the district rates."""
    p = parse_period(period) if isinstance(period, str) else period
    return completeness_of(session=session, register=register, periods=[p], lang=lang)[0]


def completeness_of(*, session: Session, register: Register, periods: list[Period],
                    lang: str = "zh") -> list[Completeness]:
    """`completeness` of several periods, with one query for all of them."""
    due = {kind: [m for m in register.metrics.values() if m.kind == "count" and m.frequency == kind] for kind in {p.kind for p in periods}}
    received = _first_received(session, periods, sorted({m.code for ms in due.values() for m in ms}))
    return [_one(register, p, due[p.kind], received, lang) for p in periods]


def _one(register: Register, p: Period, due: list[Metric], received: dict[tuple[str, str, str], dt.datetime],
         lang: str) -> Completeness:
    deadline = p.deadline(register.plan.reporting_deadline_day)
    rows = []
    for unit in register.reporting_units():
        expected = [m.code for m in due if unit.type in m.reported_by]
        if not expected:
            continue
        times = [received[(p.code, unit.code, m)] for m in expected if (p.code, unit.code, m) in received]
        on_time = sum(1 for at in times if at.astimezone(LOCAL_TZ).date() <= deadline)
        got = len(times)
        status = "complete" if got == len(expected) else ("partial" if got else "missing")
        rows.append([unit.code, unit.name(lang), unit.type, len(expected), got, on_time, got - on_time,
                     len(expected) - got, status])
    units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    return Completeness(p, deadline, units, int(units["expected"].sum()), int(units["received"].sum()),
                        int(units["on_time"].sum()))
