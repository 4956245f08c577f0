"""The 导出 page and the narratives on the target page, with AppTest on a copy of the demo database."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from docx import Document as Docx
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import ROOT, open_page


@pytest.fixture
def app(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")  # the page records briefing numbers
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180))
    at.run()
    assert not at.exception
    yield at


def made(at: AppTest, key: str) -> object:
    return at.session_state[f"file_{key}"]


def test_an_evaluation_pack_from_the_page(app: AppTest) -> None:
    at = open_page(app, "export")
    assert at.title[0].value == "导出文档"
    assert [t.label for t in at.tabs] == ["评估材料", "月度简报", "部门绩效表", "年度自评报告"]
    at.selectbox(key="eval_kind").set_value("midterm").run()
    assert at.selectbox(key="eval_as_of_midterm").value == "2018-06"  # the mid-term checkpoint is offered first
    assert not at.download_button  # nothing is made until asked
    # the narratives still missing are listed before the pack is made (issue 18): none is written in the demo
    assert at.warning[0].value.startswith("以下 16 项指标尚未填写分析与措施")
    at.date_input(key="eval_date").set_value(dt.date(2018, 7, 15)).run()  # the cover's date (finding 11)
    at.button(key="make_eval_midterm_2018-06_None_.docx_2018-07-15").click().run()
    assert not at.exception
    assert at.download_button[0].proto.label == "下载 中期评估报告-2018-06.docx"
    export = made(at, "eval_midterm_2018-06_None_.docx_2018-07-15")
    doc = Docx(io.BytesIO(export.data))  # type: ignore[attr-defined]
    assert "二、主要指标完成情况" in [p.text for p in doc.paragraphs]
    assert "2018年7月15日" in [p.text for p in doc.paragraphs]


def test_the_briefing_preview_and_its_issue_numbers(app: AppTest) -> None:
    at = open_page(app, "export")
    at.selectbox(key="brief_month").set_value("2017-10").run()
    preview = "\n".join(m.value for m in at.markdown)
    assert "（一）区政务服务中心业务受理情况" in preview and "环比" in preview and "前三名分别是" in preview
    # nothing published yet: numbered from its year's January (one issue a month), until the office sets them
    assert at.number_input(key="brief_issue_2017-10").value == 10
    at.number_input(key="brief_issue_2017-10").set_value(12).run()
    at.number_input(key="brief_total_2017-10").set_value(136).run()  # seed 000's numbers, given once
    at.radio(key="brief_format").set_value(".md").run()
    at.button(key="make_brief_2017-10_12_136_.md").click().run()
    text = made(at, "brief_2017-10_12_136_.md").data.decode("utf-8")  # type: ignore[attr-defined]
    assert "〔2017〕第12期（总第136期）" in text
    at.selectbox(key="brief_month").set_value("2017-09").run()
    assert at.number_input(key="brief_issue_2017-09").value == 11  # month order: September before October
    assert at.number_input(key="brief_total_2017-09").value == 135


def test_the_department_table_from_the_page(app: AppTest) -> None:
    at = open_page(app, "export")
    at.selectbox(key="dept_period").set_value("2019H1").run()
    at.button(key="make_dept_2019H1_.xlsx").click().run()
    export = made(at, "dept_2019H1_.xlsx")
    assert export.name == "窗口部门绩效评估-2019H1.xlsx"  # type: ignore[attr-defined]
    ws = openpyxl.load_workbook(io.BytesIO(export.data)).active  # type: ignore[attr-defined]
    assert ws is not None and ws.title == "窗口部门绩效评估"


def test_a_streets_self_evaluation_from_the_page(app: AppTest) -> None:
    at = open_page(app, "export")
    assert at.selectbox(key="self_unit").value.startswith("street_")  # a street is offered first
    at.selectbox(key="self_unit").set_value("street_nanhuaxi").run()
    at.selectbox(key="self_year").set_value(2016).run()
    at.date_input(key="self_date").set_value(dt.date(2017, 8, 21)).run()
    at.button(key="make_self_street_nanhuaxi_2016_.docx_2017-08-21").click().run()
    assert not at.exception
    export = made(at, "self_street_nanhuaxi_2016_.docx_2017-08-21")
    assert export.name == "南华西街道办事处2016年度自评报告.docx"  # type: ignore[attr-defined]
    texts = [p.text for p in Docx(io.BytesIO(export.data)).paragraphs]  # type: ignore[attr-defined]
    assert "南华西街道办事处" in texts and "2017年8月21日" in texts


def test_the_page_in_english(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "pages" / "export.py"), default_timeout=180))
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Documents"
    assert [t.label for t in at.tabs] == ["Evaluation packs", "Monthly briefing", "Department table",
                                        "Annual self-evaluation"]
    at.selectbox(key="brief_month").set_value("2017-10").run()
    assert "(1) The district service centre" in "\n".join(m.value for m in at.markdown)


def test_a_narrative_is_saved_with_history_and_shown_as_text(app: AppTest) -> None:
    at = open_page(app, "target_detail")
    at.selectbox(key="detail_target").set_value("zero_visit_share").run()
    at.selectbox(key="as_of").set_value("2018-06").run()
    assert "尚未填写。" in [i.value for i in at.info]
    at.text_area[0].input("**零跑动** <b>滞后</b>")
    at.text_area[1].input("梳理事项清单")
    next(b for b in at.button if b.label == "保存").click().run()
    assert "**零跑动** <b>滞后</b>" in [x.value for x in at.text]  # st.text: shown as typed, nothing parsed
    assert any(c.value.startswith("planner 于 ") and c.value.endswith("（第 1 次修订）") for c in at.caption)
    at.text_area[1].input("梳理事项清单，增加网办")
    next(b for b in at.button if b.label == "保存").click().run()
    assert any(c.value.startswith("planner 于 ") and c.value.endswith("（第 2 次修订）") for c in at.caption)
    assert [e.label for e in at.expander if e.label.startswith("修订记录")] == ["修订记录（2 次）"]


def test_only_planners_write_narratives(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180), "leader")
    at.run()
    at = open_page(at, "target_detail")
    assert not at.text_area and "保存" not in [b.label for b in at.button]  # the leader reads, does not write
