"""The scorecard (DHIS2 style): units × targets, coloured by status, arrows against the previous period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from tracker.core.periods import Period, parse_period
from tracker.engine.aggregate import subtree_totals
from tracker.engine.progress import window_figures
from tracker.engine.status import target_statuses
from tracker.engine.windows import window_for
from tracker.register import Register


@dataclass(frozen=True)
class Scorecard:
    """Rows are units, columns targets: numeric values, statuses, and arrows against the previous period."""

    values: pd.DataFrame
    statuses: pd.DataFrame
    arrows: pd.DataFrame
    units: list[str]

    def only(self, keep: list[str]) -> Scorecard:
        """The rows of the units `keep`, in that order."""
        return Scorecard(self.values.loc[keep], self.statuses.loc[keep], self.arrows.loc[keep], keep)

    def page(self, number: int, size: int) -> Scorecard:
        """Page `number` (from 1) of `size` rows; a number past the last page gives the last."""
        units = list(self.values.index)
        number = min(max(1, number), page_count(len(units), size))
        return self.only(units[(number - 1) * size:number * size])


def page_count(rows: int, size: int) -> int:
    """Pages of `size` rows that `rows` rows fill (at least one, also for none)."""
    return max(1, -(-rows // size))


def scorecard(*, session: Session, register: Register, as_of: Period | str, window: str = "ytd",
              rows: list[str], subtree: bool = True) -> Scorecard:
    """Every targeted indicator for each row unit (with its children when `subtree`)."""
    as_of = parse_period(as_of) if isinstance(as_of, str) else as_of
    win = window_for(window, as_of, register)
    members = pd.DataFrame([(r, u) for r in rows for u in (register.descendants(r) if subtree else [r])],
                           columns=["row", "unit"])
    targeted = [(code, register.indicator_of(t)) for code, t in register.targets.items()]
    indicators = [ind for _, ind in targeted if ind is not None]
    now, before = (subtree_totals(window_figures(session=session, register=register, window=w,
                                                 units=sorted(set(members["unit"])), indicators=indicators),
                                  members, subtree) for w in (win, win.previous()))
    index = pd.Index(rows, name="unit")
    now_wide, before_wide = _wide(now, index), _wide(before, index)
    vals, stats, arrows = {}, {}, {}
    for code, ind in targeted:
        if ind is None:
            continue
        rule = register.rule(code, as_of.end)
        value = _values(now_wide, ind.code, index, ind.factor, ind.is_total)
        vals[code] = value
        # a total's target is the district's: a unit's own count is shown, not judged against it
        judged = target_statuses(rule, register.rules, [v if v == v else None for v in value], ind.is_percent,
                                 as_of) if rule.ready and not ind.is_total else []
        stats[code] = ["no_data" if not rule.ready or v != v else "untargeted" if ind.is_total else judged[i]
                       for i, v in enumerate(value)]
        arrows[code] = [_arrow(a, b) for a, b in zip(value, _values(before_wide, ind.code, index, ind.factor,
                                                                    ind.is_total), strict=True)]
    return Scorecard(pd.DataFrame(vals, index=index), pd.DataFrame(stats, index=index),
                     pd.DataFrame(arrows, index=index), rows)


Wide = tuple[pd.DataFrame, pd.DataFrame]


def _wide(totals: pd.DataFrame, index: pd.Index) -> Wide:
    """Σ numerator and Σ denominator as row unit × indicator tables (one reshaping for every target's column)."""
    return (totals["numerator"].unstack("key").reindex(index).astype(float),
            totals["denominator"].unstack("key").reindex(index).astype(float))


def _values(wide: Wide, key: str, index: pd.Index, factor: float, total: bool) -> pd.Series:
    """Each row unit's value of one indicator (NaN where nothing was reported or the denominator is 0)."""
    num, den = wide
    if key not in num.columns:
        return pd.Series(float("nan"), index=index)
    if total:
        return (num[key] * factor).rename(None)
    return (num[key] / den[key].where(den[key] > 0) * factor).rename(None)


def _arrow(now: float | None, before: float | None) -> str:
    if now is None or before is None or now != now or before != before:
        return ""
    if abs(now - before) < 0.005:
        return "＝"
    return "▲" if now > before else "▼"


def top_bottom(card: Scorecard, register: Register, target: str, n: int, bottom: bool) -> list[str]:
    """The n best (or worst) row units for one target, by its direction."""
    higher = register.rule(target).higher_is_better
    col = card.values[target].dropna().sort_values(ascending=(higher == bottom))
    return col.index[:n].tolist()
