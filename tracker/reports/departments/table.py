"""The window departments' performance table (窗口部门绩效评估, seed 002) for any month, quarter, half-year or year.

A rate a department published for exactly the table's period is printed as published (the import keeps it beside
the count it implies): the table reproduces seed 002 cell for cell. Over a longer period rates come from counts
(按时办结率 = Σ按时办结量 ÷ Σ办结量); a rate reported without its base (番禺's 满意率) is the one value reported, or,
over several periods, the unweighted mean of them, and so labelled; "——" where nothing was reported. Sorted by
受理量, largest first, as the seed prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from tracker.core.i18n import Lang, msg
from tracker.core.periods import Period, parse_period
from tracker.engine.aggregate import mean_value, own
from tracker.engine.query import metric_item, unit_figures
from tracker.register import Register
from tracker.reports.model import Cell, Format, Table
from tracker.reports.numbers import ratio
from tracker.wording.numbers import document_grouping, in_document

COUNTS = ("accepted", "completed", "completed_on_time", "completed_early", "evaluated", "satisfied")
REPORTED = ("on_time_rate_reported", "early_completion_rate_reported", "satisfaction_rate_reported",
            "spot_check_score")
COLUMNS = ("dept.col_unit", "dept.col_accepted", "dept.col_completed", "dept.col_on_time", "dept.col_early",
           "dept.col_satisfaction", "dept.col_spot_check")
EMS = {**dict.fromkeys("0123456789", 0.5), ".": 0.25, ",": 0.25, "%": 0.83, "(": 0.33, ")": 0.33, "—": 1.0}
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
    unweighted: tuple[str, ...] = ()  # which rates are means of several rates reported without their base
    published: tuple[str, ...] = ()  # which rates are one published value, printed as published


def department_rows(*, session: Session, register: Register, period: Period | str) -> list[DepartmentRow]:
    """Every department's figures for the period, largest 受理量 first (those with none last)."""
    p = parse_period(period)
    units = [u.code for u in register.units.values() if u.type == "department"]
    items = [metric_item(register.metrics[m]) for m in (*COUNTS, *REPORTED) if m in register.metrics]
    figures = unit_figures(session=session, items=items, units=units, start=p.start, end=p.end)
    per: dict[str, dict[str, float]] = {u: {} for u in units}
    spans: dict[str, dict[str, tuple[int, int]]] = {u: {} for u in units}  # (periods, last end) of each figure
    for key, groups in figures.groupby("key"):
        table = own(groups)
        ends = groups.groupby("unit")["last_end"].max()
        if register.metrics[str(key)].kind == "rate":
            table = mean_value(table)
        else:
            table = table.assign(value=table["numerator"])
        for unit, value, n in zip(table["unit"], table["value"], table["periods"], strict=True):
            per[unit][str(key)] = float(value)
            spans[unit][str(key)] = (int(n), int(ends[unit]))
    rows = [_row(unit, f, spans[unit]) for unit, f in per.items()]
    return sorted(rows, key=lambda r: -1 if r.accepted is None else r.accepted, reverse=True)


def _row(unit: str, f: dict[str, float], spans: dict[str, tuple[int, int]]) -> DepartmentRow:
    def one(key: str) -> bool:
        return spans.get(key, (0, 0))[0] == 1

    def rate(num: str, den: str, reported: str) -> tuple[float | None, str]:
        counted = ratio(f.get(num), f.get(den))
        same = one(num) and one(den) and spans[num][1] == spans[den][1] == spans.get(reported, (0, -1))[1]
        if one(reported) and (counted is None or same):  # one published value, for the counts' own period
            return f[reported], "published"
        if counted is not None:
            return counted, ""
        return f.get(reported), ("unweighted" if reported in f else "")

    got = {"on_time": rate("completed_on_time", "completed", "on_time_rate_reported"),
           "early": rate("completed_early", "completed", "early_completion_rate_reported"),
           "satisfaction": rate("satisfied", "evaluated", "satisfaction_rate_reported")}
    spot = f.get("spot_check_score")
    return DepartmentRow(unit, f.get("accepted"), f.get("completed"), got["on_time"][0], got["early"][0],
                         got["satisfaction"][0], spot,
                         tuple(n for n, (_, how) in got.items() if how == "unweighted"),
                         tuple(n for n, (_, how) in got.items() if how == "published")
                         + (("spot_check",) if one("spot_check_score") else ()))


def as_published(value: float) -> str:
    """A rate as the source printed it: 99.1%, 100%, 74.84% (its own digits, no padding to two decimals)."""
    return f"{round(value, 6):g}%"


@in_document
def department_table(rows: list[DepartmentRow], register: Register, p: Period, lang: Lang = "zh",
                     printed: bool = True) -> Table:
    """The seed's table: 单位名称, 受理量(件), 办结量(件), 按时办结率(%), 提前办结率(%), 群众评价满意率(%), 群众评价抽查得分(%).
    `printed`: published rates as the source printed them (text); else every rate as a number (the XLSX)."""
    fields = ("on_time", "early", "satisfaction", "spot_check")

    def cell(r: DepartmentRow, name: str) -> Cell:
        value = getattr(r, name)
        return as_published(value) if printed and value is not None and name in r.published else value

    body: list[list[Cell]] = [[register.units[r.unit].name(lang), r.accepted, r.completed,
                               *(cell(r, n) for n in fields)] for r in rows]
    return Table([msg(c, lang) for c in COLUMNS], body, FORMATS, caption=msg("dept.caption", lang,
                 period=p.label(lang)), note=rates_note(rows, register, lang), weights=_weights(body), dense=True)


def rates_note(rows: list[DepartmentRow], register: Register, lang: Lang) -> str:
    """The table's note: its order, and how its rates were got — as published, from counts (naming whose when
    both occur), or unweighted means — so the note never claims counts for a rate a department published."""
    counted = [register.units[r.unit].name(lang) for r in rows
               if any(getattr(r, n) is not None and n not in r.published and n not in r.unweighted
                      for n in ("on_time", "early", "satisfaction"))]
    unweighted = [register.units[r.unit].name(lang) for r in rows if r.unweighted]
    note = msg("dept.note_sorted", lang)
    if any(r.published for r in rows):
        note += msg("dept.note_published", lang)
        if counted:
            note += msg("dept.note_counted", lang, units="、".join(counted))
    elif counted:
        note += msg("dept.note_counted_all", lang)
    if unweighted:
        note += msg("dept.note_unweighted", lang, units="、".join(unweighted))
    return note


def _weights(body: list[list[Cell]]) -> list[float]:
    """Column widths in ems (a Chinese character 1, a digit ½, "." ¼, "%" ⅚, an ASCII bracket ⅓) plus the cell's
    margins: the name column as wide as its longest name, so no name wraps; each number column as wide as its
    widest figure (the writer scales them to the type area, which they fit in 五号)."""
    def width(value: Cell, fmt: Format) -> float:
        text = value if isinstance(value, str) else "" if value is None else (
            f"{value:{document_grouping()}.0f}" if fmt == "count" else f"{value:.2f}%")  # as the table prints it
        return sum(EMS.get(ch, 1.0 if ord(ch) > 0x2e80 else 0.55) for ch in text)

    columns = list(zip(*body, strict=True)) if body else [()] * len(COLUMNS)
    return [max([2.0, *(width(v, f) for v in col)]) + 0.6 for col, f in zip(columns, FORMATS, strict=True)]


def table_issuer(register: Register, p: Period, lang: Lang) -> str:
    """Who issues a district's table: the plan's issuer when the plan is that district's (its name begins with the
    district's), else the district itself (番禺's table is not the 海珠 office's)."""
    plan = register.plans.get(register.plan_for(p.end), register.plan)
    district = next((u for u in register.units.values() if u.parent is None), None)
    if district is None or plan.issuer.startswith(district.name_zh):
        return plan.issuer_in(lang)
    return district.name(lang)


def frame(rows: list[DepartmentRow]) -> pd.DataFrame:
    return pd.DataFrame([r.__dict__ for r in rows])
