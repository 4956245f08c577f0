"""The blocks of a self-evaluation made from what the unit entered (seed 003's wording and order): its own
sections as paragraphs, per-item approvals, 即办即走, complaints, 锦旗 and 表扬信. Nothing entered, nothing printed."""

from __future__ import annotations

import re

from tracker.core.i18n import Lang, msg
from tracker.reports.model import Heading, Paragraph
from tracker.reports.selfeval.entry import ItemApprovals, SelfText
from tracker.wording.numbers import document_grouping

SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
MAX_SUBHEADING = 40  # characters: seed 003's sub-headings have 12–25; a longer line is a paragraph


def cases(n: float, lang: Lang) -> str:
    """'2952 件' / '2,952 cases': a count as the seeds print counts in running text (seed 003: 23837件; no
    thousands separators, like every Chinese document of the tracker; an English one groups them)."""
    return msg("selftext.doc.cases", lang, n=f"{n:{document_grouping()}.0f}")


def share(value: float) -> str:
    """A share as the unit reported it ('70%', '72.5%'), never more decimals than two."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def paragraphs(text: str) -> list[Paragraph | Heading]:
    """One paragraph a line of what the unit wrote, blank lines dropped; a short line opening with （一） … （十）
    is a sub-heading, as in seed 003. Shown as text, never markup."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Heading(2, line) if SUBHEADING.match(line) and len(line) <= MAX_SUBHEADING else Paragraph(line)
            for line in lines]


def _item(it: ItemApprovals, lang: Lang) -> str:
    parts = [msg("selftext.doc.item", lang, name=it.name, n=cases(it.applications, lang))]
    for key, value in (("accepted", it.accepted), ("on_time", it.on_time), ("approved", it.approved),
                       ("refused", it.refused)):
        if value is not None:
            parts.append(msg(f"selftext.doc.item_{key}", lang, n=cases(value, lang)))
    return msg("selftext.doc.item_sep", lang).join(parts)


def items_paragraph(items: tuple[ItemApprovals, ...], year: int, lang: Lang) -> list[Paragraph]:
    """'2016年全年，收到“再生育子女审批”申请5 件，受理5 件，按时办结5 件；…' (seed 003 一(二)), or nothing."""
    if not items:
        return []
    return [Paragraph(msg("selftext.doc.items", lang, year=year,
                          parts=msg("selftext.doc.items_sep", lang).join(_item(it, lang) for it in items)))]


def on_the_spot(text: SelfText, volume: float | None, lang: Lang) -> list[Paragraph]:
    """'70%受理事项达到即办即走。' as reported, or the count with its share of the year's volume (held to 0–100 %)."""
    if text.on_the_spot_share is not None:
        return [Paragraph(msg("selftext.doc.share", lang, share=share(text.on_the_spot_share)))]
    n = text.on_the_spot_count
    if n is None:
        return []
    if not volume:
        return [Paragraph(msg("selftext.doc.count", lang, n=cases(n, lang)))]
    part = min(max(n / volume * 100, 0.0), 100.0)
    return [Paragraph(msg("selftext.doc.count_share", lang, n=cases(n, lang), share=f"{part:.2f}%"))]


def complaints(text: SelfText, year: int, lang: Lang) -> list[Paragraph]:
    """'2016年全年，街道没有收到相关举报投诉案件。' for 0, the number otherwise, nothing when not entered."""
    if text.complaints is None:
        return []
    if text.complaints == 0:
        return [Paragraph(msg("selftext.doc.no_complaints", lang, year=year))]
    return [Paragraph(msg("selftext.doc.complaints", lang, year=year, n=cases(text.complaints, lang)))]


def thanks(text: SelfText, lang: Lang) -> str:
    """'全年共收到锦旗3面、表扬信1封。' (seed 003 二), only what was entered; '' when neither was."""
    parts = [msg(key, lang, n=f"{n}") for key, n in (("selftext.doc.banners", text.banners),
                                                        ("selftext.doc.letters", text.praise_letters))
             if n is not None]
    return msg("selftext.doc.thanks", lang, parts=msg("selftext.doc.thanks_sep", lang).join(parts)) if parts else ""


def reform_blocks(text: SelfText, year: int, volume: float | None, lang: Lang) -> list[Paragraph | Heading]:
    """Seed 003's 一: the unit's text, the per-item approvals, 即办即走 and complaints (empty: the section is left out)."""
    return [*paragraphs(text.reform), *items_paragraph(text.items, year, lang), *on_the_spot(text, volume, lang),
            *complaints(text, year, lang)]
