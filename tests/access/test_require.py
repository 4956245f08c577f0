"""Every action's right is checked by the domain function itself (not only by hiding a page): called directly with
a role that lacks the right, each refuses with the named error and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.helpers import csv_bytes
from tracker.access import accounts
from tracker.access.audit import audit_trail, events
from tracker.access.locks import lock_period
from tracker.access.roles import SYSTEM, AccessDenied, Actor
from tracker.core.errors import ImportRejected
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.reports.briefing.office import OfficeEdit, save_office_texts
from tracker.reports.catalogue import briefing_export, departments_export, evaluation_export
from tracker.reports.narratives import save_narrative
from tracker.storage.backup import backup
from tracker.storage.models import Account, AuditEvent
from tracker.storage.restore import restore
from tracker.storage.values import current_values

LEADER, CLERK, PLANNER, ADMIN = (Actor("l", "leader"), Actor("c", "reporter", frozenset({"street_chigang"})),
                                 Actor("p", "planner"), Actor("a", "admin"))


def _audit_count(db: Session) -> int:
    return int(db.execute(select(func.count()).select_from(AuditEvent)).scalar_one())


@pytest.fixture
def named(db: Session, register: Register) -> Session:
    accounts.add_account(db, register, actor=SYSTEM, name="clerk_x", role="reporter", password="long enough",
                         units=["street_chigang"])
    return db


REFUSALS: dict[str, tuple[Actor, Callable[[Session, Register, Engine, Path], object]]] = {
    "account_add": (PLANNER, lambda s, r, e, p: accounts.add_account(
        s, r, actor=PLANNER, name="new_one", role="leader", password="long enough")),
    "account_password": (LEADER, lambda s, r, e, p: accounts.set_password(
        s, actor=LEADER, name="clerk_x", password="another long one")),
    "account_disable": (CLERK, lambda s, r, e, p: accounts.set_active(s, actor=CLERK, name="clerk_x", active=False)),
    "account_assign": (PLANNER, lambda s, r, e, p: accounts.assign_units(
        s, r, actor=PLANNER, name="clerk_x", units=["street_xingang"])),
    "export_evaluation": (CLERK, lambda s, r, e, p: evaluation_export(
        session=s, register=r, actor=CLERK, kind="midterm", as_of="2018-06", suffix=".xlsx")),
    "export_briefing": (ADMIN, lambda s, r, e, p: briefing_export(
        session=s, register=r, actor=ADMIN, month="2017-10", suffix=".md")),
    "export_departments": (CLERK, lambda s, r, e, p: departments_export(
        session=s, register=r, actor=CLERK, period="2019H1", suffix=".xlsx")),
    "backup": (PLANNER, lambda s, r, e, p: backup(e, p / "copy.db", actor=PLANNER)),
    "restore": (LEADER, lambda s, r, e, p: restore(e, str(p / "copy.db"), register=r, force=True, actor=LEADER)),
    "audit_trail": (LEADER, lambda s, r, e, p: audit_trail(s, actor=LEADER)),
    "lock": (CLERK, lambda s, r, e, p: lock_period(s, CLERK, "2019-06", "x")),
    "narrative": (ADMIN, lambda s, r, e, p: save_narrative(
        session=s, register=r, actor=ADMIN, target="evaluation_rate", period="2018-06", analysis="a", measures="m")),
    "briefing_text": (LEADER, lambda s, r, e, p: save_office_texts(
        session=s, actor=LEADER, month="2017-10", edits=[OfficeEdit("news", "（一）开展消防知识培训。")])),
}


@pytest.mark.parametrize("action", list(REFUSALS))
def test_each_action_is_refused_at_the_domain_function(action: str, named: Session, register: Register,
                                                       engine: Engine, tmp_path: Path) -> None:
    actor, call = REFUSALS[action]
    before = _audit_count(named)
    accounts_before = [(a.name, a.active, a.password_hash) for a in named.execute(select(Account)).scalars()]
    with pytest.raises(AccessDenied) as refused:
        call(named, register, engine, tmp_path)
    assert refused.value.params["user"] == actor.name
    assert _audit_count(named) == before  # nothing happened, so nothing was recorded
    assert [(a.name, a.active, a.password_hash) for a in named.execute(select(Account)).scalars()] == accounts_before
    assert not (tmp_path / "copy.db").exists()


def test_the_same_calls_succeed_for_a_role_that_has_the_right(named: Session, register: Register,
                                                              engine: Engine, tmp_path: Path) -> None:
    accounts.set_active(named, actor=ADMIN, name="clerk_x", active=False)
    departments_export(session=named, register=register, actor=LEADER, period="2019H1", suffix=".xlsx")
    backup(engine, tmp_path / "copy.db", actor=ADMIN)
    assert (tmp_path / "copy.db").exists()
    assert list(audit_trail(named, actor=PLANNER)["action"])[:3] == ["backup", "export", "account_disable"]


def test_an_upload_is_refused_for_a_role_without_the_right_even_after_a_planners_preview(
        db: Session, register: Register) -> None:
    data = csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", 100]])
    plan = plan_import(session=db, register=register, actor=PLANNER, name="a.csv", data=data)
    with pytest.raises(ImportRejected) as e:  # the store checks the right again, for whoever confirms
        store_import(session=db, plan=plan, actor=LEADER)
    assert e.value.problems[0].key == "import.no_upload_right"
    assert current_values(session=db).empty
    assert events(db)["action"].tolist()[0] == "import_rejected"
