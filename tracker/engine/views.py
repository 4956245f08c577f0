"""What the dashboard pages and the reports show, as unformatted figures: overview, target detail, unit profile.

Each view runs a few queries (the window's unit figures, the previous month's, the trend) and returns data;
wording and number formatting happen at the edge (`tracker.engine.cards`, `tracker.wording.tables`, the
report writers), in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from tracker.core.periods import Period, month, parse_period
from tracker.engine import summary
from tracker.engine.aggregate import own, with_value
from tracker.engine.analysis import attribution, indicator_series, ranking, sorted_by
from tracker.engine.cards import Card, build_card
from tracker.engine.progress import (
    ProgressRow,
    kept_ratios,
    ratio_of,
    ratios_of,
    rows_from,
    rows_of,
    unit_contributions,
    window_figures,
    windows_figures,
    with_targets,
)
from tracker.engine.query import indicator_item, period_figures
from tracker.engine.windows import Scope, window_for
from tracker.register import Indicator, Register

STATUS_ORDER = ("met", "on_track", "at_risk", "off_track", "no_data", "done", "not_due", "overdue")


def plan_series(*, session: Session, register: Register, as_of: Period, scope: Scope,
                indicators: list[str], start: int | None = None) -> pd.DataFrame:
    """Every period's figures up to the as-of month for the indicators, in one query: from `start` (an absolute
    month), by default the first plan's start — a trend runs across plan boundaries."""
    first = register.first_month if start is None else start
    kept = summary.read_series(session, register, scope, indicators, first, as_of.end)
    if kept is not None:  # the figures kept ready (tracker/engine/summary.py); raw rows where it cannot answer
        return kept
    items = [indicator_item(register.indicators[code], register) for code in indicators]
    units = scope.units(register)
    return period_figures(session=session, items=items, units=units, start=first, end=as_of.end,
                          kept=summary.covers(session, register, items, units))


def _trend(series: pd.DataFrame, register: Register, indicator_code: str | None) -> pd.DataFrame:
    if indicator_code is None:
        return pd.DataFrame(columns=["period", "value"])
    return indicator_series(series, register.indicators[indicator_code])[["period", "value"]]


def pace_series(series: pd.DataFrame, register: Register, target: str) -> pd.DataFrame:
    """The target's indicator per period with its threshold and the expected pace at each period, the rule in
    force then (an adjusted threshold steps at its effective month); threshold and pace only inside the target's
    plan, the actual value throughout."""
    plan = register.plan_of_target(target)
    out = _trend(series, register, register.all_targets[target].indicator)
    thresholds, expected = [], []
    for code in out["period"]:
        p = parse_period(code)
        rule = register.rule(target, p.end)
        inside = plan.holds(p.end) and rule.has_value and rule.ready
        thresholds.append(rule.threshold if inside else None)
        expected.append(rule.expected(p) if inside else None)
    return out.assign(threshold=thresholds, expected=expected)


def unit_values(figures: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """Each unit's own figure of the indicator (unit, numerator, denominator, periods, value)."""
    return with_value(own(figures[figures["key"] == indicator.code]), indicator.factor, indicator.is_total)


@dataclass(frozen=True)
class Overview:
    rows: list[ProgressRow]
    previous: dict[str, ProgressRow]
    counts: dict[str, int]
    cards: list[Card]  # register order; `tracker.engine.cards.ordered` puts what is behind first


def overview(*, session: Session, register: Register, as_of: Period | str, window: str = "ytd",
             scope: Scope | None = None) -> Overview:
    """Status counts, one card per target, and the same figures a month earlier (for 环比)."""
    as_of = parse_period(as_of)
    scope = scope or Scope()
    win = window_for(window, as_of, register)
    units = scope.units(register)
    indicators = list(register.indicators.values())
    before = month(as_of.end - 1)
    prev_win = window_for(window, before, register)
    needed = with_targets(register, indicators)  # of the window a month earlier, only the totals (环比)
    prev_ratios = kept_ratios(session=session, register=register, window=prev_win, units=units, indicators=needed)
    if prev_ratios is None:  # formed: both windows read together (their months overlap)
        figures, prev_figures = windows_figures(session=session, register=register, windows=[win, prev_win],
                                                units=units, indicators=indicators)
        prev_ratios = ratios_of(prev_figures, register, needed, units)
    else:
        figures = window_figures(session=session, register=register, window=win, units=units,
                                 indicators=indicators)
    rows = rows_of(figures, register=register, window=win, scope=scope, as_of=as_of, indicators=indicators)
    previous = {r.indicator: r for r in rows_from(prev_ratios, register=register, window=prev_win, scope=scope,
                                                  as_of=before, indicators=indicators) if r.indicator}
    series = plan_series(session=session, register=register, as_of=as_of, scope=scope,  # the plan's own months
                         indicators=[r.indicator for r in rows if r.target and r.indicator],
                         start=register.plan.first_month)
    counts = {s: 0 for s in STATUS_ORDER}
    cards = []
    by_key = {str(k): part for k, part in figures.groupby("key", sort=False)}  # each card's rows, split once
    for r in rows:
        if r.target is None:
            continue
        counts[r.status] = counts.get(r.status, 0) + 1
        ind = register.indicators.get(r.indicator) if r.indicator else None
        mine_rows = by_key.get(ind.code, figures.iloc[:0]) if ind else figures.iloc[:0]
        per_unit = unit_contributions(mine_rows, ind, units) if ind else pd.DataFrame()
        mine = unit_values(mine_rows, ind) if ind else pd.DataFrame()
        cards.append(build_card(r, previous.get(r.indicator) if r.indicator else None,
                                _trend(series, register, r.indicator), per_unit, mine, register))
    return Overview(rows, previous, counts, cards)


@dataclass(frozen=True)
class TargetDetail:
    row: ProgressRow
    series: pd.DataFrame        # period, value, threshold, expected
    per_unit: pd.DataFrame      # each unit's own figure, best first: unit, numerator, denominator, periods, value
    attribution: pd.DataFrame   # what each unit adds to the shortfall (behind targets only)
    ranking: pd.DataFrame


def target_detail(*, session: Session, register: Register, target: str, as_of: Period | str,
                  window: str = "ytd", scope: Scope | None = None) -> TargetDetail:
    """A target's series against threshold and expected pace, per-unit figures, attribution and ranking."""
    as_of = parse_period(as_of)
    scope = scope or Scope()
    t = register.targets[target]
    rule = register.rule(target, as_of.end)
    ind = register.indicator_of(t)
    win = window_for(window, as_of, register)
    units = scope.units(register)
    indicators = [ind] if ind else []
    figures = window_figures(session=session, register=register, window=win, units=units, indicators=indicators)
    row = next(r for r in rows_of(figures, register=register, window=win, scope=scope, as_of=as_of,
                                  indicators=indicators) if r.target == target)
    empty = pd.DataFrame()
    if ind is None:
        return TargetDetail(row, empty, empty, empty, empty)
    series = pace_series(plan_series(session=session, register=register, as_of=as_of, scope=scope,
                                     indicators=[ind.code]), register, target)
    contributing, _, _ = ratio_of(figures, register, ind, units)
    per_unit = sorted_by(unit_values(figures, ind), "value", ascending=not rule.higher_is_better,
                         register=register).reset_index(drop=True)
    behind = row.status in ("at_risk", "off_track")
    blame = attribution(contributing, rule, ind, register) if behind else empty
    ranks = ranking(per_unit, register=register, higher_is_better=rule.higher_is_better)
    return TargetDetail(row, series, per_unit, blame, ranks)


@dataclass(frozen=True)
class UnitProfile:
    rows: list[ProgressRow]               # the unit's (with its children's) indicators that have a value
    ranks: dict[str, tuple[int, int]]     # indicator → (rank, units of its type ranked)
    trend: pd.DataFrame | None
    trend_indicator: str | None


def unit_profile(*, session: Session, register: Register, unit: str, as_of: Period | str,
                 window: str = "ytd") -> UnitProfile:
    """All indicators of one unit (with its children), their status, and its rank among units of its type."""
    as_of = parse_period(as_of)
    scope = Scope("subtree", unit) if len(register.descendants(unit)) > 1 else Scope("unit", unit)
    win = window_for(window, as_of, register)
    indicators = list(register.indicators.values())
    rows = [r for r in rows_of(window_figures(session=session, register=register, window=win,
                                              units=scope.units(register), indicators=indicators),
                               register=register, window=win, scope=scope, as_of=as_of, indicators=indicators)
            if r.indicator is not None and r.value is not None]
    peers = [u.code for u in register.units.values() if u.type == register.units[unit].type]
    figures = window_figures(session=session, register=register, window=win, units=peers,
                             indicators=[register.indicators[r.indicator] for r in rows if r.indicator])
    ranks: dict[str, tuple[int, int]] = {}
    by_key = {str(k): part for k, part in figures.groupby("key", sort=False)}  # thousands of peers: split once
    for r in rows:
        assert r.indicator is not None
        higher = register.rule(r.target).higher_is_better if r.target else True
        ranked = ranking(unit_values(by_key.get(r.indicator, figures.iloc[:0]), register.indicators[r.indicator]),
                         register=register, higher_is_better=higher, min_sample=0)
        mine = ranked[ranked["unit"] == unit]
        if not mine.empty and not pd.isna(mine["rank"].iloc[0]):
            ranks[r.indicator] = (int(mine["rank"].iloc[0]), int(ranked["rank"].notna().sum()))
    trend_indicator = next((r.indicator for r in rows if r.target), None)
    trend = None
    if trend_indicator is not None:
        target = next(code for code, x in register.targets.items() if x.indicator == trend_indicator)
        trend = pace_series(plan_series(session=session, register=register, as_of=as_of, scope=scope,
                                        indicators=[trend_indicator]), register, target)
    return UnitProfile(rows, ranks, trend, trend_indicator)
