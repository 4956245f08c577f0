"""Figures kept ready per window: every unit's figures of every indicator for each year-to-date window.

The overview asks, for the district, the year-to-date window of its month and of the month before; 目标清单 the
first of them. Formed from the units' pairs (`tracker.engine.query`: finest periods, covers, sums per unit and
cover), that was a second a view at 3,000 units. The table `unit_window` holds the result of that computation over
the district — `query.unit_figures` of every register unit — for every window [January, month] whose month lies
in the kept span (meta `summary_windows`: from the January of the first year with data to the last month with
data), and a view reads its rows.

Kept in step with the summary (`tracker.engine.summary`), in the same transaction: made whole with it, and on an
import the windows from each touched month to its year's December are made afresh for the units whose figures
the change can alter — the touched units and the units under them (an ancestor's own report covers its
descendants' periods; nothing of a unit's descendants enters its own figures). A month past the kept span widens
it, its windows made for every unit. The summary's register fingerprint says whether any of it may be read.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Table, delete, func, select
from sqlmodel import Session

from tracker.engine import query
from tracker.engine.finest import UNIT_COLUMNS
from tracker.engine.query import Item, indicator_item
from tracker.register import Register
from tracker.storage.driver import insert_rows
from tracker.storage.models import UnitWindow
from tracker.storage.values import driver_rows, get_meta, set_meta

WINDOWS: Table = UnitWindow.__table__  # type: ignore[attr-defined]
STORED = ("window_end", "key", "unit", "cover", "numerator", "denominator", "periods", "last_end")
SPAN = "summary_windows"  # meta: "first,last", the kept windows' months (absolute)
CHUNK = 500  # units per statement


def span(session: Session) -> tuple[int, int] | None:
    """The months whose year-to-date windows are kept, or None when none are."""
    value = get_meta(session=session, key=SPAN)
    if not value:
        return None
    first, last = value.split(",")
    return int(first), int(last)


def count(session: Session) -> int:
    """The unit figures kept (every window's)."""
    return int(session.execute(select(func.count()).select_from(WINDOWS)).scalar_one())


def _items(register: Register) -> list[Item]:
    return [indicator_item(i, register) for i in register.indicators.values()]


def is_kept(window: tuple[int, int], kept: tuple[int, int]) -> bool:
    start, end = window
    return start == end // 12 * 12 and kept[0] <= end <= kept[1]


def answers_for(register: Register, units: Collection[str]) -> bool:
    """Whether the district's kept figures answer for a scope of these units: the district itself, or, in a unit
    tree without lineage (no unit continues another), a scope holding, for each of its units, the nearest of the
    unit's ancestors up to some point and none beyond (a unit with its children, the units below the top, a type
    of unit). There a period's nearest reporting ancestor outside the scope means none inside reported, and the
    scope's own computation leaves it uncovered, as `read` then does."""
    scope = set(units)
    if not scope <= register.units.keys():
        return False
    if len(scope) == len(register.units):
        return True
    if any(register.predecessors.values()):
        return False
    for u in scope:
        inside = [a in scope for a in register.ancestors(u)]
        if any(not near and far for near, far in zip(inside, inside[1:], strict=False)):
            return False
    return True


def read(session: Session, register: Register, items: Sequence[Item], units: Collection[str],
         windows: Sequence[tuple[int, int]]) -> list[pd.DataFrame] | None:
    """`query.windows_figures` of the windows for these items over these units, read from the kept rows; None
    where they cannot answer (a scope `answers_for` refuses, a window not starting in its year's January — a year
    to date, or a January, first quarter, first half, whole year — or ending outside the kept span).
    The caller checked that the summary is this register's and the items its indicators (`summary.covers`)."""
    kept = span(session)
    if kept is None or not windows or not all(is_kept(w, kept) for w in windows):
        return None
    if not answers_for(register, units):
        return None
    ends = sorted({end for _, end in windows})
    w = WINDOWS.c
    rows = driver_rows(session, select(w.window_end, w.key, w.unit, w.cover, w.numerator, w.denominator, w.periods,
                                       w.last_end).where(w.window_end.in_(ends)))
    frame = pd.DataFrame(rows, columns=["end", *UNIT_COLUMNS])
    for col in ("numerator", "denominator"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    frame = frame[frame["key"].isin([i.key for i in items])]
    scope = set(units)
    if len(scope) != len(register.units):
        frame = _within(frame, scope)
    return [_frame(frame[frame["end"] == end]) for _, end in windows]


def _within(frame: pd.DataFrame, scope: set[str]) -> pd.DataFrame:
    """The rows of the scope's units, a cover outside the scope taken as none (its groups merged with the
    uncovered ones: summed, periods added, the later last month)."""
    frame = frame[frame["unit"].isin(scope)]
    outside = frame["cover"].ne("") & ~frame["cover"].isin(scope)
    if not outside.any():
        return frame
    frame = frame.assign(cover=frame["cover"].where(~outside, ""))
    groups = frame.groupby(["end", "key", "unit", "cover"], sort=False)
    return pd.DataFrame({"numerator": groups["numerator"].sum(min_count=1),
                         "denominator": groups["denominator"].sum(min_count=1),
                         "periods": groups["periods"].sum(), "last_end": groups["last_end"].max()}).reset_index()


def _frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The kept rows of one window as `query.unit_figures` gives them: types, no cover as None, the same order."""
    out = pd.DataFrame({
        "key": rows["key"].to_numpy(dtype=object), "unit": rows["unit"].to_numpy(dtype=object),
        "cover": np.where(rows["cover"].to_numpy(dtype=object) == "", None, rows["cover"].to_numpy(dtype=object)),
        "numerator": rows["numerator"].to_numpy(dtype=float), "denominator": rows["denominator"].to_numpy(dtype=float),
        "periods": rows["periods"].to_numpy(dtype="int64"), "last_end": rows["last_end"].to_numpy(dtype="int64")})
    if _in_order(rows["key"].to_numpy(dtype=object), rows["unit"].to_numpy(dtype=object),
                 rows["cover"].to_numpy(dtype=object)):
        return out  # as the table's key gives them (SQLite reads them so): no sort needed
    order = np.lexsort((out["cover"].fillna("").to_numpy(dtype=str), out["unit"].to_numpy(dtype=str),
                        out["key"].to_numpy(dtype=str)))
    return out.iloc[order].reset_index(drop=True)


def _in_order(key: np.ndarray, unit: np.ndarray, cover: np.ndarray) -> bool:
    """Whether the rows are ordered by key, unit and cover ("" first), in code-point order."""
    if len(key) < 2:
        return True
    k0, k1, u0, u1 = key[:-1], key[1:], unit[:-1], unit[1:]
    same_key, same_unit = k0 == k1, u0 == u1
    ok = (k0 < k1) | (same_key & ((u0 < u1) | (same_unit & (cover[:-1] <= cover[1:]))))
    return bool(ok.all())


def compute(session: Session, register: Register, units: list[str], ends: Sequence[int],
            kept: bool) -> list[pd.DataFrame]:
    """The year-to-date windows ending in `ends` (one year's) over `units`, as `query.windows_figures` forms them."""
    return query.windows_figures(session=session, items=_items(register), units=units,
                                 windows=[(e // 12 * 12, e) for e in ends], kept=kept)


def _store(session: Session, ends: Sequence[int], figures: list[pd.DataFrame], only: set[str] | None) -> None:
    rows: list[tuple[object, ...]] = []
    for end, frame in zip(ends, figures, strict=True):
        if only is not None:
            frame = frame[frame["unit"].isin(only)]
        rows.extend((end, k, u, c or "", None if pd.isna(n) else float(n), None if pd.isna(d) else float(d), int(p),
                     int(e)) for k, u, c, n, d, p, e in frame[UNIT_COLUMNS].itertuples(index=False))
    insert_rows(session, WINDOWS.name, STORED, rows)  # plain tuples on the driver's cursor


def _years(first: int, last: int) -> list[list[int]]:
    """The months [first, last] by year."""
    return [list(range(max(first, y), min(last, y + 11) + 1)) for y in range(first // 12 * 12, last + 1, 12)]


def _make(session: Session, register: Register, first: int, last: int) -> None:
    """The windows ending in [first, last] made for every unit from the kept pairs (in step already)."""
    units = list(register.units)
    for ends in _years(first, last):
        session.execute(delete(WINDOWS).where(WINDOWS.c.window_end.in_(ends)))
        _store(session, ends, compute(session, register, units, ends, kept=True), None)


def rebuild(session: Session, register: Register, data: tuple[int, int] | None) -> None:
    """Every window made afresh for the data's months `data` (first, last), the kept pairs already made."""
    session.execute(delete(WINDOWS))
    if data is None:
        set_meta(session=session, key=SPAN, value="")
        return
    first = data[0] // 12 * 12
    _make(session, register, first, data[1])
    set_meta(session=session, key=SPAN, value=f"{first},{data[1]}")


def refresh(session: Session, register: Register, units: Collection[str], ends: Collection[int]) -> None:
    """Bring the windows in step after the values of `units` changed in the months `ends` (the kept pairs in step
    already): months beyond the kept span made for every unit (the span widened), and within it each touched
    month's windows to its year's end for those units and the units under them."""
    value = get_meta(session=session, key=SPAN)
    if value is None or not ends:
        return  # not kept (the summary is not ready), or nothing changed
    low, high = min(ends) // 12 * 12, max(ends)
    old = span(session)
    first, last = (low, high) if old is None else (min(old[0], low), max(old[1], high))
    for part in _outside((first, last), old):
        _make(session, register, *part)
    set_meta(session=session, key=SPAN, value=f"{first},{last}")
    if old is None:
        return
    mine = sorted({d for u in units if u in register.units for d in register.descendants(u)})
    reading = sorted({a for u in mine for a in register.ancestors(u) if a in register.units} | set(mine))
    for year in sorted({e // 12 for e in ends}):
        since = min(e for e in ends if e // 12 == year)
        windows = [e for e in range(since, year * 12 + 12) if old[0] <= e <= old[1]]
        if not windows or not mine:
            continue
        figures = compute(session, register, reading, windows, kept=len(reading) * 10 >= len(register.units))
        for i in range(0, len(mine), CHUNK):
            session.execute(delete(WINDOWS).where(WINDOWS.c.window_end.in_(windows),
                                                  WINDOWS.c.unit.in_(mine[i:i + CHUNK])))
        _store(session, windows, figures, set(mine))


def _outside(new: tuple[int, int], old: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The months of `new` not in `old`: at most one run before it and one after."""
    if old is None:
        return [new]
    return [r for r in ((new[0], old[0] - 1), (old[1] + 1, new[1])) if r[0] <= r[1]]


def differences(session: Session, register: Register, data: tuple[int, int] | None) -> tuple[int, int]:
    """(figures compared, figures that differ) between the kept windows and their recomputation from raw rows;
    `data` the months with values (first, last). Windows of those months not kept at all (the span lost or short
    of the data) count as one figure that differs."""
    kept = span(session)
    missing = data is not None and (kept is None or kept[0] > data[0] // 12 * 12 or kept[1] < data[1])
    if kept is None:
        return (1, 1) if missing else (0, 0)
    units = list(register.units)
    compared = differ = 0
    for ends in _years(*kept):
        raw = compute(session, register, units, ends, kept=False)
        mine = read(session, register, _items(register), units, [(e // 12 * 12, e) for e in ends])
        assert mine is not None
        for want, got in zip(raw, mine, strict=True):
            joined = want.merge(got, on=["key", "unit", "cover"], how="outer", suffixes=("", "_kept"),
                                indicator=True)
            compared += len(joined)
            differ += int((joined["_merge"] != "both").sum())
            both = joined[joined["_merge"] == "both"]
            for col in ("numerator", "denominator", "periods", "last_end"):
                a, b = both[col].to_numpy(dtype=float), both[f"{col}_kept"].to_numpy(dtype=float)
                same = np.isclose(a, b, rtol=1e-9, atol=0) | (np.isnan(a) & np.isnan(b))
                both = both[same]
            differ += len(joined[joined["_merge"] == "both"]) - len(both)
    return (compared + 1, differ + 1) if missing else (compared, differ)
