"""The overview page on the demo, warm (AppTest): its first run computes and caches the views; the figure is
the best of BENCH_REPEAT reruns after it, against the same rerun of a page that only reads the data version
(the targets list's cheapest path is not cheaper than that: the floor is Streamlit's own rerun). Also the
app's and the CLI's start-up on the city-scale register: the second start skips the register sync."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def overview_warm(demo: Path) -> dict[str, Any]:
    from streamlit.testing.v1 import AppTest

    from tests.helpers import sign_in_as

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        shutil.copy(demo, db)
        os.environ["TRACKER_DATABASE_URL"] = f"sqlite:///{db}"
        os.chdir(ROOT)
        at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300), "planner")
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        runs = []
        for _ in range(max(REPEAT, 5)):
            start = time.perf_counter()
            at.run()
            runs.append(time.perf_counter() - start)
        assert not at.exception and len([b for b in at.button if b.label == "查看详情"]) == 16
    return {"cold": cold, "warm": min(runs)}


def startup(city_units: Path) -> dict[str, float]:
    """`python -m tracker validate` (no database) against `python -m tracker init` on a database that already
    holds this register: what opening costs beyond loading Python and the registers."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRACKER_UNITS": str(city_units), "TRACKER_DATABASE_URL": f"sqlite:///{tmp}/s.db"}

        def timed(*args: str) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=env, check=True,
                           capture_output=True)
            return time.perf_counter() - start

        first = timed("init")  # creates the schema and syncs 3,000 units
        again = min(timed("init") for _ in range(REPEAT))
        base = min(timed("validate") for _ in range(REPEAT))
    return {"first": first, "again": again, "validate": base}


def run_all(demo: Path, city_units: Path | None) -> list[dict[str, Any]]:
    out = subprocess.run([sys.executable, "-c", "import json, sys; from benchmarks.appbench import overview_warm; "
                          f"print(json.dumps(overview_warm(__import__('pathlib').Path({str(demo)!r}))))"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    import json

    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"overview page on the demo (AppTest): first run {r['cold']:.2f} s, warm rerun {r['warm']:.3f} s "
          f"(aim < 0.3 s)")
    results = [{"name": "overview page, demo, warm rerun (AppTest)", "value": round(r["warm"], 3), "unit": "s",
                "first_run": round(r["cold"], 2), "aim": 0.3, "met": r["warm"] < 0.3}]
    if city_units is not None and city_units.exists():
        s = startup(city_units)
        print(f"start-up with 3,000 units: init on a new database {s['first']:.2f} s, init again {s['again']:.2f} s "
              f"(register unchanged: no sync), validate only {s['validate']:.2f} s")
        results.append({"name": "start-up (python -m tracker init), 3,000-unit register unchanged, SQLite",
                        "value": round(s["again"], 2), "unit": "s", "baseline": round(s["validate"], 2),
                        "baseline_is": "python -m tracker validate (registers only, no database)",
                        "ratio": round(s["again"] / s["validate"], 2), "first_start": round(s["first"], 2)})
    return results
