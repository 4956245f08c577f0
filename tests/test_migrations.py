"""A database created at the first revision upgrades to head without losing data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from tracker.db import make_engine, upgrade


def test_upgrade_from_first_revision_keeps_data(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    assert "meta" not in inspect(engine).get_table_names()
    with engine.begin() as c:
        c.execute(text("insert into unit values ('street_chigang', '赤岗街政务服务中心', 'Chigang', 'street', null)"))
        c.execute(text("insert into metric values ('accepted', '受理量', 'Cases accepted', '件', 'sum', 'month')"))
        c.execute(text("insert into submission (id, user, created_at, file_name, sha256, source, values_new, "
                       "values_changed, is_sample) values (1, 'u', '2019-07-03 10:00:00', 'f.xlsx', 'x', "
                       "'import', 1, 0, 0)"))
        c.execute(text("insert into value_revision (unit_code, metric_code, period, period_kind, period_start, "
                       "period_end, value, is_current, submission_id, created_at) values ('street_chigang', "
                       "'accepted', '2019-06', 'month', 24233, 24233, 4471, 1, 1, '2019-07-03 10:00:00')"))
    upgrade(engine)
    tables = inspect(engine).get_table_names()
    assert {"meta", "unit_tree"} <= set(tables)
    with engine.connect() as c:
        row = c.execute(text("select value, flags from value_revision")).one()
        kind = c.execute(text("select kind from metric")).scalar_one()
        version = c.execute(text("select version_num from alembic_version")).scalar_one()
    assert (row.value, row.flags, kind, version) == (4471.0, None, "count", "0005")
