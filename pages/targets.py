"""目标清单: every target of the plan — its clause, rule, deadline and latest value — one block each."""

import streamlit as st

from tracker.core.periods import parse_period
from tracker.wording.cards import STATUS_COLOURS
from tracker.wording.rules import quoted_clause, rule_label
from tracker.wording.tables import figure
from webapp import language, pickers, signin, views, widgets
from webapp.language import t
from webapp.safe import plain

signin.need("view")
plan = pickers.current_plan()
reg = pickers.plan_view()
lang = language.lang()
st.title(t("targets.title"))
st.caption(plain(t("targets.caption" if reg.plan.document else "targets.caption_nodoc", plan=reg.plan.name(lang),
                   document=reg.plan.document or "", start=reg.plan.start, end=reg.plan.end)))
widgets.sample_banner()
months = pickers.period_options()
rows = {}
if months:
    latest = parse_period(months[0])
    st.subheader(t("targets.latest", period=latest.label(lang)))
    rows = {r.target: r for r in views.progress_view(plan=plan, as_of=latest.code, include_untargeted=False)}
for target in reg.targets.values():
    row = rows.get(target.code)
    with st.container(border=True):
        status = f" :{STATUS_COLOURS[row.status]}-badge[{t('status.' + row.status)}]" if row else ""
        st.markdown(f"**{plain(target.name(lang))}**{status}", help=plain(target.code))
        if row is not None and row.value is not None:
            st.markdown(t("kv", k=t("col.value"), v=f"**{figure(row.value, row.unit, lang)}**"))
        st.caption(plain(" · ".join([t("kv", k=t("col.rule"), v=rule_label(reg, target.code, lang)),
                                     t("kv", k=t("col.deadline"), v=target.deadline.isoformat()),
                                     t("kv", k=t("col.source"), v=t(f"source.{target.source}"))])))
        st.markdown(f"> {plain(quoted_clause(target, lang))}")
