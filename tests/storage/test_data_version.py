"""The data version: raised in the same transaction as every stored change, and by nothing else."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session

from tests.helpers import csv_bytes
from tracker.access.locks import lock_period, unlock_period
from tracker.access.roles import SYSTEM
from tracker.core.errors import ImportRejected
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.reports.briefing.office import OfficeEdit, save_office_texts
from tracker.reports.narratives import save_narrative
from tracker.storage.demo import load_demo
from tracker.storage.register_tables import sync_register
from tracker.storage.values import data_version


def counter(db: Session) -> int:
    return int(data_version(session=db).split(".")[1])


def _import(db: Session, register: Register) -> None:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="f.csv",
                       data=csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", 5]]))
    store_import(session=db, plan=plan, actor=SYSTEM)


def _renamed(db: Session, register: Register) -> None:
    unit = register.units["street_chigang"].model_copy(update={"name_zh": "赤岗街道政务服务中心"})
    changed = Register(plan=register.plan, rules=register.rules, metrics=register.metrics,
                       indicators=register.indicators, targets=register.targets,
                       units={**register.units, "street_chigang": unit}, children=register.children)
    sync_register(session=db, register=changed)
    db.commit()


CHANGES: dict[str, Callable[[Session, Register], object]] = {
    "import": _import,
    "lock": lambda db, r: lock_period(db, SYSTEM, "2019-06"),
    "unlock": lambda db, r: (lock_period(db, SYSTEM, "2019-05"), unlock_period(db, SYSTEM, "2019-05")),
    "narrative": lambda db, r: save_narrative(session=db, register=r, actor=SYSTEM, target="evaluation_rate",
                                              period="2018-06", analysis="a", measures="m"),
    "briefing text": lambda db, r: save_office_texts(session=db, actor=SYSTEM, month="2017-10",
                                                     edits=[OfficeEdit("news", "开展消防知识培训")]),
    "register sync": _renamed,
    "demo load": lambda db, r: load_demo(session=db, register=r),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_stored_change_raises_the_data_version(change: str, db: Session, register: Register) -> None:
    before = counter(db)
    CHANGES[change](db, register)
    db.rollback()  # what was committed stays; nothing raised it outside a transaction that committed
    assert counter(db) > before


def test_reading_and_an_unchanged_register_leave_it_alone(db: Session, register: Register) -> None:
    before = data_version(session=db)
    assert sync_register(session=db, register=register) is False
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="f.csv",
                       data=csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", 5]]))
    db.rollback()
    assert plan.has_changes and data_version(session=db) == before


def test_a_rejected_store_leaves_it_alone(db: Session, register: Register) -> None:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="f.csv",
                       data=csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", 5]]))
    lock_period(db, SYSTEM, "2019")
    before = data_version(session=db)
    with pytest.raises(ImportRejected):  # the lock made since the preview refuses the file
        store_import(session=db, plan=plan, actor=SYSTEM)
    assert data_version(session=db) == before
