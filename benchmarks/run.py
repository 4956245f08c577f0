"""`make bench`: every measurement against a baseline measured in the same run; results.json and a table.

Sections (BENCH_ONLY=cli,import,city,summary,documents,app,clicks,pages,load to run some): the command line's start-up against
`python -c pass`;: import speed against a raw SQLAlchemy executemany of
the same rows; the city-scale progress, scorecard and overview against hand-written SQL (benchmarks/citybench.py);
the mid-term packs and the briefing on the demo data (benchmarks/docbench.py); the warm overview page and
start-up (benchmarks/appbench.py); a browser clicking through sign-in, overview, month, language, detail,
drill-down and upload preview, median and p95 per step (benchmarks/clickbench.py); every page at city scale in
a browser, first view after an import and warm (benchmarks/citypages.py); a local load test of concurrent viewers (benchmarks/loadtest.py).

Import:

Each measurement runs in a child process (so peak memory is its own): the import (read, check, diff,
store) of a generated file into SQLite, empty or already holding a year of data, and the raw
executemany of the same value rows into the same kind of database. Both start from a copy of the same
prepared database. The machines are shared and noisy, so import and raw alternate REPEAT times and the
fastest run of each is compared. Writes benchmarks/results.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.access.roles import SYSTEM

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
UNITS = 3000
LONG_ROWS = 100_000
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def _units_yaml(path: Path) -> None:
    lines = ["units:", "  - {code: district, name_zh: 全区, name_en: District, type: district}"]
    lines += [f"  - {{code: s{i:04d}, name_zh: 测试街{i:04d}, name_en: Street {i}, type: street, parent: district}}"
              for i in range(UNITS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _register():  # type: ignore[no-untyped-def]
    from tracker.register import load_register

    units = OUT / "bench_units.yaml"
    if not units.exists():
        _units_yaml(units)
    return load_register(ROOT / "targets.yaml", units)


def _files() -> dict[str, Path]:
    """Generate the benchmark files once: a 100,000-row long CSV and a 3,000-unit wide XLSX."""
    import xlsxwriter

    from benchmarks.generate import long_csv, monthly_values

    OUT.mkdir(exist_ok=True)
    reg = _register()
    units = [u for u in reg.units.values() if u.type == "street"]
    long_path, wide_path = OUT / "long_100k.csv", OUT / "wide_3000.xlsx"
    if not long_path.exists():
        long_path.write_bytes(long_csv(reg, first="2019-01", months=12, limit=LONG_ROWS, units=units))
    if not wide_path.exists():
        book = xlsxwriter.Workbook(str(wide_path))
        ws = book.add_worksheet("报送数据")
        metrics = list(monthly_values(units[0], reg))
        ws.write_row(0, 0, ["单位", "期间", *(reg.metrics[m].name_zh for m in metrics)])
        for r, u in enumerate(units, start=1):
            values = monthly_values(u, reg)
            ws.write_row(r, 0, [u.name_zh, "2019-06", *(values[m] for m in metrics)])
        book.close()
    return {"long": long_path, "wide": wide_path}


def _prepare_db(url: str, with_year: bool) -> None:
    """A migrated database with the register synced and, optionally, a year (2018) of monthly data."""
    from benchmarks.generate import long_rows
    from tracker.importer.apply import plan_import, store_import
    from tracker.storage.db import make_engine, session, upgrade
    from tracker.storage.register_tables import sync_register

    reg = _register()
    engine = make_engine(url)
    upgrade(engine)
    with session(engine) as s:
        sync_register(session=s, register=reg)
        s.commit()
        if with_year:
            units = [u for u in reg.units.values() if u.type == "street"]
            import csv
            import io

            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(["unit", "period", "metric", "value"])
            w.writerows(long_rows(reg, units, "2018-01", 12))
            plan = plan_import(session=s, register=reg, actor=SYSTEM, name="2018.csv", data=buf.getvalue().encode(), max_mb=500)
            store_import(session=s, plan=plan, actor=SYSTEM)
    engine.dispose()


def _rows_of(name: str, data: bytes) -> list[dict[str, object]]:
    """The value rows the import would insert (for the raw baseline), built outside the timed section."""
    from tracker.importer.apply import plan_import
    from tracker.storage.db import make_engine, session, upgrade
    from tracker.storage.register_tables import sync_register
    from tracker.storage.values import revision_row

    reg = _register()
    engine = make_engine("sqlite://")
    upgrade(engine)
    with session(engine) as s:
        sync_register(session=s, register=reg)
        s.commit()
        plan = plan_import(session=s, register=reg, actor=SYSTEM, name=name, data=data, max_mb=500)
    return [revision_row(unit=c.unit, metric=c.metric, period=c.period, value=c.value, submission_id=1)
            for c in plan.candidates]


def child(kind: str, file_key: str, template: Path) -> dict[str, float]:
    """One measurement in this process: seconds, values and peak memory (MB)."""
    from sqlalchemy import insert

    from tracker.core.clock import utcnow
    from tracker.importer.apply import plan_import, store_import
    from tracker.storage.db import make_engine, session
    from tracker.storage.values import VALUE_TABLE, new_submission

    path = _files()[file_key]
    data = path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(template, f"{tmp}/bench.db")
        url = f"sqlite:///{tmp}/bench.db"
        reg = _register()
        engine = make_engine(url)
        rows = _rows_of(path.name, data) if kind == "raw" else []
        with session(engine) as s:
            start = time.perf_counter()
            if kind == "import":
                plan = plan_import(session=s, register=reg, actor=SYSTEM, name=path.name, data=data, max_mb=500)
                store_import(session=s, plan=plan, actor=SYSTEM)
                count = plan.count("new") + plan.count("changed")
            else:
                sub = new_submission(session=s, user="bench", file_name=path.name, sha256="0" * 64)
                now = utcnow()
                s.execute(insert(VALUE_TABLE),
                          [{**r, "submission_id": sub.id, "created_at": now} for r in rows])
                s.commit()
                count = len(rows)
            seconds = time.perf_counter() - start
        engine.dispose()
    from benchmarks.memory import peak_mb as own_peak

    peak_mb = own_peak()
    return {"seconds": seconds, "values": count, "peak_mb": peak_mb}


def _measure(kind: str, file_key: str, template: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", kind, file_key, str(template)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3], Path(sys.argv[4]))))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--prepare":
        _prepare_db(f"sqlite:///{sys.argv[2]}", sys.argv[3] == "1")
        return 0
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    results: list[dict[str, object]] = []
    if not only or "cli" in only:
        from benchmarks.clibench import run_all as cli

        print("\ncommand-line start-up against an empty interpreter")
        results += cli()
    if not only or "import" in only:
        results += _import_section()
    if not only or "city" in only:
        from benchmarks.citybench import run_all

        print(f"\ncity scale, best of {REPEAT} runs each, tracker and hand-written SQL alternating")
        print(f"{'measurement':<92}{'s':>8}{'floor':>8}{'ratio':>7}{'peak MB':>8}")
        results += run_all()
    if not only or "summary" in only:
        from benchmarks.summarybench import run_all as summary

        print(f"\nthe figures kept ready, best of {REPEAT} runs each; baseline: the same overview, trend from raw rows")
        results += summary()
    if not only or "documents" in only:
        from benchmarks.docbench import run_all as documents

        print(f"\ndocuments on the demo data, best of {REPEAT} after the first; baseline: progress rows, same as-of")
        print(f"{'measurement':<60}{'first s':>8}{'best s':>8}{'base s':>9}{'ratio':>7}")
        results += documents()
    if not only or "app" in only:
        from benchmarks.appbench import run_all as app
        from benchmarks.city import OUT as CITY_OUT
        from benchmarks.city import SCALE
        from benchmarks.docbench import _demo

        print("\nthe app")
        results += app(_demo(), CITY_OUT / f"city_units_{SCALE}.yaml")
    if not only or "clicks" in only:
        from benchmarks.clickbench import ROUNDS
        from benchmarks.clickbench import run_all as clicks
        from benchmarks.docbench import _demo

        print(f"\nclicking through the app on the demo, one warm app process, real Chromium, {ROUNDS} rounds")
        results += clicks(_demo())
    if not only or "pages" in only:
        from benchmarks.city import SCALE
        from benchmarks.citypages import ROUNDS as PAGE_ROUNDS
        from benchmarks.citypages import run_all as pages

        print(f"\nevery page at city scale ({SCALE} units, SQLite and PostgreSQL), one app process, real Chromium, "
              f"{PAGE_ROUNDS} "
              "rounds: the first view after an import, then warm")
        results += pages()
    if not only or "load" in only:
        from benchmarks.docbench import _demo
        from benchmarks.loadtest import run_all as load

        print("\nlocal load test: viewers signing in at once, one process and nginx + processes over PostgreSQL, "
              "real Chromium (each viewer ≤ 120 s, each round ≤ 300 s)")
        results += load(_demo())
    path = ROOT / "benchmarks" / "results.json"
    existing = json.loads(path.read_text()) if path.exists() else []
    names = {r["name"] for r in results}
    path.write_text(json.dumps([r for r in existing if r["name"] not in names] + results, ensure_ascii=False,
                               indent=2) + "\n")
    print(f"written {path.relative_to(ROOT)}")
    return 0


def _import_section() -> list[dict[str, object]]:
    _files()
    with tempfile.TemporaryDirectory() as tmp:
        templates: dict[bool, Path] = {}
        for with_year in (False, True):  # in a child too: a fork inherits the parent's peak memory
            templates[with_year] = Path(tmp) / f"template-{int(with_year)}.db"
            subprocess.run([sys.executable, "-m", "benchmarks.run", "--prepare", str(templates[with_year]),
                            str(int(with_year))], cwd=ROOT, check=True)
        return _run_all(templates)


def _run_all(templates: dict[bool, Path]) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    print(f"best of {REPEAT} runs each, import and raw alternating")
    print(f"{'measurement':<62}{'values/s':>10}{'raw values/s':>14}{'ratio':>7}{'peak MB':>9}")
    for file_key, label in (("long", "long CSV 100,000 rows"), ("wide", "wide XLSX 3,000 units")):
        for with_year, db_label in ((False, "empty SQLite"), (True, "SQLite with a year of data")):
            imports: list[dict[str, float]] = []
            raws: list[dict[str, float]] = []
            for _ in range(REPEAT):
                imports.append(_measure("import", file_key, templates[with_year]))
                raws.append(_measure("raw", file_key, templates[with_year]))
            imp = min(imports, key=lambda r: r["seconds"])
            raw = min(raws, key=lambda r: r["seconds"])
            rate, raw_rate = imp["values"] / imp["seconds"], raw["values"] / raw["seconds"]
            ratio = imp["seconds"] / raw["seconds"]
            name = f"import {label} into {db_label}"
            peak = max(r["peak_mb"] for r in imports)
            results.append({"name": name, "value": round(rate, 1), "unit": "values/s",
                            "baseline": round(raw_rate, 1), "ratio": round(ratio, 2), "peak_mb": round(peak, 1)})
            print(f"{name:<62}{rate:>10,.0f}{raw_rate:>14,.0f}{ratio:>7.2f}{peak:>9.0f}")
    return results


if __name__ == "__main__":
    sys.exit(main())
