"""Import jobs: a confirmed import is stored by a worker, and every ending is kept, audited and shown once."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from tests.helpers import csv_bytes, synced
from tracker.access.audit import events
from tracker.access.locks import lock_period
from tracker.access.roles import Actor
from tracker.importer import apply, jobs
from tracker.importer.apply import ImportPlan, plan_import
from tracker.register import Register
from tracker.storage.db import make_engine, session, upgrade
from tracker.storage.models import ImportJob
from tracker.storage.values import count_values

CLERK = Actor("clerk_a", "planner")
CSV = csv_bytes([["单位", "期间", "受理量", "办结量"], ["赤岗街", "2019-06", 100, 90], ["新港街", "2019-06", 7, 7]])


@pytest.fixture
def db_engine(engine: Engine, register: Register) -> Engine:
    with synced(engine, register):
        pass
    return engine


def _plan(engine: Engine, register: Register, data: bytes = CSV) -> ImportPlan:
    with session(engine) as s:
        return plan_import(session=s, register=register, actor=CLERK, name="六月.csv", data=data)


def _finished(engine: Engine, job_id: int) -> jobs.JobState:
    assert jobs.wait(engine, job_id, 60)
    state = jobs.job_state(engine, job_id)
    assert state is not None and state.finished
    return state


def test_a_job_stores_audits_and_is_shown_once(db_engine: Engine, register: Register) -> None:
    job = jobs.start_store(db_engine, _plan(db_engine, register), CLERK)
    state = _finished(db_engine, job)
    # four values: 受理量 and 办结量 of two streets
    assert (state.status, state.summary["new"], state.summary["file"]) == ("stored", 4, "六月.csv")
    assert state.plan is not None and state.plan.count("new") == 4
    with session(db_engine) as s:
        assert count_values(session=s) == 4
        stored = events(s, action="import_stored")
        assert stored["subject"].tolist() == ["六月.csv"] and '"new": 4' in stored["detail"][0]
        row = s.get(ImportJob, job)
        assert row is not None and row.submission_id and (row.values_new, row.values_changed) == (4, 0)
    assert jobs.latest_unseen(db_engine, "clerk_a") == job
    jobs.mark_seen(db_engine, job)
    assert jobs.latest_unseen(db_engine, "clerk_a") is None


def test_two_databases_jobs_of_the_same_id_keep_to_their_own(db_engine: Engine, register: Register, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # job 1 of one database is still storing while job 1 of another starts and ends (one process, two databases:
    # the page tests). Kept by id alone, the second worker's end removed the first's entry: the first job was
    # then judged interrupted while its worker ran, and the second shown the first's plan.
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    upgrade(other)
    with synced(other, register):
        pass
    slow = threading.Event()
    real = jobs.store_import

    def held(**kw: Any) -> int:
        if str(kw["session"].get_bind().url) == str(db_engine.url):
            assert slow.wait(60)
        return real(**kw)

    monkeypatch.setattr(jobs, "store_import", held)
    first = jobs.start_store(db_engine, _plan(db_engine, register), CLERK)
    one_row = csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-07", 5]])
    second = jobs.start_store(other, _plan(other, register, one_row), CLERK)
    assert first == second == 1
    assert jobs.wait(other, second, 60)
    mine = jobs.job_state(other, second)
    assert mine is not None and mine.status == "stored" and mine.plan is not None and mine.plan.count("new") == 1
    running = jobs.job_state(db_engine, first)
    assert running is not None and running.status == "running"  # its worker still runs: not interrupted
    slow.set()
    assert jobs.wait(db_engine, first, 60)
    done = jobs.job_state(db_engine, first)
    assert done is not None and done.status == "stored" and done.plan is not None and done.plan.count("new") == 4
    again = jobs.job_state(other, second)
    assert again is not None and again.plan is not None and again.plan.count("new") == 1  # still its own plan
    other.dispose()


def _ends_mid_read(engine: Engine, register: Register, monkeypatch: pytest.MonkeyPatch) -> tuple[int, jobs.JobState]:
    """Start a job whose worker waits; read its state, and while its row (still "running") is loaded, let the
    worker store, commit its ending and leave."""
    hold = threading.Event()
    real = jobs.store_import

    def held(**kw: Any) -> int:
        assert hold.wait(60)
        return real(**kw)

    monkeypatch.setattr(jobs, "store_import", held)
    job = jobs.start_store(engine, _plan(engine, register), CLERK)
    ended: list[bool] = []

    def worker_ends_mid_read(target: ImportJob, _context: object) -> None:
        if target.id == job and not ended:
            hold.set()
            ended.append(jobs.wait(engine, job, 60))

    event.listen(ImportJob, "load", worker_ends_mid_read)
    try:
        state = jobs.job_state(engine, job)
    finally:
        event.remove(ImportJob, "load", worker_ends_mid_read)
    assert ended == [True] and state is not None
    return job, state


def _stored_not_interrupted(engine: Engine, job: int) -> None:
    done = jobs.job_state(engine, job)
    assert done is not None and done.status == "stored" and done.summary["new"] == 4
    with session(engine) as s:
        assert count_values(session=s) == 4 and events(s, action="import_interrupted").empty


def test_a_job_that_ends_while_its_row_is_read_is_not_judged_interrupted(db_engine: Engine, register: Register,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Judged after the read, "running and no worker" said interrupted: the stored file was shown as "nothing
    # saved, upload again" (the upload page test's CI failure). The worker is looked for before the row is read.
    job, state = _ends_mid_read(db_engine, register, monkeypatch)
    assert state.status == "running"  # as read: its worker was there
    _stored_not_interrupted(db_engine, job)


def test_marking_a_job_interrupted_never_overwrites_an_ending_committed_meanwhile(
        db_engine: Engine, register: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "_worker_here", lambda *_: False)  # the look-up missed it (another process's view)
    job, state = _ends_mid_read(db_engine, register, monkeypatch)
    assert state.status == "stored"  # the mark found the row no longer running and left it
    _stored_not_interrupted(db_engine, job)


def test_a_job_with_nothing_to_store_says_so_and_is_audited(db_engine: Engine, register: Register) -> None:
    plan = _plan(db_engine, register)
    with session(db_engine) as s:
        apply.store_import(session=s, plan=plan, actor=CLERK)
    again = _plan(db_engine, register)
    assert not again.has_changes
    state = _finished(db_engine, jobs.start_store(db_engine, again, CLERK))
    assert state.status == "nothing"
    with session(db_engine) as s:
        assert events(s, action="import_unchanged")["subject"].tolist() == ["六月.csv"]


def test_a_lock_made_since_the_preview_rejects_the_job(db_engine: Engine, register: Register) -> None:
    plan = _plan(db_engine, register)
    with session(db_engine) as s:
        lock_period(s, Actor("p", "planner"), "2019-06", "已印发")
    state = _finished(db_engine, jobs.start_store(db_engine, plan, CLERK))
    assert state.status == "rejected" and state.error["zh"].startswith("文件被拒收")
    assert "已锁定" in state.problems[0].text("zh")
    with session(db_engine) as s:
        assert count_values(session=s) == 0 and len(events(s, action="import_rejected")) == 1


def test_a_full_disk_during_the_store_is_a_failed_job_audited(db_engine: Engine, register: Register,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan(db_engine, register)

    def full(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(apply, "append_revisions", full)
    state = _finished(db_engine, jobs.start_store(db_engine, plan, CLERK))
    assert state.status == "failed" and "磁盘已满" in state.error["zh"]
    with session(db_engine) as s:
        assert count_values(session=s) == 0
        assert "磁盘已满" in events(s, action="import_failed")["detail"][0]


def test_a_job_left_running_by_a_process_that_ended_is_interrupted_and_audited(db_engine: Engine) -> None:
    with session(db_engine) as s:
        old = ImportJob(user="clerk_a", file_name="五月.csv", sha256="0" * 64, status="running",
                        started_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31),
                        message=json.dumps({"runner": "another-process"}))
        recent = ImportJob(user="clerk_a", file_name="六月.csv", sha256="1" * 64, status="running",
                           message=json.dumps({"runner": "another-process"}))
        s.add(old)
        s.add(recent)
        s.commit()
        ids = (old.id or 0, recent.id or 0)
    first, second = (jobs.job_state(db_engine, i) for i in ids)
    assert first is not None and first.status == "interrupted"
    assert second is not None and second.status == "running"  # another process may still be storing it
    with session(db_engine) as s:
        assert events(s, action="import_interrupted")["subject"].tolist() == ["五月.csv"]


def test_the_no_op_import_of_the_command_line_is_audited(db: Session, register: Register) -> None:
    plan = plan_import(session=db, register=register, actor=CLERK, name="六月.csv", data=CSV)
    apply.store_import(session=db, plan=plan, actor=CLERK)
    again = plan_import(session=db, register=register, actor=CLERK, name="六月.csv", data=CSV)
    assert apply.store_import(session=db, plan=again, actor=CLERK) == 0
    assert events(db, action="import_unchanged")["user"].tolist() == ["clerk_a"]
