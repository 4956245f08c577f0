"""Every page renders on the demo with AppTest and shows what the user expects."""

from __future__ import annotations

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
    assert app.title[0].value == "Overview"
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
