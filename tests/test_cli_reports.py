"""`python -m tracker export …` and `python -m tracker briefing` on the demo data, as a user runs them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document as Docx

from tests.test_cli import run


@pytest.fixture
def demo_copy(demo_url: str, tmp_path: Path) -> Path:
    """The demo database copied to where `run` points the CLI (tmp_path/cli.db)."""
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "cli.db")
    return tmp_path


def test_export_every_evaluation_kind(demo_copy: Path) -> None:
    out = demo_copy / "mid.docx"
    done = run("export", "evaluation", "--kind", "midterm", "--as-of", "2018-06", "--out", str(out),
               tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已生成 {out}（中期评估报告-2018-06.docx）"
    doc = Docx(str(out))
    assert "一、总体情况" in [p.text for p in doc.paragraphs]
    xlsx = demo_copy / "final.xlsx"
    assert run("export", "evaluation", "--kind", "final", "--as-of", "2020-12", "--out", str(xlsx),
               tmp_path=demo_copy).returncode == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["汇总", "指标完成情况", "单位×指标", "月度数据", "报送情况", "说明"]
    unit = demo_copy / "street.docx"
    done = run("export", "evaluation", "--kind", "annual", "--as-of", "2019-12", "--unit", "赤岗街", "--out",
               str(unit), tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    assert "2019年度检查报告-赤岗街政务服务中心-2019-12.docx" in done.stdout
    assert any("赤岗街政务服务中心2019年度检查报告" in p.text for p in Docx(str(unit)).paragraphs)


def test_export_departments_and_the_briefing(demo_copy: Path) -> None:
    table = demo_copy / "dept.xlsx"
    done = run("export", "departments", "--period", "2019H1", "--out", str(table), tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(table).active
    assert ws is not None and ws.cell(1, 2).value == "受理量(件)" and isinstance(ws.cell(2, 2).value, int | float)
    brief = demo_copy / "b.md"
    done = run("briefing", "--month", "2017-10", "--out", str(brief), "--issue", "12", "--total", "136",
               "--date", "2017-11-08", tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    text = brief.read_text(encoding="utf-8")
    assert "〔2017〕第12期（总第136期）" in text and "2017年11月8日" in text
    nxt = demo_copy / "next.docx"
    assert run("briefing", "--month", "2017-11", "--out", str(nxt), tmp_path=demo_copy).returncode == 0
    assert "〔2017〕第13期（总第137期）" in [p.text for p in Docx(io.BytesIO(nxt.read_bytes())).paragraphs]


def test_export_mistakes_are_one_line_in_the_users_language(demo_copy: Path) -> None:
    bad = run("export", "evaluation", "--kind", "midterm", "--as-of", "2018-06", "--out",
              str(demo_copy / "x.txt"), tmp_path=demo_copy)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "错误: 不支持的导出格式“.txt”；可选：.docx, .xlsx, .pdf"
    nowhere = run("briefing", "--month", "2017-10", "--out", str(demo_copy / "no" / "b.md"), tmp_path=demo_copy)
    assert nowhere.returncode == 1 and str(demo_copy / "no" / "b.md") in nowhere.stderr
    date = run("briefing", "--month", "2017-10", "--out", str(demo_copy / "b.md"), "--date", "2017-13-01",
               tmp_path=demo_copy)
    assert date.returncode == 1 and "2017-13-01" in date.stderr
    unit = run("--lang", "en", "export", "evaluation", "--kind", "annual", "--as-of", "2018-12", "--unit", "火星",
               "--out", str(demo_copy / "u.docx"), tmp_path=demo_copy)
    assert unit.returncode == 1 and "火星" in unit.stderr and "Traceback" not in unit.stderr
    assert not (demo_copy / "b.md").exists() and not (demo_copy / "u.docx").exists()  # nothing half-written


def test_pdf_export_without_libreoffice(demo_copy: Path) -> None:
    out = demo_copy / "b.pdf"
    done = run("briefing", "--month", "2017-10", "--out", str(out), tmp_path=demo_copy, PATH=str(demo_copy))
    assert done.returncode == 1
    assert "libreoffice-writer-nogui" in done.stderr and not out.exists()
