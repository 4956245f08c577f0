"""Every setting the tracker reads from the environment (TRACKER_* and the operator's $USER), in one place.

Nothing else reads `os.environ` for the tracker's own settings; the README's configuration table lists the same
variables. Settings are read when asked for (`Settings.from_env()`), never at import, so a test can set them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_TARGETS = ROOT / "targets.yaml"
SHIPPED_UNITS = ROOT / "data" / "units.yaml"


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    """Settings read from TRACKER_* environment variables, with the shipped defaults."""

    targets_path: Path
    units_path: Path
    database_url: str
    max_upload_mb: float = 20
    lang: str = "zh"
    session_idle_minutes: float = 30
    signin_delay: float = 1
    operator: str = "cli"
    trusted_proxies: tuple[str, ...] = ()
    busy_timeout: float = 120
    warm_views: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        db = env.get("TRACKER_DATABASE_URL") or f"sqlite:///{ROOT / 'data' / 'tracker.db'}"
        return cls(
            targets_path=Path(env.get("TRACKER_TARGETS") or SHIPPED_TARGETS),
            units_path=Path(env.get("TRACKER_UNITS") or SHIPPED_UNITS),
            database_url=db,
            max_upload_mb=_float(env, "TRACKER_MAX_UPLOAD_MB", 20),
            lang="en" if (env.get("TRACKER_LANG") or "zh").lower().startswith("en") else "zh",
            session_idle_minutes=_float(env, "TRACKER_SESSION_IDLE_MINUTES", 30),
            signin_delay=_float(env, "TRACKER_SIGNIN_DELAY", 1),
            operator=env.get("USER") or "cli",
            busy_timeout=_float(env, "TRACKER_BUSY_TIMEOUT", 120),
            trusted_proxies=tuple(p.strip() for p in (env.get("TRACKER_TRUSTED_PROXIES") or "").split(",")
                                  if p.strip()),
            warm_views=(env.get("TRACKER_WARM_VIEWS") or "on").strip().lower() not in ("off", "0", "false", "no"),
        )

    def with_registers(self, targets: str | Path | None, units: str | Path | None) -> Settings:
        """The same settings with other register files (the CLI's --targets and --units)."""
        return replace(self, targets_path=Path(targets) if targets else self.targets_path,
                       units_path=Path(units) if units else self.units_path)

    @property
    def shipped_registers(self) -> bool:
        """Whether the registers are the ones shipped with the tracker (the demo describes only those)."""
        return (self.targets_path.resolve(), self.units_path.resolve()) == (SHIPPED_TARGETS, SHIPPED_UNITS)
