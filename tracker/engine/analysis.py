"""Trends, changes (环比/同比), gap attribution and rankings, from the same Σ÷Σ aggregation."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.i18n import Lang, msg
from tracker.periods import month
from tracker.register import Indicator, Register, Target


def indicator_series(series: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """One indicator's trend from `period_figures`: end, period, numerator, denominator, units and value (Σ÷Σ)."""
    rows = series[series["key"] == indicator.code]
    den = rows["denominator"].astype(float)
    out = rows.assign(period=[month(int(e)).code for e in rows["end"]],
                      value=rows["numerator"].astype(float) / den.where(den > 0) * indicator.factor)
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

    def text(self, lang: Lang) -> str:
        """'上升 1.20 个百分点' / '下降 15.32%' / '持平'."""
        d = self.delta
        if d is None:
            return msg("change.none", lang)
        if abs(d) < 0.005:
            return msg("change.flat", lang)
        amount = msg("gap.points", lang, gap=f"{abs(d):.2f}") if self.points else f"{abs(d):.2f}%"
        return msg("change.up" if d > 0 else "change.down", lang, change=amount)


def sorted_by(units: pd.DataFrame, column: str, *, ascending: bool, register: Register) -> pd.DataFrame:
    """Unit rows sorted by `column` (missing last), equal values in the register's unit order — the same order
    whatever order the rows arrived in."""
    place = {code: i for i, code in enumerate(register.units)}
    keyed = units.assign(_place=units["unit"].map(place))
    return keyed.sort_values([column, "_place"], ascending=[ascending, True], kind="stable",
                             na_position="last").drop(columns="_place")


def attribution(per_unit: pd.DataFrame, target: Target, indicator: Indicator, register: Register,
                lang: Lang) -> pd.DataFrame:
    """Each unit's part of the district shortfall, largest first (only units that fall short).

    For a ≥ target the shortfall of a unit is denominator × threshold ÷ factor − numerator (e.g. the cases
    that would have had to be rated for the unit to meet the target); for a ≤ target the excess.
    """
    assert target.threshold is not None
    need = per_unit["denominator"] * target.threshold / indicator.factor
    short = need - per_unit["numerator"] if target.higher_is_better else per_unit["numerator"] - need
    out = per_unit.assign(shortfall=short)
    out = sorted_by(out[out["shortfall"] > 0], "shortfall", ascending=False, register=register)
    total = out["shortfall"].sum()
    out = out.assign(share=out["shortfall"] / total * 100 if total else 0.0)
    out.insert(1, "name", [register.units[u].name(lang) for u in out["unit"]])
    return out[["unit", "name", "numerator", "denominator", "value", "shortfall", "share"]].reset_index(drop=True)


def ranking(per_unit: pd.DataFrame, *, register: Register, lang: Lang, higher_is_better: bool = True,
            min_sample: int | None = None, column: str = "value") -> pd.DataFrame:
    """Units ranked best first; units whose denominator is below the minimum sample are listed last as 样本不足."""
    floor = register.rules.min_sample if min_sample is None else min_sample
    df = per_unit.copy()
    df.insert(1, "name", [register.units[u].name(lang) for u in df["unit"]])
    enough = df["denominator"] >= floor if "denominator" in df else pd.Series(True, index=df.index)
    ranked = sorted_by(df[enough & df[column].notna()], column, ascending=not higher_is_better, register=register)
    ranked = ranked.assign(rank=range(1, len(ranked) + 1), note="")
    rest = df[~(enough & df[column].notna())].assign(rank=pd.NA, note=msg("rank.insufficient", lang))
    return pd.concat([ranked, rest], ignore_index=True)
