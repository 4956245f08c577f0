"""Finding 1 (issue 17): a broken register is said once a page, in the reader's language, in Beijing time, with a
link to the page listing the problems, only to those who can fix it, and not any more once the file is fixed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import ROOT, open_page

BROKEN = "plan: [unclosed\n"


@pytest.fixture
def targets(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    path = tmp_path / "targets.yaml"
    shutil.copy(ROOT / "targets.yaml", path)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("TRACKER_TARGETS", str(path))
    monkeypatch.chdir(ROOT)
    return path


def app(name: str) -> AppTest:
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120), name)
    at.run()
    assert not at.exception
    return at


def banners(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "登记表" in w.value or "register" in w.value]


@pytest.mark.parametrize("page", ["overview", "target_detail", "units", "export"])
def test_once_a_page_with_a_link_and_gone_after_the_fix(targets: Path, page: str) -> None:
    at = open_page(app("planner"), page)  # views now cached: the broken register must not be replayed from them
    good = targets.read_text(encoding="utf-8")
    targets.write_text(BROKEN, encoding="utf-8")
    at.run()
    [text] = banners(at)
    # loaded before the edit, said in China Standard Time (UTC+8), never UTC
    assert re.fullmatch(r"目标登记表文件有 1 处错误，系统仍在使用上一次有效的登记表（北京时间 \d{4}-\d\d-\d\d \d\d:\d\d "
                        r"加载）；修正文件后此提示自动消失", text), text
    assert "UTC" not in text
    assert [link.proto.page for link in at.get("page_link")] == ["register"]  # the 目标登记 page
    targets.write_text(good, encoding="utf-8")
    at.run()
    assert banners(at) == []
    assert not at.exception


def test_in_english_on_english_pages(targets: Path) -> None:
    at = app("planner")
    at.sidebar.radio(key="lang_choice").set_value("en").run()
    targets.write_text(BROKEN, encoding="utf-8")
    at.run()
    [text] = banners(at)
    assert text.startswith("The register files have 1 errors; the last valid register (loaded ")
    assert "Beijing time" in text


@pytest.mark.parametrize("name", ["leader", "clerk_chigang", "admin"])
def test_not_shown_to_those_who_cannot_fix_it(targets: Path, name: str) -> None:
    at = app(name)
    targets.write_text(BROKEN, encoding="utf-8")
    at.run()
    assert banners(at) == []
    assert not at.exception
