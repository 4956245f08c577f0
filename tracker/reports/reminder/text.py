"""The reminder notice (催报通知) as a document: addressed to the units concerned, what each still lacks, by when,
and whom to call — in the office's letterhead (templates/official.docx), every sentence a message."""

from __future__ import annotations

import datetime as dt

from tracker.core.i18n import Lang, msg
from tracker.engine.completeness import Completeness
from tracker.register import Register
from tracker.reports.model import Block, Cell, Cover, Document, Paragraph, Table
from tracker.reports.numbers import whole
from tracker.wording.completeness import reminder_units
from tracker.wording.numbers import in_document


def _date(day: dt.date, lang: Lang) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


@in_document
def reminder_document(report: Completeness, register: Register, lang: Lang, today: dt.date) -> Document:
    """The notice for the report's period: one row per unit missing (or late) with what it lacks and its contact."""
    units = reminder_units(report)
    sep = msg("sep.list", lang)
    period = report.period.label(lang)
    overdue = today > report.deadline
    rows: list[list[Cell]] = [
        [register.units[u].name(lang), sep.join(register.metrics[m].name(lang) for m in ms) or "—",
         int(late) or None, register.units[u].contact or msg("remind.no_contact", lang)]
        for u, ms, late in zip(units["unit"], units["missing_metrics"], units["late"], strict=True)]
    office = next((u for u in register.units.values() if u.type == "office"), None)
    blocks: list[Block] = [
        Paragraph(msg("remind.doc_to", lang)),
        Paragraph(msg("remind.doc_body_overdue" if overdue else "remind.doc_body", lang, period=period,
                      deadline=_date(report.deadline, lang), today=_date(today, lang), n=whole(len(rows)),
                      received=whole(report.received), expected=whole(report.expected))),
        Table([msg(k, lang) for k in ("complete.col_name", "remind.col_lacking", "remind.col_late",
                                      "remind.col_contact")], rows, ["text", "text", "count", "text"],
              weights=[3, 5, 1.2, 3]),
        Paragraph(msg("remind.doc_ask", lang)),
    ]
    if office is not None and office.contact:
        blocks.append(Paragraph(msg("remind.doc_contact", lang, office=office.name(lang), contact=office.contact)))
    cover = Cover(title=msg("remind.doc_title", lang, period=period), issuer=register.plan.issuer_in(lang),
                  date=_date(today, lang))
    return Document(cover, blocks)
