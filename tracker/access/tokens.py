"""API tokens: another system (the city's data platform, Excel's Power Query) reads the HTTP API with one.

An administrator creates a token for a role (`python -m tracker token add NAME --role ROLE`); it is shown once and
stored only as its SHA-256. A call names it as `Authorization: Bearer …`; the token acts as the role it was made
for (`token:NAME`), through the same `require` as every page, and every use is audited. A revoked token stays
listed (who revoked it, when) and is refused.

SQL outside `tracker/storage`: this module owns the `api_token` table."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session, col

from tracker.access.accounts import NAME
from tracker.access.audit import record
from tracker.access.roles import ROLES, Actor, require
from tracker.access.sessions import digest
from tracker.core.clock import as_utc, utcnow
from tracker.core.errors import TrackerError
from tracker.storage.models import ApiToken

PREFIX = "trk_"


class BadToken(TrackerError):
    """No token, or one that is unknown or revoked (HTTP 401)."""

    key = "token.bad"


@dataclass(frozen=True)
class TokenInfo:
    name: str
    role: str
    created_at: dt.datetime
    created_by: str
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    revoked_by: str | None


def add_token(session: Session, *, actor: Actor, name: str, role: str) -> str:
    """A new token for `role` (administrators); the secret is returned once and never stored."""
    require(actor, "accounts")
    if not NAME.fullmatch(name):  # the whole name (match alone let "a b" and 100 characters through)
        raise TrackerError("token.bad_name", name=name)
    if role not in ROLES:
        raise TrackerError("account.bad_role", role=role, allowed=", ".join(ROLES))
    if session.execute(select(col(ApiToken.id)).where(col(ApiToken.name) == name)).first():
        raise TrackerError("token.exists", name=name)
    secret = PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(name=name, role=role, token_hash=digest(secret), created_by=actor.name))
    record(session, user=actor.name, action="token_add", subject=name, role=role, commit=False)
    session.commit()
    return secret


def revoke_token(session: Session, *, actor: Actor, name: str) -> None:
    """Refuse the token from now on (administrators); it stays listed as revoked."""
    require(actor, "accounts")
    token = session.execute(select(ApiToken).where(col(ApiToken.name) == name)).scalars().first()
    if token is None:
        raise TrackerError("token.unknown", name=name)
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = utcnow(), actor.name
        record(session, user=actor.name, action="token_revoke", subject=name, commit=False)
        session.commit()


def list_tokens(session: Session, *, actor: Actor) -> list[TokenInfo]:
    """Every token, by name (administrators): never the secret."""
    require(actor, "accounts")
    rows = session.execute(select(ApiToken).order_by(col(ApiToken.name))).scalars()
    return [TokenInfo(t.name, t.role, as_utc(t.created_at), t.created_by,
                      as_utc(t.last_used_at) if t.last_used_at else None,
                      as_utc(t.revoked_at) if t.revoked_at else None, t.revoked_by) for t in rows]


def token_actor(session: Session, *, secret: str | None) -> Actor:
    """The acting identity of a live token (`token:NAME` with its role); BadToken when missing, unknown or revoked.
    Marks the token as used (the call itself is audited by `record_call`)."""
    if not secret:
        raise BadToken()
    token = session.execute(select(ApiToken).where(col(ApiToken.token_hash) == digest(secret))).scalars().first()
    if token is None or token.revoked_at is not None:
        raise BadToken()
    token.last_used_at = utcnow()
    session.commit()
    return Actor(f"token:{token.name}", token.role)


def record_call(session: Session, *, actor: Actor | None, path: str, query: str, status: int) -> None:
    """One API call in the audit trail: which token (or none), what it asked, how it was answered."""
    record(session, user=actor.name if actor else "token:?", action="api_call", subject=path,
           query=query[:500], status=status)
