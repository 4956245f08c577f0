"""The content hash a document states: a hash of the stored values it could use and of the register (not the
database's data version, a counter that changes with every write: two databases with the same values and
register give the same hash, and then the same figures)."""

from __future__ import annotations

import hashlib

from sqlmodel import Session

from tracker.register import Register
from tracker.storage.values import current_value_keys


def content_hash(*, session: Session, register: Register, units: list[str], end: int) -> str:
    """12 hex digits: the same current values (of these units, periods ending by `end`) and the same register
    give the same hash."""
    digest = hashlib.sha256(register.fingerprint.encode())
    for unit, metric, period, value in current_value_keys(session=session, units=units, end=end):
        digest.update(f"{unit}\t{metric}\t{period}\t{'' if value is None else repr(float(value))}\n".encode())
    return digest.hexdigest()[:12]
