"""Accounts: add, list, disable, set a password, assign units; sign in with throttling after failures.

Names are what people type to sign in; a reporter's units are unit codes (the CLI and the page accept a code,
name or alias). Every change is written to the audit trail by the same function that makes it.

SQL outside `tracker/storage`: this module owns the `account` and `account_unit` tables; its queries live with
the rules they serve (the sign-in counters are tracker/access/throttle.py's)."""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from tracker.access import sessions
from tracker.access.audit import record
from tracker.access.passwords import dummy_hash, hash_password, verify_password
from tracker.access.roles import ROLES, Actor, require
from tracker.access.throttle import (
    LOCAL,
    QUEUE_STEP,
    Attempt,
    begin_attempt,
    end_attempt,
    in_flight,
    peek_attempt,
)
from tracker.core.clock import LOCAL_TZ, utcnow
from tracker.core.errors import TrackerError
from tracker.core.settings import Settings
from tracker.register import Register
from tracker.storage.faults import has_nul
from tracker.storage.models import Account, AccountUnit

# ASCII letters, digits, _ . @ - and Chinese characters: no look-alikes from other scripts (Cyrillic а for a),
# no full-width forms (ａｄｍｉｎ), no spaces or line breaks
NAME = re.compile(r"[A-Za-z0-9_.@\-\u3400-\u4dbf\u4e00-\u9fff]{2,64}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
RESERVED = frozenset({"system", "demo", "cli", "root", "anonymous"})  # names the audit trail uses for others


class SignInFailed(TrackerError):
    key = "signin.failed"


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: str
    units: list[str]
    email: str | None
    active: bool
    is_demo: bool
    created_at: dt.datetime


def _get(session: Session, name: str) -> Account:
    account = session.execute(select(Account).where(col(Account.name) == name)).scalars().first()
    if account is None:
        raise TrackerError("account.unknown", name=name)
    return account


def _units_of(session: Session, account_id: int) -> list[str]:
    stmt = select(col(AccountUnit.unit_code)).where(col(AccountUnit.account_id) == account_id).order_by(
        col(AccountUnit.unit_code))
    return list(session.execute(stmt).scalars())


def _check_units(units: list[str], register: Register) -> list[str]:
    """The units, each once, all in the register (TrackerError naming those that are not)."""
    units = list(dict.fromkeys(units))
    unknown = [u for u in units if u not in register.units]
    if unknown:
        raise TrackerError("account.unknown_unit", units="、".join(unknown))
    return units


def _check_name(session: Session, name: str) -> None:
    """TrackerError unless `name` may name a new account: the allowed characters, not reserved, and no account
    of the same name in another case (Admin beside admin)."""
    if not NAME.fullmatch(name) or unicodedata.normalize("NFKC", name) != name:
        raise TrackerError("account.bad_name", name=name.replace("\x00", "\\0").replace("\n", "\\n"))
    if name.casefold() in RESERVED:
        raise TrackerError("account.reserved_name", name=name)
    folded = name.casefold()
    for (other,) in session.execute(select(col(Account.name))).all():
        if other.casefold() == folded:
            raise TrackerError("account.exists", name=other)


def _keep_an_admin(session: Session, account: Account) -> None:
    """TrackerError when disabling `account` would leave no active administrator (no one could manage accounts)."""
    if account.role != "admin" or not account.active:
        return
    others = session.execute(select(func.count()).select_from(Account).where(
        col(Account.role) == "admin", col(Account.active), col(Account.id) != account.id)).scalar_one()
    if not others:
        raise TrackerError("account.last_admin", name=account.name)


def add_account(session: Session, register: Register, *, actor: Actor, name: str, role: str, password: str | None,
                units: Sequence[str] = (), email: str | None = None, is_demo: bool = False) -> None:
    """A new active account (administrators); a reporter needs at least one unit."""
    require(actor, "accounts")
    _check_name(session, name)
    if role not in ROLES:
        raise TrackerError("account.bad_role", role=role, allowed=", ".join(ROLES))
    if role == "reporter" and not units:
        raise TrackerError("account.reporter_needs_unit")
    if email is not None and (has_nul(email) or not EMAIL.fullmatch(email)):
        raise TrackerError("account.bad_email", email=email.replace("\x00", "\\0"))
    account = Account(name=name, role=role, password_hash=hash_password(password, name) if password else None,
                      email=email.lower() if email else None, is_demo=is_demo)
    session.add(account)
    session.flush()
    units = _check_units(list(units), register)
    for unit in units:
        session.add(AccountUnit(account_id=account.id or 0, unit_code=unit))
    record(session, user=actor.name, action="account_add", subject=name, role=role, units=list(units), commit=False)
    session.commit()


def set_password(session: Session, *, actor: Actor, name: str, password: str) -> None:
    """A new password for the account (administrators); every browser session of the account ends with it."""
    require(actor, "accounts")
    account = _get(session, name)
    account.password_hash = hash_password(password, name)
    record(session, user=actor.name, action="account_password", subject=name, commit=False)
    sessions.end_all(session, name=name, reason="password_set", by=actor.name, commit=False)
    session.commit()


def set_active(session: Session, *, actor: Actor, name: str, active: bool) -> None:
    """Disable or enable the account (administrators); disabling ends its browser sessions at once."""
    require(actor, "accounts")
    account = _get(session, name)
    if not active:
        _keep_an_admin(session, account)
    account.active = active
    record(session, user=actor.name, action="account_enable" if active else "account_disable", subject=name,
           commit=False)
    if not active:
        sessions.end_all(session, name=name, reason="disabled", by=actor.name, commit=False)
    session.commit()


def assign_units(session: Session, register: Register, *, actor: Actor, name: str, units: list[str]) -> None:
    """Replace the account's units (administrators)."""
    require(actor, "accounts")
    account = _get(session, name)
    units = _check_units(units, register)
    if account.role == "reporter" and not units:
        raise TrackerError("account.reporter_needs_unit")
    session.execute(delete(AccountUnit).where(col(AccountUnit.account_id) == account.id))
    for unit in units:
        session.add(AccountUnit(account_id=account.id or 0, unit_code=unit))
    record(session, user=actor.name, action="account_assign", subject=name, units=units, commit=False)
    session.commit()


def list_accounts(session: Session) -> list[AccountInfo]:
    accounts = session.execute(select(Account).order_by(col(Account.name))).scalars().all()
    return [AccountInfo(a.name, a.role, _units_of(session, a.id or 0), a.email, a.active, a.is_demo, a.created_at)
            for a in accounts]


def has_accounts(session: Session) -> bool:
    return bool(session.execute(select(func.count()).select_from(Account)).scalar_one())


def actor_of(session: Session, name: str) -> Actor:
    """The acting identity of an active account (TrackerError when there is none)."""
    account = _get(session, name)
    if not account.active:
        raise TrackerError("account.disabled", name=name)
    return Actor(account.name, account.role, frozenset(_units_of(session, account.id or 0)), account.is_demo)


def actor_for_email(session: Session, email: str) -> Actor | None:
    """Single sign-on: the active account whose e-mail the identity provider vouched for."""
    account = session.execute(select(Account).where(col(Account.email) == email.lower())).scalars().first()
    if account is None or not account.active:
        return None
    return Actor(account.name, account.role, frozenset(_units_of(session, account.id or 0)), account.is_demo)


def _queued(session: Session, name: str, address: str, now: dt.datetime, base: float,
            sleep: Callable[[float], None], real_clock: bool) -> tuple[Attempt, dt.datetime]:
    """The attempt counted, or its refusal — behind colleagues' attempts still under way, once they are done — and
    the time it was decided. A pending refusal looks at the counters (reading only) every QUEUE_STEP until the
    attempt would be checked, the refusal is no longer pending (real failures), or the attempts before it can no
    longer be under way (`in_flight`). The time is the clock's, or `now` plus the waits (`real_clock` false: the
    caller gave the time)."""
    attempt, at, waited = begin_attempt(session, name, address, now, base), now, 0.0
    while attempt.pending and waited < in_flight(base).total_seconds():
        sleep(QUEUE_STEP)
        waited += QUEUE_STEP
        at = utcnow() if real_clock else now + dt.timedelta(seconds=waited)
        peek = peek_attempt(session, name, address, at, base)
        attempt = begin_attempt(session, name, address, at, base) if peek is None else peek
    return attempt, at


def sign_in(session: Session, name: str, password: str, *, address: str = LOCAL, now: dt.datetime | None = None,
            delay: float | None = None, sleep: Callable[[float], None] = time.sleep) -> Actor:
    """The account's actor when the password matches; SignInFailed (audited with the client's address, and slowed
    down) otherwise. Counted before the password is checked (tracker/access/throttle.py); an unknown name, a
    disabled account and a wrong password take the same time (a password hash is verified in every case)."""
    given = now is not None
    now = now or utcnow()
    base = Settings.from_env().signin_delay if delay is None else delay
    name = name.strip().replace("\x00", "\ufffd")[:64]  # a NUL is no name, and PostgreSQL refuses it
    address = address.replace("\x00", "\ufffd")[:128]
    attempt, now = _queued(session, name, address, now, base, sleep, real_clock=not given)
    if attempt.refused_until is not None:
        record(session, user=name or "?", action="sign_in_failed", subject=name, at=now, reason="throttled",
               address=address)
        until = attempt.refused_until.astimezone(LOCAL_TZ).strftime("%H:%M:%S")
        raise SignInFailed("signin.throttled", until=until)
    if attempt.delay:
        sleep(attempt.delay)
    account = session.execute(select(Account).where(col(Account.name) == name)).scalars().first()
    stored = account.password_hash if account is not None and account.password_hash else None
    matches = verify_password(stored or dummy_hash(), password) and stored is not None
    if account is None or not account.active or not matches:
        record(session, user=name or "?", action="sign_in_failed", subject=name, at=now, address=address,
               reason="disabled" if account is not None and not account.active and matches else "password")
        sleep(base)
        raise SignInFailed()
    end_attempt(session, name, address)
    record(session, user=account.name, action="sign_in", subject=account.name, at=now, address=address)
    return Actor(account.name, account.role, frozenset(_units_of(session, account.id or 0)), account.is_demo)
