"""Every page at city scale, in real headless Chromium against one app process (issue 19): the city database of
`benchmarks/city.py` (BENCH_SCALE units; SQLite, then PostgreSQL in a throwaway server when installed), a planner
moving through the pages from the sidebar as a user does — 总览, 目标清单, 目标详情, 单位 (the district's scorecard), the drill-down on the centre (every generated
department under it), 报送情况, 修订记录.

Each round first stores a correction through `python -m tracker import` (one department's June figure, a new
value each round: the data version moves on, so every cached view is stale), then opens every page twice: the
first view after the import (the figures computed afresh) and the warm view (the same page again). Each step is
timed from the click until the page's heading is there and the script is idle. BENCH_CITY_ROUNDS rounds (3) after
one unmeasured round; the baseline, in the same run, is opening the sign-in page (Streamlit's own page load).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.city import OUT, SCALE, build_sqlite, units_file
from benchmarks.clickbench import COUNT_RUNS, _baseline, _buttons, _heading, _step, p95
from benchmarks.loadtest import ARGS, CHROMIUM, _start_app

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_CITY_ROUNDS", "3"))
AIMS = {"after a new import": 1.5, "warm": 0.5}  # seconds (issue 19)
# (step, sidebar entry, heading, what shows the page's figures are there)
PAGES = [("overview", "总览", "规划目标总览", "查看详情"), ("targets", "目标清单", "规划目标清单", None),
         ("target detail", "目标详情", "目标详情", None), ("units", "单位", "单位记分卡", None),
         ("drill-down on the centre", None, "单位记分卡", None), ("completeness", "报送情况", "报送情况", None),
         ("history", "修订记录", "修订记录", None)]
PASSWORD = "city-bench-planner"


def _city_db() -> Path:
    path = OUT / f"city-{SCALE}.db"
    if not path.exists():
        print(f"building the city database ({SCALE} units) once …", flush=True)
        build_sqlite(path.with_suffix(".tmp"), SCALE)
        path.with_suffix(".tmp").rename(path)
    return path


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_UNITS": str(units_file(SCALE)),
            "TRACKER_SIGNIN_DELAY": "0"}


def _tracker(env: dict[str, str], *args: str, stdin: str = "") -> None:
    subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env, input=stdin, text=True,
                   check=True, capture_output=True)


def _correct(env: dict[str, str], folder: Path, n: int) -> None:
    """Store a new June figure for one generated department (a new value each round)."""
    report = folder / f"correction-{n}.csv"
    report.write_text(f"单位,期间,受理量,办结量\ngen_00001,2026-06,{1000 + n},{990 + n}\n", encoding="utf-8")
    _tracker(env, "import", str(report))


def _idle(page: Any) -> None:
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=300_000)


def _nav(page: Any, entry: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=entry).first.click()


def _parent(page: Any, name: str) -> None:
    page.get_by_label("上级单位（逐级下钻）").click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")


def _open(page: Any, step: tuple[str, str | None, str, str | None]) -> float:
    """Open one page from the sidebar (or, for the drill-down, choose the centre on 单位): the seconds until its
    heading (and, for the overview, its cards) is there and the script is idle, checked in the page at every
    animation frame (`clickbench._shown`; Playwright's own waits retry up to 0.5 s apart). The drill-down is timed
    from the choice, the centre's name typed into the picker beforehand."""
    _name, entry, heading, shown = step
    condition = _heading(heading) + (f" && {_buttons(shown, 1, at_least=True)}" if shown else "")
    if entry is not None:
        return _step(page, lambda: _nav(page, entry), condition, timeout=300_000)
    # the first of the centre's departments is then the unit profiled below the scorecard
    page.get_by_label("上级单位（逐级下钻）").click()
    page.keyboard.type("区政务服务中心")
    main = "document.querySelector('[data-testid=\"stMain\"]')"
    return _step(page, lambda: page.keyboard.press("Enter"),
                 f"{main}?.textContent.includes('区发展和改革局') && {condition}", timeout=300_000)


def _away(page: Any, step: tuple[str, str | None, str, str | None]) -> None:
    """Leave the page (untimed), so that opening it again is a new view."""
    from playwright.sync_api import expect

    if step[1] is None:  # the drill-down: back to the district's own units
        _parent(page, "海珠区")
        expect(page.locator('[data-testid="stMain"]')).to_contain_text("区政务服务数据管理局", timeout=300_000)
    else:
        _nav(page, "修订记录" if step[1] == "总览" else "总览")
        page.get_by_role("heading", name="修订记录" if step[1] == "总览" else "规划目标总览").wait_for(timeout=300_000)
    _idle(page)


def _round(page: Any, env: dict[str, str], folder: Path, n: int) -> dict[tuple[str, str], float]:
    _correct(env, folder, n)
    out: dict[tuple[str, str], float] = {}
    for step in PAGES:
        out[(step[0], "after a new import")] = _open(page, step)
        _away(page, step)
        out[(step[0], "warm")] = _open(page, step)
        if step[1] is None:
            _away(page, step)  # the district's units again, as 单位 opens for the next round
    return out


def run_all() -> list[dict[str, Any]]:
    """The pages on the city database in SQLite and, when PostgreSQL is installed, in a throwaway server."""
    if not Path(CHROMIUM).exists():
        print("city pages skipped: Debian's chromium is not installed")
        return []
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "city.db"
        shutil.copy(_city_db(), db)
        results += _run_on(f"sqlite:///{db}", "SQLite", Path(tmp))
    sys.path.insert(0, str(ROOT))
    from tests.pgserver import Server, bin_dir

    if bin_dir() is None:
        print("PostgreSQL is not installed: the city pages on PostgreSQL are skipped", flush=True)
        return results
    from benchmarks.city import copy_to_postgres
    from tracker.storage.db import make_engine, upgrade

    server = Server(bin_dir())  # type: ignore[arg-type]
    try:
        url = server.start()
        engine = make_engine(url)
        upgrade(engine)
        print("copying the city database into PostgreSQL …", flush=True)
        copy_to_postgres(_city_db(), engine, SCALE)
        engine.dispose()
        with tempfile.TemporaryDirectory() as tmp:
            results += _run_on(url, "PostgreSQL", Path(tmp))
    finally:
        server.stop()
    return results


def _run_on(url: str, label: str, folder: Path) -> list[dict[str, Any]]:
    """One app process over the database at `url`, a planner's rounds through the pages; the results."""
    from playwright.sync_api import sync_playwright

    env = _env(url)
    _tracker(env, "init")
    _tracker(env, "user", "add", "planner", "--role", "planner", "--password-stdin", stdin=PASSWORD + "\n")
    proc, base = _start_app(folder / "unused.db", {"TRACKER_DATABASE_URL": url,
                                                   "TRACKER_UNITS": str(units_file(SCALE))}, wait=600)
    rounds: list[dict[tuple[str, str], float]] = []
    baselines: list[float] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.add_init_script(COUNT_RUNS)
            page = context.new_page()
            page.goto(base)
            page.get_by_label("账号").fill("planner", timeout=300_000)
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.get_by_role("heading", name="规划目标总览").wait_for(timeout=600_000)
            _idle(page)
            _away(page, PAGES[0])
            _round(page, env, folder, 0)  # unmeasured: fills what is filled once per process
            for n in range(1, ROUNDS + 1):
                rounds.append(_round(page, env, folder, n))
                baselines.append(_baseline(browser, base))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return _report(rounds, baselines, label)


def _report(rounds: list[dict[tuple[str, str], float]], baselines: list[float], label: str) -> list[dict[str, Any]]:
    base = statistics.median(baselines)
    results = []
    print(f"{'page, ' + str(SCALE) + ' units, ' + label:<48}{'median s':>10}{'p95 s':>8}{'ratio':>7}   aim")
    for name, *_rest in PAGES:
        for when, aim in AIMS.items():
            times = [r[(name, when)] for r in rounds]
            median, high = statistics.median(times), p95(times)
            print(f"{name + ', ' + when:<48}{median:>10.2f}{high:>8.2f}{median / base:>7.2f}   "
                  f"< {aim:g} s: {'met' if high < aim else 'NOT met'}")
            results.append({"name": f"page at city scale, {name}, {when}, {SCALE} units, {label}",
                            "value": round(median, 3), "unit": "s", "p95": round(high, 3), "rounds": len(times),
                            "baseline": round(base, 3), "baseline_is": "opening the sign-in page, same run",
                            "ratio": round(median / base, 2), "aim": f"< {aim:g} s", "met": high < aim})
    print(f"{'baseline: the sign-in page':<48}{base:>10.2f}{p95(baselines):>8.2f}")
    return results


if __name__ == "__main__":
    run_all()
