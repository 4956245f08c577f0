"""The ASGI seam: the /healthz route answers for the app and its database; `python dashboard.py` options."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from webapp.server import config_from, routes


def test_healthz_is_ok_when_the_database_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'a.db'}")
    with TestClient(Starlette(routes=routes())) as client:
        answer = client.get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"status": "ok", "database": "ok"})


def test_healthz_says_503_when_the_database_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    with TestClient(Starlette(routes=routes())) as client:
        answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json()["status"] == "error"


def test_streamlit_options_become_the_apps_config() -> None:
    assert config_from(["--server.port", "8502", "--server.headless", "true", "--server.address=0.0.0.0"]) == {
        "server.port": 8502, "server.headless": True, "server.address": "0.0.0.0"}
    with pytest.raises(SystemExit):
        config_from(["--server.port"])


def test_the_served_config_turns_off_source_watching_and_the_collection_after_every_run() -> None:
    """Streamlit, reading the project's .streamlit/config.toml as the server does, watches no source file and
    runs no full garbage collection after each page view (together more than half of the server's time with
    eight viewers at once, measured in the load test)."""
    import subprocess
    import sys

    from tracker.core.settings import ROOT

    probe = ("from streamlit import config; config.get_config_options(force_reparse=True); "
             "print(config.get_option('server.fileWatcherType'), config.get_option('runner.postScriptGC'))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["none", "False"]


def test_serving_freezes_what_start_up_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    """What is imported before serving lives as long as the server: it is moved out of the collector's reach
    (`gc.freeze`) before the app runs."""
    import gc

    import webapp.server as server

    seen: list[int] = []
    monkeypatch.setattr(server.app, "run", lambda **_: seen.append(gc.get_freeze_count()))
    gc.unfreeze()
    try:
        assert server.serve([]) == 0
    finally:
        gc.unfreeze()
    assert seen and seen[0] > 0


def test_the_app_logs_an_upgrade_of_the_schema_before_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    # the first page after installing a release waits for the migrations (0016: half a minute at city scale);
    # the server's console said nothing meanwhile
    from tracker.storage.db import head_revision, make_engine, upgrade
    from webapp import opened

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0015")
    engine.dispose()
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'old.db'}")
    monkeypatch.setenv("TRACKER_LANG", "en")
    opened._opened.cache_clear()
    with caplog.at_level("WARNING", logger="tracker.app"):
        t = opened.current_tracker()
    t.engine.dispose()
    opened._opened.cache_clear()
    said = [r.getMessage() for r in caplog.records if r.name == "tracker.app"]
    assert said == [f"Upgrading the database schema (0015 → {head_revision()}): a large database may take minutes; "
                    "do not interrupt …"]
