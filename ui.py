"""Shared pieces of the Streamlit pages: language, the cached tracker, pickers, and error display."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlmodel import Session

from tracker.config import Settings
from tracker.context import Tracker, open_tracker
from tracker.db import session
from tracker.errors import Problem, ProblemsError, TrackerError, problems_frame
from tracker.i18n import Lang, as_lang, msg
from tracker.periods import Period, month, of_kind, parse_period
from tracker.register import Register
from tracker.register.source import RegisterSource, RegisterState
from tracker.store import holds_sample_data, latest_period_end


def ensure_navigation() -> None:
    """Use dashboard.py's st.navigation, never Streamlit's legacy `pages/` folder mode.

    Streamlit switches to its legacy multipage mode whenever a folder named `pages` sits next to the
    entry script, until the entry script has called st.navigation once. `make run` starts the server
    through `serve()`, which turns the legacy mode off before the first visitor; this is the fallback
    for a plain `streamlit run dashboard.py`.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def serve(argv: list[str]) -> int:
    """Start the Streamlit server on dashboard.py with the legacy pages-folder mode off from the start."""
    import sys

    from streamlit.web import cli

    ensure_navigation()
    sys.argv = ["streamlit", "run", str(Path(__file__).with_name("dashboard.py")), *argv]
    return int(cli.main() or 0)


def lang() -> Lang:
    """The UI language chosen in the sidebar (zh by default)."""
    return as_lang(st.session_state.get("lang", "zh"))


def remember_lang() -> None:
    """Keep the language chosen in the sidebar in a plain session key, so it survives page switches."""
    st.session_state["lang"] = st.session_state.get("lang_choice", "zh")


def t(key: str, **params: object) -> str:
    """A message in the UI language."""
    return msg(key, lang(), **params)


@st.cache_resource
def _source(targets: str, units: str) -> RegisterSource:
    return RegisterSource(Path(targets), Path(units))


@st.cache_resource
def _opened(url: str, targets: str, units: str, loaded_at: str) -> Tracker:
    """The tracker for one loaded register; the first call creates or upgrades the database."""
    state = _source(targets, units).state()
    assert state.register is not None
    return open_tracker(Settings.from_env(), register=state.register)


def register_state() -> RegisterState:
    s = Settings.from_env()
    return _source(str(s.targets_path), str(s.units_path)).state()


def tracker() -> Tracker:
    """The loaded tracker; stops the page with the register's problems if no valid register was ever loaded."""
    ensure_navigation()
    s = Settings.from_env()
    state = register_state()
    if state.register is None:
        st.error(t("register.invalid", count=len(state.problems)))
        problems_table(state.problems)
        st.stop()
    if state.stale:
        st.warning(t("register.using_last_valid", loaded_at=f"{state.loaded_at:%Y-%m-%d %H:%M:%S} UTC"))
    try:
        return _opened(s.database_url, str(s.targets_path), str(s.units_path), str(state.loaded_at))
    except TrackerError as exc:
        show_error(exc)
        st.stop()


def register() -> Register:
    return tracker().register


@contextmanager
def db() -> Iterator[Session]:
    with session(tracker().engine) as s:
        yield s


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Show problems as a table (file, line, column, value, message) and return it."""
    frame = problems_frame(problems, lang())
    st.dataframe(frame, hide_index=True, width="stretch")
    return frame


def show_error(exc: TrackerError) -> None:
    """The one place errors are shown to the user."""
    st.error(exc.text(lang()))
    if isinstance(exc, ProblemsError):
        problems_table(exc.problems)


def sample_banner() -> None:
    """The 示例数据 banner when the database holds the demo."""
    with db() as s:
        if holds_sample_data(session=s):
            st.info(t("ui.sample_banner"), icon=":material/science:")


def latest_month() -> Period | None:
    with db() as s:
        end = latest_period_end(session=s)
    return month(end) if end is not None else None


def period_options(reg: Register, kind: str = "month") -> list[str]:
    """Periods of the plan, newest first, starting from the latest month with data (or the plan's end)."""
    first, end = parse_period(reg.plan.start), parse_period(reg.plan.end)
    last = latest_month()
    stop = min(last.end, end.end) if last is not None else end.end
    periods = {of_kind(kind, m).code: None for m in range(stop, first.start - 1, -1)  # type: ignore[arg-type]
               if of_kind(kind, m).end <= stop}  # type: ignore[arg-type]
    return list(periods)


def as_of_and_window() -> tuple[str, str]:
    """The as-of month and window pickers shared by the progress pages (kept across pages)."""
    from tracker.engine.windows import WINDOW_KINDS

    reg = register()
    latest = latest_month()
    if latest is None:
        st.info(t("ui.no_data"))
        st.stop()
    options = period_options(reg)
    c1, c2 = st.columns(2)
    as_of = c1.selectbox(t("ov.as_of"), options, key="as_of",
                         index=options.index(st.session_state.get("_as_of", options[0])))
    # The key carries the language: the labels change with it, the choice is kept in "_window".
    labels = {k: t(f"window.{k}") for k in WINDOW_KINDS}
    window = c2.selectbox(t("ov.window"), WINDOW_KINDS, key=f"window_{lang()}",
                          index=WINDOW_KINDS.index(st.session_state.get("_window", "ytd")),
                          format_func=labels.__getitem__)
    st.session_state["_as_of"], st.session_state["_window"] = as_of, window
    return as_of, window


def show_units(df: pd.DataFrame) -> None:
    """A per-unit table with localized headers, counts with thousands separators, sortable."""
    from tracker.engine.tables import COUNT_COLUMNS, unit_table

    table = unit_table(df, lang())
    counts = {t(f"ucol.{c}") for c in COUNT_COLUMNS}
    config = {c: st.column_config.NumberColumn(c, format="localized") for c in table.columns if c in counts}
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
