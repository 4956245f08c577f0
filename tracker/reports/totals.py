"""Metric totals for a scope and window, as the documents print them (the same query as every figure).

A total over a tree takes each unit's own reported value for a period where it reports one, else the sum of
its descendants' (the centre's 受理量, not the centre's plus its departments'). None when no unit reported.
"""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from tracker.core.periods import Period
from tracker.engine.aggregate import contributions, own
from tracker.engine.query import metric_item, unit_figures
from tracker.register import Register


def metric_figures(*, session: Session, register: Register, metrics: list[str], units: list[str],
                   period: Period) -> pd.DataFrame:
    """The unit figures (query groups) of plain metrics for the period's months."""
    items = [metric_item(register.metrics[m]) for m in metrics]
    return unit_figures(session=session, items=items, units=units, start=period.start, end=period.end)


def totals(figures: pd.DataFrame, metrics: list[str], scope: list[str]) -> dict[str, float | None]:
    """Each metric's total over the scope (None when nobody reported it)."""
    out: dict[str, float | None] = {}
    for m in metrics:
        per_unit = contributions(figures[figures["key"] == m], scope)
        out[m] = float(per_unit["numerator"].sum()) if not per_unit.empty else None
    return out


def by_unit(figures: pd.DataFrame, metric: str) -> dict[str, float]:
    """Each unit's own value of one metric."""
    per_unit = own(figures[figures["key"] == metric])
    return {u: float(v) for u, v in zip(per_unit["unit"], per_unit["numerator"], strict=True)}


def scope_totals(*, session: Session, register: Register, metrics: list[str], units: list[str],
                 period: Period) -> dict[str, float | None]:
    return totals(metric_figures(session=session, register=register, metrics=metrics, units=units, period=period),
                  metrics, units)
