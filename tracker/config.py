"""Where things are: paths and settings from the environment, with the shipped defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Settings read from TRACKER_* environment variables."""

    targets_path: Path
    units_path: Path
    database_url: str
    max_upload_mb: float

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        db = env.get("TRACKER_DATABASE_URL") or f"sqlite:///{ROOT / 'data' / 'tracker.db'}"
        return cls(
            targets_path=Path(env.get("TRACKER_TARGETS") or ROOT / "targets.yaml"),
            units_path=Path(env.get("TRACKER_UNITS") or ROOT / "data" / "units.yaml"),
            database_url=db,
            max_upload_mb=float(env.get("TRACKER_MAX_UPLOAD_MB") or 20),
        )
