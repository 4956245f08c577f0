"""Which periods a lock closes: every period that overlaps it, and no other."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tracker.access.locks import lock_covering, lock_period, locks
from tracker.access.roles import SYSTEM
from tracker.core.periods import parse_period


@pytest.mark.parametrize(("locked", "period", "closed"), [
    ("2018-06", "2018-06", True), ("2018-06", "2018Q2", True), ("2018-06", "2018H1", True), ("2018-06", "2018", True),
    # a deliberate fault the tests missed: a lock that also covers the next month (or the one before)
    ("2018-06", "2018-07", False), ("2018-06", "2018-05", False), ("2018-06", "2018Q3", False),
    ("2018Q2", "2018-04", True), ("2018Q2", "2018-07", False), ("2018Q2", "2018-03", False),
    ("2018", "2018-12", True), ("2018", "2019-01", False), ("2018", "2017-12", False),
])
def test_a_lock_closes_the_periods_that_overlap_it(locked: str, period: str, closed: bool, db: Session) -> None:
    lock_period(db, SYSTEM, locked)
    assert (lock_covering(locks(db), parse_period(period)) is not None) is closed
