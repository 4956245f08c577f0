"""The files themselves: the Word template, the writers' safety, chart glyphs, and DOCX → PDF → PNG."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import altair as alt
import openpyxl
import pandas as pd
import pytest
from docx import Document as Docx
from docx.oxml.ns import qn

from tracker.core.errors import TrackerError
from tracker.reports.model import Cell, Columns, Cover, Document, Heading, Paragraph, Sheet, Table
from tracker.reports.writers import docx as docx_writer
from tracker.reports.writers import markdown as markdown_writer
from tracker.reports.writers import xlsx as xlsx_writer
from tracker.reports.writers.images import png
from tracker.reports.writers.letterhead import TEMPLATE, build
from tracker.reports.writers.pdf import to_pdf

SMALL = Document(Cover(title="测试文件", issuer="测试办", date="2018年7月10日", subtitle="（截至2018年6月）",
                       issue_line="〔2018〕第1期（总第1期）", lines=["数据版本：abc"]),
                 [Heading(1, "一、总体情况"), Paragraph("正文第一段，数字 25824 件。"),
                  Table(["单位", "受理量(件)", "满意率(%)"], [["甲街", 100, 99.5], ["乙街", None, None]],
                        ["text", "count", "percent"], caption="表 1", note="注：——为未报送。")])


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".xml") and "docProps" not in n}


def test_the_committed_template_is_what_the_builder_makes(tmp_path: Path) -> None:
    built = build(tmp_path / "official.docx")
    assert _parts(built) == _parts(TEMPLATE)  # rebuild with `python -m tracker.reports.writers.letterhead`


def test_an_edited_template_changes_the_letterhead_without_code(tmp_path: Path) -> None:
    doc = Docx(str(TEMPLATE))
    title = next(p for p in doc.paragraphs if "{{ title }}" in p.text)
    title.insert_paragraph_before("海珠区人民政府政务管理办公室文件")  # the office adds a letterhead line in Word
    edited = tmp_path / "letterhead.docx"
    doc.save(str(edited))
    out = Docx(io.BytesIO(docx_writer.render(SMALL, template=edited)))
    texts = [p.text for p in out.paragraphs]
    assert texts.index("海珠区人民政府政务管理办公室文件") < texts.index("测试文件")
    assert "正文第一段，数字 25824\u202f件。" in texts  # the number kept with its unit word (a no-break space)


def test_docx_tables_print_missing_as_dashes() -> None:
    out = Docx(io.BytesIO(docx_writer.render(SMALL)))
    rows = [[c.text for c in r.cells] for r in out.tables[0].rows]
    assert rows == [["单位", "受理量(件)", "满意率(%)"], ["甲街", "100", "99.50%"], ["乙街", "——", "——"]]
    assert out.tables[0].rows[0]._tr.trPr.xml.count("tblHeader") == 1  # the header repeats on every page


def test_spreadsheet_cells_that_look_like_formulas_stay_text() -> None:
    risky = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"]
    sheet = Sheet("表", ["名称", "数值"], [[text, 1] for text in risky], ["text", "count"])
    data = xlsx_writer.render([sheet])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws is not None
    got = [ws.cell(i, 1) for i in range(2, 2 + len(risky))]
    assert {c.data_type for c in got} == {"s"}
    assert [c.value for i, c in enumerate(got) if i != 5] == [r for i, r in enumerate(risky) if i != 5]
    assert got[5].value == "_x000D_=1"  # the carriage return, escaped as XLSX stores it: text all the same
    assert ws.cell(2, 2).value == 1 and ws.cell(2, 2).data_type == "n"


def test_markdown_escapes_table_bars() -> None:
    doc = Document(Cover("标题", "办", "日"), [Table(["名称"], [["甲|乙"]], ["text"])])
    assert "| 甲\\|乙 |" in markdown_writer.render(doc)


def test_chart_images_draw_chinese_glyphs() -> None:
    def chart(title: str) -> bytes:
        data = pd.DataFrame({"x": ["一月", "二月"], "y": [1, 2]})
        return png(alt.Chart(data, title=title).mark_bar().encode(x="x", y="y"), width=200)

    first, swapped = chart("评价覆盖度"), chart("度盖覆价评")
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert first != swapped  # with no CJK font every character is the same empty box, and these would be equal


def test_a_chart_of_the_same_figures_is_rendered_once_and_a_changed_figure_anew() -> None:
    from tracker.reports.writers import images

    def chart(y: int) -> alt.Chart:
        return alt.Chart(pd.DataFrame({"x": ["一月", "二月"], "y": [1, y]})).mark_bar().encode(x="x", y="y")

    images._render.cache_clear()
    first, again = png(chart(2), width=200), png(chart(2), width=200)
    assert again == first and images._render.cache_info().hits == 1  # the second making reuses the image
    changed = png(chart(3), width=200)
    assert changed != first and images._render.cache_info().misses == 2  # new figures: a new image


def test_pdf_without_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    with pytest.raises(TrackerError) as e:
        to_pdf(b"")
    assert "libreoffice-writer-nogui" in e.value.text("zh") and "libreoffice-writer-nogui" in e.value.text("en")


@pytest.mark.slow
@pytest.mark.skipif((shutil.which("soffice") is None or shutil.which("pdftoppm") is None) and not os.environ.get("CI"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run (in CI this test never skips)")
def test_docx_to_pdf_to_png(tmp_path: Path) -> None:
    pdf = tmp_path / "small.pdf"
    pdf.write_bytes(to_pdf(docx_writer.render(SMALL), "small"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == 2  # type: ignore[union-attr]  # cover, body
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts  # the official fonts were substituted by Noto CJK through templates/fonts.conf
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "测试文件" in text and "一、总体情况" in text and "25824 件" in text
    assert re.search(r"—\s*2\s*—", text)  # the page number at the foot of the body page
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.read_bytes()[:4] == b"\x89PNG" for p in pages)


@pytest.mark.slow
@pytest.mark.skipif((shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run (in CI this test never skips)")
def test_the_pdf_contents_list_gives_page_numbers(tmp_path: Path) -> None:
    import dataclasses

    from tracker.reports.model import Contents, PageBreak
    from tracker.reports.writers.pdf import document_pdf

    # cover (page 1), contents (page 2), 一、 on page 3, 二、 after a page break on page 4
    contents = Contents("目  录", [(1, "一、总体情况"), (1, "二、存在问题")])
    blocks = [contents, PageBreak(), Heading(1, "一、总体情况"), Paragraph("正文。"), PageBreak(),
              Heading(1, "二、存在问题"), Paragraph("正文。")]
    doc = Document(SMALL.cover, blocks)

    def docx_of(c: Contents | None) -> bytes:
        return docx_writer.render(dataclasses.replace(doc, blocks=[c or contents, *blocks[1:]]))

    pdf = tmp_path / "toc.pdf"
    pdf.write_bytes(document_pdf(docx_of, contents, "toc"))
    page2 = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    assert re.search(r"一、总体情况\s*[.…]*\s*3\b", page2) and re.search(r"二、存在问题\s*[.…]*\s*4\b", page2)


@pytest.mark.slow
@pytest.mark.skipif((shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run (in CI this test never skips)")
def test_a_long_contents_entry_wraps_under_its_text_and_its_dots_end_its_last_line(tmp_path: Path) -> None:
    import dataclasses

    from tracker.reports.model import Block, Contents, PageBreak
    from tracker.reports.writers.pdf import document_pdf

    # second-level entries of 23 to 27 characters (三号, 16 pt, on the 442 pt line after a 2-character indent): each
    # length ends a line at a different place; none may leave its dots and number on a line of their own, and
    # a wrapped one continues under its own text, not at the margin
    heads = [f"（{n}）" + "区政务服务中心开展消防知识培训演练活动情况汇报"[:k] for n, k in
             zip("一二三四五", (20, 21, 22, 23, 24), strict=True)]
    contents = Contents("目  录", [(1, "一、工作动态"), *((2, h) for h in heads)])
    blocks: list[Block] = [contents, PageBreak(), Heading(1, "一、工作动态")]
    for h in heads:
        blocks += [Heading(2, h), Paragraph("正文。")]
    doc = Document(SMALL.cover, blocks)

    def docx_of(c: Contents | None) -> bytes:
        return docx_writer.render(dataclasses.replace(doc, blocks=[c or contents, *blocks[1:]]))

    pdf = tmp_path / "toc.pdf"
    pdf.write_bytes(document_pdf(docx_of, contents, "toc"))
    page2 = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    lines = [x for x in page2.splitlines() if x.strip()]
    assert not [x for x in lines if re.fullmatch(r"\s*[.…]+\s*\d+\s*", x)], page2  # no line of dots alone
    numbered = [x for x in lines if re.search(r"[.…]{3,}\s*3\s*$", x)]
    assert len(numbered) == 1 + len(heads), page2  # every entry ends in dots and its page, 3
    indent = {len(x) - len(x.lstrip()) for x in lines if x.lstrip().startswith("（")}
    wrapped = [x for x in lines if not re.match(r"\s*(（|一、|目|—)", x)]  # not an entry, the title, the folio
    assert wrapped and all(len(x) - len(x.lstrip()) >= min(indent) for x in wrapped), page2  # under its text


DEMO = ["mid-term pack", "final pack", "annual check", "unit pack", "self-evaluation", "department table", "briefing"]


def _keeps_with_next(doc: Docx, paragraph: object) -> bool:
    """w:keepNext on the paragraph, else on its style or a style it is based on."""
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    if ppr is not None and ppr.find(qn("w:keepNext")) is not None:
        return ppr.find(qn("w:keepNext")).get(qn("w:val"), "true") not in ("0", "false")
    style = paragraph.style  # type: ignore[attr-defined]
    while style is not None:
        el = style.element.pPr.find(qn("w:keepNext")) if style.element.pPr is not None else None
        if el is not None:
            return el.get(qn("w:val"), "true") not in ("0", "false")
        style = style.base_style
    return False


@pytest.mark.parametrize("name", DEMO)
def test_every_heading_keeps_with_the_next_paragraph(demo_documents: dict[str, bytes], name: str) -> None:
    doc = Docx(io.BytesIO(demo_documents[name]))
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading") and p.text.strip()]
    assert headings or name == "department table"  # the table has no headings
    assert [p.text for p in headings if not _keeps_with_next(doc, p)] == []  # never alone at the foot of a page
    captions = [p for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith(("表", "主要"))]
    assert all(_keeps_with_next(doc, p) for p in captions)  # a table's title stays with its table


@pytest.mark.parametrize("name", DEMO)
def test_no_number_is_parted_from_its_unit_word(demo_documents: dict[str, bytes], name: str) -> None:
    doc = Docx(io.BytesIO(demo_documents[name]))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    # '23837 件' with a breakable space could end a line after the number (finding 5): a no-break space instead
    assert [t for t in texts if re.search(r"[0-9%] [\u4e00-\u9fff]", t)] == []
    assert name == "department table" or any(re.search("[0-9]\u202f[件项个期]", t) for t in texts)


@pytest.mark.slow
@pytest.mark.skipif((shutil.which("soffice") is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run (in CI this test never skips)")
def test_a_number_and_its_unit_word_stay_on_one_rendered_line() -> None:
    # the briefing's street paragraph (demo, 2017-10), whose ranking put "（5050" at the end of a line and "件）" at
    # the start of the next when the space between them was breakable (or U+00A0, which LibreOffice breaks at)
    text = ("10 月份，各街道政务服务中心共受理社会公共服务类业务 54841 件，环比上升 0.18%，办结 54087 件，办结率 "
            "98.63%。按受理业务量排名，前三名分别是：龙凤街政务服务中心（5050 件）、沙园街政务服务中心（4843 件）。")
    doc = Document(Cover(title="测试", issuer="测试办", date="2018年7月10日"), [Paragraph(text)])
    pdf = to_pdf(docx_writer.render(doc), "units")
    lines = [line.strip() for line in subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                                                     capture_output=True, check=True).stdout.decode().splitlines()]
    pairs = zip(lines, lines[1:], strict=False)
    assert not any(re.search(r"[0-9]$", line) and nxt.startswith("件") for line, nxt in pairs)
    assert any("（5050" in line and "件）" in line for line in lines)


@pytest.mark.parametrize("as_columns", [False, True])
def test_a_sheet_longer_than_a_worksheet_continues_on_more_sheets_and_loses_no_row(as_columns: bool) -> None:
    """A city's every value used (1.4 M rows at 3,000 units) is more than an Excel worksheet holds: XlsxWriter
    skips rows past the limit without a word, so the sheet continues on "月度数据 (2)" …, each with the header,
    and the note under the last part. Shown with a worksheet of 6 rows (header, 3 rows, room for the note), the
    rows given as rows or kept as columns."""
    assert xlsx_writer.EXCEL_ROWS == 1_048_576  # Excel's specification: 1,048,576 rows by 16,384 columns
    rows: list[list[Cell]] = [[f"u{i}", float(i)] for i in range(8)]
    sheet = Sheet("月度数据", ["单位", "数值"], Columns.of_rows(rows, 2) if as_columns else rows, ["text", "count"],
                  note="说明")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_writer.render([sheet, Sheet("说明", ["项目"], [["x"]], ["text"])],
                                                                max_rows=6)))
    assert book.sheetnames == ["月度数据", "月度数据 (2)", "月度数据 (3)", "说明"]
    got = []
    for name in book.sheetnames[:3]:
        ws = book[name]
        assert [c.value for c in ws[1]] == ["单位", "数值"]
        got += [[r[0], r[1]] for r in ws.iter_rows(min_row=2, values_only=True) if r[0] and r[0].startswith("u")]
        assert ws.max_row <= 6
    assert got == rows  # every row, in order, once
    assert book["月度数据 (3)"]["A5"].value == "说明" and book["月度数据"]["A6"].value is None  # the note once, last
    assert xlsx_writer.parts(sheet, max_rows=11) == [sheet]  # what fits stays one sheet


def test_the_body_follows_the_cover_once_and_its_drawings_are_numbered_apart() -> None:
    """The body is moved in where the template's {{p body}} stands, after docxtpl renders the cover: in order,
    with no trace of the marker, its pictures kept (their relationships) and every drawing id unique (Word calls a
    file with repeated ids damaged)."""
    from tracker.reports.model import Image

    picture = png(alt.Chart(pd.DataFrame({"x": ["a"], "y": [1]})).mark_bar().encode(x="x", y="y"), width=120)
    doc = Document(SMALL.cover, [*SMALL.blocks, Image(picture, "图 1"), Paragraph("其后一段"),
                                 Image(picture, "图 2")])
    out = Docx(io.BytesIO(docx_writer.render(doc)))
    texts = [p.text for p in out.paragraphs]
    assert not any(docx_writer.BODY_MARKER in t for t in texts)
    assert texts.index("测试文件") < texts.index("一、总体情况") < texts.index("图 1") < texts.index("其后一段") < texts.index("图 2")
    ids = [el.get("id") for el in out.element.body.iter(qn("wp:docPr"))]
    assert len(ids) == 2 and len(set(ids)) == 2
    blips = [el.get(qn("r:embed")) for el in out.element.body.iter(qn("a:blip"))]
    assert len(blips) == 2 and all(out.part.related_parts[r].blob.startswith(b"\x89PNG") for r in blips)
    assert out.tables[0].rows[1].cells[0].text == "甲街"


def test_a_chart_image_is_kept_for_the_next_process_and_a_damaged_one_made_again(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The next process (the in-process cache cleared) takes the kept image without rendering; a kept file that is
    not a whole PNG is rendered again and replaced; a folder that cannot be written only means no keeping."""
    from tracker.reports.writers import images

    monkeypatch.setattr(images, "CHARTS", tmp_path / "charts")
    chart = alt.Chart(pd.DataFrame({"x": ["一月", "二月"], "y": [1, 5]})).mark_bar().encode(x="x", y="y")
    images._render.cache_clear()
    first = png(chart, width=150)
    kept = list((tmp_path / "charts").glob("*.png"))
    assert len(kept) == 1 and kept[0].read_bytes() == first and first.startswith(images.PNG)

    def no_renderer() -> object:
        raise AssertionError("rendered again although kept")

    images._render.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(images, "_converter", no_renderer)
        assert png(chart, width=150) == first
    kept[0].write_bytes(first[:40])  # cut short
    images._render.cache_clear()
    again = png(chart, width=150)
    assert again.startswith(images.PNG) and len(again) > 40 and kept[0].read_bytes() == again
    images._render.cache_clear()
    monkeypatch.setattr(images, "CHARTS", tmp_path / "file" / "charts")
    (tmp_path / "file").write_text("not a folder")
    assert png(chart, width=150) == again  # rendered, not kept


def test_an_english_heading_is_bold_and_a_chinese_one_keeps_its_official_font_alone() -> None:
    """GB/T 9704 sets a Chinese heading apart by its font (黑体, 楷体), not bold; an English heading's letters are
    Times New Roman like the body's, so it is bold — or it would read as one more paragraph."""
    doc = Document(Cover(title="Test", issuer="Office", date="10 Jul 2018"), [
        Heading(1, "5. Achievements, problems and next steps"), Paragraph("Body text."),
        Heading(2, "(1) Achievements (draft from the data: please edit)"), Heading(1, "五、主要成效"),
        Heading(2, "（一）2016年成效"), Heading(1, "On 网上办结率"), Paragraph("An English sentence.")])
    paragraphs = Docx(io.BytesIO(docx_writer.render(doc))).paragraphs
    bold = {p.text: p.runs[0].bold for p in paragraphs if p.runs and p.text}
    assert bold["5. Achievements, problems and next steps"] is True
    assert bold["(1) Achievements (draft from the data: please edit)"] is True
    assert bold["五、主要成效"] is None and bold["（一）2016年成效"] is None
    assert bold["On 网上办结率"] is None  # Chinese in it: the official fonts mark it
    assert bold["Body text."] is None and bold["An English sentence."] is None


def test_a_table_cell_prints_a_whole_figure_without_decimals_and_groups_as_its_document() -> None:
    # an appendix's per-unit count of bad reviews printed "81.00"; an English document's counts are grouped
    cell_text = docx_writer.cell_text
    assert (cell_text(81.0, "decimal"), cell_text(2.444, "decimal"), cell_text(2.999, "decimal")) == ("81", "2.44", "3")
    assert (cell_text(25824.0, "count"), cell_text(25824.0, "count", grouped=True)) == ("25824", "25,824")
    assert cell_text(3551.5, "decimal", grouped=True) == "3,551.50" and cell_text(None, "count") == "——"
