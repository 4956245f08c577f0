"""The register's tables in the database: units and metrics (the targets of every value's foreign keys, so no value
is stored for a code the register never had) and the unit tree (the closure the engine's queries join).

They are brought in step with the register at start-up (skipped when its fingerprint is unchanged) and read back
for names: a unit or metric a planner has since removed from the register is still named, not shown as a code,
in the audit trail and the history of its values.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from tracker.register import Register
from tracker.storage.models import MetricRow, UnitRow, UnitTree
from tracker.storage.values import bump_data_version, get_meta, set_meta

REGISTER_HASH = "register_hash"


def sync_register(*, session: Session, register: Register) -> bool:
    """Bring the unit, metric and unit-tree tables in step with the register; nothing is deleted but the tree.

    Skipped (False) when the database already holds this register (its fingerprint is stored), so a start-up
    with thousands of units does no work when no planner changed the files. The figures kept ready are rebuilt
    in the same transaction when what they are made of changed (metrics, indicators, units: not for an edit to a
    target, a clause or a name) or a raw write left them unused.
    """
    from tracker.engine import summary  # the engine's figures over these tables

    summary.adopt_earlier_mark(session, register)
    if get_meta(session=session, key=REGISTER_HASH) == register.fingerprint:
        if not summary.is_ready(session, register):
            summary.rebuild(session=session, register=register)
        return False
    _upsert(session, UnitRow, {u.code: dict(name_zh=u.name_zh, name_en=u.name_en, type=u.type, parent=u.parent)
                               for u in register.units.values()})
    _upsert(session, MetricRow, {m.code: dict(name_zh=m.name_zh, name_en=m.name_en, unit=m.unit,
                                              aggregation=m.aggregation, frequency=m.frequency, kind=m.kind)
                                 for m in register.metrics.values()})
    session.execute(delete(UnitTree))
    tree = [{"unit": u, "ancestor": a, "depth": d} for u in register.units
            for a, d in register.ancestor_depths(u)]
    if tree:
        session.execute(insert(UnitTree), tree)
    set_meta(session=session, key=REGISTER_HASH, value=register.fingerprint)
    if not summary.is_ready(session, register):
        summary.rebuild(session=session, register=register)
    bump_data_version(session=session)
    session.flush()
    return True


def _upsert(session: Session, model: Any, rows: dict[str, dict[str, Any]]) -> None:
    """Insert the codes not stored yet and update those whose fields differ."""
    table = model.__table__
    names = [c for c in next(iter(rows.values()), {})]
    stored = {r[0]: dict(zip(names, r[1:], strict=True))
              for r in session.execute(select(table.c.code, *(table.c[n] for n in names))).all()}
    new = [{"code": code, **fields} for code, fields in rows.items() if code not in stored]
    if new:
        session.execute(insert(table), new)
    for code, fields in rows.items():
        if code in stored and stored[code] != fields:
            session.execute(update(table).where(table.c.code == code).values(**fields))


def stored_names(*, session: Session, lang: str) -> dict[str, str]:
    """Every unit and metric code the database has known → its name in `lang`, as last synced."""
    out: dict[str, str] = {}
    for row in (UnitRow, MetricRow):
        table = row.__table__  # type: ignore[union-attr]
        for code, zh, en in session.execute(select(table.c.code, table.c.name_zh, table.c.name_en)).all():
            out[code] = zh if lang == "zh" else en
    return out
