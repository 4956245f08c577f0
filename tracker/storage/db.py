"""Database engine, connection settings and schema upgrades (Alembic)."""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event, text
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

from tracker.core.errors import DatabaseError
from tracker.core.settings import Settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INIT_LOCK_KEY = 20160101


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA foreign_keys=ON")
    # month-end: thirty imports queue for the write lock, none fails; beyond it, "the database is busy"
    cur.execute(f"PRAGMA busy_timeout={int(Settings.from_env().busy_timeout * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout, its folder is created."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        if not memory:
            Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, object] = {"connect_args": {"check_same_thread": False}}
        if memory:
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # PostgreSQL's JIT compiles the figures' many-column pivot for seconds before running it in a fraction of
    # one (measured: 3.5 s against 1.0 s at 3,000 units); these short analytic queries run faster without it
    return create_engine(url, pool_pre_ping=True, connect_args={"options": "-c jit=off"})


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def known_revisions() -> list[str]:
    """The schema revisions this release knows, newest first (a database at any of them can be upgraded)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return [script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()]


def head_revision() -> str:
    """This release's newest schema revision, from the migrations' file names (`0015_….py` is revision 0015;
    a test holds the names to Alembic's own chain)."""
    return max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def _stored_revision(engine: Engine) -> str | None:
    """The revision the database says it is at; None when it cannot say (new, damaged, unreachable: the
    migrations then report what is wrong)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except Exception:  # no table yet, or the database cannot be read: the full path decides and says why
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head", *,
            notice: Callable[[str, str], None] | None = None) -> None:
    """Create or upgrade the schema to `revision` through the migrations. A database already at this release's
    newest revision is left alone without loading Alembic and the migrations (a third of a second at every
    command and app start). `notice(from, to)` is told first when a database holding a schema is upgraded (a
    migration may rewrite every stored value: minutes on a large database)."""
    stored = _stored_revision(engine)
    if revision == "head" and stored == head_revision():
        return
    if notice is not None and stored is not None:
        notice(stored, head_revision() if revision == "head" else revision)
    from alembic import command

    from tracker.storage.faults import STORAGE_ERRORS, storage_error

    try:
        command.upgrade(alembic_config(engine), revision)
    except STORAGE_ERRORS as exc:  # read-only, full, locked, unreachable: said as such
        raise storage_error(exc, where=_where(engine)) from None
    except Exception as exc:  # alembic raises many kinds; report what happened
        raise DatabaseError(detail=f"{type(exc).__name__}: {exc}") from exc


def _where(engine: Engine) -> str:
    return engine.url.database or "" if engine.dialect.name == "sqlite" else str(engine.url)


@contextmanager
def init_lock(engine: Engine) -> Iterator[None]:
    """Held while the schema is created or upgraded and the registers synced, so that thirty processes starting
    at once on a database that was never initialised do it one after another (the later ones find it done).

    SQLite: an exclusive lock on a file next to the database; PostgreSQL: a session-level advisory lock."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({INIT_LOCK_KEY})")
            try:
                yield
            finally:
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({INIT_LOCK_KEY})")
                conn.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    try:
        handle = open(f"{database}.init-lock", "a+b")  # noqa: SIM115 - closed below
    except OSError as exc:  # a read-only folder: said, with the folder named, never a traceback
        from tracker.storage.faults import storage_error

        raise storage_error(exc, where=str(Path(database).parent)) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)
