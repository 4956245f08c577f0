"""Sign-in that cannot be locked out or raced: counted per client and name before the password is checked, a
stranger's failures never stop the right password from another client, the same work for unknown names; the
account rules (names, passwords, the last administrator)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from tests.helpers import synced
from tracker.access import accounts
from tracker.access.accounts import SignInFailed, add_account, set_active, set_password, sign_in
from tracker.access.audit import events
from tracker.access.roles import Actor
from tracker.access.throttle import (
    FREE_FAILURES,
    MAX_DELAY_STEPS,
    QUEUE_STEP,
    begin_attempt,
    client_address,
    end_attempt,
)
from tracker.core.errors import TrackerError
from tracker.register import Register
from tracker.storage.db import session

ADMIN = Actor("root", "admin")
NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)
STRANGER, OFFICE = "203.0.113.9", "10.1.2.3"


@pytest.fixture
def leader(any_engine: Engine, register: Register) -> Iterator[Engine]:
    with synced(any_engine, register) as s:
        add_account(s, register, actor=ADMIN, name="leader", role="leader", password="demo-leader")
    yield any_engine


def test_a_strangers_wrong_passwords_do_not_stop_the_right_one(leader: Engine) -> None:
    """The probe: one wrong password a minute kept `leader` out for 8 hours (48 of 48 correct passwords refused).
    Here the stranger guesses every minute for 8 hours from its own address, and the leader signs in every 10
    minutes from the office: all 48 succeed, each delayed at most MAX_DELAY_STEPS sign-in delays."""
    slept: list[float] = []
    ok, stranger_checked = 0, 0
    with session(leader) as s:
        for minute in range(8 * 60):
            at = NOW + dt.timedelta(minutes=minute)
            try:
                sign_in(s, "leader", f"guess {minute}", address=STRANGER, now=at, delay=1, sleep=slept.append)
            except SignInFailed as exc:
                stranger_checked += exc.key == "signin.failed"
            if minute % 10 == 5:
                slept.clear()
                assert sign_in(s, "leader", "demo-leader", address=OFFICE, now=at + dt.timedelta(seconds=1),
                               delay=1, sleep=slept.append).name == "leader"
                assert sum(slept) <= MAX_DELAY_STEPS
                ok += 1
        assert ok == 48
        # the stranger's own client was held back: 5 free guesses, then one after each wait (30 s, 60 s, … 15 min)
        assert stranger_checked < 8 * 4 + 10
        failed = events(s, action="sign_in_failed")
        assert len(failed) == 8 * 60 and set(failed["user"]) == {"leader"}
        assert all(f'"address": "{STRANGER}"' in d for d in failed["detail"])


def test_twenty_guesses_at_once_are_counted_as_twenty(leader: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe: 18 of 20 simultaneous guesses had their password checked. Counted before checking, at most the
    five free ones are checked; all twenty are in the audit trail."""
    checked: list[str] = []
    real = accounts.verify_password

    def counting(stored: str | None, password: str) -> bool:
        checked.append(password)
        return real(stored, password)

    monkeypatch.setattr(accounts, "verify_password", counting)
    start = threading.Barrier(20)
    refused: list[str] = []

    def guess(i: int) -> None:
        with session(leader) as s:
            start.wait()
            try:
                sign_in(s, "leader", f"guess {i}", address=STRANGER, delay=0)
            except SignInFailed as exc:
                refused.append(exc.key)

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(refused) == 20 and len(checked) == 5
    assert sorted(refused).count("signin.throttled") == 15
    with session(leader) as s:
        assert len(events(s, action="sign_in_failed")) == 20


def test_unknown_and_known_names_do_the_same_work(db: Session, register: Register,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe: a wrong password took 350 ms for an existing account and 2.5 ms for an unknown one. Each
    refusal now verifies one password hash, the same kind of work whichever name was typed."""
    add_account(db, register, actor=ADMIN, name="planner_a", role="planner", password="right password")
    add_account(db, register, actor=ADMIN, name="gone_a", role="planner", password="right password")
    set_active(db, actor=ADMIN, name="gone_a", active=False)
    checked: list[str | None] = []
    real = accounts.verify_password
    monkeypatch.setattr(accounts, "verify_password", lambda stored, pw: checked.append(stored) or real(stored, pw))
    timings = {}
    for name in ("planner_a", "nobody_here", "gone_a"):
        started = time.perf_counter()
        with pytest.raises(SignInFailed):
            sign_in(db, name, "wrong password", address=f"192.0.2.{len(timings)}", delay=0)
        timings[name] = time.perf_counter() - started
    assert len(checked) == 3 and all(h and h.startswith("$argon2") for h in checked)
    # the same hash work: an unknown name takes at least a third of a wrong password's time (argon2 dominates)
    assert timings["nobody_here"] > timings["planner_a"] / 3


def test_a_nul_in_the_name_is_a_failed_sign_in_not_a_traceback(leader: Engine) -> None:
    """The probe: a NUL in the sign-in name showed an anonymous visitor a traceback on PostgreSQL."""
    with session(leader) as s:
        with pytest.raises(SignInFailed) as exc:
            sign_in(s, "lead\x00er", "demo-leader", address="192.0.2.7\x00", delay=0)
        assert exc.value.key == "signin.failed"
        assert events(s, action="sign_in_failed")["subject"].tolist() == ["lead\ufffder"]


@pytest.mark.parametrize("name", ["clerk\n", "аdmin_b", "ａｄｍｉｎ", "system", "System", "two words", "x",
                                  "tab\tname", "nul\x00name", "Leader"])
def test_names_that_look_like_others_or_break_lines_are_refused(name: str, db: Session, register: Register) -> None:
    add_account(db, register, actor=ADMIN, name="leader", role="leader", password="long enough")
    with pytest.raises(TrackerError) as exc:
        add_account(db, register, actor=ADMIN, name=name, role="leader", password="long enough")
    assert exc.value.key in ("account.bad_name", "account.reserved_name", "account.exists")


def test_chinese_and_plain_names_are_accepted(db: Session, register: Register) -> None:
    for name in ("王芳", "clerk_chigang", "li.ming@haizhu", "zhang-3"):
        add_account(db, register, actor=ADMIN, name=name, role="leader", password="long enough")
    assert len(accounts.list_accounts(db)) == 4


@pytest.mark.parametrize(("password", "key"), [(" " * 8, "account.password_blank"),
                                               ("\u3000" * 8, "account.password_blank"),
                                               ("clerk_abc", "account.password_is_name"),
                                               ("CLERK_ABC ", "account.password_is_name"),
                                               ("1234567", "account.password_short")])
def test_password_rules(password: str, key: str, db: Session, register: Register) -> None:
    with pytest.raises(TrackerError) as exc:
        add_account(db, register, actor=ADMIN, name="clerk_abc", role="leader", password=password)
    assert exc.value.key == key
    add_account(db, register, actor=ADMIN, name="clerk_abc", role="leader", password="a good one")
    with pytest.raises(TrackerError) as exc:
        set_password(db, actor=ADMIN, name="clerk_abc", password=password)
    assert exc.value.key == key


def test_the_last_active_administrator_cannot_be_disabled(db: Session, register: Register) -> None:
    add_account(db, register, actor=ADMIN, name="admin_a", role="admin", password="long enough")
    with pytest.raises(TrackerError) as exc:
        set_active(db, actor=ADMIN, name="admin_a", active=False)
    assert exc.value.text("en").startswith('Cannot disable "admin_a": it is the only active administrator')
    add_account(db, register, actor=ADMIN, name="admin_b", role="admin", password="long enough")
    set_active(db, actor=ADMIN, name="admin_a", active=False)
    with pytest.raises(TrackerError):
        set_active(db, actor=ADMIN, name="admin_b", active=False)
    assert [a.active for a in accounts.list_accounts(db)] == [False, True]


@pytest.mark.parametrize(("remote", "forwarded", "trusted", "client"), [
    ("198.51.100.4", None, (), "198.51.100.4"),
    (None, None, (), "local"),  # Streamlit gives None for this machine
    ("127.0.0.1", "203.0.113.9", (), "local"),  # a proxy not trusted: its header is not believed
    ("127.0.0.1", "203.0.113.9", ("127.0.0.1",), "203.0.113.9"),
    ("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", ("127.0.0.1", "10.0.0.2"), "203.0.113.9"),
    ("127.0.0.1", "not-an-address", ("127.0.0.1",), "local"),
    # this machine by any of its names, as the connection or as a hop
    ("::1", None, (), "local"),
    ("::1", "203.0.113.9", ("::1",), "203.0.113.9"), ("127.0.0.1", "203.0.113.9", ("localhost",), "203.0.113.9"),
    ("127.0.0.1", "203.0.113.9", ("::1",), "203.0.113.9"),
    ("10.0.0.2", "::1", ("10.0.0.2",), "local"), ("10.0.0.2", "127.0.0.1", ("10.0.0.2",), "local"),
    ("10.0.0.2", "203.0.113.9, ::1", ("10.0.0.2", "::1"), "203.0.113.9"),  # past the local proxy to the client
])
def test_the_client_address_behind_a_trusted_proxy(remote: str | None, forwarded: str | None,
                                                   trusted: tuple[str, ...], client: str) -> None:
    assert client_address(remote, forwarded, trusted) == client


def test_a_sign_in_behind_colleagues_still_being_checked_waits_for_them(leader: Engine) -> None:
    """Five colleagues' attempts at the shared `leader` from the office are under way (counted, not yet checked):
    the sixth, with the right password, would be refused for 30 s. It asks again a moment later; by then one of
    them has succeeded and taken its attempt off, so it is let in after one short wait."""
    slept: list[float] = []
    with session(leader) as s:
        for i in range(FREE_FAILURES):
            assert begin_attempt(s, "leader", OFFICE, NOW, 0.0).refused_until is None, i

        def a_colleague_succeeds(seconds: float) -> None:
            slept.append(seconds)
            if len(slept) == 1:
                end_attempt(s, "leader", OFFICE)

        assert sign_in(s, "leader", "demo-leader", address=OFFICE, now=NOW, delay=0,
                       sleep=a_colleague_succeeds).name == "leader"
    assert slept == [QUEUE_STEP]


def test_eight_colleagues_signing_in_at_once_with_one_account_from_one_office_all_get_in(
        leader: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The load test's month-end morning: eight sign-ins with the right password at once, one account, one
    address. Each check is made to take 0.3 s, so all eight are counted before any ends; the sixth, seventh and
    eighth used to be refused for 30 s."""
    real = accounts.verify_password

    def slow(stored: str | None, password: str) -> bool:
        time.sleep(0.3)
        return real(stored, password)

    monkeypatch.setattr(accounts, "verify_password", slow)
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def colleague() -> None:
        with session(leader) as s:
            start.wait()
            try:
                outcomes.append(sign_in(s, "leader", "demo-leader", address=OFFICE, delay=0).name)
            except SignInFailed as exc:
                outcomes.append(exc.key)

    threads = [threading.Thread(target=colleague) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == ["leader"] * 8


def test_a_sign_in_waits_for_colleagues_whose_checks_a_strangers_failures_delayed(leader: Engine) -> None:
    """A stranger failed five times at `leader`, so each colleague's check is first delayed (up to 8 × the 1 s
    base). Five colleagues' attempts are under way from the office; the first ends only 8 s later. The sixth waits
    for it — longer than a check alone takes — and is let in, not refused for 30 s."""
    queued: list[float] = []
    with session(leader) as s:
        for i in range(FREE_FAILURES):
            with pytest.raises(SignInFailed):
                sign_in(s, "leader", f"guess {i}", address=STRANGER, now=NOW, delay=1, sleep=lambda _s: None)
        for i in range(FREE_FAILURES):
            assert begin_attempt(s, "leader", OFFICE, NOW, 1.0).refused_until is None, i

        def waiting(seconds: float) -> None:
            if seconds == QUEUE_STEP:  # a look at the counters, not its own check's delay
                queued.append(seconds)
                if sum(queued) == 8.0:
                    end_attempt(s, "leader", OFFICE)  # the first colleague's delayed check succeeded

        writes: list[str] = []

        def count_writes(_c: object, _cur: object, statement: str, *_args: object) -> None:
            writes.extend([statement] if statement.lstrip().upper().startswith("INSERT INTO SIGNIN_THROTTLE") else [])

        event.listen(leader, "before_cursor_execute", count_writes)
        try:
            assert sign_in(s, "leader", "demo-leader", address=OFFICE, now=NOW, delay=1,
                           sleep=waiting).name == "leader"
        finally:
            event.remove(leader, "before_cursor_execute", count_writes)
    assert sum(queued) == 8.0  # it waited 32 looks, past the 5 s a check alone may take
    # its first ask (refused), its counted one, the colleague's success and its own: the 32 looks only read
    assert len(writes) == 4
