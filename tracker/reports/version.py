"""The data version a document states: a hash of the stored values it could use and of the register."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlmodel import Session

from tracker.register import Register
from tracker.store import VALUE_TABLE, driver_rows


def data_version(*, session: Session, register: Register, units: list[str], end: int) -> str:
    """12 hex digits: the same current values (of these units, periods ending by `end`) and the same register
    give the same version, and then the same figures."""
    v = VALUE_TABLE.c
    stmt = (select(v.unit_code, v.metric_code, v.period, v.value)
            .where(v.is_current, v.period_end <= end, v.unit_code.in_(units))
            .order_by(v.unit_code, v.metric_code, v.period))
    digest = hashlib.sha256(register.fingerprint.encode())
    for unit, metric, period, value in driver_rows(session, stmt):
        digest.update(f"{unit}\t{metric}\t{period}\t{'' if value is None else repr(float(value))}\n".encode())
    return digest.hexdigest()[:12]
