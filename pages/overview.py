"""总览: what is behind, by how much, and which units are responsible — first; then everything else."""

import streamlit as st

import ui
import ui_access
from tracker.charts import sparkline
from tracker.engine.cards import card_text, ordered
from tracker.engine.tables import changes_table
from tracker.engine.views import STATUS_ORDER

ui_access.need("view")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("ov.title"))
as_of, window = ui.as_of_and_window()
ui.sample_banner()
ov = ui.view("overview", as_of=as_of, window=window)

shown = [s for s in STATUS_ORDER if ov.counts.get(s)]
for col, status in zip(st.columns(len(shown) or 1), shown, strict=False):
    col.metric(ui.t(f"status.{status}"), ov.counts[status])

urgent_first = st.toggle(ui.t("ov.order"), value=True, key="ov_urgent", help=ui.t("ov.order_help"))
cards = ordered(ov.cards, urgent_first)
for start in range(0, len(cards), 3):
    for col, card in zip(st.columns(3), cards[start:start + 3], strict=False):
        text = card_text(card, reg, lang)
        with col.container(border=True):
            st.markdown(f"**{text.name}**  \n:{text.colour}-badge[{text.status}]")
            st.markdown(f"### {text.value}")
            st.caption(ui.t("ov.rule", rule=text.rule))
            if text.distances:
                st.markdown(text.distances)
            if not card.trend.empty:
                st.altair_chart(sparkline(card.trend, text.colour, lang), width="stretch")
            if text.units:
                st.caption(text.units)
            st.caption(text.sentence)
            if text.change:
                st.caption(ui.t("ov.change", change=text.change))
            if st.button(ui.t("ov.detail"), key=f"detail_{card.code}"):
                st.session_state["detail_target"] = card.code
                st.switch_page("pages/target_detail.py")

st.subheader(ui.t("ov.changes"))
ui.table(changes_table(ov.rows, ov.previous, lang))
