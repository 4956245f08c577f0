"""单位: the scorecard of units × targets, drill-down, top/bottom filters, and one unit's profile."""

import streamlit as st

import ui
import ui_access
from tracker.charts import target_chart
from tracker.engine.scorecard import Scorecard, legend, top_bottom
from tracker.engine.tables import profile_table

ui_access.need("view")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("units.title"))
as_of, window = ui.as_of_and_window()
ui.sample_banner()
parents = [u for u in reg.units if reg.children.get(u)]
unit_names = {u: x.name(lang) for u, x in reg.units.items()}
c1, c2, c3 = st.columns(3)
parent = c1.selectbox(ui.t("units.parent"), parents, format_func=unit_names.__getitem__, key="units_parent")
rows = reg.children[parent]
types = sorted({reg.units[u].type for u in rows})
type_labels = {None: ui.t("units.all_types"), **{k: ui.t(f"type.{k}") for k in types}}
kind = c2.selectbox(ui.t("units.type"), [None, *types], key="units_type", format_func=type_labels.__getitem__)
rows = [u for u in rows if kind is None or reg.units[u].type == kind]
card = ui.view("scorecard", as_of=as_of, window=window, rows=rows)
targets = list(card.values.columns)
focus_labels = {None: ui.t("units.none"), **{c: reg.targets[c].name(lang) for c in targets}}
focus = c3.selectbox(ui.t("units.filter_target"), [None, *targets], key="units_focus",
                     format_func=focus_labels.__getitem__)
if focus:
    f1, f2 = st.columns(2)
    n = f1.number_input(ui.t("units.n"), min_value=1, max_value=len(rows), value=min(5, len(rows)))
    which = {False: ui.t("units.top"), True: ui.t("units.bottom")}
    bottom = f2.radio(ui.t("units.which"), [False, True], horizontal=True, format_func=which.__getitem__) is True
    keep = top_bottom(card, reg, focus, int(n), bottom)
    card = Scorecard(card.values.loc[keep], card.statuses.loc[keep], card.arrows.loc[keep], keep)
st.caption(ui.t("units.legend", legend=legend(lang)))
st.dataframe(card.styled(reg, lang), width="stretch")

unit = st.selectbox(ui.t("units.pick"), card.units or rows, key="units_pick", format_func=unit_names.__getitem__)
profile = ui.view("unit_profile", unit=unit, as_of=as_of, window=window, lang=lang)
st.subheader(ui.t("units.profile", unit=unit_names[unit]))
ui.table(profile_table(profile.rows, profile.ranks, lang))
if profile.trend is not None and not profile.trend.empty:
    ind = reg.indicators[profile.trend_indicator]
    st.altair_chart(target_chart(profile.trend, ind.name(lang), ind.unit, lang), width="stretch")
