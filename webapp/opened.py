"""The tracker as the HTTP routes see it (the cookie route, the API): the register watched on disk like the pages
see it (a broken edit keeps the last valid register), the database opened once per loaded register."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from tracker.core.errors import RegisterError
from tracker.core.i18n import as_lang, msg
from tracker.core.settings import Settings
from tracker.register.source import RegisterSource
from tracker.storage.opening import Tracker, open_tracker

LOG = logging.getLogger("tracker.app")


def log_upgrade(old: str, new: str) -> None:
    """An upgrade of the database's schema, said in the server's log before it runs (it may take minutes, and the
    first page waits for it)."""
    LOG.warning(msg("init.upgrading", as_lang(Settings.from_env().lang), old=old, new=new))


@lru_cache(maxsize=8)
def _source(targets: str, units: str) -> RegisterSource:
    return RegisterSource(Path(targets), Path(units))


@lru_cache(maxsize=8)
def _opened(url: str, targets: str, units: str, loaded_at: str) -> Tracker:
    state = _source(targets, units).state()
    assert state.register is not None
    return open_tracker(Settings.from_env(), register=state.register, notice=log_upgrade)


def current_tracker() -> Tracker:
    """The loaded tracker; RegisterError when no valid register was ever loaded."""
    s = Settings.from_env()
    state = _source(str(s.targets_path), str(s.units_path)).state()
    if state.register is None:
        raise RegisterError("register.invalid", state.problems)
    return _opened(s.database_url, str(s.targets_path), str(s.units_path), str(state.loaded_at))
