"""The office's own text as the briefing prints it: plain paragraphs, a line each, in Chinese quotation marks;
in a section of its own (效能监察, 工作动态, 政务简讯, 服务之星) a short line numbered （一）… is a subheading, as
seed 000's 工作动态 has them (and its 目 录 lists them), and lines of tab-separated cells (服务之星's list, pasted from a
spreadsheet) are a table. A section without text is left out, never a placeholder."""

from __future__ import annotations

import re

from tracker.core.i18n import Lang, msg
from tracker.core.periods import Period
from tracker.reports.briefing.office import OWN_SECTIONS, OfficeTexts
from tracker.reports.model import Block, Cell, Heading, Paragraph, Table
from tracker.wording.punctuation import curly

SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\S.{0,38}$")
NUMERALS = "一二三四五六七八九十"


def text_blocks(text: str, *, subheadings: bool = False) -> list[Block]:
    """Each non-empty line a paragraph (as typed: no Markdown); with `subheadings` (a section of its own), a short
    line numbered （一）… a level-2 heading, and two or more lines holding tabs (cells pasted from a spreadsheet:
    服务之星's 单位 and 姓名) a table, its first line the header."""
    blocks: list[Block] = []
    cells: list[list[str]] = []
    for raw in [*text.splitlines(), ""]:
        if subheadings and "\t" in raw.strip():
            cells.append([curly(c.strip()) for c in raw.strip().split("\t")])
            continue
        blocks += _table(cells)
        cells = []
        line = curly(raw.strip())
        if line:
            blocks.append(Heading(2, line) if subheadings and SUBHEADING.match(line) else Paragraph(line))
    return blocks


def _table(lines: list[list[str]]) -> list[Block]:
    """Tab-separated lines as a table (the first its header, short lines padded); a lone one as a paragraph."""
    if len(lines) < 2:
        return [Paragraph("\t".join(cells)) for cells in lines]
    width = max(len(cells) for cells in lines)
    rows: list[list[Cell]] = [[*cells, *[""] * (width - len(cells))] for cells in lines]
    return [Table([str(c) for c in rows[0]], rows[1:], ["text"] * width)]


def section_blocks(office: OfficeTexts, section: str) -> list[Block]:
    """A section's paragraphs (none when it has no text)."""
    return text_blocks(office.texts.get(section, ""))


def _score(score: float) -> str:
    """9.7 → '9.7', 95.0 → '95', 92.345 → '92.35'."""
    return f"{score:.2f}".rstrip("0").rstrip(".")


def ranking_blocks(office: OfficeTexts, month: Period, district: str, lang: Lang) -> list[Block]:
    """Seed 001's opening of the 好差评 section: the provincial score and rank, then the office's comment."""
    params = {"district": district, "year": month.year, "month": month.index, "label": month.label(lang)}
    score, rank = office.score, office.rank
    if score is not None and rank is not None:
        sentence = msg("office.ranking_both", lang, score=_score(score), rank=rank, **params)
    elif score is not None:
        sentence = msg("office.ranking_score", lang, score=_score(score), **params)
    elif rank is not None:
        sentence = msg("office.ranking_rank", lang, rank=rank, **params)
    else:
        return section_blocks(office, "ranking")
    return [Paragraph(sentence), *section_blocks(office, "ranking")]


def own_sections(office: OfficeTexts, first: int, lang: Lang) -> list[Block]:
    """效能监察情况, 工作动态, 政务简讯, 服务之星 (those with text), numbered from `first` (五、 after the four
    sections of figures)."""
    blocks: list[Block] = []
    n = first
    for section in OWN_SECTIONS:
        body = text_blocks(office.texts.get(section, ""), subheadings=True)
        if not body:
            continue
        number = NUMERALS[n - 1] if lang == "zh" and n <= len(NUMERALS) else str(n)
        blocks += [Heading(1, msg("office.top", lang, n=number, title=msg(f"office.section.{section}", lang))),
                   *body]
        n += 1
    return blocks
