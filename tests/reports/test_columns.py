"""The hidden-grid check: no table of any demo document has a column too narrow for its header's longest word or
run of Chinese characters (read from the DOCX: column widths, cell margins, font size; measured with the fonts the
PDF is made with), so no header wraps inside a word ("工/作/日" stacked, "进度要/求"), and no number or short unit
word (工作日, 基本符合预期) in a cell is split across lines."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from PIL import ImageFont

from tracker.reports.model import Cover, Document, Table
from tracker.reports.writers import docx as docx_writer

TWIPS_PER_PT = 20
WORD_CELL_MARGIN_TWIPS = 108  # Word's and LibreOffice's default left and right cell margin, 1.9 mm
HAN = r"\u3400-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[（(][^（()）\s]*[）)]|[{HAN}]+|[^\s{HAN}（(]+")  # a bracketed group, a Han run, a word


def tokens(text: str) -> list[str]:
    """The pieces a header line may not break inside: '受理量(件)' → ['受理量', '(件)'], '进度要求' → ['进度要求']."""
    return TOKEN.findall(text)


def cell_tokens(text: str) -> list[str]:
    """The pieces a body cell may not break inside: numbers, dates and words, and Chinese runs of up to six
    characters (unit and verdict words: 件, 工作日, 基本符合预期); a longer run is a name, which wraps between its
    characters as names do."""
    figure = rf"[-+]?[0-9][0-9.,]*%?\s?[{HAN}]{{0,5}}"  # '2.44 工作日' on a line of its own: kept whole
    return [t for line in text.split("\n") for t in ([line] if re.fullmatch(figure, line) else [
        t for t in re.findall(rf"[{HAN}]+|[^\s{HAN}（）(),，、：:；;]+", line) if not re.fullmatch(rf"[{HAN}]{{7,}}", t)])]


@functools.cache
def _font(family: str, bold: bool, size_pt: float) -> ImageFont.FreeTypeFont | None:
    """The font LibreOffice draws `family` with here (templates/fonts.conf), or None when it is not installed."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    import os

    from tracker.reports.writers.pdf import FONTS_CONF

    done = subprocess.run([exe, "-f", "%{file}|%{index}", f"{family}:{'bold' if bold else 'regular'}"],
                          capture_output=True, text=True, env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)})
    path, _, index = done.stdout.partition("|")
    if done.returncode != 0 or not path:
        return None
    return ImageFont.truetype(path, size=round(size_pt * 10), index=int(index or 0))  # 10× for sub-point widths


def width_pt(text: str, *, east_asian: str, bold: bool, size_pt: float) -> float:
    """How wide `text` is printed: Han and full-width forms in the East Asian font, the rest in Times New Roman
    (as the writer names them); without the fonts, 1 em and 0.6 em."""
    total = 0.0
    for ch in text:
        wide = ord(ch) >= 0x2e80
        font = _font(east_asian if wide else "Times New Roman", bold, size_pt)
        total += font.getlength(ch) / 10 if font else size_pt * (1.0 if wide else 0.6)
    return total


def _margins_twips(table: DocxTable) -> int:
    """Left plus right cell margin: the table's own (w:tblCellMar), else Word's default."""
    mar = table._tbl.tblPr.find(qn("w:tblCellMar"))
    sides = [mar.find(qn(f"w:{s}")) if mar is not None else None for s in ("left", "right")]
    return sum(int(el.get(qn("w:w"))) if el is not None else WORD_CELL_MARGIN_TWIPS for el in sides)


def _run_look(doc: Docx, run: object) -> tuple[str, bool, float]:
    """A run's East Asian font, boldness and size (pt), from the run or its paragraph's style."""
    rpr = run._r.rPr  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    family = fonts.get(qn("w:eastAsia")) if fonts is not None else "仿宋_GB2312"
    style = run._parent.style  # type: ignore[attr-defined]
    size = run.font.size or style.font.size or doc.styles["Normal"].font.size  # type: ignore[attr-defined]
    return family, bool(run.bold or style.font.bold), size.pt  # type: ignore[attr-defined]


def too_narrow(data: bytes) -> list[str]:
    """Every cell token of every table wider than its column's text width: each header's words and Han runs, and
    in the body every number or word and every Han run of up to six characters (件, 工作日, 基本符合预期)."""
    doc = Docx(io.BytesIO(data))
    found = []
    for t_no, table in enumerate(doc.tables, start=1):
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        room = [(w - _margins_twips(table)) / TWIPS_PER_PT for w in grid]
        for r_no, row in enumerate(table.rows):
            for c_no, cell in enumerate(row.cells):
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        family, bold, size = _run_look(doc, run)
                        for token in (cell_tokens if r_no else tokens)(run.text):
                            wide = width_pt(token, east_asian=family, bold=bold, size_pt=size)
                            if wide > room[c_no] + 0.01:
                                found.append(f"table {t_no} row {r_no} column {c_no + 1}: “{token}” needs "
                                             f"{wide:.1f} pt, the column has {room[c_no]:.1f} pt")
    return found


def _saved(doc: Docx) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name", [name + tail for tail in ("", " in English") for name in (
    "mid-term pack", "final pack", "annual check", "unit pack", "self-evaluation", "department table", "briefing")])
def test_no_table_column_is_too_narrow_for_its_header(demo_documents: dict[str, bytes], name: str) -> None:
    assert too_narrow(demo_documents[name]) == []


def test_the_check_finds_a_header_that_would_wrap_inside_a_word() -> None:
    table = Table(["序号", "名称"], [[1, "甲"]], ["count", "text"])
    doc = Docx(io.BytesIO(docx_writer.render(Document(Cover("表", "办", "日"), [table]))))
    assert too_narrow(_saved(doc)) == []
    # the first column made 7 mm wide: less 2 × 1.9 mm of cell margins leaves 3.2 mm = 9.1 pt, and "序号" is two
    # 11 pt characters (22 pt) — the check must see it
    doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), str(round(7 / 25.4 * 1440)))
    found = too_narrow(_saved(doc))
    assert len(found) == 1 and found[0].startswith("table 1 row 0 column 1: “序号” needs 22.0 pt")
    assert tokens("受理量(件)") == ["受理量", "(件)"] and cell_tokens("2.44\u202f工作日") == ["2.44\u202f工作日"]
    assert cell_tokens("45\n（2015年，估算）") == ["45", "2015", "年", "估算"]
