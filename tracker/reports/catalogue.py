"""The catalogue of documents: each kind with its formats, and each made as file bytes in the format asked for —
what the 导出 page and the command line both call. Every export checks the actor's right (`require`) and is
written to the audit trail."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlmodel import Session

from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.clock import LOCAL_TZ
from tracker.core.errors import TrackerError, UnknownUnit
from tracker.core.i18n import Lang, msg
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.reports.briefing.figures import Issue, briefing_data, next_issue, record_issue
from tracker.reports.briefing.issues import check_issue
from tracker.reports.briefing.text import briefing_document
from tracker.reports.departments.table import department_rows, department_table, table_issuer
from tracker.reports.evaluation.figures import evaluation_pack
from tracker.reports.evaluation.sheets import evaluation_sheets
from tracker.reports.evaluation.text import evaluation_document
from tracker.reports.model import Contents, Cover, Document, Sheet
from tracker.reports.numbers import MISSING
from tracker.reports.writers import docx as docx_writer
from tracker.reports.writers import markdown as markdown_writer
from tracker.reports.writers import xlsx as xlsx_writer
from tracker.reports.writers.pdf import document_pdf
from tracker.storage.register_versions import version_of
from tracker.wording.register_changes import version_line

EVALUATION_FORMATS = (".docx", ".xlsx", ".pdf")
BRIEFING_FORMATS = (".docx", ".md", ".pdf")
DEPARTMENT_FORMATS = (".xlsx", ".docx")
REMINDER_FORMATS = (".docx", ".pdf")
OVERVIEW_FORMATS = (".pdf", ".png")
SELF_EVALUATION_FORMATS = (".docx", ".pdf")


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its code, the message key of its name, and the formats it is made in."""

    code: str
    title_key: str
    formats: tuple[str, ...]


CATALOGUE: dict[str, DocumentKind] = {d.code: d for d in (
    DocumentKind("evaluation", "export.tab_evaluation", EVALUATION_FORMATS),
    DocumentKind("briefing", "export.tab_briefing", BRIEFING_FORMATS),
    DocumentKind("departments", "export.tab_departments", DEPARTMENT_FORMATS),
    DocumentKind("reminder", "export.tab_reminder", REMINDER_FORMATS),
    DocumentKind("overview", "export.tab_overview", OVERVIEW_FORMATS),
    DocumentKind("self-evaluation", "self.kind", SELF_EVALUATION_FORMATS),
)}


@dataclass(frozen=True)
class Export:
    data: bytes
    name: str  # a file name for the download: 中期评估-2018-06.docx
    mime: str


MIMES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".pdf": "application/pdf",
         ".md": "text/markdown", ".png": "image/png"}


def _allowed(session: Session, actor: Actor, kind: str, suffix: str) -> str:
    """The format, once the actor may export and the kind is made in it."""
    require(actor, "export")
    return _check(suffix, CATALOGUE[kind].formats)


UNSAFE = re.compile(r'\s*[\\/:*?"<>|\x00-\x1f]+\s*')  # what Windows refuses in a file name (a browser renames)


def file_name(name: str) -> str:
    """A download's name with what no file system takes made a dash: 'Reminder: … Aug 2019.docx' → 'Reminder -
    … Aug 2019.docx' (Chinese full-width marks, allowed everywhere, are kept)."""
    return UNSAFE.sub(" - ", name).strip()


def _made(session: Session, actor: Actor, export: Export) -> Export:
    export = dataclasses.replace(export, name=file_name(export.name))
    record(session, user=actor.name, action="export", subject=export.name, sha256=hashlib.sha256(export.data)
           .hexdigest(), size=len(export.data))
    return export


def _check(suffix: str, allowed: tuple[str, ...]) -> str:
    suffix = suffix.lower()
    if suffix not in allowed:
        raise TrackerError("report.bad_format", suffix=suffix or "?", allowed=", ".join(allowed))
    return suffix


def _document_bytes(document: Document, suffix: str, name: str) -> bytes:
    if suffix == ".md":
        return markdown_writer.render(document).encode("utf-8")
    if suffix != ".pdf":
        return docx_writer.render(document)
    contents = next((b for b in document.blocks if isinstance(b, Contents)), None)

    def docx_of(c: Contents | None) -> bytes:
        return docx_writer.render(dataclasses.replace(document, blocks=[c if b is contents and c else b
                                                                         for b in document.blocks]))

    return document_pdf(docx_of, contents, name)


def evaluation_export(*, session: Session, register: Register, actor: Actor, kind: str, as_of: str, suffix: str,
                      unit: str | None = None, lang: Lang = "zh", now: dt.datetime | None = None,
                      date: dt.date | None = None) -> Export:
    """An evaluation pack (年度检查, 中期评估, 整体评估) for the district or one unit; `date` is the cover's
    (default today)."""
    suffix = _allowed(session, actor, "evaluation", suffix)
    pack = evaluation_pack(session=session, register=register, kind=kind, as_of=as_of, unit=unit, now=now,
                           with_values=suffix == ".xlsx")  # only the workbook lists every value used
    who = f"-{register.units[pack.unit].name(lang)}" if pack.unit else ""  # a file named in its language
    title = msg(f"eval.kind_{kind}", lang, year=pack.as_of.year)
    name = f"{title[:1].upper()}{title[1:]}{who}-{pack.as_of.code}{suffix}"  # 'Mid-term evaluation-2018-06.pdf'
    if suffix == ".xlsx":
        data = xlsx_writer.render(evaluation_sheets(pack, register, lang))
    else:
        data = _document_bytes(evaluation_document(pack, register, lang, date=date), suffix, "evaluation")
    return _made(session, actor, Export(data, name, MIMES[suffix]))


def briefing_export(*, session: Session, register: Register, actor: Actor, month: str, suffix: str,
                    issue: Issue | None = None, date: dt.date | None = None, lang: Lang = "zh",
                    keep_number: bool = True) -> Export:
    """The month's briefing; its numbers continue from the last briefing exported (or are given), and are kept."""
    suffix = _allowed(session, actor, "briefing", suffix)
    code = parse_period(month).code
    issue = issue or next_issue(session=session, month_code=code)
    if keep_number:  # numbers that would change a published month's or repeat another's are refused first
        check_issue(session=session, month_code=code, issue=issue)
    b = briefing_data(session=session, register=register, month_code=code, issue=issue,
                      date=date or dt.datetime.now(LOCAL_TZ).date())
    data = _document_bytes(briefing_document(b, register, lang), suffix, "briefing")
    if keep_number:
        record_issue(session=session, month_code=code, issue=issue, user=actor.name)
    return _made(session, actor, Export(data, msg("file.briefing", lang, year=issue.year, n=issue.number, code=code) + suffix,
                                        MIMES[suffix]))


def departments_export(*, session: Session, register: Register, actor: Actor, period: str, suffix: str,
                       lang: Lang = "zh", date: dt.date | None = None) -> Export:
    """Seed 002's 窗口部门绩效评估 table for a month, quarter, half-year or year."""
    suffix = _allowed(session, actor, "departments", suffix)
    p = parse_period(period)
    rows = department_rows(session=session, register=register, period=p)
    table = department_table(rows, register, p, lang, printed=suffix != ".xlsx")  # the XLSX keeps numbers
    used = version_line(version_of(session=session, fingerprint=register.fingerprint), register.fingerprint, lang)
    table = dataclasses.replace(table, note=f"{table.note}\n{used}" if table.note else used)
    name = f"{msg('dept.title', lang)}-{p.code}{suffix}"
    if suffix == ".xlsx":
        return _made(session, actor, Export(xlsx_writer.render([Sheet(
            msg("dept.title", lang), table.columns, table.rows, table.formats, missing=MISSING, note=table.note)]),
            name, MIMES[suffix]))
    today = date or dt.datetime.now(LOCAL_TZ).date()
    cover = Cover(title=msg("dept.title", lang), issuer=table_issuer(register, p, lang), subtitle=msg("sep.paren", lang, text=p.label(lang)).strip(),
                  date=f"{today.year}年{today.month}月{today.day}日" if lang == "zh" else today.isoformat())
    return _made(session, actor, Export(docx_writer.render(Document(cover, [table])), name, MIMES[suffix]))


def reminder_export(*, session: Session, register: Register, actor: Actor, period: str, suffix: str,
                    lang: Lang = "zh", today: dt.date | None = None) -> Export:
    """催报通知 for a period: the units missing or late, what each lacks, their contact lines."""
    from tracker.engine.completeness import completeness
    from tracker.reports.reminder.text import reminder_document

    suffix = _allowed(session, actor, "reminder", suffix)
    p = parse_period(period)
    report = completeness(session=session, register=register, period=p)
    document = reminder_document(report, register, lang, today or dt.datetime.now(LOCAL_TZ).date())
    name = f"{msg('remind.doc_title', lang, period=p.label(lang))}{suffix}"
    return _made(session, actor, Export(_document_bytes(document, suffix, "reminder"), name, MIMES[suffix]))


def overview_export(*, session: Session, register: Register, actor: Actor, as_of: str, suffix: str,
                    window: str = "ytd", lang: Lang = "zh", now: dt.datetime | None = None,
                    date: dt.date | None = None) -> Export:
    """The overview as of a month on one A4 landscape page (PDF or PNG), as the 总览 page shows it; dated `date`
    when given, else stamped with the time it was made."""
    from tracker.engine.views import overview
    from tracker.reports.fingerprint import content_hash
    from tracker.reports.overview.sheet import overview_sheet
    from tracker.reports.writers.page import render
    from tracker.storage.values import holds_sample_data

    suffix = _allowed(session, actor, "overview", suffix)
    p = parse_period(as_of)
    ov = overview(session=session, register=register, as_of=p, window=window)
    version = content_hash(session=session, register=register, units=list(register.units), end=p.end)
    sheet = overview_sheet(ov, register, lang, as_of=p.code, window=window, sample=holds_sample_data(session=session),
                           version=version, now=(now or dt.datetime.now(LOCAL_TZ)).astimezone(LOCAL_TZ), date=date)
    name = f"{msg('print.title', lang)}-{p.code}{suffix}"
    return _made(session, actor, Export(render(sheet, suffix), name, MIMES[suffix]))


def self_evaluation_export(*, session: Session, register: Register, actor: Actor, unit: str, year: int, suffix: str,
                           lang: Lang = "zh", date: dt.date | None = None) -> Export:
    """A unit's annual self-evaluation (seed 003), issued by the unit itself; for those who may export its data."""
    from tracker.reports.selfeval.figures import self_evaluation
    from tracker.reports.selfeval.text import issuer, self_evaluation_document

    if unit not in register.units:
        raise UnknownUnit(unit=unit)
    require(actor, "export", unit, register)
    suffix = _allowed(session, actor, "self-evaluation", suffix)
    s = self_evaluation(session=session, register=register, unit=unit, year=year)
    document = self_evaluation_document(s, register, lang, date or dt.datetime.now(LOCAL_TZ).date())
    name = msg("file.self_evaluation", lang, issuer=issuer(register, unit, lang), year=year) + suffix
    return _made(session, actor, Export(_document_bytes(document, suffix, "self-evaluation"), name, MIMES[suffix]))
