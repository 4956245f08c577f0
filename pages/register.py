"""目标登记: the register as loaded, and its validation messages."""

import streamlit as st

import ui
from tracker.engine.tables import register_tables

state = ui.register_state()
lang = ui.lang()
st.title(ui.t("reg.title"))
if state.problems:
    st.error(ui.t("reg.invalid"))
    ui.problems_table(state.problems)
reg = ui.register()
if not state.problems:
    st.success(ui.t("reg.valid", targets=reg.sources[0], units=reg.sources[1],
                    loaded_at=f"{state.loaded_at:%Y-%m-%d %H:%M} UTC"))
tables = register_tables(reg, lang)
for tab, (_key, table) in zip(st.tabs([ui.t(f"reg.{k}") for k in tables]), tables.items(), strict=True):
    tab.dataframe(table, hide_index=True, width="stretch")
