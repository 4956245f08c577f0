"""Progress, scorecard, completeness and stored values as JSON data and CSV rows (see the package docstring)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from tracker.core.i18n import Lang
from tracker.core.periods import parse_period
from tracker.core.safecells import csv_cell
from tracker.engine.completeness import UNIT_COLUMNS, completeness
from tracker.engine.plans import plan_view
from tracker.engine.progress import JSON_KEYS, progress_rows
from tracker.engine.scorecard import scorecard
from tracker.engine.windows import scope_for
from tracker.register import Register
from tracker.storage.values import current_values
from tracker.wording import completeness as completeness_words

SCORECARD_COLUMNS = ("unit", "name", "target", "value", "status", "change")
VALUE_KEYS = ("unit", "metric", "period", "value", "note")


@dataclass(frozen=True)
class Answer:
    """What a JSON answer holds (`data`) and what its CSV lists (`rows` under `columns`)."""

    data: Any
    columns: Sequence[str]
    rows: list[dict[str, Any]]

    def json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2)

    def csv(self) -> str:
        """The rows as CSV text; a cell that would start a spreadsheet formula is written as text."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if row.get(c) is None else csv_cell(row[c]) for c in self.columns])
        return out.getvalue()


def _finite(v: Any) -> Any:
    return None if isinstance(v, float) and not math.isfinite(v) else v


def progress_answer(*, session: Session, register: Register, as_of: str, window: str = "ytd",
                    unit: str | None = None, plan: str | None = None) -> Answer:
    """Every target and indicator of the plan (by default the one holding the as-of month) for the as-of month,
    window and scope (`python -m tracker progress`)."""
    view = plan_view(session=session, register=register, plan=plan, as_of=as_of)
    rows = [r.as_json() for r in progress_rows(session=session, register=view, as_of=as_of, window=window,
                                               scope=scope_for(view, unit))]
    return Answer(rows, JSON_KEYS, rows)


def scorecard_answer(*, session: Session, register: Register, as_of: str, window: str = "ytd",
                     unit: str | None = None, lang: Lang = "zh", plan: str | None = None) -> Answer:
    """Each unit under `unit` (the district when None; `type:KIND`: every unit of a kind) × each target: its value,
    status and change (▲▼＝) against the previous window."""
    if unit is None:
        rows = register.children.get(next(c for c, u in register.units.items() if u.parent is None), [])
    elif unit.startswith("type:"):
        rows = [c for c, u in register.units.items() if u.type == unit[5:]]
    else:
        rows = register.children.get(unit) or [unit]
    view = plan_view(session=session, register=register, plan=plan, as_of=as_of)
    card = scorecard(session=session, register=view, as_of=as_of, window=window, rows=list(rows),
                     subtree=not (unit or "").startswith("type:"))
    out = [{"unit": u, "name": register.units[u].name(lang), "target": t,
            "value": _finite(float(card.values.at[u, t])) if card.values.at[u, t] == card.values.at[u, t] else None,
            "status": card.statuses.at[u, t], "change": {"▲": "up", "▼": "down", "＝": "same"}.get(
                card.arrows.at[u, t])}
           for u in card.units for t in card.values.columns]
    return Answer(out, SCORECARD_COLUMNS, out)


def completeness_answer(*, session: Session, register: Register, period: str, lang: Lang = "zh") -> Answer:
    """Who has reported for a period (`python -m tracker completeness --format json`); the CSV lists the units."""
    report = completeness(session=session, register=register, period=period)
    data = completeness_words.as_json(report, register, lang)
    return Answer(data, ["unit", "name", *UNIT_COLUMNS[1:]], list(data["units"]))  # type: ignore[call-overload]


def values_answer(*, session: Session, register: Register, unit: str | None = None, metric: str | None = None,
                  start: str | None = None, end: str | None = None) -> Answer:
    """The current stored values (one per unit, metric and period), filtered by unit, metric and a range of
    periods (each period's end falls from the start of `start` to the end of `end`), by unit (register order),
    period and metric."""
    first = parse_period(start).start if start else None
    last = parse_period(end).end if end else None
    frame = current_values(session=session, metrics=[metric] if metric else None, units=[unit] if unit else None,
                           start=first, end=last)
    units, metrics = list(register.units), list(register.metrics)
    frame = frame.assign(u=[units.index(u) if u in units else len(units) for u in frame["unit"]],
                         m=[metrics.index(m) if m in metrics else len(metrics) for m in frame["metric"]])
    frame = frame.sort_values(["u", "start", "end", "m"])
    rows = [{"unit": r.unit, "metric": r.metric, "period": r.period, "value": _finite(r.value),
             "note": r.note} for r in frame.itertuples()]
    rows = [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()} for row in rows]
    return Answer(rows, VALUE_KEYS, rows)
