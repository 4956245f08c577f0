"""A throwaway PostgreSQL server for one test run, started when PostgreSQL's binaries are installed.

`make test` (and a plain `pytest`) then run the storage tests on both databases. The server lives in a
temporary folder, listens on a free port on 127.0.0.1 only, trusts local connections, and is stopped and
deleted when the run ends. As root (CI) it runs as the `postgres` system user, since initdb refuses root.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: $TRACKER_TEST_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin."""
    given = os.environ.get("TRACKER_TEST_PG_BIN")
    candidates = [Path(given)] if given else sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                                                    key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                                                    reverse=True)
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running throwaway server; `stop()` ends it and removes its folder (only from the process that started it)."""

    def __init__(self, binaries: Path) -> None:
        self.bin = binaries
        self.as_root = os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
        self.port = _free_port()
        self.owner = os.getpid()
        if self.as_root:
            pw = pwd.getpwnam("postgres")
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        data = str(self.folder / "data")
        self._run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", data, "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        atexit.register(self.stop)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        if os.getpid() != self.owner or not self.folder.exists():
            return
        with contextlib.suppress(subprocess.SubprocessError):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_if_installed() -> tuple[str | None, str]:
    """(URL, note): a server's URL when PostgreSQL is installed and could start, else None and why not."""
    binaries = bin_dir()
    if binaries is None:
        return None, "PostgreSQL is not installed: storage tests run on SQLite only"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root without a postgres user: storage tests run on SQLite only"
    server = Server(binaries)
    try:
        url = server.start()
    except (subprocess.SubprocessError, OSError) as exc:
        server.stop()
        return None, f"PostgreSQL could not start ({exc}): storage tests run on SQLite only"
    return url, f"PostgreSQL: a throwaway server from {binaries} on 127.0.0.1:{server.port}"
