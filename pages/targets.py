"""目标清单: every target of the plan — its clause, rule, deadline and latest value — one block each."""

import streamlit as st

import ui
import ui_access
from tracker.engine.cards import STATUS_COLOURS
from tracker.engine.tables import figure, rule_label

ui_access.need("view")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("targets.title"))
st.caption(ui.t("targets.caption", plan=reg.plan.name_zh if lang == "zh" else reg.plan.name_en,
                document=reg.plan.document or "", start=reg.plan.start, end=reg.plan.end))
ui.sample_banner()
latest = ui.latest_month()
rows = {}
if latest is not None:
    st.subheader(ui.t("targets.latest", period=latest.label(lang)))
    rows = {r.target: r for r in ui.view("progress", as_of=latest.code, include_untargeted=False)}
for t in reg.targets.values():
    row = rows.get(t.code)
    with st.container(border=True):
        status = f" :{STATUS_COLOURS[row.status]}-badge[{ui.t('status.' + row.status)}]" if row else ""
        st.markdown(f"**{t.name(lang)}**{status}", help=t.code)
        if row is not None and row.value is not None:
            st.markdown(ui.t("kv", k=ui.t("col.value"), v=f"**{figure(row.value, row.unit, lang)}**"))
        st.caption(" · ".join([ui.t("kv", k=ui.t("col.rule"), v=rule_label(reg, t.code, lang)),
                               ui.t("kv", k=ui.t("col.deadline"), v=t.deadline.isoformat()),
                               ui.t("kv", k=ui.t("col.source"), v=ui.t(f"source.{t.source}"))]))
        st.markdown(f"> {t.clause}")
