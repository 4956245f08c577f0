"""报送情况: who has reported for a period, who was late, and who is missing."""

import streamlit as st

import ui
import ui_access
from tracker.i18n import fmt_percent

ui_access.need("view")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("complete.title"))
ui.sample_banner()
kinds = ("month", "quarter", "year")
options = ui.period_options(reg, kinds)
labels = ui.period_labels(options)
period = st.selectbox(ui.t("complete.period"), options, format_func=labels.__getitem__, key="complete_period")
report = ui.view("completeness", period=period, lang=lang)

st.caption(report.summary(lang))
c1, c2 = st.columns(2)
c1.metric(ui.t("complete.reporting_rate"), fmt_percent(report.reporting_rate))
c2.metric(ui.t("complete.on_time_rate"), fmt_percent(report.on_time_rate))
level, verdict = report.verdict(reg, lang)
(st.success if level == "success" else st.warning)(verdict)
late = report.late_text(reg, lang)
if late and late != verdict:
    st.warning(late)
ui.table(report.table(lang))
