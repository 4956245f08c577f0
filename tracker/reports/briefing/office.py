"""The office's own text of a month's briefing, stored per issue (the month it covers) with history.

Seed 000's 考核情况, 效能监察情况, 工作动态, 政务简讯 and 服务之星, and seed 001's provincial 好差评 ranking (综合评分
and rank, with the office's comment) and 12345 complaint topics: what no figure gives, written by a planner on the
导出 page or with `python -m tracker briefing-text set`. Briefings are numbered per month across plans, so the
month is the issue's key.

SQL outside `tracker/storage`: this module owns the `briefing_text` table (append-only: an edit is a new row; the
newest row of a month and section is its text, an empty one leaves the section out of the briefing)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.roles import Actor, require
from tracker.core.errors import EditConflict, OfficeTextRejected
from tracker.core.i18n import Named, msg
from tracker.core.periods import Period, parse_period
from tracker.storage.faults import has_nul
from tracker.storage.models import BriefingText
from tracker.storage.values import bump_data_version
from tracker.wording.tables import local_time

# in the order the briefing prints them: 考核情况 closes 一、运作总体情况 (seed 000: 中心考核情况, then 分中心考核情况); the ranking opens the 好差评 section and
# the complaint topics follow the 12345 figures; the last four are sections of their own, in seed 000's order
SECTIONS = ("assessment", "assessment_branches", "ranking", "hotline_topics", "supervision", "news", "briefs", "stars")
OWN_SECTIONS = ("supervision", "news", "briefs", "stars")
ALIASES = {"ranking": ("好差评榜单", "综合评分", "排名", "score", "rank"), "hotline_topics": ("投诉热点", "12345"),
           "assessment": ("中心考核情况", "中心考核", "centre"), "assessment_branches": ("分中心考核", "branches")}
MAX_CHARS = 20_000  # seed 000's 政务简讯, the longest, has about 1,600


@dataclass(frozen=True)
class OfficeEdit:
    """What a planner entered for one section: its text and, for the ranking only, the score and rank."""

    section: str
    text: str
    score: float | None = None
    rank: int | None = None


@dataclass(frozen=True)
class OfficeEntry:
    """One stored revision of a section."""

    section: str
    text: str
    score: float | None
    rank: int | None
    user: str
    created_at: dt.datetime
    revision: int  # 1 for the first save of the section for the month


@dataclass(frozen=True)
class OfficeTexts:
    """What the briefing prints: each section's current text (sections without text are absent), the ranking's
    score and rank."""

    texts: dict[str, str] = field(default_factory=dict)
    score: float | None = None
    rank: int | None = None


def section_title(section: str) -> Named:
    return Named(msg(f"office.section.{section}", "zh"), msg(f"office.section.{section}", "en"))


def section_code(name: str) -> str:
    """The section a user named by its code, its Chinese or English title or an alias (工作动态, news, 综合评分)."""
    wanted = name.strip().casefold()
    for code in SECTIONS:
        title = section_title(code)
        if wanted in {code, title.zh.casefold(), title.en.casefold(), *(a.casefold() for a in ALIASES.get(code, ()))}:
            return code
    raise OfficeTextRejected("office.unknown_section", name=name,
                             known=Named("、".join(section_title(c).zh for c in SECTIONS),
                                         ", ".join(section_title(c).en for c in SECTIONS)))


UNPRINTABLE = {"\x7f", "\ufffe", "\uffff"}  # with the C0 controls but line breaks and tabs: not allowed in a DOCX


def _month(month: str) -> Period:
    p = parse_period(month)
    if p.kind != "month":
        raise OfficeTextRejected("office.not_month", period=month)
    return p


def _checked(edit: OfficeEdit, p: Period) -> OfficeEdit:
    """The edit with its text trimmed, once every part of it is acceptable."""
    if edit.section not in SECTIONS:
        section_code(edit.section)  # raises, listing the known sections
    where = {"section": section_title(edit.section), "month": Named(p.label("zh"), p.label("en"))}
    text = edit.text.strip()
    if has_nul(text):
        raise OfficeTextRejected("office.nul", **where, line=text[:text.index("\x00")].count("\n") + 1)
    bad = next((i for i, c in enumerate(text) if c in UNPRINTABLE or (ord(c) < 32 and c not in "\n\r\t")), None)
    if bad is not None:  # Word cannot hold it: the briefing could not be made until the text was edited
        raise OfficeTextRejected("office.control", **where, line=text[:bad].count("\n") + 1,
                                 code=f"U+{ord(text[bad]):04X}")
    if len(text) > MAX_CHARS:
        raise OfficeTextRejected("office.too_long", **where, chars=f"{len(text):,}", limit=f"{MAX_CHARS:,}")
    if (edit.score is not None or edit.rank is not None) and edit.section != "ranking":
        raise OfficeTextRejected("office.numbers_ranking_only", **where)
    if edit.score is not None and not (math.isfinite(edit.score) and 0 <= edit.score <= 100):
        raise OfficeTextRejected("office.bad_score", **where, value=edit.score)
    if edit.rank is not None and (isinstance(edit.rank, bool) or int(edit.rank) != edit.rank or edit.rank < 1):
        raise OfficeTextRejected("office.bad_rank", **where, value=edit.rank)
    return OfficeEdit(edit.section, text, edit.score, None if edit.rank is None else int(edit.rank))


def save_office_texts(*, session: Session, actor: Actor, month: str, edits: Sequence[OfficeEdit],
                      based_on: Mapping[str, int] | None = None) -> list[str]:
    """Store a new revision of every section whose text, score or rank differs from its stored one, in one
    transaction (planners only; audited; nothing is stored when any edit is refused); the sections saved.

    `based_on` (a form's): each section's revision the editor was shown (0: none). A section saved by someone else
    since is left as they saved it when this edit did not touch it, and refused (`EditConflict`, nothing stored)
    when it did — a form never overwrites another's text unseen. Without it (the command line) the edit is taken
    as meant for whatever is stored."""
    require(actor, "briefing_text")
    p = _month(month)
    checked = [_checked(e, p) for e in edits]
    history = office_history(session=session, month=p.code)
    latest = current_entries(session=session, month=p.code)
    changed = []
    for e in checked:
        now = latest.get(e.section)
        if (e.text, e.score, e.rank) == _stored(now):
            continue
        if based_on is not None and (now.revision if now else 0) != based_on.get(e.section, 0):
            shown = next((h for h in history if h.section == e.section and h.revision == based_on.get(e.section)),
                         None)
            if (e.text, e.score, e.rank) == _stored(shown):
                continue  # not edited here: the newer text stays
            assert now is not None  # a revision newer than the one shown exists
            raise EditConflict(what=Named(f"{p.label('zh')}简报【{section_title(e.section).zh}】",
                                          f'"{section_title(e.section).en}" of the {p.label("en")} briefing'),
                               user=now.user, at=local_time(now.created_at), n=now.revision)
        changed.append(e)
    for e in changed:
        session.add(BriefingText(month=p.code, section=e.section, body=e.text, score=e.score, rank=e.rank,
                                 user=actor.name))
        record(session, user=actor.name, action="briefing_text", subject=f"{p.code} {e.section}", commit=False,
               chars=len(e.text), score=e.score, rank=e.rank)
    if changed:
        bump_data_version(session=session)
        session.commit()
    return [e.section for e in changed]


def _stored(entry: OfficeEntry | None) -> tuple[str, float | None, int | None]:
    return ("", None, None) if entry is None else (entry.text, entry.score, entry.rank)


def office_history(*, session: Session, month: str) -> list[OfficeEntry]:
    """Every revision of every section of the month's briefing, newest first."""
    code = _month(month).code
    b = BriefingText
    rows = list(session.execute(select(b).where(col(b.month) == code).order_by(col(b.id))).scalars())
    seen: dict[str, int] = {}
    entries = []
    for r in rows:
        seen[r.section] = seen.get(r.section, 0) + 1
        entries.append(OfficeEntry(r.section, r.body, r.score, r.rank, r.user, r.created_at, seen[r.section]))
    return entries[::-1]


def current_entries(*, session: Session, month: str) -> dict[str, OfficeEntry]:
    """Each section's newest revision for the month (a section never saved is absent)."""
    found: dict[str, OfficeEntry] = {}
    for e in office_history(session=session, month=month):
        found.setdefault(e.section, e)
    return found


def office_texts(*, session: Session, month: str) -> OfficeTexts:
    """What the month's briefing prints of the office's own text."""
    entries = current_entries(session=session, month=month)
    ranking = entries.get("ranking")
    return OfficeTexts({s: e.text for s, e in entries.items() if e.text and s in SECTIONS},
                       ranking.score if ranking else None, ranking.rank if ranking else None)
