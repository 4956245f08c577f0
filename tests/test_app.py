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
