"""Who may do what: the role matrix, accounts and sign-in, imports for one's own units, locked periods."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from tests.helpers import csv_bytes
from tracker.access import accounts
from tracker.access.audit import events
from tracker.access.locks import lock_period, locks, unlock_period
from tracker.access.roles import SYSTEM, AccessDenied, Actor, may_upload_for, require, upload_units
from tracker.core.errors import ImportRejected, TrackerError
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.reports.narratives import save_narrative
from tracker.storage.models import Account
from tracker.storage.values import current_values

# role → the actions it may take, written out by hand from the list
MATRIX = {
    "leader": {"view", "export"},
    "reporter": {"view", "upload", "self_text"},
    "planner": {"view", "export", "upload", "narrative", "briefing_text", "lock", "register", "audit", "self_text"},
    "admin": {"view", "audit", "accounts", "backup"},
}
ACTIONS = ["view", "export", "upload", "narrative", "briefing_text", "lock", "register", "audit", "accounts", "backup",
           "self_text"]
TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix(role: str) -> None:
    actor = Actor("x", role)
    assert {a for a in ACTIONS if actor.can(a)} == MATRIX[role]
    for action in ACTIONS:
        if action in MATRIX[role]:
            require(actor, action)
        else:
            with pytest.raises(AccessDenied):
                require(actor, action)


def test_access_denied_says_who_and_what() -> None:
    with pytest.raises(AccessDenied) as e:
        require(Actor("clerk", "reporter"), "lock")
    assert e.value.text("zh") == "账号“clerk”（填报员）无权锁定或解锁期间；如需此权限请联系管理员"
    assert e.value.text("en") == 'The account "clerk" (reporter) may not lock or unlock periods; ask an administrator if it should'


def test_a_reporter_uploads_for_its_units_and_those_under_them(register: Register) -> None:
    clerk = Actor("c", "reporter", frozenset({"centre"}))
    allowed = upload_units(clerk, register)
    assert allowed == {"centre", *register.descendants("centre")}
    dept = next(u for u in register.descendants("centre"))
    assert may_upload_for(clerk, dept, register) and not may_upload_for(clerk, "street_chigang", register)
    assert upload_units(Actor("p", "planner"), register) is None  # every unit
    assert upload_units(Actor("l", "leader"), register) == set()


def test_accounts_passwords_are_hashed(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=Actor("admin", "admin"), name="clerk_a", role="reporter", password="correct horse",
                         units=["street_chigang"])
    stored = db.exec(select(Account).where(Account.name == "clerk_a")).one()
    assert stored.password_hash and stored.password_hash.startswith("$argon2") and "correct" not in stored.password_hash
    [info] = accounts.list_accounts(db)
    assert (info.name, info.role, info.units, info.active) == ("clerk_a", "reporter", ["street_chigang"], True)
    with pytest.raises(TrackerError, match="reporter"):
        accounts.add_account(db, register, actor=Actor("admin", "admin"), name="clerk_b", role="reporter", password="long enough")
    with pytest.raises(TrackerError):
        accounts.add_account(db, register, actor=Actor("admin", "admin"), name="x", role="planner", password="long enough")  # name
    with pytest.raises(TrackerError):
        accounts.add_account(db, register, actor=Actor("admin", "admin"), name="short", role="planner", password="1234567")  # 7 chars


def test_sign_in_wrong_password_and_disabled(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=Actor("admin", "admin"), name="planner_a", role="planner", password="right password")
    who = accounts.sign_in(db, "planner_a", "right password", now=NOW, delay=0)
    assert who == Actor("planner_a", "planner")
    with pytest.raises(accounts.SignInFailed) as e:
        accounts.sign_in(db, "planner_a", "wrong password", now=NOW, delay=0)
    assert e.value.text("zh") == "用户名或密码不正确，或账号已停用"
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(db, "nobody", "whatever", now=NOW, delay=0)
    accounts.set_active(db, actor=Actor("admin", "admin"), name="planner_a", active=False)
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(db, "planner_a", "right password", now=NOW, delay=0)
    log = events(db)
    assert log["action"].tolist()[:4] == ["sign_in_failed", "account_disable", "sign_in_failed", "sign_in_failed"]
    assert log["action"].tolist()[4] == "sign_in"


def test_repeated_failures_slow_sign_in_down(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=Actor("admin", "admin"), name="planner_b", role="planner", password="right password")
    for i in range(5):  # five free failures, a second apart
        with pytest.raises(accounts.SignInFailed):
            accounts.sign_in(db, "planner_b", "guess", now=NOW + dt.timedelta(seconds=i), delay=0)
    # the sixth attempt from the same client, even with the right password, must wait 30 s after the last failure
    # (NOW + 4 s)
    with pytest.raises(accounts.SignInFailed) as e:
        accounts.sign_in(db, "planner_b", "right password", now=NOW + dt.timedelta(seconds=10), delay=0)
    assert e.value.key == "signin.throttled" and "10:00:" in e.value.text("zh")  # 02:00:34 UTC is 10:00:34 CST
    # that refused attempt did not count: at NOW + 35 s the wait is over
    assert accounts.sign_in(db, "planner_b", "right password", now=NOW + dt.timedelta(seconds=35), delay=0).name \
        == "planner_b"


def test_single_sign_on_maps_an_email_to_an_account(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=Actor("admin", "admin"), name="leader_a", role="leader", password=None,
                         email="Lead@Haizhu.gov.cn")
    assert accounts.actor_for_email(db, "lead@haizhu.gov.cn") == Actor("leader_a", "leader")
    assert accounts.actor_for_email(db, "other@haizhu.gov.cn") is None
    with pytest.raises(accounts.SignInFailed):  # an SSO-only account has no password to sign in with
        accounts.sign_in(db, "leader_a", "", now=NOW, delay=0)


CSV_CHIGANG = csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", "100"]])
CSV_BOTH = csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", "100"], ["新港街", "2019-06", "200"]])


def test_a_reporter_is_refused_for_another_unit_and_nothing_is_written(db: Session, register: Register) -> None:
    clerk = Actor("clerk_a", "reporter", frozenset({"street_chigang"}))
    with pytest.raises(ImportRejected) as e:
        plan_import(session=db, register=register, actor=clerk, name="六月.csv", data=CSV_BOTH, today=TODAY)
    [problem] = e.value.problems
    assert (problem.line, problem.value) == (3, "新港街政务服务中心")
    assert problem.text("zh") == ("账号“clerk_a”只能为 赤岗街政务服务中心（及其下级单位）报送数据，不能为“新港街政务服务中心”报送；"
                                  "请检查单位名称，或请管理员分配单位")
    assert problem.text("en") == ('The account "clerk_a" reports only for Chigang Street Service Centre (and the units '
                                  'under them), not for "Xingang Street Service Centre"; check the unit, or ask an '
                                  'administrator to assign it')
    assert current_values(session=db).empty
    plan = plan_import(session=db, register=register, actor=clerk, name="六月.csv", data=CSV_CHIGANG, today=TODAY)
    assert store_import(session=db, plan=plan, actor=clerk) > 0
    assert current_values(session=db)["unit"].tolist() == ["street_chigang"]


def test_a_leader_may_not_import(db: Session, register: Register) -> None:
    with pytest.raises(ImportRejected) as e:
        plan_import(session=db, register=register, actor=Actor("boss", "leader"), name="a.csv", data=CSV_CHIGANG,
                    today=TODAY)
    assert e.value.problems[0].text("zh") == "账号“boss”无权上传数据"


def test_a_locked_period_refuses_imports_until_unlocked(db: Session, register: Register) -> None:
    planner = Actor("规划员甲", "planner")
    with pytest.raises(AccessDenied):
        lock_period(db, Actor("clerk", "reporter", frozenset({"street_chigang"})), "2019Q2")
    lock_period(db, planner, "2019Q2", "第6期简报已印发")
    [lock] = locks(db)
    with pytest.raises(ImportRejected) as e:  # June lies in the locked second quarter
        plan_import(session=db, register=register, actor=SYSTEM, name="六月.csv", data=CSV_CHIGANG, today=TODAY)
    [problem] = e.value.problems
    assert problem.text("zh") == (f"2019年6月 已锁定（2019年第二季度，由 规划员甲 于 {lock.locked_at} 锁定，原因：第6期简报已印发），"
                                  "不能再导入或修改；如需更正，请联系规划员解锁")
    assert problem.text("en").startswith("Jun 2019 is locked (Q2 2019, by 规划员甲 at ")  # periods in English too
    unlock_period(db, planner, "2019Q2")
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="六月.csv", data=CSV_CHIGANG, today=TODAY)
    assert store_import(session=db, plan=plan, actor=SYSTEM) > 0
    assert [a for a in events(db)["action"] if a in ("lock", "unlock")] == ["unlock", "lock"]


def test_a_lock_made_after_the_preview_still_holds(db: Session, register: Register) -> None:
    plan = plan_import(session=db, register=register, actor=SYSTEM, name="六月.csv", data=CSV_CHIGANG, today=TODAY)
    lock_period(db, Actor("p", "planner"), "2019-06")
    with pytest.raises(ImportRejected):
        store_import(session=db, plan=plan, actor=SYSTEM)
    assert current_values(session=db).empty


def test_only_planners_write_narratives(db: Session, register: Register) -> None:
    with pytest.raises(AccessDenied):
        save_narrative(session=db, register=register, actor=Actor("boss", "leader"), target="evaluation_rate",
                       period="2018-06", analysis="a", measures="m")
    save_narrative(session=db, register=register, actor=Actor("p", "planner"), target="evaluation_rate",
                   period="2018-06", analysis="a", measures="m")
