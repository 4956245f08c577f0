"""报送情况: who has reported for a period, who was late, who is missing — and the reminder list (催报) with each
unit's contact line, to copy or as the reminder notice."""

import streamlit as st

from tracker.core.i18n import fmt_percent
from tracker.core.periods import parse_period
from tracker.reports.catalogue import reminder_export
from tracker.wording import completeness as words
from webapp import context, language, pickers, signin, views, widgets
from webapp.language import t
from webapp.safe import plain

who = signin.need("view")
reg = context.register()
lang = language.lang()
st.title(t("complete.title"))
widgets.sample_banner()
kinds = ("month", "quarter", "year")
options = pickers.period_options(kinds, whole=True)
labels = pickers.period_labels(options)
period = pickers.remembered_select(t("complete.period"), options, key="complete_period",
                                   format_func=labels.__getitem__)
report = views.completeness_view(plan=reg.plan_for(parse_period(period).end), period=period)

st.caption(plain(words.summary(report, lang)))
c1, c2 = st.columns(2)
c1.metric(t("complete.reporting_rate"), fmt_percent(report.reporting_rate))
c2.metric(t("complete.on_time_rate"), fmt_percent(report.on_time_rate))
level, verdict = words.verdict(report, reg, lang)
(st.success if level == "success" else st.warning)(plain(verdict))
late = words.late_text(report, reg, lang)
if late and late != verdict:
    st.warning(plain(late))
widgets.table(words.table(report, reg, lang))

st.subheader(t("remind.title"))
reminders = words.reminder_table(report, reg, lang)
if reminders.empty:
    st.success(t("remind.none", period=labels[period]))
else:
    st.caption(t("remind.caption"))
    widgets.table(reminders)
    d1, d2 = st.columns(2)
    d1.download_button(t("remind.download_csv"), widgets.csv_bytes(reminders), icon=":material/table:",
                       file_name=f"{t('remind.title')}-{period}.csv", mime="text/csv")
    if who.can("export") and d2.button(t("remind.make"), icon=":material/description:", key="remind_make"):
        with context.db() as s:  # made on request, not on every rerun: each export is audited
            st.session_state["remind_notice"] = (period, reminder_export(session=s, register=reg, actor=who,
                                                                         period=period, suffix=".docx", lang=lang))
    made_for, made = st.session_state.get("remind_notice", (None, None))
    if made is not None and made_for == period:
        d2.download_button(t("remind.download"), made.data, file_name=made.name, mime=made.mime, key="remind_docx",
                           type="primary", icon=":material/download:")
