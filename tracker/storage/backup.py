"""Backup: SQLite through its online backup API (safe while the app runs), PostgreSQL through pg_dump when it is
installed (the password handed over in its environment, never on its command line), else a message saying how.
Restoring is `tracker/storage/restore.py`."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine

from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.clock import utcnow
from tracker.core.errors import TrackerError
from tracker.storage.db import session
from tracker.storage.faults import STORAGE_ERRORS, storage_error


def pg_command_env(engine: Engine) -> tuple[str, dict[str, str]]:
    """The server's address for pg_dump or pg_restore without the password, and their environment with it
    (PGPASSWORD): a command line is visible to every user of the machine (/proc/*/cmdline), the environment is
    not."""
    url = engine.url
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    address = URL.create("postgresql", username=url.username, host=url.host, port=url.port, database=url.database,
                         query=url.query)  # URL.set(password=None) would keep the password
    return address.render_as_string(hide_password=False), env


def _pg_dump(engine: Engine, path: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise TrackerError("backup.postgres", path=path, url=pg_command_env(engine)[0])
    address, env = pg_command_env(engine)
    tmp = path.with_name(path.name + ".part")
    try:
        done = subprocess.run([pg_dump, "-Fc", "-f", str(tmp), "-d", address], capture_output=True, text=True,
                              env=env)
        if done.returncode != 0:
            raise TrackerError("error.database", detail=done.stderr.strip()[-300:])
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _sqlite_copy(engine: Engine, path: Path, actor: Actor) -> None:
    """A consistent copy through the online backup API into `path`.part, holding its own backup event (a restore
    of it then lacks nothing of the audit trail up to this moment), renamed into place once the live database has
    recorded it too; the .part is removed whatever fails."""
    database = engine.url.database
    assert database and database != ":memory:"
    tmp = path.with_name(path.name + ".part")
    at = utcnow()
    try:
        try:
            src, dst = sqlite3.connect(database, timeout=120), sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
            copy = create_engine(f"sqlite:///{tmp}")
            try:
                with session(copy) as s:
                    record(s, user=actor.name, action="backup", subject=str(path), at=at)
            finally:
                copy.dispose()
        except STORAGE_ERRORS as exc:
            raise storage_error(exc, where=str(path)) from None
        try:
            with session(engine) as s:
                record(s, user=actor.name, action="backup", subject=str(path), at=at)
        except STORAGE_ERRORS as exc:
            raise storage_error(exc, where=database) from None
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def backup(engine: Engine, path: Path, *, actor: Actor) -> tuple[Path, int]:
    """A consistent copy of the database in `path` (its folder checked by the caller); (path, size in bytes).
    A failure (a full disk, a read-only folder) is a named error and leaves no partial file."""
    require(actor, "backup")
    try:
        if engine.dialect.name == "postgresql":
            _pg_dump(engine, path)
            with session(engine) as s:
                record(s, user=actor.name, action="backup", subject=str(path))
        else:
            _sqlite_copy(engine, path, actor)
    except TrackerError:
        raise
    except STORAGE_ERRORS as exc:
        raise storage_error(exc, where=str(path)) from None
    return path, path.stat().st_size
