"""City-scale cases of `make bench`: the tracker against hand-written SQL, alternating, best of BENCH_REPEAT.

Each case runs in a child process of its own (its peak memory is its own) on the cached city database
(benchmarks/city.py): SQLite, and PostgreSQL in a throwaway server when PostgreSQL is installed. The floors
(benchmarks/floors.py) are checked to give the tracker's numbers before anything is timed.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.city import OUT, SCALE, build_sqlite, city_register, copy_to_postgres

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
AS_OF = "2018-06"


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
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def case_progress(url: str) -> dict[str, Any]:
    from benchmarks.floors import progress_floor
    from tracker.db import make_engine, session
    from tracker.engine.progress import progress_rows
    from tracker.engine.windows import window_for

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    engine = make_engine(url)
    with session(engine) as s:
        floor = progress_floor(s, reg, win.start, win.end)
        rows = {r.indicator: r for r in progress_rows(session=s, register=reg, as_of=AS_OF) if r.indicator}
        mine = {k: (r.numerator, r.denominator, r.units_reported) for k, r in rows.items() if k in floor}
        assert mine == floor, f"the floor and the tracker disagree: {set(mine.items()) ^ set(floor.items())}"
        t, f = _best(lambda: progress_rows(session=s, register=reg, as_of=AS_OF),
                     lambda: progress_floor(s, reg, win.start, win.end))
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb()}


def case_scorecard(url: str) -> dict[str, Any]:
    from benchmarks.floors import scorecard_floor
    from tracker.db import make_engine, session
    from tracker.engine.scorecard import scorecard
    from tracker.engine.windows import window_for

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    prev = win.previous()
    rows = reg.children["centre"]
    engine = make_engine(url)
    with session(engine) as s:
        floor = scorecard_floor(s, reg, "centre", (win.start, win.end), (prev.start, prev.end))
        card = scorecard(session=s, register=reg, as_of=AS_OF, rows=rows)
        for code in card.values.columns:
            ind = reg.indicators[reg.targets[code].indicator or ""]
            for u in rows[:50]:
                n, d = floor.get((ind.code, u, 0), (None, None))
                want = n / d * ind.factor if n is not None and d else None
                got = card.values.loc[u, code]
                assert (want is None and got != got) or abs(got - (want or 0)) < 1e-9, (code, u, want, got)
        t, f = _best(lambda: scorecard(session=s, register=reg, as_of=AS_OF, rows=rows),
                     lambda: scorecard_floor(s, reg, "centre", (win.start, win.end), (prev.start, prev.end)))
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb(), "rows": len(rows), "targets": card.values.shape[1]}


def case_overview(url: str) -> dict[str, Any]:
    from benchmarks.floors import progress_floor
    from tracker.db import make_engine, session
    from tracker.engine.views import overview
    from tracker.engine.windows import window_for

    reg = city_register()
    win = window_for("ytd", AS_OF, reg)
    engine = make_engine(url)
    with session(engine) as s:
        t, f = _best(lambda: overview(session=s, register=reg, as_of=AS_OF),
                     lambda: progress_floor(s, reg, win.start, win.end))
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb()}


CASES: dict[str, Callable[[str], dict[str, Any]]] = {
    "progress": case_progress, "scorecard": case_scorecard, "overview": case_overview}


def _child(case: str, url: str) -> dict[str, Any]:
    env = {**os.environ, "BENCH_SCALE": str(SCALE)}
    out = subprocess.run([sys.executable, "-m", "benchmarks.citybench", case, url], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark case {case} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cli(url: str, units_path: Path) -> float:
    """Best of REPEAT whole-process runs of `python -m tracker progress` (start-up included)."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_UNITS": str(units_path)}
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tracker", "progress", "--as-of", AS_OF, "--format", "json"],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def databases() -> tuple[dict[str, str], Any]:
    """The city database as SQLite (built once per scale) and, when installed, in a throwaway PostgreSQL."""
    from tracker.db import make_engine, upgrade

    OUT.mkdir(exist_ok=True)
    path = OUT / f"city-{SCALE}.db"
    if not path.exists():
        print(f"building the city database ({SCALE} units) once …", flush=True)
        build_sqlite(path.with_suffix(".tmp"), SCALE)
        path.with_suffix(".tmp").rename(path)
    urls = {"SQLite": f"sqlite:///{path}"}
    upgrade(make_engine(urls["SQLite"]))
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
            cli = _cli(url, units_file())
            results.append(_result(f"progress through python -m tracker (whole process), {n}, {db}",
                                   {"seconds": cli, "baseline": progress["baseline"], "peak_mb": None}))
            card = _child("scorecard", url)
            results.append(_result(f"scorecard, {card['rows']:,} units × {card['targets']} targets, with previous "
                                   f"window, {db}", card))
            results.append(_result(f"overview(), {n}, {db}", _child("overview", url)))
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
    print(f"{name:<92}{row['value']:>8.3f}{row['baseline'] or 0:>8.3f}{row['ratio'] or 0:>7.2f}"
          f"{row['peak_mb'] or 0:>8.0f}", flush=True)
    return row


if __name__ == "__main__":
    print(json.dumps(CASES[sys.argv[1]](sys.argv[2])))
