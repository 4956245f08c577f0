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


def test_locking_and_unlocking_are_checked_stored_and_audited(db: Session) -> None:
    import json

    from tracker.access.audit import events
    from tracker.access.locks import unlock_period
    from tracker.access.roles import Actor
    from tracker.core.errors import TrackerError

    planner = Actor("规划员甲", "planner")
    with pytest.raises(TrackerError) as nul:
        lock_period(db, planner, "2018-06", "已印发\x00")
    assert nul.value.key == "storage.nul"
    lock_period(db, planner, "2018-06")  # no reason given: an empty one
    assert [(x.period.code, x.user, x.reason) for x in locks(db)] == [("2018-06", "规划员甲", "")]
    with pytest.raises(TrackerError) as twice:
        lock_period(db, planner, "2018-06", "again")
    assert twice.value.key == "lock.already" and twice.value.text("zh") == "2018年6月 已锁定"
    lock_period(db, planner, "2018Q3", "  " + "长" * 600 + "  ")
    assert [len(x.reason) for x in locks(db)] == [0, 512]  # trimmed, then cut to the column's 512
    unlock_period(db, planner, "2018-06")
    with pytest.raises(TrackerError) as not_locked:
        unlock_period(db, planner, "2018-06")
    assert not_locked.value.key == "lock.not_locked" and not_locked.value.text("en") == "Jun 2018 is not locked"
    trail = events(db)
    assert trail[["action", "subject"]].values.tolist() == [["unlock", "2018-06"], ["lock", "2018Q3"],
                                                             ["lock", "2018-06"]]
    assert json.loads(trail["detail"][2]) == {"reason": ""}


def test_locks_are_listed_in_period_order_with_their_time_in_china(db: Session) -> None:
    import datetime as dt

    from sqlalchemy import text

    lock_period(db, SYSTEM, "2019-03", "已印发")
    lock_period(db, SYSTEM, "2018", "年报")
    db.execute(text("UPDATE period_lock SET locked_at = :t"), {"t": dt.datetime(2019, 4, 1, 23, 30)})  # naive UTC
    db.commit()
    listed = locks(db)
    assert [x.period.code for x in listed] == ["2018", "2019-03"]  # by period, not by when they were locked
    assert [x.locked_at for x in listed] == ["2019-04-02 07:30", "2019-04-02 07:30"]  # 23:30 UTC is 07:30 next day
