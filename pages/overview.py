"""总览: which targets are met, on track or behind, with one card per target."""

import streamlit as st

import ui
from tracker.charts import sparkline
from tracker.engine.views import STATUS_ORDER, overview

reg = ui.register()
lang = ui.lang()
st.title(ui.t("ov.title"))
as_of, window = ui.as_of_and_window()
ui.sample_banner()
with ui.db() as s:
    ov = overview(session=s, register=reg, as_of=as_of, window=window, lang=lang)

shown = [s for s in STATUS_ORDER if ov.counts.get(s)]
for col, status in zip(st.columns(len(shown) or 1), shown, strict=False):
    col.metric(ui.t(f"status.{status}"), ov.counts[status])

for start in range(0, len(ov.cards), 3):
    for col, card in zip(st.columns(3), ov.cards[start:start + 3], strict=False):
        with col.container(border=True):
            st.markdown(f"**{card.name}**  \n:{card.colour}-badge[{card.status_text}]")
            st.markdown(f"### {card.value}")
            st.caption(ui.t("ov.rule", rule=card.rule) + (" · " + ui.t("ov.gap", gap=card.gap) if card.gap else ""))
            if not card.trend.empty:
                st.altair_chart(sparkline(card.trend, card.colour), width="stretch")
            st.caption(card.sentence)
            if card.change:
                st.caption(ui.t("ov.change", change=card.change))
            if st.button(ui.t("ov.detail"), key=f"detail_{card.code}"):
                st.session_state["detail_target"] = card.code
                st.switch_page("pages/target_detail.py")

st.subheader(ui.t("ov.changes"))
st.dataframe(ov.changes, hide_index=True, width="stretch")
