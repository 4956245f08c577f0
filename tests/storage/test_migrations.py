"""A database created at the first revision upgrades to head without losing data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tracker.storage.db import alembic_config, head_revision, make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]


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
    assert (row.value, row.flags, kind) == (4471.0, None, "count")
    assert version == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()  # the newest migration
    assert {"browser_session", "api_token"} <= set(tables)


def test_the_briefing_text_migration_goes_up_and_down(tmp_path: Path) -> None:
    """0013 adds the briefing's own sections (issue 18) to a database that has data, and its downgrade removes
    them alone."""
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    before = ScriptDirectory.from_config(alembic_config(engine)).get_revision("0013").down_revision
    assert isinstance(before, str)
    upgrade(engine, before)
    assert "briefing_text" not in inspect(engine).get_table_names()
    with engine.begin() as c:
        c.execute(text("insert into briefing_issue (month, year, number, total, user, created_at) "
                       "values ('2017-10', 2017, 12, 136, 'u', '2017-11-08 10:00:00')"))
    upgrade(engine, "0013")
    assert {c["name"] for c in inspect(engine).get_columns("briefing_text")} == {
        "id", "month", "section", "body", "score", "rank", "user", "created_at"}
    assert [i["name"] for i in inspect(engine).get_indexes("briefing_text")] == ["ix_briefing_text_month_section"]
    with engine.begin() as c:
        c.execute(text("insert into briefing_text (month, section, body, score, rank, user, created_at) values "
                       "('2017-10', 'ranking', '', 9.7, 7, 'u', '2017-11-08 10:00:00')"))
        assert c.execute(text("select score, rank from briefing_text")).one() == (9.7, 7)
    command.downgrade(alembic_config(engine), before)
    assert "briefing_text" not in inspect(engine).get_table_names()
    with engine.connect() as c:  # what was there before stays
        assert c.execute(text("select number, total from briefing_issue")).one() == (12, 136)
    upgrade(engine)
    assert "briefing_text" in inspect(engine).get_table_names()


def test_the_head_is_read_from_the_migration_file_names_as_alembic_chains_them(tmp_path: Path) -> None:
    """The quick check at every start compares the database with `head_revision()`: it must be Alembic's head,
    and every migration's file name must start with its revision."""
    scripts = ScriptDirectory.from_config(alembic_config(make_engine(f"sqlite:///{tmp_path / 'x.db'}")))
    assert head_revision() == scripts.get_current_head()
    for script in scripts.walk_revisions():
        assert Path(script.path).name.startswith(f"{script.revision}_"), script.path


def test_an_older_database_is_still_upgraded_and_a_current_one_left_alone(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0014")
    upgrade(engine)  # one revision behind: the migrations run
    with engine.connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar_one() == head_revision()
        assert "ix_submission_created" in {i["name"] for i in inspect(c).get_indexes("submission")}  # 0015's work


def test_opening_a_current_database_does_not_load_alembic(tmp_path: Path) -> None:
    """A process that opens a database already at head (every command after the first) imports neither Alembic
    nor the migrations; one that finds it behind does."""
    db = tmp_path / "t.db"
    upgrade(make_engine(f"sqlite:///{db}"), "0014")
    probe = ("import sys; from tracker.storage.db import make_engine, upgrade; "
             f"upgrade(make_engine('sqlite:///{db}')); print('alembic' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.strip() == "True", run.stderr  # one revision behind: upgraded through Alembic
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.strip() == "False", run.stderr  # now at head: left alone
    with make_engine(f"sqlite:///{db}").connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar_one() == head_revision()
