"""Documents in `make bench`: the mid-term packs (DOCX with charts, XLSX) and the monthly briefing, on the demo.

Aims (issue 9): the two packs under 5 s together, the briefing under 1 s. Each document is timed in a child
process of its own on a copy of the demo database, twice: its first making in a fresh process (what the
export button and the CLI cost, chart renderer start-up included) and its best of BENCH_REPEAT after that.
The baseline, measured in the same child alternating with the document, is the engine's progress rows for
the same as-of month (what the dashboard computes on every view), so a ratio says what the document costs
over the figures it is built from.
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

from tracker.access.roles import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
DEMO = OUT / "demo.db"
CASES = {"midterm_docx": ("mid-term pack DOCX (16 targets, 14 charts), demo", "2018-06"),
         "midterm_xlsx": ("mid-term pack XLSX (6 sheets), demo", "2018-06"),
         "briefing_docx": ("monthly briefing DOCX 2017-10, demo", "2017-10")}


def _demo() -> Path:
    """The demo database (with its accounts), built once; rebuilt when an older build has no accounts."""
    if DEMO.exists():
        import sqlite3

        try:
            sqlite3.connect(DEMO).execute("SELECT 1 FROM account LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            DEMO.unlink()
    if not DEMO.exists():
        from tracker.register import load_register
        from tracker.storage.db import make_engine, session, upgrade
        from tracker.storage.demo import load_demo

        OUT.mkdir(exist_ok=True)
        engine = make_engine(f"sqlite:///{DEMO}")
        upgrade(engine)
        with session(engine) as s:
            load_demo(session=s, register=load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml"))
        engine.dispose()
    return DEMO


def child(case: str) -> dict[str, Any]:
    from tracker.engine.progress import progress_rows
    from tracker.register import load_register
    from tracker.reports.catalogue import briefing_export, evaluation_export
    from tracker.storage.db import make_engine, session

    reg = load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    engine = make_engine(f"sqlite:///{_demo()}")
    as_of = CASES[case][1]
    with session(engine) as s:
        make: Callable[[], object] = {
            "midterm_docx": lambda: evaluation_export(session=s, register=reg, actor=SYSTEM, kind="midterm", as_of=as_of,
                                                      suffix=".docx"),
            "midterm_xlsx": lambda: evaluation_export(session=s, register=reg, actor=SYSTEM, kind="midterm", as_of=as_of,
                                                      suffix=".xlsx"),
            "briefing_docx": lambda: briefing_export(session=s, register=reg, actor=SYSTEM, month=as_of,
                                                     suffix=".docx", keep_number=False),
        }[case]
        start = time.perf_counter()
        make()
        first = time.perf_counter() - start
        runs: dict[str, list[float]] = {"doc": [], "base": []}
        for _ in range(REPEAT):
            for name, fn in (("doc", make), ("base", lambda: progress_rows(session=s, register=reg, as_of=as_of))):
                start = time.perf_counter()
                fn()
                runs[name].append(time.perf_counter() - start)
    return {"first": first, "seconds": min(runs["doc"]), "baseline": min(runs["base"])}


def run_all() -> list[dict[str, Any]]:
    _demo()
    results = []
    measured = {}
    for case, (label, _) in CASES.items():
        out = subprocess.run([sys.executable, "-m", "benchmarks.docbench", case], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        measured[case] = r
        ratio = r["seconds"] / r["baseline"]
        results.append({"name": f"document: {label}", "value": round(r["seconds"], 3), "unit": "s",
                        "first_in_process": round(r["first"], 3), "baseline": round(r["baseline"], 3),
                        "baseline_is": "progress rows for the same as-of", "ratio": round(ratio, 2)})
        print(f"{label:<60}{r['first']:>8.2f}{r['seconds']:>8.2f}{r['baseline']:>9.3f}{ratio:>7.1f}")
    packs = measured["midterm_docx"]["first"] + measured["midterm_xlsx"]["first"]
    print(f"{'packs together (first making each): aim < 5 s':<60}{packs:>8.2f}")
    print(f"{'briefing (first making): aim < 1 s':<60}{measured['briefing_docx']['first']:>8.2f}")
    results.append({"name": "documents: mid-term DOCX + XLSX packs together, first making", "value": round(packs, 3),
                    "unit": "s", "aim": 5.0, "met": packs < 5.0})
    results.append({"name": "documents: briefing, first making", "value": round(measured["briefing_docx"]["first"], 3),
                    "unit": "s", "aim": 1.0, "met": measured["briefing_docx"]["first"] < 1.0})
    return results


if __name__ == "__main__":
    print(json.dumps(child(sys.argv[1])))
