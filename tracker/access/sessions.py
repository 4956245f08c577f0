"""Browser sessions: a sign-in that survives a reload, a bookmark and a second tab (Django's session framework).

Signing in creates a session row and a one-time *ticket*; the browser trades the ticket at `/auth/session` for a
random *token* in an HttpOnly cookie (webapp/server.py). Only SHA-256 hashes of the ticket and the token are stored:
a copy of the database signs nobody in. Every page run resumes the session from the cookie (or, within one
browser tab, from its id), which checks the account is still active and the session not idle; sign-out ends this
session or all of an account's, and disabling an account or setting its password ends all of them at once.

Audited once each: the sign-in (by `accounts.sign_in`), the sign-out, and the sign-outs nobody asked for (idle,
disabled, password set) with their reason — never a reload.

SQL outside `tracker/storage`: this module owns the `browser_session` table."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.roles import Actor
from tracker.core.clock import as_utc, utcnow
from tracker.storage.models import Account, BrowserSession

COOKIE = "tracker_session"
TICKET_LIFETIME = dt.timedelta(minutes=2)
TOUCH_EVERY = dt.timedelta(seconds=30)  # last-seen is written at most this often: a click is not a write
REASONS = ("sign_out", "sign_out_all", "idle", "disabled", "password_set")


@dataclass(frozen=True)
class Handoff:
    """A new session and the one-time ticket the browser trades for its cookie."""

    session_id: int
    ticket: str


@dataclass(frozen=True)
class Resumed:
    """What a page run finds: the signed-in actor, or None and why (a REASONS code, "unknown" when no session)."""

    actor: Actor | None
    session_id: int | None = None
    ended: str | None = None
    claimed: bool = False  # the browser has traded the ticket for its cookie
    ticket_lapsed: bool = False  # not traded, and its ticket has expired: the page should hand it a new one


@dataclass(frozen=True)
class SessionInfo:
    id: int
    created_at: dt.datetime
    last_seen_at: dt.datetime
    user_agent: str


def digest(secret: str) -> str:
    """The stored form of a token or ticket: its SHA-256 (the secrets are 256 random bits, so no salt is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def start(session: Session, *, name: str, user_agent: str = "", idle: dt.timedelta,
          now: dt.datetime | None = None) -> Handoff:
    """A session for the account that has just signed in (the sign-in itself is audited by `accounts.sign_in`).
    Sessions left idle past the limit by anyone are ended first, each audited as an idle sign-out."""
    now = now or utcnow()
    end_idle(session, idle=idle, now=now)
    account = session.execute(select(Account).where(col(Account.name) == name)).scalars().one()
    ticket = secrets.token_urlsafe(32)
    row = BrowserSession(account_id=account.id or 0, ticket_hash=digest(ticket),
                         ticket_expires_at=now + TICKET_LIFETIME, created_at=now, last_seen_at=now,
                         user_agent=user_agent[:256])
    session.add(row)
    session.commit()
    return Handoff(row.id or 0, ticket)


def claim(session: Session, *, ticket: str, now: dt.datetime | None = None) -> str | None:
    """The session's cookie token for a fresh, unused ticket (once: the ticket is spent), else None."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    s = BrowserSession
    done = session.execute(
        update(s).where(col(s.ticket_hash) == digest(ticket), col(s.ticket_expires_at) > now,
                        col(s.ended_at).is_(None))
        .values(token_hash=digest(token), ticket_hash=None, ticket_expires_at=None))
    session.commit()
    return token if done.rowcount == 1 else None  # type: ignore[attr-defined]


def resume(session: Session, *, idle: dt.timedelta, session_id: int | None = None, token: str | None = None,
           now: dt.datetime | None = None) -> Resumed:
    """The signed-in actor of a session (by its id within a tab, else by the cookie's token); an idle session or
    one whose account was disabled is ended here (and audited) and answers None with the reason."""
    from tracker.access.accounts import actor_of  # accounts imports this module to end sessions

    now = now or utcnow()
    s = BrowserSession
    if session_id is not None:
        row = session.get(s, session_id)
    elif token:
        row = session.execute(select(s).where(col(s.token_hash) == digest(token))).scalars().first()
    else:
        row = None
    if row is None:
        return Resumed(None, None, "unknown")
    if row.ended_at is not None:
        return Resumed(None, row.id, row.end_reason)
    account = session.get(Account, row.account_id)
    assert account is not None  # accounts are disabled, never deleted
    if not account.active:
        _end(session, [row], account.name, "disabled", now)
        session.commit()
        return Resumed(None, row.id, "disabled")
    if now - as_utc(row.last_seen_at) > idle:
        _end(session, [row], account.name, "idle", now, last_seen=as_utc(row.last_seen_at).isoformat(timespec="seconds"))
        session.commit()
        return Resumed(None, row.id, "idle")
    if now - as_utc(row.last_seen_at) > TOUCH_EVERY:
        row.last_seen_at = now
        session.commit()
    lapsed = row.token_hash is None and (row.ticket_expires_at is None or as_utc(row.ticket_expires_at) <= now)
    return Resumed(actor_of(session, account.name), row.id, claimed=row.token_hash is not None, ticket_lapsed=lapsed)


def renew_ticket(session: Session, *, session_id: int, now: dt.datetime | None = None) -> str | None:
    """A new one-time ticket for a session whose browser never traded the first (on a server under load its
    image can be fetched after the ticket's two minutes: the tab stays signed in, but a reload would not), stored
    hashed with a new lifetime; None once the session has its cookie or has ended."""
    now = now or utcnow()
    ticket = secrets.token_urlsafe(32)
    s = BrowserSession
    done = session.execute(
        update(s).where(col(s.id) == session_id, col(s.token_hash).is_(None), col(s.ended_at).is_(None))
        .values(ticket_hash=digest(ticket), ticket_expires_at=now + TICKET_LIFETIME))
    session.commit()
    return ticket if done.rowcount == 1 else None  # type: ignore[attr-defined]


def _end(db: Session, rows: list[BrowserSession], name: str, reason: str, now: dt.datetime, *,
         by: str | None = None, **detail: object) -> None:
    """End the sessions and write one audit event saying whose, why and how many (the caller commits)."""
    for row in rows:
        row.ended_at, row.end_reason = now, reason
    about: dict[str, Any] = {"reason": reason, **detail}
    if len(rows) > 1:
        about["sessions"] = len(rows)
    if by and by != name:
        about["by"] = by
    record(db, user=name, action="sign_out", subject=name, at=now, commit=False, **about)


def end(session: Session, *, session_id: int, now: dt.datetime | None = None) -> None:
    """Sign out of this session (audited once; a session already ended is left as it is)."""
    row = session.get(BrowserSession, session_id)
    if row is None or row.ended_at is not None:
        return
    account = session.get(Account, row.account_id)
    _end(session, [row], account.name if account else "?", "sign_out", now or utcnow())
    session.commit()


def end_all(session: Session, *, name: str, reason: str = "sign_out_all", by: str | None = None,
            now: dt.datetime | None = None, commit: bool = True) -> int:
    """End every open session of the account (sign out everywhere, or because it was disabled or its password
    set); audited once when any was open. Returns how many were ended."""
    account = session.execute(select(Account).where(col(Account.name) == name)).scalars().first()
    if account is None:
        return 0
    s = BrowserSession
    rows = list(session.execute(select(s).where(col(s.account_id) == account.id, col(s.ended_at).is_(None)))
                .scalars())
    if rows:
        _end(session, rows, name, reason, now or utcnow(), by=by)
    if commit:
        session.commit()
    return len(rows)


def end_idle(session: Session, *, idle: dt.timedelta, now: dt.datetime | None = None) -> int:
    """End every session idle longer than `idle` (whoever's), each account's audited as an idle sign-out."""
    now = now or utcnow()
    s = BrowserSession
    rows = list(session.execute(select(s).where(col(s.ended_at).is_(None), col(s.last_seen_at) < now - idle))
                .scalars())
    by_account: dict[int, list[BrowserSession]] = {}
    for row in rows:
        by_account.setdefault(row.account_id, []).append(row)
    for account_id, ended in by_account.items():
        account = session.get(Account, account_id)
        _end(session, ended, account.name if account else "?", "idle", now)
    session.commit()
    return len(rows)


def open_sessions(session: Session, *, name: str) -> list[SessionInfo]:
    """The account's open sessions, most recently used first."""
    s = BrowserSession
    stmt = (select(s).join(Account, col(Account.id) == col(s.account_id))
            .where(col(Account.name) == name, col(s.ended_at).is_(None)).order_by(col(s.last_seen_at).desc()))
    return [SessionInfo(r.id or 0, as_utc(r.created_at), as_utc(r.last_seen_at), r.user_agent)
            for r in session.execute(stmt).scalars()]
