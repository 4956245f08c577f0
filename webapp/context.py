"""What every page shares: the loaded tracker (register and database) and the data version.

The register is watched on disk (a planner's edit is picked up; a broken edit keeps the last valid register
serving), the tracker is opened once per register, and `version()` changes with every stored import and every
register change, so the cached views (`webapp.views`) are recomputed exactly when they must be.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from sqlmodel import Session

from tracker.access.roles import Actor
from tracker.core.errors import TrackerError
from tracker.core.settings import Settings
from tracker.engine.plans import plan_view
from tracker.register import Register
from tracker.register.source import RegisterSource, RegisterState
from tracker.storage.db import session
from tracker.storage.opening import Tracker, open_tracker
from tracker.storage.values import data_version
from tracker.wording.tables import local_time
from webapp.errors import problems_table, show_error
from webapp.language import t
from webapp.navigation import ensure_navigation
from webapp.opened import log_upgrade


def settings() -> Settings:
    return Settings.from_env()


@st.cache_resource
def _source(targets: str, units: str) -> RegisterSource:
    return RegisterSource(Path(targets), Path(units))


@st.cache_resource
def _opened(url: str, targets: str, units: str, loaded_at: str) -> Tracker:
    """The tracker for one loaded register; the first call creates or upgrades the database."""
    state = _source(targets, units).state()
    assert state.register is not None
    return open_tracker(Settings.from_env(), register=state.register, notice=log_upgrade)


def register_state() -> RegisterState:
    s = settings()
    return _source(str(s.targets_path), str(s.units_path)).state()


def tracker() -> Tracker:
    """The loaded tracker; stops the page with the register's problems if no valid register was ever loaded."""
    ensure_navigation()  # a page run on its own (AppTest, a plain `streamlit run`) keeps dashboard.py's navigation
    s = settings()
    state = register_state()
    if state.register is None:
        st.error(t("register.invalid", count=len(state.problems)))
        problems_table(state.problems)
        st.stop()
    # no warning here: this runs inside cached views too, and Streamlit would replay the warning on every cache
    # hit (in the language, and long after the fix, of the run that filled the cache); see register_banner
    try:
        return _opened(s.database_url, str(s.targets_path), str(s.units_path), str(state.loaded_at))
    except TrackerError as exc:
        show_error(exc)
        st.stop()


def register_banner(who: Actor) -> None:
    """Once a page, to those who can fix it (the register's editors): the register file on disk is broken and the
    last valid one (loaded at a Beijing time) is still in use, with a link to the page listing every problem."""
    state = register_state()
    if not state.stale or not who.can("register"):
        return
    with st.container(border=True):
        st.warning(t("register.using_last_valid", loaded_at=local_time(state.loaded_at), count=len(state.problems)),
                   icon=":material/warning:")
        st.page_link("pages/register.py", label=t("register.see_problems"), icon=":material/menu_book:")


def register() -> Register:
    return tracker().register


@contextmanager
def db() -> Iterator[Session]:
    with session(tracker().engine) as s:
        yield s


@st.cache_data(ttl=5, show_spinner=False)
def _version(url: str) -> str:
    with db() as s:
        return data_version(session=s)


def version() -> str:
    """The data version (read at most every few seconds) and the register's fingerprint."""
    return _version(tracker().settings.database_url) + "/" + register().fingerprint


@st.cache_resource(max_entries=32, show_spinner=False)
def _plan_view(version_key: str, plan: str) -> Register:
    with db() as s:
        return plan_view(session=s, register=register(), plan=plan)


def plan_register(plan: str) -> Register:
    """The register viewing one plan, its baselines taken from the data filled in (per data version)."""
    return _plan_view(version(), plan)


def data_changed() -> None:
    """After this session stored something: every view is recomputed at once."""
    _version.clear()
