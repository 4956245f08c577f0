"""Reload the registers when their files change, and keep serving the last valid one when an edit breaks them."""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.errors import Problem, RegisterError
from tracker.register import Register, validate_registers

SETTLE = 2.0  # seconds


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
        self._stamp: tuple[float, ...] | None = None
        self._state = RegisterState(None, None)
        self._lock = threading.Lock()

    def _mtimes(self) -> tuple[float, ...]:
        def stamp(p: Path) -> tuple[float, float]:
            if not p.exists():
                return -1.0, -1.0
            st = p.stat()
            return st.st_mtime_ns, st.st_size

        return (*stamp(self.targets), *stamp(self.units))

    def _check(self) -> tuple[Register | None, list[Problem]]:
        """Both files checked; whatever goes wrong reading them is a problem, never an exception."""
        try:
            return validate_registers(self.targets, self.units)
        except RegisterError as exc:
            return None, exc.problems
        except (OSError, ValueError, RecursionError, UnicodeError) as exc:
            return None, [Problem(str(self.targets), "register.unreadable", {"detail": str(exc)[:200]})]

    def state(self) -> RegisterState:
        """The current register state, reloading if either file changed since the last call. The files' times
        are recorded only once their check is done, with its outcome: a broken edit stays reported until fixed."""
        with self._lock:
            stamp = self._mtimes()
            if stamp != self._stamp:
                # A file's time moves in steps of a few milliseconds: an editor that empties the file and then
                # writes it can leave the same time on both, and the file read in between (broken) would be
                # kept forever. A file changed in the last SETTLE seconds is read again on the next call.
                recent = time.time_ns() - max(stamp[0], stamp[2]) < SETTLE * 1e9
                register, problems = self._check()
                old = self._state
                if register is not None and old.register is not None and not old.problems and \
                        register.fingerprint == old.register.fingerprint:
                    pass  # read again, unchanged: the same register, loaded when it was
                elif register is not None:
                    self._state = RegisterState(register, dt.datetime.now(dt.UTC), [])
                else:
                    self._state = RegisterState(self._state.register, self._state.loaded_at, problems)
                self._stamp = None if recent else stamp
            return self._state
