"""Month-end: imports at the same time lose nothing and leave exactly one current value per key; a database
nobody initialised is created once; a process killed mid-import leaves nothing behind. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.conftest import BACKENDS, PG_URL, ROOT, _drop_postgres, _fresh_postgres
from tracker.access.roles import SYSTEM
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.storage.db import make_engine, session
from tracker.storage.register_tables import sync_register

TODAY = dt.date(2026, 11, 22)
PROCESSES = 30
SHARED = [("赤岗街", "2019-06"), ("新港街", "2019-06"), ("昌岗街", "2019-06")]


def _csv(rows: list[tuple[str, str, int]]) -> bytes:
    return ("单位,期间,受理量\n" + "".join(f"{u},{p},{v}\n" for u, p, v in rows)).encode()


def test_two_imports_planned_together_leave_one_current_value(any_engine: Engine, register: Register) -> None:
    with session(any_engine) as a, session(any_engine) as b:
        sync_register(session=a, register=register)
        a.commit()
        plan_a = plan_import(session=a, register=register, actor=SYSTEM, name="a.csv",
                             data=_csv([("赤岗街", "2019-06", 100)]), today=TODAY)
        plan_b = plan_import(session=b, register=register, actor=SYSTEM, name="b.csv",
                             data=_csv([("赤岗街", "2019-06", 200)]), today=TODAY)
        assert plan_a.count("new") == plan_b.count("new") == 1  # both previews saw an empty database
        store_import(session=a, plan=plan_a, actor=SYSTEM)
        store_import(session=b, plan=plan_b, actor=SYSTEM)  # sees A's value inside its transaction: a change
        assert plan_b.count("changed") == 1
    with any_engine.connect() as c:
        rows = c.execute(text("SELECT value, is_current FROM value_revision ORDER BY id")).all()
    assert [(float(v), bool(cur)) for v, cur in rows] == [(100.0, False), (200.0, True)]


def test_the_database_refuses_a_second_current_value(any_engine: Engine, register: Register) -> None:
    from tests.engine.test_engine import new_submission, parse_period, revision_row
    from tracker.storage.values import append_revisions

    with session(any_engine) as s:
        sync_register(session=s, register=register)
        sub = new_submission(session=s, user="t", file_name="t", sha256="0" * 64)
        row = revision_row(unit="street_chigang", metric="accepted", period=parse_period("2019-06"), value=1.0,
                           submission_id=sub.id or 0)
        append_revisions(session=s, rows=[row])
        with pytest.raises(Exception, match="(?i)unique"):  # the driver's own IntegrityError / UniqueViolation
            append_revisions(session=s, rows=[{**row, "value": 2.0}])
            s.flush()


def _reporting_units(register: Register) -> list[str]:
    return [u.name_zh for u in register.units.values()
            if u.type in ("department", "street", "hall", "branch")][:PROCESSES]


@pytest.fixture(params=[(b, fresh) for b in BACKENDS for fresh in (False, True)],
                ids=lambda p: f"{p[0]}-{'new' if p[1] else 'initialised'}")
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    backend, fresh = request.param
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'month-end.db'}"
    else:
        url, name = _fresh_postgres()
    if not fresh:
        subprocess.run([sys.executable, "-m", "tracker", "init"], cwd=ROOT, check=True, capture_output=True,
                       env={**os.environ, "TRACKER_DATABASE_URL": url})
    yield url
    if backend != "sqlite":
        _drop_postgres(name)


def test_thirty_imports_at_once(database: str, register: Register, tmp_path: Path) -> None:
    units = _reporting_units(register)
    files = []
    for i, unit in enumerate(units):  # each: its own unit's June, and the three shared keys with its own values
        path = tmp_path / f"{i:02d}.csv"
        path.write_bytes(_csv([(unit, "2019-07", 1000 + i), *[(u, p, 10 + i) for u, p in SHARED]]))
        files.append(path)
    env = {**os.environ, "TRACKER_DATABASE_URL": database}
    procs = [subprocess.Popen([sys.executable, "-m", "tracker", "import", str(f)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    results = [(p.wait(timeout=600), p.stderr.read() if p.stderr else "") for p in procs]
    failed = [err for code, err in results if code != 0]
    assert not failed, failed[0]
    engine = create_engine(database)
    with engine.connect() as c:
        own = c.execute(text("SELECT count(*) FROM value_revision WHERE is_current AND period = '2019-07'")).scalar()
        per_key = c.execute(text("SELECT unit_code, count(*) FROM value_revision WHERE is_current AND period = "
                                 "'2019-06' GROUP BY unit_code")).all()
        subs = c.execute(text("SELECT count(*) FROM submission")).scalar()
    engine.dispose()
    assert own == PROCESSES  # 0 lost
    assert sorted(n for _, n in per_key) == [1, 1, 1]  # exactly one current value per shared key
    assert subs == PROCESSES


def _big_file(register: Register) -> bytes:
    """About 19,000 values: several chunks of 5,000, so the import is killed between two of them."""
    units = [u.name_zh for u in register.units.values() if u.type in ("department", "street", "hall", "branch")]
    months = [f"{y}-{m:02d}" for y in range(2016, 2021) for m in range(1, 13)]
    head = "单位,期间,受理量,办结量,按时办结量,提前办结量,评价数,满意评价数\n"
    rows = []
    for i, u in enumerate(units):
        for j, p in enumerate(months):
            v = 100 + (i * 7 + j) % 50
            rows.append(f"{u},{p},{v},{v},{v},{v // 2},{v // 2},{v // 3}\n")
    return (head + "".join(rows)).encode()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_process_killed_mid_import_leaves_nothing(backend: str, register: Register, tmp_path: Path) -> None:
    if backend == "sqlite":
        url, name = f"sqlite:///{tmp_path / 'killed.db'}", None
    else:
        url, name = _fresh_postgres()
    try:
        path = tmp_path / "big.csv"
        path.write_bytes(_big_file(register))
        env = {**os.environ, "TRACKER_DATABASE_URL": url}
        subprocess.run([sys.executable, "-m", "tracker", "init"], cwd=ROOT, env=env, check=True, capture_output=True)
        proc = subprocess.Popen([sys.executable, "-m", "tracker", "import", str(path)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:  # the first chunk is written, the transaction still open
            line = proc.stderr.readline()
            if "正在写入" in line or not line:
                break
        assert "正在写入" in line, line
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        engine = make_engine(url)
        with engine.connect() as c:
            values = c.execute(text("SELECT count(*) FROM value_revision")).scalar()
            subs = c.execute(text("SELECT count(*) FROM submission")).scalar()
        engine.dispose()
        assert (values, subs) == (0, 0)
    finally:
        if name:
            _drop_postgres(name)


def test_postgres_is_covered_in_ci() -> None:
    if os.environ.get("TRACKER_TEST_REQUIRE_POSTGRES"):
        assert PG_URL
