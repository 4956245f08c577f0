"""Serve many users: several app processes over one database behind nginx, each browser kept on one process.

`python -m webapp.many --processes 4 --port 8080` (`make serve-many`) starts N app processes (`python dashboard.py`)
on free ports of 127.0.0.1, sharing one Streamlit cookie secret, then Debian's nginx in the foreground with the
shipped `deploy/nginx/tracker.conf` — its upstream list and port replaced by these — and a generated main
configuration whose pid, logs and temporary files live in a temporary folder (no root needed). Ctrl-C stops all.
`farm()` does the same for tests and the load test. Use it over PostgreSQL: SQLite serves one process well.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tracker.core.settings import ROOT

CONF = ROOT / "deploy" / "nginx" / "tracker.conf"
NGINX = "/usr/sbin/nginx"
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


CACHE = "/var/cache/nginx/tracker"  # the shipped file's folder for the app's static files


def site_conf(shipped: str, *, ports: list[int], listen: int, show_upstream: bool = False,
              cache: Path | None = None) -> str:
    """The shipped site configuration with its upstream servers, its listening port and (given `cache`) the folder
    of its static-file cache replaced.

    `show_upstream` adds an `X-Tracker-Upstream` header naming the process that answered (tests and the load test
    only: it tells a visitor the internal address)."""
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in ports)
    out, count = re.subn(r"(    server 127\.0\.0\.1:\d+[^\n]*\n)+", servers, shipped)
    if count != 1:
        raise ValueError(f"{CONF}: expected one block of `server 127.0.0.1:PORT` lines in `upstream tracker`")
    out, count = re.subn(r"listen \d+;", f"listen 127.0.0.1:{listen};", out)
    if count != 1:
        raise ValueError(f"{CONF}: expected one `listen PORT;` line")
    if cache is not None:
        out, count = re.subn(f"proxy_cache_path {re.escape(CACHE)} ", f"proxy_cache_path {cache} ", out)
        if count != 1:
            raise ValueError(f"{CONF}: expected one `proxy_cache_path {CACHE}` line")
    if show_upstream:
        out = out.replace("add_header Set-Cookie", "add_header X-Tracker-Upstream $upstream_addr always;\n"
                                                   "        add_header Set-Cookie")
    return out


def main_conf(folder: Path) -> str:
    """nginx's main configuration: in the foreground, every path under `folder`, the site included."""
    temps = "".join(f"    {name}_temp_path {folder / name};\n" for name in TEMP_DIRS)
    return (f"daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
            f"events {{ worker_connections 1024; }}\nhttp {{\n    access_log off;\n{temps}"
            f"    include {folder / 'tracker.conf'};\n}}\n")


def wait_until_up(url: str, seconds: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{url}: the process ended (exit {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@dataclass
class Farm:
    """Running processes behind a running nginx."""

    base: str  # the proxy's address
    upstreams: list[str]  # each process's own address
    folder: Path
    processes: list[subprocess.Popen[bytes]]

    def stop(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.processes:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def start(*, processes: int, port: int, env: Mapping[str, str] | None = None, show_upstream: bool = False,
          quiet: bool = True, nginx: str = NGINX) -> Farm:
    """Start `processes` app processes and nginx on `port`; return once the proxy answers /healthz."""
    if not Path(nginx).exists():
        raise RuntimeError(f"nginx is not installed at {nginx} (Debian: apt-get install nginx)")
    folder = Path(tempfile.mkdtemp(prefix="tracker-nginx-"))
    folder.chmod(0o755)
    for name in (*TEMP_DIRS, "static_cache"):  # nginx's workers run as `nobody` when started as root
        (folder / name).mkdir()
        (folder / name).chmod(0o777)
    child_env = {**os.environ, **(env or {}),
                 "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}  # one secret: any process accepts it
    out = subprocess.DEVNULL if quiet else None
    ports = [free_port() for _ in range(processes)]
    procs: list[subprocess.Popen[bytes]] = []
    farm = Farm(base=f"http://127.0.0.1:{port}", upstreams=[f"http://127.0.0.1:{p}" for p in ports],
                folder=folder, processes=procs)
    try:
        for p in ports:
            procs.append(subprocess.Popen(
                [sys.executable, str(ROOT / "dashboard.py"), "--server.port", str(p), "--server.address",
                 "127.0.0.1", "--server.headless", "true"], cwd=ROOT, env=child_env, stdout=out, stderr=out))
        for proc, upstream in zip(procs, farm.upstreams, strict=True):
            wait_until_up(f"{upstream}/healthz", 180, proc)
        (folder / "tracker.conf").write_text(
            site_conf(CONF.read_text(encoding="utf-8"), ports=ports, listen=port, show_upstream=show_upstream,
                      cache=folder / "static_cache"),
            encoding="utf-8")
        (folder / "nginx.conf").write_text(main_conf(folder), encoding="utf-8")
        proxy = subprocess.Popen([nginx, "-p", str(folder), "-e", str(folder / "error.log"),
                                  "-c", str(folder / "nginx.conf")], stdout=out, stderr=out)
        procs.append(proxy)
        wait_until_up(f"{farm.base}/healthz", 30, proxy)
    except BaseException:
        farm.stop()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return farm


@contextlib.contextmanager
def farm(*, processes: int, port: int | None = None, env: Mapping[str, str] | None = None,
         show_upstream: bool = False) -> Iterator[Farm]:
    """Processes behind nginx for the length of a `with` block (tests, the load test)."""
    running = start(processes=processes, port=port or free_port(), env=env, show_upstream=show_upstream)
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(running.folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.many", description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=max(2, os.cpu_count() or 2),
                        help="app processes (default: one per CPU core, at least 2)")
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1 (default 8080)")
    args = parser.parse_args(argv)
    running = start(processes=args.processes, port=args.port, quiet=False)
    print(f"serving {args.processes} processes behind nginx at {running.base} (Ctrl-C stops)", flush=True)
    try:
        while all(p.poll() is None for p in running.processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
        shutil.rmtree(running.folder, ignore_errors=True)
    ended = [p for p in running.processes if p.returncode not in (0, -signal.SIGTERM, -signal.SIGINT, None)]
    return 1 if ended else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
