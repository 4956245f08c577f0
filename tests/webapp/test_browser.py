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

from tracker.core.i18n import msg
from tracker.register import load_register
from tracker.wording.charts import FONT, TITLE_COLUMNS, title_lines

ROOT = Path(__file__).resolve().parents[2]
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


DATABASE: dict[str, str] = {}  # the served database's URL, for tests that change an account behind the browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make run` on a free port with a fresh SQLite database; yields the base URL."""
    port = free_port()
    db = tmp_path_factory.mktemp("e2e") / "tracker.storage.db"
    DATABASE["url"] = f"sqlite:///{db}"
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


def sign_in(page: Any, name: str, password: str, lang: str = "zh") -> None:
    """Fill the sign-in form, then wait until the page is signed in and the browser holds its session cookie
    (fetched in the background, webapp/cookie.py)."""
    account, secret, button = ("账号", "密码", "登录") if lang == "zh" else ("Account", "Password", "Sign in")
    page.get_by_label(account, exact=True).fill(name)
    page.get_by_label(secret, exact=True).fill(password)
    page.get_by_role("button", name=button).click()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("已登录" if lang == "zh" else "Signed in",
                                                                      timeout=60_000)
    settle(page)
    deadline = time.monotonic() + 30
    while not any(c["name"] == "tracker_session" for c in page.context.cookies()):
        assert time.monotonic() < deadline, "the browser never got its session cookie"
        page.wait_for_timeout(200)


def visit(page: Any, server: str, path: str = "", name: str = "planner", password: str = "demo-planner") -> None:
    """Open an address as a visitor does: the sign-in form first when not signed in (the demo accounts listed
    under it), then the page that was asked for."""
    page.goto(f"{server}/{path}")
    settle(page)
    form = page.get_by_role("heading", name="登录")
    try:
        form.wait_for(timeout=5_000)
    except Exception:  # noqa: BLE001 - signed in already (the session cookie): the page itself is there
        return
    sign_in(page, name, password)


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
    assert "Press Enter" not in page.inner_text('[data-testid="stMain"]')  # no Streamlit English (finding 8)
    sign_in(page, "leader", "demo-leader")
    page.get_by_role("heading", name="规划目标总览").wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("已登录：leader（领导）")
    expect(sidebar).not_to_contain_text("数据报送")  # a leader does not upload
    with page.expect_navigation():  # to /auth/signout, which forgets the cookie, and back
        page.get_by_role("button", name="退出登录").click()
    settle(page)
    page.get_by_role("heading", name="登录").wait_for()
    page.reload()  # the cookie is gone: still signed out
    settle(page)
    page.get_by_role("heading", name="登录").wait_for()
    page.close()


def test_targets_page_lists_all_targets_and_switches_language(server: str, browser: object,
                                                             tmp_path: Path) -> None:
    page: Any = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    visit(page, server, "targets?plan=13")  # the 十三五 as issued
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
    page.reload()  # the language and the sign-in survive a reload: one in the address, the other in a cookie
    settle(page)
    page.get_by_role("heading", name="Plan targets").wait_for()
    page.close()


CARDS = {"13": 16, "14": 11, "15": 9}  # targets per plan in targets.yaml


def open_overview(server: str, browser: object, width: int, height: int, plan: str = "13") -> object:
    """A new page on a plan's overview, once all its target cards are there (they arrive one by one)."""
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    visit(page, server, f"?plan={plan}")
    page.get_by_role("heading", name="规划目标总览").wait_for()
    expect(page.get_by_role("button", name="查看详情")).to_have_count(CARDS[plan], timeout=60_000)
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

    visit(page, server, "units?plan=13")
    page.get_by_role("heading", name="单位记分卡").wait_for()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("区政务服务中心76.", timeout=60_000)
    assert visible_codes(page) == []

    page.close()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    visit(page, server, "", "clerk_chigang", "demo-clerk")  # a reporter lands on its upload page
    page.get_by_role("heading", name="数据报送").wait_for()
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
    visit(page, server, "targets?plan=13")
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("部门事项目录化动态管理", timeout=60_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # stacked blocks, not a table squeezed to one character per line: a clause keeps its line width
    clause = page.get_by_text("全区政务服务窗口服务评价率不低于70%").first
    assert clause.bounding_box()["width"] > 200
    page.close()


# --- issue 17: a sign-in that survives a reload, widths, the phone's sidebar ---------------------------------

def test_a_reload_a_bookmark_and_a_second_tab_stay_signed_in_on_the_same_page_and_month(server: str,
                                                                                      browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    first = context.new_page()
    visit(first, server, "units?plan=13")
    first.get_by_role("heading", name="单位记分卡").wait_for()
    choose(first, "截至月份", "2018年6月")
    expect(first).to_have_url(re.compile(r"as_of=2018-06"))
    cookie = next(c for c in context.cookies() if c["name"] == "tracker_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    first.reload()
    settle(first)
    first.get_by_role("heading", name="单位记分卡").wait_for()  # no sign-in form
    expect(first.get_by_label("截至月份")).to_have_value("2018年6月")
    second = context.new_page()  # a second tab on the same address, as a bookmark would open it
    second.goto(first.url)
    settle(second)
    second.get_by_role("heading", name="单位记分卡").wait_for()
    expect(second.get_by_label("截至月份")).to_have_value("2018年6月")
    # signing out in the first tab ends the second: out at its next click
    with first.expect_navigation():
        first.get_by_role("button", name="退出登录").click()
    settle(first)
    first.get_by_role("heading", name="登录").wait_for()
    choose(second, "截至月份", "2018年7月")
    second.get_by_role("heading", name="登录").wait_for()
    expect(second.locator('[data-testid="stMain"]')).to_contain_text("已在另一个标签页或窗口中退出登录")
    context.close()


def test_a_disabled_account_is_out_at_its_next_click(server: str, browser: Any) -> None:
    from tracker.access.accounts import add_account, set_active
    from tracker.access.roles import Actor
    from tracker.core.settings import Settings
    from tracker.storage.db import session
    from tracker.storage.opening import open_tracker

    tracker = open_tracker(Settings.from_env({"TRACKER_DATABASE_URL": DATABASE["url"]}))
    with session(tracker.engine) as s:
        add_account(s, tracker.register, actor=Actor("admin", "admin"), name="leader_b", role="leader",
                    password="secret-pass-1")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    visit(page, server, "targets", "leader_b", "secret-pass-1")
    page.get_by_role("heading", name="规划目标清单").wait_for()
    with session(tracker.engine) as s:
        set_active(s, actor=Actor("admin", "admin"), name="leader_b", active=False)
    tracker.engine.dispose()
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="总览").click()
    settle(page)
    page.get_by_role("heading", name="登录").wait_for()
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("账号已停用，已退出登录")
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_charts_fit_their_column(server: str, browser: Any, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    visit(page, server, "target_detail?plan=13&as_of=2018-06")
    page.get_by_role("heading", name="目标详情").wait_for()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(2, timeout=60_000)
    page.wait_for_timeout(1500)
    sizes = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(e => {
        const drawn = e.querySelector('canvas, svg').getBoundingClientRect();
        const column = e.closest('[data-testid="stVerticalBlock"]').getBoundingClientRect();
        return [drawn.left - column.left, column.right - drawn.right]; })""")
    assert all(left >= -1 and right >= -1 for left, right in sizes), sizes  # nothing past the column's edges
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # a title is drawn inside the chart, so a line wider than the chart was cut off (a long name, on a phone):
    # every line of every target's chart titles, measured in this browser's font, fits the narrowest chart
    drawn = page.evaluate("""() => Math.min(...[...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
        .map(e => e.querySelector('canvas, svg').getBoundingClientRect().width))""")
    register = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    names = [(lang, name) for t in register.all_targets.values() for lang, name in (("zh", t.name_zh), ("en", t.name_en))]
    titles = {line for lang, name in names for key in ("chart.target_title", "chart.units_title")
              for line in title_lines(msg(key, lang, name=name))}
    titles |= {line for lang, name in names  # a city's bar chart: both ends, said in the title (and the subtitle)
               for line in title_lines(msg("chart.units_title_ends", lang, name=name, half=20))}
    subtitles = {line for lang in ("zh", "en")
                 for line in title_lines(msg("chart.units_subtitle_ends", lang, total=3000), TITLE_COLUMNS * 14 // 12)}
    measure = """([lines, font]) => { const c = document.createElement('canvas').getContext('2d'); c.font = font;
        return Math.max(...lines.map(l => c.measureText(l).width)); }"""
    widest = max(page.evaluate(measure, [sorted(titles), f"bold 14px {FONT}"]),  # Streamlit's theme: bold titles
                 page.evaluate(measure, [sorted(subtitles), f"12px {FONT}"]))
    assert widest <= drawn - 10, (widest, drawn)  # the title's own padding included
    page.close()


def test_the_changes_table_shows_every_row_without_its_own_scroll_box(server: str, browser: Any) -> None:
    page: Any = open_overview(server, browser, 1400, 1000)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    inner = grid.evaluate("""e => { const s = e.querySelector('.dvn-scroller');
        return s ? [s.scrollHeight, s.clientHeight] : [0, 0]; }""")
    assert inner[0] <= inner[1] + 2, inner
    page.close()


PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.0 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize(("width", "agent", "closes"), [
    (390, PHONE_UA, True),  # a phone: Streamlit closes it itself (by the user agent)
    (390, None, True),  # a desktop browser at a phone's width (the finding): closed by webapp/narrow.py
    (1400, None, False),  # a desk: the sidebar stays beside the page
], ids=["phone", "narrow-desktop", "desk"])
def test_on_a_narrow_screen_the_sidebar_closes_after_choosing_a_page(server: str, browser: Any, width: int,
                                                                     agent: str | None, closes: bool) -> None:
    options: dict[str, Any] = {"viewport": {"width": width, "height": 844}}
    if agent:
        options |= {"device_scale_factor": 3, "is_mobile": True, "has_touch": True, "user_agent": agent}
    context = browser.new_context(**options)
    page = context.new_page()
    visit(page, server)
    page.get_by_role("heading", name="规划目标总览").wait_for()

    def sidebar_right() -> float:
        return float(page.evaluate(
            "document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().right"))

    if width < 768:
        assert sidebar_right() <= 0  # closed at first
        page.locator('[data-testid="stExpandSidebarButton"]').click()
        page.wait_for_timeout(600)
    assert sidebar_right() > 0
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="目标清单").click()
    settle(page)
    page.get_by_role("heading", name="规划目标清单").wait_for()
    page.wait_for_timeout(600)
    assert (sidebar_right() <= 0) == closes
    context.close()


# --- issue 16: successive plans in the browser ------------------------------------------------------------------

def test_the_current_plan_opens_first_and_the_chooser_switches_plan_and_keeps_it_in_the_address(
        server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    visit(page, server)  # no plan asked for: the plan of the latest data, the 十五五 (2026-)
    page.get_by_role("heading", name="规划目标总览").wait_for()
    expect(page.get_by_role("button", name="查看详情")).to_have_count(CARDS["15"], timeout=60_000)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("差评数逐年下降")  # a 十五五 change target
    page.screenshot(path=str(tmp_path / "plan15.png"), full_page=True)
    page.get_by_role("combobox", name="规划").click()
    page.keyboard.type("十四五")
    page.keyboard.press("Enter")
    settle(page)
    expect(page).to_have_url(re.compile(r"plan=14"))
    expect(page.get_by_role("button", name="查看详情")).to_have_count(CARDS["14"], timeout=60_000)
    expect(page.get_by_label("截至月份")).to_have_value("2025年12月")  # the plan's last month
    page.reload()  # the chosen plan survives a reload: it is in the address
    settle(page)
    expect(page.get_by_role("button", name="查看详情")).to_have_count(CARDS["14"], timeout=60_000)
    page.get_by_text("English").click()  # the same plan in English
    settle(page)
    page.get_by_role("heading", name="Plan progress overview").wait_for()
    expect(page.get_by_role("button", name="Details")).to_have_count(CARDS["14"], timeout=60_000)
    expect(page.get_by_role("combobox", name="Plan")).to_have_value(re.compile(r"^14th FYP"))
    page.close()


# --- issue 15, finding 9: a download's address is no good without a session ------------------------------------

def test_a_download_address_answers_only_a_signed_in_browser(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    visit(page, server, "upload", "clerk_chigang", "demo-clerk")
    page.get_by_role("heading", name="数据报送").wait_for()
    page.get_by_text("下载报送模板").click()
    with page.expect_download() as made:
        page.get_by_role("button", name="下载 CSV 模板").click()
    url = made.value.url
    assert "/media/" in url
    assert context.request.get(url).status == 200  # the signed-in browser gets its file
    stranger = browser.new_context()  # the same address from a browser without the session cookie
    refused = stranger.request.get(url)
    assert refused.status == 403 and "请先登录" in refused.text()
    stranger.close()
    page.get_by_role("button", name="退出登录").click()  # signed out: the address is no good any more either
    page.get_by_role("heading", name="登录").wait_for()
    assert context.request.get(url).status in (403, 404)  # refused, or already dropped by Streamlit: never served
    context.close()


# --- issue 17, finding 8: Streamlit's own English in the file picker --------------------------------------------

def test_the_file_picker_speaks_the_readers_language(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    visit(page, server, "upload", "clerk_chigang", "demo-clerk")
    page.get_by_role("heading", name="数据报送").wait_for()
    zone = '[data-testid="stFileUploaderDropzone"]'
    page.locator(zone).wait_for()
    read = """([zone, inner]) => { const e = document.querySelector(zone + ' ' + inner);
        return [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]; }"""
    button = page.evaluate(read, [zone, 'button [data-testid="stMarkdownContainer"] p'])
    hint = page.evaluate(read, [zone, '[data-testid="stFileUploaderDropzoneInstructions"] span'])
    # Streamlit's "Upload" and "20MB per file • XLSX, XLS, ODS, CSV" are drawn at size 0, ours in their place
    assert button == ["0px", '"浏览文件"'], button
    assert hint == ["0px", '"单个文件不超过 20 MB · XLSX、XLS、ODS、CSV"'], hint
    dragged = page.evaluate_handle("""() => { const d = new DataTransfer();
        d.items.add(new File(['x'], 'a.csv', {type: 'text/csv'})); return d; }""")
    page.dispatch_event(zone, "dragenter", {"dataTransfer": dragged})  # a file dragged over: Streamlit's overlay
    overlay = zone + " > div:not([data-testid]) > span"
    page.locator(overlay).wait_for()
    assert page.evaluate(read, [zone, "> div:not([data-testid]) > span"]) == ["0px", '"将文件拖放到此处"']
    assert page.locator(overlay).inner_text() == "Drag and drop a file here"  # Streamlit's, drawn at size 0
    page.dispatch_event(zone, "dragleave", {"dataTransfer": dragged})
    page.get_by_text("English").click()
    settle(page)
    page.get_by_role("heading", name="Upload monthly figures").wait_for()
    expect(page.locator(zone)).to_be_visible()
    assert page.evaluate(read, [zone, 'button [data-testid="stMarkdownContainer"] p'])[1] == '"Browse files"'
    page.close()


def test_a_viewer_speaking_streamlits_protocol_signs_in_and_resumes_from_its_cookie(server: str) -> None:
    """The load test's protocol client (benchmarks/wire.py) does what a browser does on the wire: it signs in
    through the form the server sent, lands on the current plan's overview with all its cards, trades the ticket
    for the session cookie, and a new connection with that cookie opens the overview again without a sign-in.
    A run that finishes without the cards raises, so this fails when the client no longer signs in or resumes."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks.wire import viewer

    # a thread of its own: Playwright's sync API keeps an event loop running in this one for the module's browser
    with ThreadPoolExecutor(1) as pool:
        run = pool.submit(asyncio.run, viewer(server, CARDS["15"], ("planner", "demo-planner")))
        signed_in, reloaded = run.result(timeout=300)
    assert signed_in > 0 and reloaded > 0
