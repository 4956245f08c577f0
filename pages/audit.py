"""操作记录: the audit trail, filtered, and as CSV (planners and administrators)."""

import datetime as dt

import streamlit as st

import ui
import ui_access
from tracker.access.audit import ACTIONS, events, readable, to_csv
from tracker.models import utcnow

ui_access.need("audit")
lang = ui.lang()
st.title(ui.t("audit.title"))
st.caption(ui.t("audit.caption"))
c1, c2, c3 = st.columns(3)
user = c1.text_input(ui.t("audit.filter_user"), key="audit_user").strip() or None
names = {None: ui.t("audit.all"), **{a: ui.t(f"audit.action.{a}") for a in ACTIONS}}
action = c2.selectbox(ui.t("audit.filter_action"), list(names), format_func=names.__getitem__, key="audit_action")
days = c3.number_input(ui.t("audit.filter_days"), min_value=1, max_value=3660, value=30, key="audit_days")
with ui.db() as s:
    frame = events(s, user=user, action=action, since=utcnow() - dt.timedelta(days=int(days)))
if frame.empty:
    st.info(ui.t("audit.empty"))
else:
    names = ui.register().names(lang)
    ui.table(readable(frame, lang, names))
    st.download_button(ui.t("audit.download"), to_csv(frame, lang, names), file_name="操作记录.csv", mime="text/csv")
