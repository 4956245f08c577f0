"""Signing in as audited: each refusal with its reason, address and time, the accepted one with its own; names,
addresses and passwords held to their limits; the waits a failing client earns (found unchecked by a mutation run
of tracker/access)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlmodel import Session

from tracker.access import accounts
from tracker.access.accounts import (
    AccountInfo,
    SignInFailed,
    add_account,
    list_accounts,
    set_active,
    sign_in,
)
from tracker.access.audit import events
from tracker.access.passwords import MAX_LENGTH, hash_password, verify_password
from tracker.access.roles import Actor, operator, upload_units
from tracker.access.throttle import FIRST_WAIT, FREE_FAILURES, IN_FLIGHT, MAX_WAIT, wait_after
from tracker.core.clock import LOCAL_TZ
from tracker.register import Register

ADMIN = Actor("root", "admin")
T0 = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)


def _no_sleep(_seconds: float) -> None:
    return None


def _try(db: Session, name: str, password: str, **kw: object) -> Actor | None:
    try:
        return sign_in(db, name, password, delay=0, sleep=_no_sleep, **kw)  # type: ignore[arg-type]
    except SignInFailed:
        return None


def _last(db: Session) -> tuple[str, str, str, dict[str, object], dt.datetime]:
    row = events(db).iloc[0]
    return row["user"], row["action"], row["subject"], json.loads(row["detail"]), row["at"]


@pytest.fixture
def clerk(db: Session, register: Register) -> Session:
    add_account(db, register, actor=ADMIN, name="clerk_a", role="reporter", password="long enough",
                units=["street_chigang"], is_demo=True)
    return db


def test_each_sign_in_is_audited_with_its_reason_address_and_time(clerk: Session) -> None:
    db = clerk
    who = _try(db, "clerk_a", "long enough", address="203.0.113.9", now=T0)
    assert who == Actor("clerk_a", "reporter", frozenset({"street_chigang"}), True)
    assert _last(db) == ("clerk_a", "sign_in", "clerk_a", {"address": "203.0.113.9"}, T0)
    assert _try(db, "clerk_a", "wrong", address="203.0.113.9", now=T0) is None
    assert _last(db)[1:4] == ("sign_in_failed", "clerk_a", {"address": "203.0.113.9", "reason": "password"})
    assert _try(db, "  ", "x", now=T0) is None  # no name at all: "?" in the trail
    assert _last(db)[0] == "?"
    set_active(db, actor=ADMIN, name="clerk_a", active=False)
    assert _try(db, "clerk_a", "long enough", now=T0) is None  # the right password of a disabled account
    assert _last(db)[3]["reason"] == "disabled"
    assert _try(db, "clerk_a", "wrong", now=T0) is None  # a wrong one says nothing about the account
    assert _last(db)[3]["reason"] == "password"
    assert _last(db)[4] == T0


def test_a_throttled_attempt_is_refused_audited_and_says_until_when(clerk: Session) -> None:
    db = clerk
    for _ in range(FREE_FAILURES):
        _try(db, "clerk_a", "wrong", address="198.51.100.7", now=T0)
    looks: list[float] = []
    with pytest.raises(SignInFailed) as refused:
        sign_in(db, "clerk_a", "long enough", address="198.51.100.7", now=T0, delay=0, sleep=looks.append)
    assert looks == [0.25] * 20  # pending until 5 s after the failures (none delayed): a look each quarter second
    until = (T0 + FIRST_WAIT).astimezone(LOCAL_TZ).strftime("%H:%M:%S")  # 10:00:30 China time
    assert refused.value.key == "signin.throttled" and refused.value.params["until"] == until
    assert until in refused.value.text("zh")
    # the failures were all at T0: it asked again until they could no longer be checks under way, then was refused
    assert _last(db) == ("clerk_a", "sign_in_failed", "clerk_a", {"reason": "throttled", "address": "198.51.100.7"},
                         T0 + IN_FLIGHT)


def test_names_and_addresses_are_cut_and_nul_made_harmless(clerk: Session) -> None:
    db = clerk
    _try(db, "x" * 70, "wrong", address="a\x00b" + "1" * 200, now=T0)
    user, _action, subject, detail, _at = _last(db)
    assert user == subject == "x" * 64
    assert detail["address"] == ("a\ufffdb" + "1" * 200)[:128]


def test_the_waits_a_failing_client_earns() -> None:
    assert wait_after(4, 5) is None
    assert wait_after(5, 5) == dt.timedelta(seconds=30)  # 30 s, then doubling
    assert wait_after(6, 5) == dt.timedelta(seconds=60) and wait_after(8, 5) == dt.timedelta(seconds=240)
    assert wait_after(9, 5) == dt.timedelta(seconds=480) and wait_after(10, 5) == MAX_WAIT  # 960 s capped at 900
    assert wait_after(500, 5) == MAX_WAIT


def test_a_password_longer_than_the_limit_never_matches() -> None:
    stored = hash_password("p" * MAX_LENGTH, "someone")
    assert verify_password(stored, "p" * MAX_LENGTH) is True
    assert verify_password(stored, "p" * (MAX_LENGTH + 1)) is False
    assert verify_password(None, "anything") is False and verify_password("", "") is False


def test_accounts_are_listed_by_name_with_their_details(clerk: Session, register: Register) -> None:
    db = clerk
    add_account(db, register, actor=ADMIN, name="admin_b", role="admin", password="long enough",
                email="b@example.org")
    listed = list_accounts(db)
    assert [(a.name, a.role, a.units, a.email, a.active, a.is_demo) for a in listed] == [
        ("admin_b", "admin", [], "b@example.org", True, False),
        ("clerk_a", "reporter", ["street_chigang"], None, True, True)]
    assert all(isinstance(a, AccountInfo) and a.created_at is not None for a in listed)
    set_active(db, actor=ADMIN, name="clerk_a", active=False)
    set_active(db, actor=ADMIN, name="clerk_a", active=True)
    changes = events(db)
    assert changes[changes["action"].str.startswith("account_")][["action", "subject"]].values.tolist()[:2] == [
        ["account_enable", "clerk_a"], ["account_disable", "clerk_a"]]


def test_the_command_lines_operator_and_a_clerks_units_below_its_own(register: Register) -> None:
    assert operator("张三") == Actor("cli:张三", "system")
    assert len(operator("x" * 100).name) == 64
    clerk = Actor("c", "reporter", frozenset({"centre", "street_chigang"}))
    allowed = upload_units(clerk, register)
    assert allowed is not None and {"centre", "street_chigang", "dept_edu"} <= allowed  # a department under the centre
    assert "street_xingang" not in allowed


def test_an_account_under_attack_delays_the_right_password_by_the_delay_given_or_set(
        clerk: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """Five failures at clerk_a from two other clients: the next attempt is the sixth on the account, one over the
    free five, so it waits 1 × the sign-in delay — the delay passed in, else TRACKER_SIGNIN_DELAY."""
    db = clerk
    for i in range(5):
        _try(db, "clerk_a", "wrong", address=("203.0.113.9", "203.0.113.10")[i % 2], now=T0)
    slept: list[float] = []
    assert sign_in(db, "clerk_a", "long enough", address="10.1.2.3", now=T0, delay=2.0, sleep=slept.append)
    assert slept == [2.0]
    monkeypatch.setenv("TRACKER_SIGNIN_DELAY", "0.5")
    slept.clear()
    assert sign_in(db, "clerk_a", "long enough", address="10.1.2.3", now=T0, sleep=slept.append)
    assert slept == [0.5]


def test_a_throttled_attempt_without_a_name_is_audited_as_question_mark(clerk: Session) -> None:
    db = clerk
    for _ in range(FREE_FAILURES):
        _try(db, "", "wrong", address="198.51.100.8", now=T0)
    assert _try(db, "", "wrong", address="198.51.100.8", now=T0) is None
    user, _action, subject, detail, _at = _last(db)
    assert (user, subject, detail["reason"]) == ("?", "", "throttled")


def test_a_queued_attempt_without_a_given_time_goes_by_the_clock(clerk: Session,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """When the caller gives no time (every real sign-in), a waiting attempt reads the clock at each look, not its
    start plus the waits: with a clock that moves 2 s per reading, the 5 s a check may take are over at the second
    look, and the refusal is audited at the clock's time then (T0 + 6 s); going by its waits it would have looked
    twelve times and been audited at T0 + 5 s."""
    db = clerk
    for _ in range(FREE_FAILURES):
        _try(db, "clerk_a", "wrong", address="198.51.100.7", now=T0)
    readings = iter(T0 + dt.timedelta(seconds=2 * k) for k in range(1, 100))
    monkeypatch.setattr(accounts, "utcnow", lambda: next(readings))
    looks: list[float] = []
    with pytest.raises(SignInFailed):
        sign_in(db, "clerk_a", "long enough", address="198.51.100.7", delay=0, sleep=looks.append)
    assert looks == [0.25] * 2  # the clock read at T0 + 2 s (the start), then + 4 s (pending), + 6 s (no longer)
    assert _last(db)[4] == T0 + dt.timedelta(seconds=6)
