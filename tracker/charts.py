"""Altair chart specifications with titles and axes in the reader's language; no Streamlit here.

The same colour means the same thing in every chart and language: the actual value is blue, the plan's
target red, the expected pace grey; a unit below the target is orange. Pages and the reports' chart images
(`tracker.reports.images`) draw from these same specs.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from tracker.i18n import Lang, msg

SERIES = ("value", "threshold", "expected")
SERIES_COLOURS = {"value": "#1f77b4", "threshold": "#d62728", "expected": "#7f7f7f"}
BELOW_COLOUR, MEETS_COLOUR = "#f28e2b", "#1f77b4"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"


def _title(text: str) -> alt.TitleParams:
    return alt.TitleParams(text, anchor="start", fontSize=14, limit=0, font=FONT)


# "pad" grows the view around the plot instead of squeezing the plot into a fixed box: a title or a legend
# never pushes the plot flat or gets clipped at the top
PAD = alt.AutoSizeParams(type="pad")


def _axis_title(name: str, unit: str, lang: Lang) -> str:
    return f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"


def sparkline(trend: pd.DataFrame, colour: str, lang: Lang) -> alt.Chart:
    """A small trend line for a target card, titled."""
    return alt.Chart(trend).mark_line(point=False, color=SERIES_COLOURS["value"]).encode(
        x=alt.X("period:O", axis=None), y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("period:O", title=msg("chart.period", lang)),
                 alt.Tooltip("value:Q", format=".2f", title=msg("chart.actual", lang))],
    ).properties(height=60, autosize=PAD, title=alt.TitleParams(msg("chart.spark_title", lang), fontSize=11,
                                                                anchor="start", color="#666666", font=FONT))


def target_chart(series: pd.DataFrame, name: str, unit: str, lang: Lang) -> alt.Chart:
    """The indicator over time against its threshold and the expected pace."""
    long = series.melt(id_vars=["period"], value_vars=list(SERIES), var_name="line", value_name="y").dropna()
    labels = {"value": msg("chart.actual", lang), "threshold": msg("chart.threshold", lang),
              "expected": msg("chart.expected", lang)}
    long["line"] = long["line"].map(labels)
    scale = alt.Scale(domain=[labels[s] for s in SERIES], range=[SERIES_COLOURS[s] for s in SERIES])
    return alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("period:O", title=msg("chart.period", lang), axis=period_axis(list(series["period"]))),
        y=alt.Y("y:Q", title=_axis_title(name, unit, lang), scale=alt.Scale(zero=False)),
        color=alt.Color("line:N", title=None, scale=scale,
                        legend=alt.Legend(orient="bottom", labelLimit=0, symbolType="stroke", symbolStrokeWidth=3)),
        strokeDash=alt.StrokeDash("line:N", legend=None, scale=alt.Scale(domain=[labels[s] for s in SERIES],
                                                                        range=[[1, 0], [6, 3], [2, 2]])),
        tooltip=[alt.Tooltip("period:O", title=msg("chart.period", lang)), alt.Tooltip("line:N", title=" "),
                 alt.Tooltip("y:Q", format=".2f", title=name)],
    ).properties(title=_title(msg("chart.target_title", lang, name=name)), height=300, autosize=PAD)


def period_axis(periods: list[str]) -> alt.Axis:
    """Every period labelled when there are a year's worth or fewer; else January and July of each year, level."""
    if len(periods) <= 12:
        return alt.Axis(labelAngle=0)
    return alt.Axis(labelAngle=0, values=[p for p in periods if p[-2:] in ("01", "07") or p[-2:] in ("Q1", "Q3")])


def short_name(name: str, limit: int = 14) -> str:
    """A unit name short enough for a bar label (the full name stays in the tooltip)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def unit_bar_chart(per_unit: pd.DataFrame, name: str, unit: str, threshold: float | None, higher_is_better: bool,
                   lang: Lang) -> alt.LayerChart:
    """The indicator per unit as sorted horizontal bars, every bar labelled; units missing the target stand out."""
    data = per_unit.dropna(subset=["value"]).copy()
    data = data.sort_values("value", ascending=not higher_is_better)
    data["label"] = [short_name(n) for n in data["name"]]
    meets = msg("chart.meets", lang)
    below = msg("chart.below", lang)
    if threshold is not None:
        ok = data["value"] >= threshold if higher_is_better else data["value"] <= threshold
        data["band"] = [meets if x else below for x in ok]
    else:
        data["band"] = meets
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("value:Q", title=_axis_title(name, unit, lang)),
        y=alt.Y("label:N", sort=list(data["label"]), title=None, axis=alt.Axis(labelLimit=0, labelFontSize=11)),
        color=alt.Color("band:N", title=None, scale=alt.Scale(domain=[meets, below], range=[MEETS_COLOUR, BELOW_COLOUR]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("name:N", title=msg("chart.unit", lang)),
                 alt.Tooltip("value:Q", format=".2f", title=name),
                 alt.Tooltip("numerator:Q", format=",.0f", title=msg("ucol.numerator", lang)),
                 alt.Tooltip("denominator:Q", format=",.0f", title=msg("ucol.denominator", lang))])
    layers: list[alt.Chart] = [bars]
    if threshold is not None:
        layers.append(alt.Chart(pd.DataFrame({"t": [threshold]})).mark_rule(
            color=SERIES_COLOURS["threshold"], strokeDash=[6, 3]).encode(x="t:Q"))
    return alt.layer(*layers).properties(title=_title(msg("chart.units_title", lang, name=name)),
                                         height=max(160, 20 * len(data)), autosize=PAD)
