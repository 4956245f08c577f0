"""Totals from the per-unit figures the database returns (`tracker.engine.query.unit_figures`).

A unit's figure combines its groups (periods of its own, and periods an ancestor reported itself) by summing
them: flows and reported rates add up, and a stock's value sits in the group of its latest period only (the
query puts it there), so the sum is that value. Which units' figures make a total depends on the scope: a
period covered by an ancestor inside the scope counts once, as the ancestor's.
Every ratio is Σ numerator ÷ Σ denominator, never a mean of unit percentages.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from tracker.register import Metric

PER_UNIT = ["unit", "numerator", "denominator", "periods"]


def combine(groups: pd.DataFrame) -> pd.DataFrame:
    """One row per unit (unit, numerator, denominator, periods) from its groups of one item; a unit whose
    groups hold no value (its latest stock was reported by an ancestor in scope) adds nothing."""
    if groups.empty:
        return pd.DataFrame(columns=PER_UNIT)
    out = groups.groupby("unit", sort=False)[["numerator", "denominator", "periods"]].sum(min_count=1)
    return out[out["numerator"].notna()].reset_index()[PER_UNIT]


def own(groups: pd.DataFrame) -> pd.DataFrame:
    """Each unit's own figure: everything it reported, whoever else reported the same period."""
    return combine(groups)


def contributions(groups: pd.DataFrame, scope: Collection[str]) -> pd.DataFrame:
    """What each unit adds to the scope's total: its periods not reported by an ancestor inside the scope."""
    if groups.empty:
        return combine(groups)
    cover = groups["cover"]
    return combine(groups[cover.isna() | ~cover.isin(list(scope))])


def key_totals(figures: pd.DataFrame, scope: Collection[str]) -> dict[str, tuple[float, float, int]]:
    """For every item key at once, what `contributions` then `total_ratio` give one key at a time: Σ numerator,
    Σ denominator and the number of contributing units (units with a value), summed in the same order."""
    if figures.empty:
        return {}
    cover = figures["cover"]
    mine = figures[cover.isna() | ~cover.isin(list(scope))]
    per_unit = mine.groupby(["key", "unit"], sort=False)[["numerator", "denominator"]].sum(min_count=1)
    per_unit = per_unit[per_unit["numerator"].notna()]
    return {str(key): (float(part["numerator"].sum()), float(part["denominator"].sum()), len(part))
            for key, part in per_unit.groupby(level="key", sort=False)}


def subtree_totals(figures: pd.DataFrame, members: pd.DataFrame, subtree: bool) -> pd.DataFrame:
    """Σ numerator and Σ denominator per item and row unit, from `members` (row, unit): each row's subtree,
    periods covered by an ancestor inside that subtree counted once (as the ancestor's); or, when not
    `subtree`, each row unit's own figure."""
    g = figures.merge(members, on="unit")
    if subtree and not g.empty:
        inside = pd.MultiIndex.from_frame(members[["row", "unit"]])
        g = g[~pd.MultiIndex.from_arrays([g["row"], g["cover"]]).isin(inside)]
    return g.groupby(["key", "row"])[["numerator", "denominator"]].sum(min_count=1)


def with_value(per_unit: pd.DataFrame, factor: float, total: bool = False) -> pd.DataFrame:
    """The per-unit table with value = numerator ÷ denominator × factor (none where the denominator is 0), or,
    for a total (an indicator without a denominator), numerator × factor."""
    if total:
        return per_unit.assign(value=per_unit["numerator"].astype(float) * factor)
    den = per_unit["denominator"].astype(float)
    return per_unit.assign(value=per_unit["numerator"].astype(float) / den.where(den > 0) * factor)


def mean_value(per_unit: pd.DataFrame) -> pd.DataFrame:
    """The per-unit table of a rate reported without its base: value = the unweighted mean of its periods."""
    return per_unit.assign(value=per_unit["numerator"].astype(float) / per_unit["periods"])


@dataclass(frozen=True)
class Ratio:
    """Σ numerator ÷ Σ denominator over the units whose figures make the total."""

    numerator: float | None
    denominator: float | None
    value: float | None
    units_reported: int


def total_ratio(per_unit: pd.DataFrame, factor: float, reported: int | None = None, total: bool = False) -> Ratio:
    """The weighted ratio of a per-unit table (for a total: Σ numerator × factor, no denominator); `reported`
    counts the units that reported (default: its rows)."""
    count = len(per_unit) if reported is None else reported
    if per_unit.empty:
        return Ratio(None, None, None, count)
    num = float(per_unit["numerator"].sum())
    if total:
        return Ratio(num, None, num * factor, count)
    den = float(per_unit["denominator"].sum())
    return Ratio(num, den, num / den * factor if den > 0 else None, count)


def units_expected(units: list[str], unit_types: Mapping[str, str], metrics: list[Metric]) -> list[str]:
    """Units in scope whose type reports every one of `metrics`."""
    return [u for u in units if all(unit_types.get(u) in m.reported_by for m in metrics)]
