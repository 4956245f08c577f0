"""Restore: every bad backup leaves the live database exactly as it was; a good one is checked, said, kept and
swapped; accounts and the audit trail are not lost unless told; the data version never repeats."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.helpers import csv_bytes, synced
from tracker.access.accounts import add_account, list_accounts
from tracker.access.audit import events
from tracker.access.roles import SYSTEM, Actor
from tracker.core.errors import TrackerError
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.storage.backup import backup
from tracker.storage.db import known_revisions, make_engine, session, upgrade
from tracker.storage.restore import BackupFacts, Loss, restore
from tracker.storage.values import current_values, data_version

ADMIN = Actor("root_admin", "system")


def _import(engine: Engine, register: Register, rows: list[list[object]]) -> None:
    with session(engine) as s:
        plan = plan_import(session=s, register=register, actor=SYSTEM, name="f.csv",
                           data=csv_bytes([["单位", "期间", "受理量", "办结量"], *rows]))
        store_import(session=s, plan=plan, actor=SYSTEM)


@pytest.fixture
def live(tmp_path: Path, register: Register) -> Iterator[Engine]:
    """A live database holding two values, one account and their audit events."""
    engine = make_engine(f"sqlite:///{tmp_path / 'live' / 'tracker.db'}")
    upgrade(engine)
    with synced(engine, register) as s:
        add_account(s, register, actor=SYSTEM, name="clerk_a", role="leader", password="long enough")
    _import(engine, register, [["赤岗街", "2019-06", 100, 90]])
    yield engine
    engine.dispose()


def dump(engine: Engine) -> list[str]:
    """Every statement that would rebuild the database: equal dumps, equal databases."""
    con = sqlite3.connect(engine.url.database or "")
    try:
        return list(con.iterdump())
    finally:
        con.close()


def good_backup(engine: Engine, folder: Path) -> Path:
    path, _ = backup(engine, folder / "good.db", actor=ADMIN)
    return path


def _edit(path: Path, *sql: str) -> None:
    con = sqlite3.connect(path)
    for statement in sql:
        con.execute(statement)
    con.commit()
    con.close()


def newer_schema(engine: Engine, folder: Path) -> Path:
    path = shutil.copy(good_backup(engine, folder), folder / "newer.db")
    _edit(Path(path), "UPDATE alembic_version SET version_num = '0099'")
    return Path(path)


def damaged_pages(engine: Engine, folder: Path) -> Path:
    """Garbage in the pages of two indexes: the schema still reads, the file opens, only a check finds it."""
    path = Path(shutil.copy(good_backup(engine, folder), folder / "damaged.db"))
    con = sqlite3.connect(path)
    pages = [r[0] for r in con.execute("select rootpage from sqlite_master where name in "
                                       "('ix_value_current', 'ix_audit_at')")]
    size = con.execute("pragma page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    for page in pages:
        start = (page - 1) * size
        data[start + 8: start + 40] = b"\xa5" * 32
    path.write_bytes(bytes(data))
    return path


def wrong_columns(engine: Engine, folder: Path) -> Path:
    path = Path(shutil.copy(good_backup(engine, folder), folder / "columns.db"))
    _edit(path, "ALTER TABLE value_revision DROP COLUMN note", "ALTER TABLE account DROP COLUMN is_demo")
    return path


def first_schema(engine: Engine, folder: Path) -> Path:
    """A backup of a database at the first schema revision (no accounts, no audit trail) holding one value."""
    path = folder / "first.db"
    old = make_engine(f"sqlite:///{path}")
    upgrade(old, "0001")
    with old.begin() as c:
        c.execute(text("insert into unit values ('street_chigang', '赤岗街政务服务中心', 'Chigang', 'street', null)"))
        c.execute(text("insert into metric values ('accepted', '受理量', 'Cases accepted', '件', 'sum', 'month')"))
        c.execute(text("insert into submission (id, user, created_at, file_name, sha256, source, values_new, "
                       "values_changed, is_sample) values (1, 'u', '2019-07-03 10:00:00', 'f.xlsx', 'x', 'import', 1, 0, 0)"))
        c.execute(text("insert into value_revision (unit_code, metric_code, period, period_kind, period_start, "
                       "period_end, value, is_current, submission_id, created_at) values ('street_chigang', "
                       "'accepted', '2019-05', 'month', 24232, 24232, 4471, 1, 1, '2019-07-03 10:00:00')"))
    old.dispose()
    return path


def not_sqlite(engine: Engine, folder: Path) -> Path:
    path = folder / "junk.db"
    path.write_bytes(b"not a database at all" * 100)
    return path


def other_sqlite(engine: Engine, folder: Path) -> Path:
    path = folder / "other.db"
    _edit(path, "CREATE TABLE value_revision (x)")
    return path


BAD = {"newer schema": (newer_schema, f"数据库版本 0099 不是本版本认识的版本（本版本最高为 {known_revisions()[0]}）"),
       "damaged pages": (damaged_pages, "已损坏"),
       "wrong columns": (wrong_columns, "缺少：account.is_demo, value_revision.note"),
       "first schema, no accounts or audit trail": (first_schema, "未恢复：备份中没有当前数据库的 1 个账号（clerk_a）"),
       "not SQLite": (not_sqlite, "文件开头不是 SQLite 数据库"),
       "another program's SQLite": (other_sqlite, "没有数据库版本表")}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_backup_leaves_the_live_database_exactly_as_it_was(case: str, live: Engine, register: Register,
                                                                 tmp_path: Path) -> None:
    make, says = BAD[case]
    bad = make(live, tmp_path)
    before, version = dump(live), data_version(session=session(live))
    folder = Path(live.url.database or "").parent
    files = sorted(p.name for p in folder.iterdir())
    with pytest.raises(TrackerError) as refused:
        restore(live, str(bad), register=register, actor=ADMIN, force=True)
    assert says in refused.value.text("zh")
    assert dump(live) == before
    assert sorted(p.name for p in folder.iterdir()) == files  # no kept file, no copy left behind
    with session(live) as s:
        assert data_version(session=s) == version
        assert len(current_values(session=s)) == 2 and [a.name for a in list_accounts(s)] == ["clerk_a"]


def test_a_good_backup_is_said_kept_and_swapped(live: Engine, register: Register, tmp_path: Path) -> None:
    path = good_backup(live, tmp_path)
    before = dump(live)
    _import(live, register, [["赤岗街", "2019-06", 120, 110], ["新港街", "2019-06", 5, 5]])
    with session(live) as s:
        changed = data_version(session=s)
    said: list[tuple[BackupFacts, Loss]] = []
    done = restore(live, str(path), register=register, actor=ADMIN, force=True, keep=True,
                   on_checked=lambda f, x: said.append((f, x)))
    assert done is not None
    facts, loss = said[0]
    # the backup held 2 values (accepted and completed of 赤岗街 2019-06) and clerk_a; the live database has one
    # event more (the second import), carried over; the backup's own backup event is in the backup
    assert (facts.values, facts.first_period, facts.last_period, facts.accounts) == (2, "2019-06", "2019-06", ("clerk_a",))
    assert loss == Loss((), 1) and (done.carried_accounts, done.carried_events) == (1, 1)
    with session(live) as s:
        values = {(u, m): v for u, m, v in zip(*(current_values(session=s)[c] for c in ("unit", "metric", "value")), strict=True)}
        assert values == {("street_chigang", "accepted"): 100.0, ("street_chigang", "completed"): 90.0}
        version = data_version(session=s)
        assert version not in (changed,) and int(version.split(".")[1]) > int(changed.split(".")[1])
        assert events(s)["action"].tolist()[0] == "restore"
    kept = sqlite3.connect(done.kept)
    assert kept.execute("select count(*) from value_revision where is_current").fetchone() == (4,)  # 2 + 新港街's 2
    kept.close()
    assert before != dump(live)


def test_losing_accounts_or_the_audit_trail_needs_to_be_told(live: Engine, register: Register,
                                                            tmp_path: Path) -> None:
    path = good_backup(live, tmp_path)
    with session(live) as s:
        add_account(s, register, actor=SYSTEM, name="late_one", role="planner", password="long enough pass")
    before = dump(live)
    with pytest.raises(TrackerError) as refused:
        restore(live, str(path), register=register, actor=ADMIN, force=True)
    # the live database has one account (late_one) and one event (its creation) the backup lacks
    assert refused.value.params["accounts"] == 1 and refused.value.params["events"] == 1
    assert dump(live) == before
    restore(live, str(path), register=register, actor=ADMIN, force=True, keep=True)
    with session(live) as s:
        assert [a.name for a in list_accounts(s)] == ["clerk_a", "late_one"]
        assert "account_add" in events(s, action="account_add")["action"].tolist()
        assert events(s, action="account_add")["subject"].tolist() == ["late_one", "clerk_a"]
    with session(live) as s:
        add_account(s, register, actor=SYSTEM, name="later_one", role="planner", password="long enough pass")
    restore(live, str(path), register=register, actor=ADMIN, force=True, drop=True)
    with session(live) as s:
        assert [a.name for a in list_accounts(s)] == ["clerk_a"]


def test_values_are_not_overwritten_without_force(live: Engine, register: Register, tmp_path: Path) -> None:
    path = good_backup(live, tmp_path)
    before = dump(live)
    with pytest.raises(TrackerError) as refused:
        restore(live, str(path), register=register, actor=ADMIN)
    assert refused.value.text("en") == "The database holds 2 values; add --force to overwrite it"
    assert dump(live) == before


def test_a_check_only_says_what_the_backup_holds(live: Engine, register: Register, tmp_path: Path) -> None:
    path = good_backup(live, tmp_path)
    before = dump(live)
    said: list[BackupFacts] = []
    assert restore(live, str(path), register=register, actor=ADMIN, dry_run=True,
                   on_checked=lambda f, x: said.append(f)) is None
    assert said[0].values == 2 and dump(live) == before


def test_the_first_schema_backup_restores_when_told_keeping_accounts(live: Engine, register: Register,
                                                                    tmp_path: Path) -> None:
    path = first_schema(live, tmp_path)
    restore(live, str(path), register=register, actor=ADMIN, force=True, keep=True)
    with session(live) as s:
        assert [a.name for a in list_accounts(s)] == ["clerk_a"]
        values = current_values(session=s)
        assert (values["period"].tolist(), values["value"].tolist()) == (["2019-05"], [4471.0])
        assert {"account_add", "import_stored", "restore"} <= set(events(s)["action"])


def test_a_preview_made_before_a_restore_is_stored_against_what_is_there_after(live: Engine, register: Register,
                                                                              tmp_path: Path) -> None:
    """The probe: a preview checked before a restore and stored after it left a key with no current value (the
    data version repeated, so the preview's superseded ids were taken for the restored database's)."""
    path = good_backup(live, tmp_path)
    _import(live, register, [["赤岗街", "2019-06", 120, 110]])
    with session(live) as s:
        plan = plan_import(session=s, register=register, actor=SYSTEM, name="g.csv",
                           data=csv_bytes([["单位", "期间", "受理量", "办结量"], ["赤岗街", "2019-06", 130, 120]]))
    restore(live, str(path), register=register, actor=ADMIN, force=True, keep=True)
    with session(live) as s:
        store_import(session=s, plan=plan, actor=SYSTEM)
        rows = s.execute(text("select metric_code, value from value_revision where is_current "
                              "order by metric_code")).all()
    assert [tuple(r) for r in rows] == [("accepted", 130.0), ("completed", 120.0)]


def test_the_data_version_does_not_repeat_after_a_restore_and_another_import(live: Engine, register: Register,
                                                                             tmp_path: Path) -> None:
    path = good_backup(live, tmp_path)
    seen = set()
    _import(live, register, [["新港街", "2019-06", 7, 7]])
    with session(live) as s:
        seen.add(data_version(session=s))
    restore(live, str(path), register=register, actor=ADMIN, force=True, drop=True)
    _import(live, register, [["新港街", "2019-06", 8, 8]])  # the same number of rows as the undone import
    with session(live) as s:
        assert data_version(session=s) not in seen
