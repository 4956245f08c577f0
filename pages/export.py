"""导出: the evaluation packs, the monthly briefing and the department table, made from the stored data."""

import datetime as dt

import streamlit as st

import ui
import ui_access
from tracker.reports.briefing import Issue, briefing_data, next_issue
from tracker.reports.briefing_text import briefing_document
from tracker.reports.exports import (
    BRIEFING_FORMATS,
    DEPARTMENT_FORMATS,
    EVALUATION_FORMATS,
    briefing_export,
    departments_export,
    evaluation_export,
)
from tracker.reports.markdown_writer import render

who = ui_access.need("export")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("export.title"))
st.caption(ui.t("export.caption"))
ui.sample_banner()
months = ui.period_options(reg)
month_labels = ui.period_labels(months)
formats = {f: f[1:].upper() for f in (*EVALUATION_FORMATS, *BRIEFING_FORMATS)}


def offer(key: str, make: object) -> None:
    """A button that makes the file, then its download button (files are made on request, not on every view)."""
    if st.button(ui.t("export.make"), key=f"make_{key}", type="primary"):
        with st.spinner(ui.t("export.making")):
            st.session_state[f"file_{key}"] = make()  # type: ignore[operator]
    made = st.session_state.get(f"file_{key}")
    if made is not None:
        st.download_button(ui.t("export.download", name=made.name), made.data, file_name=made.name, mime=made.mime,
                           key=f"download_{key}")


tab_eval, tab_brief, tab_dept = st.tabs([ui.t("export.tab_evaluation"), ui.t("export.tab_briefing"),
                                        ui.t("export.tab_departments")])
with tab_eval:
    kinds = {"annual": ui.t("export.kind_annual"), "midterm": ui.t("export.kind_midterm"),
             "final": ui.t("export.kind_final")}
    c1, c2, c3, c4 = st.columns(4)
    kind = c1.selectbox(ui.t("export.kind"), list(kinds), format_func=kinds.__getitem__, key="eval_kind")
    checkpoint = {"midterm": "2018-06", "final": reg.plan.end}.get(kind)
    as_of = c2.selectbox(ui.t("ov.as_of"), months, format_func=month_labels.__getitem__, key=f"eval_as_of_{kind}",
                         index=months.index(checkpoint) if checkpoint in months else 0)
    scopes = {None: ui.t("export.whole_district"), **{u.code: u.name(lang) for u in reg.units.values()
                                                      if u.type != "district"}}
    unit = c3.selectbox(ui.t("export.scope"), list(scopes), format_func=scopes.__getitem__, key="eval_unit")
    fmt = c4.radio(ui.t("export.format"), EVALUATION_FORMATS, format_func=formats.__getitem__, key="eval_format",
                   horizontal=True)
    st.caption(ui.t("export.evaluation_help"))

    def make_pack() -> object:
        with ui.db() as s:
            return evaluation_export(session=s, register=reg, kind=kind, as_of=as_of, unit=unit, suffix=fmt, lang=lang)

    offer(f"eval_{kind}_{as_of}_{unit}_{fmt}", make_pack)

with tab_brief:
    c1, c2, c3 = st.columns(3)
    month = c1.selectbox(ui.t("export.month"), months, format_func=month_labels.__getitem__, key="brief_month")
    with ui.db() as s:
        auto = next_issue(session=s, month_code=month)
    number = c2.number_input(ui.t("export.issue"), min_value=1, value=auto.number, key=f"brief_issue_{month}")
    total = c3.number_input(ui.t("export.total"), min_value=1, value=auto.total, key=f"brief_total_{month}")
    d1, d2 = st.columns(2)
    date = d1.date_input(ui.t("export.date"), value=dt.date.today(), key="brief_date")
    bfmt = d2.radio(ui.t("export.format"), BRIEFING_FORMATS, format_func=formats.__getitem__, key="brief_format",
                    horizontal=True)
    issue = Issue(int(month[:4]), int(number), int(total))
    with ui.db() as s:
        preview = briefing_document(briefing_data(session=s, register=reg, month_code=month, issue=issue, date=date),
                                    reg, lang)
    with st.expander(ui.t("export.preview"), expanded=True):
        st.markdown(render(preview))

    def make_briefing() -> object:
        with ui.db() as s:
            return briefing_export(session=s, register=reg, month=month, suffix=bfmt, issue=issue, date=date,
                                   user=who.name, lang=lang)

    offer(f"brief_{month}_{number}_{total}_{bfmt}", make_briefing)

with tab_dept:
    c1, c2 = st.columns(2)
    periods = ui.period_options(reg, ("half_year", "year", "quarter", "month"))
    period = c1.selectbox(ui.t("export.period"), periods, format_func=ui.period_labels(periods).__getitem__,
                          key="dept_period")
    dfmt = c2.radio(ui.t("export.format"), DEPARTMENT_FORMATS, format_func=lambda f: f[1:].upper(), key="dept_format",
                    horizontal=True)

    def make_departments() -> object:
        with ui.db() as s:
            return departments_export(session=s, register=reg, period=period, suffix=dfmt, lang=lang)

    offer(f"dept_{period}_{dfmt}", make_departments)
