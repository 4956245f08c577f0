"""CPU seconds used by processes, read from /proc (Linux): to tell the servers' share of a load test from the
browsers' when both run on the same cores."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def process_seconds(pid: int) -> float | None:
    """User + system CPU seconds of one process (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def named(program: str) -> list[int]:
    """The processes whose program file is called `program` (e.g. every Chromium process: "chromium")."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv and Path(argv[0].decode(errors="replace")).name == program:
                out.append(int(entry.name))
    return out


class Meter:
    """CPU seconds a changing set of processes uses from `start` on, read every `every` seconds while running
    (a browser's page processes end with their page: what they used is kept from the last reading)."""

    def __init__(self, pids: Callable[[], Iterable[int]], every: float = 0.2) -> None:
        self._pids = pids
        self._every = every
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._task: asyncio.Task[None] | None = None

    def _read(self) -> None:
        for pid in self._pids():
            used = process_seconds(pid)
            if used is not None:
                self._first.setdefault(pid, used if self._task is None else 0.0)
                self._last[pid] = used

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._every)
            self._read()

    def start(self) -> None:
        self._read()
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        self._read()
        return sum(self._last[p] - self._first[p] for p in self._last)
