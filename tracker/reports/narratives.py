"""分析与措施: the analysis and measures planners and units write per target and period, kept with history.

SQL outside `tracker/storage`: this module owns the `narrative` table (append-only: an edit is a new row)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.errors import TrackerError
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.storage.faults import has_nul
from tracker.storage.models import Narrative
from tracker.storage.values import bump_data_version

MAX_CHARS = 5000


@dataclass(frozen=True)
class NarrativeText:
    analysis: str
    measures: str
    user: str
    created_at: object
    revision: int


def save_narrative(*, session: Session, register: Register, actor: Actor, target: str, period: str, analysis: str,
                   measures: str) -> int:
    """Store a new revision (the earlier ones stay; planners only; audited); return its id."""
    require(actor, "narrative")
    user = actor.name
    if target not in register.all_targets:
        raise TrackerError("narrative.unknown_target", target=target)
    code = parse_period(period).code
    analysis, measures = analysis.strip(), measures.strip()
    if not user.strip():
        raise TrackerError("narrative.need_user")
    if has_nul(analysis, measures):
        raise TrackerError("storage.nul")
    if len(analysis) > MAX_CHARS or len(measures) > MAX_CHARS:
        raise TrackerError("narrative.too_long", limit=MAX_CHARS)
    row = Narrative(target=target, period=code, analysis=analysis, measures=measures, user=user.strip())
    session.add(row)
    record(session, user=user, action="narrative", subject=f"{target} {code}", commit=False)
    bump_data_version(session=session)
    session.commit()
    return int(row.id or 0)


def narrative_history(*, session: Session, target: str, period: str) -> list[NarrativeText]:
    """Every revision for the target and period, newest first."""
    n = Narrative
    stmt = (select(n).where(col(n.target) == target, col(n.period) == parse_period(period).code)
            .order_by(col(n.id).desc()))
    return [NarrativeText(r.analysis, r.measures, r.user, r.created_at, int(r.id or 0))
            for r in session.execute(stmt).scalars()]


def current_narrative(*, session: Session, target: str, period: str) -> NarrativeText | None:
    history = narrative_history(session=session, target=target, period=period)
    return history[0] if history else None
