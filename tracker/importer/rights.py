"""Who may import what, and which periods are closed: problems that reject a file, found before and again
inside the write transaction (a lock made between the preview and the store still holds)."""

from __future__ import annotations

from tracker.access.locks import Lock, lock_covering
from tracker.access.roles import Actor, can
from tracker.core.errors import Problem
from tracker.core.i18n import named, names
from tracker.importer.layout import Candidate
from tracker.register import Register


def access_problems(name: str, cands: list[Candidate], actor: Actor, register: Register) -> list[Problem]:
    """One problem per unit the actor may not report for (at its first row), naming the units it may."""
    if not can(actor, "upload"):
        return [Problem(name, "import.no_upload_right", {"user": actor.name})]
    mine = names(register.units[u] for u in sorted(actor.units) if u in register.units)
    first = {c.unit: c for c in reversed(cands)}  # each unit at its first row
    out = []
    for c in sorted(first.values(), key=lambda x: x.row or 0):
        if not can(actor, "upload", c.unit, register):
            out.append(Problem(name, "import.not_your_unit", {"unit": named(register.units[c.unit]),
                                                               "user": actor.name, "units": mine if mine.zh else "—"},
                               line=c.row, column=c.unit_column or None, value=register.units[c.unit].name_zh))
    return out


def lock_problems(name: str, cands: list[Candidate], locks: list[Lock]) -> list[Problem]:
    """One problem per locked period the file touches (at its first row): who locked it, when and why."""
    if not locks:
        return []
    seen: set[str] = set()
    out = []
    for c in cands:
        if c.period.code in seen:
            continue
        lock = lock_covering(locks, c.period)
        if lock is not None:
            seen.add(c.period.code)
            out.append(Problem(name, "import.period_locked", {
                "period": c.period.named(), "locked": lock.period.named(), "user": lock.user,
                "at": lock.locked_at, "reason": lock.reason or "—"}, line=c.row, column=c.period_column or None,
                value=c.period.code))
    return out
