"""The pages' charts as Vega-Lite specs, made once per view and language and drawn from the cache after that.

Building an Altair chart and validating it against the Vega-Lite schema took most of a warm 目标详情 or 单位 run
(0.3–0.5 s at city scale, every rerun, for the same picture); the spec is a plain dict, cached like the views
(per data version, register, plan and arguments) and per language, since its titles and labels are words.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from tracker.core.i18n import Lang
from tracker.wording.charts import fit_column, target_chart, unit_bar_chart
from tracker.wording.plans import plan_starts
from tracker.wording.scorecard import legend_chart
from webapp.context import plan_register, version
from webapp.views import _target_detail, _unit_profile

Spec = dict[str, Any]


@st.cache_data(max_entries=256, show_spinner=False)
def _detail_specs(version_key: str, plan: str, target: str, as_of: str, window: str,
                  lang: Lang) -> tuple[Spec | None, Spec | None]:
    d = _target_detail(version_key, plan, target, as_of, window)
    reg = plan_register(plan)
    ind = reg.indicator_of(reg.targets[target])
    if ind is None:
        return None, None
    series = None if d.series.empty else fit_column(
        target_chart(d.series, ind.name(lang), ind.unit, lang, plan_starts(reg, lang))).to_dict()
    bars = None
    if not d.per_unit.empty:
        named = d.per_unit.assign(name=[reg.units[u].name(lang) for u in d.per_unit["unit"]])
        bars = fit_column(unit_bar_chart(named, ind.name(lang), ind.unit, reg.rule(target), lang,
                                         per_unit_target=not ind.is_total)).to_dict()
    return series, bars


def detail_specs(*, plan: str, target: str, as_of: str, window: str, lang: Lang) -> tuple[Spec | None, Spec | None]:
    """目标详情's two charts: the indicator over time against threshold and pace, and each unit's figure (None
    where there is nothing to draw)."""
    return _detail_specs(version(), plan, target, as_of, window, lang)


@st.cache_data(max_entries=256, show_spinner=False)
def _profile_spec(version_key: str, plan: str, unit: str, as_of: str, window: str, lang: Lang) -> Spec | None:
    profile = _unit_profile(version_key, plan, unit, as_of, window)
    if profile.trend is None or profile.trend.empty or profile.trend_indicator is None:
        return None
    reg = plan_register(plan)
    ind = reg.indicators[profile.trend_indicator]
    return fit_column(target_chart(profile.trend, ind.name(lang), ind.unit, lang, plan_starts(reg, lang))).to_dict()


def profile_spec(*, plan: str, unit: str, as_of: str, window: str, lang: Lang) -> Spec | None:
    """A unit's profile chart on 单位 (None without a trend)."""
    return _profile_spec(version(), plan, unit, as_of, window, lang)


@st.cache_data(max_entries=4, show_spinner=False)
def legend_spec(lang: Lang) -> Spec:
    """The scorecard's colour legend."""
    return legend_chart(lang).to_dict()


def draw(spec: Spec, width: Literal["stretch", "content"] = "stretch") -> None:
    st.vega_lite_chart(spec=spec, width=width)
