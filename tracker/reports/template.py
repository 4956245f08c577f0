"""Builds templates/official.docx: the look of the office's documents (GB/T 9704 style), editable in Word.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt); body 仿宋_GB2312
三号 (16 pt) at a fixed 28.95 pt line (22 lines a page); headings 一、 in 黑体, （一） in 楷体_GB2312, 1. in 仿宋
bold; page numbers "— 1 —" at the foot. The official font names are written into every style with the East
Asian attribute (WPS and Word on the office's machines have them; here fontconfig substitutes, see
templates/fonts.conf). The cover holds docxtpl fields, the body is `{{p body }}`: a letterhead or cover
change is a Word edit, not a code change. Rebuild with `python -m tracker.reports.template`.
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

from tracker.config import ROOT

TEMPLATE = ROOT / "templates" / "official.docx"
TITLE_FONT, BODY_FONT, HEI, KAI, SONG = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN = "Times New Roman"
LINE = Pt(28.95)  # 22 lines in the 225 mm between the margins
RED = RGBColor(0xFF, 0, 0)
# style name → (East Asian font, size pt, bold, alignment, first-line indent in pt, fixed line pt)
STYLES: dict[str, tuple[str, float, bool, str, float, float]] = {
    "Normal": (BODY_FONT, 16, False, "justify", 32, 28.95),
    "Title": (TITLE_FONT, 22, False, "center", 0, 36),
    "Subtitle": (KAI, 16, False, "center", 0, 28.95),
    "Heading 1": (HEI, 16, False, "left", 32, 28.95),
    "Heading 2": (KAI, 16, False, "left", 32, 28.95),
    "Heading 3": (BODY_FONT, 16, True, "left", 32, 28.95),
    "Quote": (KAI, 16, False, "left", 32, 28.95),
    "Caption": (BODY_FONT, 12, False, "center", 0, 20),
    "Figure": (BODY_FONT, 12, False, "center", 0, 0),  # single spacing: an exact line height would clip a picture
    "Note": (BODY_FONT, 12, False, "left", 0, 20),
    "Table Text": (BODY_FONT, 11, False, "center", 0, 16),
    "Cover Line": (BODY_FONT, 16, False, "center", 0, 28.95),
    "Issue Line": (BODY_FONT, 16, False, "center", 0, 28.95),
    "TOC Heading": (HEI, 16, False, "center", 0, 28.95),  # 目 录; Word's own names, used when it updates the TOC
    "toc 1": (HEI, 16, False, "left", 0, 28.95),
    "toc 2": (BODY_FONT, 16, False, "left", 32, 28.95),
}
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
    ppr.append(border)


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


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)
    for name, (font, size, bold, align, indent, line) in STYLES.items():
        style = _style(doc, name)
        east_asian(style.element, font)  # type: ignore[attr-defined]
        style.font.size, style.font.bold = Pt(size), bold  # type: ignore[attr-defined]
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
    title = doc.styles["Title"]
    title.font.color.rgb = RED  # the masthead (红头) is red, with a red line under the issue number
    _rule(title, None)
    _rule(doc.styles["Issue Line"], "FF0000")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
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
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_paragraph("{{p body }}")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
