"""End to end: `make run` serves the app; real Chromium opens it, reads the targets, switches language."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium for the browser test (.ci/run does)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make run` on a free port with a fresh SQLite database; yields the base URL."""
    port = free_port()
    db = tmp_path_factory.mktemp("e2e") / "tracker.db"
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{db}"}
    make = shutil.which("make") or "make"
    proc = subprocess.Popen([make, "run", f"PORT={port}"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read() if proc.stdout else ""
                raise RuntimeError(f"make run did not serve the app:\n{out}")
            time.sleep(0.5)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def settle(page: object) -> None:
    """Wait for the script to be idle. The state reads "notRunning" also before a run has begun, so callers
    then wait for the content they expect (`expect` retries) rather than reading the page at once."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=120_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]


def test_health_check_answers(server: str) -> None:
    with urllib.request.urlopen(f"{server}/_stcore/health", timeout=5) as r:
        assert r.read().decode().strip() == "ok"


CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # evaluation_rate, street_chigang …


def visible_codes(page: Any) -> list[str]:
    """Register codes a reader would see as text on the page (tooltips and the 代码 column excepted)."""
    return sorted(set(CODE.findall(page.inner_text('[data-testid="stMain"]'))))


def visit(page: Any, server: str, path: str = "", name: str = "planner", password: str = "demo-planner") -> None:
    """Open an address as a new visitor does: the sign-in form first (the demo accounts listed under it), then
    the page that was asked for."""
    page.goto(f"{server}/{path}")
    settle(page)
    page.get_by_role("heading", name="登录").wait_for()
    page.get_by_label("账号").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    settle(page)


def test_sign_in_shows_the_demo_accounts_refuses_a_wrong_password_and_signs_out(server: str, browser: object,
                                                                                tmp_path: Path) -> None:
    page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server)
    settle(page)
    page.get_by_role("heading", name="登录").wait_for()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("演示环境（示例数据）", timeout=60_000)
    page.screenshot(path=str(tmp_path / "signin.png"), full_page=True)
    page.get_by_label("账号").fill("leader")
    page.get_by_label("密码").fill("not the password")
    page.get_by_role("button", name="登录").click()
    settle(page)
    page.get_by_text("用户名或密码不正确，或账号已停用").wait_for()
    page.get_by_label("密码").fill("demo-leader")
    page.get_by_role("button", name="登录").click()
    settle(page)
    page.get_by_role("heading", name="规划目标总览").wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("已登录：leader（领导）")
    expect(sidebar).not_to_contain_text("数据报送")  # a leader does not upload
    page.get_by_role("button", name="退出登录").click()
    settle(page)
    page.get_by_role("heading", name="登录").wait_for()
    page.close()


def test_targets_page_lists_all_targets_and_switches_language(server: str, browser: object,
                                                             tmp_path: Path) -> None:
    page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    visit(page, server, "targets")
    page.get_by_role("heading", name="规划目标清单").wait_for()
    assert page.get_by_text("示例数据").first.is_visible()
    main = page.locator('[data-testid="stMain"]')
    for name in ("窗口服务评价率", "零跑动事项占比", "基层政务公开标准化规范化试点", "部门事项目录化动态管理"):
        expect(main).to_contain_text(name, timeout=60_000)
    assert visible_codes(page) == []
    page.screenshot(path=str(tmp_path / "targets.png"), full_page=True)
    page.get_by_text("English").click()
    settle(page)
    page.get_by_role("heading", name="Plan targets").wait_for()
    assert "lang=en" in page.url
    page.reload()  # the language survives a reload: it is in the address (the sign-in is asked again)
    settle(page)
    page.get_by_role("heading", name="Sign in").wait_for()
    page.get_by_label("Account", exact=True).fill("planner")
    page.get_by_label("Password", exact=True).fill("demo-planner")
    page.get_by_role("button", name="Sign in").click()
    settle(page)
    page.get_by_role("heading", name="Plan targets").wait_for()
    page.close()


def open_overview(server: str, browser: object, width: int, height: int) -> object:
    """A new page on the overview, once all 16 target cards are there (they arrive one by one)."""
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    visit(page, server)
    page.get_by_role("heading", name="规划目标总览").wait_for()
    expect(page.get_by_role("button", name="查看详情")).to_have_count(16, timeout=60_000)
    settle(page)
    return page


def choose(page: Any, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label, as a user does: open it, type, press Enter."""
    page.get_by_label(label).click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    settle(page)


def test_main_path_overview_detail_upload(server: str, browser: object, tmp_path: Path) -> None:
    page: Any = open_overview(server, browser, 1400, 1000)
    assert page.get_by_role("button", name="Deploy").count() == 0  # no developer chrome
    choose(page, "截至月份", "2018年6月")
    expect(page.locator('[data-testid="stColumn"] strong').first).to_have_text("网上办结率", timeout=60_000)
    # the mid-term's first card is a target behind, saying by how much and who is responsible
    first = page.locator('[data-testid="stColumn"]').filter(has=page.get_by_text("网上办结率", exact=True)).first
    expect(first).to_contain_text("滞后")
    expect(first).to_contain_text("距目标差")
    expect(first).to_contain_text("差距主要来自：")
    assert visible_codes(page) == []
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    page.get_by_role("button", name="查看详情").nth(1).click()  # the second card behind: the zero-visit share
    settle(page)
    page.get_by_role("heading", name="目标详情").wait_for()
    page.get_by_text("40%以上申办事项实现零跑动").wait_for()
    page.screenshot(path=str(tmp_path / "detail.png"), full_page=True)

    visit(page, server, "units")
    page.get_by_role("heading", name="单位记分卡").wait_for()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("区政务服务中心76.", timeout=60_000)
    assert visible_codes(page) == []

    visit(page, server, "upload", "clerk_chigang", "demo-clerk")  # a reporter, for its own street
    report = tmp_path / "六月报表.csv"
    report.write_text("单位,期间,受理量,办结量\n赤岗街,2019-06,9471,9400\n", encoding="gbk")  # above the stored parts
    page.locator('input[type="file"]').set_input_files(str(report))
    settle(page)
    page.get_by_text("预览（尚未保存）").wait_for()
    page.get_by_role("button", name="确认保存").click()
    settle(page)
    page.get_by_text("已保存：新增 0 个，修改 2 个").wait_for()
    page.close()


def test_overview_and_targets_fit_a_phone(server: str, browser: object, tmp_path: Path) -> None:
    page: Any = open_overview(server, browser, 390, 844)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
    assert width <= 390
    visit(page, server, "targets")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("部门事项目录化动态管理", timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # stacked blocks, not a table squeezed to one character per line: a clause keeps its line width
    clause = page.get_by_text("全区政务服务窗口服务评价率不低于70%").first
    assert clause.bounding_box()["width"] > 200
    page.close()
