"""`python -m tracker export …` and `python -m tracker briefing` on the demo data, as a user runs them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from docx import Document as Docx

from tests.cli.test_cli import ROOT, run


@pytest.fixture
def demo_copy(demo_url: str, tmp_path: Path) -> Path:
    """The demo database copied to where `run` points the CLI (tmp_path/cli.db)."""
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "cli.db")
    return tmp_path


def test_export_every_evaluation_kind(demo_copy: Path) -> None:
    out = demo_copy / "mid.docx"
    done = run("export", "evaluation", "--kind", "midterm", "--as-of", "2018-06", "--out", str(out),
               "--date", "2018-07-15", tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    # the narratives still missing are listed first (issue 18): the demo has none written for its 16 targets
    listed, written = done.stdout.strip().splitlines()
    assert listed.startswith("以下 16 项指标尚未填写分析与措施") and "网上办结率" in listed
    assert written == f"已生成 {out}（中期评估报告-2018-06.docx）"
    doc = Docx(str(out))
    assert "一、总体情况" in [p.text for p in doc.paragraphs]
    assert "2018年7月15日" in [p.text for p in doc.paragraphs]  # --date: the cover's date (finding 11)
    xlsx = demo_copy / "final.xlsx"
    assert run("export", "evaluation", "--kind", "final", "--as-of", "2020-12", "--out", str(xlsx),
               tmp_path=demo_copy).returncode == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["汇总", "指标完成情况", "单位×指标", "月度数据", "报送情况", "说明"]
    unit = demo_copy / "street.docx"
    done = run("export", "evaluation", "--kind", "annual", "--as-of", "2019-12", "--unit", "赤岗街", "--out",
               str(unit), tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    assert "2019年度检查报告-赤岗街政务服务中心-2019-12.docx" in done.stdout
    # a long title is set in balanced lines (line breaks inside its paragraph)
    assert any("赤岗街政务服务中心2019年度检查报告" in p.text.replace("\n", "") for p in Docx(str(unit)).paragraphs)


def test_export_a_streets_self_evaluation(demo_copy: Path) -> None:
    out = demo_copy / "self.docx"
    done = run("export", "self-evaluation", "--unit", "南华西街", "--year", "2016", "--date", "2017-08-21",
               "--out", str(out), tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已生成 {out}（南华西街道办事处2016年度自评报告.docx）"
    texts = [p.text for p in Docx(str(out)).paragraphs]
    assert "南华西街道办事处" in texts and "2017年8月21日" in texts
    assert "一、优化政务服务效能情况" in texts and "四、下一步工作计划" in texts
    log = run("audit", tmp_path=demo_copy)
    assert "南华西街道办事处2016年度自评报告.docx" in log.stdout  # audited like every export


def test_export_departments_and_the_briefing(demo_copy: Path) -> None:
    table = demo_copy / "dept.xlsx"
    done = run("export", "departments", "--period", "2019H1", "--out", str(table), tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(table).active
    assert ws is not None and ws.cell(1, 2).value == "受理量(件)" and isinstance(ws.cell(2, 2).value, int | float)
    paper = demo_copy / "dept.docx"
    done = run("export", "departments", "--period", "2019H1", "--out", str(paper), "--date", "2019-07-05",
               tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    assert "2019年7月5日" in [p.text for p in Docx(str(paper)).paragraphs]  # --date for every document (finding 11)
    brief = demo_copy / "b.md"
    done = run("briefing", "--month", "2017-10", "--out", str(brief), "--issue", "12", "--total", "136",
               "--date", "2017-11-08", tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr
    text = brief.read_text(encoding="utf-8")
    assert "〔2017〕第12期（总第136期）" in text and "2017年11月8日" in text
    nxt = demo_copy / "next.docx"
    assert run("briefing", "--month", "2017-11", "--out", str(nxt), tmp_path=demo_copy).returncode == 0
    assert "〔2017〕第13期（总第137期）" in [p.text for p in Docx(io.BytesIO(nxt.read_bytes())).paragraphs]


def test_export_overview_takes_a_date(demo_copy: Path) -> None:
    out = demo_copy / "ov.png"
    done = run("export", "overview", "--as-of", "2018-06", "--out", str(out), "--date", "2018-07-15",
               tmp_path=demo_copy)
    assert done.returncode == 0, done.stderr  # --date for every document (issue 18): the overview too
    assert out.read_bytes().startswith(b"\x89PNG")
    bad = run("export", "overview", "--as-of", "2018-06", "--out", str(demo_copy / "bad.png"), "--date",
              "2018-02-30", tmp_path=demo_copy)
    assert bad.returncode == 1 and "2018-02-30" in bad.stderr and not (demo_copy / "bad.png").exists()


def test_briefing_numbers_follow_month_order(demo_copy: Path) -> None:
    october = run("briefing", "--month", "2017-10", "--out", str(demo_copy / "10.md"), "--issue", "12", "--total", "136",
                  tmp_path=demo_copy)
    assert october.returncode == 0, october.stderr
    september = run("briefing", "--month", "2017-09", "--out", str(demo_copy / "09.md"), tmp_path=demo_copy)
    assert september.returncode == 0, september.stderr  # exported after October, numbered before it
    assert "〔2017〕第11期（总第135期）" in (demo_copy / "09.md").read_text(encoding="utf-8")
    again = run("briefing", "--month", "2017-10", "--out", str(demo_copy / "10b.md"), "--issue", "13", "--total",
                "137", tmp_path=demo_copy)
    assert again.returncode == 1 and "已印发的期号不能更改" in again.stderr  # a published number never changes
    assert not (demo_copy / "10b.md").exists()


def test_every_document_command_takes_a_date() -> None:
    import argparse

    from tracker.cli.main import _load_commands
    from tracker.cli.parser import build_parser

    _load_commands()

    def subcommands(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        return next(a.choices for a in p._actions if isinstance(a, argparse._SubParsersAction))  # type: ignore[return-value]

    commands = subcommands(build_parser("zh"))
    documents = {f"export {k}": v for k, v in subcommands(commands["export"]).items()}
    assert set(documents) == {"export evaluation", "export departments", "export self-evaluation", "export overview"}
    for name, p in {**documents, "briefing": commands["briefing"]}.items():
        assert "--date" in p._option_string_actions, name


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


def test_export_overview_writes_one_page(tmp_path: Path) -> None:
    run("demo", tmp_path=tmp_path)
    out = tmp_path / "总览.pdf"
    done = run("export", "overview", "--as-of", "2018-06", "--out", str(out), tmp_path=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == f"已生成 {out}（规划目标总览-2018-06.pdf）"
    assert out.read_bytes().startswith(b"%PDF")
    wrong = run("export", "overview", "--as-of", "2018-06", "--out", str(tmp_path / "x.docx"), tmp_path=tmp_path)
    assert wrong.returncode == 1 and ".pdf, .png" in wrong.stderr


def _loaded(args: list[str], folder: Path, module: str) -> bool:
    """Whether `python -m tracker *args` had imported `module` by the time it exited (and it succeeded)."""
    probe = ("import atexit, runpy, sys; "
             f"atexit.register(lambda: print('LOADED', {module!r} in sys.modules, file=sys.stderr)); "
             f"sys.argv = ['tracker', *{args!r}]; runpy.run_module('tracker', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{folder / 'cli.db'}"})
    assert done.returncode == 0, done.stderr
    return "LOADED True" in done.stderr


def test_a_workbook_is_exported_without_loading_the_chart_libraries(demo_copy: Path) -> None:
    """Altair took 0.4 s of every export's start; a workbook draws no chart, so it is not imported for one (a
    report, which draws its charts, still imports it)."""
    xlsx = ["export", "evaluation", "--kind", "midterm", "--as-of", "2018-06", "--out", str(demo_copy / "m.xlsx")]
    assert not _loaded(xlsx, demo_copy, "altair")
    assert openpyxl.load_workbook(demo_copy / "m.xlsx").sheetnames[0] == "汇总"
    docx = ["export", "evaluation", "--kind", "midterm", "--as-of", "2018-06", "--out", str(demo_copy / "m.docx")]
    assert _loaded(docx, demo_copy, "altair")
