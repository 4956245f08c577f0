"""目标详情: the clause, the indicator against threshold and pace, per-unit figures and gap attribution."""

import streamlit as st

import ui
from tracker.charts import target_chart, unit_bar_chart
from tracker.engine.views import STATUS_COLOURS, target_detail
from tracker.i18n import fmt_number

reg = ui.register()
lang = ui.lang()
st.title(ui.t("detail.title"))
codes = list(reg.targets)
target = st.selectbox(ui.t("detail.target"), codes, key="detail_target", format_func=lambda c: reg.targets[c].name(lang))
as_of, window = ui.as_of_and_window()
ui.sample_banner()
with ui.db() as s:
    d = target_detail(session=s, register=reg, target=target, as_of=as_of, window=window, lang=lang)

st.markdown(f"> {d.clause}")
st.markdown(f":{STATUS_COLOURS[d.row.status]}-badge[{ui.t('status.' + d.row.status)}] {d.sentence}")
st.caption(ui.t("ov.rule", rule=d.rule) + " · " + ui.t("ov.units_reported", reported=d.row.units_reported,
                                                       expected=d.row.units_expected))
ind = reg.indicator_of(reg.targets[target])
if ind is None:
    st.info(ui.t("detail.milestone"))
    st.stop()
if d.row.value is not None:
    st.caption(ui.t("detail.numbers", numerator=fmt_number(d.row.numerator), denominator=fmt_number(d.row.denominator),
                    num_name=reg.metrics[ind.numerator].name(lang), den_name=reg.metrics[ind.denominator].name(lang),
                    factor=f"{ind.factor:g}", value=f"{d.row.value:.2f}"))
if not d.series.empty:
    st.altair_chart(target_chart(d.series, ind.name(lang), ind.unit, lang), width="stretch")

st.subheader(ui.t("detail.per_unit"))
if not d.per_unit.empty:
    st.altair_chart(unit_bar_chart(d.per_unit, ind.name(lang), ind.unit, reg.targets[target].threshold, lang),
                    width="stretch")
    ui.show_units(d.per_unit)

st.subheader(ui.t("detail.attribution"))
if d.attribution.empty:
    st.info(ui.t("detail.attribution_none"))
else:
    ui.show_units(d.attribution)

st.subheader(ui.t("detail.ranking"))
ui.show_units(d.ranking)
