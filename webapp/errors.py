"""The one place errors reach the user: a named error in the UI language, with its table of problems."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st
from sqlalchemy.engine import make_url

from tracker.core.errors import Problem, ProblemsError, TrackerError
from tracker.core.settings import Settings
from tracker.storage.faults import STORAGE_ERRORS, storage_error
from tracker.wording.problems import problems_frame
from webapp.language import lang
from webapp.safe import plain


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Show problems as a table that wraps long messages (file, line, column, value, message); return it.
    st.table renders its cells as Markdown, and an uploaded cell can hold a link or an image: every cell is
    escaped to show as itself."""
    frame = problems_frame(problems, lang())
    shown = frame.fillna("—").astype(str).map(plain)
    st.table(shown.set_index(shown.columns[0]))
    return frame


@contextmanager
def said() -> Iterator[None]:
    """Whatever runs inside: a named error or a storage fault (read-only, full, locked, a server down, a NUL
    byte) reaches the user as its message; Streamlit's own controls (stop, rerun) pass through."""
    try:
        yield
    except TrackerError as exc:
        show_error(exc)
    except STORAGE_ERRORS as exc:
        show_error(storage_error(exc, where=_database()))


def _database() -> str:
    url = make_url(Settings.from_env().database_url)
    return url.database or "" if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def show_error(exc: TrackerError) -> None:
    """A named error: its message, and every problem it carries."""
    st.error(plain(exc.text(lang())))
    if isinstance(exc, ProblemsError):
        problems_table(exc.problems)
