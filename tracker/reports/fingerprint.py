"""The content hash a document states: a hash of the stored values it could use and of the register (not the
database's data version, a counter that changes with every write: two databases with the same values and
register give the same hash, and then the same figures)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import pandas as pd
from sqlmodel import Session

from tracker.register import Register
from tracker.storage.used import current_value_keys

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
    text (a city's pack hashes 1.4 million keys)."""
    keys = list(rows)
    lines = [f"{u}\t{m}\t{p}\t{'' if x is None or x != x else repr(float(x))}\n" for u, m, p, x in keys]  # NaN: none
    if _sorts_as_text(keys):
        lines.sort()  # the lines' own order is the keys' (sorting 1.4 million tuples by key took 2–4 s)
    else:
        lines = [lines[i] for i in sorted(range(len(keys)), key=lambda i: keys[i][:3])]
    digest = hashlib.sha256(fingerprint.encode())
    digest.update("".join(lines).encode())
    return digest.hexdigest()[:12]


_BELOW_TAB = re.compile("[\x00-\x09]")


def _sorts_as_text(keys: list[Key]) -> bool:
    """Whether the lines sort as their keys: no code holds a character up to the tab that ends it (a unique key
    then decides before its value does)."""
    codes = {key[0] for key in keys} | {key[1] for key in keys} | {key[2] for key in keys}
    return not _BELOW_TAB.search("".join(codes))
