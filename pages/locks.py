"""期间锁定: a planner closes a period once its briefing or evaluation is out, and opens it again."""

import pandas as pd
import streamlit as st

import ui
import ui_access
from tracker.access.locks import lock_period, locks, unlock_period
from tracker.errors import TrackerError

who = ui_access.need("lock")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("locks.title"))
st.caption(ui.t("locks.caption"))

with ui.db() as s:
    current = locks(s)
if current:
    ui.table(pd.DataFrame([(x.period.label(lang), x.user, x.locked_at, x.reason or "—") for x in current],
                          columns=[ui.t(f"locks.col_{c}") for c in ("period", "user", "at", "reason")]))
else:
    st.info(ui.t("lock.none"))

periods = ui.period_options(reg, ("month", "quarter", "half_year", "year"))
labels = ui.period_labels(periods)
with st.form("lock"):
    c1, c2 = st.columns([1, 2])
    period = c1.selectbox(ui.t("locks.period"), periods, format_func=labels.__getitem__)
    reason = c2.text_input(ui.t("locks.reason"), max_chars=500)
    if st.form_submit_button(ui.t("locks.lock"), icon=":material/lock:"):
        try:
            with ui.db() as s:
                done = lock_period(s, who, period, reason)
        except TrackerError as exc:
            ui.show_error(exc)
        else:
            st.session_state["locks_notice"] = ui.t("lock.done", period=done.label(lang))
            st.rerun()

if current:
    choices = [x.period.code for x in current]
    c1, c2 = st.columns([1, 2])
    chosen = c1.selectbox(ui.t("locks.unlock"), choices, format_func=ui.period_labels(choices).__getitem__,
                          key="unlock_period")
    if c2.button(ui.t("locks.unlock"), icon=":material/lock_open:", key="unlock"):
        with ui.db() as s:
            done = unlock_period(s, who, chosen)
        st.session_state["locks_notice"] = ui.t("lock.undone", period=done.label(lang))
        st.rerun()
if st.session_state.get("locks_notice"):
    st.success(st.session_state.pop("locks_notice"))
