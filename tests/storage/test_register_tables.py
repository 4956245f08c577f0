"""The register's tables: kept in step with the register, and read back for the names of units and metrics a
planner has since removed (an old audit entry still names them)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.engine.test_engine import TARGETS, UNITS
from tests.helpers import register_of
from tracker.access.audit import events, readable, record, trail_names
from tracker.storage.db import session
from tracker.storage.register_tables import stored_names, sync_register


def test_a_removed_unit_is_still_named(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = register_of(tmp_path / "old", TARGETS, UNITS)
    new = register_of(tmp_path / "new", TARGETS, UNITS.replace(
        "  - {code: c, name_zh: 丙街, name_en: C, type: street, parent: district}\n", ""))
    with session(engine) as s:
        sync_register(session=s, register=old)
        s.commit()
        record(s, user="p", action="account_assign", subject="x", units=["c"])
        sync_register(session=s, register=new)
        s.commit()
        assert "c" not in new.units
        assert stored_names(session=s, lang="zh")["c"] == "丙街"
        assert stored_names(session=s, lang="en")["evaluated"] == "Rated"  # metrics too
        names = trail_names(s, new, "zh")
        shown = readable(events(s), "zh", names)
    assert names["c"] == "丙街" and names["a"] == "甲街"
    assert "丙街" in shown.iloc[0].tolist()[4]  # the detail names the unit, not its code


def test_a_renamed_unit_or_metric_is_renamed_in_the_database(engine: Engine, tmp_path: Path) -> None:
    """A deliberate fault the tests missed: register sync never updating a renamed unit or metric (the audit
    trail and the history then named them as they were first synced)."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = register_of(tmp_path / "old", TARGETS, UNITS)
    new = register_of(tmp_path / "new", TARGETS.replace("name_zh: 评价数", "name_zh: 主动评价件数"),
                      UNITS.replace("name_zh: 甲街", "name_zh: 甲街道"))
    with session(engine) as s:
        sync_register(session=s, register=old)
        s.commit()
        assert sync_register(session=s, register=new) is True
        s.commit()
        names = stored_names(session=s, lang="zh")
    assert (names["a"], names["evaluated"]) == ("甲街道", "主动评价件数")
