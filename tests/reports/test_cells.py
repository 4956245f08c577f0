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


def test_rows_written_as_copies_equal_rows_written_cell_by_cell() -> None:
    """A table's body rows, written as copies of the blank row or of the first row of plain texts, give the XML of
    the same rows written cell by cell through python-docx: a row with a line break or an empty cell between
    plain ones, spaces kept, and each row's texts its own (not the model's)."""
    from docx.oxml import OxmlElement

    from tracker.reports.writers.cells import write_rows

    rows = [["甲街", "23837 件", "97.50%"], ["乙街", "第一行\n第二行", ""], ["丙街", " 有空格 ", "a\tb"],
            ["丁街", "12 件", "88.00%"], ["戊街", "——", "——"]]

    def table_xml(fill: object) -> str:
        doc = Document()
        table = doc.add_table(rows=2 if fill is write_rows else 1 + len(rows), cols=3)
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        fill(table, rows, CellWriter("Normal"))  # type: ignore[operator]
        return etree.tostring(table._tbl, encoding="unicode")

    def one_by_one(table: object, texts: list[list[str]], _write: object) -> None:
        for i, row in enumerate(texts, start=1):
            for j, text in enumerate(row):
                write_cell(table.rows[i].cells[j], text, "Normal")  # type: ignore[attr-defined]

    def flat(xml: str) -> str:
        return etree.tostring(etree.fromstring(xml, etree.XMLParser(remove_blank_text=True)), encoding="unicode")

    mine = table_xml(write_rows)
    assert flat(mine) == flat(table_xml(one_by_one))
    assert mine.count("<w:tr>") == 6 and mine.count("<w:cantSplit/>") == 6
    for texts in rows:
        assert texts[0] in mine
    assert "12\u202f件" in mine and "<w:br/>" in mine and "<w:tab/>" in mine
