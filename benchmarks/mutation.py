"""`make mutate`: mutation testing of the engine's rules and the import checks, and the score kept.

Runs mutmut over the modules named in pyproject.toml ([tool.mutmut] only_mutate) with the fast tests those
modules need (SQLite only), then writes benchmarks/mutation.json: the score (mutants killed ÷ all mutants),
per module, and every surviving mutant with its diff and, when it is listed in benchmarks/equivalent.json,
the reason it cannot change behaviour. Exits 1 when the score is under the aim or a survivor is unexplained.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "mutation.json"
EQUIVALENT = ROOT / "benchmarks" / "equivalent.json"
AIM = 0.90
DETECTED = {"killed", "timeout", "segfault", "caught by type check"}


def _mutmut(*args: str) -> str:
    env = {**os.environ, "TRACKER_TEST_POSTGRES": "off"}
    exe = str(Path(sys.executable).with_name("mutmut"))
    done = subprocess.run([exe, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"mutmut {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


def _results() -> dict[str, str]:
    """mutant name → status, e.g. tracker.engine.status.x_compare__mutmut_4 → survived."""
    out = {}
    for line in _mutmut("results", "--all", "true").splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            out[name] = status.strip()
    return out


def _module(name: str) -> str:
    return re.sub(r"\.x[_ǁ].*$", "", name)


def _diff(name: str) -> str:
    lines = _mutmut("show", name).splitlines()
    return "\n".join(line for line in lines if re.match(r"^[-+](?![-+])", line))


def main() -> int:
    """`python -m benchmarks.mutation [PATTERN …] [--keep] [--report]`: PATTERNs (mutant names, fnmatch: e.g.
    'tracker.access.*') run one part of the modules; --keep adds to the results of earlier parts instead of
    starting from nothing; --report re-reads the last results. Mutants not run are left out of the score."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    patterns = [a for a in sys.argv[1:] if not a.startswith("--")]
    if "--report" not in sys.argv:  # --report: the last run's results again, with benchmarks/equivalent.json
        print(f"mutating {', '.join(patterns or config['only_mutate'])} (this takes a long while) …", flush=True)
        # mutmut keeps each mutant's result and re-tests only mutants whose function changed; a new or changed
        # test must be run against every mutant, so start from nothing (unless adding a part: --keep)
        if "--keep" not in sys.argv:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        _mutmut("run", *patterns)
    results = {n: s for n, s in _results().items() if s != "not checked"}
    equivalent: dict[str, str] = json.loads(EQUIVALENT.read_text()) if EQUIVALENT.exists() else {}
    total = len(results)
    killed = sum(1 for s in results.values() if s in DETECTED)
    modules: dict[str, Counter[str]] = {}
    for name, status in results.items():
        modules.setdefault(_module(name), Counter())["detected" if status in DETECTED else "survived"] += 1
    survivors = [{"mutant": n, "status": s, "diff": _diff(n), "equivalent": equivalent.get(n)}
                 for n, s in sorted(results.items()) if s not in DETECTED]
    unexplained = [s for s in survivors if not s["equivalent"]]
    report = {
        "modules": config["only_mutate"], "tests": config["pytest_add_cli_args_test_selection"],
        "total": total, "killed": killed, "score": round(killed / total, 4) if total else None,
        "equivalent": len(survivors) - len(unexplained), "unexplained": len(unexplained),
        "per_module": {m: {"killed": c["detected"], "total": c["detected"] + c["survived"]}
                       for m, c in sorted(modules.items())},
        "survivors": survivors,
    }
    OUT.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"killed {killed} of {total} mutants ({killed / total:.1%}); {len(survivors)} survived, "
          f"{report['equivalent']} of them listed as equivalent in {EQUIVALENT.relative_to(ROOT)}")
    for m, c in report["per_module"].items():
        print(f"  {m:<36} {c['killed']:>5} / {c['total']:<5} {c['killed'] / c['total']:.1%}")
    for s in unexplained:
        print(f"\nSURVIVED {s['mutant']} ({s['status']}):\n{s['diff']}")
    print(f"written {OUT.relative_to(ROOT)}")
    return 0 if total and killed / total >= AIM and not unexplained else 1


if __name__ == "__main__":
    sys.exit(main())
