"""Browser sessions: a ticket traded once for a cookie token, both stored only hashed; resumed by token or id; idle,
disabled and password-set sessions ended at once and audited once; sign-out here or everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, text
from sqlmodel import Session

from tests.helpers import synced
from tracker.access import accounts, sessions
from tracker.access.audit import events
from tracker.access.roles import Actor
from tracker.register import Register
from tracker.storage.models import BrowserSession

ADMIN = Actor("boss", "admin")
T0 = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)
IDLE = dt.timedelta(minutes=30)


@pytest.fixture
def db(any_engine: Engine, register: Register) -> Iterator[Session]:
    with synced(any_engine, register) as s:
        accounts.add_account(s, register, actor=ADMIN, name="clerk", role="reporter", password="secret-123",
                             units=["street_chigang"])
        yield s


def signed_in(db: Session, now: dt.datetime = T0) -> tuple[int, str]:
    """A session for `clerk` whose ticket the browser traded for its token."""
    handoff = sessions.start(db, name="clerk", user_agent="Chromium", idle=IDLE, now=now)
    token = sessions.claim(db, ticket=handoff.ticket, now=now + dt.timedelta(seconds=1))
    assert token is not None
    return handoff.session_id, token


def sign_outs(db: Session) -> list[str]:
    frame = events(db, action="sign_out")
    return [f"{u} {d}" for u, d in zip(frame["user"], frame["detail"], strict=True)]


def test_the_ticket_buys_one_cookie_and_neither_secret_is_stored(db: Session) -> None:
    handoff = sessions.start(db, name="clerk", user_agent="Chromium/1", idle=IDLE, now=T0)
    token = sessions.claim(db, ticket=handoff.ticket, now=T0)
    assert token is not None and token != handoff.ticket and len(token) >= 43  # 32 random bytes, base64
    assert sessions.claim(db, ticket=handoff.ticket, now=T0) is None  # spent
    stored = db.execute(text("SELECT token_hash, ticket_hash, user_agent FROM browser_session")).one()
    assert stored == (sessions.digest(token), None, "Chromium/1")
    dump = " ".join(str(v) for row in db.execute(text("SELECT * FROM browser_session")).all() for v in row)
    assert token not in dump and handoff.ticket not in dump


def test_a_ticket_expires_after_two_minutes(db: Session) -> None:
    handoff = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    assert sessions.claim(db, ticket=handoff.ticket, now=T0 + dt.timedelta(minutes=2, seconds=1)) is None
    assert sessions.claim(db, ticket="made-up", now=T0) is None


def test_the_cookie_finds_the_account_again_on_a_reload(db: Session) -> None:
    session_id, token = signed_in(db)
    again = sessions.resume(db, idle=IDLE, token=token, now=T0 + dt.timedelta(minutes=29))
    assert again.actor is not None and again.actor.name == "clerk" and again.actor.units == {"street_chigang"}
    assert again.session_id == session_id
    assert sessions.resume(db, idle=IDLE, token="not-a-token", now=T0).ended == "unknown"
    assert sign_outs(db) == []  # a reload is not a sign-out (and sign-in is audited by accounts.sign_in)


def test_last_seen_is_written_at_most_every_30_seconds(db: Session) -> None:
    session_id, token = signed_in(db)
    sessions.resume(db, idle=IDLE, token=token, now=T0 + dt.timedelta(seconds=20))
    row = db.get(BrowserSession, session_id)
    assert row is not None and row.last_seen_at.replace(tzinfo=dt.UTC) == T0.replace(tzinfo=dt.UTC)
    sessions.resume(db, idle=IDLE, token=token, now=T0 + dt.timedelta(seconds=45))
    db.refresh(row)
    assert row.last_seen_at.replace(tzinfo=dt.UTC) == T0 + dt.timedelta(seconds=45)


def test_an_idle_session_ends_once_and_is_audited_once(db: Session) -> None:
    _session_id, token = signed_in(db)
    later = T0 + dt.timedelta(minutes=31)  # last seen at T0; 31 > 30 minutes
    assert sessions.resume(db, idle=IDLE, token=token, now=later).ended == "idle"
    assert sessions.resume(db, idle=IDLE, token=token, now=later).ended == "idle"
    assert len(sign_outs(db)) == 1 and '"reason": "idle"' in sign_outs(db)[0]


def test_disabling_an_account_ends_every_session_at_once(db: Session) -> None:
    a, token_a = signed_in(db)
    b, _ = signed_in(db)
    accounts.set_active(db, actor=ADMIN, name="clerk", active=False)
    assert sessions.resume(db, idle=IDLE, token=token_a, now=T0).ended == "disabled"
    assert sessions.resume(db, idle=IDLE, session_id=b, now=T0).ended == "disabled"
    [line] = sign_outs(db)  # one event for both sessions, saying who did it
    assert line.startswith("clerk ") and '"by": "boss"' in line and '"sessions": 2' in line
    assert '"reason": "disabled"' in line
    assert a != b


def test_setting_a_password_ends_the_sessions(db: Session) -> None:
    _a, token = signed_in(db)
    accounts.set_password(db, actor=ADMIN, name="clerk", password="new-secret-456")
    assert sessions.resume(db, idle=IDLE, token=token, now=T0).ended == "password_set"
    assert '"reason": "password_set"' in sign_outs(db)[0]


def test_sign_out_ends_this_session_and_sign_out_everywhere_all_of_them(db: Session) -> None:
    a, token_a = signed_in(db)
    b, token_b = signed_in(db)
    c, token_c = signed_in(db)
    sessions.end(db, session_id=a)
    sessions.end(db, session_id=a)  # twice (two tabs of the same session): audited once
    assert sessions.resume(db, idle=IDLE, token=token_a, now=T0).ended == "sign_out"
    assert sessions.resume(db, idle=IDLE, token=token_b, now=T0).actor is not None
    assert sessions.end_all(db, name="clerk", by="clerk", now=T0) == 2
    assert {sessions.resume(db, idle=IDLE, token=x, now=T0).ended for x in (token_b, token_c)} == {"sign_out_all"}
    assert [('"reason": "sign_out"' in x, '"sessions": 2' in x) for x in sign_outs(db)] == [
        (False, True), (True, False)]  # newest first
    assert b != c


def test_a_new_sign_in_ends_sessions_left_idle_by_anyone(db: Session, register: Register) -> None:
    old, _ = signed_in(db, now=T0)
    sessions.start(db, name="clerk", idle=IDLE, now=T0 + dt.timedelta(hours=2))
    row = db.execute(select(BrowserSession).where(BrowserSession.id == old)).scalars().one()
    assert row.end_reason == "idle"
    assert sessions.open_sessions(db, name="clerk")[0].user_agent == ""
