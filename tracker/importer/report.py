"""Tables of an import plan for people: localized columns, names instead of codes."""

from __future__ import annotations

import pandas as pd

from tracker.i18n import Lang, msg
from tracker.importer.apply import ImportPlan
from tracker.register import Register


def plan_table(plan: ImportPlan, register: Register, lang: Lang, changes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The plan's rows (optionally only some kinds of change) with unit and metric names and old → new."""
    rows = plan.rows if not changes else plan.rows[plan.rows["change"].isin(changes)]
    return pd.DataFrame({
        msg("plan.col_row", lang): rows["row"],
        msg("plan.col_unit", lang): [register.units[u].name(lang) for u in rows["unit"]],
        msg("plan.col_metric", lang): [register.metrics[m].name(lang) for m in rows["metric"]],
        msg("plan.col_period", lang): rows["period"],
        msg("plan.col_old", lang): rows["old"],
        msg("plan.col_new", lang): rows["new"],
        msg("plan.col_change", lang): [msg(f"change.{c}", lang) for c in rows["change"]],
        msg("plan.col_note", lang): rows["note"],
    })
