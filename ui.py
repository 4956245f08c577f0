"""Shared pieces of the Streamlit pages: language, the cached tracker and views, pickers, tables, errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

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
from tracker.store import data_version, holds_sample_data, latest_period_end

T = TypeVar("T")


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
    """The UI language: the sidebar's choice, else the link's ?lang=, else Chinese."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = as_lang(st.query_params.get("lang", "zh"))
    return as_lang(st.session_state["lang"])


def remember_lang() -> None:
    """Keep the language chosen in the sidebar for this session and in the address (?lang=en), so a reload
    or a shared link opens in the same language."""
    st.session_state["lang"] = st.session_state.get("lang_choice", "zh")
    keep_lang_in_link()


def keep_lang_in_link() -> None:
    if st.query_params.get("lang") != lang():
        st.query_params["lang"] = lang()


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


@st.cache_data(ttl=5, show_spinner=False)
def _version(url: str) -> str:
    with db() as s:
        return data_version(session=s)


def version() -> str:
    """The data version (changes with every stored import), read at most every few seconds."""
    return _version(tracker().settings.database_url) + "/" + register().fingerprint


def data_changed() -> None:
    """After this session stored something: every view is recomputed at once."""
    _version.clear()


@st.cache_data(max_entries=512, show_spinner=False)
def _view(name: str, key: str, kwargs: tuple[tuple[str, Any], ...]) -> Any:
    fn: Callable[..., Any] = VIEWS[name]
    with db() as s:
        return fn(session=s, register=register(), **dict(kwargs))


def view(name: str, **kwargs: Any) -> Any:
    """A view of the engine (overview, target detail, scorecard, unit profile, completeness), cached per data
    version: a warm page does no database work beyond reading the version every few seconds."""
    return _view(name, version(), tuple(sorted(kwargs.items())))


def _views() -> dict[str, Callable[..., Any]]:
    from tracker.completeness import completeness
    from tracker.engine.progress import progress_rows
    from tracker.engine.scorecard import scorecard
    from tracker.engine.views import overview, target_detail, unit_profile

    return {"overview": overview, "target_detail": target_detail, "scorecard": scorecard,
            "unit_profile": unit_profile, "progress": progress_rows, "completeness": completeness}


VIEWS = _views()


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Show problems as a table that wraps long messages (file, line, column, value, message); return it."""
    frame = problems_frame(problems, lang())
    st.table(frame.fillna("—").astype(str).set_index(frame.columns[0]))
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


def period_options(reg: Register, kinds: tuple[str, ...] = ("month",)) -> list[str]:
    """Periods of the plan that have ended, newest first (from the latest month with data, or the plan's end);
    months, then quarters, half-years and years when asked for."""
    first, end = parse_period(reg.plan.start), parse_period(reg.plan.end)
    last = latest_month()
    stop = min(last.end, end.end) if last is not None else end.end
    out: list[str] = []
    for kind in kinds:
        out += list({of_kind(kind, m).code: None for m in range(stop, first.start - 1, -1)  # type: ignore[arg-type]
                     if of_kind(kind, m).end <= stop})  # type: ignore[arg-type]
    return out


def period_labels(codes: list[str]) -> dict[str | None, str]:
    """'2019-06' → '2019年6月' / 'Jun 2019' (prebuilt: AppTest calls format functions outside the session)."""
    return {c: parse_period(c).label(lang()) for c in codes}


def as_of_and_window() -> tuple[str, str]:
    """The as-of month and window pickers shared by the progress pages (kept across pages)."""
    from tracker.engine.windows import WINDOW_KINDS

    reg = register()
    latest = latest_month()
    if latest is None:
        st.info(t("ui.no_data"))
        st.stop()
    options = period_options(reg)
    labels = period_labels(options)
    c1, c2 = st.columns(2)
    as_of = c1.selectbox(t("ov.as_of"), options, key="as_of", format_func=labels.__getitem__,
                         index=options.index(st.session_state.get("_as_of", options[0])))
    # The key carries the language: the labels change with it, the choice is kept in "_window".
    windows = {k: t(f"window.{k}") for k in WINDOW_KINDS}
    window = c2.selectbox(t("ov.window"), WINDOW_KINDS, key=f"window_{lang()}",
                          index=WINDOW_KINDS.index(st.session_state.get("_window", "ytd")),
                          format_func=windows.__getitem__)
    st.session_state["_as_of"], st.session_state["_window"] = as_of, window
    return as_of, window


def table(df: pd.DataFrame) -> None:
    """A read-only table, full width, no index."""
    st.dataframe(df, hide_index=True, width="stretch")


def plain(text: str) -> str:
    """Text from a user (a file name, a note) shown as itself: Markdown's marks escaped, no links, no images."""
    import re

    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", text)


def multiline(text: str) -> str:
    """Plain text with its line breaks kept, for st.markdown."""
    return plain(text).replace("\n", "  \n")


def narrative(target: str, period: str, who: Any) -> None:
    """分析与措施 of a target for a period: the current text (as plain text), who wrote it, its history, a form."""
    from tracker.engine.tables import local_time
    from tracker.narratives import narrative_history, save_narrative

    st.subheader(t("detail.narrative", period=parse_period(period).label(lang())))
    with db() as s:
        history = narrative_history(session=s, target=target, period=period)
    current = history[0] if history else None
    if current is None:
        st.info(t("narrative.none"))
    else:
        st.markdown(f"**{t('narrative.analysis')}**  \n" + multiline(current.analysis or "—"))
        st.markdown(f"**{t('narrative.measures')}**  \n" + multiline(current.measures or "—"))
        st.caption(t("narrative.by", user=plain(current.user), at=local_time(current.created_at), n=len(history)))
    if who is None or not who.can("narrative"):
        history_expander(history)
        return
    with st.expander(t("narrative.edit")), st.form(f"narrative_{target}_{period}"):
        analysis = st.text_area(t("narrative.analysis"), value=current.analysis if current else "", max_chars=5000)
        measures = st.text_area(t("narrative.measures"), value=current.measures if current else "", max_chars=5000)
        if st.form_submit_button(t("narrative.save")):
            try:
                with db() as s:
                    save_narrative(session=s, register=register(), actor=who, target=target, period=period,
                                   analysis=analysis, measures=measures)
            except TrackerError as exc:
                show_error(exc)
            else:
                st.success(t("narrative.saved"))
                st.rerun()
    history_expander(history)


def history_expander(history: list[Any]) -> None:
    from tracker.engine.tables import local_time

    if len(history) > 1:
        with st.expander(t("narrative.history", n=len(history))):
            for i, old in enumerate(history[1:], start=1):
                st.caption(t("narrative.by", user=plain(old.user), at=local_time(old.created_at), n=len(history) - i))
                st.markdown(multiline(f"{old.analysis}\n{old.measures}"))
