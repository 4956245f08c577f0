"""A bounded local load test: N viewers open the overview at once on one app process (127.0.0.1), in real
headless Chromium, each signing in as the demo planner; the time until each sees all 16 cards.

Run by `make bench` (section `load`): N = 1, 4, 8 (BENCH_VIEWERS). The browsers run on the same machine as the
server (2 cores here), so the figures are an upper bound of what the server alone needs; the ratio against one
viewer in the same run is the figure to compare.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWERS = [int(n) for n in os.environ.get("BENCH_VIEWERS", "1,4,8").split(",")]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    port = _port()
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{db}", "TRACKER_SIGNIN_DELAY": "0"}
    proc = subprocess.Popen([sys.executable, "dashboard.py", "--server.port", str(port), "--server.headless", "true"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the app did not start")


def _viewer(base: str, out: list[float], errors: list[str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(base)
            page.get_by_label("账号").fill("planner", timeout=120_000)
            page.get_by_label("密码").fill("demo-planner")
            start = time.perf_counter()  # from the sign-in click to all 16 cards on the screen
            page.get_by_role("button", name="登录").click()
            expect(page.get_by_role("button", name="查看详情")).to_have_count(16, timeout=300_000)
            out.append(time.perf_counter() - start)
            browser.close()
    except Exception as exc:  # a viewer that never got the page is reported, not hidden
        errors.append(f"{type(exc).__name__}: {exc}"[:200])


def run_all(demo: Path) -> list[dict[str, Any]]:
    if not Path(CHROMIUM).exists():
        print("load test skipped: Debian's chromium is not installed")
        return []
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        shutil.copy(demo, db)
        proc, base = _serve(db)
        try:
            warm: list[float] = []
            _viewer(base, warm, [])  # the first view computes and caches the overview
            single = None
            for n in VIEWERS:
                times: list[float] = []
                errors: list[str] = []
                threads = [threading.Thread(target=_viewer, args=(base, times, errors)) for _ in range(n)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                median = statistics.median(times) if times else float("nan")
                single = single or median
                worst = max(times) if times else float("nan")
                print(f"{n:>3} viewers at once: median {median:5.2f} s, slowest {worst:5.2f} s, "
                      f"{median / single:4.1f}× one viewer, {len(errors)} failed")
                results.append({"name": f"overview page, {n} concurrent viewers, one process, demo, warm cache",
                                "value": round(median, 2), "unit": "s", "slowest": round(worst, 2),
                                "baseline": round(single, 2), "baseline_is": "one viewer, same run",
                                "ratio": round(median / single, 2), "failed": len(errors)})
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return results


if __name__ == "__main__":
    from benchmarks.docbench import _demo

    run_all(_demo())
