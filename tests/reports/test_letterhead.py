"""GB/T 9704-2012 read back from the DOCX itself: a 28 × 22 character grid, "— N —" one character in from the
outside corner on separate odd and even footers 7 mm below the type area, an unnumbered cover, nothing italic,
red only in the 简报's masthead, and the （1） heading level."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn

from tracker.reports.model import Cover, Document, Heading, Paragraph
from tracker.reports.writers import docx as docx_writer
from tracker.reports.writers.letterhead import STYLES
from tracker.reports.writers.pdf import to_pdf

EMU_PER_PT, EMU_PER_MM = 12700, 36000
LONG = "政务服务事项网上可办率持续提高，群众办事更加便捷。" * 12  # 300 characters: several lines on the grid


def _doc(masthead: bool, pages: int = 1) -> Document:
    body = [Heading(1, "一、总体情况"), Heading(2, "（一）基本情况"), Heading(3, "1. 事项办理"),
            Heading(4, "（1）即办件"), Paragraph("引文一段。", "quote")]
    body += [Paragraph(LONG) for _ in range(pages * 3)]
    return Document(Cover(title="测试文件", issuer="测试办", date="2018年7月10日", subtitle="（截至2018年6月）",
                          issue_line="〔2018〕第1期（总第1期）" if masthead else None, masthead=masthead), body)


def _open(masthead: bool = False) -> Docx:
    return Docx(io.BytesIO(docx_writer.render(_doc(masthead))))


def _has_page_field(footer: object) -> bool:
    return "PAGE" in "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))  # type: ignore[attr-defined]


def test_the_body_has_a_grid_of_28_characters_by_22_lines() -> None:
    doc = _open()
    body = doc.sections[-1]
    grid = body._sectPr.find(qn("w:docGrid"))
    assert grid is not None and grid.get(qn("w:type")) == "lines"
    width_pt = (body.page_width - body.left_margin - body.right_margin) / EMU_PER_PT  # the type area: 156 mm
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Quote", "Subtitle", "toc 2"):
        style = doc.styles[name]
        size_pt = style.font.size.pt
        spacing = style.element.rPr.find(qn("w:spacing"))
        pitch_pt = size_pt + int(spacing.get(qn("w:val"))) / 20  # a character's advance: its size plus its spacing
        assert size_pt == 16, name  # 三号
        assert int(width_pt // size_pt) == 27  # full-width characters would make 27 a line, as the issue found
        assert int(width_pt // pitch_pt) == 28, name  # 442.25 pt / 15.75 pt
    height_pt = (body.page_height - body.top_margin - body.bottom_margin) / EMU_PER_PT
    line_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert line_pt == 28.95 and int(height_pt // line_pt) == 22  # 225 mm / 28.95 pt
    assert doc.styles["Normal"].paragraph_format.line_spacing.pt == line_pt  # the body's lines are the grid's


def test_page_numbers_sit_at_the_outside_corner_on_odd_and_even_footers() -> None:
    doc = _open()
    assert doc.settings.odd_and_even_pages_header_footer  # w:evenAndOddHeaders
    body = doc.sections[-1]
    odd, even = body.footer, body.even_page_footer
    assert _has_page_field(odd) and _has_page_field(even)
    odd_p, even_p = odd.paragraphs[0].paragraph_format, even.paragraphs[0].paragraph_format
    assert odd_p.alignment == 2 and odd_p.right_indent.pt == 16  # odd pages: right, one 三号 character in
    assert even_p.alignment == 0 and even_p.left_indent.pt == 16  # even pages: left, one character in
    assert "— " in odd.paragraphs[0].text and " —" in even.paragraphs[0].text
    # the footer's top edge 7 mm below the type area: bottom margin − (footer distance + its exact line height)
    line_mm = odd_p.line_spacing.pt * 25.4 / 72
    gap_mm = (body.bottom_margin - body.footer_distance) / EMU_PER_MM - line_mm
    assert abs(gap_mm - 7) < 0.1


def test_the_cover_is_unnumbered_and_the_body_numbered_from_its_first_page() -> None:
    doc = _open()
    cover, body = doc.sections[0], doc.sections[-1]
    assert cover.different_first_page_header_footer  # w:titlePg
    assert not _has_page_field(cover.first_page_footer) and cover.first_page_footer.paragraphs[0].text == ""
    assert not body.different_first_page_header_footer


def test_nothing_is_italic() -> None:
    doc = _open()
    for name in STYLES:
        style = doc.styles[name]
        assert style.font.italic is False, name  # explicitly upright: Word's Subtitle, Quote, Heading 4 slant
        i_cs = style.element.rPr.find(qn("w:iCs"))
        assert i_cs is not None and i_cs.get(qn("w:val")) in ("0", "false"), name
    assert not any(r.font.italic for p in doc.paragraphs for r in p.runs)


def _red(style: object) -> bool:
    colour = style.font.color  # type: ignore[attr-defined]
    return colour.type is not None and str(colour.rgb) == "FF0000"


def _rule_colour(paragraph: object) -> str | None:
    ppr = paragraph.style.element.pPr  # type: ignore[attr-defined]
    bottom = None if ppr is None else ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    return None if bottom is None else bottom.get(qn("w:color"))


def test_red_title_and_rule_only_in_the_briefing_masthead() -> None:
    plain, brief = _open(), _open(masthead=True)
    title = next(p for p in plain.paragraphs if p.text == "测试文件")
    assert title.style.name == "Title" and not _red(title.style)
    assert all(_rule_colour(p) is None for p in plain.paragraphs)  # no red rule anywhere on an evaluation pack
    masthead = next(p for p in brief.paragraphs if p.text == "测试文件")
    issue = next(p for p in brief.paragraphs if p.text == "〔2018〕第1期（总第1期）")
    assert masthead.style.name == "Masthead" and _red(masthead.style)
    assert _rule_colour(issue) == "FF0000"


def test_the_fourth_heading_level_is_defined() -> None:
    doc = _open()
    p = next(p for p in doc.paragraphs if p.text == "（1）即办件")
    assert p.style.name == "Heading 4"
    assert p.style.font.bold is False and p.style.font.size.pt == 16  # 仿宋 三号, upright, not bold


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, text) of every word pdftotext finds on the page, in points from the top left."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>', out)
    return [(float(x0), float(x1), float(y), w) for x0, y, x1, w in found]


@pytest.mark.slow
@pytest.mark.skipif((shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run (in CI this test never skips)")
def test_rendered_pages_number_the_outside_corner_and_not_the_cover(tmp_path: Path) -> None:
    pdf = tmp_path / "layout.pdf"
    pdf.write_bytes(to_pdf(docx_writer.render(_doc(False, pages=3)), "layout"))
    mm = 72 / 25.4
    text_bottom, left, right = 842 - 35 * mm, 28 * mm, 595 - 26 * mm  # A4 in points, less the margins
    assert not [w for _, _, y, w in _words(pdf, 1) if y > text_bottom]  # the cover: no page number at its foot
    for page in (2, 3):
        foot = [(x0, x1, w) for x0, x1, y, w in _words(pdf, page) if y > text_bottom]
        assert "".join(w for _, _, w in foot) == f"—{page}—"
        if page % 2 == 0:  # even: its first dash one 三号 character (16 pt) in from the left edge of the type area
            assert abs(foot[0][0] - (left + 16)) < 2
        else:  # odd: its last dash ending one character in from the right edge
            assert abs(foot[-1][1] - (right - 16)) < 2
    lines = [w for _, _, y, w in _words(pdf, 2) if y < text_bottom and w.startswith("政务")]
    assert lines and max(len(w) for w in lines) == 28  # a full body line on the page: 28 characters
