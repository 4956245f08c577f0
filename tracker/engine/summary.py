"""Figures kept ready: the trend series of every scope a page asks for, stored with the values they come from.

The overview's, a target's and a unit's trend line is, per indicator and month end, Σ numerator, Σ denominator
and the units counted over a scope (`tracker.engine.query.period_figures`): recomputed from raw rows on every
view, it was most of a page's time at city scale. The summary table holds it for the district and for every unit
with units under it, per indicator of the register and month end, and is kept in step in the transaction of every
change that alters it: an import stored (its units' scopes, its months), the demo load, a register sync (whole,
when the register differs from the one the summary was made for), a restore (the copy's sync). A lock or a
narrative changes no figure. A month end's series depends only on the values ending that month, so the months an
import touched are recomputed alone, exactly as a full recomputation would give them.

Under the series, `unit_pair` keeps each unit's paired figure per indicator and period (`query.pair_rows`: what
every window's query would otherwise pivot from raw rows first), brought in step before the series in the same
transaction, for the units and months an import touched. The window and trend queries read it for a scope of many
units (`covers`).

Above them, `unit_window` keeps each unit's figures for the district's year-to-date windows
(`tracker.engine.kept_windows`), brought in step last, in the same transaction.

The engine reads any of them only when it was made for the register in hand (a fingerprint in `meta`), and the series
for a scope it holds; otherwise, and for a single unit, the raw rows answer.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd
from sqlalchemy import Table, delete, func, insert, select
from sqlmodel import Session

from tracker.engine import kept_windows
from tracker.engine.query import (
    PAIRS,
    SERIES_COLUMNS,
    Item,
    indicator_item,
    pair_rows,
    period_figures,
)
from tracker.engine.windows import Scope
from tracker.register import Register
from tracker.storage.driver import insert_rows
from tracker.storage.models import FigureSummary
from tracker.storage.values import SUMMARY_REGISTER, VALUE_TABLE, driver_rows, get_meta, set_meta

SUMMARY: Table = FigureSummary.__table__  # type: ignore[attr-defined]
DISTRICT = "*"  # the district scope's key (a unit may be coded "district")
SUMMARY_SPAN = select(func.min(VALUE_TABLE.c.period_end), func.max(VALUE_TABLE.c.period_end)).where(
    VALUE_TABLE.c.is_current)
COUNT = select(func.count()).select_from(SUMMARY)
PAIR_COUNT = select(func.count()).select_from(PAIRS)


def scope_key(scope: Scope) -> str | None:
    """The summary's key of a scope it holds: the district, or a unit with its children; else None."""
    if scope.kind == "district":
        return DISTRICT
    if scope.kind == "subtree" and scope.code is not None:
        return scope.code
    return None


def kept_scopes(register: Register) -> dict[str, list[str]]:
    """Scope key → its units: the district and every unit with units under it."""
    out = {DISTRICT: list(register.units)}
    for code in register.units:
        below = register.descendants(code)
        if len(below) > 1:
            out[code] = below
    return out


def is_ready(session: Session, register: Register) -> bool:
    """Whether the summary was made for what this register computes with (its `summary_fingerprint`: metrics,
    indicators, units), else the engine reads raw rows."""
    return get_meta(session=session, key=SUMMARY_REGISTER) == register.summary_fingerprint


def adopt_earlier_mark(session: Session, register: Register) -> bool:
    """A summary marked, before the mark left names and targets out, with this very register's whole fingerprint
    was made for it: marked anew, not remade (a city's first start on this release would take minutes)."""
    if get_meta(session=session, key=SUMMARY_REGISTER) != register.fingerprint:
        return False
    set_meta(session=session, key=SUMMARY_REGISTER, value=register.summary_fingerprint)
    return True


def many(register: Register, units: Collection[str]) -> bool:
    """Whether a scope holds enough of the register's units (a tenth) that reading the kept pairs whole is faster
    than pivoting its raw rows, which an index finds unit by unit for a small scope."""
    return len(units) * 10 >= len(register.units)


def covers(session: Session, register: Register, items: Sequence[Item], units: Collection[str]) -> bool:
    """Whether the kept pairs answer for these items over these units: a scope of many units, the summary this
    register's, and every item one of its indicators as it pairs them (a metric alone, or an indicator of
    another register, reads raw rows)."""
    if not items or not many(register, units) or not is_ready(session, register):
        return False
    known = register.indicators
    return all(i.key in known and indicator_item(known[i.key], register) == i for i in items)


def read_series(session: Session, register: Register, scope: Scope, indicators: Sequence[str], start: int,
                end: int) -> pd.DataFrame | None:
    """The trend series (SERIES_COLUMNS, by key and end) from the summary; None where it cannot answer."""
    key = scope_key(scope)
    if key is None or not indicators or not is_ready(session, register):
        return None
    if key != DISTRICT and key not in register.units:
        return None
    s = SUMMARY.c
    stmt = (select(s.key, s.period_end, s.numerator, s.denominator, s.units)
            .where(s.scope == key, s.key.in_(list(indicators)), s.period_end >= start, s.period_end <= end)
            .order_by(s.key, s.period_end))
    frame = pd.DataFrame(driver_rows(session, stmt), columns=SERIES_COLUMNS)
    for col in ("numerator", "denominator"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    for col in ("end", "units"):
        frame[col] = frame[col].astype(int)
    return frame


def _items(register: Register) -> list[Item]:
    return [indicator_item(i, register) for i in register.indicators.values()]


def _compute(session: Session, register: Register, units: list[str], start: int, end: int,
             kept: bool = False) -> list[dict[str, object]]:
    frame = period_figures(session=session, items=_items(register), units=units, start=start, end=end, kept=kept)
    return [{"key": k, "period_end": int(e), "numerator": None if pd.isna(n) else float(n),
             "denominator": None if pd.isna(d) else float(d), "units": int(c)}
            for k, e, n, d, c in frame.itertuples(index=False)]


PAIR_COLUMNS = ("key", "agg", "unit", "period", "period_start", "period_end", "numerator", "denominator")


def _pairs(session: Session, register: Register, units: Sequence[str], start: int, end: int) -> list[dict[str, object]]:
    """The paired figures of `units` for every period ending in [start, end], from raw rows."""
    stmt = pair_rows(_items(register), units, flows_in_window=False)
    rows = session.execute(stmt, {"ws": start, "we": end}).all()
    return [dict(zip(PAIR_COLUMNS, r, strict=True)) for r in rows]


def _replace_pairs(session: Session, register: Register, units: Sequence[str], start: int, end: int) -> None:
    """The pairs of `units` for the periods ending in [start, end] made afresh, in the database (an INSERT …
    SELECT: carried through Python, 120,000 pairs took longer than the import that stored their values).

    Many units (a tenth of the register or more): those months made afresh for every unit, found by the months'
    index — the same pairs for the untouched units, and twice as fast at 3,000 units (one month: 1.9 s → 0.9 s)
    as finding the values unit by unit, metric by metric, as SQLite chose to when given the units."""
    t = PAIRS.c
    every = many(register, units)
    chunks = [None] if every else [units[i:i + 500] for i in range(0, len(units), 500)]
    for chunk in chunks:
        where = [t.period_end >= start, t.period_end <= end, *([] if chunk is None else [t.unit.in_(chunk)])]
        session.execute(delete(PAIRS).where(*where))
        made = pair_rows(_items(register), chunk, flows_in_window=False)
        session.execute(insert(PAIRS).from_select(list(PAIR_COLUMNS), made), {"ws": start, "we": end})


def _replace(session: Session, register: Register, scopes: dict[str, list[str]], start: int, end: int) -> None:
    """Recompute the series of `scopes` for the months [start, end]: a scope of many units from the kept pairs
    (brought in step first, by the rebuild or by the refresh of the same months), a few units from raw rows (an
    index finds them). An import of a month for 3,000 units read the district's month from raw rows and paired it
    again: 4.5-5.4 s against 4.3-4.5 s so, alternating."""
    for key, units in scopes.items():
        session.execute(delete(SUMMARY).where(SUMMARY.c.scope == key, SUMMARY.c.period_end >= start,
                                              SUMMARY.c.period_end <= end))
        kept = many(register, units)
        rows = [(key, r["key"], r["period_end"], r["numerator"], r["denominator"], r["units"])
                for r in _compute(session, register, units, start, end, kept=kept)]
        insert_rows(session, SUMMARY.name, ("scope", "key", "period_end", "numerator", "denominator", "units"), rows)


def rebuild(*, session: Session, register: Register) -> int:
    """Recompute the whole summary from raw rows for this register, in the caller's transaction; its rows."""
    session.execute(delete(SUMMARY))
    session.execute(delete(PAIRS))
    span = session.execute(SUMMARY_SPAN).first()
    if span is not None and span[0] is not None:
        _replace_pairs(session, register, list(register.units), int(span[0]), int(span[1]))
        _replace(session, register, kept_scopes(register), int(span[0]), int(span[1]))
    data = None if span is None or span[0] is None else (int(span[0]), int(span[1]))
    kept_windows.rebuild(session, register, data)
    set_meta(session=session, key=SUMMARY_REGISTER, value=register.summary_fingerprint)
    session.flush()
    return int(session.execute(COUNT).scalar_one())


def pair_count(session: Session) -> int:
    """The units' pairs kept (what the trend figures and the windows are made from)."""
    return int(session.execute(PAIR_COUNT).scalar_one())


def refresh(*, session: Session, register: Register, units: Collection[str], ends: Collection[int]) -> None:
    """Recompute, in the caller's transaction, the months `ends` of every scope holding one of `units` (what a
    change to those units' values in those months alters); nothing when the summary is not this register's."""
    if not ends or not units or not is_ready(session, register):
        return
    touched = set(units)
    scopes = {k: v for k, v in kept_scopes(register).items() if touched.intersection(v)}
    for first, last in _runs(sorted(set(ends))):  # consecutive months in one query each
        _replace_pairs(session, register, sorted(touched), first, last)
        _replace(session, register, scopes, first, last)
    kept_windows.refresh(session, register, touched, ends)


def _runs(ends: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for e in ends:
        if out and out[-1][1] == e - 1:
            out[-1] = (out[-1][0], e)
        else:
            out.append((e, e))
    return out



def differences(*, session: Session, register: Register) -> tuple[int, int]:
    """(figures compared, figures that differ) between the summary — every scope's series and every unit's pairs —
    and a full recomputation from raw rows; a summary not made for this register differs everywhere."""
    span = session.execute(SUMMARY_SPAN).first()
    if span is None or span[0] is None:
        return 0, 0
    start, end = int(span[0]), int(span[1])
    compared = differ = 0
    for key, units in kept_scopes(register).items():
        computed = _compute(session, register, units, start, end)
        raw: dict[tuple[object, ...], tuple[object, ...]] = {
            (str(r["key"]), int(str(r["period_end"]))): (r["numerator"], r["denominator"], r["units"])
            for r in computed}
        scope = Scope() if key == DISTRICT else Scope("subtree", key)
        kept = read_series(session, register, scope, list(register.indicators), start, end)
        mine: dict[tuple[object, ...], tuple[object, ...]] = {}
        if kept is not None:
            mine = {(k, int(e)): (n, d, int(c)) for k, e, n, d, c in kept.itertuples(index=False)}
        compared, differ = _tally(raw, mine, compared, differ)
    units = list(register.units)
    for i in range(0, len(units), 500):
        raw = {(str(r["key"]), str(r["unit"]), str(r["period"])): _pair_facts(r)
               for r in _pairs(session, register, units[i:i + 500], start, end)}
        t = PAIRS.c
        stored = session.execute(select(*(t[c] for c in PAIR_COLUMNS)).where(t.unit.in_(units[i:i + 500]))).all()
        mine = {(str(r[0]), str(r[2]), str(r[3])): _pair_facts(dict(zip(PAIR_COLUMNS, r, strict=True)))
                for r in stored} if is_ready(session, register) else {}
        compared, differ = _tally(raw, mine, compared, differ)
    windows = kept_windows.differences(session, register, (start, end)) if is_ready(session, register) else (0, 0)
    return compared + windows[0], differ + windows[1]


def _pair_facts(row: dict[str, object]) -> tuple[object, ...]:
    return (row["numerator"], row["denominator"], row["period_start"], row["period_end"], row["agg"])


def _tally(raw: dict[tuple[object, ...], tuple[object, ...]], mine: dict[tuple[object, ...], tuple[object, ...]],
           compared: int, differ: int) -> tuple[int, int]:
    for k in raw.keys() | mine.keys():
        compared += 1
        want, got = raw.get(k), mine.get(k)
        if want is None or got is None or not _same(want, got):
            differ += 1
    return compared, differ


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    def close(x: object, y: object) -> bool:
        if x is None or y is None or (isinstance(x, float) and x != x) or (isinstance(y, float) and y != y):
            return (x is None or x != x) and (y is None or y != y)
        if isinstance(x, str) or isinstance(y, str):
            return x == y
        return abs(float(x) - float(y)) <= 1e-9 * max(1.0, abs(float(x)))  # type: ignore[arg-type]
    return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
