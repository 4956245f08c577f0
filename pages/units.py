"""单位: the scorecard of units × targets, drill-down, top/bottom filters, and one unit's profile."""

import streamlit as st

from tracker.engine.scorecard import page_count, top_bottom
from tracker.wording.scorecard import (
    PAGE_ROWS,
    column_widths,
    page_note,
    scorecard_styled,
    scorecard_table,
)
from tracker.wording.tables import profile_table
from webapp import charts, language, pickers, signin, views, widgets
from webapp.language import t
from webapp.safe import plain

signin.need("view")
plan = pickers.current_plan()
reg = pickers.plan_view()
lang = language.lang()
st.title(t("units.title"))
as_of, window = pickers.as_of_and_window()
widgets.sample_banner()
parents = [u for u in reg.units if reg.children.get(u)]
unit_names = {u: x.name(lang) for u, x in reg.units.items()}
c1, c2, c3 = st.columns(3)
parent = pickers.remembered_select(t("units.parent"), parents, key="units_parent", format_func=unit_names.__getitem__,
                                   container=c1)
rows = reg.children[parent]
types = sorted({reg.units[u].type for u in rows})
type_labels: dict[str | None, str] = {None: t("units.all_types"), **{k: t(f"type.{k}") for k in types}}
kind = c2.selectbox(t("units.type"), [None, *types], key="units_type", format_func=type_labels.__getitem__)
rows = [u for u in rows if kind is None or reg.units[u].type == kind]
card = views.scorecard_view(plan=plan, as_of=as_of, window=window, rows=rows)
targets = list(card.values.columns)
focus_labels = {c: reg.targets[c].name(lang) for c in targets}
focus = c3.selectbox(t("units.filter_target"), targets, key="units_focus", index=None,
                     format_func=focus_labels.__getitem__, placeholder=t("units.none"))
n, bottom = 0, False
if focus:
    f1, f2 = st.columns(2)
    n = f1.number_input(t("units.n"), min_value=1, max_value=len(rows), value=min(5, len(rows)))
    which = {False: t("units.top"), True: t("units.bottom")}
    bottom = f2.radio(t("units.which"), [False, True], horizontal=True, format_func=which.__getitem__) is True
    keep = top_bottom(card, reg, focus, int(n), bottom)
    card = card.only(keep)
    st.caption(t("units.sorted_by", target=focus_labels[focus]))
listed = card.units or rows  # every unit of the table, for the profile below, whichever page is shown
charts.draw(charts.legend_spec(lang), width="content")
total = len(card.values)
pages = page_count(total, PAGE_ROWS)
if pages > 1:  # thousands of coloured rows at city scale: a page at a time
    p1, p2 = st.columns([1, 3], vertical_alignment="bottom")
    table_key = f"{parent}_{kind}_{focus}_{n}_{bottom}"
    number = min(pages, int(p1.number_input(t("units.page"), min_value=1, max_value=pages, value=1,
                                            key=f"units_page_{table_key}")))  # page 1 for each new table
    card = card.page(number, PAGE_ROWS)
    p2.caption(page_note(number, total, PAGE_ROWS, lang))
st.caption(t("units.legend_paged", filter=t("units.filter_target")) if pages > 1 else t("units.legend_arrows"))
table = scorecard_table(card, reg, lang, focus)
config = {name: st.column_config.Column(width=w, pinned=(name == focus_labels.get(focus or "")) or None)
          for name, w in column_widths(table).items()}
st.dataframe(scorecard_styled(card, reg, lang, focus, table), width="stretch", column_config=config)

unit = pickers.remembered_select(t("units.pick"), listed, key="units_pick",
                                 format_func=unit_names.__getitem__)
profile = views.unit_profile_view(plan=plan, unit=unit, as_of=as_of, window=window)
st.subheader(plain(t("units.profile", unit=unit_names[unit])))
widgets.table(profile_table(profile.rows, profile.ranks, lang))
trend_spec = charts.profile_spec(plan=plan, unit=unit, as_of=as_of, window=window, lang=lang)
if trend_spec is not None:
    charts.draw(trend_spec)
