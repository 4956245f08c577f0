"""A city-scale database for `make bench`: the 56 shipped units plus generated departments under the centre.

Shaped like real imports: 2016-01 … 2020-12, every metric each unit reports at its own frequency (monthly
flows, quarterly and yearly stocks), one submission per unit and month, and 5 % of unit-months corrected by
a later submission (the first revision kept, no longer current). Built once per scale into benchmarks/out/
(SQLite) and copied into a throwaway PostgreSQL server with COPY. BENCH_SCALE sets the number of units.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, insert, text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SCALE = int(os.environ.get("BENCH_SCALE", "3000"))
CORRECTED = 0.05
SEED = 11


def units_file(scale: int = SCALE) -> Path:
    """The shipped unit register plus generated departments under the centre, `scale` units in all."""
    path = OUT / f"city_units_{scale}.yaml"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        shipped = yaml.safe_load((ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))["units"]
        extra = [{"code": f"gen_{i:05d}", "name_zh": f"生成部门{i:05d}", "name_en": f"Generated department {i}",
                  "type": "department", "parent": "centre", "aliases": []} for i in range(scale - len(shipped))]
        path.write_text(yaml.safe_dump({"units": shipped + extra}, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return path


def city_register(scale: int = SCALE):  # type: ignore[no-untyped-def]
    from tracker.register import load_register

    return load_register(ROOT / "targets.yaml", units_file(scale))


BASE = {"accepted": 1000, "accepted_permits": 400, "accepted_public": 600, "completed": 990,
        "completed_on_time": 985, "completed_early": 700, "visitors": 900, "evaluated": 700, "satisfied": 690,
        "bad_reviews": 10, "bad_reviews_rectified": 9, "online_completed": 600, "cases_hall": 900,
        "rated_hall": 800, "cases_online": 100, "rated_online": 80, "disclosure_requests": 30,
        "disclosure_requests_online": 25, "policy_releases": 5, "policy_publish_days": 12, "news_releases": 40,
        "news_publish_days": 150, "hotline_accepted": 3000, "hotline_completed": 2950, "service_items": 40,
        "items_max_one_visit": 30, "items_zero_visit": 10, "permit_items": 24, "permit_items_full_online": 15,
        "steps_baseline": 240, "steps_removed": 80, "materials_baseline": 360, "materials_removed": 100,
        "forms_baseline": 120, "forms_removed": 40, "resources_total": 800, "resources_shared": 500,
        "certificates_total": 4000, "certificates_digitized": 800, "departments_total": 24,
        "departments_catalogued": 20}


def _value(metric: str, rng: random.Random) -> float:
    """A plausible value: the base scaled by one factor per unit-month, so bounded pairs keep their order."""
    return float(round(BASE[metric] * rng.uniform(0.8, 1.2)) if BASE[metric] > 50 else BASE[metric])


def rows(register: Any) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], bool]]:
    """(submission, value rows, corrected) per unit and month, in month order."""
    from tracker.core.periods import month, of_kind, parse_period

    rng = random.Random(SEED)
    first, last = parse_period(register.plan.start), parse_period(register.plan.end)
    due = register.plan.reporting_deadline_day
    for m in range(first.start, last.end + 1):
        p = month(m)
        at = dt.datetime.combine(p.deadline(due) - dt.timedelta(days=2), dt.time(9), dt.UTC)
        for unit in register.reporting_units():
            periods = [p] + [q for q in (of_kind("quarter", m), of_kind("year", m)) if q.end == m]
            scale = rng.uniform(0.8, 1.2)
            values = [(metric.code, q, round(BASE[metric.code] * scale, 0))
                      for metric in register.metrics_for(unit.type) for q in periods
                      if metric.frequency == q.kind and metric.code in BASE]
            if not values:
                continue
            sub = {"user": "bench", "created_at": at, "file_name": f"{unit.code}-{p.code}.xlsx", "sha256": "0" * 64,
                   "source": "import", "values_new": len(values), "values_changed": 0, "is_sample": False}
            out = [{"unit_code": unit.code, "metric_code": code, "period": q.code, "period_kind": q.kind,
                    "period_start": q.start, "period_end": q.end, "value": v, "note": None, "flags": None,
                    "created_at": at} for code, q, v in values]
            yield sub, out, rng.random() < CORRECTED


def build_sqlite(path: Path, scale: int = SCALE) -> int:
    """Write the city database to `path` (migrated, register synced); return the number of value rows."""
    from tracker.engine import summary
    from tracker.storage import received
    from tracker.storage.db import make_engine, session, upgrade
    from tracker.storage.models import Submission
    from tracker.storage.register_tables import sync_register
    from tracker.storage.values import VALUE_TABLE

    register = city_register(scale)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    count = 0
    with session(engine) as s:
        sync_register(session=s, register=register)
        sub_id = 0
        corrections: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        batch: list[dict[str, Any]] = []
        subs: list[dict[str, Any]] = []
        for sub, values, corrected in rows(register):
            sub_id += 1
            subs.append({**sub, "id": sub_id})
            batch += [{**v, "submission_id": sub_id, "is_current": not corrected} for v in values]
            if corrected:
                corrections.append((sub, values))
            if len(batch) > 50_000:
                count += _flush(s, Submission, VALUE_TABLE, subs, batch)
                subs, batch = [], []
        for sub, values in corrections:  # a month later, the same values a little different
            sub_id += 1
            later = sub["created_at"] + dt.timedelta(days=30)
            subs.append({**sub, "id": sub_id, "created_at": later, "values_new": 0, "values_changed": len(values)})
            batch += [{**v, "value": v["value"] + 1 if v["value"] > 50 else v["value"], "submission_id": sub_id,
                       "is_current": True, "created_at": later} for v in values]
        count += _flush(s, Submission, VALUE_TABLE, subs, batch)
        # the rows went in raw, past the import that keeps the summary: made once here, as an office's database
        # has it (sync_register above marked an empty summary ready, which would have served empty trends)
        summary.rebuild(session=s, register=register)
        received.rebuild(s)  # when each value first came (报送情况), kept on insert by the import, made here
        s.commit()
    engine.dispose()
    return count


def _flush(s: Any, submission: Any, table: Any, subs: list[dict[str, Any]], batch: list[dict[str, Any]]) -> int:
    if subs:
        s.execute(insert(submission), subs)
    if batch:
        s.execute(insert(table), batch)
    return len(batch)


def copy_to_postgres(sqlite_path: Path, engine: Engine, scale: int = SCALE) -> None:
    """Fill a migrated, empty PostgreSQL database with the SQLite city database's rows (COPY)."""
    import sqlite3

    from tracker.storage.db import session
    from tracker.storage.register_tables import sync_register

    with session(engine) as s:
        sync_register(session=s, register=city_register(scale))  # marks the summary ready: its rows are copied
        s.execute(text("DELETE FROM figure_summary"))
        s.execute(text("DELETE FROM unit_pair"))
        s.execute(text("DELETE FROM unit_window"))
        s.execute(text("DELETE FROM received_day"))
        s.commit()
    src = sqlite3.connect(sqlite_path)
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for table, cols in (("submission", "id, \"user\", created_at, file_name, sha256, source, values_new, "
                                           "values_changed, is_sample"),
                            ("value_revision", "id, unit_code, metric_code, period, period_kind, period_start, "
                                               "period_end, value, note, flags, is_current, submission_id, created_at"),
                            ("figure_summary", 'scope, "key", period_end, numerator, denominator, units'),
                            ("unit_pair", 'unit, "key", period, period_start, period_end, agg, numerator, '
                                          'denominator'),
                            ("unit_window", 'window_end, "key", unit, cover, numerator, denominator, periods, '
                                            'last_end'),
                            ("received_day", "period, unit_code, day, metrics")):
            plain = cols.replace('"', "")
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in src.execute(f"select {plain} from {table}"):
                    copy.write_row(_pg_row(table, row))
        cur.execute("INSERT INTO first_received (period, unit_code, metric_code, received_at) "
                    "SELECT v.period, v.unit_code, v.metric_code, min(s.created_at) FROM value_revision v "
                    "JOIN submission s ON s.id = v.submission_id WHERE v.value IS NOT NULL "
                    "GROUP BY v.period, v.unit_code, v.metric_code")
        span = src.execute("select value from meta where key = 'summary_windows'").fetchone()
        cur.execute("UPDATE meta SET value = %s WHERE key = 'summary_windows'", (span[0] if span else "",))
        cur.execute("select setval('submission_id_seq', (select max(id) from submission))")
        cur.execute("select setval('value_revision_id_seq', (select max(id) from value_revision))")
        cur.execute("analyze")
        raw.commit()
    finally:
        raw.close()
        src.close()


def _pg_row(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """SQLite's 0/1 booleans as booleans."""
    if table == "submission":
        return (*row[:8], bool(row[8]))
    if table == "value_revision":
        return (*row[:10], bool(row[10]), *row[11:])
    return row


__all__ = ["SCALE", "units_file", "city_register", "build_sqlite", "copy_to_postgres"]
