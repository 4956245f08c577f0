"""报送情况: who has reported for a period, on time or late, and who is missing."""

import streamlit as st

import ui
from tracker.completeness import completeness

reg = ui.register()
lang = ui.lang()
st.title(ui.t("complete.title"))
ui.sample_banner()
period = st.selectbox(ui.t("complete.period"), ui.period_options(reg))
with ui.db() as s:
    report = completeness(session=s, register=reg, period=period, lang=lang)

st.caption(ui.t("complete.summary", period=report.period.label(lang), deadline=report.deadline.isoformat(),
                expected=report.expected, received=report.received, on_time=report.on_time,
                reporting_rate=ui.pct(report.reporting_rate), on_time_rate=ui.pct(report.on_time_rate)))
c1, c2 = st.columns(2)
c1.metric(ui.t("complete.reporting_rate"), ui.pct(report.reporting_rate))
c2.metric(ui.t("complete.on_time_rate"), ui.pct(report.on_time_rate))
missing = [reg.units[u].name(lang) for u in report.missing_units()]
if missing:
    st.warning(ui.t("complete.missing_units", units="、".join(missing) if lang == "zh" else ", ".join(missing)))
else:
    st.success(ui.t("complete.all_in"))
heads = {c: ui.t(f"complete.col_{c}") for c in ("name", "expected", "received", "on_time", "late", "missing", "status")}
table = report.units.assign(status=[ui.t(f"complete.{x}") for x in report.units["status"]])
st.dataframe(table[list(heads)].rename(columns=heads), hide_index=True, width="stretch")
