"""Storage faults on the pages: messages, never a traceback."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import sign_in_as
from tests.webapp.test_pages import ROOT, open_page


def test_the_sign_in_page_with_postgresql_down_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe: with PostgreSQL down the sign-in page showed a traceback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"postgresql+psycopg://tracker:pw-secret@127.0.0.1:{port}/tracker")
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("数据库服务器没有响应") and "pw-secret" not in error.value


def test_a_nul_in_a_lock_reason_is_a_message(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.chdir(ROOT)
    at = open_page(sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)).run(), "locks")
    at.text_input[0].input("简报\x00已印发")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["输入中含有空字符（NUL，\\\\0），无法保存；请删除后重试"]
