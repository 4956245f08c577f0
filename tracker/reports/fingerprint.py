"""The content hash a document states: a hash of the stored values it could use and of the register (not the
database's data version, a counter that changes with every write: two databases with the same values and
register give the same hash, and then the same figures)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from operator import itemgetter

import pandas as pd
from sqlmodel import Session

from tracker.register import Register
from tracker.storage.values import current_value_keys

Key = tuple[str, str, str, float | None]


def content_hash(*, session: Session, register: Register, units: list[str], end: int,
                 values: pd.DataFrame | None = None) -> str:
    """12 hex digits: the same current values (of these units, periods ending by `end`) and the same register
    give the same hash. `values`: those current values already read (unit, metric, period, value columns, as
    `values_with_revisions` gives them), so a document that lists them reads them once."""
    rows: Iterable[Key] = (current_value_keys(session=session, units=units, end=end) if values is None else
                           values[["unit", "metric", "period", "value"]].itertuples(index=False, name=None))
    return hash_of(register.fingerprint, rows)


def hash_of(fingerprint: str, rows: Iterable[Key]) -> str:
    """The hash of a register's fingerprint and value keys, in code-point order of (unit, metric, period) — the
    same on every database, whatever order or collation it gave the rows in. One line per key, hashed as one
    text (a city's pack hashes 1.4 million)."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update("".join([f"{unit}\t{metric}\t{period}\t{_number(value)}\n"
                           for unit, metric, period, value in sorted(rows, key=itemgetter(0, 1, 2))]).encode())
    return digest.hexdigest()[:12]


def _number(value: float | None) -> str:
    """A value as the hash writes it: none (a NaN read through pandas is none) as nothing, else its repr."""
    return "" if value is None or value != value else repr(float(value))
