"""目标详情: the clause, the indicator against threshold and pace, per-unit figures and gap attribution."""

import streamlit as st

from tracker.wording.cards import STATUS_COLOURS
from tracker.wording.rules import quoted_clause, rule_label
from tracker.wording.sentences import sentence
from tracker.wording.tables import number, unit_table
from webapp import charts, language, pickers, signin, views, widgets
from webapp.language import t
from webapp.safe import plain

signin.need("view")
plan = pickers.current_plan()
reg = pickers.plan_view()
lang = language.lang()
st.title(t("detail.title"))
names = {code: x.name(lang) for code, x in reg.targets.items()}
target = st.selectbox(t("detail.target"), list(reg.targets), key="detail_target", format_func=names.__getitem__)
as_of, window = pickers.as_of_and_window()
widgets.sample_banner()
d = views.target_detail_view(plan=plan, target=target, as_of=as_of, window=window)
goal = reg.targets[target]

st.markdown(f"> {plain(quoted_clause(goal, lang))}")
st.markdown(f":{STATUS_COLOURS[d.row.status]}-badge[{t('status.' + d.row.status)}] {plain(sentence(d.row, reg, lang))}")
st.caption(plain(t("ov.rule", rule=rule_label(reg, target, lang)) + " · " + t(
    "ov.units_reported", reported=d.row.units_reported, expected=d.row.units_expected)))
ind = reg.indicator_of(goal)
if ind is None:
    st.info(t("detail.milestone"))
    st.stop()
if d.row.value is not None:
    sep = t("sep.plus")
    num_name = sep.join(reg.metrics[m].name(lang) for m in ind.numerators)
    if ind.is_total:
        st.caption(plain(t("detail.total", numerator=number(d.row.numerator), num_name=num_name)))
    else:
        st.caption(plain(t("detail.numbers", numerator=number(d.row.numerator), denominator=number(d.row.denominator),
                           num_name=num_name, den_name=sep.join(reg.metrics[m].name(lang) for m in ind.denominators),
                           factor=f"{ind.factor:g}", value=f"{d.row.value:.2f}")))
series_spec, bars_spec = charts.detail_specs(plan=plan, target=target, as_of=as_of, window=window, lang=lang)
if series_spec is not None:
    charts.draw(series_spec)

st.subheader(t("detail.per_unit"))
if not d.per_unit.empty:
    if bars_spec is not None:
        charts.draw(bars_spec)
    widgets.table(unit_table(d.per_unit, reg, ind.unit, lang))

st.subheader(t("detail.attribution"))
if d.attribution.empty:
    st.info(t("detail.attribution_none"))
else:
    widgets.table(unit_table(d.attribution, reg, ind.unit, lang))

st.subheader(t("detail.ranking"))
widgets.table(unit_table(d.ranking, reg, ind.unit, lang))

widgets.narrative(target, as_of, signin.actor())
