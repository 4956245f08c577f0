"""目标清单: every target of the plan with its clause, rule and latest value."""

import streamlit as st

import ui
from tracker.engine.tables import targets_table

reg = ui.register()
st.title(ui.t("targets.title"))
st.caption(ui.t("targets.caption", plan=reg.plan.name_zh if ui.lang() == "zh" else reg.plan.name_en,
                document=reg.plan.document or "", start=reg.plan.start, end=reg.plan.end))
ui.sample_banner()
latest = ui.latest_month()
if latest is not None:
    st.subheader(ui.t("targets.latest", period=latest.label(ui.lang())))
with ui.db() as s:
    table = targets_table(session=s, register=reg, as_of=latest, lang=ui.lang())
st.table(table.set_index(table.columns[0]))
