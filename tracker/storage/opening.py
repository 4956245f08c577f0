"""Opening the tracker: registers loaded, database upgraded and in sync, the register's version on record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from tracker.core.settings import Settings
from tracker.register import Register
from tracker.register.cache import cached_register
from tracker.storage.db import init_lock, make_engine, session, upgrade
from tracker.storage.register_tables import REGISTER_HASH, sync_register
from tracker.storage.register_versions import record_version
from tracker.storage.values import get_meta


@dataclass(frozen=True)
class Tracker:
    """The loaded register and a ready database engine."""

    settings: Settings
    register: Register
    engine: Engine


def open_tracker(settings: Settings | None = None, *, register: Register | None = None,
                 notice: Callable[[str, str], None] | None = None) -> Tracker:
    """Load the registers (RegisterError if invalid), create or upgrade the database (`notice(from, to)` told
    before an existing schema is upgraded), sync the registers."""
    settings = settings or Settings.from_env()
    register = register or cached_register(settings.targets_path, settings.units_path)
    engine = make_engine(settings.database_url)
    with init_lock(engine):
        upgrade(engine, notice=notice)
        with session(engine) as s:
            previous = get_meta(session=s, key=REGISTER_HASH)
            if sync_register(session=s, register=register) or previous is None:
                record_version(session=s, register=register, previous=previous)
            s.commit()
    return Tracker(settings=settings, register=register, engine=engine)
