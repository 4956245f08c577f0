"""Table cells written by copying the first of their kind give the XML python-docx itself writes."""

from __future__ import annotations

from docx import Document
from lxml import etree

from tracker.reports.writers.cells import CellWriter, write_cell
from tracker.reports.writers.letterhead import BODY_FONT, HEI

TEXTS = [("指标", True, None), ("单位", True, 10.5), ("赤岗街", False, None), ("23837 件", False, None),
         (" 前后有空格 ", False, None), ("97.50%", False, 10.5), ("第一行\n第二行", False, None), ("", False, None),
         ("a\tb", False, 10.5), ("——", False, None), ("末尾空格 ", True, None), ("满意率", False, None)]


def _cells_xml(fill: object) -> list[str]:
    doc = Document()
    table = doc.add_table(rows=len(TEXTS), cols=1)
    for cell, (text, bold, size) in zip(table._cells, TEXTS, strict=True):
        fill(cell, text, bold, size)  # type: ignore[operator]
    return [etree.tostring(cell._tc, encoding="unicode") for cell in table._cells]


def test_copied_cells_equal_cells_written_one_by_one() -> None:
    style = "Normal"
    writer = CellWriter(style)
    reference = _cells_xml(lambda c, t, b, s: write_cell(c, t, style, bold=b, size=s))
    copied = _cells_xml(lambda c, t, b, s: writer(c, t, bold=b, size=s))
    assert copied == reference
    # the cases a copy could get wrong are there: the no-break space before 件, spaces kept, line breaks, fonts
    assert "23837\u202f件" in copied[3]
    assert 'xml:space="preserve"' in copied[4] and 'xml:space="preserve"' not in copied[5]
    assert "<w:br/>" in copied[6] and "<w:tab/>" in copied[8]
    for xml, (text, bold, _size) in zip(copied, TEXTS, strict=True):
        if text:
            assert f'w:eastAsia="{HEI if bold else BODY_FONT}"' in xml


def test_widths_set_on_the_cells_equal_python_docxs_own() -> None:
    """A table's cell widths written straight on each cell's w:tcW give the XML `cell.width = …` gives, row by
    row and column by column (three columns of different widths, four rows)."""
    from docx.shared import Mm

    from tracker.reports.writers.cells import set_widths

    widths = [Mm(30.5), Mm(20), Mm(105.5)]

    def table_xml(fill: object) -> str:
        doc = Document()
        table = doc.add_table(rows=4, cols=3)
        fill(table._cells)  # type: ignore[operator]
        return etree.tostring(table._tbl, encoding="unicode")

    def one_by_one(cells: list[object]) -> None:
        for k, cell in enumerate(cells):
            cell.width = widths[k % 3]  # type: ignore[attr-defined]

    mine = table_xml(lambda cells: set_widths(cells, widths))
    assert mine == table_xml(one_by_one)
    assert mine.count(f'w:w="{Mm(105.5).twips}"') == 4 and mine.count('w:type="dxa"') >= 12
