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
