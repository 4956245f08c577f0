"""Every spreadsheet and CSV the tracker writes keeps text as text: a unit named like a formula stays a name."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.cli.test_cli import run
from tracker.core.errors import Problem
from tracker.core.safecells import JOINER, markdown_text
from tracker.importer.upload_template import template_csv, template_xlsx
from tracker.register import load_register
from tracker.wording.problems import problems_csv

RISKY = "=HYPERLINK(\"http://evil.example\",\"点我\")"
UNITS = f"""\
units:
  - {{code: district, name_zh: 全区, name_en: District, type: district}}
  - {{code: odd, name_zh: '{RISKY}', name_en: '+SUM(1)', type: street, parent: district}}
  - {{code: plain, name_zh: 甲街, name_en: A, type: street, parent: district}}
"""
ROOT = Path(__file__).resolve().parents[2]


def _register(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "u.yaml").write_text(UNITS, encoding="utf-8")
    return load_register(ROOT / "targets.yaml", tmp_path / "u.yaml")


def test_the_template_workbook_and_its_hidden_list_hold_no_formula(tmp_path: Path) -> None:
    reg = _register(tmp_path)
    data = template_xlsx(register=reg, unit=reg.units["odd"], period="2019-06")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 3  # 报送数据, the hidden lists sheet, 填表说明
        for name in sheets:
            xml = z.read(name).decode()
            assert "<f>" not in xml, name
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["lists"].sheet_state == "hidden"
    assert RISKY in [c.value for c in book["lists"]["A"]]
    assert book["报送数据"]["A3"].value == RISKY and book["报送数据"]["A3"].data_type == "s"


def test_the_template_csv_and_the_problem_list(tmp_path: Path) -> None:
    reg = _register(tmp_path)
    rows = list(csv.reader(io.StringIO(template_csv(register=reg, unit=reg.units["odd"], period="2019-06")
                                       .decode("utf-8-sig"))))
    assert rows[1][0] == "'" + RISKY  # Excel shows it as text
    problems = problems_csv([Problem("@evil.csv", "import.unknown_unit", {"value": "-1+2"}, 2, "=A1", "-1+2")])
    cells = list(csv.reader(io.StringIO(problems.decode("utf-8-sig"))))[1]
    assert cells[:4] == ["'@evil.csv", "2", "'=A1", "'-1+2"]


def test_the_cli_csv(tmp_path: Path) -> None:
    units = tmp_path / "u.yaml"
    units.write_text(UNITS, encoding="utf-8")
    (tmp_path / "a.csv").write_text("单位,期间,受理量,办结量,评价数\n甲街,2019-06,10,10,5\n", encoding="utf-8")
    env = {"TRACKER_UNITS": str(units)}
    assert run("import", str(tmp_path / "a.csv"), tmp_path=tmp_path, **env).returncode == 0
    out = run("progress", "--as-of", "2019-06", "--format", "csv", tmp_path=tmp_path, **env).stdout
    for row in csv.reader(io.StringIO(out)):
        assert not any(cell.startswith(("=", "+", "@")) for cell in row), row


MARKDOWN_CASES = ["[点此重新登录](http://evil.example/login)", "![t](http://evil.example/t.png)",
                  "<img src=x onerror=alert(1)>", "see https://evil.example/x", "www.evil.example", "clerk@evil.example",
                  ":red[红] :material/lock: $x^2$", "**粗** _斜_ ~~删~~ `码`", "# 标题", "- 一条\n1. 二条\n> 引用", "一行\n===",
                  "---", "| a | b |", "&lt;b&gt; &amp;", "-2.09%", "88.00%", "2019-06", "赤岗街政务服务中心（试点）"]


@pytest.mark.parametrize("text", MARKDOWN_CASES)
def test_markdown_text_shows_as_itself(text: str) -> None:
    """Rendered by a CommonMark + GFM renderer (markdown-it with linkify), the escaped text makes one paragraph of
    exactly the text: no link, image, HTML, heading, list, quote, rule or emphasis."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("gfm-like")
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
    tokens = [t.type for t in md.parse(markdown_text(text))]
    assert set(tokens) <= {"paragraph_open", "inline", "paragraph_close"}, tokens
    inline = [t for t in md.parse(markdown_text(text)) if t.type == "inline"]
    kinds = {c.type for t in inline for c in t.children or []}
    assert kinds <= {"text", "softbreak", "hardbreak"}, kinds
    shown = "\n".join("".join(c.content if c.type == "text" else "\n" for c in t.children or []) for t in inline)
    assert shown.replace(JOINER, "") == text
