"""Table cells of a Word document: one run of text each, in the table's paragraph style and the office's fonts.

A city's appendices hold thousands of cells. python-docx finds and orders each element again for every cell
(the paragraph style, the run, its properties): 2 s of a 300-unit mid-term pack. The first cell of each kind
(bold or not, a size or none) is written through python-docx; the others copy its paragraph and change the text,
giving the same XML.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt

from tracker.reports.numbers import keep_units
from tracker.reports.writers.letterhead import BODY_FONT, HEI, east_asian

_PRESERVE = qn("xml:space")
_T = qn("w:t")
_TCW = f"{qn('w:tcPr')}/{qn('w:tcW')}"
_TYPE, _W = qn("w:type"), qn("w:w")


def set_widths(cells: list[Any], widths: list[Length]) -> None:
    """Each cell's width, column by column (`cells` row by row, as `table._cells` gives them), as python-docx's
    `cell.width = …` writes it — straight on the w:tcW a new table's cells already hold (python-docx looked it up
    again for each of a city appendix's 60,000 cells: 3.7 s)."""
    twips = [str(Emu(w).twips) for w in widths]
    for k, cell in enumerate(cells):
        width = cell._tc.find(_TCW)
        if width is None:  # a cell without its width element: python-docx adds it
            cell.width = widths[k % len(widths)]
            continue
        width.set(_TYPE, "dxa")
        width.set(_W, twips[k % len(widths)])


def write_cell(cell: Any, text: str, style_id: str, bold: bool = False, size: float | None = None) -> None:
    """One cell through python-docx: the paragraph's style, a run of `text`, bold and size when asked, the font."""
    p = cell.paragraphs[0]
    p._p.style = style_id
    run = p.add_run(keep_units(text))
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = Pt(size)
    east_asian(run._r, HEI if bold else BODY_FONT)


class CellWriter:
    """`write_cell` for every cell of a table, by copying the first paragraph of each kind."""

    def __init__(self, style_id: str) -> None:
        self.style_id = style_id
        self._models: dict[tuple[bool, float | None], Any] = {}

    def __call__(self, cell: Any, text: str, bold: bool = False, size: float | None = None) -> None:
        shown = keep_units(text)
        model = self._models.get((bold, size))
        if model is None or not _one_text(shown):  # tabs and line breaks become their own elements
            write_cell(cell, text, self.style_id, bold=bold, size=size)
            if model is None and _one_text(shown):
                self._models[(bold, size)] = deepcopy(cell._tc.p_lst[0])
            return
        p = deepcopy(model)
        _set_text(p.find(f".//{_T}"), shown)
        tc = cell._tc
        tc.replace(tc.p_lst[0], p)


def _set_text(t: Any, shown: str) -> None:
    t.text = shown
    if shown.strip() != shown:  # as python-docx: leading or trailing spaces kept
        t.set(_PRESERVE, "preserve")
    else:
        t.attrib.pop(_PRESERVE, None)


def write_rows(table: Any, rows: list[list[str]], write: CellWriter, size: float | None = None) -> None:
    """The body rows of a table made with its header row and one blank row (widths set, never split): each
    row a copy of the blank one written cell by cell, or, once a row of plain texts is written, a copy of that row
    with its texts changed (a city's appendices hold 10,000 rows: python-docx's rows and cells cost 3 s)."""
    from docx.table import _Cell

    trs = table._tbl.tr_lst
    blank, model = deepcopy(trs[1]), None
    for i, texts in enumerate(rows):
        shown = [keep_units(text) for text in texts]
        plain = all(_one_text(text) for text in shown)
        if model is not None and plain:
            tr = deepcopy(model)
            table._tbl.append(tr)
            for tc, text in zip(tr.tc_lst, shown, strict=True):
                _set_text(tc.find(f".//{_T}"), text)
            continue
        tr = trs[1] if i == 0 else deepcopy(blank)
        if i:
            table._tbl.append(tr)
        for tc, text in zip(tr.tc_lst, texts, strict=True):
            write(_Cell(tc, table), text, size=size)
        if plain:
            model = tr


def _one_text(text: str) -> bool:
    """Text python-docx writes as a single w:t (not empty, no tab, line or page break)."""
    return bool(text) and not any(c in text for c in "\t\n\r\f\v")


__all__ = ["CellWriter", "set_widths", "write_cell", "write_rows"]
