"""Altair chart specifications with titles and axes in the reader's language; no Streamlit here.

The same colour means the same thing in every chart and language: the actual value is blue, the plan's
target red, the expected pace grey; a unit below the target is orange. Pages and the reports' chart images
(`tracker.reports.writers.images`) draw from these same specs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from html import escape
from typing import TypeVar

import altair as alt
import pandas as pd

from tracker.core.i18n import Lang, msg
from tracker.register.rules import TargetRule

SERIES = ("value", "threshold", "expected")
SERIES_COLOURS = {"value": "#1f77b4", "threshold": "#d62728", "expected": "#7f7f7f"}
BELOW_COLOUR, MEETS_COLOUR = "#f28e2b", "#1f77b4"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"


TITLE_COLUMNS = 40  # a title's line at most: about 290 px at 14 px, what a phone's page column (390 px) holds
DOCUMENT_TITLE_COLUMNS = 70  # a document's chart image is 560 px wide: its title breaks only when that is full
_OPENING, _CLOSING = "（《“「〈【(", "，。、）》”」〉】：；！？),.:;!?"
# a word, or one Chinese character, with the opening marks before it and the closing marks after it: a line never
# ends with "（" nor starts with "，" or "）"
_TOKEN = re.compile(rf"[{_OPENING}]*(?:[^\s\u2e80-\u9fff\uff00-\uffef{_OPENING}{_CLOSING}]+|.)[{_CLOSING}]*\s*|\s+")


def title_lines(text: str, columns: int = TITLE_COLUMNS) -> list[str]:
    """A chart title in lines of at most `columns` (a Chinese character takes two): a long one is broken after its
    colon first, then between words or Chinese characters (on a phone a long title was cut off at the right)."""
    if _columns(text) <= columns:
        return [text]
    for mark in ("：", ": "):
        head, found, rest = text.partition(mark)
        if found and head and rest:
            return _wrapped(head + found.rstrip(), columns) + _wrapped(rest, columns)
    return _wrapped(text, columns)


def _wrapped(text: str, columns: int) -> list[str]:
    lines, line = [], ""
    for token in _TOKEN.findall(text.strip()):
        if line and _columns(line + token.rstrip()) > columns:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


def _columns(text: str) -> int:
    return sum(_width(ch) for ch in text)


def _title(text: str, subtitle: str | None = None, columns: int = TITLE_COLUMNS) -> alt.TitleParams:
    if subtitle is None:
        return alt.TitleParams(title_lines(text, columns), anchor="start", fontSize=14, limit=0, font=FONT)
    return alt.TitleParams(title_lines(text, columns), anchor="start", fontSize=14, limit=0, font=FONT,
                           subtitle=title_lines(subtitle, columns * 14 // 12), subtitleFont=FONT, subtitleFontSize=12,
                           subtitleColor="#555555")  # the subtitle's 12 px hold a sixth more than the title's 14


# "pad" grows the view around the plot instead of squeezing the plot into a fixed box: a title or a legend
# never pushes the plot flat or gets clipped at the top
PAD = alt.AutoSizeParams(type="pad")


def _axis_title(name: str, unit: str, lang: Lang) -> str:
    return f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"


def spark_scale(values: list[float], threshold: float | None) -> tuple[float, float]:
    """The value range a sparkline shows: its values and the target's, a tenth of the span either side (99.6 →
    99.8 against a target of 90 is then drawn as the small move it is)."""
    every = values + ([threshold] if threshold is not None else [])
    low, high = (min(every), max(every)) if every else (0.0, 1.0)
    span = (high - low) or abs(high) or 1.0
    return low - span * 0.1, high + span * 0.1


def short_number(value: float) -> str:
    """12,345 / 99.74 / 3.5: at most two decimals, no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def label_rows(high_y: float, low_y: float, gap: float = 11.0) -> tuple[float, float]:
    """Where the highest and lowest values are written: at their points, moved apart around their middle when
    closer than one line of text (`gap`), so two close values never print over each other."""
    if low_y - high_y >= gap:
        return high_y, low_y
    middle = (high_y + low_y) / 2
    return middle - gap / 2, middle + gap / 2


def sparkline_svg(values: list[float], lang: Lang, threshold: float | None = None) -> str:
    """A card's trend as a small SVG: titled, the line in the actual value's blue, the target dashed in red within
    the same scale, the highest and lowest value written at the right. Drawn by the browser as an image: sixteen
    cards cost no chart library."""
    width, height, left, top, right, bottom = 320, 74, 2, 22, 262, 68
    low, high = spark_scale(values, threshold)

    def y(v: float) -> float:
        return bottom - (v - low) / (high - low) * (bottom - top)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" font-family="{FONT}">',
             f'<text x="{left}" y="12" font-size="11" fill="#666666">{escape(msg("chart.spark_title", lang))}</text>']
    if threshold is not None:
        parts.append(f'<line x1="{left}" y1="{y(threshold):.1f}" x2="{right}" y2="{y(threshold):.1f}" '
                     f'stroke="{SERIES_COLOURS["threshold"]}" stroke-width="1" stroke-dasharray="4 3"/>')
    if len(values) > 1:
        step = (right - left) / (len(values) - 1)
        points = " ".join(f"{left + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{SERIES_COLOURS["value"]}" '
                     f'stroke-width="2" stroke-linejoin="round"/>')
        top_y, low_y = label_rows(y(max(values)), y(min(values)))
        for v, at in ((max(values), top_y), (min(values), low_y)):
            parts.append(f'<text x="{right + 6}" y="{at + 4:.1f}" font-size="10" fill="#888888">'
                         f"{short_number(v)}</text>")
    parts.append("</svg>")
    return "".join(parts)


ChartT = TypeVar("ChartT", alt.Chart, alt.LayerChart, alt.Chart | alt.LayerChart)


def fit_column(chart: ChartT) -> ChartT:
    """The chart sized to the page column it is drawn in, axes, labels and legend included (a document's image
    keeps its own width, `tracker.reports.writers.images`)."""
    return chart.properties(width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def target_chart(series: pd.DataFrame, name: str, unit: str, lang: Lang, plans: Sequence[tuple[str, str]] = (),
                 title_columns: int = TITLE_COLUMNS) -> alt.Chart | alt.LayerChart:
    """The indicator over time against its threshold and the expected pace; `plans` (first period, name) marks
    where each plan starts when the series runs across plans; the title's lines at most `title_columns` (a page's
    phone-wide column by default, `DOCUMENT_TITLE_COLUMNS` for a document's image)."""
    title = _title(msg("chart.target_title", lang, name=name), columns=title_columns)
    lines = _lines(series, name, unit, lang)
    marks = [(p, n) for p, n in plans if p in set(series["period"])]
    if not marks:
        return lines.properties(title=title, height=300, autosize=PAD)
    starts = pd.DataFrame(marks, columns=["period", "plan"])
    rules = alt.Chart(starts).mark_rule(color="#999999", strokeDash=[2, 4]).encode(x="period:O")
    text = alt.Chart(starts).mark_text(align="left", baseline="top", dx=3, dy=2, color="#666666", font=FONT).encode(
        x="period:O", y=alt.value(0), text="plan:N")
    return alt.layer(lines, rules, text).properties(title=title, height=300, autosize=PAD)


def _lines(series: pd.DataFrame, name: str, unit: str, lang: Lang) -> alt.Chart:
    long = series.melt(id_vars=["period"], value_vars=list(SERIES), var_name="line", value_name="y").dropna()
    labels = {"value": msg("chart.actual", lang), "threshold": msg("chart.threshold", lang),
              "expected": msg("chart.expected", lang)}
    long["line"] = long["line"].map(labels)
    scale = alt.Scale(domain=[labels[s] for s in SERIES], range=[SERIES_COLOURS[s] for s in SERIES])
    return alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("period:O", title=msg("chart.period", lang), axis=period_axis(list(series["period"]))),
        # the lines' range and a tenth of it either side: a target line at the lowest value is not on the frame
        y=alt.Y("y:Q", title=_axis_title(name, unit, lang),
                scale=alt.Scale(zero=False, nice=False, domain=list(spark_scale(long["y"].astype(float).tolist(), None)))),
        color=alt.Color("line:N", title=None, scale=scale,
                        legend=alt.Legend(orient="bottom", labelLimit=0, symbolType="stroke", symbolStrokeWidth=3)),
        strokeDash=alt.StrokeDash("line:N", legend=None, scale=alt.Scale(domain=[labels[s] for s in SERIES],
                                                                        range=[[1, 0], [6, 3], [2, 2]])),
        tooltip=[alt.Tooltip("period:O", title=msg("chart.period", lang)), alt.Tooltip("line:N", title=" "),
                 alt.Tooltip("y:Q", format=".2f", title=name)],
    )


def period_axis(periods: list[str]) -> alt.Axis:
    """Every period labelled when there are a year's worth or fewer; else January and July of each year, level."""
    if len(periods) <= 12:
        return alt.Axis(labelAngle=0)
    return alt.Axis(labelAngle=0, values=[p for p in periods if p[-2:] in ("01", "07") or p[-2:] in ("Q1", "Q3")])


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def short_name(name: str, limit: int = 28) -> str:
    """A unit name short enough for a bar label (the full name stays in the tooltip): at most `limit` columns, a
    Chinese character taking two, so that an English name keeps as much as a Chinese one shows (14 characters)."""
    if _columns(name) <= limit:
        return name
    out, used = "", 1  # the ellipsis takes one
    for ch in name:
        if used + _width(ch) > limit:
            break
        out, used = out + ch, used + _width(ch)
    return out.rstrip() + "…"


MOST_BARS = 40  # beyond this the chart shows both ends: a city's 3,000 bars were 60,000 px tall and unreadable


def unit_bar_chart(per_unit: pd.DataFrame, name: str, unit: str, rule: TargetRule, lang: Lang,
                   per_unit_target: bool = True, most: int = MOST_BARS) -> alt.LayerChart:
    """The indicator per unit as sorted horizontal bars, every bar labelled; units missing the target stand out
    when the target applies to each unit (a ratio; a total's target is the district's, `per_unit_target` False).
    More than `most` units: the best and the worst `most` ÷ 2, said in the title (the page's table lists all)."""
    data = per_unit.dropna(subset=["value"]).copy()
    data = data.sort_values("value", ascending=not rule.higher_is_better, kind="stable")
    total = len(data)
    title, subtitle = msg("chart.units_title", lang, name=name), None
    if total > most:  # on two lines: a phone's column holds neither in one
        data = pd.concat([data.head(most // 2), data.tail(most - most // 2)])
        title = msg("chart.units_title_ends", lang, name=name, half=most // 2)
        subtitle = msg("chart.units_subtitle_ends", lang, total=total)
    labels = {str(u): short_name(str(n)) for u, n in zip(data["unit"], data["name"], strict=True)}
    meets = msg("chart.meets", lang)
    below = msg("chart.below", lang)
    threshold = rule.threshold if rule.has_value and rule.ready and per_unit_target else None
    data["band"] = [meets if threshold is None or rule.met(v) else below for v in data["value"]]
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("value:Q", title=_axis_title(name, unit, lang)),
        # one band per unit (by code): two names cut to the same label were drawn as one bar; the label is looked up
        y=alt.Y("unit:N", sort=list(labels), title=None,
                axis=alt.Axis(labelLimit=0, labelFontSize=11,
                              labelExpr=f"{json.dumps(labels, ensure_ascii=False)}[datum.value]")),
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
    return alt.layer(*layers).properties(title=_title(title, subtitle), height=max(160, 20 * len(data)), autosize=PAD)
