"""The audit trail: one entry for each kind of action, who and what, and a CSV that is safe to open."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.helpers import csv_bytes, synced
from tracker.access import accounts
from tracker.access.audit import (
    events,
    readable,
    record,
    record_trail_export,
    rejected_imports,
    to_csv,
    trail_users,
)
from tracker.access.locks import lock_period, unlock_period
from tracker.access.roles import AccessDenied, Actor
from tracker.core.clock import utcnow
from tracker.core.errors import ImportRejected
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register
from tracker.reports.narratives import save_narrative
from tracker.storage.demo import load_demo

TODAY = dt.date(2026, 11, 22)


def last(db: Session) -> dict[str, object]:
    return events(db).iloc[0].to_dict()


def test_each_action_leaves_an_entry(db: Session, register: Register) -> None:
    planner = Actor("规划员甲", "planner")
    accounts.add_account(db, register, actor=Actor("admin", "admin"), name="clerk_a", role="reporter", password="long enough",
                         units=["street_chigang"])
    assert (last(db)["action"], last(db)["user"], last(db)["subject"]) == ("account_add", "admin", "clerk_a")
    accounts.set_password(db, actor=Actor("admin", "admin"), name="clerk_a", password="another long one")
    assert last(db)["action"] == "account_password"
    accounts.assign_units(db, register, actor=Actor("admin", "admin"), name="clerk_a", units=["street_xingang"])
    assert last(db)["action"] == "account_assign" and "street_xingang" in str(last(db)["detail"])
    accounts.sign_in(db, "clerk_a", "another long one", delay=0)
    assert (last(db)["action"], last(db)["user"]) == ("sign_in", "clerk_a")
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(db, "clerk_a", "wrong", delay=0)
    assert last(db)["action"] == "sign_in_failed"
    good = csv_bytes([["单位", "期间", "受理量"], ["新港街", "2019-06", "100"]])
    plan = plan_import(session=db, register=register, actor=planner, name="六月.csv", data=good, today=TODAY)
    store_import(session=db, plan=plan, actor=planner)
    entry = last(db)
    assert (entry["action"], entry["user"], entry["subject"]) == ("import_stored", "规划员甲", "六月.csv")
    assert entry["sha256"] == hashlib.sha256(good).hexdigest() and '"new": 1' in str(entry["detail"])
    bad = csv_bytes([["单位", "期间", "受理量"], ["新港街", "2019-06", "十"]])
    with pytest.raises(ImportRejected):
        plan_import(session=db, register=register, actor=planner, name="坏.csv", data=bad, today=TODAY)
    entry = last(db)
    assert (entry["action"], entry["subject"], entry["sha256"]) == ("import_rejected", "坏.csv",
                                                                    hashlib.sha256(bad).hexdigest())
    lock_period(db, planner, "2019-06", "简报已印发")
    assert (last(db)["action"], last(db)["subject"]) == ("lock", "2019-06")
    unlock_period(db, planner, "2019-06")
    assert last(db)["action"] == "unlock"
    save_narrative(session=db, register=register, actor=planner, target="evaluation_rate", period="2019-06",
                   analysis="a", measures="m")
    assert (last(db)["action"], last(db)["subject"]) == ("narrative", "evaluation_rate 2019-06")
    accounts.set_active(db, actor=Actor("admin", "admin"), name="clerk_a", active=False)
    assert last(db)["action"] == "account_disable"


def test_the_demo_load_is_recorded_with_its_accounts(db: Session, register: Register) -> None:
    load_demo(session=db, register=register)
    actions = events(db)["action"].tolist()
    assert "demo_load" in actions and actions.count("account_add") == 4
    assert {a.name: a.role for a in accounts.list_accounts(db)} == {
        "leader": "leader", "clerk_chigang": "reporter", "planner": "planner", "admin": "admin"}
    assert all(a.is_demo for a in accounts.list_accounts(db))


def test_filters_and_a_safe_csv(db: Session, register: Register) -> None:
    planner = Actor("=cmd|' /C calc'!A0", "planner")  # a name that a spreadsheet would run as a formula
    lock_period(db, planner, "2019-05", "+1")
    lock_period(db, Actor("other", "planner"), "2019-06")
    assert events(db, user="other")["subject"].tolist() == ["2019-06"]
    assert events(db, action="lock")["subject"].tolist() == ["2019-06", "2019-05"]
    rows = list(csv.reader(io.StringIO(to_csv(events(db), "zh").decode("utf-8-sig"))))
    assert rows[0] == ["时间", "账号", "操作", "对象", "详情", "文件 SHA-256"]
    assert rows[2][1] == "'=cmd|' /C calc'!A0" and rows[2][2] == "锁定期间"  # text, not a formula
    english = readable(events(db), "en")
    assert list(english.columns) == ["When", "Who", "What", "On", "Details", "File SHA-256"]


def test_details_and_subjects_read_in_the_readers_words(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=Actor("admin", "admin"), name="clerk_a", role="reporter", password="long enough",
                         units=["street_chigang", "street_xingang"])
    with pytest.raises(accounts.SignInFailed):
        accounts.sign_in(db, "clerk_a", "wrong", delay=0)
    accounts.sign_in(db, "clerk_a", "long enough", delay=0)
    save_narrative(session=db, register=register, actor=Actor("规划员甲", "planner"), target="evaluation_rate",
                   period="2019-06", analysis="a", measures="m")
    lock_period(db, Actor("规划员甲", "planner"), "2019-06", "password")  # a reason as written, not a code
    names = register.names("zh")
    zh = readable(events(db), "zh", names)
    assert zh["详情"].tolist()[0] == "原因：password"
    zh = zh.iloc[1:]
    assert zh["对象"].tolist()[0] == "窗口服务评价率 2019-06"  # the target's name, not evaluation_rate
    assert zh["详情"].tolist()[1:] == ["客户端地址：本机", "客户端地址：本机；原因：密码错误或账号不存在",
                                      "角色：填报员；负责单位：赤岗街政务服务中心、新港街政务服务中心"]
    en = readable(events(db), "en", register.names("en"))
    assert en["Details"].tolist()[4] == ("role: reporter; units: Chigang Street Service Centre, "
                                        "Xingang Street Service Centre")
    assert not any("street_" in cell for cell in zh["详情"].tolist() + en["Details"].tolist())


def test_the_trails_own_csv_is_an_audited_export(db: Session, register: Register) -> None:
    """The probe: the audit trail missed document exports — its own CSV among them."""
    planner = Actor("规划员甲", "planner")
    data = to_csv(events(db), "zh")
    record_trail_export(db, actor=planner, name="操作记录.csv", data=data)
    [row] = events(db, action="export").itertuples()
    assert (row.user, row.subject, row.sha256) == ("规划员甲", "操作记录.csv", hashlib.sha256(data).hexdigest())
    with pytest.raises(AccessDenied):
        record_trail_export(db, actor=Actor("boss", "leader"), name="x.csv", data=b"")


def test_an_accounts_rejected_files_since_a_time_newest_first_with_the_first_problem(db: Session) -> None:
    start = utcnow() - dt.timedelta(seconds=1)
    record(db, user="clerk_a", action="import_rejected", subject="五月.csv", problems=3, first="第 2 行：期间无效")
    record(db, user="clerk_b", action="import_rejected", subject="别人的.csv", problems=1, first="x")
    record(db, user="clerk_a", action="import_stored", subject="六月.csv")
    record(db, user="clerk_a", action="import_rejected", subject="六月.xlsx")  # an entry without details
    mine = rejected_imports(db, user="clerk_a", since=start)
    assert mine["file"].tolist() == ["六月.xlsx", "五月.csv"]  # newest first, only rejections, only its own
    assert mine["problems"].tolist() == [0, 3] and mine["first"].tolist() == ["", "第 2 行：期间无效"]
    assert list(mine.columns) == ["at", "file", "problems", "first"]
    assert rejected_imports(db, user="clerk_a", since=utcnow() + dt.timedelta(minutes=1)).empty  # nothing since
    assert trail_users(db) == ["clerk_a", "clerk_b"]  # each once, sorted


# --- a stored detail in the reader's words (detail_text): every rule once, zh and en ------------------------------

NAMES = {"street_chigang": "赤岗街政务服务中心", "street_xingang": "新港街政务服务中心"}


@pytest.mark.parametrize(("detail", "zh"), [
    (None, "—"), ("", "—"), ("{}", "—"),  # nothing stored
    ("not json {", "not json {"), ("[1, 2]", "[1, 2]"),  # not an object: shown as stored
    ('{"role": "admin"}', "角色：管理员"),
    ('{"units": ["street_chigang", "gone_unit"]}', "负责单位：赤岗街政务服务中心、gone_unit"),  # a code no longer named
    ('{"units": []}', "负责单位：—"),
    ('{"address": "local"}', "客户端地址：本机"), ('{"address": "10.0.0.7"}', "客户端地址：10.0.0.7"),
    ('{"new_key": 5}', "new_key：5"),  # a key this version does not know: as stored
    ('{"role": "planner", "units": ["street_xingang"]}', "角色：规划员；负责单位：新港街政务服务中心"),
])
def test_a_detail_in_chinese(detail: str | None, zh: str) -> None:
    from tracker.access.audit import detail_text

    assert detail_text(detail, "zh", NAMES) == zh


def test_a_detail_in_english_and_the_codes_each_action_has() -> None:
    from tracker.access.audit import detail_text

    assert detail_text('{"role": "admin", "units": ["street_chigang", "x"]}', "en", {"street_chigang": "Chigang"}) \
        == "role: administrator; units: Chigang, x"
    # a sign-in's reason and way are codes, a lock's reason is as the planner wrote it
    assert detail_text('{"reason": "idle"}', "zh", {}, "sign_out") == "原因：长时间未操作"
    assert detail_text('{"reason": "password"}', "en", {}, "sign_in_failed") == \
        "reason: wrong password or no such account"
    assert detail_text('{"via": "sso"}', "zh", {}, "sign_in") == "方式：单点登录"
    assert detail_text('{"reason": "idle"}', "zh", {}, "lock") == "原因：idle"
    # a register change's kind in words, an unknown kind as stored; elsewhere a kind is as stored
    assert detail_text('{"kind": "target_threshold"}', "zh", {}, "register_change") == "变更：目标值"
    assert detail_text('{"kind": "brand_new"}', "zh", {}, "register_change") == "变更：brand_new"
    assert detail_text('{"kind": "target_threshold"}', "zh", {}, "export") == "变更：target_threshold"
    assert detail_text('{"address": "local"}', "en", {}) == "client address: this machine"


def test_the_trail_as_read_and_as_csv(db: Session) -> None:
    record(db, user="admin", action="lock", subject="2019-06 street_chigang", reason="已印发")
    frame = events(db)
    shown = readable(frame, "zh", NAMES)
    assert list(shown.columns) == ["时间", "账号", "操作", "对象", "详情", "文件 SHA-256"]
    row = shown.iloc[0].tolist()
    assert row[1:] == ["admin", "锁定期间", "2019-06 赤岗街政务服务中心", "原因：已印发", ""]
    assert len(row[0]) == 19 and row[0][4] == "-" and row[0][13] == ":"  # 2026-11-23 10:05:00, China time
    local = dt.datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S")
    assert abs(local - dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=8)) < dt.timedelta(minutes=5)
    text = to_csv(frame, "en", NAMES).decode("utf-8-sig").splitlines()
    assert text[0] == "When,Who,What,On,Details,File SHA-256"
    assert text[1].endswith(",admin,period locked,2019-06 赤岗街政务服务中心,reason: 已印发,")


def test_the_trail_for_planners_and_administrators_filtered_as_asked(db: Session) -> None:
    from tracker.access.audit import audit_trail, subject_text

    record(db, user="clerk_a", action="import_stored", subject="六月.csv")
    record(db, user="clerk_b", action="import_stored", subject="七月.csv")
    record(db, user="clerk_a", action="export", subject="简报.docx")
    planner = Actor("p", "planner")
    assert audit_trail(db, actor=planner, user="clerk_a")["subject"].tolist() == ["简报.docx", "六月.csv"]
    assert audit_trail(db, actor=planner, action="import_stored")["subject"].tolist() == ["七月.csv", "六月.csv"]
    assert audit_trail(db, actor=planner, limit=1)["subject"].tolist() == ["简报.docx"]
    assert audit_trail(db, actor=planner, since=utcnow() + dt.timedelta(minutes=1)).empty
    assert len(audit_trail(db, actor=Actor("a", "admin"))) == 3
    with pytest.raises(AccessDenied):
        audit_trail(db, actor=Actor("l", "leader"))
    assert subject_text("2019-06  street_chigang", NAMES) == "2019-06  赤岗街政务服务中心"  # spaces kept as written


def test_taking_the_trail_away_is_audited_with_its_size_and_hash(db: Session) -> None:
    import json

    data = "时间,账号\n".encode("utf-8-sig")
    record_trail_export(db, actor=Actor("p", "planner"), name="操作记录.csv", data=data)
    taken = events(db, action="export")
    assert taken["subject"].tolist() == ["操作记录.csv"] and taken["sha256"][0] == hashlib.sha256(data).hexdigest()
    assert json.loads(taken["detail"][0]) == {"size": len(data)}


def test_rejected_files_list_the_fifty_newest_and_read_an_entry_stored_without_detail(db: Session) -> None:
    from tracker.storage.models import AuditEvent

    start = utcnow() - dt.timedelta(seconds=1)
    db.add(AuditEvent(user="clerk_a", action="import_rejected", subject="旧.csv", at=start))  # detail "" (older rows)
    db.commit()
    for n in range(51):
        record(db, user="clerk_a", action="import_rejected", subject=f"{n}.csv", problems=n,
               at=start + dt.timedelta(seconds=n + 1))
    mine = rejected_imports(db, user="clerk_a", since=start - dt.timedelta(seconds=1))
    assert len(mine) == 50 and mine["file"].iloc[0] == "50.csv" and mine["file"].iloc[-1] == "1.csv"
    few = rejected_imports(db, user="clerk_a", since=start - dt.timedelta(seconds=1)).tail(1)
    assert few["problems"].tolist() == [1]
    db.execute(AuditEvent.__table__.delete().where(AuditEvent.subject != "旧.csv"))  # type: ignore[attr-defined]
    db.commit()
    old = rejected_imports(db, user="clerk_a", since=start - dt.timedelta(seconds=1))
    assert (old["file"].tolist(), old["problems"].tolist(), old["first"].tolist()) == (["旧.csv"], [0], [""])


def test_the_trails_people_are_sorted_whatever_order_they_acted_in(any_engine: Engine, register: Register) -> None:
    """On both databases: SQLite happens to answer DISTINCT in index order, PostgreSQL does not."""
    with synced(any_engine, register) as db:
        for user in ("zhou", "admin", "token:platform", "chen", "admin"):
            record(db, user=user, action="lock", subject="2019-06")
        assert trail_users(db) == ["admin", "chen", "token:platform", "zhou"]


def test_the_trail_names_old_units_from_the_database_and_current_ones_from_the_register(
        db: Session, register: Register) -> None:
    from sqlalchemy import text

    from tracker.access.audit import trail_names

    db.execute(text("INSERT INTO unit (code, name_zh, name_en, type) VALUES ('gone_unit', '旧单位', 'Old unit', "
                    "'street')"))
    db.execute(text("UPDATE unit SET name_zh = '旧名' WHERE code = 'street_chigang'"))
    db.commit()
    zh, en = trail_names(db, register, "zh"), trail_names(db, register, "en")
    assert (zh["gone_unit"], en["gone_unit"]) == ("旧单位", "Old unit")  # removed from the register since
    assert zh["street_chigang"] == register.units["street_chigang"].name_zh == "赤岗街政务服务中心"  # the register wins
    assert en["street_chigang"] == register.names("en")["street_chigang"] != zh["street_chigang"]


def test_a_register_changes_kind_in_english() -> None:
    from tracker.access.audit import detail_text

    assert detail_text('{"kind": "target_threshold"}', "en", {}, "register_change") == "change: threshold"


def test_the_trail_shows_the_ten_thousand_newest_entries_by_default(db: Session) -> None:
    from sqlalchemy import insert

    from tracker.access.audit import audit_trail
    from tracker.storage.models import AuditEvent

    start = utcnow() - dt.timedelta(days=1)
    db.execute(insert(AuditEvent), [{"at": start + dt.timedelta(seconds=n), "user": "clerk_a", "action": "lock",
                                     "subject": str(n), "detail": ""} for n in range(10_001)])
    db.commit()
    trail = audit_trail(db, actor=Actor("p", "planner"))
    assert len(trail) == 10_000 and trail["subject"].iloc[0] == "10000" and trail["subject"].iloc[-1] == "1"
    unasked = events(db)  # the reading underneath keeps the same bound when no caller names one
    assert len(unasked) == 10_000 and unasked["subject"].iloc[-1] == "1"


def test_a_time_range_holds_its_start_and_not_its_end(db: Session) -> None:
    t = utcnow().replace(microsecond=0) - dt.timedelta(hours=1)
    for minute, subject in ((0, "at the start"), (30, "inside"), (60, "at the end")):
        record(db, user="admin", action="lock", subject=subject, at=t + dt.timedelta(minutes=minute))
    inside = events(db, since=t, until=t + dt.timedelta(minutes=60))
    assert inside["subject"].tolist() == ["inside", "at the start"]
    assert events(db, until=t + dt.timedelta(minutes=30))["subject"].tolist() == ["at the start"]
