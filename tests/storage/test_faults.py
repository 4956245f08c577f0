"""Every storage fault is a message, not a traceback: a read-only folder, an immutable database, a full disk, a
database held locked, a server that does not answer, NUL bytes — from the domain and the command line."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from tests.cli.test_cli import run
from tests.helpers import csv_bytes
from tracker.access.locks import lock_period
from tracker.access.roles import SYSTEM
from tracker.core.errors import TrackerError
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.reports.narratives import save_narrative
from tracker.storage.faults import storage_error
from tracker.storage.values import count_values

CSV = "单位,期间,受理量\n赤岗街,2019-06,100\n"


def one_line(out: subprocess.CompletedProcess[str], says: str) -> None:
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr and says in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Path]:
    """A path made immutable (chattr +i) for the test; skipped where that is not allowed."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not allowed here (needs root on ext4)")
        made.append(path)
        return path

    yield make  # type: ignore[misc]
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_read_only_data_folder_is_one_line(tmp_path: Path, immutable: object) -> None:
    """The probe: a read-only data folder broke every command (the init lock opens with "a+b")."""
    immutable(tmp_path)  # type: ignore[operator]
    one_line(run("progress", "--as-of", "2018-06", tmp_path=tmp_path), f"无法写入数据库 {tmp_path}")
    one_line(run("--lang", "en", "init", tmp_path=tmp_path), f"Cannot write to the database {tmp_path}")


def test_an_immutable_database_is_read_and_refuses_writes_in_one_line(tmp_path: Path, immutable: object) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    (tmp_path / "六月.csv").write_text(CSV, encoding="utf-8")
    immutable(tmp_path / "cli.db")  # type: ignore[operator]
    assert run("progress", "--as-of", "2018-06", tmp_path=tmp_path).returncode == 0
    for args in (("import", str(tmp_path / "六月.csv")), ("lock", "2019-06"), ("backup", "--out", str(tmp_path / "b.db"))):
        one_line(run(*args, tmp_path=tmp_path), f"无法写入数据库 {tmp_path / 'cli.db'}")
    assert not (tmp_path / "b.db").exists() and not (tmp_path / "b.db.part").exists()


def test_a_lock_held_longer_than_the_busy_timeout_is_a_message(tmp_path: Path) -> None:
    """The probe: a write lock held 120 s gave "database is locked" as a traceback."""
    assert run("init", tmp_path=tmp_path).returncode == 0
    holder = sqlite3.connect(tmp_path / "cli.db")
    holder.execute("BEGIN IMMEDIATE")
    try:
        one_line(run("lock", "2019-06", tmp_path=tmp_path, TRACKER_BUSY_TIMEOUT="0.2"), "数据库正忙")
    finally:
        holder.rollback()
        holder.close()


def test_a_server_that_does_not_answer_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    url = f"postgresql+psycopg://tracker:secret-pw@127.0.0.1:{port}/tracker"
    out = run("progress", "--as-of", "2018-06", tmp_path=tmp_path, TRACKER_DATABASE_URL=url)
    one_line(out, "数据库服务器没有响应")
    assert "secret-pw" not in out.stderr


def test_a_full_disk_while_storing_is_a_named_error_and_stores_nothing(db: Session, register: Register,
                                                                        engine: Engine) -> None:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="f.csv",
                       data=csv_bytes([["单位", "期间", "受理量"], *[[u.name_zh, "2019-06", 5] for u in
                                                                 register.reporting_units()]]))

    @event.listens_for(engine, "connect")
    def tiny(dbapi_conn: object, _record: object) -> None:  # SQLite's own "database or disk is full"
        cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
        pages = cur.execute("PRAGMA page_count").fetchone()[0]
        cur.execute(f"PRAGMA max_page_count={pages}")
        cur.close()

    engine.dispose()
    with pytest.raises(sqlite3.OperationalError) as exc:
        store_import(session=db, plan=plan, actor=SYSTEM)
    said = storage_error(exc.value, where="data/tracker.db")
    assert said.text("en").startswith("The disk is full; nothing was written to the database data/tracker.db")
    event.remove(engine, "connect", tiny)
    engine.dispose()
    assert count_values(session=db) == 0


@pytest.mark.parametrize(("raised", "key"), [
    (sqlite3.OperationalError("attempt to write a readonly database"), "storage.read_only"),
    (OSError(30, "Read-only file system"), "storage.read_only"),
    (OSError(28, "No space left on device"), "storage.full"),
    (sqlite3.OperationalError("database is locked"), "storage.locked"),
    (sqlite3.DatabaseError("database disk image is malformed"), "storage.damaged"),
    (ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes"), "storage.nul"),
    (Exception('connection failed: connection to server at "127.0.0.1", port 5 failed: Connection refused'),
     "storage.unavailable"),
])
def test_each_fault_has_its_message(raised: BaseException, key: str) -> None:
    assert storage_error(raised).key == key


def test_nul_bytes_in_a_lock_reason_or_a_narrative_are_refused_before_storing(db: Session,
                                                                             register: Register) -> None:
    """The probe: a NUL in a lock reason crashed the page (PostgreSQL refuses it)."""
    with pytest.raises(TrackerError) as exc:
        lock_period(db, SYSTEM, "2019-06", "已印发\x00")
    assert exc.value.key == "storage.nul"
    with pytest.raises(TrackerError):
        save_narrative(session=db, register=register, actor=SYSTEM, target="evaluation_rate", period="2018-06",
                       analysis="a\x00", measures="m")
