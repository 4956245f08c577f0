"""Who has reported, in words: the summary line, the table, the verdict, the late and missing units."""

from __future__ import annotations

import pandas as pd

from tracker.core.i18n import Lang, fmt_percent, msg
from tracker.engine.completeness import UNIT_COLUMNS, Completeness
from tracker.register import Register


def _rounded(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


def summary(report: Completeness, lang: Lang) -> str:
    """One line: period, deadline, counts and the two rates."""
    return msg("complete.summary", lang, period=report.period.label(lang), deadline=report.deadline.isoformat(),
               expected=report.expected, received=report.received, on_time=report.on_time,
               reporting_rate=fmt_percent(report.reporting_rate), on_time_rate=fmt_percent(report.on_time_rate))


def table(report: Completeness, register: Register, lang: Lang) -> pd.DataFrame:
    """The per-unit counts with localized headers and statuses."""
    heads = {c: msg(f"complete.col_{c}", lang) for c in ("name", *UNIT_COLUMNS) if c not in ("unit", "type")}
    out = report.units.assign(name=[register.units[u].name(lang) for u in report.units["unit"]],
                              status=[msg(f"complete.{s}", lang) for s in report.units["status"]])
    return out[list(heads)].rename(columns=heads)


def verdict(report: Completeness, register: Register, lang: Lang) -> tuple[str, str]:
    """('success' | 'warning', text): 所有单位均已报齐 only when every expected value is in and on time."""
    missing, late = missing_text(report, register, lang), late_text(report, register, lang)
    if missing is None and late is None:
        return "success", msg("complete.all_in", lang)
    if missing is None:
        return "warning", msg("complete.all_received_some_late", lang, late=report.received - report.on_time)
    return "warning", missing


def late_text(report: Completeness, register: Register, lang: Lang) -> str | None:
    """'逾期报送的单位：区统计局（11 项）' or None."""
    late = report.units[report.units["late"] > 0]
    if late.empty:
        return None
    sep = msg("sep.list", lang)
    return msg("complete.late_units", lang, units=sep.join(
        msg("complete.unit_count", lang, unit=register.units[u].name(lang), n=int(n))
        for u, n in zip(late["unit"], late["late"], strict=True)))


def missing_text(report: Completeness, register: Register, lang: Lang) -> str | None:
    """'未报齐的单位：…' naming every unit that has not reported in full, or None."""
    names = [register.units[u].name(lang) for u in report.missing_units()]
    if not names:
        return None
    return msg("complete.missing_units", lang, units=("、" if lang == "zh" else ", ").join(names))


def as_json(report: Completeness, register: Register, lang: Lang = "zh") -> dict[str, object]:
    return {"period": report.period.code, "deadline": report.deadline.isoformat(), "expected": report.expected,
            "received": report.received, "on_time": report.on_time,
            "reporting_rate": _rounded(report.reporting_rate), "on_time_rate": _rounded(report.on_time_rate),
            "units": report.units.assign(name=[register.units[u].name(lang) for u in report.units["unit"]])[
                ["unit", "name", *UNIT_COLUMNS[1:]]].to_dict(orient="records")}


def reminder_units(report: Completeness) -> pd.DataFrame:
    """The units to remind (催报): those with values still missing, then those that reported after the deadline,
    in the register's order within each."""
    units = report.units
    missing, late = units[units["missing"] > 0], units[(units["missing"] == 0) & (units["late"] > 0)]
    return pd.concat([missing, late])


def reminder_table(report: Completeness, register: Register, lang: Lang) -> pd.DataFrame:
    """催报名单: each unit missing or late with what it lacks and its contact line from the unit register, as text
    to copy (a unit with no contact line says so)."""
    rows = reminder_units(report)
    sep = msg("sep.list", lang)
    return pd.DataFrame({
        msg("complete.col_name", lang): [register.units[u].name(lang) for u in rows["unit"]],
        msg("remind.col_state", lang): [msg("remind.state_missing", lang, n=int(m)) if m else
                                        msg("remind.state_late", lang, n=int(la))
                                        for m, la in zip(rows["missing"], rows["late"], strict=True)],
        msg("remind.col_lacking", lang): [sep.join(register.metrics[m].name(lang) for m in ms) or "—"
                                          for ms in rows["missing_metrics"]],
        msg("remind.col_contact", lang): [register.units[u].contact or msg("remind.no_contact", lang)
                                          for u in rows["unit"]],
    })


def my_units_table(report: Completeness, units: list[str], register: Register, lang: Lang) -> pd.DataFrame:
    """A clerk's own units for the period: reported, on time, late, still missing and which values those are."""
    rows = report.units[report.units["unit"].isin(units)]
    sep = msg("sep.list", lang)
    return pd.DataFrame({
        msg("complete.col_name", lang): [register.units[u].name(lang) for u in rows["unit"]],
        msg("complete.col_status", lang): [msg(f"complete.{s}", lang) for s in rows["status"]],
        msg("complete.col_received", lang): [f"{int(r)}/{int(e)}" for r, e in zip(rows["received"], rows["expected"],
                                                                                  strict=True)],
        msg("complete.col_late", lang): [int(x) for x in rows["late"]],
        msg("remind.col_lacking", lang): [sep.join(register.metrics[m].name(lang) for m in ms) or "—"
                                          for ms in rows["missing_metrics"]],
    })
