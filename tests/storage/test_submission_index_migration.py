"""Migration 0015 (the revision history's indexes) goes down and up again on SQLite and PostgreSQL, leaving the
stored values as they were."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect, text

from tracker.storage.db import alembic_config

INDEXES = {("value_revision", "ix_value_submission"), ("submission", "ix_submission_created")}


def _indexes(engine: Engine) -> set[tuple[str, str]]:
    found = inspect(engine)
    return {(table, ix["name"]) for table in ("value_revision", "submission") for ix in found.get_indexes(table)}


def test_0015_down_and_up_again(any_engine: Engine) -> None:
    assert _indexes(any_engine) >= INDEXES
    config = alembic_config(any_engine)
    command.downgrade(config, "0014")
    assert not INDEXES & _indexes(any_engine)
    assert "ix_value_current" in {name for _table, name in _indexes(any_engine)}  # the others kept
    command.upgrade(config, "0015")
    assert _indexes(any_engine) >= INDEXES
    with any_engine.connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar_one() == "0015"
