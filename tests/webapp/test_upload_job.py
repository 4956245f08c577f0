"""Uploads that cannot vanish: leaving the page 0.2 s after confirming a 25,000-value upload — Streamlit then
stops the page's script at its next call — the values are stored, audited and shown on the next visit."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner_utils.exceptions import StopException
from streamlit.testing.v1 import AppTest

from tests.helpers import csv_bytes, sign_in_as
from tests.webapp.test_pages import ROOT
from tracker.importer import jobs
from tracker.register import Register
from tracker.storage.db import make_engine

# consistent figures of one unit and month: every bounded pair (满意 ≤ 评价 ≤ 办结 …) holds
FIGURES = {"受理量": 1000, "社会公共服务类受理量": 400, "办结量": 900, "按时办结量": 800, "提前办结量": 500,
           "评价数": 600, "满意评价数": 590, "差评数": 10, "差评整改数": 9}


def big_file(register: Register, count: int = 25_000) -> bytes:
    """`count` values in long form: the units that report each figure, month after month from 2016-01."""
    codes = {m.name_zh: m for m in register.metrics.values()}
    rows: list[list[object]] = [["单位", "期间", "指标", "数值"]]
    months = [f"{y}-{m:02d}" for y in range(2016, 2021) for m in range(1, 13)]
    for month in months:
        for unit in register.reporting_units():
            for name, value in FIGURES.items():
                if unit.type in codes[name].reported_by:
                    rows.append([unit.name_zh, month, name, value])
    assert len(rows) - 1 >= count
    return csv_bytes(rows[: count + 1])


def test_leaving_the_page_after_confirming_loses_nothing(tmp_path: Path, register: Register,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "app.db"
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.chdir(ROOT)
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600))
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    at.file_uploader[0].upload("全区.csv", big_file(register), "text/csv")
    at.run()
    assert not at.exception and [m.value for m in at.metric][0] == "25000"

    real = DeltaGenerator.progress
    left: dict[str, float] = {}

    def leaving(self: DeltaGenerator, *args: Any, **kwargs: Any) -> Any:
        """The viewer left 0.2 s after confirming: Streamlit stops the script at its next call after that."""
        left.setdefault("confirmed", time.monotonic())
        time.sleep(max(0.0, left["confirmed"] + 0.2 - time.monotonic()))
        raise StopException()

    monkeypatch.setattr(DeltaGenerator, "progress", leaving)
    monkeypatch.setattr(st, "progress", lambda *a, **k: leaving(None, *a, **k))  # type: ignore[arg-type]
    at.button(key="confirm_store").click()
    at.run()
    assert "confirmed" in left  # the page was stopped while the store went on
    monkeypatch.setattr(DeltaGenerator, "progress", real)
    monkeypatch.undo()
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.chdir(ROOT)

    engine = make_engine(f"sqlite:///{db}")
    job = jobs.latest_unseen(engine, "planner")
    assert job is None or jobs.wait(engine, job, 300)
    con = sqlite3.connect(db)
    try:
        assert con.execute("select count(*) from value_revision where is_current").fetchone() == (25_000,)
        audit = con.execute("select action, subject, detail from audit_event where action = 'import_stored'").fetchall()
        assert len(audit) == 1 and audit[0][1] == "全区.csv" and '"new": 25000' in audit[0][2]
    finally:
        con.close()
    engine.dispose()

    later = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300))  # the next visit
    later.run()
    later.switch_page("pages/upload.py")
    later.run()
    assert not later.exception
    assert [s.value for s in later.success] == ["已保存：新增 25000 个，修改 0 个，未变 0 个，警告 0 条（文件 全区.csv）"]
    later.button(key="upload_another").click().run()
    assert later.file_uploader and not later.success  # shown once; the next upload starts afresh
