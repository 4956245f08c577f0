"""Hand-written SQL for the progress table and the scorecard: the floor the tracker is measured against.

One statement each, written for this register's shape (a two-level tree: the centre over its departments):
the window's current values become one row per unit and period (a column per metric); numerator and
denominator are paired where both were reported; flows are summed, each unit's last stock taken; a
department's period its parent reported itself is left to the parent. The same SQL runs on SQLite and
PostgreSQL. `check` asserts the tracker gives the same numbers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session


def _indicators(register: Any, targeted: bool) -> list[Any]:
    codes = {t.indicator for t in register.targets.values() if t.indicator}
    return [i for i in register.indicators.values() if not targeted or i.code in codes]


def _pivot(register: Any, targeted: bool = False) -> str:
    metrics = sorted({m for ind in _indicators(register, targeted) for m in ind.metrics})
    cols = ",\n    ".join(f"MAX(CASE WHEN metric_code = '{m}' THEN value END) AS {m}" for m in metrics)
    return f"""v AS (
  SELECT unit_code AS u, period AS p, period_start AS s, period_end AS e,
    {cols}
  FROM value_revision
  WHERE is_current AND value IS NOT NULL AND period_end BETWEEN :ws AND :we
    AND metric_code IN ({", ".join(f"'{m}'" for m in metrics)})
  GROUP BY unit_code, period, period_start, period_end)"""


def _pairs(register: Any, flows_from: str, targeted: bool = False) -> str:
    branches = []
    for ind in _indicators(register, targeted):
        last = register.metrics[ind.numerators[0]].aggregation == "last"
        ok = [f"{n} IS NOT NULL AND {d} IS NOT NULL" if d else f"{n} IS NOT NULL" for n, d in ind.components]
        num = " + ".join(f"CASE WHEN {c} THEN {n} ELSE 0 END" for c, (n, _) in zip(ok, ind.components, strict=True))
        den = " + ".join(f"CASE WHEN {c} THEN {d} ELSE 0 END" for c, (_, d) in zip(ok, ind.components, strict=True)
                         if d) or "NULL"  # a total (a count without denominator) has none
        any_pair = " OR ".join(f"({c})" for c in ok)
        window = "" if last else f" AND s >= {flows_from}"
        branches.append(f"SELECT '{ind.code}' AS k, {int(last)} AS last, u, p, e, {num} AS n, {den} AS d "
                        f"FROM v WHERE ({any_pair}){window}")
    return "pairs AS (\n  " + "\n  UNION ALL ".join(branches) + ")"


def _number(x: Any) -> float | None:
    return None if x is None else float(x)


def progress_sql(register: Any) -> str:
    """Σ numerator, Σ denominator and units reported per indicator over the whole district."""
    return f"""WITH {_pivot(register)},
{_pairs(register, ":ws")},
kept AS (
  SELECT x.* FROM pairs x JOIN unit un ON un.code = x.u
  WHERE NOT EXISTS (SELECT 1 FROM pairs y WHERE y.k = x.k AND y.p = x.p AND y.u = un.parent)),
lastly AS (
  SELECT k, u, n, d, last, e, MAX(e) OVER (PARTITION BY k, u) AS last_e FROM kept)
SELECT r.k, r.n, r.d, c.units FROM (
  SELECT k, SUM(n) AS n, SUM(d) AS d FROM lastly WHERE last = 0 OR e = last_e GROUP BY k) r
JOIN (SELECT k, COUNT(DISTINCT u) AS units FROM pairs GROUP BY k) c ON c.k = r.k
ORDER BY r.k"""


def scorecard_sql(register: Any) -> str:
    """Per targeted indicator and unit: Σ numerator and Σ denominator for the window [ws, we] (the children of
    :parent, which have no children of their own)."""
    return f"""WITH {_pivot(register, targeted=True)},
{_pairs(register, ":flows", targeted=True)},
lastly AS (
  SELECT k, u, n, d, last, e, MAX(e) OVER (PARTITION BY k, u) AS last_e FROM pairs)
SELECT k, u, SUM(n) AS n, SUM(d) AS d FROM lastly JOIN unit ON unit.code = lastly.u AND unit.parent = :parent
WHERE last = 0 OR e = last_e GROUP BY k, u ORDER BY k, u"""


def progress_floor(session: Session, register: Any, ws: int, we: int) -> dict[str, tuple[float, float | None, int]]:
    rows = session.execute(text(progress_sql(register)), {"ws": ws, "we": we}).all()
    return {k: (float(n), _number(d), int(u)) for k, n, d, u in rows}


def scorecard_floor(session: Session, register: Any, parent: str, window: tuple[int, int],
                    previous: tuple[int, int]) -> dict[tuple[str, str, int], tuple[float, float | None]]:
    """The window's and the previous window's figures per indicator and row unit, keyed (k, u, 0|1)."""
    out = {}
    sql = text(scorecard_sql(register))
    for which, (ws, we) in enumerate((window, previous)):
        for k, u, n, d in session.execute(sql, {"ws": ws, "we": we, "flows": ws, "parent": parent}).all():
            out[(k, u, which)] = (float(n), _number(d))
    return out


def trend_sql(register: Any) -> str:
    """Per targeted indicator and period end from :ws to :we: Σ numerator, Σ denominator and units counted over the
    whole district (the overview's trend lines), a department's period its parent reported itself left to the
    parent."""
    return f"""WITH {_pivot(register, targeted=True)},
{_pairs(register, ":ws", targeted=True).replace(" AND s >= :ws", "")},
kept AS (
  SELECT x.* FROM pairs x JOIN unit un ON un.code = x.u
  WHERE NOT EXISTS (SELECT 1 FROM pairs y WHERE y.k = x.k AND y.p = x.p AND y.u = un.parent))
SELECT k, e, SUM(n) AS n, SUM(d) AS d, COUNT(DISTINCT u) AS units FROM kept GROUP BY k, e ORDER BY k, e"""


def trend_floor(session: Session, register: Any, ws: int, we: int) -> dict[tuple[str, int], tuple[float, float | None, int]]:
    rows = session.execute(text(trend_sql(register)), {"ws": ws, "we": we}).all()
    return {(k, int(e)): (float(n), _number(d), int(u)) for k, e, n, d, u in rows}


def overview_floor(session: Session, register: Any, window: tuple[int, int], previous: tuple[int, int],
                   trend: tuple[int, int]) -> tuple[Any, Any, Any]:
    """The overview's work by hand: the window, the window a month earlier (for 环比) and the trend."""
    return (progress_floor(session, register, *window), progress_floor(session, register, *previous),
            trend_floor(session, register, *trend))


def kept_overview_floor(session: Session, window_end: int, previous_end: int, trend: tuple[int, int],
                        keys: list[str]) -> tuple[Any, Any, Any, Any]:
    """The overview's work by hand over the figures kept ready (`unit_window`, `figure_summary`): the district's
    totals of the window and of the window a month earlier, each unit's own figure in the window (the cards' units
    below target) and the trend of the given indicators."""
    totals = text("SELECT key, SUM(numerator), SUM(denominator), COUNT(DISTINCT unit) FROM unit_window "
                  "WHERE window_end = :we AND cover = '' AND numerator IS NOT NULL GROUP BY key ORDER BY key")
    units = text("SELECT key, unit, SUM(numerator), SUM(denominator) FROM unit_window WHERE window_end = :we "
                 "GROUP BY key, unit")
    series = text("SELECT key, period_end, numerator, denominator, units FROM figure_summary WHERE scope = '*' "
                  "AND period_end BETWEEN :ws AND :we ORDER BY key, period_end")

    def summed(end: int) -> dict[str, tuple[float, float | None, int]]:
        return {k: (float(n), _number(d), int(u)) for k, n, d, u in session.execute(totals, {"we": end}).all()}

    trend_rows = [r for r in session.execute(series, {"ws": trend[0], "we": trend[1]}).all() if r[0] in keys]
    return summed(window_end), summed(previous_end), session.execute(units, {"we": window_end}).all(), trend_rows
