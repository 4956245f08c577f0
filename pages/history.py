"""修订记录: every revision of one unit, metric and period, with who, when and which file."""

import streamlit as st

import ui
from tracker.store import value_history

reg = ui.register()
lang = ui.lang()
st.title(ui.t("history.title"))
units = {u.code: u for u in reg.reporting_units()}
c1, c2, c3 = st.columns(3)
unit = c1.selectbox(ui.t("history.unit"), list(units), format_func=lambda c: units[c].name(lang))
metrics = {m.code: m for m in reg.metrics.values() if units[unit].type in m.reported_by}
metric = c2.selectbox(ui.t("history.metric"), list(metrics), format_func=lambda c: metrics[c].name(lang))
period = c3.selectbox(ui.t("history.period"), ui.period_options(reg, kind=metrics[metric].frequency))
with ui.db() as s:
    table = value_history(session=s, unit=unit, metric=metric, period=period)
if table.empty:
    st.info(ui.t("history.none"))
else:
    st.dataframe(table, hide_index=True, width="stretch")
