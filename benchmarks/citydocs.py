"""City-scale documents in `make bench`: the mid-term report (DOCX), its workbook (XLSX) and the monthly briefing
made by `python -m tracker` on the city database, SQLite and PostgreSQL (issue 19: each under 15 s and 1 GB).

Each document is made in a process of its own, as an office makes it, its chart images made anew (the chart
cache emptied first: what the first export after a new import costs). Its time is the whole process's, start-up
included, and its peak memory that process's own (`LAUNCHER`: the benchmark's own peak is not counted). The baseline,
alternating with it in the same run, is a whole process of `python -m tracker progress` for the same as-of month:
what any command on this database costs, so the ratio says what the document costs over it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_CITY_DOC_ROUNDS", "2"))
AIM_SECONDS, AIM_MB = 15.0, 1024.0
AS_OF = "2028-06"
CHARTS = ROOT / "data" / ".cache" / "charts"


def documents(out: Path) -> dict[str, list[str]]:
    """Each document's command-line arguments, written into `out`."""
    return {
        "mid-term report DOCX": ["export", "evaluation", "--kind", "midterm", "--as-of", AS_OF,
                                 "--out", str(out / "midterm.docx")],
        "mid-term workbook XLSX": ["export", "evaluation", "--kind", "midterm", "--as-of", AS_OF,
                                   "--out", str(out / "midterm.xlsx")],
        "monthly briefing DOCX": ["briefing", "--month", AS_OF, "--issue", "6", "--total", "30",
                                  "--out", str(out / "briefing.docx")],
    }


# A small process that starts the document's process, times it and reads its peak when it is reaped. Linux keeps
# `ru_maxrss` across fork and exec, so a process started straight from this benchmark (grown to hundreds of MB
# building and copying the city) would report this benchmark's peak; started from a fresh interpreter of a few MB,
# it reports its own (`benchmarks/memory.py` reads VmHWM instead, from inside a process it runs).
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen([sys.executable, "-m", "tracker", *sys.argv[1:]], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
proc.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps([proc.returncode, time.perf_counter() - start, usage.ru_maxrss]))
"""


def run_process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak MB of one `python -m tracker` process (its own peak: see LAUNCHER)."""
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or json.loads(lines[-1])[0] != 0:
        raise RuntimeError(f"python -m tracker {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    _, seconds, kilobytes = json.loads(lines[-1])
    return float(seconds), kilobytes / 1024  # ru_maxrss is in kilobytes on Linux


def measure(url: str, units_path: Path, db: str) -> list[dict[str, Any]]:
    """Every document on one database: best of ROUNDS, alternating with the baseline; one result row each."""
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_UNITS": str(units_path)}
    baseline = ["progress", "--as-of", AS_OF, "--format", "json"]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, args in documents(Path(tmp)).items():
            best, base, peak = float("inf"), float("inf"), 0.0
            for _ in range(ROUNDS):
                shutil.rmtree(CHARTS, ignore_errors=True)  # the charts made anew, as after a new import
                seconds, mb = run_process(args, env)
                best, peak = min(best, seconds), max(peak, mb)
                base = min(base, run_process(baseline, env)[0])
            met = best < AIM_SECONDS and peak < AIM_MB
            name = f"city document: {label}, whole process, as of {AS_OF}, {db}"
            results.append({"name": name, "value": round(best, 2), "unit": "s", "baseline": round(base, 3),
                            "baseline_is": "python -m tracker progress, same as-of, whole process",
                            "ratio": round(best / base, 2), "peak_mb": round(peak), "aim": "< 15 s, < 1 GB",
                            "met": met})
            print(f"{name:<92}{best:>8.2f}{base:>8.3f}{best / base:>7.2f}{peak:>8.0f}  "
                  f"{'met' if met else 'NOT MET'}", flush=True)
    return results
