"""Restore a SQLite backup without ever breaking the live database.

1. The backup is copied next to the live database (the backup file itself is never changed).
2. The copy must be a SQLite database that passes `PRAGMA integrity_check`, be at a schema revision this release
   knows (its own or an older one), upgrade to this release's schema, and then hold every table and column this
   release expects.
3. What it holds is said (values and their periods, accounts, audit events) before anything is replaced.
4. It is refused over stored values without `force`, and when it would lose an account or an audit event of the
   live database unless told: `keep` carries them into the restored database, `drop` restores the backup's as
   they are.
5. The live database is kept as a dated file next to it; then the checked copy is written into it with SQLite's
   backup API in one transaction, so the running app sees the old or the new database, never a mix; the data
   version continues above both, so no view cached for the old data is served for the new.

Any failure before step 5 leaves the live database exactly as it was.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

import tracker.storage.models  # noqa: F401  (the tables this release expects)
from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.clock import china_now
from tracker.core.errors import TrackerError
from tracker.register import Register
from tracker.storage.backup_check import (
    EVENT_KEY,
    BackupFacts,
    Loss,
    check_backup,
    events_of,
    loss_of,
    reading,
)
from tracker.storage.db import init_lock, make_engine, session
from tracker.storage.faults import STORAGE_ERRORS, storage_error


@dataclass(frozen=True)
class Restored:
    facts: BackupFacts
    kept: Path
    values: int
    carried_accounts: int
    carried_events: int


def live_path(engine: Engine) -> Path:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        from tracker.storage.backup import pg_command_env

        raise TrackerError("restore.postgres", path="FILE", url=pg_command_env(engine)[0])
    return Path(database)


def _carry_over(live: Path, copy: Path) -> tuple[int, int]:
    """The live accounts (the live version of each wins) and the audit events the copy lacks, carried into the
    copy; (accounts carried, events carried)."""
    with reading(live) as old, reading(copy) as new:
        accounts = old.execute("SELECT id, name, role, password_hash, email, active, is_demo, created_at "
                               "FROM account ORDER BY id").fetchall()
        units = old.execute("SELECT account_id, unit_code FROM account_unit").fetchall()
        for account_id, name, *fields in accounts:
            email = fields[2]
            if email is not None:
                new.execute("UPDATE account SET email = NULL WHERE email = ? AND name != ?", (email, name))
            row = new.execute("SELECT id FROM account WHERE name = ?", (name,)).fetchone()
            if row is None:
                row = new.execute("INSERT INTO account (name, role, password_hash, email, active, is_demo, "
                                  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", (name, *fields)).fetchone()
            else:
                new.execute("UPDATE account SET role = ?, password_hash = ?, email = ?, active = ?, is_demo = ?, "
                            "created_at = ? WHERE id = ?", (*fields, row[0]))
            new.execute("DELETE FROM account_unit WHERE account_id = ?", (row[0],))
            new.executemany("INSERT INTO account_unit (account_id, unit_code) VALUES (?, ?)",
                            [(row[0], u) for a, u in units if a == account_id])
        have = set(events_of(new))
        missing = [e for e in events_of(old) if e not in have]
        new.executemany(f"INSERT INTO audit_event ({EVENT_KEY}, sha256) VALUES (?, ?, ?, ?, ?, ?)", missing)
        new.commit()
    return len(accounts), len(missing)


def _continue_version(live: Path, copy: Path) -> None:
    """The copy's data version set above both databases', in the live database's lineage: never a repeat."""
    with reading(live) as old, reading(copy) as new:
        lineage, counter = old.execute("SELECT lineage, counter FROM data_version WHERE id = 1").fetchone()
        theirs = new.execute("SELECT counter FROM data_version WHERE id = 1").fetchone()[0]
        new.execute("UPDATE data_version SET lineage = ?, counter = ? WHERE id = 1",
                    (lineage, max(counter, theirs) + 1))
        new.commit()


def _write_into(src: Path, dst: Path) -> None:
    """The whole of `src` written into `dst` with SQLite's backup API, in one step (one transaction on `dst`)."""
    with reading(src) as source, reading(dst) as target:
        source.backup(target)


def kept_name(live: Path) -> Path:
    """Where the replaced database is kept: tracker.replaced-20261124-093000.db next to it (never over a file)."""
    stem = f"{live.stem}.replaced-{china_now():%Y%m%d-%H%M%S}"
    path, n = live.with_name(f"{stem}{live.suffix or '.db'}"), 1
    while path.exists():
        n += 1
        path = live.with_name(f"{stem}-{n}{live.suffix or '.db'}")
    return path


def _same_page_size(live: Path, copy: Path) -> None:
    """The copy rebuilt with the live database's page size when they differ (SQLite's backup API cannot write
    pages of another size into a database in WAL mode)."""
    with reading(live) as old, reading(copy) as new:
        size = old.execute("PRAGMA page_size").fetchone()[0]
        if new.execute("PRAGMA page_size").fetchone()[0] != size:
            new.execute("PRAGMA journal_mode=DELETE")
            new.execute(f"PRAGMA page_size={int(size)}")
            new.execute("VACUUM")


def restore(engine: Engine, file: str, *, register: Register, actor: Actor, force: bool = False,
            keep: bool = False, drop: bool = False, dry_run: bool = False,
            on_checked: Callable[[BackupFacts, Loss], None] | None = None) -> Restored | None:
    """Replace the live database's content with the backup's, as the module says; None for a dry run (checked
    and said, nothing replaced)."""
    require(actor, "backup")
    live = live_path(engine)
    try:
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=live.parent) as tmp:
            return _restore(engine, live, file, Path(tmp), register, actor, force, keep, drop, dry_run, on_checked)
    except TrackerError:
        raise
    except STORAGE_ERRORS as exc:
        raise storage_error(exc, where=str(live)) from None


def _restore(engine: Engine, live: Path, file: str, tmp: Path, register: Register, actor: Actor, force: bool,
             keep: bool, drop: bool, dry_run: bool,
             on_checked: Callable[[BackupFacts, Loss], None] | None) -> Restored | None:
    copy, facts = check_backup(file, tmp, register)
    loss = loss_of(live, copy)
    if on_checked is not None:
        on_checked(facts, loss)
    if dry_run:
        return None
    with reading(live) as old:
        held = old.execute("SELECT count(*) FROM value_revision WHERE is_current").fetchone()[0]
    if held and not force:
        raise TrackerError("restore.not_empty", count=held)
    if loss and not (keep or drop):
        what = "both" if loss.accounts and loss.events else "accounts" if loss.accounts else "events"
        raise TrackerError(f"restore.would_lose_{what}", accounts=len(loss.accounts),
                           names="、".join(loss.accounts[:5]) or "—", events=loss.events)
    carried = _carry_over(live, copy) if keep else (0, 0)
    _continue_version(live, copy)
    _same_page_size(live, copy)
    kept = kept_name(live)
    with init_lock(engine):
        _write_into(live, kept)
        record_in(copy, actor, file, kept, facts, carried)
        _write_into(copy, live)
    engine.dispose()
    return Restored(facts, kept, facts.values, *carried)


def record_in(copy: Path, actor: Actor, file: str, kept: Path, facts: BackupFacts, carried: tuple[int, int]) -> None:
    """The restore's own audit event, in the restored database (written into the live one with everything else)."""
    engine = make_engine(f"sqlite:///{copy}")
    try:
        with session(engine) as s:
            record(s, user=actor.name, action="restore", subject=file[:512], values=facts.values, kept=str(kept),
                   schema=facts.schema, accounts_kept=carried[0], events_kept=carried[1])
    finally:
        engine.dispose()
