"""The monthly briefing as a `Document`, in the words of seeds 000 and 001.

"10 月份，区政务服务中心共受理业务 25824 件，环比下降 15.32%。其中，行政许可类及备案类业务 12737 件，占总量的
49.32%，社会公共服务类业务 13087 件，占总量的 50.68%，办结 25803 件，办结率 99.90%。" Counts without thousands
separators, percentages with two decimals, shares adding up to 100.00%, a missing figure said to be missing.
"""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.register import Register
from tracker.reports.briefing.figures import Briefing
from tracker.reports.briefing.office_blocks import (
    own_sections,
    ranking_blocks,
    section_blocks,
    text_blocks,
)
from tracker.reports.departments.table import DepartmentRow, rates_note
from tracker.reports.model import (
    Block,
    Cell,
    Contents,
    Cover,
    Document,
    Format,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from tracker.reports.numbers import month_on_month, percent, ratio, shares
from tracker.wording.numbers import document_grouping, in_document
from tracker.wording.register_changes import version_line

DEPT_FORMATS: list[Format] = ["text", "count", "count", "percent", "percent", "percent"]


def _n(value: float | None, lang: Lang, unit: str = "件") -> str:
    """'25824 件', or that it was not reported."""
    if value is None:
        return msg("brief.not_reported", lang)
    word = unit if lang == "zh" else {"件": "cases", "人次": "visits"}.get(unit, unit)
    return f"{value:{document_grouping()}.0f} {word}"


def _when(b: Briefing, lang: Lang) -> str:
    """What each paragraph opens with: '10 月份，' / 'In Oct 2017, '."""
    return msg("brief.month", lang, month=b.month.index, label=b.month.label(lang))


def issue_line(b: Briefing, lang: Lang) -> str:
    return msg("brief.issue", lang, year=b.issue.year, number=b.issue.number, total=b.issue.total)


def centre_paragraph(b: Briefing, register: Register, lang: Lang) -> str:
    c, prev = b.centre, b.centre_previous
    when = _when(b, lang)
    name = register.units[b.centre_unit].name(lang) if b.centre_unit else msg("brief.centre", lang)
    if c["accepted"] is None:
        return msg("brief.centre_missing", lang, when=when, name=name)
    parts = [msg("brief.centre_accepted", lang, when=when, name=name, accepted=_n(c["accepted"], lang),
                 mom=month_on_month(c["accepted"], prev["accepted"], lang))]
    permits, public = c["accepted_permits"], c["accepted_public"]
    if permits is not None and public is not None and permits + public > 0:
        permit_share, public_share = shares([permits, public])
        parts.append(msg("brief.centre_split", lang, permits=_n(permits, lang), permit_share=f"{permit_share:.2f}%",
                         public=_n(public, lang), public_share=f"{public_share:.2f}%"))
    else:
        parts.append(msg("brief.split_missing", lang))
    parts.append(msg("brief.completed", lang, completed=_n(c["completed"], lang),
                     rate=percent(ratio(c["completed"], c["accepted"]))))
    text = "".join(parts)
    if c["visitors"] is not None:
        text += msg("brief.visitors", lang, visitors=_n(c["visitors"], lang, "人次"))
    return text


def streets_paragraph(b: Briefing, register: Register, lang: Lang) -> str:
    s, prev = b.streets, b.streets_previous
    when = _when(b, lang)
    if s["accepted_public"] is None:
        return msg("brief.streets_missing", lang, when=when)
    text = msg("brief.streets", lang, when=when, accepted=_n(s["accepted_public"], lang),
               mom=month_on_month(s["accepted_public"], prev["accepted_public"], lang),
               completed=_n(s["completed"], lang), rate=percent(ratio(s["completed"], s["accepted"])))
    return text + _top(b.top_streets, register, lang)


def _top(ranked: list[tuple[str, float]], register: Register, lang: Lang) -> str:
    """'按受理业务量排名，前三名分别是：…（2400 件）、…': the places named with their cases, counted in Chinese
    numerals up to ten (前十名, then 前11名); nothing when none is ranked."""
    if not ranked:
        return ""
    top = msg("sep.list", lang).join(msg("brief.top_item", lang, name=register.units[u].name(lang),
                                         value=_n(v, lang)) for u, v in ranked)
    n = len(ranked)
    return msg("brief.top", lang, n="一二三四五六七八九十"[n - 1] if lang == "zh" and n <= 10 else n, units=top)


def halls_paragraph(b: Briefing, register: Register, lang: Lang) -> str:
    h, prev = b.halls, b.halls_previous
    when = _when(b, lang)
    if h.get("accepted") is None:
        return msg("brief.halls_missing", lang, when=when)
    text = msg("brief.halls", lang, when=when, accepted=_n(h["accepted"], lang),
               mom=month_on_month(h["accepted"], prev.get("accepted"), lang), completed=_n(h["completed"], lang),
               rate=percent(ratio(h["completed"], h["accepted"])))
    return text + _top(b.top_halls, register, lang)


def branch_paragraph(b: Briefing, register: Register, lang: Lang) -> str:
    when = _when(b, lang)
    parts = []
    for unit, now, before in b.branches:
        name = register.units[unit].name(lang)
        if now.get("accepted") is None:
            parts.append(msg("brief.branch_missing", lang, when=when, name=name))
            continue
        parts.append(msg("brief.branch", lang, when=when, name=name, accepted=_n(now["accepted"], lang),
                         mom=month_on_month(now["accepted"], before.get("accepted"), lang),
                         completed=_n(now["completed"], lang), rate=percent(ratio(now["completed"], now["accepted"]))))
    return "".join(parts)


def places_blocks(b: Briefing, register: Register, lang: Lang) -> list[Block]:
    """Seed 000's order: the centre, then every other kind of place the register has — halls, branch centres,
    street centres — each under its own numbered heading."""
    types = {u.type for u in register.units.values()}
    parts: list[tuple[str, list[Block]]] = [("brief.n_centre", [Paragraph(centre_paragraph(b, register, lang))])]
    if "hall" in types:
        parts.append(("brief.n_halls", [Paragraph(halls_paragraph(b, register, lang))]))
    if b.branches:
        parts.append(("brief.n_branch", [Paragraph(branch_paragraph(b, register, lang))]))
    parts.append(("brief.n_streets", [Paragraph(streets_paragraph(b, register, lang))]))
    # seed 000's 考核情况, the office's own text: one section, or 中心考核情况 and 分中心考核情况 when both are written
    centre = text_blocks(b.office.texts.get("assessment", ""))
    branches = text_blocks(b.office.texts.get("assessment_branches", ""))
    if centre:
        parts.append(("office.section.assessment_centre" if branches else "office.section.assessment", centre))
    if branches:
        parts.append(("office.section.assessment_branches", branches))
    blocks: list[Block] = []
    for i, (key, body) in enumerate(parts, start=1):
        n = "一二三四五六七八九十"[i - 1] if lang == "zh" else str(i)
        blocks += [Heading(2, msg("brief.numbered", lang, n=n, text=msg(key, lang))), *body]
    return blocks


def reviews_blocks(b: Briefing, lang: Lang) -> list[Block]:
    ch, rv = b.channels, b.reviews
    when = _when(b, lang)
    hall = ratio(ch["rated_hall"], ch["cases_hall"])
    online = ratio(ch["rated_online"], ch["cases_online"])
    paired = [(r, c) for r, c in ((ch["rated_hall"], ch["cases_hall"]), (ch["rated_online"], ch["cases_online"]))
              if r is not None and c is not None]
    overall = ratio(sum(r for r, _ in paired), sum(c for _, c in paired)) if paired else None
    text = msg("brief.channels", lang, when=when, cases_hall=_n(ch["cases_hall"], lang),
               rated_hall=_n(ch["rated_hall"], lang), hall=percent(hall), cases_online=_n(ch["cases_online"], lang),
               rated_online=_n(ch["rated_online"], lang), online=percent(online), overall=percent(overall))
    text += msg("brief.satisfaction", lang, satisfaction=percent(ratio(rv["satisfied"], rv["evaluated"])),
                bad=_n(rv["bad_reviews"], lang), rectified=_n(rv["bad_reviews_rectified"], lang),
                rate=percent(ratio(rv["bad_reviews_rectified"], rv["bad_reviews"])))
    rows: list[list[Cell]] = [
        [msg("brief.hall", lang), ch["cases_hall"], ch["rated_hall"], hall],
        [msg("brief.online", lang), ch["cases_online"], ch["rated_online"], online],
        [msg("brief.all_channels", lang), sum(c for _, c in paired) if paired else None,
         sum(r for r, _ in paired) if paired else None, overall]]
    table = Table([msg(k, lang) for k in ("brief.col_channel", "brief.col_cases", "brief.col_rated",
                                          "brief.col_coverage")], rows, ["text", "count", "count", "percent"],
                  caption=msg("brief.channels_caption", lang))
    return [Paragraph(text), table]


def hotline_paragraph(b: Briefing, lang: Lang) -> str:
    h = b.hotline
    when = _when(b, lang)
    if h["hotline_accepted"] is None:
        return msg("brief.hotline_missing", lang, when=when)
    return msg("brief.hotline", lang, when=when, accepted=_n(h["hotline_accepted"], lang),
               completed=_n(h["hotline_completed"], lang),
               rate=percent(ratio(h["hotline_completed"], h["hotline_accepted"])))


def departments_blocks(rows: list[DepartmentRow], register: Register, lang: Lang) -> list[Block]:
    busy = [r for r in rows if r.accepted]
    idle = [r for r in rows if r.accepted == 0]
    silent = [r for r in rows if r.accepted is None]
    body: list[list[Cell]] = [[register.units[r.unit].name(lang), r.accepted, r.completed, r.on_time, r.early,
                               r.satisfaction] for r in busy]
    blocks: list[Block] = [Table([msg(k, lang) for k in ("dept.col_unit", "dept.col_accepted", "dept.col_completed",
                                                          "dept.col_on_time", "dept.col_early", "brief.col_satisfaction")],
                                 body, DEPT_FORMATS, caption=msg("brief.departments_caption", lang),
                                 note=rates_note(busy, register, lang))]
    for key, group in (("brief.idle", idle), ("brief.silent", silent)):
        if group:
            blocks.append(Paragraph(msg(key, lang, units=msg("sep.list", lang).join(
                register.units[r.unit].name(lang) for r in group)), "note"))
    return blocks


@in_document
def briefing_document(b: Briefing, register: Register, lang: Lang = "zh") -> Document:
    """The whole briefing: masthead, 一、运作总体情况 (centre, halls, branch, street centres, 考核情况), 二、好差评
    (the provincial ranking first), 三、12345 热线 (then its complaint topics), 四、部门, then the office's own
    sections in seed 000's order (效能监察情况, 工作动态, 政务简讯, 服务之星) — each only when it has text."""
    district = register.units[next(iter(register.units))].name(lang)
    body: list[Block] = [
        Heading(1, msg("brief.h_operations", lang)),
        *places_blocks(b, register, lang),
        Heading(1, msg("brief.h_reviews", lang)), *ranking_blocks(b.office, b.month, district, lang),
        *reviews_blocks(b, lang),
        Heading(1, msg("brief.h_hotline", lang)), Paragraph(hotline_paragraph(b, lang)),
        *section_blocks(b.office, "hotline_topics"),
        Heading(1, msg("brief.h_departments", lang)), *departments_blocks(b.departments, register, lang),
        *own_sections(b.office, 5, lang),
        Paragraph(version_line(b.register_version, register.fingerprint, lang), "note"),
    ]
    contents = Contents(msg("brief.contents", lang), [(h.level, h.text) for h in body if isinstance(h, Heading)])
    blocks: list[Block] = [contents, PageBreak(), *body]
    issuer = register.plans.get(register.plan_for(b.month.end), register.plan).issuer_in(lang)  # the office then
    cover = Cover(title=msg("brief.title", lang, district=register.units[next(iter(register.units))].name(lang)),
                  issuer=issuer, date=msg("brief.date", lang, y=b.date.year, m=b.date.month, d=b.date.day,
                                          iso=b.date.isoformat()),
                  subtitle=msg("brief.subtitle", lang, year=b.month.year, month=b.month.index,
                               label=b.month.label(lang)),
                  issue_line=issue_line(b, lang), masthead=True)
    return Document(cover, blocks, meta={"month": b.month.code})
