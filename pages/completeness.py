"""报送情况: who has reported for a period, on time or late, and who is missing."""

import streamlit as st

import ui
from tracker.completeness import completeness
from tracker.i18n import fmt_percent

reg = ui.register()
lang = ui.lang()
st.title(ui.t("complete.title"))
ui.sample_banner()
period = st.selectbox(ui.t("complete.period"), ui.period_options(reg))
with ui.db() as s:
    report = completeness(session=s, register=reg, period=period, lang=lang)

st.caption(report.summary(lang))
c1, c2 = st.columns(2)
c1.metric(ui.t("complete.reporting_rate"), fmt_percent(report.reporting_rate))
c2.metric(ui.t("complete.on_time_rate"), fmt_percent(report.on_time_rate))
missing = report.missing_text(reg, lang)
if missing:
    st.warning(missing)
else:
    st.success(ui.t("complete.all_in"))
st.dataframe(report.table(lang), hide_index=True, width="stretch")
