"""One target as the overview shows it: its figures, trend and the units behind its shortfall.

`Card` holds unformatted figures (shared with the reports); `tracker.wording.cards` words them in the reader's
language. Cards are ordered by urgency: what is behind first, what needs nothing last.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tracker.engine.analysis import attribution, sorted_by
from tracker.engine.progress import ProgressRow
from tracker.register import Register
from tracker.register.rules import TargetRule

URGENCY = {"off_track": 0, "overdue": 0, "at_risk": 1, "no_data": 2, "on_track": 3, "met": 4, "done": 4,
           "not_due": 5}
NAMED = 3  # units named on a card


@dataclass(frozen=True)
class Contributor:
    """A unit on a card: its own value and, for a target behind, its part of the district's shortfall."""

    unit: str
    value: float | None
    shortfall: float | None = None
    share: float | None = None


@dataclass(frozen=True)
class Card:
    row: ProgressRow
    previous: ProgressRow | None
    trend: pd.DataFrame
    # behind (at risk, off track): the largest parts of the shortfall; met: the units still below the target
    contributors: list[Contributor] = field(default_factory=list)
    units_below: int = 0

    @property
    def code(self) -> str:
        assert self.row.target is not None
        return self.row.target

    @property
    def urgency(self) -> int:
        return URGENCY.get(self.row.status, 6)


def build_card(row: ProgressRow, previous: ProgressRow | None, trend: pd.DataFrame, per_unit: pd.DataFrame,
               own: pd.DataFrame, register: Register) -> Card:
    """A card from a progress row and the unit figures of its window (`per_unit`: what each unit adds to the
    total; `own`: each unit's own figure)."""
    assert row.target is not None
    target = register.targets[row.target]
    rule = register.rule(row.target, row.as_of.end)
    ind = register.indicator_of(target)
    trend = trend if row.value is not None else trend.iloc[0:0]
    if ind is None or not rule.has_value or not rule.ready or per_unit.empty:
        return Card(row, previous, trend)
    if row.status in ("at_risk", "off_track"):
        blame = attribution(per_unit, rule, ind, register)
        named = [Contributor(u, v, s, sh) for u, v, s, sh in
                 blame[["unit", "value", "shortfall", "share"]].head(NAMED).itertuples(index=False)]
        short = len(blame) if ind.is_total else int(_below(per_unit["value"], rule).sum())
        return Card(row, previous, trend, named, short)
    if row.status == "met" and not ind.is_total:
        below = own[_below(own["value"], rule)]
        below = sorted_by(below, "value", ascending=rule.higher_is_better, register=register)
        named = [Contributor(u, v) for u, v in below[["unit", "value"]].head(NAMED).itertuples(index=False)]
        return Card(row, previous, trend, named, len(below))
    return Card(row, previous, trend)


def _below(values: pd.Series, rule: TargetRule) -> np.ndarray:
    """Which values fall short of the target (a missing value is not counted)."""
    v = values.to_numpy(dtype=float)
    return ~np.isnan(v) & ~rule.met_all(v)


def ordered(cards: list[Card], by_urgency: bool = True) -> list[Card]:
    """Behind first (register order inside a group), or the register's order."""
    return sorted(cards, key=lambda c: c.urgency) if by_urgency else list(cards)
