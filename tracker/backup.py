"""Backup and restore: SQLite through its online backup API (safe while the app runs); PostgreSQL through
pg_dump when it is installed, else a message saying how."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine

from tracker.errors import TrackerError

REQUIRED_TABLES = {"alembic_version", "value_revision", "submission", "unit", "metric"}


def _sqlite_path(engine: Engine) -> str:
    database = engine.url.database
    assert database and database != ":memory:"
    return database


def _audit(engine: Engine, by: str, action: str, subject: str) -> None:
    from tracker.access.audit import record
    from tracker.db import session

    with session(engine) as s:
        record(s, user=by, action=action, subject=subject)


def backup(engine: Engine, path: Path, *, by: str) -> tuple[Path, int]:
    """A consistent copy of the database in `path` (its folder checked by the caller); (path, size in bytes)."""
    if engine.dialect.name == "postgresql":
        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise TrackerError("backup.postgres", path=path, url=engine.url.set(drivername="postgresql"))
        done = subprocess.run([pg_dump, "-Fc", "-f", str(path), url], capture_output=True, text=True)
        if done.returncode != 0:
            raise TrackerError("error.database", detail=done.stderr.strip()[-300:])
    else:
        tmp = path.with_name(path.name + ".part")
        src, dst = sqlite3.connect(_sqlite_path(engine)), sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        tmp.replace(path)
    _audit(engine, by, "backup", str(path))
    return path, path.stat().st_size


def _check_backup(file: str) -> None:
    path = Path(file)
    if not path.is_file():
        raise TrackerError("error.file_missing", path=file)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise TrackerError("restore.bad_file", path=file, detail=str(exc)) from None
    missing = REQUIRED_TABLES - tables
    if missing:
        raise TrackerError("restore.bad_file", path=file, detail=", ".join(sorted(missing)))


def restore(engine: Engine, file: str, *, force: bool, by: str) -> int:
    """Replace the database's content with the backup's (refused over stored values without `force`); the
    restored database is then upgraded to this version's schema. Returns the number of current values."""
    from tracker.db import init_lock, session, upgrade
    from tracker.store import count_values

    if engine.dialect.name == "postgresql":
        raise TrackerError("restore.postgres", path=file, url=engine.url.set(drivername="postgresql"))
    _check_backup(file)
    with session(engine) as s:
        held = count_values(session=s)
    if held and not force:
        raise TrackerError("restore.not_empty", count=held)
    engine.dispose()
    with init_lock(engine):
        src, dst = sqlite3.connect(f"file:{file}?mode=ro", uri=True), sqlite3.connect(_sqlite_path(engine))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        upgrade(engine)
    _audit(engine, by, "restore", file)
    with session(engine) as s:
        return count_values(session=s)
