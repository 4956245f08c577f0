"""A backup checked before anything is replaced (`tracker.storage.restore` step 2 and 3): copied next to the
live database, a SQLite file that passes `PRAGMA integrity_check`, at a schema revision this release knows,
upgraded, holding every table and column this release expects; and what it holds, and what the live database
would lose to it."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import tracker.storage.models  # noqa: F401  (the tables this release expects)
from tracker.core.errors import DatabaseError, TrackerError
from tracker.register import Register
from tracker.storage.db import known_revisions, make_engine, session, upgrade
from tracker.storage.register_tables import sync_register

SQLITE_HEADER = b"SQLite format 3\x00"
EVENT_KEY = "at, user, action, subject, detail"


@dataclass(frozen=True)
class BackupFacts:
    """What a checked backup holds."""

    path: str
    schema: str
    values: int
    first_period: str | None
    last_period: str | None
    accounts: tuple[str, ...]
    events: int
    last_event: str | None
    sample: bool


@dataclass(frozen=True)
class Loss:
    """What restoring the backup as it is would lose of the live database."""

    accounts: tuple[str, ...]
    events: int

    def __bool__(self) -> bool:
        return bool(self.accounts or self.events)


def _bad(file: str, key: str, **params: object) -> TrackerError:
    return TrackerError(key, path=file, **params)


def _copy_in(file: str, folder: Path) -> Path:
    """The backup copied into `folder`, once it is known to be a SQLite file."""
    src = Path(file)
    if not src.is_file():
        raise TrackerError("error.file_missing", path=file)
    with src.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise _bad(file, "restore.not_sqlite")
    copy = folder / "restore.db"
    shutil.copyfile(src, copy)
    wal = Path(f"{file}-wal")
    if wal.is_file():
        shutil.copyfile(wal, folder / "restore.db-wal")
    return copy


def _schema_of(copy: Path, file: str) -> str:
    """The copy's schema revision, once it passes the integrity check and is a tracker database."""
    try:
        con = sqlite3.connect(copy)
        try:
            found = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
            if found != ["ok"]:
                raise _bad(file, "restore.damaged", detail="; ".join(str(x) for x in found[:3]))
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                raise _bad(file, "restore.not_tracker")
            revisions = [r[0] for r in con.execute("SELECT version_num FROM alembic_version")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _bad(file, "restore.damaged", detail=str(exc)) from None
    known = known_revisions()
    if len(revisions) != 1 or revisions[0] not in known:
        raise _bad(file, "restore.newer_schema", schema=", ".join(map(str, revisions)) or "—", head=known[0])
    return str(revisions[0])


def _missing_columns(engine: Engine) -> list[str]:
    """Tables and columns this release expects that the database lacks."""
    found = inspect(engine)
    tables = set(found.get_table_names())
    missing = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in tables:
            missing.append(table.name)
            continue
        have = {c["name"] for c in found.get_columns(table.name)}
        missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in have]
    return missing


def _upgrade_copy(copy: Path, file: str, schema: str, register: Register) -> None:
    engine = make_engine(f"sqlite:///{copy}")
    try:
        try:
            upgrade(engine)
        except DatabaseError as exc:
            raise _bad(file, "restore.cannot_upgrade", schema=schema, detail=exc.params.get("detail", "")) from None
        missing = _missing_columns(engine)
        if missing:
            raise _bad(file, "restore.wrong_columns", columns=", ".join(missing[:8]))
        with session(engine) as s:
            sync_register(session=s, register=register)
            s.commit()
    finally:
        engine.dispose()


def _facts(copy: Path, file: str, schema: str) -> BackupFacts:
    con = sqlite3.connect(copy)
    try:
        one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
        first = one("SELECT period FROM value_revision WHERE is_current ORDER BY period_start, period_end LIMIT 1")
        last = one("SELECT period FROM value_revision WHERE is_current ORDER BY period_end DESC, period_start DESC "
                   "LIMIT 1")
        sample = one("SELECT value FROM meta WHERE key = 'sample_data'")
        return BackupFacts(
            path=file, schema=schema, values=one("SELECT count(*) FROM value_revision WHERE is_current")[0],
            first_period=first[0] if first else None, last_period=last[0] if last else None,
            accounts=tuple(r[0] for r in con.execute("SELECT name FROM account ORDER BY name")),
            events=one("SELECT count(*) FROM audit_event")[0],
            last_event=(one("SELECT max(at) FROM audit_event")[0] or None), sample=bool(sample and sample[0] == "1"))
    finally:
        con.close()


def events_of(con: sqlite3.Connection) -> list[tuple[object, ...]]:
    return con.execute(f"SELECT {EVENT_KEY}, sha256 FROM audit_event ORDER BY id").fetchall()


def loss_of(live: Path, copy: Path) -> Loss:
    """The live accounts (by name) and audit events the copy lacks."""
    with reading(live) as old, reading(copy) as new:
        kept_names = {r[0] for r in new.execute("SELECT name FROM account")}
        names = tuple(r[0] for r in old.execute("SELECT name FROM account ORDER BY name") if r[0] not in kept_names)
        kept_events = set(events_of(new))
        return Loss(names, sum(1 for e in events_of(old) if e not in kept_events))


class reading:
    """A plain sqlite3 connection, closed on exit."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, timeout=120)

    def __enter__(self) -> sqlite3.Connection:
        return self.con

    def __exit__(self, *_: object) -> None:
        self.con.close()


def check_backup(file: str, folder: Path, register: Register) -> tuple[Path, BackupFacts]:
    """The backup copied into `folder`, checked and upgraded there; its copy and what it holds
    (TrackerError naming what is wrong otherwise)."""
    copy = _copy_in(file, folder)
    schema = _schema_of(copy, file)
    _upgrade_copy(copy, file, schema, register)
    return copy, _facts(copy, file, schema)
