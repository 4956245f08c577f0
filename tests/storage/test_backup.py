"""Backup: a failure leaves no partial file and is a message; pg_dump never sees the password on its command line."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tracker.access.roles import SYSTEM
from tracker.core.errors import TrackerError
from tracker.storage import backup as backup_module
from tracker.storage.backup import backup, pg_command_env
from tracker.storage.db import make_engine


class _FullDisk:
    """sqlite3 as the backup module uses it, whose online backup fills the disk halfway through the copy."""

    Error = sqlite3.Error

    class _Source:
        def __init__(self, real: sqlite3.Connection) -> None:
            self.real = real

        def backup(self, target: sqlite3.Connection, **kw: Any) -> None:
            target.execute("CREATE TABLE half (x)")  # a part written, then the disk is full
            target.commit()
            raise sqlite3.OperationalError("database or disk is full")

        def close(self) -> None:
            self.real.close()

    @staticmethod
    def connect(path: Any, **kw: Any) -> Any:
        real = sqlite3.connect(path, **kw)
        return real if str(path).endswith(".part") else _FullDisk._Source(real)


def test_a_full_disk_gives_a_message_and_leaves_no_part_file(engine: Engine, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_module, "sqlite3", _FullDisk)
    with pytest.raises(TrackerError) as refused:
        backup(engine, tmp_path / "out.db", actor=SYSTEM)
    assert refused.value.text("zh").startswith("磁盘已满，无法写入数据库")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("out")] == []


def test_pg_dump_gets_the_password_in_its_environment_not_its_arguments(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine("postgresql+psycopg://tracker:s3cret-Pw@db.example:5433/tracker")
    seen: dict[str, Any] = {}

    def run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        seen["args"], seen["env"] = args, kw["env"]
        Path(args[args.index("-f") + 1]).write_bytes(b"PGDMP")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(backup_module.shutil, "which", lambda name: "/usr/bin/pg_dump")
    monkeypatch.setattr(backup_module.subprocess, "run", run)
    backup_module._pg_dump(engine, tmp_path / "b.dump")
    assert not any("s3cret" in a for a in seen["args"])
    assert seen["args"][-1] == "postgresql://tracker@db.example:5433/tracker"
    assert seen["env"]["PGPASSWORD"] == "s3cret-Pw"
    assert (tmp_path / "b.dump").read_bytes() == b"PGDMP" and not (tmp_path / "b.dump.part").exists()
    address, env = pg_command_env(make_engine("postgresql+psycopg://tracker@localhost/tracker"))
    assert address == "postgresql://tracker@localhost/tracker"


def test_without_pg_dump_the_message_shows_the_server_without_its_password(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine("postgresql+psycopg://tracker:s3cret-Pw@db.example:5433/tracker")
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    with pytest.raises(TrackerError) as exc:
        backup_module._pg_dump(engine, tmp_path / "b.dump")
    said = exc.value.text("zh")
    assert "postgresql://tracker@db.example:5433/tracker" in said and "s3cret" not in said and "PGPASSWORD" in said
