"""The content hash a document states: a hash of the stored values it could use and of the register (not the
database's data version, a counter that changes with every write: two databases with the same values and
register give the same hash, and then the same figures)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sqlmodel import Session

from tracker.register import Register
from tracker.storage.used import current_value_chunks, current_value_keys

Key = tuple[str, str, str, float | None]
Piece = tuple[list[str], set[str]]  # the lines of some keys, and the codes they hold


def content_hash(*, session: Session, register: Register, units: list[str], end: int,
                 values: pd.DataFrame | None = None) -> str:
    """12 hex digits: the same current values (of these units, periods ending by `end`) and the same register
    give the same hash. `values`: those current values already read (unit, metric, period, value columns, as
    `values_with_revisions` gives them), so a document that lists them reads them once."""
    if values is None:
        pieces: Iterable[Piece] = (_key_piece(keys) for keys in
                                   current_value_chunks(session=session, units=units, end=end))
    else:
        pieces = [_frame_piece(values)]
    made = _hash_as_text(register.fingerprint, pieces)
    if made is not None:
        return made
    keys = (current_value_keys(session=session, units=units, end=end) if values is None else
            list(zip(values["unit"], values["metric"], values["period"], values["value"].tolist(), strict=True)))
    return hash_of(register.fingerprint, keys)  # a code holding a tab or below: sorted by key


def hash_of(fingerprint: str, rows: Iterable[Key]) -> str:
    """The hash of a register's fingerprint and value keys, in code-point order of (unit, metric, period) — the
    same on every database, whatever order or collation it gave the rows in. One line per key, hashed as one
    text (a city's pack hashes 1.4 million keys)."""
    keys = list(rows)
    made = _hash_as_text(fingerprint, [_key_piece(keys)])
    if made is not None:
        return made
    return _digest(fingerprint, _lines(sorted(keys, key=lambda k: k[:3])))


def _lines(keys: list[Key]) -> list[str]:
    """One line per key: unit, metric, period and the value's repr, tab-separated (NaN or None: no value)."""
    return [f"{u}\t{m}\t{p}\t{'' if x is None or x != x else repr(float(x))}\n" for u, m, p, x in keys]


def _key_piece(keys: list[Key]) -> Piece:
    """The lines of keys read as tuples, and the codes they hold."""
    return _lines(keys), {k[0] for k in keys} | {k[1] for k in keys} | {k[2] for k in keys}


def _frame_piece(values: pd.DataFrame) -> Piece:
    """The lines of values read as a frame, and the codes they hold: made column by column, each distinct value
    written once (a city's 2.8 million values are fewer than 3,000 numbers; read as numpy's numbers one by one,
    they took 2.8 s), told apart by its bits so that -0.0 stays "-0.0"."""
    units, metrics, periods = (values[c].tolist() for c in ("unit", "metric", "period"))
    codes, bits = pd.factorize(values["value"].to_numpy(dtype=float).view(np.int64))
    written = [repr(x) if x == x else "" for x in bits.view(np.float64).tolist()]
    shown = np.array(written, dtype=object)[codes].tolist() if written else []
    lines = [f"{u}\t{m}\t{p}\t{x}\n" for u, m, p, x in zip(units, metrics, periods, shown, strict=True)]
    return lines, set(units) | set(metrics) | set(periods)


def _hash_as_text(fingerprint: str, pieces: Iterable[Piece]) -> str | None:
    """`hash_of` of the keys read piece by piece, their lines sorted as text (sorting 1.4 million tuples by key
    took 2–4 s); None when that order is not the keys': when a code holds a character up to the tab that ends it
    (otherwise a unique key decides before its value does)."""
    lines: list[str] = []
    codes: set[str] = set()
    for made, held in pieces:
        lines.extend(made)
        codes |= held
    if _BELOW_TAB.search("".join(codes)):
        return None
    lines.sort()
    return _digest(fingerprint, lines)


def _digest(fingerprint: str, lines: list[str]) -> str:
    """The SHA-256 of the fingerprint and the lines one after the other, fed 100,000 lines at a time (joined
    whole, a city's were two copies of 130 MB)."""
    digest = hashlib.sha256(fingerprint.encode())
    for start in range(0, len(lines), 100_000):
        digest.update("".join(lines[start:start + 100_000]).encode())
    return digest.hexdigest()[:12]


_BELOW_TAB = re.compile("[\x00-\x09]")
