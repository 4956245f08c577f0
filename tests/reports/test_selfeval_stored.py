"""What a unit adds to its self-evaluation is stored with history (an edit is a new row, nothing is lost), written
only by the unit's own account or a planner, audited, and raises the data version — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from tests.helpers import synced
from tracker.access.audit import events
from tracker.access.roles import AccessDenied, Actor
from tracker.core.errors import EditConflict, UnknownUnit
from tracker.register import Register
from tracker.reports.selfeval.entry import ItemApprovals, SelfText, SelfTextInvalid
from tracker.reports.selfeval.stored import current_self_text, save_self_text, self_text_history
from tracker.storage.selfeval_models import SelfEvaluationItem, SelfEvaluationText
from tracker.storage.values import data_version

UNIT = "street_nanhuaxi"
PLANNER = Actor("planner", "planner")
OWN_CLERK = Actor("clerk_nanhuaxi", "reporter", frozenset({UNIT}))
OTHER_CLERK = Actor("clerk_chigang", "reporter", frozenset({"street_chigang"}))
SEED_003 = SelfText(items=(ItemApprovals("再生育子女审批", 5, 5, 5), ItemApprovals("广东省居住证核发", 2952, 2952, 2952),
                           ItemApprovals("廉租房申请初审", 757, 757, 757, 731)),
                    on_the_spot_share=70, banners=3, praise_letters=1, complaints=0, plan="统一制定便民服务指南。")


@pytest.fixture
def db(any_engine: Engine, register: Register) -> Iterator[Session]:
    with synced(any_engine, register) as s:
        yield s


def _rows(db: Session) -> tuple[int, int]:
    return (db.execute(select(func.count()).select_from(SelfEvaluationText)).scalar_one(),
            db.execute(select(func.count()).select_from(SelfEvaluationItem)).scalar_one())


def test_a_save_is_read_back_as_entered(db: Session, register: Register) -> None:
    revision = save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=SEED_003)
    stored = current_self_text(session=db, unit=UNIT, year=2016)
    assert stored is not None and stored.revision == revision and stored.user == "planner"
    assert stored.text == SEED_003  # the items in their order, 757/731, 70 %, 3 banners, 0 complaints
    assert current_self_text(session=db, unit=UNIT, year=2017) is None  # per year
    assert current_self_text(session=db, unit="street_chigang", year=2016) is None  # per unit


def test_an_edit_is_a_new_row_and_the_first_stays(db: Session, register: Register) -> None:
    first = save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=SEED_003)
    edited = SelfText(items=(ItemApprovals("廉租房申请初审", 757, 757, 757, 730),), banners=2)
    second = save_self_text(session=db, register=register, actor=OWN_CLERK, unit=UNIT, year=2016, text=edited)
    history = self_text_history(session=db, unit=UNIT, year=2016)
    assert [h.revision for h in history] == [second, first]  # newest first
    assert history[0].text == edited and history[0].user == "clerk_nanhuaxi"
    assert history[1].text == SEED_003  # the first save is untouched
    assert _rows(db) == (2, 3 + 1)  # two saves; 3 items in the first, 1 in the second


def test_the_units_own_account_and_planners_may_write_others_may_not(db: Session, register: Register) -> None:
    save_self_text(session=db, register=register, actor=OWN_CLERK, unit=UNIT, year=2016, text=SEED_003)
    for actor in (OTHER_CLERK, Actor("leader", "leader"), Actor("admin", "admin")):
        with pytest.raises(AccessDenied):
            save_self_text(session=db, register=register, actor=actor, unit=UNIT, year=2016, text=SEED_003)
    save_self_text(session=db, register=register, actor=PLANNER, unit="street_chigang", year=2016, text=SEED_003)
    assert _rows(db) == (2, 6)  # the refused saves wrote nothing


def test_a_refused_save_writes_nothing_and_keeps_the_version(db: Session, register: Register) -> None:
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=SEED_003)
    before = data_version(session=db)
    bad = SelfText(items=(ItemApprovals("廉租房申请初审", 757, approved=758),), reform="x\x00")
    with pytest.raises(SelfTextInvalid) as caught:
        save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=bad)
    assert len(caught.value.problems) == 2  # the NUL and 758 > 757, both at once
    with pytest.raises(UnknownUnit):
        save_self_text(session=db, register=register, actor=PLANNER, unit="nowhere", year=2016, text=SEED_003)
    assert _rows(db) == (1, 3) and data_version(session=db) == before
    stored = current_self_text(session=db, unit=UNIT, year=2016)
    assert stored is not None and stored.text == SEED_003


def test_a_save_is_audited_and_raises_the_data_version(db: Session, register: Register) -> None:
    before = data_version(session=db)
    save_self_text(session=db, register=register, actor=OWN_CLERK, unit=UNIT, year=2016, text=SEED_003)
    assert data_version(session=db) != before
    trail = events(db, action="self_text")
    assert len(trail) == 1
    assert (trail.iloc[0]["user"], trail.iloc[0]["subject"]) == ("clerk_nanhuaxi", f"{UNIT} 2016")


def test_versions_count_the_units_own_saves_of_the_year(db: Session, register: Register) -> None:
    # saves of other units and years in between do not advance this unit's version (they are rows of one table)
    save_self_text(session=db, register=register, actor=PLANNER, unit="street_chigang", year=2016, text=SEED_003)
    assert save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=SEED_003) == 1
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2017, text=SEED_003)
    assert save_self_text(session=db, register=register, actor=OWN_CLERK, unit=UNIT, year=2016, text=SelfText()) == 2
    assert [h.revision for h in self_text_history(session=db, unit=UNIT, year=2016)] == [2, 1]
    current = current_self_text(session=db, unit=UNIT, year=2016)
    assert current is not None and current.revision == 2


def test_a_form_opened_before_anothers_save_is_refused_and_stores_nothing(db: Session, register: Register) -> None:
    save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=SEED_003)
    mine = SelfText(plan="甲的计划。")
    save_self_text(session=db, register=register, actor=OWN_CLERK, unit=UNIT, year=2016, text=SelfText(plan="乙。"),
                   based_on=1)  # the clerk saves version 2 while the planner's form still shows version 1
    before = (_rows(db), data_version(session=db))
    with pytest.raises(EditConflict) as caught:
        save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=mine, based_on=1)
    said = caught.value.text("zh")
    assert said.startswith("南华西街政务服务中心 2016 年的自评内容已由 clerk_nanhuaxi 于 ") and "（第 2 版）" in said, said
    assert (_rows(db), data_version(session=db)) == before
    # the same text as the newer version is no conflict; shown the newer version, the edit is taken
    assert save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016,
                          text=SelfText(plan="乙。"), based_on=1) == 3
    assert save_self_text(session=db, register=register, actor=PLANNER, unit=UNIT, year=2016, text=mine,
                          based_on=3) == 4
