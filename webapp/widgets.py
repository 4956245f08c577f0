"""Pieces several pages show: read-only tables, the sample-data banner, user text as text, the narrative form."""

from __future__ import annotations

from typing import Literal

import pandas as pd
import streamlit as st

from tracker.access.roles import Actor
from tracker.core.errors import TrackerError
from tracker.core.periods import parse_period
from tracker.reports.narratives import NarrativeText, narrative_history, save_narrative
from tracker.storage.values import holds_sample_data
from tracker.wording.tables import local_time
from webapp.context import db, register
from webapp.errors import show_error
from webapp.language import lang, t
from webapp.safe import plain


def table(df: pd.DataFrame, height: Literal["auto", "content"] | int = "auto") -> None:
    """A read-only table, full width, no index ("content": as tall as its rows, no scrolling box); a missing
    text cell shows "—", never None; a table without rows says so in the reader's language (Streamlit would
    draw an empty grid saying "empty"); the first column is pinned."""
    if df.empty:
        st.caption(t("ui.no_rows"))
        return
    text = [c for c in df.columns if df[c].dtype == object]
    shown = df.assign(**{str(c): df[c].where(df[c].notna(), "—") for c in text}) if text else df
    # the first column names the row: pinned, it stays in view when a narrow screen scrolls the rest sideways
    st.dataframe(shown, hide_index=True, width="stretch", height=height,
                 column_config={str(df.columns[0]): st.column_config.Column(pinned=True)})


def sample_banner() -> None:
    """The 示例数据 banner when the database holds the demo."""
    with db() as s:
        if holds_sample_data(session=s):
            st.info(t("ui.sample_banner"), icon=":material/science:")


def narrative(target: str, period: str, who: Actor | None) -> None:
    """分析与措施 of a target for a period: the current text (as plain text), who wrote it, its history, a form."""
    st.subheader(t("detail.narrative", period=parse_period(period).label(lang())))
    with db() as s:
        history = narrative_history(session=s, target=target, period=period)
    current = history[0] if history else None
    if current is None:
        st.info(t("narrative.none"))
    else:
        st.markdown(f"**{t('narrative.analysis')}**")
        st.text(current.analysis or "—")
        st.markdown(f"**{t('narrative.measures')}**")
        st.text(current.measures or "—")
        st.caption(t("narrative.by", user=plain(current.user), at=local_time(current.created_at), n=len(history)))
    if who is None or not who.can("narrative"):
        history_expander(history)
        return
    with st.expander(t("narrative.edit")), st.form(f"narrative_{target}_{period}", enter_to_submit=False):
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


def history_expander(history: list[NarrativeText]) -> None:
    if len(history) > 1:
        with st.expander(t("narrative.history", n=len(history))):
            for i, old in enumerate(history[1:], start=1):
                st.caption(t("narrative.by", user=plain(old.user), at=local_time(old.created_at), n=len(history) - i))
                st.text(f"{old.analysis}\n{old.measures}")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV for Excel (UTF-8 with BOM); a cell that would start a formula is written as text."""
    from tracker.core.safecells import csv_cell

    return frame.map(lambda v: csv_cell(v) if isinstance(v, str) else v).to_csv(index=False).encode("utf-8-sig")


def printable_overview(who: Actor, as_of: str, window: str) -> None:
    """Make the overview's printable page on request (each export is audited), then offer PDF and PNG."""
    from tracker.reports.catalogue import overview_export

    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    # dated for the meeting it is printed for (as the 导出 page's documents); left empty: stamped with the time made
    day = c1.date_input(t("export.date"), value=None, key="print_date", format="YYYY-MM-DD", help=t("print.date_help"))
    key = (as_of, window, lang(), day)
    if c2.button(t("print.make"), icon=":material/print:", key="print_make"):
        with db() as s:
            st.session_state["print_made"] = (key, [overview_export(session=s, register=register(), actor=who,
                                                                     as_of=as_of, window=window, suffix=suffix,
                                                                     lang=lang(), date=day)
                                                    for suffix in (".pdf", ".png")])
    made_for, made = st.session_state.get("print_made", (None, []))
    if made and made_for == key:
        c1, c2 = st.columns(2)
        for col, export, label in zip((c1, c2), made, ("print.pdf", "print.png"), strict=True):
            col.download_button(t(label), export.data, file_name=export.name, mime=export.mime,
                                icon=":material/download:", key=f"print_{label}")
