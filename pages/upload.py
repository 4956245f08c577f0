"""数据报送: a clerk's own units this month first (reported, missing, late, rejected files and what to fix, the
template one click away); then upload a report, see every problem or a preview of the changes, confirm to store (a
worker stores it, whatever this page does next), see how it ended."""

from pathlib import PurePath

import streamlit as st

from tracker.access.roles import upload_units
from tracker.core.errors import ImportRejected
from tracker.importer import jobs
from tracker.importer.apply import plan_import, record_unchanged
from tracker.importer.upload_template import template_csv, template_xlsx
from tracker.wording.import_preview import plan_table
from tracker.wording.problems import problems_csv
from webapp import clerk, context, errors, job_view, language, pickers, signin, uploader
from webapp.language import t
from webapp.safe import plain

who = signin.need("upload")
reg = context.register()
lang = language.lang()
st.title(t("upload.title"))
st.caption(t("upload.caption"))
mine = upload_units(who, reg)  # None: every unit (a planner)
units = {u.code: u for u in reg.reporting_units() if mine is None or u.code in mine}
unit_names = {c: u.name(lang) for c, u in units.items()}
periods = pickers.reportable_periods(("month", "quarter", "half_year", "year"))
labels = pickers.period_labels(periods)
if mine is not None:
    st.caption(plain(t("upload.your_units", units="、".join(reg.units[u].name(lang) for u in sorted(who.units)))))
    clerk.my_units(who, list(units), periods, labels)

with st.expander(t("upload.template")):
    c1, c2 = st.columns(2)
    t_unit = c1.selectbox(t("upload.template_unit"), list(units), format_func=unit_names.__getitem__, key="template_unit")
    t_period = c2.selectbox(t("upload.template_period"), periods, key="template_period",
                            format_func=labels.__getitem__)
    d1, d2 = st.columns(2)
    d1.download_button(t("upload.template_xlsx"), template_xlsx(register=reg, unit=units[t_unit], period=t_period),
                       file_name=f"报送模板-{units[t_unit].name_zh}-{t_period}.xlsx", icon=":material/download:")
    d2.download_button(t("upload.template_csv"), template_csv(register=reg, unit=units[t_unit], period=t_period),
                       file_name=f"报送模板-{units[t_unit].name_zh}-{t_period}.csv", icon=":material/download:")

job_id = st.session_state.get("upload_job") or jobs.latest_unseen(context.tracker().engine, who.name)
if job_id is not None:  # a confirmed import: stored by a worker whatever this page does; shown until dismissed
    st.session_state["upload_job"] = job_id
    job_view.show(job_id)
    st.stop()

st.caption(t("upload.file_help", mb=f"{context.tracker().settings.max_upload_mb:g}"))
upload = uploader.file_uploader(t("upload.file"), types=["xlsx", "xls", "ods", "csv"],
                                max_mb=context.tracker().settings.max_upload_mb,
                                key=f"upload_{st.session_state.get('upload_n', 0)}")
c1, c2 = st.columns(2)
period = c1.selectbox(t("upload.period"), periods, index=None, format_func=labels.__getitem__,
                      placeholder=t("upload.none"), key="upload_period")
unit = c2.selectbox(t("upload.unit"), list(units), index=None, format_func=unit_names.__getitem__,
                    placeholder=t("upload.none"), key="upload_unit")
if upload is None:
    st.stop()

try:
    with context.db() as s:
        plan = plan_import(session=s, register=reg, actor=who, name=upload.name, data=upload.getvalue(),
                           period=period, unit=unit, max_mb=context.tracker().settings.max_upload_mb)
except ImportRejected as exc:
    errors.show_error(exc)
    st.download_button(t("upload.problems_download"), problems_csv(exc.problems, lang),
                       file_name=t("upload.problems_file", stem=PurePath(upload.name).stem), mime="text/csv")
    st.stop()

m1, m2, m3, m4 = st.columns(4)
m1.metric(t("upload.new"), plan.count("new"))
m2.metric(t("upload.changed"), plan.count("changed"))
m3.metric(t("upload.unchanged"), plan.count("unchanged") + plan.count("kept"))
m4.metric(t("upload.warnings"), len(plan.warnings))
if plan.warnings:
    st.warning(t("upload.warnings"))
    errors.problems_table(plan.warnings)
if not plan.has_changes:
    if st.session_state.get("upload_unchanged") != plan.sha256:  # audited once, not at every rerun
        with context.db() as s:
            record_unchanged(session=s, plan=plan, actor=who)
        st.session_state["upload_unchanged"] = plan.sha256
    st.success(plain(t("summary.nothing", file=plan.file)))
    st.stop()

st.info(plain(t("summary.preview", **plan.summary_params())))
kinds = [k for k in ("changed", "new") if plan.count(k)]  # the changes first: they replace stored values
names = {k: t("upload.tab", kind=t(f"upload.{k}"), n=plan.count(k)) for k in kinds}
for kind, tab in zip(kinds, st.tabs([names[k] for k in kinds], default=names[kinds[0]]), strict=True):
    tab.dataframe(plan_table(plan, reg, lang, (kind,)), hide_index=True, width="stretch")

if st.button(t("upload.confirm"), type="primary", key="confirm_store"):
    st.session_state["upload_job"] = jobs.start_store(context.tracker().engine, plan, who)
    st.session_state["upload_n"] = st.session_state.get("upload_n", 0) + 1
    st.rerun()
