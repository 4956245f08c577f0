"""The scorecard as people read it: a cell per unit and target ('74.70% ▲'), coloured by status, and its legend."""

from __future__ import annotations

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from tracker.core.i18n import Lang, msg
from tracker.engine.scorecard import Scorecard
from tracker.register import Register
from tracker.wording.charts import FONT
from tracker.wording.sentences import fmt

PAGE_ROWS = 200  # units a page of the scorecard shows: 2,968 rows of coloured cells took 0.8–1.3 s to show
CELL_COLOURS = {"met": "#c8e6c9", "on_track": "#bbdefb", "at_risk": "#ffe0b2", "off_track": "#ffcdd2",
                "no_data": "#eeeeee"}


def scorecard_table(card: Scorecard, register: Register, lang: Lang, first: str | None = None) -> pd.DataFrame:
    """Display text per cell ('74.70% ▲', '—'), rows and columns named in the reader's language; the target
    `first` (the one the rows are sorted by) as the first column."""
    out = pd.DataFrame(index=pd.Index([register.units[u].name(lang) for u in card.values.index],
                                      name=msg("chart.unit", lang)))
    codes = list(card.values.columns)
    if first in codes:
        codes = [first, *(c for c in codes if c != first)]
    for code in codes:
        ind = register.indicator_of(register.targets[code])
        u = ind.unit if ind else ""
        out[register.targets[code].name(lang)] = [
            ("—" if v != v else fmt(v, u, 2, lang)) + (f" {a}" if a else "")
            for v, a in zip(card.values[code], card.arrows[code], strict=True)]
    return out


def scorecard_styled(card: Scorecard, register: Register, lang: Lang, first: str | None = None,
                     table: pd.DataFrame | None = None) -> Styler:
    """The table with a status colour per cell (the target `first` as the first column); `table`: the card's
    `scorecard_table`, when the caller has made it already."""
    table = scorecard_table(card, register, lang, first) if table is None else table
    codes = list(card.values.columns)
    if first in codes:
        codes = [first, *(c for c in codes if c != first)]
    colours = pd.DataFrame(card.statuses[codes].map(lambda s: f"background-color: {CELL_COLOURS.get(s, '#ffffff')}")
                           .to_numpy(), index=table.index, columns=table.columns)
    return table.style.apply(lambda _: colours, axis=None)


def page_note(number: int, rows: int, size: int, lang: Lang) -> str:
    """Which units page `number` (from 1, `size` rows a page) of a scorecard of `rows` units shows:
    第 201–400 个单位，共 2,968 个."""
    first, last = (number - 1) * size + 1, min(rows, number * size)
    if first == last:
        return msg("units.page_one", lang, first=f"{first:,}", total=f"{rows:,}")
    return msg("units.page_of", lang, first=f"{first:,}", last=f"{last:,}", total=f"{rows:,}")


def text_width(text: str) -> int:
    """About how many pixels a line of table text takes: a Chinese character 14, anything else 8."""
    return sum(14 if "\u2e80" <= ch <= "\uffef" else 8 for ch in text)


def column_widths(table: pd.DataFrame) -> dict[str, int]:
    """A width per column (and the unit names, `_index`) wide enough for its header and its longest cell, so no
    name is cut: 24 pixels of padding, at least 80."""
    widths = {"_index": max(80, max((text_width(str(x)) for x in table.index), default=0) + 24)}
    for column in table.columns:
        longest = max([text_width(str(column)), *(text_width(str(v)) for v in table[column])])
        widths[str(column)] = max(80, longest + 24)
    return widths


def legend_chart(lang: Lang) -> alt.LayerChart:
    """The colours of the scorecard's cells as swatches, each with its status in words (the same colours)."""
    data = pd.DataFrame({"i": range(len(CELL_COLOURS)), "label": [msg(f"status.{s}", lang) for s in CELL_COLOURS],
                         "colour": list(CELL_COLOURS.values())})
    base = alt.Chart(data).encode(x=alt.X("i:O", axis=None, scale=alt.Scale(paddingInner=0, paddingOuter=0)),
                                  y=alt.value(11))
    swatches = base.mark_square(size=180, stroke="#9e9e9e", strokeWidth=1, opacity=1, xOffset=-40).encode(
        color=alt.Color("colour:N", scale=None))
    labels = base.mark_text(align="left", dx=-28, fontSize=13, font=FONT).encode(text="label:N")
    return alt.layer(swatches, labels).properties(height=22, width=115 * len(CELL_COLOURS),
                                                  autosize=alt.AutoSizeParams(type="pad"))


def legend(lang: Lang) -> str:
    """The statuses in the order of their colours: 已达标 · 正常推进 · …"""
    return " · ".join(msg(f"status.{s}", lang) for s in CELL_COLOURS)


def scorecard_text(rows: list[dict[str, object]], register: Register, lang: Lang) -> str:
    """The scorecard's answer rows (`tracker.feeds.scorecard_answer`) as lines for a terminal: one per unit, each
    target it has a figure for with its status and change."""
    arrows = {"up": " ▲", "down": " ▼", "same": " ＝"}
    lines: dict[str, list[str]] = {}
    for r in rows:
        items = lines.setdefault(str(r["name"]), [])
        if r["value"] is None:
            continue
        target = register.targets[str(r["target"])]
        ind = register.indicator_of(target)
        value = fmt(float(r["value"]), ind.unit if ind else "", 2, lang)  # type: ignore[arg-type]
        items.append(f"{target.name(lang)} {value}{arrows.get(str(r['change']), '')}"
                     + msg("sep.paren", lang, text=msg("status." + str(r["status"]), lang)))
    sep = "；" if lang == "zh" else "; "
    return "\n".join(msg("scorecard.line", lang, unit=u, items=sep.join(i) or "—") for u, i in lines.items())
