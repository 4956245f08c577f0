"""Who has reported: expected, received, on time, late and missing values per unit (DHIS2's definitions)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import count, repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import Select, select
from sqlmodel import Session

from tracker.core.periods import Period, month, parse_period
from tracker.register import Metric, Register
from tracker.storage.received import RECEIVED
from tracker.storage.received_days import DAYS, as_date, day_of
from tracker.storage.values import driver_chunks

CHUNK = 250_000  # rows read at a time
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


class Received(NamedTuple):
    """The values received, one entry each: positions of their period, unit and metric in the lists asked for
    (-1 where not there), and the day (China time, as an ordinal) each was first stored."""

    period: np.ndarray
    unit: np.ndarray
    metric: np.ndarray
    day: np.ndarray


def _received(session: Session, periods: list[Period], units: list[str], metrics: list[str]) -> Received:
    """The values received for the periods (not counting blanks), from the days kept per period and unit
    (`tracker.storage.received_days`: a row per unit and day, 120,000 for a city's mid-term instead of 1.4 million
    keys): each distinct list of metrics and each distinct day turned into positions once, the rows spread into one
    entry per value with numpy."""
    index = [{c: i for i, c in enumerate(codes)} for codes in ([p.code for p in periods], units)]
    column = {m: i for i, m in enumerate(metrics)}
    lists: dict[str, np.ndarray] = {}  # a kept list of metrics → their positions (-1 where not asked)
    days: dict[object, int] = {}  # a kept day → its ordinal
    parts: list[list[np.ndarray]] = [[], [], [], []]
    for rows in driver_chunks(session, days_query(periods), size=CHUNK):
        n = len(rows)
        spread: list[np.ndarray] = []
        for r in rows:
            found = lists.get(r[3])
            if found is None:
                found = lists[r[3]] = np.array([column.get(m, -1) for m in json.loads(r[3])], dtype=np.int64)
            spread.append(found)
        for d in set(map(itemgetter(2), rows)).difference(days):
            days[d] = as_date(d).toordinal()
        sizes = np.fromiter(map(len, spread), dtype=np.int64, count=n)
        for k, codes in enumerate(index):
            parts[k].append(np.repeat(np.fromiter(map(codes.get, map(itemgetter(k), rows), repeat(-1)),
                                                  dtype=np.int64, count=n), sizes))
        parts[2].append(np.concatenate(spread) if n else np.empty(0, dtype=np.int64))
        parts[3].append(np.repeat(np.fromiter(map(days.__getitem__, map(itemgetter(2), rows)), dtype=np.int64,
                                              count=n), sizes))
    period, unit, metric, day = (np.concatenate(p) if p else np.empty(0, dtype=np.int64) for p in parts)
    return Received(period, unit, metric, day)


def days_query(periods: list[Period]) -> Select[tuple[str, str, dt.date, str]]:
    """The kept days of the periods: (period, unit, day, the metrics first received that day as JSON)."""
    d = DAYS.c
    return select(d.period, d.unit_code, d.day, d.metrics).where(d.period.in_([p.code for p in periods]))


def _received_by_key(session: Session, periods: list[Period], units: list[str], metrics: list[str]) -> Received:
    """`_received` from the first-received times key by key (what the kept days are grouped from): the rows as
    plain tuples, CHUNK at a time; each column turned into positions at C speed (a dictionary's lookup mapped over
    it) and each distinct time converted once."""
    index = [{c: i for i, c in enumerate(codes)} for codes in ([p.code for p in periods], units, metrics)]
    parts: list[list[np.ndarray]] = [[], [], [], []]
    times: dict[object, int] = {}  # a time → the first row holding it
    seen = 0
    for rows in driver_chunks(session, received_query(periods, metrics), size=CHUNK):
        n = len(rows)
        for k, codes in enumerate(index):
            parts[k].append(np.fromiter(map(codes.get, map(itemgetter(k), rows), repeat(-1)), dtype=np.int64,
                                        count=n))
        parts[3].append(np.fromiter(map(times.setdefault, map(itemgetter(3), rows), count(seen)), dtype=np.int64,
                                    count=n))
        seen += n
    period, unit, metric, first = (np.concatenate(p) if p else np.empty(0, dtype=np.int64) for p in parts)
    firsts = np.fromiter(times.values(), dtype=np.int64, count=len(times))  # increasing: rows in order read
    days = np.array([day_of(at).toordinal() for at in times], dtype=np.int64)
    return Received(period, unit, metric, days[np.searchsorted(firsts, first)] if len(first) else first)


def received_query(periods: list[Period], metrics: list[str]) -> Select[tuple[str, str, str, dt.datetime]]:
    """The kept first-received times of the periods' values of `metrics`."""
    r = RECEIVED.c
    return select(r.period, r.unit_code, r.metric_code, r.received_at).where(
        r.period.in_([p.code for p in periods]), r.metric_code.in_(metrics))


def completeness(*, session: Session, register: Register, period: str | Period) -> Completeness:
    """Expected, received, on-time and late values for each reporting unit, and the district rates."""
    p = parse_period(period) if isinstance(period, str) else period
    return completeness_of(session=session, register=register, periods=[p])[0]


def completeness_of(*, session: Session, register: Register, periods: list[Period],
                    kept: bool = True) -> list[Completeness]:
    """`completeness` of several periods, with one query for all of them, counted in arrays indexed by period and
    unit (a city's mid-term asks 42 periods of 3,000 units: 1.4 million values received); from the days kept per
    unit, or (`kept=False`) from the first-received times key by key — the same counts."""
    due: dict[str, list[Metric]] = {
        kind: [m for m in register.metrics.values() if m.kind == "count" and m.frequency == kind]
        for kind in {p.kind for p in periods}}
    distinct = list(dict.fromkeys(periods))  # a period asked twice is counted once and given twice
    owed = Owed(register, distinct, due)
    read = _received if kept else _received_by_key
    received = read(session, distinct, [u.code for u in owed.units], owed.metrics)
    counted = dict(zip(distinct, owed.counted(received), strict=True))
    return [counted[p] for p in periods]


class Owed:
    """What is owed: per period, unit type and metric, whether a unit of the type owes a value (its `reported_by`
    and reporting months), and per period and reporting unit, whether the unit existed then."""

    def __init__(self, register: Register, periods: list[Period], due: Mapping[str, list[Metric]]) -> None:
        self.periods, self.units = periods, register.reporting_units()
        self.metrics = sorted({m.code for ms in due.values() for m in ms})
        types = sorted({u.type for u in self.units})
        self.deadlines = [p.deadline(register.plans.get(register.plan_for(p.end), register.plan).reporting_deadline_day)
                          for p in periods]
        self.owed = np.zeros((len(periods), len(types), len(self.metrics)), dtype=bool)
        self.lists: dict[tuple[int, int], list[str]] = {}  # (period, type) → the metrics owed, in register order
        column = {m: j for j, m in enumerate(self.metrics)}
        for i, p in enumerate(periods):
            for t, kind in enumerate(types):
                self.lists[(i, t)] = [m.code for m in due[p.kind] if kind in m.reported_by and m.reported_at(p.end)]
                self.owed[i, t, [column[m] for m in self.lists[(i, t)]]] = True
        self.type_of = np.array([types.index(u.type) for u in self.units], dtype=np.int64)
        existed = np.array([[u.valid_at(p.end) for u in self.units] for p in periods], dtype=bool)
        self.expected = self.owed.sum(axis=2)[:, self.type_of] * existed.reshape(len(periods), len(self.units))

    def counted(self, received: Received) -> list[Completeness]:
        """Each period's completeness from the values received (positions in this object's periods, units and
        metrics)."""
        shape = self.expected.shape
        p, u, m, day = received
        keep = (p >= 0) & (u >= 0) & (m >= 0)
        p, u, m, day = p[keep], u[keep], m[keep], day[keep]
        keep = self.owed[p, self.type_of[u], m] & (self.expected[p, u] > 0)
        p, u, m, day = p[keep], u[keep], m[keep], day[keep]
        deadline = np.array([d.toordinal() for d in self.deadlines], dtype=np.int64)
        flat = p * shape[1] + u
        got = np.bincount(flat, minlength=self.expected.size).reshape(shape)
        on_time = np.bincount(flat[day <= deadline[p]], minlength=self.expected.size).reshape(shape)
        partial = (got > 0) & (got < self.expected)
        have: dict[tuple[int, int], set[str]] = {}
        mine = partial[p, u]
        for i, j, k in zip(p[mine].tolist(), u[mine].tolist(), m[mine].tolist(), strict=True):
            have.setdefault((i, j), set()).add(self.metrics[k])
        return [self._one(i, got[i], on_time[i], have) for i in range(len(self.periods))]

    def _one(self, i: int, got: np.ndarray, on_time: np.ndarray, have: dict[tuple[int, int], set[str]]) -> Completeness:
        expected = self.expected[i]
        rows = np.flatnonzero(expected > 0)  # the units that existed and owe something, in register order
        units = pd.DataFrame({
            "unit": [self.units[j].code for j in rows], "type": [self.units[j].type for j in rows],
            "expected": expected[rows].astype(np.int64), "received": got[rows].astype(np.int64),
            "on_time": on_time[rows].astype(np.int64)}, columns=UNIT_COLUMNS[:5])
        units["late"] = units["received"] - units["on_time"]
        units["missing"] = units["expected"] - units["received"]
        units["status"] = np.where(units["missing"] == 0, "complete",
                                   np.where(units["received"] > 0, "partial", "missing")).astype(object)
        units["missing_metrics"] = [[] if got[j] == expected[j] else
                                    [m for m in self.lists[(i, int(self.type_of[j]))] if m not in have.get((i, j), ())]
                                    for j in rows.tolist()]
        return Completeness(self.periods[i], self.deadlines[i], units, int(units["expected"].sum()),
                            int(units["received"].sum()), int(units["on_time"].sum()))


def due_month(register: Register, today: dt.date) -> Period:
    """The month whose figures are being reported now: the last month ended by `today`, within the plan."""
    first, last = parse_period(register.plan.start), parse_period(register.plan.end)
    ended = today.year * 12 + today.month - 2  # the month before today's, as an absolute month
    return month(max(first.start, min(ended, last.end)))
