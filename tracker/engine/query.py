"""The figures of a window, or of every period, computed in the database in one query (SQLAlchemy Core).

One path serves SQLite and PostgreSQL, the progress table, the scorecard, the trend lines and the reports:

1. *pivot*: the current values of the units and metrics asked for, one row per unit and period;
2. *pairs*: per item (an indicator's numerator–denominator pairs, or one metric) the unit-period figure,
   counted only where both sides of a pair were reported;
3. *finest*: per unit, only the shortest periods reported count (a half-year and its months never add up);
4. *cover*: a period a unit's ancestor reported itself is marked with that ancestor (the nearest one):
   the centre's own total replaces the sum of its departments' figures wherever totals are formed;
5. per unit and cover: flows summed, stocks the last value, rate metrics summed for an unweighted mean.

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

from tracker.register import Indicator, Metric, Register
from tracker.storage.models import UnitPair, UnitTree
from tracker.storage.values import VALUE_TABLE, CompiledSelect, compile_select, run_compiled

UNIT_COLUMNS = ["key", "unit", "cover", "numerator", "denominator", "periods", "last_end"]
SERIES_COLUMNS = ["key", "end", "numerator", "denominator", "units"]
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


def _kept_rows(items: Sequence[Item], units: Sequence[str], flows_in_window: bool) -> Select[tuple[object, ...]]:
    """Steps 1–2 read from the kept pairs table (made by `pair_rows` for the register's indicators), read whole:
    the cover's join below is fast on SQLite only when it builds an index on the fly, which it does when it
    guesses the rows many — the table's index on units made it guess few and loop instead (minutes at 3,000
    units). The caller reads the table only for scopes of many units (`tracker.engine.summary.covers`)."""
    t = PAIRS.c
    # `period_end + 0` and `unit || ''`: terms no index serves, so that the table is read whole; the cheap window
    # test first (SQLite tests the terms in this order: the units' list first took 1 s of a 3,000-unit read, this
    # 0.25 s)
    end = t.period_end + 0
    where = [end >= bindparam("ws", 0), end <= bindparam("we", 0), t.key.in_([i.key for i in items]),
             t.unit.concat("").in_(list(units))]
    if flows_in_window:
        where.append(or_(t.agg == "last", t.period_start >= bindparam("ws", 0)))
    return select(t.key, t.agg, t.unit.label("u"), t.period.label("p"), t.period_start.label("s"),
                  t.period_end.label("e"), t.numerator.label("num"), t.denominator.label("den")).where(*where)


def _fine_with_cover(items: Sequence[Item], units: Sequence[str], flows_in_window: bool, per_end: bool,
                     kept: bool) -> CTE:
    """Pairs of the finest periods per unit (per unit and period end for a series), each with its cover and,
    per unit, its rank from the latest period (rank 1 is a stock's value)."""
    source = _kept_rows if kept else pair_rows
    pairs = source(items, units, flows_in_window).cte("pairs")
    p = pairs.c
    length = p.e - p.s
    # one pass per unit: rows ordered finest first, then latest first; the running minimum of the length is
    # then the shortest length the unit reported, and row 1 is a stock's value
    partition = [p.key, p.u, p.e] if per_end else [p.key, p.u]
    order = [length, p.e.desc()]
    ranked = select(pairs, length.label("len"),
                    func.min(length).over(partition_by=partition, order_by=order).label("minlen"),
                    func.row_number().over(partition_by=partition, order_by=order).label("rn")).cte("ranked")
    r = ranked.c
    fine = (select(*(r[n] for n in ("key", "agg", "u", "p", "s", "e", "num", "den", "rn")))
            .where(r.len == r.minlen).cte("fine").prefix_with("MATERIALIZED", dialect="sqlite"))
    f = fine.c
    # periods reported by units that have descendants (the centre's own totals): few, and each covers the
    # same period of every descendant; the nearest such ancestor is the cover
    reporter = (select(f.key, f.u, f.p).where(f.u.in_(select(TREE.c.ancestor))).cte("reporter")
                .prefix_with("MATERIALIZED", dialect="sqlite"))
    q = reporter.c
    candidates = (select(q.key, TREE.c.unit.label("u"), q.p, q.u.label("ancestor"), func.row_number().over(
        partition_by=[q.key, TREE.c.unit, q.p], order_by=[TREE.c.depth, q.u]).label("nearest"))
        .join_from(reporter, TREE, TREE.c.ancestor == q.u)).cte("candidates")
    k = candidates.c
    nearest = (select(k.key, k.u, k.p, k.ancestor.label("cover")).where(k.nearest == 1).cte("nearest")
               .prefix_with("MATERIALIZED", dialect="sqlite"))
    n = nearest.c
    return (select(fine, n.cover).join_from(fine, nearest, and_(n.key == f.key, n.u == f.u, n.p == f.p),
                                            isouter=True).cte("covered"))


def unit_figures(*, session: Session, items: Sequence[Item], units: Sequence[str], start: int,
                 end: int, kept: bool = False) -> pd.DataFrame:
    """Per item, unit and cover: numerator, denominator, periods counted and the last period end, for the
    window of absolute months [start, end] (flows lying wholly inside it, stocks ending inside it).

    A stock's value is the unit's latest finest period, counted in the group of that period's cover: when an
    ancestor in scope reported that period itself, the unit adds nothing to the scope's total. `kept`: read the
    paired figures from the table kept ready (the caller checked `tracker.engine.summary.covers`).
    """
    if not items or not units:
        return pd.DataFrame(columns=UNIT_COLUMNS)
    compiled = _unit_query(tuple(items), tuple(units), session.connection().dialect, kept)
    return _frame(_figure_rows(session, compiled, {"ws": start, "we": end}), UNIT_COLUMNS)


@lru_cache(maxsize=32)
def _unit_query(items: tuple[Item, ...], units: tuple[str, ...], dialect: Any, kept: bool) -> CompiledSelect:
    """`unit_figures`' statement, built and compiled once per items, units and database (a page asks the same
    shape for every window; building and compiling it took a quarter of the scorecard at 300 units)."""
    covered = _fine_with_cover(items, units, flows_in_window=True, per_end=False, kept=kept)
    x = covered.c
    counted = or_(x.agg != "last", x.rn == 1)
    stmt = (select(x.key, x.u, x.cover, func.sum(case((counted, x.num))), func.sum(case((counted, x.den))),
                   func.count(), func.max(x.e))
            .group_by(x.key, x.u, x.cover))
    return compile_select(stmt, dialect)


def period_figures(*, session: Session, items: Sequence[Item], units: Sequence[str], start: int,
                   end: int, kept: bool = False) -> pd.DataFrame:
    """Per item and period end: Σ numerator, Σ denominator and the units counted (the trend lines), each unit's
    finest period ending there, periods its ancestor reported itself left to the ancestor."""
    if not items or not units:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    compiled = _period_query(tuple(items), tuple(units), session.connection().dialect, kept)
    return _frame(_figure_rows(session, compiled, {"ws": start, "we": end}), SERIES_COLUMNS)


@lru_cache(maxsize=32)
def _period_query(items: tuple[Item, ...], units: tuple[str, ...], dialect: Any, kept: bool) -> CompiledSelect:
    """`period_figures`' statement, built and compiled once per items, units and database."""
    covered = _fine_with_cover(items, units, flows_in_window=False, per_end=True, kept=kept)
    c = covered.c
    stmt = (select(c.key, c.e, func.sum(c.num), func.sum(c.den), func.count(func.distinct(c.u)))
            .where(c.cover.is_(None)).group_by(c.key, c.e).order_by(c.key, c.e))
    return compile_select(stmt, dialect)


def _frame(rows: list[tuple[object, ...]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("numerator", "denominator"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    for col in ("periods", "last_end", "end", "units"):
        if col in frame:
            frame[col] = frame[col].astype(int)
    return frame


def _figure_rows(session: Session, compiled: CompiledSelect, values: dict[str, int]) -> list[tuple[object, ...]]:
    """The query's rows; on PostgreSQL without nested loops for this one query. The planner cannot estimate the
    rows of the ranked and covered steps (measured: 73 estimated, 11,877 there at 3,000 units) and chose a nested
    loop that rejected 176 M rows (the city briefing: 58–62 s, 14.6 s without); hash joins are never slower here."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return run_compiled(session, compiled, values)
    before = conn.exec_driver_sql("SELECT current_setting('enable_nestloop')").scalar_one()
    conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
    rows = run_compiled(session, compiled, values)  # an error rolls the transaction back, and the setting with it
    conn.exec_driver_sql(f"SET LOCAL enable_nestloop = {'on' if before == 'on' else 'off'}")
    return rows


