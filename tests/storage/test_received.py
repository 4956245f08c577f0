"""When each value was first received (tracker/storage/received.py): kept by every insert of values, equal to a
recomputation from raw rows on the demo, made afresh by `rebuild`, and filled from stored values by migration
0016 on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, select, text, update
from sqlmodel import Session

from tests.helpers import synced
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.storage import received
from tracker.storage.db import alembic_config, session
from tracker.storage.values import VALUE_TABLE, append_revisions, new_submission, revision_row

JUNE = parse_period("2019-06")


@pytest.fixture
def both_db(any_engine: Engine, register: Register) -> Iterator[Session]:
    """The shipped register on an empty database, SQLite and PostgreSQL."""
    with synced(any_engine, register) as s:
        yield s


def _submit(db: Session, at: dt.datetime, values: dict[str, float | None]) -> None:
    sub = new_submission(session=db, user="u", file_name="f.xlsx", sha256="0" * 64, created_at=at)
    v = VALUE_TABLE.c
    current = db.execute(select(v.id).where(v.is_current, v.unit_code == "street_chigang", v.period == JUNE.code,
                                            v.metric_code.in_(list(values)))).scalars().all()
    append_revisions(session=db, rows=[revision_row(unit="street_chigang", metric=m, period=JUNE, value=value,
                                                    submission_id=sub.id or 0) for m, value in values.items()],
                     supersede=current)
    db.commit()


def _kept(db: Session) -> dict[str, dt.datetime]:
    rows = db.execute(select(received.RECEIVED.c.metric_code, received.RECEIVED.c.received_at)).all()
    return {m: at for m, at in rows}


def test_the_first_submission_holding_a_value_is_kept_and_a_correction_does_not_move_it(both_db: Session) -> None:
    db = both_db
    utc = dt.UTC
    _submit(db, dt.datetime(2019, 7, 1, 9, 0, tzinfo=utc), {"accepted": None, "visitors": None})  # blanks
    _submit(db, dt.datetime(2019, 7, 3, 9, 0, tzinfo=utc), {"accepted": 5.0})
    _submit(db, dt.datetime(2019, 7, 20, 9, 0, tzinfo=utc), {"accepted": 6.0})  # a correction, later
    _submit(db, dt.datetime(2019, 6, 30, 9, 0, tzinfo=utc), {"completed": 4.0})  # stored later, dated earlier
    _submit(db, dt.datetime(2019, 7, 25, 9, 0, tzinfo=utc), {"completed": 4.5})
    kept = _kept(db)
    assert set(kept) == {"accepted", "completed"}  # a blank is not a value received
    assert kept["accepted"].replace(tzinfo=None) == dt.datetime(2019, 7, 3, 9, 0)
    assert kept["completed"].replace(tzinfo=None) == dt.datetime(2019, 6, 30, 9, 0)
    assert received.differences(db) == (2, 0)


def test_the_demo_keeps_what_a_recomputation_from_raw_rows_gives(demo_db: Session) -> None:
    compared, differ = received.differences(demo_db)
    stored = demo_db.execute(text("SELECT count(*) FROM (SELECT DISTINCT period, unit_code, metric_code "
                                  "FROM value_revision WHERE value IS NOT NULL) AS k")).scalar_one()
    assert (compared, differ) == (stored, 0)


def test_rebuild_makes_a_damaged_table_afresh(both_db: Session) -> None:
    db = both_db
    _submit(db, dt.datetime(2019, 7, 3, 9, 0, tzinfo=dt.UTC), {"accepted": 5.0, "completed": 4.0})
    db.execute(update(received.RECEIVED).where(received.RECEIVED.c.metric_code == "accepted")
               .values(received_at=dt.datetime(2019, 8, 1, tzinfo=dt.UTC)))
    db.execute(received.RECEIVED.delete().where(received.RECEIVED.c.metric_code == "completed"))
    assert received.differences(db) == (2, 2)
    assert received.rebuild(db) == 2
    assert received.differences(db) == (2, 0)


def test_0016_fills_the_table_from_the_values_stored_before_it(any_engine: Engine) -> None:
    config = alembic_config(any_engine)
    command.downgrade(config, "0015")
    with any_engine.begin() as c:
        c.execute(text("INSERT INTO unit (code, name_zh, name_en, type) VALUES ('u1', 'u1', 'u1', 'street')"))
        c.execute(text("INSERT INTO metric (code, name_zh, name_en, unit, aggregation, frequency, kind) "
                       "VALUES ('m1', 'm1', 'm1', '件', 'sum', 'month', 'count')"))
        for sid, at in ((1, "2019-07-03 09:00:00"), (2, "2019-07-20 09:00:00"), (3, "2019-07-01 09:00:00")):
            c.execute(text("INSERT INTO submission (id, \"user\", created_at, file_name, sha256, source, values_new, "
                           "values_changed, is_sample) VALUES (:i, 'u', :at, 'f', 'x', 'import', 1, 0, false)"),
                      {"i": sid, "at": at + ("+00" if any_engine.dialect.name == "postgresql" else "")})
        for sid, period, value in ((1, "2019-06", 5.0), (2, "2019-06", 6.0), (3, "2019-05", None)):
            c.execute(text("INSERT INTO value_revision (unit_code, metric_code, period, period_kind, period_start, "
                           "period_end, value, is_current, submission_id, created_at) VALUES ('u1', 'm1', :p, "
                           "'month', 1, 1, :v, :cur, :s, :at)"),
                      {"p": period, "v": value, "cur": sid != 1, "s": sid, "at": "2019-07-01 00:00:00"})
    command.upgrade(config, "head")
    with session(any_engine) as s:
        kept = s.execute(select(received.RECEIVED)).all()
        assert [(p, u, m, at.replace(tzinfo=None)) for p, u, m, at in kept] == [
            ("2019-06", "u1", "m1", dt.datetime(2019, 7, 3, 9, 0))]  # the first of two; a blank receives nothing
    command.downgrade(config, "0015")
    with any_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM value_revision")).scalar_one() == 3  # the values stay
    command.upgrade(config, "head")


def test_a_server_on_china_time_keeps_the_same_times(both_db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    # offices run their servers on Asia/Shanghai: the times kept are the submissions' own (UTC), not shifted by
    # the process's 8 hours
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    postgres = both_db.connection().dialect.name == "postgresql"
    if postgres:  # and the database server's own zone
        both_db.execute(text("SET TIME ZONE 'Asia/Shanghai'"))
    try:
        _submit(both_db, dt.datetime(2019, 7, 3, 9, 0, tzinfo=dt.UTC), {"accepted": 5.0})
        _submit(both_db, dt.datetime(2019, 7, 1, 23, 30, tzinfo=dt.UTC), {"completed": 4.0})  # 2 July in China
        kept = _kept(both_db)
        assert kept["accepted"].replace(tzinfo=None) == dt.datetime(2019, 7, 3, 9, 0)
        assert kept["completed"].replace(tzinfo=None) == dt.datetime(2019, 7, 1, 23, 30)
        assert received.differences(both_db) == (2, 0)
    finally:
        if postgres:
            both_db.execute(text("RESET TIME ZONE"))
        monkeypatch.undo()
        time.tzset()


def test_on_sqlite_the_time_is_written_as_the_submissions_own(both_db: Session) -> None:
    # SQLite compares the times as text (the upsert keeps the earlier one): every writer must write one form,
    # SQLAlchemy's naive UTC text, as the submission's own time and the migration's and rebuild's copies are
    if both_db.connection().dialect.name != "sqlite":
        pytest.skip("only SQLite stores times as text")
    _submit(both_db, dt.datetime(2019, 7, 3, 9, 0, tzinfo=dt.UTC), {"accepted": 5.0})
    raw = both_db.execute(text("SELECT r.received_at, s.created_at FROM first_received r, submission s")).one()
    assert raw[0] == raw[1] == "2019-07-03 09:00:00.000000"
