"""After a restore and a re-import, a fresh page shows what `progress` says (the probe: the data version repeated
after a restore, and the overview served the cached views of the import the restore had undone)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from tests.helpers import csv_bytes, sign_in_as
from tests.webapp.test_pages import ROOT
from tracker.access.roles import SYSTEM, Actor
from tracker.core.i18n import msg
from tracker.core.settings import Settings
from tracker.engine.progress import progress_rows
from tracker.importer.apply import plan_import, store_import
from tracker.storage.backup import backup
from tracker.storage.db import session
from tracker.storage.opening import open_tracker
from tracker.storage.restore import restore

TARGET = "满意率"


def satisfaction_file(share: float, rows: list[tuple[str, float]]) -> bytes:
    """Every unit's 满意评价数 for 2018-06 as `share` of its stored 评价数."""
    return csv_bytes([["单位", "期间", "满意评价数"], *[[u, "2018-06", round(e * share)] for u, e in rows]])


def overview_status(at: AppTest) -> str:
    at.switch_page("pages/overview.py")
    at.run()
    at.selectbox(key="as_of").set_value("2018-06").run()
    assert not at.exception
    card = next(m.value for m in at.markdown if m.value.startswith(f"**{TARGET}**"))
    return card.split("-badge[")[1].rstrip("]")


def test_after_a_restore_and_a_reimport_a_fresh_page_shows_what_progress_says(
        demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.chdir(ROOT)
    t = open_tracker(Settings.from_env())

    def page() -> str:
        time.sleep(5.5)  # the app reads the data version at most every 5 s
        return overview_status(sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=240)).run())

    def progress() -> str:
        with session(t.engine) as s:
            row = next(r for r in progress_rows(session=s, register=t.register.for_plan("13"), as_of="2018-06")
                       if r.target == "satisfaction_rate")
        return msg(f"status.{row.status}", "zh")

    def store(data: bytes) -> None:
        with session(t.engine) as s:
            plan = plan_import(session=s, register=t.register, actor=SYSTEM, name="满意.csv", data=data)
            store_import(session=s, plan=plan, actor=SYSTEM)

    with session(t.engine) as s:
        rated = [(t.register.units[u].name_zh, float(v)) for u, v in s.execute(text(
            "select v.unit_code, v.value from value_revision v join unit u on u.code = v.unit_code "
            "where v.is_current and v.metric_code = 'evaluated' and v.period = '2018-06'"))]
    backup(t.engine, tmp_path / "before.db", actor=SYSTEM)
    store(satisfaction_file(0.2, rated))  # a fifth of June's ratings satisfied: the half-year falls below 90 %
    undone = page()
    assert undone == progress()
    restore(t.engine, str(tmp_path / "before.db"), register=t.register, actor=Actor("root", "system"), force=True,
            keep=True)
    store(satisfaction_file(0.9999, rated))  # as many rows as the undone import, every one met
    assert page() == progress() != undone
    t.engine.dispose()
