"""City-scale cases of `make bench`: the tracker against hand-written SQL, alternating, best of BENCH_REPEAT.

Each case runs in a child process of its own (its peak memory is its own) on the cached city database
(benchmarks/city.py): SQLite, and PostgreSQL in a throwaway server when PostgreSQL is installed. The floors
(benchmarks/floors.py) are checked to give the tracker's numbers before anything is timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.city import OUT, SCALE, build_sqlite, city_register, copy_to_postgres

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
AS_OF = "2028-06"  # inside the city data (benchmarks/city.py: the current plan, 2026-01 … 2030-12); a month
# outside it measured queries that found nothing (this said 2018-06 until the plans moved on)


def _best(tracker: Callable[[], Any], floor: Callable[[], Any]) -> tuple[float, float]:
    """Best of REPEAT for each, alternating tracker and floor so both meet the same machine load."""
    runs: dict[str, list[float]] = {"tracker": [], "floor": []}
    for _ in range(REPEAT):
        for name, fn in (("tracker", tracker), ("floor", floor)):
            start = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - start)
    return min(runs["tracker"]), min(runs["floor"])


def _peak_mb() -> float:
    from benchmarks.memory import peak_mb

    return peak_mb()


def case_progress(url: str) -> dict[str, Any]:
    from benchmarks.floors import progress_floor
    from tracker.engine.progress import progress_rows
    from tracker.engine.windows import window_for
    from tracker.storage.db import make_engine, session

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    engine = make_engine(url)
    with session(engine) as s:
        floor = progress_floor(s, reg, win.start, win.end)
        assert floor and any(n for n, _d, _u in floor.values()), "the window holds no city data: nothing measured"
        rows = {r.indicator: r for r in progress_rows(session=s, register=reg, as_of=AS_OF) if r.indicator}
        mine = {k: (r.numerator, r.denominator, r.units_reported) for k, r in rows.items() if k in floor}
        assert mine == floor, f"the floor and the tracker disagree: {set(mine.items()) ^ set(floor.items())}"
        t, f = _best(lambda: progress_rows(session=s, register=reg, as_of=AS_OF),
                     lambda: progress_floor(s, reg, win.start, win.end))
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb()}


def case_scorecard(url: str) -> dict[str, Any]:
    from benchmarks.floors import scorecard_floor
    from tracker.core.periods import month
    from tracker.engine.scorecard import scorecard
    from tracker.engine.windows import window_for
    from tracker.storage.db import make_engine, session

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    prev = win.previous()
    before = month(prev.end)
    assert (window_for("ytd", before, reg).start, window_for("ytd", before, reg).end) == (prev.start, prev.end)
    rows = reg.children["centre"]
    engine = make_engine(url)
    with session(engine) as s:
        floor = scorecard_floor(s, reg, "centre", (win.start, win.end), (prev.start, prev.end))
        assert floor, "the windows hold no city data: nothing measured"
        # every unit, both windows: the previous window's figures are the scorecard as of its last month
        for which, as_of in enumerate((AS_OF, before)):
            card = scorecard(session=s, register=reg, as_of=as_of, rows=rows)
            values = card.values.to_dict()
            for code in card.values.columns:
                ind = reg.indicators[reg.targets[code].indicator or ""]
                for u in rows:
                    n, d = floor.get((ind.code, u, which), (None, None))
                    want = (None if n is None else n * ind.factor if ind.is_total else n / d * ind.factor if d
                            else None)
                    got = values[code][u]
                    assert (want is None and got != got) or abs(got - (want or 0)) < 1e-9, (code, u, which, want, got)
        t, f = _best(lambda: scorecard(session=s, register=reg, as_of=AS_OF, rows=rows),
                     lambda: scorecard_floor(s, reg, "centre", (win.start, win.end), (prev.start, prev.end)))
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb(), "rows": len(rows), "targets": card.values.shape[1]}


def case_overview(url: str) -> dict[str, Any]:
    """`overview()` against a floor doing the same work: the window, the window a month earlier and the trend of
    every targeted indicator from the first plan's first month (checked against the tracker's trend first)."""
    from benchmarks.floors import overview_floor, trend_floor
    from tracker.core.periods import month
    from tracker.engine.views import overview, plan_series
    from tracker.engine.windows import Scope, window_for
    from tracker.storage.db import make_engine, session

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    prev = window_for("ytd", month(win.end - 1), reg)
    trend = (reg.plan.first_month, win.end)
    targeted = sorted({t.indicator for t in reg.targets.values() if t.indicator})
    engine = make_engine(url)
    with session(engine) as s:
        series = plan_series(session=s, register=reg, as_of=month(win.end), scope=Scope(), indicators=targeted,
                             start=reg.plan.first_month)
        mine = {(k, int(e)): (float(n), float(d) if d == d else None, int(u)) for k, e, n, d, u in
                series[["key", "end", "numerator", "denominator", "units"]].itertuples(index=False)}
        floor = trend_floor(s, reg, *trend)
        assert len({e for _k, e in floor}) >= 12, "the trend holds under a year of city data: not the page's work"
        assert mine == floor, f"the trend floor and the tracker disagree: {sorted(set(mine.items()) ^ set(floor.items()))[:5]}"
        t, f = _best(lambda: overview(session=s, register=reg, as_of=AS_OF),
                     lambda: overview_floor(s, reg, (win.start, win.end), (prev.start, prev.end), trend))
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb(), "trend_points": len(floor)}


def case_overview_kept(url: str) -> dict[str, Any]:
    """`overview()` against a hand-written query over the figures kept ready: the district's totals of both
    windows, each unit's own figure and the trend (the totals checked against the tracker's first)."""
    from benchmarks.floors import kept_overview_floor
    from tracker.core.periods import month
    from tracker.engine import kept_windows
    from tracker.engine.progress import progress_rows
    from tracker.engine.views import overview
    from tracker.engine.windows import window_for
    from tracker.storage.db import make_engine, session

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    prev = window_for("ytd", month(win.end - 1), reg)
    targeted = sorted({t.indicator for t in reg.targets.values() if t.indicator})
    engine = make_engine(url)
    with session(engine) as s:
        span = kept_windows.span(s)
        assert span is not None and span[0] <= prev.end and win.end <= span[1], "the windows are not kept"

        def floor() -> object:
            return kept_overview_floor(s, win.end, prev.end, (reg.plan.first_month, win.end), targeted)

        totals = floor()[0]  # type: ignore[index]
        mine = {r.indicator: (r.numerator, r.denominator)
                for r in progress_rows(session=s, register=reg, as_of=AS_OF) if r.indicator in totals}
        assert len(mine) == len(totals) and all(
            abs(float(mine[k][0] or 0) - totals[k][0]) < 1e-6 * max(1, abs(totals[k][0])) and
            abs(float(mine[k][1] or 0) - float(totals[k][1] or 0)) < 1e-6 * max(1, abs(totals[k][1] or 0))
            for k in mine), "the floor and the tracker disagree"
        t, f = _best(lambda: overview(session=s, register=reg, as_of=AS_OF), floor)
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb(), "indicators": len(mine)}


CASES: dict[str, Callable[[str], dict[str, Any]]] = {
    "progress": case_progress, "scorecard": case_scorecard, "overview": case_overview,
    "overview_kept": case_overview_kept}


def _child(case: str, url: str) -> dict[str, Any]:
    env = {**os.environ, "BENCH_SCALE": str(SCALE)}
    out = subprocess.run([sys.executable, "-m", "benchmarks.citybench", case, url], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark case {case} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cli(url: str, units_path: Path) -> tuple[float, float]:
    """Best of REPEAT whole-process runs of `python -m tracker progress` (start-up included) and of the
    whole-process floor (benchmarks/floor_process.py: a fresh interpreter running the same hand-written SQL),
    alternating."""
    import tempfile

    from benchmarks.floors import progress_sql
    from tracker.engine.windows import window_for

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_UNITS": str(units_path)}
    best = {"tracker": float("inf"), "floor": float("inf")}
    with tempfile.NamedTemporaryFile("w", suffix=".sql", encoding="utf-8") as sql:
        sql.write(progress_sql(reg))
        sql.flush()
        commands = {"tracker": [sys.executable, "-m", "tracker", "progress", "--as-of", AS_OF, "--format", "json"],
                    "floor": [sys.executable, "-m", "benchmarks.floor_process", url, sql.name, str(win.start),
                              str(win.end)]}
        for _ in range(REPEAT):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
                best[name] = min(best[name], time.perf_counter() - start)
    return best["tracker"], best["floor"]


def value_rows(url: str) -> int:
    """The city database's stored value rows (every revision), as the README states them."""
    from sqlalchemy import text

    from tracker.storage.db import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM value_revision")).scalar_one())
    engine.dispose()
    return count


def _ready(engine: Any) -> None:
    """Upgrade the city database and make the figures kept ready when its schema's upgrade left them to be made
    (as an office's next start-up does), so that every case reads what the app would."""
    from tracker.engine import summary
    from tracker.storage.db import session, upgrade

    upgrade(engine)
    register = city_register(SCALE)
    with session(engine) as s:
        if not summary.is_ready(s, register):
            print("making the figures kept ready once …", flush=True)
            summary.rebuild(session=s, register=register)
            s.commit()
    engine.dispose()


def databases() -> tuple[dict[str, str], Any]:
    """The city database as SQLite (built once per scale) and, when installed, in a throwaway PostgreSQL."""
    from tracker.storage.db import make_engine, upgrade

    OUT.mkdir(exist_ok=True)
    path = OUT / f"city-{SCALE}.db"
    if not path.exists():
        print(f"building the city database ({SCALE} units) once …", flush=True)
        build_sqlite(path.with_suffix(".tmp"), SCALE)
        path.with_suffix(".tmp").rename(path)
    urls = {"SQLite": f"sqlite:///{path}"}
    _ready(make_engine(urls["SQLite"]))
    sys.path.insert(0, str(ROOT))
    from tests.pgserver import Server, bin_dir

    server = None
    if bin_dir() is not None:
        server = Server(bin_dir())  # type: ignore[arg-type]
        url = server.start()
        engine = make_engine(url)
        upgrade(engine)
        print("copying the city database into PostgreSQL …", flush=True)
        copy_to_postgres(path, engine, SCALE)
        engine.dispose()
        urls["PostgreSQL"] = url
    else:
        print("PostgreSQL is not installed: the PostgreSQL cases are skipped", flush=True)
    return urls, server


def run_all() -> list[dict[str, Any]]:
    """Every city case on every database; one result row per case and database."""
    from benchmarks.city import units_file

    urls, server = databases()
    results: list[dict[str, Any]] = []
    n = f"{SCALE:,} units"
    try:
        for db, url in urls.items():
            progress = _child("progress", url)
            results.append(_result(f"progress, all targets, district, as of {AS_OF}, ytd, {n}, {db}", progress))
            if db == "SQLite":
                rows = value_rows(url)
                print(f"city database: {rows:,} value rows", flush=True)
                results.append({"name": f"city database value rows, {n}", "value": rows, "unit": "rows"})
            cli, cli_floor = _cli(url, units_file())
            whole = _result(f"progress through python -m tracker (whole process) against a whole-process floor, "
                            f"{n}, {db}", {"seconds": cli, "baseline": cli_floor, "peak_mb": None})
            whole.update({"in_process": round(progress["seconds"], 3),
                          "ratio_to_in_process": round(cli / progress["seconds"], 2),
                          "aim": "≤ 1.5× the in-process figure"})
            print(f"    {cli / progress['seconds']:.2f}× the in-process progress figure", flush=True)
            results.append(whole)
            card = _child("scorecard", url)
            results.append(_result(f"scorecard, {card['rows']:,} units × {card['targets']} targets, with previous "
                                   f"window, {db}", card))
            results.append(_result(f"overview() against a floor of window, previous window and trend, {n}, {db}",
                                   _child("overview", url)))
            results.append(_result(f"overview() against a hand-written query over the figures kept ready, {n}, "
                                   f"{db}", _child("overview_kept", url)))
            if os.environ.get("BENCH_CITY_DOCS", "1") != "0":  # the documents: about 3 minutes per database
                from benchmarks.citydocs import measure

                results += measure(url, units_file(), db)
    finally:
        if server is not None:
            server.stop()
    return results


def _result(name: str, r: dict[str, Any]) -> dict[str, Any]:
    ratio = r["seconds"] / r["baseline"] if r.get("baseline") else None
    row = {"name": name, "value": round(r["seconds"], 3), "unit": "s",
           "baseline": round(r["baseline"], 3) if r.get("baseline") else None,
           "ratio": round(ratio, 2) if ratio else None,
           "peak_mb": round(r["peak_mb"], 1) if r.get("peak_mb") else None}
    peak = f"{row['peak_mb']:>8.0f}" if row["peak_mb"] else f"{'—':>8}"  # not measured for a whole process
    print(f"{name:<92}{row['value']:>8.3f}{row['baseline'] or 0:>8.3f}{row['ratio'] or 0:>7.2f}{peak}", flush=True)
    return row


if __name__ == "__main__":
    print(json.dumps(CASES[sys.argv[1]](sys.argv[2])))
