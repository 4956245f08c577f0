"""Storage faults said as messages: a read-only folder or database, a full disk, a database held locked, a server
that does not answer, a damaged file, a NUL byte PostgreSQL refuses — each a named error with its fix, for the
pages (dashboard.py) and the command line (tracker/cli/main.py), never a traceback."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import SQLAlchemyError

from tracker.core.errors import DatabaseError, TrackerError

# (words in the driver's message, the message key); the first that matches wins
_SIGNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("readonly database", "read-only file system", "read only file system", "readonly"), "storage.read_only"),
    (("database or disk is full", "no space left", "disk full", "could not extend file"), "storage.full"),
    (("database is locked", "database table is locked", "lock timeout"), "storage.locked"),
    (("nul (0x00)", "nul character", "0x00"), "storage.nul"),
    (("malformed", "file is not a database", "disk i/o error", "file is encrypted"), "storage.damaged"),
    (("unable to open database file",), "storage.cannot_open"),
    (("connection refused", "could not connect", "connection failed", "server closed the connection",
      "no such host", "name or service not known", "timeout expired", "connection timed out",
      "terminating connection", "the database system is", "connection to server"), "storage.unavailable"),
)
_ERRNOS = {errno.EROFS: "storage.read_only", errno.EACCES: "storage.read_only", errno.EPERM: "storage.read_only",
           errno.ENOSPC: "storage.full", errno.EDQUOT: "storage.full"}
STORAGE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error, OSError)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def storage_error(exc: BaseException, where: str = "") -> TrackerError:
    """The named error for a storage fault: what happened and what to do (the driver's own words kept as the
    detail). `where` names the database or file concerned."""
    if isinstance(exc, TrackerError):
        return exc
    if isinstance(exc, OSError) and exc.errno in _ERRNOS:
        return TrackerError(_ERRNOS[exc.errno], where=where or exc.filename or "", detail=_first_line(exc))
    text = " ".join(str(x) for x in (exc, getattr(exc, "orig", ""))).lower()
    for signs, key in _SIGNS:
        if any(sign in text for sign in signs):
            return TrackerError(key, where=where, detail=_first_line(exc))
    return DatabaseError(detail=f"{type(exc).__name__}: {_first_line(exc)}")


def has_nul(*texts: str | None) -> bool:
    """Whether any text holds a NUL character (PostgreSQL refuses them; no name, reason or note needs one)."""
    return any(t is not None and "\x00" in t for t in texts)
