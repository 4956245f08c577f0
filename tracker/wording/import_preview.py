"""Tables of an import plan for people: localized columns, names instead of codes."""

from __future__ import annotations

import math

import pandas as pd

from tracker.core.i18n import Lang, msg
from tracker.core.periods import parse_period
from tracker.importer.apply import ImportPlan
from tracker.register import Register


def shown_value(value: object) -> str:
    """A stored value as people write it: 12,345 for a count, 99.43 for a rate, "—" when there is none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = float(value)  # type: ignore[arg-type]
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}".rstrip("0").rstrip(".")


def plan_table(plan: ImportPlan, register: Register, lang: Lang, changes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The plan's rows (optionally only some kinds of change) as text: the file's row and column, unit and metric
    names, the period in words, old → new with thousands separators, the note ("" when there is none)."""
    rows = plan.rows if not changes else plan.rows[plan.rows["change"].isin(changes)]
    return pd.DataFrame({
        msg("plan.col_row", lang): [str(r) for r in rows["row"]],
        msg("plan.col_column", lang): [str(c or "") for c in rows["column"]],
        msg("plan.col_unit", lang): [register.units[u].name(lang) for u in rows["unit"]],
        msg("plan.col_metric", lang): [register.metrics[m].name(lang) for m in rows["metric"]],
        msg("plan.col_period", lang): [parse_period(p).label(lang) for p in rows["period"]],
        msg("plan.col_old", lang): [shown_value(v) for v in rows["old"]],
        msg("plan.col_new", lang): [shown_value(v) for v in rows["new"]],
        msg("plan.col_change", lang): [msg(f"change.{c}", lang) for c in rows["change"]],
        msg("plan.col_note", lang): ["" if n is None or n != n else str(n) for n in rows["note"]],
    })
