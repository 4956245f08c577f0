"""Each document as file bytes in the format asked for: what the export page and the CLI both call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from tracker.errors import TrackerError
from tracker.i18n import Lang, msg
from tracker.periods import LOCAL_TZ, parse_period
from tracker.register import Register
from tracker.reports import docx_writer, markdown_writer, xlsx_writer
from tracker.reports.briefing import Issue, briefing_data, next_issue, record_issue
from tracker.reports.briefing_text import briefing_document
from tracker.reports.departments import department_rows, department_table
from tracker.reports.evaluation import evaluation_pack
from tracker.reports.evaluation_sheets import evaluation_sheets
from tracker.reports.evaluation_text import evaluation_document
from tracker.reports.model import Cover, Document, Sheet
from tracker.reports.numbers import MISSING
from tracker.reports.pdf import to_pdf

EVALUATION_FORMATS = (".docx", ".xlsx", ".pdf")
BRIEFING_FORMATS = (".docx", ".md", ".pdf")
DEPARTMENT_FORMATS = (".xlsx", ".docx")


@dataclass(frozen=True)
class Export:
    data: bytes
    name: str  # a file name for the download: 中期评估-2018-06.docx
    mime: str


MIMES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".pdf": "application/pdf",
         ".md": "text/markdown"}


def _check(suffix: str, allowed: tuple[str, ...]) -> str:
    suffix = suffix.lower()
    if suffix not in allowed:
        raise TrackerError("report.bad_format", suffix=suffix or "?", allowed=", ".join(allowed))
    return suffix


def _document_bytes(document: Document, suffix: str, name: str) -> bytes:
    if suffix == ".md":
        return markdown_writer.render(document).encode("utf-8")
    docx = docx_writer.render(document)
    return to_pdf(docx, name) if suffix == ".pdf" else docx


def evaluation_export(*, session: Session, register: Register, kind: str, as_of: str, suffix: str,
                      unit: str | None = None, lang: Lang = "zh", now: dt.datetime | None = None) -> Export:
    suffix = _check(suffix, EVALUATION_FORMATS)
    pack = evaluation_pack(session=session, register=register, kind=kind, as_of=as_of, unit=unit, now=now)
    who = f"-{register.units[pack.unit].name_zh}" if pack.unit else ""
    name = f"{msg(f'eval.kind_{kind}', 'zh', year=pack.as_of.year)}{who}-{pack.as_of.code}{suffix}"
    if suffix == ".xlsx":
        data = xlsx_writer.render(evaluation_sheets(pack, register, lang))
    else:
        data = _document_bytes(evaluation_document(pack, register, lang), suffix, "evaluation")
    return Export(data, name, MIMES[suffix])


def briefing_export(*, session: Session, register: Register, month: str, suffix: str, user: str,
                    issue: Issue | None = None, date: dt.date | None = None, lang: Lang = "zh",
                    record: bool = True) -> Export:
    """The month's briefing; its numbers continue from the last briefing exported (or are given), and are kept."""
    suffix = _check(suffix, BRIEFING_FORMATS)
    code = parse_period(month).code
    issue = issue or next_issue(session=session, month_code=code)
    b = briefing_data(session=session, register=register, month_code=code, issue=issue,
                      date=date or dt.datetime.now(LOCAL_TZ).date())
    data = _document_bytes(briefing_document(b, register, lang), suffix, "briefing")
    if record:
        record_issue(session=session, month_code=code, issue=issue, user=user)
    return Export(data, f"政务服务简报-{issue.year}年第{issue.number}期-{code}{suffix}", MIMES[suffix])


def departments_export(*, session: Session, register: Register, period: str, suffix: str,
                       lang: Lang = "zh") -> Export:
    suffix = _check(suffix, DEPARTMENT_FORMATS)
    p = parse_period(period)
    rows = department_rows(session=session, register=register, period=p)
    table = department_table(rows, register, p, lang)
    name = f"{msg('dept.title', 'zh')}-{p.code}{suffix}"
    if suffix == ".xlsx":
        return Export(xlsx_writer.render([Sheet(msg("dept.title", lang), table.columns, table.rows, table.formats,
                                                    missing=MISSING, note=table.note)]),
                      name, MIMES[suffix])
    today = dt.datetime.now(LOCAL_TZ).date()
    cover = Cover(title=msg("dept.title", lang), issuer=register.plan.issuer, subtitle=f"（{p.label(lang)}）",
                  date=f"{today.year}年{today.month}月{today.day}日" if lang == "zh" else today.isoformat())
    return Export(docx_writer.render(Document(cover, [table])), name, MIMES[suffix])
