"""What a unit added to its self-evaluation, stored with history: each save is a new row (with its item rows), the
latest is current, nothing is overwritten. A unit's own account writes its own units' text, planners any unit's
(`require(actor, "self_text", unit)`); every save is audited and raises the data version.

SQL outside `tracker/storage`: this module owns the `self_evaluation_text` and `self_evaluation_item` tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.errors import EditConflict, UnknownUnit
from tracker.core.i18n import Named
from tracker.register import Register
from tracker.reports.selfeval.entry import (
    ITEM_COUNTS,
    SECTIONS,
    ItemApprovals,
    SelfText,
    StoredSelfText,
    checked,
)
from tracker.storage.selfeval_models import SelfEvaluationItem, SelfEvaluationText
from tracker.storage.values import bump_data_version

NUMBERS = ("on_the_spot_share", "on_the_spot_count", "banners", "praise_letters", "complaints")


def save_self_text(*, session: Session, register: Register, actor: Actor, unit: str, year: int, text: SelfText,
                   source: str = "form", based_on: int | None = None) -> int:
    """Store a new save of the unit's additions for the year (checked first: a refusal writes nothing); its version
    (1 for the unit's first save of the year).

    `based_on` (a form's): the version the editor was shown (0: none). When someone has saved since and this save
    differs from theirs, it is refused (`EditConflict`, nothing stored): a form never replaces another's text
    unseen. Without it (the command line) the save is taken as meant for whatever is stored."""
    if unit not in register.units:
        raise UnknownUnit(unit=unit)
    require(actor, "self_text", unit, register)
    text = checked(text, source)
    now = current_self_text(session=session, unit=unit, year=year)
    if based_on is not None and now is not None and now.revision != based_on and now.text != text:
        name = register.units[unit]
        raise EditConflict(what=Named(f"{name.name('zh')} {year} 年的自评内容",
                                      f"The {year} self-evaluation text of {name.name('en')}"),
                           user=now.user, at=now.saved_at, n=now.revision)
    values: dict[str, Any] = {**{k: text.section(k) for k in SECTIONS}, **{k: getattr(text, k) for k in NUMBERS}}
    row = SelfEvaluationText(unit=unit, year=year, user=actor.name[:128], **values)
    session.add(row)
    session.flush()
    for position, it in enumerate(text.items, start=1):
        session.add(SelfEvaluationItem(entry_id=int(row.id or 0), position=position, name=it.name,
                                       **{k: getattr(it, k) for k in ITEM_COUNTS}))
    record(session, user=actor.name, action="self_text", subject=f"{unit} {year}", commit=False,
           items=len(text.items), sections=[k for k in SECTIONS if text.section(k)])
    bump_data_version(session=session)
    session.commit()
    return (now.revision if now else 0) + 1


def _stored(session: Session, row: SelfEvaluationText, revision: int) -> StoredSelfText:
    i = SelfEvaluationItem
    items = session.execute(select(i).where(col(i.entry_id) == row.id).order_by(col(i.position))).scalars()
    text = SelfText(items=tuple(ItemApprovals(r.name, r.applications, r.accepted, r.on_time, r.approved)
                                for r in items),
                    **{k: getattr(row, k) for k in SECTIONS}, **{k: getattr(row, k) for k in NUMBERS})
    return StoredSelfText(text, row.unit, row.year, row.user, row.created_at, revision)


def self_text_history(*, session: Session, unit: str, year: int) -> list[StoredSelfText]:
    """Every save for the unit and year, newest first; versions count the unit's saves of the year from 1."""
    t = SelfEvaluationText
    stmt = select(t).where(col(t.unit) == unit, col(t.year) == year).order_by(col(t.id).desc())
    rows = list(session.execute(stmt).scalars())
    return [_stored(session, r, len(rows) - n) for n, r in enumerate(rows)]


def current_self_text(*, session: Session, unit: str, year: int) -> StoredSelfText | None:
    """The latest save for the unit and year, or None when nothing was ever entered."""
    t = SelfEvaluationText
    where = (col(t.unit) == unit, col(t.year) == year)
    row = session.execute(select(t).where(*where).order_by(col(t.id).desc()).limit(1)).scalars().first()
    if row is None:
        return None
    return _stored(session, row, session.execute(select(func.count()).select_from(t).where(*where)).scalar_one())
