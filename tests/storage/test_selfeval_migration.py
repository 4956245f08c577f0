"""Migration 0014 (what a unit adds to its self-evaluation) goes up and down on SQLite and PostgreSQL, leaving
every other table and its data as it was."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect, text

from tracker.storage.db import alembic_config

TABLES = {"self_evaluation_text", "self_evaluation_item"}


def test_0014_down_and_up_again(any_engine: Engine) -> None:
    with any_engine.begin() as c:
        c.execute(text("insert into unit values ('street_nanhuaxi', '南华西街政务服务中心', 'Nanhuaxi', 'street', null)"))
        c.execute(text("insert into self_evaluation_text (unit, year, opening, reform, efficiency, mechanisms, "
                       "innovation, problems, plan, banners, \"user\", created_at) values ('street_nanhuaxi', 2016, "
                       "'', '', '', '', '', '', '统一制定便民服务指南。', 3, 'planner', '2017-08-21 10:00:00')"))
        entry = c.execute(text("select id from self_evaluation_text")).scalar_one()
        c.execute(text("insert into self_evaluation_item (entry_id, position, name, applications, approved) "
                       f"values ({entry}, 1, '廉租房申请初审', 757, 731)"))
    assert set(inspect(any_engine).get_table_names()) >= TABLES
    config = alembic_config(any_engine)
    command.downgrade(config, "0013")  # the migration before it
    tables = set(inspect(any_engine).get_table_names())
    assert not TABLES & tables and "narrative" in tables
    with any_engine.connect() as c:
        assert c.execute(text("select name_zh from unit")).scalar_one() == "南华西街政务服务中心"  # kept
    command.upgrade(config, "0014")
    assert set(inspect(any_engine).get_table_names()) >= TABLES
    with any_engine.connect() as c:
        assert c.execute(text("select count(*) from self_evaluation_text")).scalar_one() == 0
        columns = {col["name"] for col in inspect(any_engine).get_columns("self_evaluation_item")}
    assert columns == {"id", "entry_id", "position", "name", "applications", "accepted", "on_time", "approved"}
