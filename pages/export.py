"""导出: the evaluation packs, the monthly briefing, the department table and the unit's self-evaluation, made from
the stored data; a unit's clerk (who may not export) finds only its own self-evaluation text here."""

import datetime as dt

import streamlit as st

from tracker.engine.plans import plan_view
from tracker.reports.briefing.figures import Issue, briefing_data, next_issue
from tracker.reports.briefing.text import briefing_document
from tracker.reports.catalogue import (
    BRIEFING_FORMATS,
    DEPARTMENT_FORMATS,
    EVALUATION_FORMATS,
    SELF_EVALUATION_FORMATS,
    briefing_export,
    departments_export,
    evaluation_export,
    self_evaluation_export,
)
from tracker.reports.evaluation.analysis import missing_note, narratives_missing
from tracker.reports.writers.markdown import render
from webapp import briefing_text, context, language, pickers, safe, signin, widgets
from webapp.language import t
from webapp.selftext_form import own_units_form, self_text_form

who = signin.need(("export", "self_text"))
plan = pickers.current_plan()
reg = pickers.plan_view()
lang = language.lang()
st.title(t("export.title"))
st.caption(t("export.caption" if who.can("export") else "selftext.clerk_caption"))
widgets.sample_banner()
months = pickers.period_options()  # the chosen plan's (evaluation packs)
month_labels = pickers.period_labels(months)
all_months = pickers.period_options(whole=True)  # any month with data (briefings)
all_labels = pickers.period_labels(all_months)
formats = {f: f[1:].upper() for f in (*EVALUATION_FORMATS, *BRIEFING_FORMATS)}
if not who.can("export"):  # a unit's clerk: its own units' self-evaluation text, nothing to export
    own_units_form(who, reg, sorted({int(m[:4]) for m in all_months}, reverse=True), lang)
    st.stop()


def offer(key: str, make: object) -> None:
    """A button that makes the file, then its download button (files are made on request, not on every view)."""
    if st.button(t("export.make"), key=f"make_{key}", type="primary"):
        with st.spinner(t("export.making")):
            st.session_state[f"file_{key}"] = make()  # type: ignore[operator]
    made = st.session_state.get(f"file_{key}")
    if made is not None:
        st.download_button(t("export.download", name=made.name), made.data, file_name=made.name, mime=made.mime,
                           key=f"download_{key}")


tab_eval, tab_brief, tab_dept, tab_self = st.tabs([t("export.tab_evaluation"), t("export.tab_briefing"),
                                                  t("export.tab_departments"), t("self.kind")])
with tab_eval:
    kinds = {"annual": t("export.kind_annual"), "midterm": t("export.kind_midterm"),
             "final": t("export.kind_final")}
    c1, c2, c3, c4 = st.columns(4)
    kind = c1.selectbox(t("export.kind"), list(kinds), format_func=kinds.__getitem__, key="eval_kind")
    checkpoint = next((c.period for c in reversed(reg.plan.checkpoints)
                       if c.kind == {"midterm": "midterm_evaluation", "final": "final_evaluation"}.get(kind)), None)
    as_of = c2.selectbox(t("ov.as_of"), months, format_func=month_labels.__getitem__, key=f"eval_as_of_{kind}",
                         index=months.index(checkpoint) if checkpoint in months else 0)
    scopes: dict[str | None, str] = {None: t("export.whole_district"), **{u.code: u.name(lang) for u in reg.units.values()
                                                      if u.type != "district"}}
    unit = c3.selectbox(t("export.scope"), list(scopes), format_func=scopes.__getitem__, key="eval_unit")
    fmt = c4.radio(t("export.format"), EVALUATION_FORMATS, format_func=formats.__getitem__, key="eval_format",
                   horizontal=True)
    pack_date = st.date_input(t("export.date"), value=dt.date.today(), key="eval_date")
    st.caption(t("export.evaluation_help"))
    with context.db() as s:
        missing = narratives_missing(session=s, register=reg, as_of=as_of, lang=lang)
    (st.warning if missing else st.info)(safe.plain(missing_note(missing, lang)))

    def make_pack() -> object:
        with context.db() as s:
            return evaluation_export(session=s, register=reg, actor=who, kind=kind, as_of=as_of, unit=unit, suffix=fmt,
                                     lang=lang, date=pack_date)

    offer(f"eval_{kind}_{as_of}_{unit}_{fmt}_{pack_date}", make_pack)

with tab_brief:
    c1, c2, c3 = st.columns(3)
    month = c1.selectbox(t("export.month"), all_months, format_func=all_labels.__getitem__, key="brief_month")
    with context.db() as s:
        auto = next_issue(session=s, month_code=month)
    number = c2.number_input(t("export.issue"), min_value=1, value=auto.number, key=f"brief_issue_{month}")
    total = c3.number_input(t("export.total"), min_value=1, value=auto.total, key=f"brief_total_{month}")
    d1, d2 = st.columns(2)
    date = d1.date_input(t("export.date"), value=dt.date.today(), key="brief_date")
    bfmt = d2.radio(t("export.format"), BRIEFING_FORMATS, format_func=formats.__getitem__, key="brief_format",
                    horizontal=True)
    issue = Issue(int(month[:4]), int(number), int(total))
    briefing_text.form(month, who)  # the office's own sections of the month (考核情况, 工作动态, 政务简讯 …)
    with context.db() as s:
        preview = briefing_document(briefing_data(session=s, register=reg, month_code=month, issue=issue, date=date),
                                    reg, lang)
    with st.expander(t("export.preview"), expanded=True):
        st.markdown(render(preview))

    def make_briefing() -> object:
        with context.db() as s:
            return briefing_export(session=s, register=reg, actor=who, month=month, suffix=bfmt, issue=issue,
                                   date=date, lang=lang)

    offer(f"brief_{month}_{number}_{total}_{bfmt}", make_briefing)

with tab_dept:
    c1, c2 = st.columns(2)
    periods = pickers.period_options(("half_year", "year", "quarter", "month"), whole=True)
    period = c1.selectbox(t("export.period"), periods, format_func=pickers.period_labels(periods).__getitem__,
                          key="dept_period")
    dfmt = c2.radio(t("export.format"), DEPARTMENT_FORMATS, format_func=lambda f: f[1:].upper(), key="dept_format",
                    horizontal=True)

    def make_departments() -> object:
        with context.db() as s:
            return departments_export(session=s, register=reg, actor=who, period=period, suffix=dfmt, lang=lang)

    offer(f"dept_{period}_{dfmt}", make_departments)

with tab_self:
    c1, c2, c3 = st.columns(3)
    own = {u.code: u.name(lang) for u in reg.units.values() if u.type not in ("district", "department")}
    self_unit = c1.selectbox(t("export.self_unit"), list(own), format_func=own.__getitem__, key="self_unit",
                             index=next((i for i, u in enumerate(own) if reg.units[u].type == "street"), 0))
    years = sorted({int(m[:4]) for m in all_months}, reverse=True) or [dt.date.today().year - 1]
    year = c2.selectbox(t("export.self_year"), years, key="self_year",  # the last whole year first
                        index=next((i for i, y in enumerate(years) if y < dt.date.today().year), 0))
    sfmt = c3.radio(t("export.format"), SELF_EVALUATION_FORMATS, format_func=lambda f: f[1:].upper(),
                    key="self_format", horizontal=True)
    self_date = st.date_input(t("export.date"), value=dt.date.today(), key="self_date")
    st.caption(t("export.self_help"))

    def make_self_evaluation() -> object:
        with context.db() as s:
            view = plan_view(session=s, register=context.register(), as_of=f"{year}-12")  # the year's plan
            return self_evaluation_export(session=s, register=view, actor=who, unit=self_unit, year=int(year),
                                          suffix=sfmt, lang=lang, date=self_date)

    offer(f"self_{self_unit}_{year}_{sfmt}_{self_date}", make_self_evaluation)
    self_text_form(self_unit, int(year), who)
