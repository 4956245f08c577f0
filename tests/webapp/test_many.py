"""Many users: two app processes over one throwaway PostgreSQL behind Debian's nginx (the shipped configuration),
each browser kept on one process, sign-ins and API tokens honoured by whichever process answers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from webapp.many import CONF, NGINX, Farm, farm, main_conf, site_conf

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PG_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")


def test_the_shipped_configuration_gets_these_processes_and_port() -> None:
    shipped = CONF.read_text(encoding="utf-8")
    site = site_conf(shipped, ports=[40001, 40002], listen=39000)
    # the shipped file lists four processes (8501–8504); exactly the two given remain, in order
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", site) == ["40001", "40002"]
    assert "listen 127.0.0.1:39000;" in site and "listen 80;" not in site
    assert "hash $tracker_route consistent;" in site  # sticky: one browser, one process
    assert "proxy_set_header Upgrade $http_upgrade;" in site  # the websocket passes
    assert "X-Tracker-Upstream" not in site  # the internal address is told only when asked
    assert "X-Tracker-Upstream" in site_conf(shipped, ports=[1], listen=2, show_upstream=True)
    kept = site_conf(shipped, ports=[1], listen=2, cache=Path("/tmp/here"))  # the static files' cache, moved
    assert "proxy_cache_path /tmp/here " in kept and "/var/cache/nginx" not in kept


def test_the_apps_static_files_are_kept_by_the_proxy(served: tuple[Farm, str]) -> None:
    """A first visit's scripts come from the proxy's cache after the first answer, whichever process it routes to
    (they cost each new viewer a quarter of an app process's CPU)."""
    running, _ = served
    page = _get(f"{running.base}/")[3].decode()
    script = re.findall(r'src="\./(static/js/index\.[^"]+\.js)"', page)[0]
    first = _get(f"{running.base}/{script}")
    again = [_get(f"{running.base}/{script}", Cookie=f"tracker_route=r{i}") for i in range(4)]
    assert first[2]["x-cache-status"][0] in ("MISS", "HIT")  # HIT when another test fetched it before
    assert all(a[2]["x-cache-status"] == ["HIT"] and a[3] == first[3] for a in again)
    assert "x-cache-status" not in _get(f"{running.base}/healthz")[2]  # only the static files are kept


def test_a_configuration_without_an_upstream_list_is_refused() -> None:
    with pytest.raises(ValueError, match="server 127.0.0.1:PORT"):
        site_conf("upstream tracker {\n}\nserver { listen 80; }\n", ports=[1], listen=2)


def test_nginx_keeps_every_file_in_its_own_folder(tmp_path: Path) -> None:
    conf = main_conf(tmp_path)
    paths = re.findall(r"(?:pid|error_log|_temp_path|include) (\S+?);?\s", conf)
    assert len(paths) == 8 and all(p.startswith(str(tmp_path)) for p in paths)  # pid, log, 5 temp dirs, site
    assert "daemon off;" in conf


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Farm, str]]:
    """Two processes behind nginx over a fresh PostgreSQL database holding the demo; the farm and an API token."""
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            raise RuntimeError("CI must install Debian's nginx for this test (.ci/run does)")
        pytest.skip("Debian's nginx is not installed")
    if not PG_URL:
        pytest.skip("no PostgreSQL server for this run")
    name = f"tracker_many_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    env = {**os.environ, "TRACKER_DATABASE_URL": PG_URL.rsplit("/", 1)[0] + f"/{name}", "TRACKER_SIGNIN_DELAY": "0"}
    try:
        _cli(env, "init")
        _cli(env, "demo")
        token = re.findall(r"trk_\S+", _cli(env, "token", "add", "many", "--role", "leader"))[0]
        with farm(processes=2, env=env, show_upstream=True) as running:
            yield running, token
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _get(url: str, **headers: str) -> tuple[int, str, dict[str, list[str]], bytes]:
    """Status, the process that answered (X-Tracker-Upstream), the headers, the body."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as r:
        heads = {k.lower(): r.headers.get_all(k) or [] for k in r.headers}
        return r.status, r.headers.get("X-Tracker-Upstream", ""), heads, r.read()


def route_to(running: Farm, upstream: str) -> str:
    """A `tracker_route` cookie value the proxy sends to `upstream` (found by asking it)."""
    address = upstream.removeprefix("http://")
    for i in range(200):
        if _get(f"{running.base}/healthz", Cookie=f"tracker_route=r{i}")[1] == address:
            return f"r{i}"
    raise AssertionError(f"no route cookie reaches {address}")


def test_the_proxy_keeps_a_browser_on_one_process_and_any_process_answers_the_api(served: tuple[Farm, str]) -> None:
    running, token = served
    status, _, heads, _ = _get(f"{running.base}/")
    assert status == 200 and heads["set-cookie"][0].startswith("tracker_route=")  # the first answer names a route
    cookie = heads["set-cookie"][0].split(";")[0]
    answered = {_get(f"{running.base}/healthz", Cookie=cookie)[1] for _ in range(6)}
    assert len(answered) == 1  # the same route, the same process, every time
    assert "set-cookie" not in _get(f"{running.base}/healthz", Cookie=cookie)[2]  # named once, not on every answer
    bodies = []
    for upstream in running.upstreams:  # each process, reached through the proxy by its route
        route = route_to(running, upstream)
        status, by, _, body = _get(f"{running.base}/api/v1/progress?as_of=2018-06&window=ytd&unit=district",
                                   Cookie=f"tracker_route={route}", Authorization=f"Bearer {token}")
        assert (status, by) == (200, upstream.removeprefix("http://"))
        bodies.append(json.loads(body))
    assert bodies[0] == bodies[1] and bodies[0]  # the same figures from both processes (one database)
    for base in (running.base, *running.upstreams):
        assert json.loads(_get(f"{base}/healthz")[3]) == {"status": "ok", "database": "ok"}


def _idle(page: Any) -> None:
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=120_000)
    page.wait_for_timeout(500)


@pytest.mark.browser
def test_signed_in_through_the_proxy_the_other_process_knows_the_session(served: tuple[Farm, str],
                                                                        tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import expect, sync_playwright

    running, _ = served
    first, other = running.upstreams
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        host = running.base.removeprefix("http://").split(":")[0]
        context.add_cookies([{"name": "tracker_route", "value": route_to(running, first), "domain": host,
                              "path": "/"}])
        page = context.new_page()
        answer = page.goto(running.base)
        assert answer is not None and answer.headers["x-tracker-upstream"] == first.removeprefix("http://")
        page.get_by_label("账号", exact=True).fill("planner", timeout=120_000)
        page.get_by_label("密码", exact=True).fill("demo-planner")
        page.get_by_role("button", name="登录").click()  # the websocket through the proxy carries the sign-in
        cards = page.get_by_role("button", name="查看详情")
        cards.first.wait_for(timeout=120_000)  # the overview: one card per target of the current plan
        _idle(page)
        shown = cards.count()
        deadline = 60_000
        while not any(c["name"] == "tracker_session" for c in context.cookies()) and deadline > 0:
            page.wait_for_timeout(200)  # the cookie is fetched in the background (/auth/session through the proxy)
            deadline -= 200
        assert any(c["name"] == "tracker_session" for c in context.cookies())

        # an upload through the proxy reaches the process holding this browser's session
        report = tmp_path / "六月报表.csv"
        report.write_text("单位,期间,受理量,办结量\n赤岗街,2019-06,9471,9400\n", encoding="gbk")
        page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="数据报送").click()
        page.get_by_role("heading", name="数据报送").wait_for(timeout=120_000)
        _idle(page)
        page.locator('input[type="file"]').set_input_files(str(report))
        page.get_by_text("预览（尚未保存）").wait_for(timeout=120_000)

        # the same browser sent to the other process: still signed in, no sign-in form
        context.add_cookies([{"name": "tracker_route", "value": route_to(running, other), "domain": host,
                              "path": "/"}])
        answer = page.goto(running.base)
        assert answer is not None and answer.headers["x-tracker-upstream"] == other.removeprefix("http://")
        expect(cards).to_have_count(shown, timeout=120_000)
        assert shown > 0 and page.get_by_role("heading", name="登录").count() == 0

        # signing out through the proxy clears the cookie: the next page asks for a sign-in
        page.goto(f"{running.base}/auth/signout?next=/")
        assert not any(c["name"] == "tracker_session" for c in context.cookies())
        page.get_by_role("heading", name="登录").wait_for(timeout=120_000)
        browser.close()
