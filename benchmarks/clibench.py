"""The command line's start-up: `python -m tracker --help` against `python -c pass`, each a whole process,
alternating; the help must answer in under 0.5 s (imports are deferred until a command needs them)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def run_all() -> list[dict[str, Any]]:
    helps, passes = [], []
    for _ in range(RUNS):
        helps.append(_timed("-m", "tracker", "--help"))
        passes.append(_timed("-c", "pass"))
    best, floor = min(helps), min(passes)
    print(f"{'python -m tracker --help (whole process), best of ' + str(RUNS):<62}{best:>8.3f} s"
          f"{floor:>8.3f} s{best / floor:>7.1f}×  aim < 0.5 s: {'met' if best < 0.5 else 'NOT met'}")
    return [{"name": "python -m tracker --help, whole process", "value": round(best, 3), "unit": "s",
             "baseline": round(floor, 3), "baseline_name": "python -c pass", "ratio": round(best / floor, 2),
             "aim": "< 0.5 s", "met": best < 0.5}]
