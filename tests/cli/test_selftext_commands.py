"""`python -m tracker self-evaluation-text set|show`: a street's own text and figures from a YAML file, shown as
YAML again, refused with every problem named, and printed in the self-evaluation."""

from __future__ import annotations

from pathlib import Path

from docx import Document as Docx

from tests.cli.test_cli import ROOT, run
from tracker.reports.selfeval.entry import from_yaml

EXAMPLE = ROOT / "examples" / "selfeval_nanhuaxi_2016.yaml"


def test_set_show_and_print(tmp_path: Path) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    done = run("self-evaluation-text", "set", "--unit", "南华西街", "--year", "2016", "--file", str(EXAMPLE),
               tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    # the example has 6 sections (no 存在问题) and 3 items
    assert done.stdout.strip() == "已保存 南华西街政务服务中心 2016 年的自评内容（第 1 版）：6 个部分，3 个事项"
    shown = run("self-evaluation-text", "show", "--unit", "street_nanhuaxi", "--year", "2016", tmp_path=tmp_path)
    assert shown.returncode == 0
    header, body = shown.stdout.split("\n", 1)
    assert header.startswith("# 南华西街政务服务中心 2016 年自评内容，第 1 版，cli:")
    assert from_yaml(body, "shown") == from_yaml(EXAMPLE.read_text(encoding="utf-8"), "example")  # set again as is
    out = tmp_path / "self.docx"
    assert run("export", "self-evaluation", "--unit", "南华西街", "--year", "2016", "--out", str(out),
               tmp_path=tmp_path).returncode == 0
    text = "\n".join(p.text for p in Docx(str(out)).paragraphs)
    assert "收到“廉租房申请初审”申请757\u202f件，受理757\u202f件，按时办结757\u202f件，其中审批同意731\u202f件，审批不同意26\u202f件。" in text
    assert "收到“广东省居住证核发”申请2952\u202f件" in text and "70%受理事项达到即办即走。" in text
    none = run("--lang", "en", "self-evaluation-text", "show", "--unit", "南华西街", "--year", "2017",
               tmp_path=tmp_path)
    assert none.stdout.strip() == "No self-evaluation text saved for Nanhuaxi Street Service Centre, 2017"


def test_a_bad_file_is_refused_with_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("items:\n  - name: 廉租房申请初审\n    applications: 757\n    approved: 758\ncomplaints: -1\n",
                   encoding="utf-8")
    done = run("self-evaluation-text", "set", "--unit", "南华西街", "--year", "2016", "--file", str(bad),
               tmp_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{bad}: “举报投诉案件（件）”不能为负数（-1）；请填写 0 或正整数",
        f"{bad}: 事项“廉租房申请初审”的审批同意（件）为 758，大于收到申请（件） 757；审批同意（件）不能多于收到申请（件），请核对后改正",
        f"{bad}：自评报告内容有 2 处问题，未保存任何内容"]
    shown = run("self-evaluation-text", "show", "--unit", "南华西街", "--year", "2016", tmp_path=tmp_path)
    assert shown.stdout.strip() == "南华西街政务服务中心 2016 年没有保存的自评内容"


def test_another_units_clerk_is_refused(tmp_path: Path) -> None:
    assert run("user", "add", "clerk_chigang", "--role", "reporter", "--unit", "赤岗街", "--password-stdin",
               stdin="a-long-password\n", tmp_path=tmp_path).returncode == 0
    done = run("self-evaluation-text", "set", "--unit", "南华西街", "--year", "2016", "--file", str(EXAMPLE),
               "--user", "clerk_chigang", tmp_path=tmp_path)
    assert done.returncode == 1
    assert "账号“clerk_chigang”（填报员）无权填写本单位自评报告内容" in done.stderr
    own = run("self-evaluation-text", "set", "--unit", "赤岗街", "--year", "2016", "--file", str(EXAMPLE),
              "--user", "clerk_chigang", tmp_path=tmp_path)
    assert own.returncode == 0, own.stderr
