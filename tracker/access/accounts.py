"""Accounts: add, list, disable, set a password, assign units; sign in with throttling after failures.

Names are what people type to sign in; a reporter's units are unit codes (the CLI and the page accept a code,
name or alias). Every change is written to the audit trail by the same function that makes it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.passwords import hash_password, verify_password
from tracker.access.roles import ROLES, Actor
from tracker.errors import TrackerError
from tracker.models import Account, AccountUnit, AuditEvent, utcnow
from tracker.periods import LOCAL_TZ
from tracker.register import Register

NAME = re.compile(r"^[\w.@-]{2,64}$")
FAILURE_WINDOW = dt.timedelta(minutes=15)
FREE_FAILURES = 5  # then each further attempt waits 30 s, 60 s, 120 s … up to 15 minutes after the last failure
MAX_WAIT = dt.timedelta(minutes=15)


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


def add_account(session: Session, register: Register, *, by: str, name: str, role: str, password: str | None,
                units: list[str] = (), email: str | None = None, is_demo: bool = False) -> None:  # type: ignore[assignment]
    """A new active account; a reporter needs at least one unit."""
    if not NAME.match(name):
        raise TrackerError("account.bad_name", name=name)
    if role not in ROLES:
        raise TrackerError("account.bad_role", role=role, allowed=", ".join(ROLES))
    if role == "reporter" and not units:
        raise TrackerError("account.reporter_needs_unit")
    if session.execute(select(col(Account.id)).where(col(Account.name) == name)).first():
        raise TrackerError("account.exists", name=name)
    account = Account(name=name, role=role, password_hash=hash_password(password) if password else None,
                      email=email.lower() if email else None, is_demo=is_demo)
    session.add(account)
    session.flush()
    units = _check_units(list(units), register)
    for unit in units:
        session.add(AccountUnit(account_id=account.id or 0, unit_code=unit))
    record(session, user=by, action="account_add", subject=name, role=role, units=list(units), commit=False)
    session.commit()


def set_password(session: Session, *, by: str, name: str, password: str) -> None:
    account = _get(session, name)
    account.password_hash = hash_password(password)
    record(session, user=by, action="account_password", subject=name, commit=False)
    session.commit()


def set_active(session: Session, *, by: str, name: str, active: bool) -> None:
    account = _get(session, name)
    account.active = active
    record(session, user=by, action="account_enable" if active else "account_disable", subject=name, commit=False)
    session.commit()


def assign_units(session: Session, register: Register, *, by: str, name: str, units: list[str]) -> None:
    """Replace the account's units."""
    account = _get(session, name)
    units = _check_units(units, register)
    if account.role == "reporter" and not units:
        raise TrackerError("account.reporter_needs_unit")
    session.execute(delete(AccountUnit).where(col(AccountUnit.account_id) == account.id))
    for unit in units:
        session.add(AccountUnit(account_id=account.id or 0, unit_code=unit))
    record(session, user=by, action="account_assign", subject=name, units=units, commit=False)
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


def _wait_until(session: Session, name: str, now: dt.datetime) -> dt.datetime | None:
    """When the next attempt for `name` may be made, if failures have piled up; else None."""
    e = AuditEvent
    stmt = (select(col(e.at)).where(col(e.action) == "sign_in_failed", col(e.subject) == name[:512],
                               col(e.at) >= now - FAILURE_WINDOW).order_by(col(e.at).desc()))
    failures = list(session.execute(stmt).scalars())
    if len(failures) < FREE_FAILURES:
        return None
    last = failures[0] if failures[0].tzinfo else failures[0].replace(tzinfo=dt.UTC)
    wait = min(dt.timedelta(seconds=30 * 2 ** (len(failures) - FREE_FAILURES)), MAX_WAIT)
    return last + wait if last + wait > now else None


def sign_in(session: Session, name: str, password: str, *, now: dt.datetime | None = None,
            delay: float | None = None) -> Actor:
    """The account's actor when the password matches; SignInFailed (audited, and slowed down) otherwise."""
    now = now or utcnow()
    name = name.strip()[:64]
    until = _wait_until(session, name, now)
    if until is not None:
        record(session, user=name or "?", action="sign_in_failed", subject=name, at=now, reason="throttled")
        raise SignInFailed("signin.throttled", until=until.astimezone(LOCAL_TZ).strftime("%H:%M:%S"))
    account = session.execute(select(Account).where(col(Account.name) == name)).scalars().first()
    ok = account is not None and account.active and verify_password(account.password_hash, password)
    if not ok:
        record(session, user=name or "?", action="sign_in_failed", subject=name, at=now,
               reason="disabled" if account is not None and not account.active else "password")
        time.sleep(float(os.environ.get("TRACKER_SIGNIN_DELAY", "1")) if delay is None else delay)
        raise SignInFailed()
    assert account is not None
    record(session, user=account.name, action="sign_in", subject=account.name, at=now)
    return Actor(account.name, account.role, frozenset(_units_of(session, account.id or 0)), account.is_demo)
