"""The figures of an evaluation pack (年度检查、中期评估、整体评估; seed 004 §五(三)), for the district or one unit.

Built from the engine's rows by stable keys (target codes), never from a page's formatted view: the same
progress rows, per-unit figures, trends and attribution the dashboard shows, plus the verdicts, 完成进度,
projections, narratives and reporting record a pack adds. `evaluation_text` words it; `evaluation_sheets`
lays out its spreadsheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from tracker.core.clock import LOCAL_TZ
from tracker.core.errors import TrackerError
from tracker.core.periods import Period, month, of_kind, parse_period
from tracker.engine.cards import Contributor, build_card
from tracker.engine.completeness import completeness_of
from tracker.engine.progress import ProgressRow, ratio_of, rows_of, window_figures
from tracker.engine.views import pace_series, plan_series, unit_values
from tracker.engine.windows import Scope, Window, scope_for, window_for
from tracker.register import Register
from tracker.register.rules import TargetRule
from tracker.reports.evaluation.projection import Projection, progress_share, project, verdict
from tracker.reports.fingerprint import content_hash
from tracker.reports.narratives import NarrativeText, current_narrative
from tracker.storage.register_versions import Version, version_of
from tracker.storage.used import USED_COLUMNS, values_with_revisions
from tracker.storage.values import holds_sample_data

KINDS = ("annual", "midterm", "final")


@dataclass(frozen=True)
class TargetEntry:
    target: str
    row: ProgressRow
    verdict: str | None
    share: float | None  # 完成进度, % of the way from the baseline to the target
    series: pd.DataFrame  # period, value, threshold, expected
    named: list[Contributor]  # behind: the largest parts of the shortfall; met: units still below the target
    units_below: int
    units: pd.DataFrame  # each unit's own figure (the appendix)
    narrative: NarrativeText | None
    projection: Projection | None
    carried: Period | None = None  # a stock not reported in the window: the period of the last value used


@dataclass(frozen=True)
class Reporting:
    """Completeness and timeliness over the evaluated period (DHIS2's definitions, counted per value)."""

    first: Period
    last: Period
    expected: int
    received: int
    on_time: int
    by_period: pd.DataFrame  # period, expected, received, on_time
    by_unit: pd.DataFrame  # unit, expected, received, on_time, late, missing


@dataclass(frozen=True)
class EvaluationPack:
    kind: str
    as_of: Period
    unit: str | None
    scope: Scope
    window: Window
    entries: list[TargetEntry]
    untargeted: list[ProgressRow]
    reporting: Reporting
    version: str
    generated_at: dt.datetime
    sample: bool
    values: pd.DataFrame  # every current value used, with its revision id (月度数据)
    register_version: Version | None = None  # the register version on record (None: never loaded here)


def evaluation_pack(*, session: Session, register: Register, kind: str, as_of: str | Period,
                    unit: str | None = None, now: dt.datetime | None = None, with_values: bool = True,
                    ) -> EvaluationPack:
    """Everything an evaluation pack says, for the district (unit None) or one unit with the units under it.
    `with_values`: also every current value used, with its revision (the workbook's 月度数据 sheet; a report
    does not list them — at city scale reading them took 13 s of a 66 s mid-term report)."""
    if kind not in KINDS:
        raise TrackerError("report.bad_kind", value=kind, allowed=", ".join(KINDS))
    p = parse_period(as_of)
    scope = scope_for(register, unit)
    units = scope.units(register)
    win = window_for("ytd", p, register)
    indicators = list(register.indicators.values())
    figures = window_figures(session=session, register=register, window=win, units=units, indicators=indicators)
    rows = rows_of(figures, register=register, window=win, scope=scope, as_of=p, indicators=indicators)
    targeted = [r.indicator for r in rows if r.target and r.indicator]
    series = plan_series(session=session, register=register, as_of=p, scope=scope, indicators=targeted,
                         start=register.plan.first_month)  # the pack's trend and projection: this plan's months
    final = kind == "final"
    values = values_with_revisions(session=session, units=units, end=p.end) if with_values else None
    entries = []
    for r in rows:
        if not r.target:
            continue
        carried = _carried(session, register, r, series, scope, p)
        if carried is None:
            entries.append(_entry(session, register, r, figures, series, units, p, final))
        else:
            row, figs, period = carried
            entries.append(dataclasses.replace(_entry(session, register, row, figs, series, units, p, final),
                                               carried=period))
    return EvaluationPack(
        kind=kind, as_of=p, unit=unit if scope.kind != "district" else None, scope=scope, window=win,
        entries=entries, untargeted=[r for r in rows if r.target is None],
        reporting=reporting(session=session, register=register, units=units, first=_first(register, kind, p), last=p),
        version=content_hash(session=session, register=register, units=units, end=p.end, values=values),
        generated_at=now or dt.datetime.now(LOCAL_TZ), sample=holds_sample_data(session=session),
        values=pd.DataFrame(columns=USED_COLUMNS) if values is None else values,
        register_version=version_of(session=session, fingerprint=register.fingerprint))


def _carried(session: Session, register: Register, row: ProgressRow, series: pd.DataFrame, scope: Scope,
             as_of: Period) -> tuple[ProgressRow, pd.DataFrame, Period] | None:
    """A stock (every metric 'last') with no value in the window: its last value before the window, judged at the
    as-of month (seed 004 reports a yearly stock at the mid-term from its last year), with that period; None
    when the row has a value, is no stock, or was never reported in the plan period."""
    assert row.target is not None
    ind = register.indicator_of(register.targets[row.target])
    if row.value is not None or ind is None or series.empty:
        return None
    metrics = [register.metrics.get(m) for m in (*ind.numerators, *ind.denominators)]
    if not all(m is not None and m.aggregation == "last" for m in metrics):
        return None
    trend = pace_series(series, register, row.target)
    mine = trend[trend["value"].notna()]
    if mine.empty:
        return None
    last = parse_period(str(mine["period"].iloc[-1]))
    if all(m is not None and m.frequency == "year" for m in metrics):
        last = of_kind("year", last.end)  # a yearly stock is said as its year: 2017年, not 2017年12月
    if last.end >= as_of.end:
        return None
    win = Window("year" if last.kind == "year" else "month", last.start, last.end)
    figs = window_figures(session=session, register=register, window=win, units=scope.units(register),
                          indicators=[ind])
    found = [r for r in rows_of(figs, register=register, window=win, scope=scope, as_of=as_of, indicators=[ind])
             if r.target == row.target and r.value is not None]
    return (found[0], figs, last) if found else None


def _first(register: Register, kind: str, as_of: Period) -> Period:
    """The first month an evaluation looks back to: its year for an annual check, the plan's start otherwise."""
    return month(as_of.year * 12) if kind == "annual" else parse_period(register.plan.start)


def _entry(session: Session, register: Register, row: ProgressRow, figures: pd.DataFrame, series: pd.DataFrame,
           units: list[str], as_of: Period, final: bool) -> TargetEntry:
    assert row.target is not None
    target = register.targets[row.target]
    ind = register.indicator_of(target)
    narrative = current_narrative(session=session, target=row.target, period=as_of.code)
    if ind is None:
        return TargetEntry(row.target, row, None, None, pd.DataFrame(), [], 0, pd.DataFrame(), narrative, None)
    trend = pace_series(series, register, row.target)
    mine = unit_values(figures, ind)
    card = build_card(row, None, trend[["period", "value"]], ratio_of(figures, register, ind, units)[0], mine,
                      register)
    rule = register.rule(row.target, as_of.end)
    named = card.contributors if row.status == "met" else below_district(card.contributors, row, rule)
    upper = 100.0 if ind.is_percent and ind.bounded else None
    return TargetEntry(row.target, row, verdict(row, rule, register, final), progress_share(row, rule), trend,
                       named, card.units_below, mine, narrative,
                       None if final else project(trend, rule, lower=0.0, upper=upper))


def below_district(named: list[Contributor], row: ProgressRow, rule: TargetRule) -> list[Contributor]:
    """The units behind a shortfall, kept only where their own figure is worse than the district's (a unit above
    the district average is not where the gap comes from)."""
    if row.value is None:
        return []
    district = row.value
    return [c for c in named if c.value is not None and rule.gap(c.value, district) < -1e-9]


def reporting(*, session: Session, register: Register, units: list[str], first: Period, last: Period) -> Reporting:
    """Completeness of every month, quarter and year that ended between `first` and `last`, for the units."""
    wanted = set(units)
    periods = [of_kind(kind, m) for kind in ("month", "quarter", "year") for m in range(first.start, last.end + 1)
               if of_kind(kind, m).end == m and of_kind(kind, m).start >= first.start]
    by_period, per_unit = [], []
    for report in completeness_of(session=session, register=register, periods=periods):
        p = report.period
        rows = report.units[report.units["unit"].isin(wanted)]
        by_period.append((p.code, int(rows["expected"].sum()), int(rows["received"].sum()),
                          int(rows["on_time"].sum())))
        per_unit.append(rows)
    table = pd.DataFrame(by_period, columns=["period", "expected", "received", "on_time"])
    units_frame = (pd.concat(per_unit).groupby("unit", sort=False)[["expected", "received", "on_time", "late",
                                                                    "missing"]].sum().reset_index()
                   if per_unit else pd.DataFrame(columns=["unit", "expected", "received", "on_time", "late",
                                                          "missing"]))
    return Reporting(first, last, int(table["expected"].sum()), int(table["received"].sum()),
                     int(table["on_time"].sum()), table, units_frame)
