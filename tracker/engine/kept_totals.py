"""The district's totals of a kept window, summed from the kept rows without forming the window's figures.

The overview's 环比 needs, for the window a month earlier, each indicator's district total and how many units
reported, nothing per unit. Over the district every cover is a unit inside it, so what each unit adds to the
total is its uncovered row (`aggregate.key_totals`); those rows are read alone, four columns, and summed per
indicator in the order and with the arithmetic `key_totals` uses, so the totals are the same to the last digit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from sqlalchemy import func, select
from sqlmodel import Session

from tracker.engine.kept_windows import WINDOWS, is_kept, span
from tracker.engine.query import Item
from tracker.register import Register
from tracker.storage.values import driver_rows

Totals = dict[str, tuple[float, float, int]]  # key → (Σ numerator, Σ denominator, contributing units)


def district_totals(session: Session, register: Register, items: Sequence[Item], units: Collection[str],
                    window: tuple[int, int]) -> tuple[Totals, dict[str, int]] | None:
    """`aggregate.key_totals` of the window's figures over the whole district and, per key, the units with a
    figure (reported); None when the scope is not the district or the window is not kept. The caller checked
    that the summary is this register's and the items its indicators (`summary.covers`)."""
    kept = span(session)
    if kept is None or not is_kept(window, kept):
        return None
    if set(units) != register.units.keys():
        return None
    keys = {i.key for i in items}
    w = WINDOWS.c
    end = window[1]
    rows = driver_rows(session, select(w.key, w.unit, w.numerator, w.denominator).where(
        w.window_end == end, w.cover == "", w.numerator.is_not(None)))
    reported = {str(k): int(n) for k, n in session.execute(
        select(w.key, func.count(func.distinct(w.unit))).where(w.window_end == end).group_by(w.key)).all()
        if k in keys}
    return _summed(rows), reported


def _summed(rows: list[tuple[str, str, float, float | None]]) -> Totals:
    """Per key, in code-point order of (key, unit) as the figures come: numpy's sum of the numerators and of the
    denominators (a missing one as 0), as pandas sums a column."""
    if not rows:
        return {}
    key = np.array([r[0] for r in rows], dtype=object)
    unit = np.array([r[1] for r in rows], dtype=object)
    num = np.array([r[2] for r in rows], dtype=float)
    den = np.array([r[3] for r in rows], dtype=float)  # None → NaN
    if not _ordered(key, unit):
        order = np.lexsort((unit.astype(str), key.astype(str)))
        key, num, den = key[order], num[order], den[order]
    den = np.where(np.isnan(den), 0.0, den)
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    stops = np.r_[starts[1:], len(key)]
    return {str(key[a]): (float(num[a:b].sum()), float(den[a:b].sum()), int(b - a))
            for a, b in zip(starts, stops, strict=True)}


def _ordered(key: np.ndarray, unit: np.ndarray) -> bool:
    if len(key) < 2:
        return True
    k0, k1 = key[:-1], key[1:]
    return bool(((k0 < k1) | ((k0 == k1) & (unit[:-1] < unit[1:]))).all())
