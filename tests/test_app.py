"""Every page renders on the demo with AppTest and shows what the user expects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    yield at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_targets_page_lists_all_16_targets(app: AppTest) -> None:
    at = open_page(app, "targets")
    table = at.table[0].value
    assert len(table) == 16
    assert table.index.tolist()[:2] == ["evaluation_rate", "satisfaction_rate"]
    assert "全区政务服务窗口服务评价率不低于70%" in table["规划原文"].tolist()
    assert any("示例数据" in i.value for i in at.info)


def test_language_switch_is_in_the_sidebar_and_zh_by_default(app: AppTest) -> None:
    radio = app.sidebar.radio(key="lang_choice")
    assert radio.value == "zh"
    assert radio.options == ["中文", "English"]


def test_language_switch_changes_labels(app: AppTest) -> None:
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    assert app.title[0].value == "Plan progress overview"
    at = open_page(app, "targets")
    assert at.title[0].value == "Plan targets"
    assert "Plan clause" in at.table[0].value.columns


@pytest.fixture
def empty_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    yield at


def stored_count(tmp_path: Path) -> int:
    import sqlite3

    con = sqlite3.connect(tmp_path / "app.db")
    try:
        return int(con.execute("select count(*) from value_revision").fetchone()[0])
    finally:
        con.close()


def test_upload_good_file_preview_confirm_stored(empty_app: AppTest, tmp_path: Path) -> None:
    at = open_page(empty_app, "upload")
    data = "单位,期间,受理量,办结量\n赤岗街,2019-06,\"4,471\",4400\n南华西街,2019-06,1200,1190\n".encode()
    at.file_uploader[0].upload("六月.csv", data, "text/csv")
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["4", "0", "0", "0"]
    assert any("预览（尚未保存）：新增 4 个" in i.value for i in at.info)
    assert stored_count(tmp_path) == 0
    at.text_input(key="upload_user").input("王芳")
    at.button(key="confirm_store").click()
    at.run()
    assert not at.exception
    assert any("已保存：新增 4 个" in s.value for s in at.success)
    assert stored_count(tmp_path) == 4


def test_upload_bad_file_shows_problem_table_and_stores_nothing(empty_app: AppTest, tmp_path: Path) -> None:
    at = open_page(empty_app, "upload")
    at.file_uploader[0].upload("坏.csv", "单位,期间,受理量\n不存在街,2019-06,十\n".encode(), "text/csv")
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("文件被拒收：发现 2 处错误")
    problems = at.dataframe[0].value
    assert problems["问题及修改方法"].tolist() == [
        "单位“不存在街”不在单位登记表中；请使用登记表中的单位名称、简称或代码",
        "“十”不是数字；请填写数字，未报送请填“——”或留空"]
    assert problems["行"].tolist() == [2, 2]
    assert stored_count(tmp_path) == 0


def test_completeness_page_lists_missing_units(app: AppTest) -> None:
    at = open_page(app, "completeness")
    at.selectbox[0].set_value("2019-08").run()
    assert not at.exception
    assert any("区统计局" in w.value for w in at.warning)
    assert [m.label for m in at.metric] == ["报送率", "及时率"]


def test_history_page_renders(app: AppTest) -> None:
    at = open_page(app, "history")
    assert len(at.dataframe) == 1


def test_overview_shows_one_card_per_target(app: AppTest) -> None:
    at = app  # the overview is the default page
    assert at.title[0].value == "规划目标总览"
    detail_buttons = [b for b in at.button if (b.key or "").startswith("detail_")]
    assert len(detail_buttons) == 16
    counts = {m.label: int(m.value) for m in at.metric}
    assert sum(counts.values()) == 16
    charts = at.get("vega_lite_chart")
    assert len(charts) == 15  # one trend per numeric target (the milestone has none)
    spec = json.loads(charts[0].proto.spec)
    assert spec["mark"]["type"] == "line"


def test_overview_in_english_and_mid_term(app: AppTest) -> None:
    app.sidebar.radio(key="lang_choice").set_value("en").run()
    at = app
    at.selectbox(key="as_of").set_value("2018-06").run()
    assert not at.exception
    assert at.title[0].value == "Plan progress overview"
    labels = {m.label for m in at.metric}
    assert "off track" in labels and "met" in labels
    assert any("below the 2018 mid-term pace" in c.value for c in at.caption)


def test_target_detail_page(app: AppTest) -> None:
    at = open_page(app, "target_detail")
    at.selectbox(key="detail_target").set_value("zero_visit_share").run()
    at.selectbox(key="as_of").set_value("2018-06").run()
    assert not at.exception
    assert any("40%以上申办事项实现零跑动" in m.value for m in at.markdown)
    subheaders = [s.value for s in at.subheader]
    assert "差距归因：哪些单位拉低了全区水平" in subheaders
    assert len(at.dataframe) == 3  # per unit, attribution, ranking


def test_units_page_picking_a_parent_changes_the_scorecard(app: AppTest) -> None:
    at = open_page(app, "units")
    first = at.dataframe[0].value
    assert "赤岗街政务服务中心" in list(first.index)
    at.selectbox(key="units_parent").set_value("centre").run()
    assert not at.exception
    second = at.dataframe[0].value
    assert "区教育局" in list(second.index) and "赤岗街政务服务中心" not in list(second.index)
    at.selectbox(key="units_pick").set_value("dept_edu").run()
    assert at.subheader[0].value == "区教育局：各项指标"


def test_units_page_bottom_filter(app: AppTest) -> None:
    at = open_page(app, "units")
    at.selectbox(key="units_type").set_value("street").run()
    at.selectbox(key="units_focus").set_value("evaluation_rate").run()
    at.radio[0].set_value(True).run()
    at.number_input[0].set_value(2).run()
    assert not at.exception
    assert sorted(at.dataframe[0].value.index) == ["华洲街政务服务中心", "南石头街政务服务中心"]


def test_register_page(app: AppTest) -> None:
    at = open_page(app, "register")
    assert at.success[0].value.startswith("登记表有效")
    assert len(at.dataframe[0].value) == 16


def test_broken_register_edit_keeps_the_last_valid_register(tmp_path: Path, demo_url: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    targets = tmp_path / "targets.yaml"
    shutil.copy(ROOT / "targets.yaml", targets)
    monkeypatch.setenv("TRACKER_TARGETS", str(targets))
    monkeypatch.setenv("TRACKER_DATABASE_URL", demo_url)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.warning
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("threshold: 70\n", "threshold: 170\n", 1), encoding="utf-8")
    os.utime(targets, ns=(1, 1))
    at = open_page(at, "register")
    assert at.warning[0].value.startswith("登记表文件有错误，当前仍使用上一次有效的登记表")
    assert at.error[0].value == "登记表文件有错误，下面是全部问题："
    problems = at.dataframe[0].value
    line = text[: text.index("threshold: 70\n")].count("\n") + 1
    assert problems["行"].tolist() == [line]
    assert problems["问题及修改方法"].tolist() == ["百分比指标的阈值 170 超出 0–100 范围；请填写 0 到 100 之间的数"]
    assert len(at.dataframe[1].value) == 16  # the register still served
