"""What the printed overview says, as plain data: title and lines, the status counts, one face per target card
(name, status, value, rule, distances, trend and target) — every sentence from `tracker.wording`, in the
reader's language; drawn by `tracker.reports.writers.page`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.core.i18n import Lang, msg
from tracker.core.periods import parse_period
from tracker.engine.cards import ordered
from tracker.engine.views import STATUS_ORDER, Overview
from tracker.register import Register
from tracker.reports.numbers import dated
from tracker.wording.cards import STATUS_COLOURS, card_text


@dataclass(frozen=True)
class Face:
    """One target card as printed."""

    name: str
    status: str
    colour: str  # a STATUS_COLOURS name: green, blue, orange, red, gray
    value: str
    rule: str
    distances: str
    trend: list[float]
    threshold: float | None


@dataclass(frozen=True)
class OverviewSheet:
    title: str
    lines: list[str]
    counts: list[tuple[str, int, str]]  # (status in words, how many, colour)
    faces: list[Face]
    footer: str


def overview_sheet(ov: Overview, register: Register, lang: Lang, *, as_of: str, window: str, sample: bool,
                   version: str, now: dt.datetime, date: dt.date | None = None) -> OverviewSheet:
    """The overview of `as_of` and `window` as one printed page: what is behind first, as on the page; dated
    `date` when given (the command line's `--date`), else stamped with the time it was made."""
    terms = {"as_of": parse_period(as_of).label(lang), "window": msg(f"window.{window}", lang), "version": version}
    line = (msg("print.line_dated", lang, **terms, date=dated(date, lang)) if date
            else msg("print.line", lang, **terms, at=f"{now:%Y-%m-%d %H:%M}"))
    lines = [line] + ([msg("ui.sample_banner", lang)] if sample else [])
    counts = [(msg(f"status.{s}", lang), ov.counts[s], STATUS_COLOURS[s]) for s in STATUS_ORDER if ov.counts.get(s)]
    faces = []
    for card in ordered(ov.cards, True):
        text = card_text(card, register, lang)
        trend = [float(v) for v in card.trend["value"].dropna()] if not card.trend.empty else []
        faces.append(Face(text.name, text.status, text.colour, text.value, msg("ov.rule", lang, rule=text.rule),
                          text.distances, trend, card.row.threshold if trend else None))
    plan = register.plan.name_zh if lang == "zh" else register.plan.name_en
    return OverviewSheet(msg("print.title", lang), lines, counts, faces,
                         msg("print.footer", lang, plan=plan, issuer=register.plan.issuer_in(lang)))
