"""What the dashboard pages show, computed here so the pages only render: overview, target detail."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from tracker.engine.aggregate import own, with_value
from tracker.engine.analysis import Change, attribution, indicator_series, ranking
from tracker.engine.progress import ProgressRow, progress_rows, ratio_of, rows_of, window_figures
from tracker.engine.query import indicator_item, period_figures
from tracker.engine.status import expected_value
from tracker.engine.tables import rule_label
from tracker.engine.windows import Scope, window_for
from tracker.engine.wording import fmt, gap_text, sentence
from tracker.i18n import Lang, msg
from tracker.periods import Period, month, parse_period
from tracker.register import Indicator, Register

STATUS_ORDER = ("met", "on_track", "at_risk", "off_track", "no_data", "done", "not_due", "overdue")
STATUS_COLOURS = {"met": "green", "done": "green", "on_track": "blue", "not_due": "gray", "at_risk": "orange",
                  "off_track": "red", "overdue": "red", "no_data": "gray", "untargeted": "gray"}


@dataclass(frozen=True)
class Card:
    """One target as the overview shows it."""

    code: str
    name: str
    value: str
    rule: str
    status: str
    status_text: str
    colour: str
    gap: str
    sentence: str
    change: str
    trend: pd.DataFrame


@dataclass(frozen=True)
class Overview:
    rows: list[ProgressRow]
    counts: dict[str, int]
    cards: list[Card]
    changes: pd.DataFrame


def plan_series(*, session: Session, register: Register, as_of: Period, scope: Scope,
                indicators: list[str]) -> pd.DataFrame:
    """Every period's figures of the plan up to the as-of month for the indicators, in one query."""
    items = [indicator_item(register.indicators[code], register) for code in indicators]
    return period_figures(session=session, items=items, units=scope.units(register),
                          start=parse_period(register.plan.start).start, end=as_of.end)


def _trend(series: pd.DataFrame, register: Register, indicator_code: str | None) -> pd.DataFrame:
    if indicator_code is None:
        return pd.DataFrame(columns=["period", "value"])
    return indicator_series(series, register.indicators[indicator_code])[["period", "value"]]


def _pace_series(series: pd.DataFrame, register: Register, target: str) -> pd.DataFrame:
    """The target's indicator per period with its threshold and the expected pace at each period."""
    t = register.targets[target]
    out = _trend(series, register, t.indicator)
    out["threshold"] = t.threshold
    out["expected"] = [expected_value(t, register, parse_period(p)) for p in out["period"]]
    return out


def overview(*, session: Session, register: Register, as_of: Period | str, window: str = "ytd",
             scope: Scope | None = None, lang: Lang = "zh") -> Overview:
    """Status counts, one card per target, and what changed since the previous month."""
    as_of = parse_period(as_of) if isinstance(as_of, str) else as_of
    scope = scope or Scope()
    rows = progress_rows(session=session, register=register, as_of=as_of, window=window, scope=scope)
    prev_rows = {r.indicator: r for r in progress_rows(session=session, register=register, as_of=month(as_of.end - 1),
                                                         window=window, scope=scope)}
    series = plan_series(session=session, register=register, as_of=as_of, scope=scope,
                         indicators=[r.indicator for r in rows if r.target and r.indicator])
    counts = {s: 0 for s in STATUS_ORDER}
    cards = []
    for r in rows:
        if r.target is None:
            continue
        counts[r.status] = counts.get(r.status, 0) + 1
        prev = prev_rows.get(r.indicator)
        change = Change(r.value, prev.value if prev else None, r.unit == "%").text(lang) if r.indicator else ""
        cards.append(Card(
            code=r.target, name=r.name(lang), value=fmt(r.value, r.unit, 2) if r.value is not None else "—",
            rule=rule_label(register, r.target, lang), status=r.status, status_text=msg(f"status.{r.status}", lang),
            colour=STATUS_COLOURS[r.status], gap=gap_text(r.gap, r.unit, lang) if r.gap is not None else "",
            sentence=sentence(r, register, lang), change=change,
            trend=_trend(series, register, r.indicator)))
    return Overview(rows, counts, cards, changes_table(rows, prev_rows, lang))


def changes_table(rows: list[ProgressRow], previous: dict[str | None, ProgressRow], lang: Lang) -> pd.DataFrame:
    """Every indicator: this window, the window ending a month earlier, and the change (环比)."""
    out = []
    for r in rows:
        if r.indicator is None:
            continue
        prev = previous.get(r.indicator)
        change = Change(r.value, prev.value if prev else None, r.unit == "%")
        out.append({msg("col.indicator", lang): r.name(lang),
                    msg("col.value", lang): fmt(r.value, r.unit, 2) if r.value is not None else "—",
                    msg("col.previous", lang): fmt(prev.value, r.unit, 2) if prev and prev.value is not None else "—",
                    msg("col.change", lang): change.text(lang)})
    return pd.DataFrame(out)


def unit_values(figures: pd.DataFrame, register: Register, indicator: Indicator) -> pd.DataFrame:
    """Each unit's own figure of the indicator (unit, numerator, denominator, periods, value)."""
    groups = figures[figures["key"] == indicator.code]
    return with_value(own(groups), indicator.factor)


@dataclass(frozen=True)
class TargetDetail:
    row: ProgressRow
    clause: str
    rule: str
    sentence: str
    series: pd.DataFrame
    per_unit: pd.DataFrame
    attribution: pd.DataFrame
    ranking: pd.DataFrame


def target_detail(*, session: Session, register: Register, target: str, as_of: Period | str,
                  window: str = "ytd", scope: Scope | None = None, lang: Lang = "zh") -> TargetDetail:
    """A target's clause, its series against threshold and expected pace, per-unit figures and attribution."""
    as_of = parse_period(as_of) if isinstance(as_of, str) else as_of
    scope = scope or Scope()
    t = register.targets[target]
    ind = register.indicator_of(t)
    win = window_for(window, as_of, register)
    units = scope.units(register)
    figures = window_figures(session=session, register=register, window=win, units=units,
                             indicators=[ind] if ind else [])
    row = next(r for r in rows_of(figures, register=register, window=win, scope=scope, as_of=as_of,
                                  indicators=[ind] if ind else []) if r.target == target)
    empty = pd.DataFrame()
    if ind is None:
        return TargetDetail(row, t.clause, rule_label(register, target, lang), sentence(row, register, lang),
                            empty, empty, empty, empty)
    series = _pace_series(plan_series(session=session, register=register, as_of=as_of, scope=scope,
                                      indicators=[ind.code]), register, target)
    contributing, _, _ = ratio_of(figures, register, ind, units)
    per_unit = unit_values(figures, register, ind)
    per_unit = per_unit.sort_values("value", ascending=not t.higher_is_better).reset_index(drop=True)
    per_unit.insert(1, "name", [register.units[u].name(lang) for u in per_unit["unit"]])
    blame = attribution(contributing, t, ind, register, lang) if row.status in ("at_risk", "off_track") else empty
    ranks = ranking(per_unit.drop(columns=["name"]), register=register, lang=lang,
                    higher_is_better=t.higher_is_better)
    return TargetDetail(row, t.clause, rule_label(register, target, lang), sentence(row, register, lang), series,
                        per_unit, blame, ranks)


@dataclass(frozen=True)
class UnitProfile:
    table: pd.DataFrame
    trend: pd.DataFrame | None
    trend_indicator: str | None


def unit_profile(*, session: Session, register: Register, unit: str, as_of: Period | str, window: str = "ytd",
                 lang: Lang = "zh") -> UnitProfile:
    """All indicators of one unit (with its children), their status, and its rank among units of its type."""
    as_of = parse_period(as_of) if isinstance(as_of, str) else as_of
    scope = Scope("subtree", unit) if register.children.get(unit) else Scope("unit", unit)
    rows = progress_rows(session=session, register=register, as_of=as_of, window=window, scope=scope)
    peers = [u.code for u in register.units.values() if u.type == register.units[unit].type]
    win = window_for(window, as_of, register)
    figures = window_figures(session=session, register=register, window=win, units=peers,
                             indicators=[register.indicators[r.indicator] for r in rows if r.indicator])
    out = []
    trend_indicator = None
    for r in rows:
        if r.indicator is None or r.value is None:
            continue
        trend_indicator = trend_indicator or (r.indicator if r.target else None)
        per_unit = unit_values(figures, register, register.indicators[r.indicator])
        t = register.targets.get(r.target) if r.target else None
        ranked = ranking(per_unit, register=register, lang=lang, higher_is_better=t.higher_is_better if t else True,
                         min_sample=0)
        mine = ranked[ranked["unit"] == unit]
        rank = "" if mine.empty or pd.isna(mine["rank"].iloc[0]) else msg(
            "units.rank", lang, rank=int(mine["rank"].iloc[0]), n=int(ranked["rank"].notna().sum()))
        out.append({msg("ucol.indicator", lang): r.name(lang), msg("ucol.value", lang): fmt(r.value, r.unit, 2),
                    msg("ucol.status", lang): msg(f"status.{r.status}", lang), msg("ucol.type_rank", lang): rank})
    trend = None
    if trend_indicator is not None:
        target = next(code for code, x in register.targets.items() if x.indicator == trend_indicator)
        trend = _pace_series(plan_series(session=session, register=register, as_of=as_of, scope=scope,
                                         indicators=[trend_indicator]), register, target)
    return UnitProfile(pd.DataFrame(out), trend, trend_indicator)
