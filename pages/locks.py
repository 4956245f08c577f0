"""期间锁定: a planner closes a period once its briefing or evaluation is out, and opens it again."""

import pandas as pd
import streamlit as st

from tracker.access.locks import lock_period, locks, unlock_period
from tracker.core.errors import TrackerError
from webapp import context, errors, language, pickers, signin, widgets
from webapp.language import t

who = signin.need("lock")
reg = context.register()
lang = language.lang()
st.title(t("locks.title"))
st.caption(t("locks.caption"))

with context.db() as s:
    current = locks(s)
if current:
    widgets.table(pd.DataFrame([(x.period.label(lang), x.user, x.locked_at, x.reason or "—") for x in current],
                          columns=[t(f"locks.col_{c}") for c in ("period", "user", "at", "reason")]))
else:
    st.info(t("lock.none"))

periods = pickers.reportable_periods(("month", "quarter", "half_year", "year"))
labels = pickers.period_labels(periods)
locking = st.session_state.get("lock_n", 0)  # a new form after each lock: its fields start empty
with st.form(f"lock_{locking}", enter_to_submit=False):
    c1, c2 = st.columns([1, 2])
    period = c1.selectbox(t("locks.period"), periods, format_func=labels.__getitem__)
    reason = c2.text_input(t("locks.reason"), max_chars=500)
    if st.form_submit_button(t("locks.lock"), icon=":material/lock:"):
        try:
            with context.db() as s:
                done = lock_period(s, who, period, reason)
        except TrackerError as exc:
            errors.show_error(exc)
        else:
            st.session_state["locks_notice"] = t("lock.done", period=done.label(lang))
            st.session_state["lock_n"] = locking + 1
            st.rerun()

if current:
    choices = [x.period.code for x in current]
    c1, c2 = st.columns([1, 2])
    chosen = c1.selectbox(t("locks.unlock"), choices, format_func=pickers.period_labels(choices).__getitem__,
                          key="unlock_period")
    if c2.button(t("locks.unlock"), icon=":material/lock_open:", key="unlock"):
        with context.db() as s:
            done = unlock_period(s, who, chosen)
        st.session_state["locks_notice"] = t("lock.undone", period=done.label(lang))
        st.rerun()
if st.session_state.get("locks_notice"):
    st.success(st.session_state.pop("locks_notice"))
