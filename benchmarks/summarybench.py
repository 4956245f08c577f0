"""The figures kept ready at city scale (`make bench`, section `summary`): overview() reading the summary against
the same overview() computing its trend from raw rows, alternating in one run, best of BENCH_REPEAT; the summary
rebuilt once on the city database (built from raw rows, so without it) and checked against a full recomputation
before anything is timed, and so are the first-received times and the days grouped from them. SQLite, and PostgreSQL when installed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

from benchmarks.city import SCALE, city_register
from benchmarks.citybench import ROOT, _best, _peak_mb, _result, databases

AS_OF = "2028-06"  # the city data spans 2026-01 … 2030-12 (the current plan): a 30-month trend


def case_overview(url: str) -> dict[str, Any]:
    from unittest import mock

    from tracker.core.periods import parse_period
    from tracker.engine import summary
    from tracker.engine.views import overview
    from tracker.storage import received, received_days
    from tracker.storage.db import make_engine, session

    reg = city_register()
    engine = make_engine(url)
    with session(engine) as s:
        rebuilt = None
        if not summary.is_ready(s, reg):
            start = time.perf_counter()
            summary.rebuild(session=s, register=reg)
            s.commit()
            rebuilt = time.perf_counter() - start
        compared, differ = summary.differences(session=s, register=reg)
        assert compared and not differ, f"the summary differs from raw rows in {differ} of {compared} figures"
        kept_times = {"first-received times": received.differences(s),  # and the times and days kept
                      "first-received days": received_days.differences(s)}
        for kept_name, (n, bad) in kept_times.items():
            assert n and not bad, f"the {kept_name} differ from a recomputation in {bad} of {n}"
        view = reg.for_plan(reg.plan_for(parse_period(AS_OF).end))  # the plan holding the month: a 30-month trend
        kept = overview(session=s, register=view, as_of=AS_OF)
        with mock.patch.object(summary, "read_series", return_value=None):  # the trend from raw rows
            raw = overview(session=s, register=view, as_of=AS_OF)
        assert [c.trend.to_dict() for c in kept.cards] == [c.trend.to_dict() for c in raw.cards]
        assert sum(len(c.trend) for c in kept.cards) > 0

        def without() -> object:
            with mock.patch.object(summary, "read_series", return_value=None):
                return overview(session=s, register=view, as_of=AS_OF)

        t, f = _best(lambda: overview(session=s, register=view, as_of=AS_OF), without)
        rows = int(s.connection().exec_driver_sql("SELECT count(*) FROM value_revision").scalar_one())
    return {"seconds": t, "baseline": f, "peak_mb": _peak_mb(), "rebuilt": rebuilt, "compared": compared,
            "rows": rows, "times_compared": kept_times["first-received times"][0],
            "days_compared": kept_times["first-received days"][0]}


def run_all() -> list[dict[str, Any]]:
    urls, server = databases()
    results: list[dict[str, Any]] = []
    try:
        for db, url in urls.items():
            out = subprocess.run([sys.executable, "-m", "benchmarks.summarybench", url], cwd=ROOT,
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print(out.stderr[-2000:], flush=True)
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            note = (f"{r['rows']:,} value rows, {r['compared']:,} figures, {r['times_compared']:,} first-received "
                    f"times and {r['days_compared']:,} first-received days checked equal")
            if r["rebuilt"] is not None:
                note += f", summary rebuilt in {r['rebuilt']:.1f} s"
            print(f"  ({note})")
            results.append(_result(f"overview() from the summary against its trend from raw rows, "
                                   f"{SCALE:,} units, {db}", r))
    finally:
        if server is not None:
            server.stop()
    return results


if __name__ == "__main__":
    print(json.dumps(case_overview(sys.argv[1])))
