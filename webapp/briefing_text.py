"""The 导出 page's form for the briefing's own sections of a month: each section's stored text, who saved it when,
the provincial score and rank; saved through `tracker.reports.briefing.office` (planners only)."""

from __future__ import annotations

import streamlit as st

from tracker.access.roles import Actor
from tracker.core.errors import EditConflict, TrackerError
from tracker.core.i18n import msg
from tracker.core.periods import parse_period
from tracker.reports.briefing.office import (
    MAX_CHARS,
    SECTIONS,
    OfficeEdit,
    OfficeEntry,
    current_entries,
    office_history,
    save_office_texts,
)
from tracker.wording.tables import local_time
from webapp.context import db
from webapp.errors import show_error
from webapp.language import lang, t
from webapp.safe import plain


def _by(entry: OfficeEntry | None) -> str:
    if entry is None or not (entry.text or entry.score is not None or entry.rank is not None):
        return t("office.empty")
    return t("office.by", user=plain(entry.user), at=local_time(entry.created_at), n=entry.revision)


def form(month: str, who: Actor | None) -> None:
    """The sections of the month's briefing the office writes, in an expander above the preview."""
    with db() as s:
        current = current_entries(session=s, month=month)
        history = office_history(session=s, month=month)
    saved = st.session_state.pop(f"office_saved_{month}", None)  # said once after the save's rerun
    with st.expander(t("office.form_title", month=parse_period(month).label(lang())), expanded=saved is not None):
        st.caption(t("office.form_help"))
        if saved:
            st.success(t("office.saved", sections=msg("sep.list", lang()).join(t(f"office.section.{x}")
                                                                              for x in saved)))
        if who is None or not who.can("briefing_text"):
            st.info(t("office.readonly"))
            return
        base = _shown(month, current)
        with st.form(f"office_{month}", enter_to_submit=False):
            edits = [_section(month, section, current.get(section)) for section in SECTIONS]
            if st.form_submit_button(t("office.save"), type="primary"):
                _save(month, who, edits, base, current)
        if st.session_state.get(f"office_{month}_conflict"):
            st.button(t("form.load_latest"), key=f"office_{month}_reload", on_click=_reload, args=(month,))
        _history(history)


def _shown(month: str, current: dict[str, OfficeEntry]) -> dict[str, int]:
    """Each section's revision the form was first shown with: what a save is checked against, so that another
    planner's save in between is never overwritten unseen (kept until this form saves or reloads)."""
    key = f"office_{month}_base"
    if key not in st.session_state:
        st.session_state[key] = {section: e.revision for section, e in current.items()}
    return dict(st.session_state[key])


def _reload(month: str) -> None:
    """Forget what the form holds: its fields and the revisions it was shown are read again from the database."""
    for key in [k for k in st.session_state if str(k).startswith(f"office_{month}_")]:
        del st.session_state[key]


def _section(month: str, section: str, entry: OfficeEntry | None) -> OfficeEdit:
    """One section's inputs (the ranking's score and rank first); what they hold now."""
    title = t("office.form_assessment") if section == "assessment" else t(f"office.section.{section}")
    score: float | None = None
    rank: int | None = None
    if section == "ranking":
        title = t("office.ranking_comment")
        c1, c2 = st.columns(2)
        score = c1.number_input(t("office.score"), min_value=0.0, max_value=100.0, step=0.1, format="%g",
                                value=entry.score if entry else None, key=f"office_{month}_score")
        got = c2.number_input(t("office.rank"), min_value=1, step=1, value=entry.rank if entry else None,
                              key=f"office_{month}_rank")
        rank = None if got is None else int(got)
    text = st.text_area(title, value=entry.text if entry else "", max_chars=MAX_CHARS, height=120,
                        key=f"office_{month}_{section}")
    st.caption(_by(entry))
    return OfficeEdit(section, text, score, rank)


def _save(month: str, who: Actor, edits: list[OfficeEdit], base: dict[str, int],
          current: dict[str, OfficeEntry]) -> None:
    try:
        with db() as s:
            saved = save_office_texts(session=s, actor=who, month=month, edits=edits, based_on=base)
    except EditConflict as exc:
        show_error(exc)
        # said once: the form now counts as shown the newer text, so saving again replaces it on purpose
        st.session_state[f"office_{month}_base"] = {section: e.revision for section, e in current.items()}
        st.session_state[f"office_{month}_conflict"] = True
        return
    except TrackerError as exc:
        show_error(exc)
        return
    if not saved:
        st.info(t("office.unchanged"))
        return
    _reload(month)  # every field read again: sections another planner saved meanwhile show their text
    st.session_state[f"office_saved_{month}"] = saved
    st.rerun()


def _history(history: list[OfficeEntry]) -> None:
    if not history:
        return
    with st.expander(t("office.history", n=len(history))):
        for e in history:
            st.caption(t("office.history_line", section=t(f"office.section.{e.section}"), user=plain(e.user),
                         at=local_time(e.created_at), n=e.revision))
            if e.score is not None or e.rank is not None:
                st.text(t("office.numbers", score=e.score if e.score is not None else "—",
                          rank=e.rank if e.rank is not None else "—"))
            st.text(e.text or "—")
