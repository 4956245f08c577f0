"""数据报送: upload a report, see every problem or a preview of the changes, confirm to store, see what was stored."""

from pathlib import PurePath

import streamlit as st

import ui
import ui_access
from tracker.access.roles import upload_units
from tracker.errors import ImportRejected, problems_csv
from tracker.importer.apply import plan_import, store_import
from tracker.importer.report import plan_table
from tracker.template import template_csv, template_xlsx

who = ui_access.need("upload")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("upload.title"))
st.caption(ui.t("upload.caption"))
mine = upload_units(who, reg)  # None: every unit (a planner)
if mine is not None:
    st.caption(ui.t("upload.your_units", units="、".join(reg.units[u].name(lang) for u in sorted(who.units))))
units = {u.code: u for u in reg.reporting_units() if mine is None or u.code in mine}
unit_names = {c: u.name(lang) for c, u in units.items()}
periods = ui.period_options(reg, ("month", "quarter", "half_year", "year"))
labels = ui.period_labels(periods)

with st.expander(ui.t("upload.template")):
    c1, c2 = st.columns(2)
    t_unit = c1.selectbox(ui.t("upload.template_unit"), list(units), format_func=unit_names.__getitem__)
    t_period = c2.selectbox(ui.t("upload.template_period"), periods, key="template_period",
                            format_func=labels.__getitem__)
    d1, d2 = st.columns(2)
    d1.download_button(ui.t("upload.template_xlsx"), template_xlsx(register=reg, unit=units[t_unit], period=t_period),
                       file_name=f"报送模板-{units[t_unit].name_zh}-{t_period}.xlsx")
    d2.download_button(ui.t("upload.template_csv"), template_csv(register=reg, unit=units[t_unit], period=t_period),
                       file_name=f"报送模板-{units[t_unit].name_zh}-{t_period}.csv")

done = st.session_state.get("upload_done")
if done:  # what the last confirmation stored; the preview is gone, the uploader empty again
    st.success(done["summary"])
    ui.table(done["table"])
    if st.button(ui.t("upload.another"), key="upload_another"):
        del st.session_state["upload_done"]
        st.rerun()
    st.stop()

upload = st.file_uploader(ui.t("upload.file"), type=["xlsx", "csv"], key=f"upload_{st.session_state.get('upload_n', 0)}")
c1, c2 = st.columns(2)
none = {None: ui.t("upload.none")}
period = c1.selectbox(ui.t("upload.period"), [None, *periods], format_func=(none | labels).__getitem__)
unit = c2.selectbox(ui.t("upload.unit"), [None, *units], format_func=(none | unit_names).__getitem__)
if upload is None:
    st.stop()

try:
    with ui.db() as s:
        plan = plan_import(session=s, register=reg, actor=who, name=upload.name, data=upload.getvalue(),
                           period=period, unit=unit, max_mb=ui.tracker().settings.max_upload_mb)
except ImportRejected as exc:
    ui.show_error(exc)
    st.download_button(ui.t("upload.problems_download"), problems_csv(exc.problems, lang),
                       file_name=ui.t("upload.problems_file", stem=PurePath(upload.name).stem), mime="text/csv")
    st.stop()

params = {**plan.summary_params(), "file": ui.plain(plan.file)}
m1, m2, m3, m4 = st.columns(4)
m1.metric(ui.t("upload.new"), params["new"])
m2.metric(ui.t("upload.changed"), params["changed"])
m3.metric(ui.t("upload.unchanged"), params["unchanged"])
m4.metric(ui.t("upload.warnings"), params["warnings"])
if plan.warnings:
    st.warning(ui.t("upload.warnings"))
    ui.problems_table(plan.warnings)
if not plan.has_changes:
    st.success(ui.t("summary.nothing", file=params["file"]))
    st.stop()

st.info(ui.t("summary.preview", **params))
tab_new, tab_changed = st.tabs([ui.t("upload.new"), ui.t("upload.changed")])
tab_new.dataframe(plan_table(plan, reg, lang, ("new",)), hide_index=True, width="stretch")
tab_changed.dataframe(plan_table(plan, reg, lang, ("changed",)), hide_index=True, width="stretch")

if st.button(ui.t("upload.confirm"), type="primary", key="confirm_store"):
    bar = st.progress(0.0, text=ui.t("upload.storing"))
    try:
        with ui.db() as s:
            store_import(session=s, plan=plan, actor=who, on_progress=lambda n, total: bar.progress(
                n / total, text=ui.t("progress.storing", done=n, total=total)))
    except ImportRejected as exc:  # a period locked, or rights changed, since the preview
        ui.show_error(exc)
        st.stop()
    ui.data_changed()
    params = {**plan.summary_params(), "file": ui.plain(plan.file)}  # what was stored, counted in the transaction
    st.session_state["upload_done"] = {"summary": ui.t("summary.stored", **params),
                                       "table": plan_table(plan, reg, lang, ("new", "changed"))}
    st.session_state["upload_n"] = st.session_state.get("upload_n", 0) + 1
    st.rerun()
