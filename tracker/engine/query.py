"""The figures of a window, or of every period: one query for the paired figures, then pandas (SQLAlchemy Core).

One path serves SQLite and PostgreSQL, the progress table, the scorecard, the trend lines and the reports:

1. *pivot*: the current values of the units and metrics asked for, one row per unit and period;
2. *pairs*: per item (an indicator's numerator–denominator pairs, or one metric) the unit-period figure,
   counted only where both sides of a pair were reported — from raw rows, or read from the pairs kept ready
   (`tracker.engine.summary`) for a scope of many units;
3–5. *finest*, *cover* and the sums per unit and cover (or per period end): `tracker.engine.finest`.

The result is small (items × units), and `tracker.engine.aggregate` forms totals from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd
from sqlalchemy import (
    CTE,
    ColumnElement,
    Float,
    Select,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlmodel import Session

from tracker.engine import finest
from tracker.engine.finest import SERIES_COLUMNS, UNIT_COLUMNS
from tracker.register import Indicator, Metric, Register
from tracker.storage.models import UnitPair, UnitTree
from tracker.storage.values import VALUE_TABLE, CompiledSelect, compile_select, run_compiled

TREE = UnitTree.__table__  # type: ignore[attr-defined]
PAIRS = UnitPair.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Item:
    """What to compute: an indicator's (numerator, denominator) pairs, or one metric (denominator None)."""

    key: str
    components: tuple[tuple[str, str | None], ...]
    aggregation: str  # sum (flows), last (stocks), avg (rates reported without their base)

    @property
    def metrics(self) -> list[str]:
        return [m for pair in self.components for m in pair if m is not None]


def indicator_item(indicator: Indicator, register: Register) -> Item:
    """The item of an indicator; its aggregation is its numerator's (the register checks they agree)."""
    return Item(indicator.code, tuple(indicator.components), register.metrics[indicator.numerators[0]].aggregation)


def metric_item(metric: Metric) -> Item:
    return Item(metric.code, ((metric.code, None),), metric.aggregation)


def _pivot(items: Sequence[Item], units: Sequence[str] | None) -> tuple[CTE, dict[str, str]]:
    """One row per unit (every unit when `units` is None) and period ending in the window [:ws, :we], a column per
    metric; and metric code → column name."""
    v = VALUE_TABLE.c
    metrics = sorted({m for item in items for m in item.metrics})
    names = {m: f"m{i}" for i, m in enumerate(metrics)}
    stmt = (select(v.unit_code.label("u"), v.period.label("p"), v.period_start.label("s"), v.period_end.label("e"),
                   *(func.max(case((v.metric_code == m, v.value))).label(names[m]) for m in metrics))
            .where(v.is_current, v.value.is_not(None), v.metric_code.in_(metrics), v.period_end >= bindparam("ws", 0),
                   v.period_end <= bindparam("we", 0), *([] if units is None else [v.unit_code.in_(list(units))]))
            .group_by(v.unit_code, v.period, v.period_start, v.period_end))
    return stmt.cte("pivot").prefix_with("MATERIALIZED", dialect="sqlite"), names


def _item_rows(item: Item, pivot: CTE, names: dict[str, str], flows_in_window: bool) -> Select[tuple[object, ...]]:
    """The unit-period figures of one item: Σ over its pairs reported on both sides (flows only when their whole
    period lies in the window, when `flows_in_window`)."""
    c = pivot.c
    paired = [and_(c[names[n]].is_not(None), c[names[d]].is_not(None)) if d else c[names[n]].is_not(None)
              for n, d in item.components]
    if len(item.components) == 1:
        (n, d), = item.components
        num: ColumnElement[object] = c[names[n]]
        den: ColumnElement[object] = c[names[d]] if d else cast(null(), Float)
    else:
        num = sum((case((ok, c[names[n]]), else_=0) for ok, (n, _) in zip(paired, item.components, strict=True)),
                  start=literal(0))
        den = sum((case((ok, c[names[d]]), else_=0) for ok, (_, d) in zip(paired, item.components, strict=True)
                   if d), start=literal(0))
    where = [or_(*paired)]
    if flows_in_window and item.aggregation != "last":
        where.append(c.s >= bindparam("ws", 0))  # a flow counts only when its whole period lies in the window
    return select(literal(item.key).label("key"), literal(item.aggregation).label("agg"), c.u, c.p, c.s, c.e,
                  num.label("num"), den.label("den")).where(*where)


def pair_rows(items: Sequence[Item], units: Sequence[str] | None,
              flows_in_window: bool) -> Select[tuple[object, ...]]:
    """Steps 1–2 from raw rows: per item, unit (every unit when None) and period ending in [:ws, :we] the paired
    figure (key, agg, u, p, s, e, num, den); what the kept pairs table holds for every period
    (`tracker.engine.summary`)."""
    pivot, names = _pivot(items, units)
    return union_all(*(_item_rows(i, pivot, names, flows_in_window) for i in items))  # type: ignore[return-value]


def _kept_rows(items: Sequence[Item], flows_in_window: bool, scan: bool) -> Select[tuple[object, ...]]:
    """Steps 1–2 read from the kept pairs table (made by `pair_rows` for the register's indicators), every unit's:
    the caller keeps its scope's (a scope of many units, `tracker.engine.summary.covers`: a list of thousands of
    units in the statement took longer than the read). `scan`: read the table whole rather than through its index
    on period ends, which is faster from a few months on (3,000 units, a half-year: 0.83 s against 1.07 s; a
    month: 0.38 s against 0.27 s). The aggregation is the item's, set by the caller (`finest.pairs_frame`); the
period's code is not read (its months name it: `finest.with_cover`): two columns of text fewer to read made the
read a third faster."""
    t = PAIRS.c
    end = t.period_end + 0 if scan else t.period_end  # `+ 0`: a term no index serves
    where = [end >= bindparam("ws", 0), end <= bindparam("we", 0), t.key.in_([i.key for i in items])]
    if flows_in_window:
        where.append(or_(t.agg == "last", t.period_start >= bindparam("ws", 0)))
    return select(t.key, null().label("agg"), t.unit.label("u"), null().label("p"), t.period_start.label("s"),
                  t.period_end.label("e"), t.numerator.label("num"), t.denominator.label("den")).where(*where)


SCAN_FROM = 3  # months of period ends from which the kept pairs are read whole


@lru_cache(maxsize=64)
def _pairs_query(items: tuple[Item, ...], units: tuple[str, ...] | None, flows_in_window: bool, scan: bool,
                 dialect: Any) -> CompiledSelect:
    """The pairs' statement, built and compiled once per items, units and database (a page asks the same shape
    for every window; building and compiling it took a quarter of the scorecard at 300 units). `units` None:
    the kept pairs."""
    stmt = (_kept_rows(items, flows_in_window, scan) if units is None
            else pair_rows(items, units, flows_in_window))
    return compile_select(stmt, dialect)


def _pairs(session: Session, items: Sequence[Item], units: Sequence[str], start: int, end: int,
           flows_in_window: bool, kept: bool) -> pd.DataFrame:
    """Steps 1–2: the paired figures of the units for the periods ending in [start, end]."""
    compiled = _pairs_query(tuple(items), None if kept else tuple(units), flows_in_window,
                            kept and end - start + 1 >= SCAN_FROM, session.connection().dialect)
    pairs = finest.pairs_frame(run_compiled(session, compiled, {"ws": start, "we": end}),
                               {i.key: i.aggregation for i in items})
    return pairs[pairs["u"].isin(list(units))] if kept else pairs


def _tree(session: Session, units: pd.Series) -> pd.DataFrame:
    """(unit, ancestor, depth) of the unit tree for the ancestors among `units`."""
    ancestors = {str(a) for a in session.execute(select(TREE.c.ancestor).distinct()).scalars()}
    mine = sorted(ancestors.intersection(units.unique()))
    if not mine:
        return pd.DataFrame(columns=finest.TREE_COLUMNS)
    rows = session.execute(select(TREE.c.unit, TREE.c.ancestor, TREE.c.depth).where(TREE.c.ancestor.in_(mine)))
    return pd.DataFrame(rows.all(), columns=finest.TREE_COLUMNS)


def _covered(session: Session, pairs: pd.DataFrame, per_end: bool, tree: pd.DataFrame | None = None) -> pd.DataFrame:
    """Steps 3–4. `tree`: the unit tree already read for these units or more (an ancestor with no rows here
    covers nothing), else read for the pairs' units."""
    fine = finest.finest(pairs, per_end)
    return finest.with_cover(fine, _tree(session, fine["u"]) if tree is None else tree)


def unit_figures(*, session: Session, items: Sequence[Item], units: Sequence[str], start: int,
                 end: int, kept: bool = False) -> pd.DataFrame:
    """Per item, unit and cover: numerator, denominator, periods counted and the last period end, for the
    window of absolute months [start, end] (flows lying wholly inside it, stocks ending inside it).

    A stock's value is the unit's latest finest period, counted in the group of that period's cover: when an
    ancestor in scope reported that period itself, the unit adds nothing to the scope's total. `kept`: read the
    paired figures from the table kept ready (the caller checked `tracker.engine.summary.covers`).
    """
    return windows_figures(session=session, items=items, units=units, windows=[(start, end)], kept=kept)[0]


def windows_figures(*, session: Session, items: Sequence[Item], units: Sequence[str],
                    windows: Sequence[tuple[int, int]], kept: bool = False) -> list[pd.DataFrame]:
    """`unit_figures` of each window [start, end]; windows that overlap (a page's and the one a month before)
    read their pairs once, for the months they span together."""
    if not items or not units or not windows:
        return [finest.empty(UNIT_COLUMNS) for _ in windows]
    first, last = min(w[0] for w in windows), max(w[1] for w in windows)
    if len(windows) > 1 and last - first + 1 <= sum(e - s + 1 for s, e in windows):
        pairs = _pairs(session, items, units, first, last, flows_in_window=False, kept=kept)
        tree = _tree(session, pairs["u"])  # read once for the windows
        return [finest.unit_totals(_covered(session, finest.in_window(pairs, s, e), per_end=False, tree=tree))
                for s, e in windows]
    tree = _tree(session, pd.Series(list(units))) if len(windows) > 1 else None
    return [finest.unit_totals(_covered(session, _pairs(session, items, units, s, e, flows_in_window=True,
                                                        kept=kept), per_end=False, tree=tree)) for s, e in windows]


SERIES_CHUNK = 12  # months of period ends read at once: a series over years at city scale is millions of pairs


def period_figures(*, session: Session, items: Sequence[Item], units: Sequence[str], start: int,
                   end: int, kept: bool = False) -> pd.DataFrame:
    """Per item and period end: Σ numerator, Σ denominator and the units counted (the trend lines), each unit's
    finest period ending there, periods its ancestor reported itself left to the ancestor. Each period end's
    figures depend only on the periods ending there, so the ends are read a year at a time."""
    if not items or not units:
        return finest.empty(SERIES_COLUMNS)
    tree = _tree(session, pd.Series(list(units))) if end - start + 1 > SERIES_CHUNK else None  # once, not per year
    parts = [finest.period_totals(_covered(session, _pairs(session, items, units, first,
                                                              min(first + SERIES_CHUNK - 1, end),
                                                              flows_in_window=False, kept=kept), per_end=True,
                                           tree=tree))
             for first in range(start, end + 1, SERIES_CHUNK)]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return finest.empty(SERIES_COLUMNS)
    return pd.concat(parts, ignore_index=True).sort_values(["key", "end"], kind="stable").reset_index(drop=True)
