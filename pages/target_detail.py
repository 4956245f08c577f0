"""目标详情: the clause, the indicator against threshold and pace, per-unit figures and gap attribution."""

import streamlit as st

import ui
import ui_access
from tracker.charts import target_chart, unit_bar_chart
from tracker.engine.cards import STATUS_COLOURS
from tracker.engine.tables import number, rule_label, unit_table
from tracker.engine.wording import sentence

ui_access.need("view")
reg = ui.register()
lang = ui.lang()
st.title(ui.t("detail.title"))
names = {c: t.name(lang) for c, t in reg.targets.items()}
target = st.selectbox(ui.t("detail.target"), list(reg.targets), key="detail_target", format_func=names.__getitem__)
as_of, window = ui.as_of_and_window()
ui.sample_banner()
d = ui.view("target_detail", target=target, as_of=as_of, window=window, lang=lang)
t = reg.targets[target]

st.markdown(f"> {t.clause}")
st.markdown(f":{STATUS_COLOURS[d.row.status]}-badge[{ui.t('status.' + d.row.status)}] {sentence(d.row, reg, lang)}")
st.caption(ui.t("ov.rule", rule=rule_label(reg, target, lang)) + " · " + ui.t(
    "ov.units_reported", reported=d.row.units_reported, expected=d.row.units_expected))
ind = reg.indicator_of(t)
if ind is None:
    st.info(ui.t("detail.milestone"))
    st.stop()
if d.row.value is not None:
    sep = ui.t("sep.plus")
    st.caption(ui.t("detail.numbers", numerator=number(d.row.numerator), denominator=number(d.row.denominator),
                    num_name=sep.join(reg.metrics[m].name(lang) for m in ind.numerators),
                    den_name=sep.join(reg.metrics[m].name(lang) for m in ind.denominators),
                    factor=f"{ind.factor:g}", value=f"{d.row.value:.2f}"))
if not d.series.empty:
    st.altair_chart(target_chart(d.series, ind.name(lang), ind.unit, lang), width="stretch")

st.subheader(ui.t("detail.per_unit"))
if not d.per_unit.empty:
    named = d.per_unit.assign(name=[reg.units[u].name(lang) for u in d.per_unit["unit"]])
    st.altair_chart(unit_bar_chart(named, ind.name(lang), ind.unit, t.threshold, t.higher_is_better, lang),
                    width="stretch")
    ui.table(unit_table(d.per_unit, reg, ind.unit, lang))

st.subheader(ui.t("detail.attribution"))
if d.attribution.empty:
    st.info(ui.t("detail.attribution_none"))
else:
    ui.table(unit_table(d.attribution, reg, ind.unit, lang))

st.subheader(ui.t("detail.ranking"))
ui.table(unit_table(d.ranking, reg, ind.unit, lang))

ui.narrative(target, as_of, ui_access.actor())
