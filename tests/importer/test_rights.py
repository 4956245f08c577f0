"""Rights and locks problems name the cell that decides them: the unit's column, the period's column."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlmodel import Session

from tests.helpers import csv_bytes
from tracker.access.audit import events
from tracker.access.locks import lock_period
from tracker.access.roles import SYSTEM, Actor
from tracker.core.errors import ImportRejected
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register

TODAY = dt.date(2026, 11, 22)
FILE = csv_bytes([["单位", "期间", "受理量"], ["新港街", "2019-06", "10"]])


def test_a_rights_problem_names_the_unit_column(db: Session, register: Register) -> None:
    """The probe: a rights problem named column 数值 (the value's), not the unit's."""
    clerk = Actor("clerk_a", "reporter", frozenset({"street_chigang"}))
    with pytest.raises(ImportRejected) as exc:
        plan_import(session=db, register=register, actor=clerk, name="f.csv", data=FILE, today=TODAY)
    [problem] = exc.value.problems
    assert (problem.line, problem.column) == (2, "A 单位")  # the column by its letter and header


def test_a_lock_problem_names_the_period_column(db: Session, register: Register) -> None:
    """The probe: a lock problem named column "None"."""
    lock_period(db, SYSTEM, "2019-06")
    with pytest.raises(ImportRejected) as exc:
        plan_import(session=db, register=register, actor=SYSTEM, name="f.csv", data=FILE, today=TODAY)
    [problem] = exc.value.problems
    assert (problem.line, problem.column, problem.value) == (2, "B 期间", "2019-06")
    assert problem.located("zh").startswith("f.csv:2:B 期间: 2019年6月 已锁定")


def test_a_period_locked_after_the_preview_refuses_the_store_naming_the_file(db: Session,
                                                                             register: Register) -> None:
    from sqlalchemy import text


    plan = plan_import(session=db, register=register, actor=SYSTEM, name="六月.csv", data=FILE, today=TODAY)
    lock_period(db, SYSTEM, "2019-06")  # between the preview and the confirmation
    with pytest.raises(ImportRejected) as exc:
        store_import(session=db, plan=plan, actor=Actor("王芳", "planner"))
    [problem] = exc.value.problems
    assert problem.located("zh").startswith("六月.csv:2:B 期间: 2019年6月 已锁定")
    assert db.execute(text("select count(*) from value_revision")).scalar_one() == 0
    audit = events(db, action="import_rejected").iloc[0]  # the refusal at the confirmation, on record
    assert (audit["user"], audit["subject"], audit["sha256"]) == ("王芳", "六月.csv", plan.sha256)
    assert json.loads(audit["detail"]) == {"problems": 1, "first": problem.text("zh")}


def test_a_store_by_someone_without_the_units_rights_is_refused_naming_the_file(db: Session,
                                                                                register: Register) -> None:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="六月.csv", data=FILE, today=TODAY)
    clerk = Actor("clerk_a", "reporter", frozenset({"street_chigang"}))  # 新港街's figures are not theirs
    with pytest.raises(ImportRejected) as exc:
        store_import(session=db, plan=plan, actor=clerk)
    [problem] = exc.value.problems
    assert problem.located("zh").startswith("六月.csv:2:A 单位: ")
