"""Trends, changes (环比/同比), gap attribution and rankings, from the same Σ÷Σ aggregation (figures only: the
words are in `tracker.wording`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.core.periods import month
from tracker.register import Indicator, Register
from tracker.register.rules import TargetRule


def indicator_series(series: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """One indicator's trend from `period_figures`: end, period, numerator, denominator, units and value (Σ÷Σ)."""
    rows = series[series["key"] == indicator.code]
    den = rows["denominator"].astype(float)
    num = rows["numerator"].astype(float)
    value = num * indicator.factor if indicator.is_total else num / den.where(den > 0) * indicator.factor
    out = rows.assign(period=[month(int(e)).code for e in rows["end"]], value=value)
    return out[["end", "period", "numerator", "denominator", "units", "value"]].reset_index(drop=True)


@dataclass(frozen=True)
class Change:
    """A change between two values: percentage points for percentages, a relative % for counts."""

    current: float | None
    previous: float | None
    points: bool

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        if self.points:
            return self.current - self.previous
        return (self.current - self.previous) / self.previous * 100 if self.previous else None


def sorted_by(units: pd.DataFrame, column: str, *, ascending: bool, register: Register) -> pd.DataFrame:
    """Unit rows sorted by `column` (missing last), equal values in the register's unit order — the same order
    whatever order the rows arrived in."""
    place = register.unit_order
    keyed = units.assign(_place=units["unit"].map(place))
    return keyed.sort_values([column, "_place"], ascending=[ascending, True], kind="stable",
                             na_position="last").drop(columns="_place")


def attribution(per_unit: pd.DataFrame, rule: TargetRule, indicator: Indicator, register: Register) -> pd.DataFrame:
    """Each unit's part of the district shortfall, largest first (only units that fall short).

    For a ≥ target the shortfall of a unit is denominator × threshold ÷ factor − numerator (e.g. the cases
    that would have had to be rated for the unit to meet the target); for a ≤ target the excess. For a total
    (a count such as 差评数) a unit's part is what it adds in the direction that hurts: its own count when a
    lower total is better; nothing is "short" per unit when a higher total is better.
    """
    if indicator.is_total:
        short = per_unit["numerator"] * indicator.factor if not rule.higher_is_better else per_unit["numerator"] * 0
    else:
        need = per_unit["denominator"] * rule.threshold / indicator.factor
        short = need - per_unit["numerator"] if rule.higher_is_better else per_unit["numerator"] - need
    out = per_unit.assign(shortfall=short)
    falls_short = out["shortfall"] > 0
    if not indicator.is_total:  # a value the rule counts as met (equal up to rounding noise) is no one's shortfall
        falls_short &= ~rule.met_all(out["value"].to_numpy(dtype=float))
    out = sorted_by(out[falls_short], "shortfall", ascending=False, register=register)
    total = out["shortfall"].sum()
    out = out.assign(share=out["shortfall"] / total * 100 if total else 0.0)
    return out[["unit", "numerator", "denominator", "value", "shortfall", "share"]].reset_index(drop=True)


INSUFFICIENT = "insufficient"  # the note of a unit below the minimum sample (样本不足)


def ranking(per_unit: pd.DataFrame, *, register: Register, higher_is_better: bool = True,
            min_sample: int | None = None, column: str = "value") -> pd.DataFrame:
    """Units ranked best first; units whose denominator is below the minimum sample (or that have no value) are
    listed last, noted INSUFFICIENT (样本不足). A total has no denominator: every unit with a value is ranked."""
    floor = register.rules.min_sample if min_sample is None else min_sample
    df = per_unit.copy()
    den = df["denominator"] if "denominator" in df else pd.Series(float("nan"), index=df.index)
    ok = (den.isna() | (den >= floor)) & df[column].notna()
    ranked = sorted_by(df[ok], column, ascending=not higher_is_better, register=register)
    ranked = ranked.assign(rank=range(1, len(ranked) + 1), note="")
    rest = df[~ok].assign(rank=pd.NA, note=INSUFFICIENT)
    return pd.concat([ranked, rest], ignore_index=True)
