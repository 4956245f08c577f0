"""修订记录: the recent submissions (who, when, which file, what changed) and every revision of one value."""

import streamlit as st

import ui
import ui_access
from tracker.revisions import revisions_table, submissions_table
from tracker.store import recent_submissions, value_history

ui_access.need("view")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("history.title"))
units = {u.code: u for u in reg.reporting_units()}
names = {None: ui.t("history.all_units"), **{c: u.name(lang) for c, u in units.items()}}

st.subheader(ui.t("history.recent"))
chosen = st.selectbox(ui.t("history.filter_unit"), [None, *units], format_func=names.__getitem__, key="history_filter")
with ui.db() as s:
    recent = recent_submissions(session=s, unit=chosen)
if recent.empty:
    st.info(ui.t("history.no_submissions"))
else:
    ui.table(submissions_table(recent, reg, lang))

st.subheader(ui.t("history.one_value"))
c1, c2, c3 = st.columns(3)
unit = c1.selectbox(ui.t("history.unit"), list(units), format_func=names.__getitem__, key="history_unit",
                    index=list(units).index(chosen) if chosen in units else 0)
metrics = {m.code: m for m in reg.metrics.values() if units[unit].type in m.reported_by}
metric_names = {c: m.name(lang) for c, m in metrics.items()}
metric = c2.selectbox(ui.t("history.metric"), list(metrics), format_func=metric_names.__getitem__, key="history_metric")
periods = ui.period_options(reg, (metrics[metric].frequency,))
period = c3.selectbox(ui.t("history.period"), periods, format_func=ui.period_labels(periods).__getitem__,
                      key="history_period")
with ui.db() as s:
    table = value_history(session=s, unit=unit, metric=metric, period=period)
if table.empty:
    st.info(ui.t("history.none"))
else:
    ui.table(revisions_table(table, metrics[metric].unit, lang))
