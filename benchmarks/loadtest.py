"""A bounded local load test: N viewers at once, each signing in as the demo planner in real headless Chromium
(one browser, a context of its own per viewer), on the demo data; median and p95 of each step.

Steps per viewer: sign-in → the overview's cards on the screen; reload → the cards again (a fresh page view,
resumed from the session cookie). Two set-ups, each warmed first by one viewer per process:

- one app process over SQLite (`python dashboard.py`): 1 and 8 viewers (BENCH_VIEWERS);
- 4 processes over a throwaway PostgreSQL behind nginx with the shipped configuration (`webapp.many`): 1, 8 and
  32 viewers (BENCH_PROXY_VIEWERS, BENCH_PROCESSES).

Bounded: a viewer gives up after VIEWER_TIMEOUT seconds (counted as failed), a round after ROUND_TIMEOUT. The
browsers run on the same machine as the servers (2 cores here), so the figures are upper bounds of what the servers
alone need; the ratio to one viewer in the same run is the figure to compare.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWERS = [int(n) for n in os.environ.get("BENCH_VIEWERS", "1,8").split(",")]
PROXY_VIEWERS = [int(n) for n in os.environ.get("BENCH_PROXY_VIEWERS", "1,8,32").split(",")]
PROCESSES = int(os.environ.get("BENCH_PROCESSES", "4"))
VIEWER_TIMEOUT = 120.0
ROUND_TIMEOUT = 300.0
STEPS = ("sign-in → overview", "reload → overview")
AIM = 3.0  # p95 under 3 s, none failed (issue 19)


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile (the slowest of fewer than 20)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


async def _viewer(browser: Any, base: str, cards: int, out: dict[str, list[float]], errors: list[str]) -> None:
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = await context.new_page()
        await page.goto(base, timeout=VIEWER_TIMEOUT * 1000)
        await page.get_by_label("账号", exact=True).fill("planner", timeout=VIEWER_TIMEOUT * 1000)
        await page.get_by_label("密码", exact=True).fill("demo-planner")
        shown = page.get_by_role("button", name="查看详情")
        start = time.perf_counter()
        await page.get_by_role("button", name="登录").click()
        await expect(shown).to_have_count(cards, timeout=VIEWER_TIMEOUT * 1000)
        first = time.perf_counter() - start
        deadline = time.monotonic() + 30  # the session cookie is fetched in the background (not timed)
        while not any(c["name"] == "tracker_session" for c in await context.cookies()):
            if time.monotonic() > deadline:
                raise RuntimeError("no session cookie")
            await page.wait_for_timeout(100)
        start = time.perf_counter()
        await page.reload(timeout=VIEWER_TIMEOUT * 1000)
        await expect(shown).to_have_count(cards, timeout=VIEWER_TIMEOUT * 1000)
        out[STEPS[1]].append(time.perf_counter() - start)
        out[STEPS[0]].append(first)
    except Exception as exc:  # a viewer that never got the page is reported, not hidden
        errors.append(f"{type(exc).__name__}: {exc}"[:200])
    finally:
        await context.close()


async def _cards(browser: Any, base: str) -> int:
    """Warm one process (its first overview computes and caches the views) and count the cards it shows."""
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    page = await context.new_page()
    await page.goto(base, timeout=VIEWER_TIMEOUT * 1000)
    await page.get_by_label("账号", exact=True).fill("planner", timeout=VIEWER_TIMEOUT * 1000)
    await page.get_by_label("密码", exact=True).fill("demo-planner")
    await page.get_by_role("button", name="登录").click()
    shown = page.get_by_role("button", name="查看详情")
    await shown.first.wait_for(timeout=VIEWER_TIMEOUT * 1000)
    await page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=VIEWER_TIMEOUT * 1000)
    await page.wait_for_timeout(1000)
    count = int(await shown.count())
    await context.close()
    return count


async def _rounds(warm: list[str], base: str, counts: list[int], setup: str) -> list[dict[str, Any]]:
    from playwright.async_api import async_playwright

    results: list[dict[str, Any]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        cards = [await _cards(browser, w) for w in warm][0]
        single: dict[str, float] = {}
        for n in counts:
            out: dict[str, list[float]] = {s: [] for s in STEPS}
            errors: list[str] = []
            viewers = [_viewer(browser, base, cards, out, errors) for _ in range(n)]
            try:
                await asyncio.wait_for(asyncio.gather(*viewers), timeout=ROUND_TIMEOUT)
            except TimeoutError:
                errors.append("the round ran out of time")
            failed = n - len(out[STEPS[0]])
            for step in STEPS:
                times = out[step]
                median = statistics.median(times) if times else float("nan")
                high = p95(times) if times else float("nan")
                single.setdefault(step, median)
                ratio = median / single[step]
                met = failed == 0 and high < AIM
                print(f"{setup:<44}{n:>4} {step:<22}{median:>8.2f}{high:>8.2f}{ratio:>7.1f}{failed:>7}"
                      f"  {'met' if met else 'NOT met'}")
                results.append({"name": f"overview page, {n} viewers at once, {setup}: {step}",
                                "value": round(median, 2), "unit": "s", "p95": round(high, 2),
                                "slowest": round(max(times), 2) if times else None,
                                "baseline": round(single[step], 2), "baseline_is": "one viewer, same run",
                                "ratio": round(ratio, 2), "failed": failed,
                                "aim": "p95 < 3 s, none failed", "met": met})
            if errors:
                print(f"    failed: {errors[0]}")
        await browser.close()
    return results


def _start_app(db: Path, extra: dict[str, str] | None = None,
               wait: float = 180) -> tuple[subprocess.Popen[bytes], str]:
    """One app process over the SQLite file `db` on a free port (`extra`: more TRACKER_* settings), once it answers."""
    from webapp.many import free_port, wait_until_up

    port = free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{db}", "TRACKER_SIGNIN_DELAY": "0", **(extra or {})}
    proc = subprocess.Popen([sys.executable, "dashboard.py", "--server.port", str(port), "--server.address",
                             "127.0.0.1", "--server.headless", "true"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/healthz", wait, proc)
    return proc, base


def one_process(demo: Path) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        shutil.copy(demo, db)
        proc, base = _start_app(db)
        try:
            return asyncio.run(_rounds([base], base, VIEWERS, "one process, SQLite, demo"))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@contextmanager
def _postgres_demo() -> Iterator[str]:
    """A throwaway PostgreSQL server holding the demo (`tracker init` and `tracker demo`)."""
    from tests.pgserver import Server, bin_dir

    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed")
    server = Server(binaries)
    try:
        url = server.start()
        env = {**os.environ, "TRACKER_DATABASE_URL": url}
        for command in ("init", "demo"):
            subprocess.run([sys.executable, "-m", "tracker", command], cwd=ROOT, env=env, check=True,
                           capture_output=True)
        yield url
    finally:
        server.stop()


def through_proxy() -> list[dict[str, Any]]:
    from webapp.many import NGINX, farm

    if not Path(NGINX).exists():
        print("load test through the proxy skipped: Debian's nginx is not installed")
        return []
    with _postgres_demo() as url, farm(processes=PROCESSES,
                                       env={"TRACKER_DATABASE_URL": url, "TRACKER_SIGNIN_DELAY": "0"}) as running:
        setup = f"nginx + {PROCESSES} processes, PostgreSQL, demo"
        return asyncio.run(_rounds(running.upstreams, running.base, PROXY_VIEWERS, setup))


def run_all(demo: Path) -> list[dict[str, Any]]:
    if not Path(CHROMIUM).exists():
        print("load test skipped: Debian's chromium is not installed")
        return []
    print(f"{'set-up':<44}{'N':>4} {'step':<22}{'median':>8}{'p95':>8}{'ratio':>7}{'failed':>7}  aim p95 < 3 s")
    return one_process(demo) + through_proxy()


if __name__ == "__main__":
    from benchmarks.docbench import _demo

    run_all(_demo())
