"""Builds templates/official.docx: the look of the office's documents (GB/T 9704 style), editable in Word.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type area); 28 characters × 22 lines:
a line grid of 28.95 pt (w:docGrid) and 三号 characters condensed by 0.25 pt (w:spacing −5 twentieths), so 28 of
them (15.75 pt each, 441 pt) fit the 442.25 pt line where 27 full-width ones did. Word's own character grid
(linesAndChars, charSpace −841) would say the same to Word, but LibreOffice, which makes the PDFs, gives every
character that is wider than its grid cell two cells: 14 characters a line (seen on a rendered page); title
方正小标宋简体 二号 (22 pt), black (the red title and red rule are the 简报's masthead, styles "Masthead" and
"Masthead Line", which the writer uses only for a cover with `masthead`); body 仿宋_GB2312 三号 (16 pt); headings
一、 in 黑体, （一） in 楷体_GB2312, 1. in 仿宋 bold, （1） in 仿宋; nothing italic (LibreOffice slants CJK); page
numbers "— N —" in 四号宋体, their top 7 mm below the type area, one character in from the outside corner (odd
pages right, even pages left: separate footers), none on the cover. The official font names are written into every style with the East
Asian attribute (WPS and Word on the office's machines have them; here fontconfig substitutes, see
templates/fonts.conf). The cover holds docxtpl fields, the body is `{{p body }}`: a letterhead or cover
change is a Word edit, not a code change. Rebuild with `python -m tracker.reports.writers.letterhead`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from tracker.core.settings import ROOT

TEMPLATE = ROOT / "templates" / "official.docx"
TITLE_FONT, BODY_FONT, HEI, KAI, SONG = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN = "Times New Roman"
LINE = Pt(28.95)  # 22 lines in the 225 mm between the margins
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
CONDENSE = -5  # twentieths of a point off each 三号 character: 16 − 0.25 = 15.75 pt, 28 on a 156 mm line
FOOTER_GAP_MM, FOOTER_PT = 7.0, 14.0  # the page number's top edge below the type area; its line (四号)
RED = RGBColor(0xFF, 0, 0)
# style name → (East Asian font, size pt, bold, alignment, first-line indent in pt, fixed line pt)
STYLES: dict[str, tuple[str, float, bool, str, float, float]] = {
    "Normal": (BODY_FONT, 16, False, "justify", 32, 28.95),
    "Title": (TITLE_FONT, 22, False, "center", 0, 36),
    "Subtitle": (KAI, 16, False, "center", 0, 28.95),
    "Heading 1": (HEI, 16, False, "left", 32, 28.95),
    "Heading 2": (KAI, 16, False, "left", 32, 28.95),
    "Heading 3": (BODY_FONT, 16, True, "left", 32, 28.95),
    "Heading 4": (BODY_FONT, 16, False, "left", 32, 28.95),  # （1）
    "Quote": (KAI, 16, False, "left", 32, 28.95),
    "Caption": (BODY_FONT, 12, False, "center", 0, 20),
    "Figure": (BODY_FONT, 12, False, "center", 0, 0),  # single spacing: an exact line height would clip a picture
    "Note": (BODY_FONT, 12, False, "left", 0, 20),
    "Table Text": (BODY_FONT, 11, False, "center", 0, 16),
    "Masthead": (TITLE_FONT, 22, False, "center", 0, 36),  # the 简报's red title
    "Masthead Line": (BODY_FONT, 16, False, "center", 0, 28.95),  # its issue number over a red rule
    "Cover Line": (BODY_FONT, 16, False, "center", 0, 28.95),
    "Issue Line": (BODY_FONT, 16, False, "center", 0, 28.95),
    "TOC Heading": (HEI, 16, False, "center", 0, 28.95),  # 目 录; Word's own names, used when it updates the TOC
    "toc 1": (HEI, 16, False, "left", 0, 28.95),
    "toc 2": (BODY_FONT, 16, False, "left", 32, 28.95),
}
OFF_GRID = ("Caption", "Figure", "Note", "Table Text", "Title", "Masthead")  # their own line heights, not the grid
AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange")  # what follows w:snapToGrid in a pPr (the schema's order)
AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                 "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                 "w:oMath")  # what follows w:spacing in an rPr
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def east_asian(rpr_parent: object, font: str) -> None:
    """Name `font` for East Asian text (and Times New Roman for Latin) on a run's or style's rPr, dropping
    the theme font attributes that would otherwise win in Word."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), LATIN)


def _style(doc: object, name: str) -> object:
    styles = doc.styles  # type: ignore[attr-defined]
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        return style


def _rule(style: object, colour: str | None) -> None:
    """A paragraph style's bottom rule: the masthead's red line (colour) or none (None removes Word's default)."""
    ppr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    if colour is None:
        return
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"), ("w:color", colour)):
        bottom.set(qn(k), v)
    border.append(bottom)
    ppr.insert_element_before(border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:snapToGrid",
                              *AFTER_SNAP)


def _condense(style: object, twentieths: int) -> None:
    """A style's character spacing (w:spacing in the rPr, in the schema's place)."""
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(el, *AFTER_SPACING)


def _snap(style: object, on: bool) -> None:
    """Whether a paragraph style keeps to the character grid (captions, notes and tables keep their own lines)."""
    ppr = style.element.get_or_add_pPr()  # type: ignore[attr-defined]
    el = ppr.find(qn("w:snapToGrid"))
    if el is None:
        el = ppr.insert_element_before(OxmlElement("w:snapToGrid"), *AFTER_SNAP)
    el.set(qn("w:val"), "1" if on else "0")


def _page_number(paragraph: object) -> None:
    """'— PAGE —' with a Word field, so every page shows its own number."""
    def run(text: str | None = None, field: str | None = None) -> None:
        r = paragraph.add_run(text or "")  # type: ignore[attr-defined]
        east_asian(r._r, SONG)
        r.font.size = Pt(14)
        if field:
            for kind, instr in (("begin", None), (None, field), ("end", None)):
                if kind:
                    el = OxmlElement("w:fldChar")
                    el.set(qn("w:fldCharType"), kind)
                else:
                    el = OxmlElement("w:instrText")
                    el.set(qn("xml:space"), "preserve")
                    el.text = instr
                r._r.append(el)

    run("— ")
    run(field=" PAGE ")
    run(" —")


def _footer(paragraph: object, side: str) -> None:
    """A page-number footer: "— N —" one character (三号) in from the outside corner, on an exact 四号 line."""
    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
    fmt.right_indent, fmt.left_indent = (Pt(16), Pt(0)) if side == "right" else (Pt(0), Pt(16))
    fmt.first_line_indent = Pt(0)  # not the body's two characters
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(FOOTER_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    _page_number(paragraph)


def _grid(section: object) -> None:
    """The line grid: 22 lines of 28.95 pt (the 28 characters come from CONDENSE; charSpace is what Word's
    dialog shows for them: the difference of width/28 from 16 pt, in 1/4096 pt)."""
    sect_pr = section._sectPr  # type: ignore[attr-defined]
    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700  # type: ignore[attr-defined]
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE.pt * 20)))
    grid.set(qn("w:charSpace"), str(round((width_pt / CHARS_PER_LINE - 16) * 4096)))
    sect_pr.append(grid)


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(MARGINS_MM["bottom"] - FOOTER_GAP_MM - FOOTER_PT * 25.4 / 72)
    _grid(section)
    for name, (font, size, bold, align, indent, line) in STYLES.items():
        style = _style(doc, name)
        east_asian(style.element, font)  # type: ignore[attr-defined]
        style.font.size, style.font.bold = Pt(size), bold  # type: ignore[attr-defined]
        style.font.italic = False  # type: ignore[attr-defined]  # Word's Subtitle, Quote, Heading 4 are italic
        style.element.get_or_add_rPr().get_or_add_iCs().val = False  # type: ignore[attr-defined]
        style.font.color.rgb = None  # type: ignore[attr-defined]
        fmt = style.paragraph_format  # type: ignore[attr-defined]
        fmt.alignment = ALIGN[align]
        fmt.first_line_indent = Pt(indent)
        if line:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.keep_with_next = name.startswith("Heading") or name == "Figure"  # never last on a page, nor a picture
        if name in OFF_GRID:
            _snap(style, False)
        _condense(style, CONDENSE if size == 16 else 0)  # 0 also drops Word's own (Subtitle's +0.75 pt)
    doc.styles["Masthead"].font.color.rgb = RED  # the 简报's masthead (红头), with a red rule under its issue line
    for name in ("Title", "Issue Line", "Masthead"):
        _rule(doc.styles[name], None)
    _rule(doc.styles["Masthead Line"], "FF0000")
    doc.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = True  # the cover: its first-page footer stays empty
    _footer(section.footer.paragraphs[0], "right")
    _footer(section.even_page_footer.paragraphs[0], "left")
    section.first_page_footer.is_linked_to_previous = False
    for _ in range(2):
        doc.add_paragraph("", style="Cover Line")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("", style="Cover Line")
    doc.add_paragraph("{{ issue_line }}", style="Issue Line")
    doc.add_paragraph("", style="Cover Line")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    doc.add_paragraph("", style="Cover Line")
    doc.add_paragraph("{{ issuer }}", style="Cover Line")
    doc.add_paragraph("{{ date }}", style="Cover Line")
    doc.add_paragraph("", style="Cover Line")
    doc.add_paragraph("{%p for line in lines %}", style="Note")
    doc.add_paragraph("{{ line }}", style="Note")
    doc.add_paragraph("{%p endfor %}", style="Note")
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.different_first_page_header_footer = False  # numbered from its first page on (footers of the cover's)
    doc.add_paragraph("{{p body }}")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
