"""Each access change is one transaction: when a later step fails, nothing of it is stored (not the change, not its
audit entry); and each refusal names what it refused."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlmodel import Session

from tracker.access import accounts, locks, sessions, tokens
from tracker.access.audit import events
from tracker.access.demo_accounts import DEMO_ACCOUNTS, create_demo_accounts
from tracker.access.roles import ROLES, SYSTEM, Actor
from tracker.core.errors import TrackerError
from tracker.register import Register
from tracker.storage.models import BrowserSession, PeriodLock

ADMIN = Actor("boss", "admin")


class Boom(RuntimeError):
    pass


def _boom(*_args: object, **_kwargs: object) -> None:
    raise Boom("the step after the audit entry failed")


@pytest.fixture
def clerk(db: Session, register: Register) -> Session:
    accounts.add_account(db, register, actor=ADMIN, name="clerk", role="reporter", password="secret-123",
                         units=["street_chigang"])
    sessions.start(db, name="clerk", idle=dt.timedelta(minutes=30))
    return db


def _audited(db: Session, action: str) -> int:
    return len(events(db, action=action))


def test_a_password_change_whose_sessions_cannot_be_ended_changes_nothing(
        clerk: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions, "end_all", _boom)
    with pytest.raises(Boom):
        accounts.set_password(clerk, actor=ADMIN, name="clerk", password="another-456")
    clerk.rollback()
    assert accounts.sign_in(clerk, "clerk", "secret-123") is not None  # the old password still works
    assert _audited(clerk, "account_password") == 0


def test_disabling_an_account_whose_sessions_cannot_be_ended_changes_nothing(
        clerk: Session, register: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sessions, "end_all", _boom)
    with pytest.raises(Boom):
        accounts.set_active(clerk, actor=ADMIN, name="clerk", active=False)
    clerk.rollback()
    assert accounts.actor_of(clerk, "clerk").name == "clerk"  # still active
    assert _audited(clerk, "account_disable") == 0


def test_a_lock_or_unlock_whose_data_version_cannot_move_is_not_stored(
        db: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locks, "bump_data_version", _boom)
    with pytest.raises(Boom):
        locks.lock_period(db, SYSTEM, "2019-03", "已印发")
    db.rollback()
    assert db.get(PeriodLock, "2019-03") is None and _audited(db, "lock") == 0
    monkeypatch.undo()
    locks.lock_period(db, SYSTEM, "2019-03", "已印发")
    monkeypatch.setattr(locks, "bump_data_version", _boom)
    with pytest.raises(Boom):
        locks.unlock_period(db, SYSTEM, "2019-03")
    db.rollback()
    assert db.get(PeriodLock, "2019-03") is not None and _audited(db, "unlock") == 0


def test_ending_all_of_one_accounts_sessions_leaves_the_others(clerk: Session, register: Register) -> None:
    accounts.add_account(clerk, register, actor=ADMIN, name="chief", role="leader", password="secret-789")
    sessions.start(clerk, name="chief", idle=dt.timedelta(minutes=30))
    assert sessions.end_all(clerk, name="clerk") == 1
    open_rows = clerk.execute(select(BrowserSession).where(BrowserSession.ended_at.is_(None))).scalars().all()  # type: ignore[union-attr]
    assert len(open_rows) == 1 and len(sessions.open_sessions(clerk, name="chief")) == 1


@pytest.mark.parametrize(("call", "shown"), [
    (lambda db: accounts.set_password(db, actor=ADMIN, name="nobody", password="secret-123"), "nobody"),
    (lambda db: tokens.add_token(db, actor=ADMIN, name="has space", role="leader"), "has space"),
    (lambda db: tokens.add_token(db, actor=ADMIN, name="platform", role="mayor"), "mayor"),
    (lambda db: tokens.revoke_token(db, actor=ADMIN, name="never-made"), "never-made"),
])
def test_a_refusal_names_what_it_refused(db: Session, call: object, shown: str) -> None:
    with pytest.raises(TrackerError) as caught:
        call(db)  # type: ignore[operator]
    assert shown in caught.value.text("zh") and shown in caught.value.text("en")


def test_a_bad_role_lists_the_roles_there_are(db: Session) -> None:
    with pytest.raises(TrackerError) as caught:
        tokens.add_token(db, actor=ADMIN, name="platform", role="mayor")
    assert caught.value.text("en") == f'Invalid role "mayor"; choose one of: {", ".join(ROLES)}'


def test_a_second_token_of_the_same_name_is_refused_by_name(db: Session) -> None:
    tokens.add_token(db, actor=ADMIN, name="platform", role="leader")
    with pytest.raises(TrackerError) as caught:
        tokens.add_token(db, actor=ADMIN, name="platform", role="planner")
    assert caught.value.key == "token.exists" and "platform" in caught.value.text("zh")


def test_the_demo_accounts_sign_in_with_their_published_passwords_and_are_made_once(
        db: Session, register: Register) -> None:
    assert create_demo_accounts(db, register) == len(DEMO_ACCOUNTS) == 4
    for name, _role, _units, password in DEMO_ACCOUNTS:
        assert accounts.sign_in(db, name, password) is not None, name
    assert create_demo_accounts(db, register) == 0  # never again once accounts exist


def test_no_demo_account_beside_a_real_one(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=ADMIN, name="boss", role="admin", password="secret-123")
    assert create_demo_accounts(db, register) == 0
    assert [a.name for a in accounts.list_accounts(db)] == ["boss"]


def test_token_times_are_listed_as_they_happened(db: Session) -> None:
    tokens.add_token(db, actor=ADMIN, name="platform", role="leader")
    secret = tokens.add_token(db, actor=ADMIN, name="powerquery", role="planner")
    tokens.token_actor(db, secret=secret)
    listed = {t.name: t for t in tokens.list_tokens(db, actor=ADMIN)}
    now = dt.datetime.now(dt.UTC)
    for t in listed.values():
        assert t.created_at.tzinfo is not None and abs((now - t.created_at).total_seconds()) < 60
    assert listed["platform"].last_used_at is None
    used = listed["powerquery"].last_used_at
    assert used is not None and used.tzinfo is not None and abs((now - used).total_seconds()) < 60


@pytest.fixture
def new_york() -> Iterator[None]:
    """The server's own clock in another time zone (China time must not depend on it)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_locks_time_is_china_time_whatever_the_servers_zone(db: Session, new_york: None) -> None:
    from sqlalchemy import text

    locks.lock_period(db, SYSTEM, "2019-03", "已印发")
    db.execute(text("UPDATE period_lock SET locked_at = :t"), {"t": dt.datetime(2019, 4, 1, 23, 30)})  # naive UTC
    db.commit()
    assert [x.locked_at for x in locks.locks(db)] == ["2019-04-02 07:30"]


def test_units_not_in_the_register_are_refused_by_name_and_the_old_ones_kept(
        clerk: Session, register: Register) -> None:
    with pytest.raises(TrackerError) as caught:
        accounts.assign_units(clerk, register, actor=ADMIN, name="clerk", units=["street_chigang", "nowhere", "gone"])
    assert caught.value.key == "account.unknown_unit" and caught.value.params == {"units": "nowhere、gone"}
    assert "nowhere、gone" in caught.value.text("zh")
    clerk.rollback()
    assert accounts.actor_of(clerk, "clerk").units == frozenset({"street_chigang"})
    assert len(events(clerk, action="account_assign")) == 0
    with pytest.raises(TrackerError) as caught:
        accounts.add_account(clerk, register, actor=ADMIN, name="clerk2", role="reporter", password="secret-123",
                             units=["nowhere"])
    assert caught.value.key == "account.unknown_unit"


def test_a_bad_account_name_is_shown_with_its_line_break_made_visible(db: Session, register: Register) -> None:
    with pytest.raises(TrackerError) as caught:
        accounts.add_account(db, register, actor=ADMIN, name="leader\n", role="leader", password="secret-123")
    assert caught.value.key == "account.bad_name" and caught.value.params == {"name": "leader\\n"}
