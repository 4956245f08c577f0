"""Reload the registers when their files change, and keep serving the last valid one when an edit breaks them."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import Problem
from tracker.register import Register, validate_registers


@dataclass
class RegisterState:
    """What the app serves: a register, when it was loaded, and the problems of the file on disk (if any)."""

    register: Register | None
    loaded_at: dt.datetime | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        """True when the files on disk are broken and an older valid register is being served."""
        return bool(self.problems) and self.register is not None


class RegisterSource:
    """Watches the two register files; `state()` reloads them when their modification times change."""

    def __init__(self, targets: Path, units: Path) -> None:
        self.targets, self.units = targets, units
        self._stamp: tuple[float, float] | None = None
        self._state = RegisterState(None, None)
        self._lock = threading.Lock()

    def _mtimes(self) -> tuple[float, float]:
        def mtime(p: Path) -> float:
            return p.stat().st_mtime_ns if p.exists() else -1.0

        return mtime(self.targets), mtime(self.units)

    def state(self) -> RegisterState:
        """The current register state, reloading if either file changed since the last call."""
        with self._lock:
            stamp = self._mtimes()
            if stamp != self._stamp:
                self._stamp = stamp
                register, problems = validate_registers(self.targets, self.units)
                if register is not None:
                    self._state = RegisterState(register, dt.datetime.now(dt.UTC), [])
                else:
                    self._state = RegisterState(self._state.register, self._state.loaded_at, problems)
            return self._state
