"""操作记录: the audit trail, filtered, and as CSV (planners and administrators)."""

import datetime as dt

import streamlit as st

from tracker.access.audit import (
    ACTIONS,
    audit_trail,
    readable,
    record_trail_export,
    to_csv,
    trail_names,
    trail_users,
)
from tracker.core.clock import utcnow
from webapp import context, language, signin, widgets
from webapp.language import t

who = signin.need("audit")
lang = language.lang()
st.title(t("audit.title"))
st.caption(t("audit.caption"))
c1, c2, c3 = st.columns(3)
with context.db() as s:
    everyone = trail_users(s)
user = c1.selectbox(t("audit.filter_user"), everyone, index=None, key="audit_user", placeholder=t("audit.all_users"))
actions: dict[str | None, str] = {None: t("audit.all"), **{a: t(f"audit.action.{a}") for a in ACTIONS}}
action = c2.selectbox(t("audit.filter_action"), list(actions), format_func=actions.__getitem__, key="audit_action")
days = c3.number_input(t("audit.filter_days"), min_value=1, max_value=3660, value=30, key="audit_days")
with context.db() as s:
    frame = audit_trail(s, actor=who, user=user, action=action, since=utcnow() - dt.timedelta(days=int(days)))
    names = trail_names(s, context.register(), lang)
if frame.empty:
    st.info(t("audit.empty"))
else:
    widgets.table(readable(frame, lang, names))
    data = to_csv(frame, lang, names)

    def taken() -> None:
        with context.db() as s:
            record_trail_export(s, actor=who, name="操作记录.csv", data=data)

    st.download_button(t("audit.download"), data, file_name="操作记录.csv", mime="text/csv", on_click=taken)
