"""修订记录: the recent submissions (who, when, which file, what changed) and every revision of one value."""

import streamlit as st

from tracker.storage.values import recent_submissions, value_history
from tracker.wording.history import revisions_table, submissions_table
from webapp import context, language, pickers, signin, widgets
from webapp.language import t

signin.need("view")
reg = context.register()
lang = language.lang()
st.title(t("history.title"))
units = {u.code: u for u in reg.reporting_units()}
names: dict[str | None, str] = {None: t("history.all_units"), **{c: u.name(lang) for c, u in units.items()}}

st.subheader(t("history.recent"))
chosen = st.selectbox(t("history.filter_unit"), [None, *units], format_func=names.__getitem__, key="history_filter")
with context.db() as s:
    recent = recent_submissions(session=s, unit=chosen)
if recent.empty:
    st.info(t("history.no_submissions"))
else:
    widgets.table(submissions_table(recent, reg, lang))

st.subheader(t("history.one_value"))
c1, c2, c3 = st.columns(3)
unit = c1.selectbox(t("history.unit"), list(units), format_func=names.__getitem__, key="history_unit",
                    index=list(units).index(chosen) if chosen in units else 0)
metrics = {m.code: m for m in reg.metrics.values() if units[unit].type in m.reported_by}
metric_names = {c: m.name(lang) for c, m in metrics.items()}
metric = c2.selectbox(t("history.metric"), list(metrics), format_func=metric_names.__getitem__, key="history_metric")
periods = pickers.period_options((metrics[metric].frequency,), whole=True)
period = c3.selectbox(t("history.period"), periods, format_func=pickers.period_labels(periods).__getitem__,
                      key="history_period")
with context.db() as s:
    table = value_history(session=s, unit=unit, metric=metric, period=period)
if table.empty:
    st.info(t("history.none"))
else:
    widgets.table(revisions_table(table, metrics[metric].unit, lang))
