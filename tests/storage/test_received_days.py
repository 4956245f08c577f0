"""The days values were first received, per period and unit (tracker/storage/received_days.py): kept in step with
`first_received` by every insert of values, equal to a recomputation from it on the demo, made afresh by
`rebuild`, and filled by migration 0019 — on SQLite and PostgreSQL, with each day China's."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, select, text, update
from sqlmodel import Session

from tests.helpers import synced
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.storage import received, received_days
from tracker.storage.db import alembic_config, session
from tracker.storage.values import VALUE_TABLE, append_revisions, new_submission, revision_row

JUNE = parse_period("2019-06")
UTC = dt.UTC


@pytest.fixture
def both_db(any_engine: Engine, register: Register) -> Iterator[Session]:
    with synced(any_engine, register) as s:
        yield s


def _submit(db: Session, at: dt.datetime, values: dict[str, float | None], unit: str = "street_chigang") -> None:
    sub = new_submission(session=db, user="u", file_name="f.xlsx", sha256="0" * 64, created_at=at)
    v = VALUE_TABLE.c
    current = db.execute(select(v.id).where(v.is_current, v.unit_code == unit, v.period == JUNE.code,
                                            v.metric_code.in_(list(values)))).scalars().all()
    append_revisions(session=db, rows=[revision_row(unit=unit, metric=m, period=JUNE, value=value,
                                                    submission_id=sub.id or 0) for m, value in values.items()],
                     supersede=current)
    db.commit()


def _kept(db: Session) -> list[tuple[str, str, dt.date, list[str]]]:
    d = received_days.DAYS.c
    rows = db.execute(select(d.period, d.unit_code, d.day, d.metrics).order_by(d.period, d.unit_code, d.day)).all()
    return [(p, u, received_days.as_date(day), json.loads(m)) for p, u, day, m in rows]


def test_each_insert_keeps_the_days_of_the_units_and_periods_it_touched(both_db: Session) -> None:
    db = both_db
    _submit(db, dt.datetime(2019, 7, 1, 9, 0, tzinfo=UTC), {"visitors": None})  # a blank: nothing received
    assert _kept(db) == []
    _submit(db, dt.datetime(2019, 7, 3, 9, 0, tzinfo=UTC), {"completed": 4.0, "accepted": 5.0})
    _submit(db, dt.datetime(2019, 7, 1, 23, 30, tzinfo=UTC), {"visitors": 7.0})  # 07:30 on 2 July in China
    _submit(db, dt.datetime(2019, 7, 20, 9, 0, tzinfo=UTC), {"accepted": 6.0})  # a correction: moves nothing
    _submit(db, dt.datetime(2019, 7, 4, 9, 0, tzinfo=UTC), {"accepted": 1.0}, unit="street_xingang")
    assert _kept(db) == [
        ("2019-06", "street_chigang", dt.date(2019, 7, 2), ["visitors"]),
        ("2019-06", "street_chigang", dt.date(2019, 7, 3), ["accepted", "completed"]),  # in code-point order
        ("2019-06", "street_xingang", dt.date(2019, 7, 4), ["accepted"]),
    ]
    # stored later but dated earlier (a submission's time set by the caller): `completed` moves to 30 June
    _submit(db, dt.datetime(2019, 6, 30, 9, 0, tzinfo=UTC), {"completed": 4.0})
    assert _kept(db)[:2] == [
        ("2019-06", "street_chigang", dt.date(2019, 6, 30), ["completed"]),
        ("2019-06", "street_chigang", dt.date(2019, 7, 2), ["visitors"]),
    ]
    assert _kept(db)[2] == ("2019-06", "street_chigang", dt.date(2019, 7, 3), ["accepted"])
    assert received_days.differences(db) == (4, 0)


def test_the_demo_keeps_what_a_regrouping_of_the_first_received_times_gives(demo_db: Session) -> None:
    compared, differ = received_days.differences(demo_db)
    pairs = demo_db.execute(text("SELECT count(*) FROM (SELECT DISTINCT period, unit_code FROM first_received) AS k")
                            ).scalar_one()
    assert differ == 0 and compared >= pairs > 0  # every unit's period has a day or more


def test_rebuild_makes_a_damaged_table_afresh(both_db: Session) -> None:
    db = both_db
    _submit(db, dt.datetime(2019, 7, 3, 9, 0, tzinfo=UTC), {"accepted": 5.0, "completed": 4.0})
    _submit(db, dt.datetime(2019, 7, 9, 9, 0, tzinfo=UTC), {"visitors": 5.0})
    days = received_days.DAYS
    db.execute(update(days).where(days.c.day == dt.date(2019, 7, 3)).values(metrics='["accepted"]'))
    db.execute(days.delete().where(days.c.day == dt.date(2019, 7, 9)))
    assert received_days.differences(db) == (2, 2)
    assert received.rebuild(db) == 3  # the keys; the days made afresh with them
    assert received_days.differences(db) == (2, 0)
    assert [row[3] for row in _kept(db)] == [["accepted", "completed"], ["visitors"]]


def test_0019_fills_the_days_from_the_first_received_times(any_engine: Engine) -> None:
    config = alembic_config(any_engine)
    command.downgrade(config, "0018")
    suffix = "+00" if any_engine.dialect.name == "postgresql" else ""
    with any_engine.begin() as c:
        for period, unit, metric, at in (("2019-06", "u1", "m2", "2019-07-03 09:00:00"),
                                         ("2019-06", "u1", "m1", "2019-07-03 10:00:00"),
                                         ("2019-06", "u1", "m3", "2019-07-04 17:00:00"),  # 01:00 on the 5th in China
                                         ("2019-05", "u2", "m1", "2019-06-01 01:00:00")):
            c.execute(text("INSERT INTO first_received (period, unit_code, metric_code, received_at) "
                           "VALUES (:p, :u, :m, :at)"), {"p": period, "u": unit, "m": metric, "at": at + suffix})
    command.upgrade(config, "head")
    with session(any_engine) as s:
        assert _kept(s) == [("2019-05", "u2", dt.date(2019, 6, 1), ["m1"]),
                            ("2019-06", "u1", dt.date(2019, 7, 3), ["m1", "m2"]),
                            ("2019-06", "u1", dt.date(2019, 7, 5), ["m3"])]
        assert received_days.differences(s) == (3, 0)
    command.downgrade(config, "0018")
    with any_engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM first_received")).scalar_one() == 4  # the times stay
    command.upgrade(config, "head")
