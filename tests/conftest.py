"""Shared fixtures: the shipped register, fresh databases (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlmodel import Session

from tests.helpers import register_of, synced
from tracker.register import Register, load_register
from tracker.storage.db import make_engine, session, upgrade

ROOT = Path(__file__).resolve().parent.parent

# PostgreSQL: a given server (TRACKER_TEST_POSTGRES_URL), else a throwaway one when the binaries are installed,
# unless TRACKER_TEST_POSTGRES=off (the mutation run uses SQLite only).
if os.environ.get("TRACKER_TEST_POSTGRES_URL"):
    PG_NOTE = "PostgreSQL: the server in TRACKER_TEST_POSTGRES_URL"
elif os.environ.get("TRACKER_TEST_POSTGRES", "auto") == "off":
    PG_NOTE = "PostgreSQL: off (TRACKER_TEST_POSTGRES=off)"
else:
    from tests.pgserver import start_if_installed

    _url, PG_NOTE = start_if_installed()
    if _url:
        os.environ["TRACKER_TEST_POSTGRES_URL"] = _url
PG_URL = os.environ.get("TRACKER_TEST_POSTGRES_URL")
if os.environ.get("TRACKER_TEST_REQUIRE_POSTGRES") and not PG_URL:
    raise RuntimeError(f"PostgreSQL is required for this run (TRACKER_TEST_REQUIRE_POSTGRES) but: {PG_NOTE}")


def pytest_report_header() -> str:
    return PG_NOTE


@pytest.fixture(scope="session")
def full_register() -> Register:
    """The shipped register, every plan (its own view: the latest plan)."""
    return load_register(ROOT / "targets.yaml", ROOT / "data" / "units.yaml")


@pytest.fixture(scope="session")
def register(full_register: Register) -> Register:
    """The shipped register viewing the 十三五 plan (2016–2020), whose hand-computed cases the tests keep."""
    return full_register.for_plan("13")


def _fresh_postgres() -> tuple[str, str]:
    assert PG_URL
    name = f"tracker_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_URL.rsplit("/", 1)[0] + f"/{name}", name


def _drop_postgres(name: str) -> None:
    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(params=BACKENDS)
def any_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database on every configured backend (storage tests use this)."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'tracker.storage.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    url, name = _fresh_postgres()
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()
    _drop_postgres(name)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated SQLite database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.storage.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine: Engine, register: Register) -> Iterator[Session]:
    """A session on an empty database with the shipped register synced."""
    with synced(engine, register) as s:
        yield s


@pytest.fixture
def reg(tmp_path: Path) -> Register:
    """The small test register of tests/test_engine.py: three streets, the plan's kinds of target."""
    from tests.engine.test_engine import TARGETS, UNITS

    return register_of(tmp_path, TARGETS, UNITS)


@pytest.fixture
def edb(engine: Engine, reg: Register) -> Iterator[Session]:
    """A session on an empty database with the small test register synced."""
    with synced(engine, reg) as s:
        yield s


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory, register: Register) -> str:
    """A SQLite database holding the demo sample, built once per test run."""
    from tracker.storage.demo import load_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session(engine) as s:
        load_demo(session=s, register=register)
    engine.dispose()
    return url


@pytest.fixture
def demo_db(demo_url: str) -> Iterator[Session]:
    engine = make_engine(demo_url)
    with session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(autouse=True)
def _chart_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chart images kept by a test go to a folder of its own, not the project's data folder (and no test is
    served an image another test kept)."""
    monkeypatch.setattr("tracker.reports.writers.images.CHARTS", tmp_path_factory.mktemp("charts"))
