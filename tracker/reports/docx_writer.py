"""A `Document` as a Word file in the office's template (templates/official.docx): layout only, no figures."""

from __future__ import annotations

import io
import math
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
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
from tracker.reports.numbers import MISSING
from tracker.reports.template import BODY_FONT, HEI, STYLES, TEMPLATE, east_asian

HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
PARAGRAPH_STYLES = {"body": "Normal", "quote": "Quote", "note": "Note", "centre": "Caption"}


def cell_text(value: Cell, fmt: Format) -> str:
    """A table cell as printed: counts without separators (as the office's tables), rates with two decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, str):
        return value
    if fmt == "count":
        return f"{value:.0f}"
    if fmt == "percent":
        return f"{value:.2f}%"
    if fmt == "decimal":
        return f"{value:.2f}"
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
    run = p.add_run(text)  # type: ignore[attr-defined]
    east_asian(run._r, _font_of(style))
    return p


def _table(styles: _Styles, table: Table) -> None:
    if table.caption:  # a table's title stays on the page its table starts on
        _paragraph(styles, table.caption, "Caption").paragraph_format.keep_with_next = True  # type: ignore[attr-defined]
    t = styles.container.add_table(rows=1 + len(table.rows), cols=len(table.columns))  # type: ignore[attr-defined]
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    widths = _widths(table)
    for grid_col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(int(Mm(width).twips)))  # what LibreOffice and WPS lay out by
    cells = t._cells  # the whole grid at once: table.cell() rebuilds it on every call
    n = len(table.columns)
    for k, cell in enumerate(cells):
        cell.width = Mm(widths[k % n])
    text_style = styles["Table Text"]
    for j, head in enumerate(table.columns):
        _cell(cells[j], head, text_style, bold=True)
    for i, row in enumerate(table.rows, start=1):
        for j, (value, fmt) in enumerate(zip(row, table.formats, strict=True)):
            _cell(cells[i * n + j], cell_text(value, fmt), text_style)
    _repeat_header(t.rows[0])
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


def _cell(cell: object, text: str, style_id: str, bold: bool = False) -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p._p.style = style_id
    run = p.add_run(text)
    if bold:
        run.bold = True
    east_asian(run._r, HEI if bold else BODY_FONT)


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
    if isinstance(block, Heading):
        _paragraph(styles, block.text, HEADING_STYLES[min(block.level, 3)])
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
        run = p.add_run(text)  # type: ignore[attr-defined]
        east_asian(run._r, _font_of(f"toc {min(level, 2)}"))
        if i == len(block.entries) - 1:
            _field_char(p.add_run(), "end")  # type: ignore[attr-defined]


def render(document: Document, template: Path = TEMPLATE) -> bytes:
    """The document as DOCX bytes."""
    tpl = DocxTemplate(str(template))
    body = tpl.new_subdoc()
    styles = _Styles(body)
    for block in document.blocks:
        _block(styles, block)
    c = document.cover
    tpl.render({"title": c.title, "subtitle": c.subtitle or "", "issue_line": c.issue_line or "",
                "issuer": c.issuer, "date": c.date, "lines": c.lines, "body": body})
    for paragraph in tpl.docx.paragraphs:  # the cover's runs, filled by docxtpl, get their East Asian font too
        for run in paragraph.runs:
            east_asian(run._r, _font_of(paragraph.style.name))
    if any(isinstance(b, Contents) for b in document.blocks):  # Word and WPS offer to fill in the page numbers
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        tpl.docx.settings.element.append(update)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()



