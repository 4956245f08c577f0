"""总览: what is behind, by how much, and which units are responsible — first; then everything else."""

import streamlit as st

from tracker.engine.cards import ordered
from tracker.engine.views import STATUS_ORDER
from tracker.wording.cards import card_text
from tracker.wording.charts import sparkline_svg
from tracker.wording.tables import changes_table
from webapp import language, pickers, signin, views, widgets
from webapp.language import t
from webapp.safe import plain

who = signin.need("view")
plan = pickers.current_plan()
reg = pickers.plan_view()
lang = language.lang()
st.title(t("ov.title"))
as_of, window = pickers.as_of_and_window()
widgets.sample_banner()
ov = views.overview_view(plan=plan, as_of=as_of, window=window)

shown = [s for s in STATUS_ORDER if ov.counts.get(s)]
for col, status in zip(st.columns(len(shown) or 1), shown, strict=False):
    col.metric(t(f"status.{status}"), ov.counts[status])

urgent_first = st.toggle(t("ov.order"), value=True, key="ov_urgent", help=t("ov.order_help"))
cards = ordered(ov.cards, urgent_first)
for start in range(0, len(cards), 3):
    for col, card in zip(st.columns(3), cards[start:start + 3], strict=False):
        text = card_text(card, reg, lang)
        with col.container(border=True):
            st.markdown(f"**{plain(text.name)}**  \n:{text.colour}-badge[{text.status}]")
            st.markdown(f"### {text.value}")
            st.caption(plain(t("ov.rule", rule=text.rule)))
            if text.distances:
                st.markdown(plain(text.distances))
            if not card.trend.empty:
                st.image(sparkline_svg([float(v) for v in card.trend["value"].dropna()], lang, card.row.threshold),
                         width="stretch")
            if text.units:
                st.caption(plain(text.units))
            st.caption(plain(text.sentence))
            if text.change:
                st.caption(plain(t("ov.change", change=text.change)))
            if st.button(t("ov.detail"), key=f"detail_{card.code}"):
                st.session_state["detail_target"] = card.code
                st.switch_page("pages/target_detail.py")

st.subheader(t("ov.changes"))
widgets.table(changes_table(ov.rows, ov.previous, lang, reg), height="content")  # all rows, no inner scroll

if who.can("export"):  # the same overview on one A4 landscape page, to print or to send
    widgets.printable_overview(who, as_of, window)
