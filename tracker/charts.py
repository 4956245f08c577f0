"""Altair chart specifications with Chinese (or English) titles and axis labels; no Streamlit here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from tracker.i18n import Lang, msg


def sparkline(trend: pd.DataFrame, colour: str) -> alt.Chart:
    """A small trend line for a target card."""
    return alt.Chart(trend).mark_line(point=False, color=colour).encode(
        x=alt.X("period:O", axis=None), y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
        tooltip=["period", alt.Tooltip("value:Q", format=".2f")]).properties(height=60)


def target_chart(series: pd.DataFrame, name: str, unit: str, lang: Lang) -> alt.LayerChart:
    """The indicator over time against its threshold and the expected pace."""
    long = series.melt(id_vars=["period"], value_vars=["value", "threshold", "expected"], var_name="line",
                       value_name="y").dropna()
    labels = {"value": msg("chart.actual", lang), "threshold": msg("chart.threshold", lang),
              "expected": msg("chart.expected", lang)}
    long["line"] = long["line"].map(labels)
    y_title = f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"
    base = alt.Chart(long).encode(
        x=alt.X("period:O", title=msg("chart.period", lang)),
        y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False)),
        color=alt.Color("line:N", title=None, legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash("line:N", legend=None),
        tooltip=[alt.Tooltip("period:O", title=msg("chart.period", lang)), "line:N",
                 alt.Tooltip("y:Q", format=".2f", title=name)])
    return (base.mark_line(point=True)).properties(title=msg("chart.target_title", lang, name=name), height=320)


def unit_bar_chart(per_unit: pd.DataFrame, name: str, unit: str, threshold: float | None, lang: Lang) -> alt.LayerChart:
    """The indicator per unit, as horizontal bars, with the threshold as a rule."""
    bars = alt.Chart(per_unit.dropna(subset=["value"])).mark_bar().encode(
        x=alt.X("value:Q", title=f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"),
        y=alt.Y("name:N", sort="-x", title=msg("chart.unit", lang)),
        tooltip=[alt.Tooltip("name:N", title=msg("chart.unit", lang)), alt.Tooltip("value:Q", format=".2f"),
                 alt.Tooltip("numerator:Q", format=",.0f"), alt.Tooltip("denominator:Q", format=",.0f")])
    layers: list[alt.Chart] = [bars]
    if threshold is not None:
        rule = alt.Chart(pd.DataFrame({"t": [threshold]})).mark_rule(color="red", strokeDash=[4, 4]).encode(x="t:Q")
        layers.append(rule)
    height = max(160, 18 * len(per_unit))
    return alt.layer(*layers).properties(title=msg("chart.units_title", lang, name=name), height=height)
