"""目标登记: the register as loaded, in the reader's language, and its problems when an edit breaks it."""

import streamlit as st

import ui
import ui_access
from tracker.engine.tables import local_time, register_tables

state = ui.register_state()
lang = ui.lang()
ui_access.need("register")
st.title(ui.t("reg.title"))
if state.problems:
    st.error(ui.t("reg.invalid"))
    ui.problems_table(state.problems)
reg = ui.register()
if not state.problems:
    st.success(ui.t("reg.valid", targets=reg.sources[0], units=reg.sources[1], loaded_at=local_time(state.loaded_at)))
tables = register_tables(reg, lang)
for tab, (_key, table) in zip(st.tabs([ui.t(f"reg.{k}") for k in tables]), tables.items(), strict=True):
    tab.dataframe(table, hide_index=True, width="stretch")
