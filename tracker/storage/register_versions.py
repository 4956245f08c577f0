"""Register versions on record: each distinct register content the tracker loads is stored once, with when it
was first loaded and by which process, and the changes from the register loaded before it; every change is
written to the audit trail in the same transaction. Documents name the version they used."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.core.clock import utcnow
from tracker.register import Register
from tracker.register.changes import RegisterChange, changes_between
from tracker.storage.models import RegisterVersion

LOADER = "register"  # the audit trail's user for changes found on loading a register


@dataclass(frozen=True)
class Version:
    """A stored register version: its number, fingerprint, when and by whom first loaded, and its changes."""

    number: int
    fingerprint: str
    first_loaded_at: Any
    loaded_by: str
    sources: str
    changes: list[RegisterChange]


def _version(row: RegisterVersion) -> Version:
    return Version(int(row.id or 0), row.fingerprint, row.first_loaded_at, row.loaded_by, row.sources,
                   [RegisterChange(**c) for c in json.loads(row.changes or "[]")])


def process_name() -> str:
    """Which process loaded a register: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def record_version(*, session: Session, register: Register, previous: str | None) -> Version | None:
    """Store the register's content when it is a new version, with its changes from the register synced before
    (`previous`, a fingerprint), and audit each change; None when nothing changed. The caller commits."""
    if previous == register.fingerprint:
        return None
    before = session.execute(select(RegisterVersion).where(col(RegisterVersion.fingerprint) == previous)
                             ).scalars().first() if previous else None
    content = register.content()
    changes = changes_between(json.loads(before.content) if before else None, content) if before else []
    for change in changes:
        record(session, user=LOADER, action="register_change", subject=change.code, commit=False,
               kind=change.kind, plan=change.plan, old=change.old, new=change.new, version=register.fingerprint[:12])
    row = session.execute(select(RegisterVersion).where(col(RegisterVersion.fingerprint) == register.fingerprint)
                          ).scalars().first()
    if row is not None:  # an earlier version loaded again: its changes are audited, it is not stored twice
        return _version(row)
    row = RegisterVersion(fingerprint=register.fingerprint, first_loaded_at=utcnow(), loaded_by=process_name(),
                          sources=" ".join(register.sources)[:1024],
                          content=json.dumps(content, ensure_ascii=False, sort_keys=True),
                          changes=json.dumps([c.as_json() for c in changes], ensure_ascii=False, default=str))
    session.add(row)
    session.flush()
    return _version(row)


def versions(*, session: Session) -> list[Version]:
    """Every stored version, newest first."""
    rows = session.execute(select(RegisterVersion).order_by(col(RegisterVersion.id).desc())).scalars().all()
    return [_version(r) for r in rows]


def version_of(*, session: Session, fingerprint: str) -> Version | None:
    """The stored version of a register content, if it was loaded here."""
    row = session.execute(select(RegisterVersion).where(col(RegisterVersion.fingerprint) == fingerprint)
                          ).scalars().first()
    return _version(row) if row is not None else None


def content_of(*, session: Session, number: int) -> dict[str, Any] | None:
    """A stored version's content (both registers), to compare two versions."""
    row = session.get(RegisterVersion, number)
    return json.loads(row.content) if row is not None else None
