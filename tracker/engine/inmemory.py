"""Figures of a table of values already read (`tracker.storage.values.current_values` columns), by the same query.

The values are loaded into an in-memory SQLite database with the register's unit tree, so a table in hand
(a test's fixture, a notebook's extract) is computed by exactly the path the database's values take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import create_engine, insert
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from tracker.engine.query import TREE, Item, unit_figures
from tracker.register import Register
from tracker.storage.values import VALUE_TABLE


def figures_of_values(values: pd.DataFrame, register: Register, items: Sequence[Item], units: Sequence[str],
                      start: int, end: int) -> pd.DataFrame:
    """`unit_figures` of the given values for the window [start, end]."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    VALUE_TABLE.metadata.create_all(engine, tables=[VALUE_TABLE, TREE])
    now = dt.datetime.now(dt.UTC)
    rows = [{"unit_code": r.unit, "metric_code": r.metric, "period": r.period, "period_kind": r.kind,
             "period_start": int(r.start), "period_end": int(r.end), "value": None if pd.isna(r.value) else r.value,
             "is_current": True, "submission_id": 0, "created_at": now}
            for r in values.itertuples(index=False)]
    tree = [{"unit": u, "ancestor": a, "depth": d} for u in register.units
            for a, d in register.ancestor_depths(u)]
    with Session(engine) as s:
        if rows:
            s.execute(insert(VALUE_TABLE), rows)
        if tree:
            s.execute(insert(TREE), tree)
        figures = unit_figures(session=s, items=items, units=units, start=start, end=end)
    engine.dispose()
    return figures
