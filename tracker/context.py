"""Opening the tracker: registers loaded, database upgraded and in sync."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from tracker.config import Settings
from tracker.db import init_lock, make_engine, session, upgrade
from tracker.register import Register, load_register
from tracker.store import sync_register


@dataclass(frozen=True)
class Tracker:
    """The loaded register and a ready database engine."""

    settings: Settings
    register: Register
    engine: Engine


def open_tracker(settings: Settings | None = None, *, register: Register | None = None) -> Tracker:
    """Load the registers (RegisterError if invalid), create or upgrade the database, sync the registers."""
    settings = settings or Settings.from_env()
    register = register or load_register(settings.targets_path, settings.units_path)
    engine = make_engine(settings.database_url)
    with init_lock(engine):
        upgrade(engine)
        with session(engine) as s:
            sync_register(session=s, register=register)
            s.commit()
    return Tracker(settings=settings, register=register, engine=engine)
