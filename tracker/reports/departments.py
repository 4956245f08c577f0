"""The window departments' performance table (窗口部门绩效评估, seed 002) for any month, quarter, half-year or year.

Rates come from counts where counts exist (按时办结率 = 按时办结量 ÷ 办结量, summed over the period); a rate a
department reported without its base (番禺's 满意率) is the unweighted mean of what it reported, and so
labelled; "——" where nothing was reported. Sorted by 受理量, largest first, as the seed prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from tracker.engine.aggregate import mean_value, own
from tracker.engine.query import metric_item, unit_figures
from tracker.i18n import Lang, msg
from tracker.periods import Period, parse_period
from tracker.register import Register
from tracker.reports.model import Cell, Format, Table
from tracker.reports.numbers import ratio

COUNTS = ("accepted", "completed", "completed_on_time", "completed_early", "evaluated", "satisfied")
REPORTED = ("on_time_rate_reported", "early_completion_rate_reported", "satisfaction_rate_reported",
            "spot_check_score")
COLUMNS = ("dept.col_unit", "dept.col_accepted", "dept.col_completed", "dept.col_on_time", "dept.col_early",
           "dept.col_satisfaction", "dept.col_spot_check")
FORMATS: list[Format] = ["text", "count", "count", "percent", "percent", "percent", "percent"]


@dataclass(frozen=True)
class DepartmentRow:
    unit: str
    accepted: float | None
    completed: float | None
    on_time: float | None
    early: float | None
    satisfaction: float | None
    spot_check: float | None
    unweighted: tuple[str, ...] = ()  # which rates are means of rates reported without their base


def department_rows(*, session: Session, register: Register, period: Period | str) -> list[DepartmentRow]:
    """Every department's figures for the period, largest 受理量 first (those with none last)."""
    p = parse_period(period)
    units = [u.code for u in register.units.values() if u.type == "department"]
    items = [metric_item(register.metrics[m]) for m in (*COUNTS, *REPORTED) if m in register.metrics]
    figures = unit_figures(session=session, items=items, units=units, start=p.start, end=p.end)
    per: dict[str, dict[str, float]] = {u: {} for u in units}
    for key, groups in figures.groupby("key"):
        table = own(groups)
        if register.metrics[str(key)].kind == "rate":
            table = mean_value(table)
        else:
            table = table.assign(value=table["numerator"])
        for unit, value in zip(table["unit"], table["value"], strict=True):
            per[unit][str(key)] = float(value)
    rows = [_row(unit, f) for unit, f in per.items()]
    return sorted(rows, key=lambda r: -1 if r.accepted is None else r.accepted, reverse=True)


def _row(unit: str, f: dict[str, float]) -> DepartmentRow:
    def rate(num: str, den: str, reported: str) -> tuple[float | None, bool]:
        counted = ratio(f.get(num), f.get(den))
        return (counted, False) if counted is not None else (f.get(reported), reported in f)

    on_time, u1 = rate("completed_on_time", "completed", "on_time_rate_reported")
    early, u2 = rate("completed_early", "completed", "early_completion_rate_reported")
    satisfaction, u3 = rate("satisfied", "evaluated", "satisfaction_rate_reported")
    flags = tuple(n for n, u in (("on_time", u1), ("early", u2), ("satisfaction", u3)) if u)
    return DepartmentRow(unit, f.get("accepted"), f.get("completed"), on_time, early, satisfaction,
                         f.get("spot_check_score"), flags)


def department_table(rows: list[DepartmentRow], register: Register, p: Period, lang: Lang = "zh") -> Table:
    """The seed's table: 单位名称, 受理量(件), 办结量(件), 按时办结率(%), 提前办结率(%), 群众评价满意率(%), 群众评价抽查得分(%)."""
    body: list[list[Cell]] = [[register.units[r.unit].name(lang), r.accepted, r.completed, r.on_time, r.early,
                               r.satisfaction, r.spot_check] for r in rows]
    unweighted = [register.units[r.unit].name(lang) for r in rows if r.unweighted]
    note = msg("dept.note", lang) + (msg("dept.note_unweighted", lang, units="、".join(unweighted))
                                     if unweighted else "")
    return Table([msg(c, lang) for c in COLUMNS], body, FORMATS,
                 caption=msg("dept.caption", lang, period=p.label(lang)), note=note)


def frame(rows: list[DepartmentRow]) -> pd.DataFrame:
    return pd.DataFrame([r.__dict__ for r in rows])
