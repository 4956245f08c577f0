"""Locked periods (DHIS2's data approval): once a period's briefing or evaluation is out, a planner locks it and
no import may change any period that overlaps it, until a planner unlocks it. Both are audited.

SQL outside `tracker/storage`: this module owns the `period_lock` table, so its few queries live with the
rule they serve (as `accounts` and `audit` do for theirs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.clock import local
from tracker.core.errors import TrackerError
from tracker.core.periods import Period, parse_period
from tracker.storage.faults import has_nul
from tracker.storage.models import PeriodLock
from tracker.storage.values import bump_data_version


@dataclass(frozen=True)
class Lock:
    period: Period
    user: str
    reason: str
    locked_at: str  # 2018-07-05 10:00 (China Standard Time)

    def covers(self, p: Period) -> bool:
        return p.start <= self.period.end and self.period.start <= p.end


def locks(session: Session) -> list[Lock]:
    rows = session.execute(select(PeriodLock).order_by(col(PeriodLock.period_start))).scalars().all()
    out = []
    for r in rows:
        out.append(Lock(parse_period(r.period), r.user, r.reason, local(r.locked_at).strftime("%Y-%m-%d %H:%M")))
    return out


def lock_period(session: Session, actor: Actor, period: str, reason: str = "") -> Period:
    require(actor, "lock")
    p = parse_period(period)
    if has_nul(reason):
        raise TrackerError("storage.nul")
    if session.get(PeriodLock, p.code) is not None:
        raise TrackerError("lock.already", period=p.named())
    session.add(PeriodLock(period=p.code, period_start=p.start, period_end=p.end, user=actor.name,
                           reason=reason.strip()[:512]))
    record(session, user=actor.name, action="lock", subject=p.code, reason=reason.strip(), commit=False)
    bump_data_version(session=session)
    session.commit()
    return p


def unlock_period(session: Session, actor: Actor, period: str) -> Period:
    require(actor, "lock")
    p = parse_period(period)
    row = session.get(PeriodLock, p.code)
    if row is None:
        raise TrackerError("lock.not_locked", period=p.named())
    session.delete(row)
    record(session, user=actor.name, action="unlock", subject=p.code, commit=False)
    bump_data_version(session=session)
    session.commit()
    return p


def lock_covering(all_locks: list[Lock], p: Period) -> Lock | None:
    """The lock that closes `p` (a lock on 2018 closes 2018-06 and 2018Q2; a lock on 2018-06 closes 2018Q2)."""
    return next((lock for lock in all_locks if lock.covers(p)), None)
