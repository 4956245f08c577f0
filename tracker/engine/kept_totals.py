"""The district's totals of a kept window, summed in the database without forming the window's figures.

The overview's 环比 needs, for the window a month earlier, each indicator's district total and how many units
reported, nothing per unit. Over the district every cover is a unit inside it, so what each unit adds to the
total is its uncovered row (`aggregate.key_totals`): the database sums those rows per indicator and counts the
units with a row, and 36,000 rows stay where they are. The sums are the same figures `key_totals` adds up; only
the order of adding differs, which can move a sum of fractional figures in its last binary digit (counts, whole
numbers, add up exactly either way).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.engine.kept_windows import WINDOWS, is_kept, span
from tracker.engine.query import Item
from tracker.register import Register

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
    keys = sorted({i.key for i in items})
    w = WINDOWS.c
    mine = (w.window_end == window[1], w.key.in_(keys))
    summed = select(w.key, func.sum(w.numerator), func.sum(w.denominator), func.count()).where(
        *mine, w.cover == "", w.numerator.is_not(None)).group_by(w.key)
    reported = select(w.key, func.count(func.distinct(w.unit))).where(*mine).group_by(w.key)
    totals = {str(k): (float(n), 0.0 if d is None else float(d), int(c))
              for k, n, d, c in session.execute(summed).all()}
    return totals, {str(k): int(c) for k, c in session.execute(reported).all()}
