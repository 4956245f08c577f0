"""A `Document` as a Word file in the office's template (templates/official.docx): layout only, no figures."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate

from tracker.reports.model import (
    Block,
    Cell,
    Contents,
    Document,
    Format,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Table,
)
from tracker.reports.numbers import MISSING, keep_units
from tracker.reports.writers.cells import CellWriter, set_widths, write_rows
from tracker.reports.writers.columns import fitted, type_size
from tracker.reports.writers.letterhead import STYLES, TEMPLATE, east_asian
from tracker.wording.numbers import figure

HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}  # 一、 （一） 1. （1）
MASTHEAD = {"Title": "Masthead", "Issue Line": "Masthead Line"}  # the 简报's red title and rule
PARAGRAPH_STYLES = {"body": "Normal", "quote": "Quote", "note": "Note", "centre": "Caption"}
HAN = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")  # Chinese characters and punctuation, full-width forms


def cell_text(value: Cell, fmt: Format, grouped: bool = False) -> str:
    """A table cell as printed: counts without separators (as the office's tables; grouped in an English
    document's), rates with two decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, str):
        return value
    if fmt == "count":
        return f"{value:{',' if grouped else ''}.0f}"
    if fmt == "percent":
        return f"{value:.2f}%"
    if fmt == "decimal":  # '2.44', a whole figure '81' (a count is never '81.00')
        return figure(value, 2, "," if grouped else "")
    return str(value)


def _font_of(style: str) -> str:
    return STYLES.get(style, STYLES["Normal"])[0]


class _Styles:
    """The template's paragraph style ids, looked up once: python-docx searches every style (twice) each time a
    style is set by name or object, which dominates the time of a long table."""

    def __init__(self, container: object) -> None:
        self.container = container
        self._ids: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.container.styles[name].style_id  # type: ignore[attr-defined]
        return self._ids[name]

    def paragraph(self, style: str) -> object:
        p = self.container.add_paragraph()  # type: ignore[attr-defined]
        p._p.style = self[style]
        return p


def _paragraph(styles: _Styles, text: str, style: str) -> object:
    p = styles.paragraph(style)
    run = p.add_run(keep_units(text))  # type: ignore[attr-defined]
    east_asian(run._r, _font_of(style))
    return p


def _table(styles: _Styles, table: Table) -> None:
    if table.caption:  # a table's title stays on the page its table starts on
        _paragraph(styles, table.caption, "Caption").paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    t = styles.container.add_table(rows=1 + min(1, len(table.rows)), cols=len(table.columns))  # type: ignore[attr-defined]
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    body = [[cell_text(value, fmt, table.grouped) for value, fmt in zip(row, table.formats, strict=True)]
            for row in table.rows]
    margin = DENSE_MARGIN_MM if table.dense else CELL_MARGIN_MM
    size = type_size(table, body, _widths(table), sizes=(DENSE_PT if table.dense else TABLE_PT, *SMALLER_PT),
                     margin_mm=margin)
    widths, headers = fitted(table, body, _widths(table), size_pt=size, margin_mm=margin)
    for grid_col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(int(Mm(width).twips)))  # what LibreOffice and WPS lay out by
    set_widths(t._cells, [Mm(w) for w in widths])
    _repeat_header(t.rows[0])
    for row in t.rows:  # a row is never split across two pages (its baseline's year left alone on the next)
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    write = CellWriter(styles["Table Text"])
    own = None if size == TABLE_PT and not table.dense else size  # None: the style's own size
    if table.dense:
        _cell_margins(t._tbl, DENSE_MARGIN_MM)
    for cell, head in zip(t.rows[0].cells, headers, strict=True):
        write(cell, head, bold=True, size=own)
    if body:
        write_rows(t, body, write, size=own)
    if table.note:
        _paragraph(styles, table.note, "Note")


TEXT_WIDTH_MM = 156  # A4 less the 28 mm and 26 mm margins


def _widths(table: Table) -> list[float]:
    """Column widths (mm): by the table's weights when it has them; else text columns share what number columns
    (20 mm each) leave, between 30 and 60 mm, and number columns share the rest."""
    if table.weights:
        total = sum(table.weights)
        return [TEXT_WIDTH_MM * w / total for w in table.weights]
    numbers = sum(1 for f in table.formats if f != "text")
    texts = max(1, len(table.formats) - numbers)
    text_width = min(60.0, max(30.0, (TEXT_WIDTH_MM - 20 * numbers) / texts)) if numbers else TEXT_WIDTH_MM / texts
    number_width = (TEXT_WIDTH_MM - text_width * texts) / numbers if numbers else 0
    return [text_width if f == "text" else number_width for f in table.formats]


DENSE_PT, DENSE_MARGIN_MM = 10.5, 1.0
SMALLER_PT = (10.5, 9.0)  # 五号, 小五: what a table steps down to when its words do not fit the page
TABLE_PT, CELL_MARGIN_MM = 11.0, 1.905  # the "Table Text" style's size; Word's default cell margin (108 twips)


def _cell_margins(tbl: object, mm: float) -> None:
    """The table's left and right cell margins (w:tblCellMar), narrower than Word's 1.9 mm."""
    pr = tbl.tblPr  # type: ignore[attr-defined]
    mar = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        el = OxmlElement(side)
        el.set(qn("w:w"), str(int(Mm(mm).twips)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    pr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _repeat_header(row: object) -> None:
    """The header row repeats on every page a long table runs over."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _image(styles: _Styles, image: Image) -> None:
    p = styles.paragraph("Figure")
    p.add_run().add_picture(io.BytesIO(image.png), width=Mm(image.width_mm))  # type: ignore[attr-defined]
    _paragraph(styles, image.caption, "Caption")


def _block(styles: _Styles, block: Block) -> None:
    if isinstance(block, Heading):  # kept with what follows, also where an edited template's style would not
        p = _paragraph(styles, block.text, HEADING_STYLES[min(block.level, 4)])
        if not HAN.search(block.text):  # an English heading: its Latin letters are Times New Roman like the body's,
            p.runs[0].bold = True  # type: ignore[attr-defined]  # so it is set apart in bold (黑体/楷体 mark a Chinese one)
        fmt = p.paragraph_format  # type: ignore[attr-defined]
        fmt.keep_with_next = fmt.keep_together = True
    elif isinstance(block, Paragraph):
        _paragraph(styles, block.text, PARAGRAPH_STYLES[block.style])
    elif isinstance(block, Table):
        _table(styles, block)
    elif isinstance(block, Image):
        _image(styles, block)
    elif isinstance(block, PageBreak):
        styles.container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
    elif isinstance(block, Contents):
        _contents(styles, block)


def _field_char(run: object, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)  # type: ignore[attr-defined]


TOC_NUMBER_MM = 12.0  # the contents' column of page numbers, kept free of an entry's text
TOC_INDENT_PT = 32.0  # a second-level entry's indent (two characters), its wrapped lines under its text


def _contents(styles: _Styles, block: Contents) -> None:
    """A TOC field over the heading styles, its shown result the headings themselves (Word and WPS put in the
    page numbers when they update fields on opening; LibreOffice's PDF shows the headings)."""
    _paragraph(styles, block.title, "TOC Heading")
    for i, (level, text) in enumerate(block.entries):
        p = styles.paragraph(f"toc {min(level, 2)}")
        if i == 0:
            first = p.add_run()  # type: ignore[attr-defined]
            _field_char(first, "begin")
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f' TOC \\o "1-{block.levels}" \\h \\z \\u '
            first._r.append(code)
            _field_char(p.add_run(), "separate")  # type: ignore[attr-defined]
        run = p.add_run(keep_units(text))  # type: ignore[attr-defined]  # as the heading it lists
        east_asian(run._r, _font_of(f"toc {min(level, 2)}"))
        if block.pages:  # "……… 3": a dotted right tab to the page number
            layout = p.paragraph_format  # type: ignore[attr-defined]
            # a long entry wraps before the numbers' column and under its own text (a hanging indent), so the dots
            # always end its last line and never take a line of their own; the tab stands beyond the right indent,
            # as in Word's own contents
            layout.right_indent = Mm(TOC_NUMBER_MM)
            if level >= 2:
                layout.left_indent, layout.first_line_indent = Pt(TOC_INDENT_PT), Pt(0)
            layout.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            number = p.add_run(f"\t{block.pages[i]}")  # type: ignore[attr-defined]
            east_asian(number._r, _font_of(f"toc {min(level, 2)}"))
        if i == len(block.entries) - 1:
            _field_char(p.add_run(), "end")  # type: ignore[attr-defined]


TITLE_EMS = 20  # 二号 (22 pt) characters on the 442 pt line


def _ems(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2e80 else 1.0 for ch in text)


def title_lines(title: str, per_line: int = TITLE_EMS) -> list[str]:
    """A title in as many lines as it needs, of even length (so a wrapped title never leaves a lone 告 on its
    last line), broken between characters but never inside a number or a Latin word."""
    n = math.ceil(_ems(title) / per_line)
    if n <= 1:
        return [title]
    lines: list[str] = []
    rest = title
    for k in range(n, 1, -1):
        goal = _ems(rest) / k
        cuts = [i for i in range(1, len(rest)) if not (rest[i - 1].isascii() and rest[i].isascii()
                                                        and rest[i - 1].isalnum() and rest[i].isalnum())
                and _ems(rest[:i]) <= per_line]
        cut = min(cuts, key=lambda i: abs(_ems(rest[:i]) - goal)) if cuts else len(rest)
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest else lines


def _break_title(doc: object, title: str) -> None:
    """The cover title's paragraph in balanced lines (line breaks within the one paragraph)."""
    lines = title_lines(title)
    if len(lines) < 2:
        return
    for paragraph in doc.paragraphs:  # type: ignore[attr-defined]
        if paragraph.text == title and paragraph.style.name in ("Title", "Masthead"):
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)
            first = paragraph.runs[0]
            first.text = lines[0]
            for line in lines[1:]:
                first.add_break()
                first.add_text(line)
            return


BODY_MARKER = "\u2063tracker-body\u2063"  # the paragraph the template's {{p body}} becomes, then the body


def _write_body(tpl: DocxTemplate, blocks: list[Block]) -> None:
    """The blocks written into the rendered document where the marker's paragraph stands. docxtpl renders a
    subdocument only as the template's text: as XML run through its regular expressions and parsed again (2.5 s
    of a city's pack with 60,000 table cells), and lxml moves a finished subdocument into another document one
    node at a time (35 s). So the template is rendered with a one-paragraph marker, the blocks are added to the
    rendered document itself (before its section properties, as python-docx adds) and moved up to the marker."""
    body = tpl.docx.element.body
    marker = next(p for p in body.iterchildren(qn("w:p"))
                  if "".join(t.text or "" for t in p.iter(qn("w:t"))) == BODY_MARKER)
    before = len(body)
    styles = _Styles(tpl.docx)
    for block in blocks:
        _block(styles, block)
    end = len(body) - 1 if body[-1].tag == qn("w:sectPr") else len(body)
    for element in list(body)[end - (len(body) - before):end]:
        marker.addprevious(element)
    body.remove(marker)


def render(document: Document, template: Path = TEMPLATE) -> bytes:
    """The document as DOCX bytes."""
    tpl = DocxTemplate(str(template))
    c = document.cover
    marker = tpl.new_subdoc()
    marker.add_paragraph(BODY_MARKER)
    tpl.render({"title": c.title, "subtitle": c.subtitle or "", "issue_line": c.issue_line or "",
                "issuer": c.issuer, "date": c.date, "lines": c.lines, "body": marker})
    _write_body(tpl, document.blocks)
    _break_title(tpl.docx, c.title)
    for paragraph in tpl.docx.paragraphs:  # the cover's runs, filled by docxtpl, get their East Asian font too
        if c.masthead and paragraph.style.name in MASTHEAD:
            paragraph.style = tpl.docx.styles[MASTHEAD[paragraph.style.name]]
        for run in paragraph.runs:
            east_asian(run._r, _font_of(paragraph.style.name))
    if any(isinstance(b, Contents) for b in document.blocks):  # Word and WPS offer to fill in the page numbers
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        tpl.docx.settings.element.append(update)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()



