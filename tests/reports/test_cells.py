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
