"""Aggregation over units and time: flows are summed, stocks take the last value, ratios are Σ÷Σ.

Every function takes the current values as a DataFrame with the columns of
`tracker.store.VALUE_COLUMNS` and returns plain numbers or DataFrames.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from tracker.engine.windows import Window
from tracker.register import Indicator, Metric


def in_window(values: pd.DataFrame, window: Window, aggregation: str) -> pd.DataFrame:
    """Rows that belong to the window: flows lie wholly inside it, stocks end inside it."""
    inside_end = (values["end"] >= window.start) & (values["end"] <= window.end)
    if aggregation == "last":
        return values[inside_end]
    return values[inside_end & (values["start"] >= window.start)]


def _finest(rows: pd.DataFrame) -> pd.DataFrame:
    """Per unit, keep only the shortest periods reported, so a half-year and its months never add up twice."""
    if rows.empty:
        return rows
    length = rows["end"] - rows["start"]
    shortest = length.groupby(rows["unit"]).transform("min")
    return rows[length == shortest]


def _per_unit(rows: pd.DataFrame, aggregation: str, columns: list[str]) -> pd.DataFrame:
    rows = _finest(rows)
    if rows.empty:
        return pd.DataFrame(columns=["unit", *columns, "periods"])
    grouped = rows.groupby("unit", sort=False)
    if aggregation == "last":
        last = rows.sort_values(["end", "start"]).groupby("unit").tail(1).set_index("unit")[columns]
        out = last.assign(periods=grouped.size())
    elif aggregation == "avg":
        out = grouped[columns].mean().assign(periods=grouped.size())
    else:
        out = grouped[columns].sum().assign(periods=grouped.size())
    return out.reset_index()


def metric_by_unit(values: pd.DataFrame, metric: Metric, window: Window, units: list[str]) -> pd.DataFrame:
    """One row per unit that reported the metric in the window: unit, value, periods."""
    rows = values[(values["metric"] == metric.code) & values["unit"].isin(units) & values["value"].notna()]
    rows = in_window(rows, window, metric.aggregation)
    return _per_unit(rows, metric.aggregation, ["value"])


def indicator_by_unit(values: pd.DataFrame, indicator: Indicator, numerator: Metric, window: Window,
                      units: list[str]) -> pd.DataFrame:
    """Per unit: numerator, denominator and value, counting only periods where both were reported."""
    cols = ["unit", "period", "start", "end"]
    base = values[values["unit"].isin(units) & values["value"].notna()]
    num = base[base["metric"] == indicator.numerator][[*cols, "value"]].rename(columns={"value": "numerator"})
    den = base[base["metric"] == indicator.denominator][[*cols, "value"]].rename(columns={"value": "denominator"})
    pairs = in_window(num.merge(den, on=cols), window, numerator.aggregation)
    out = _per_unit(pairs, numerator.aggregation, ["numerator", "denominator"])
    den_ok = out["denominator"] > 0
    out["value"] = (out["numerator"] / out["denominator"].where(den_ok)) * indicator.factor
    return out


@dataclass(frozen=True)
class Ratio:
    """Σ numerator ÷ Σ denominator over the units that reported both."""

    numerator: float | None
    denominator: float | None
    value: float | None
    units_reported: int


def total_ratio(per_unit: pd.DataFrame, factor: float) -> Ratio:
    """The weighted ratio of a per-unit table (never the mean of unit percentages)."""
    if per_unit.empty:
        return Ratio(None, None, None, 0)
    num, den = float(per_unit["numerator"].sum()), float(per_unit["denominator"].sum())
    return Ratio(num, den, num / den * factor if den > 0 else None, int(len(per_unit)))


def units_expected(units: list[str], unit_types: Mapping[str, str], metrics: list[Metric]) -> list[str]:
    """Units in scope whose type reports every one of `metrics`."""
    return [u for u in units if all(unit_types.get(u) in m.reported_by for m in metrics)]
