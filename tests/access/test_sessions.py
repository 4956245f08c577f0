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


# --- each rule at its edge (mutation testing found these unchecked) -------------------------------------------------

def _detail(db: Session) -> dict[str, object]:
    import json

    return dict(json.loads(events(db, action="sign_out")["detail"][0]))


def test_a_ticket_is_spent_at_exactly_two_minutes_and_never_for_an_ended_session(db: Session) -> None:
    handoff = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    assert sessions.claim(db, ticket=handoff.ticket, now=T0 + dt.timedelta(minutes=2)) is None  # expired at 2:00
    other = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    sessions.end(db, session_id=other.session_id, now=T0)
    assert sessions.claim(db, ticket=other.ticket, now=T0) is None  # signed out before the browser traded it
    third = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    assert sessions.claim(db, ticket=third.ticket, now=T0 + dt.timedelta(minutes=1, seconds=59)) is not None
    stored = db.execute(text("SELECT ticket_hash, ticket_expires_at FROM browser_session WHERE id = :i"),
                        {"i": third.session_id}).one()
    assert tuple(stored) == (None, None)  # nothing of the ticket is left


def test_a_session_starts_now_with_the_browsers_name_cut_to_256(db: Session) -> None:
    handoff = sessions.start(db, name="clerk", user_agent="x" * 300, idle=IDLE, now=T0)
    assert len(handoff.ticket) == 43  # 32 random bytes, URL-safe base64
    row = db.get(BrowserSession, handoff.session_id)
    assert row is not None and len(row.user_agent) == 256
    assert row.created_at.replace(tzinfo=dt.UTC) == T0 and row.last_seen_at.replace(tzinfo=dt.UTC) == T0
    account = db.execute(text("SELECT id FROM account WHERE name = 'clerk'")).scalar_one()
    assert row.account_id == account


def test_an_account_disabled_behind_the_apps_back_is_out_on_its_next_click(db: Session) -> None:
    # set_active ends the sessions itself; an account switched off another way (a restored backup, SQL) is caught
    # by resume: the session ends there, audited
    session_id, token = signed_in(db)
    db.execute(text("UPDATE account SET active = false WHERE name = 'clerk'"))
    db.commit()
    first = sessions.resume(db, idle=IDLE, token=token, now=T0 + dt.timedelta(minutes=1))
    assert (first.actor, first.session_id, first.ended) == (None, session_id, "disabled")
    assert _detail(db) == {"reason": "disabled"} and events(db, action="sign_out")["subject"].tolist() == ["clerk"]
    again = sessions.resume(db, idle=IDLE, session_id=session_id, now=T0 + dt.timedelta(minutes=2))
    assert (again.actor, again.session_id, again.ended) == (None, session_id, "disabled")
    assert len(events(db, action="sign_out")) == 1  # audited once


def test_idle_is_strictly_longer_than_the_limit_and_says_when_last_seen(db: Session) -> None:
    session_id, token = signed_in(db)
    assert sessions.resume(db, idle=IDLE, token=token, now=T0 + IDLE).actor is not None  # exactly 30 min: still in
    # that resume touched last-seen (30 min > 30 s): idle counts from it
    later = T0 + IDLE + IDLE + dt.timedelta(seconds=1)
    out = sessions.resume(db, idle=IDLE, token=token, now=later)
    assert (out.actor, out.session_id, out.ended) == (None, session_id, "idle")
    assert _detail(db) == {"reason": "idle", "last_seen": "2026-11-30T02:30:00+00:00"}
    when = events(db, action="sign_out")["at"][0]
    assert when == later  # the sign-out is dated when it was found idle


def test_last_seen_is_not_written_at_exactly_30_seconds(db: Session) -> None:
    session_id, token = signed_in(db)
    sessions.resume(db, idle=IDLE, token=token, now=T0 + dt.timedelta(seconds=30))
    row = db.get(BrowserSession, session_id)
    assert row is not None and row.last_seen_at.replace(tzinfo=dt.UTC) == T0


def test_a_session_is_claimed_once_its_browser_has_the_cookie(db: Session) -> None:
    handoff = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    before = sessions.resume(db, idle=IDLE, session_id=handoff.session_id, now=T0)
    assert before.actor is not None and before.claimed is False
    assert sessions.claim(db, ticket=handoff.ticket, now=T0) is not None
    assert sessions.resume(db, idle=IDLE, session_id=handoff.session_id, now=T0).claimed is True
    ended = sessions.resume(db, idle=IDLE, session_id=10_000, now=T0)
    assert (ended.actor, ended.session_id, ended.ended) == (None, None, "unknown")


def test_one_session_ended_by_its_owner_says_no_count_and_no_by(db: Session) -> None:
    session_id, _ = signed_in(db)
    sessions.end(db, session_id=session_id, now=T0 + dt.timedelta(minutes=5))
    assert _detail(db) == {"reason": "sign_out"}
    assert events(db, action="sign_out")["user"].tolist() == ["clerk"]
    assert events(db, action="sign_out")["at"][0] == T0 + dt.timedelta(minutes=5)
    signed_in(db)
    assert sessions.end_all(db, name="clerk", by="clerk", now=T0) == 1
    assert _detail(db) == {"reason": "sign_out_all"}  # one session: no count; by the owner: no "by"
    assert sessions.end_all(db, name="nobody", now=T0) == 0


def test_sessions_left_idle_end_per_account_each_audited_once(db: Session, register: Register) -> None:
    accounts.add_account(db, register, actor=ADMIN, name="clerk_b", role="reporter", password="secret-456",
                         units=["street_xingang"])
    signed_in(db)
    signed_in(db)
    sessions.start(db, name="clerk_b", idle=IDLE, now=T0)
    fresh = sessions.start(db, name="clerk_b", idle=IDLE, now=T0 + dt.timedelta(minutes=20))
    assert sessions.end_idle(db, idle=IDLE, now=T0 + dt.timedelta(minutes=31)) == 3
    ended = events(db, action="sign_out")
    assert sorted(ended["user"]) == ["clerk", "clerk_b"]
    import json
    details = {u: json.loads(d) for u, d in zip(ended["user"], ended["detail"], strict=True)}
    assert details == {"clerk": {"reason": "idle", "sessions": 2}, "clerk_b": {"reason": "idle"}}
    assert [s.id for s in sessions.open_sessions(db, name="clerk_b")] == [fresh.session_id]


def test_open_sessions_are_listed_most_recently_used_first(db: Session) -> None:
    a = sessions.start(db, name="clerk", user_agent="Firefox", idle=IDLE, now=T0)
    b = sessions.start(db, name="clerk", user_agent="Chromium", idle=IDLE, now=T0 + dt.timedelta(minutes=1))
    c = sessions.start(db, name="clerk", user_agent="Edge", idle=IDLE, now=T0 + dt.timedelta(minutes=2))
    sessions.resume(db, idle=IDLE, session_id=a.session_id, now=T0 + dt.timedelta(minutes=3))  # a used last
    listed = sessions.open_sessions(db, name="clerk")
    # neither the order they were made in (a, b, c) nor its reverse (c, b, a): by last use
    assert [(s.id, s.user_agent) for s in listed] == [(a.session_id, "Firefox"), (c.session_id, "Edge"),
                                                      (b.session_id, "Chromium")]
    assert listed[0].created_at == T0 and listed[0].last_seen_at == T0 + dt.timedelta(minutes=3)
    assert sessions.open_sessions(db, name="nobody") == []


def test_a_session_idle_exactly_the_limit_is_not_ended_by_the_sweep(db: Session) -> None:
    session_id, _ = signed_in(db)
    assert sessions.end_idle(db, idle=IDLE, now=T0 + IDLE) == 0  # last seen exactly 30 minutes ago: still open
    assert sessions.end_idle(db, idle=IDLE, now=T0 + IDLE + dt.timedelta(seconds=1)) == 1
    assert sessions.open_sessions(db, name="clerk") == []


def test_signing_out_everywhere_is_committed_for_every_other_process(db: Session, any_engine: Engine) -> None:
    """The page's "sign out everywhere" relies on `end_all` committing by default: the other app processes read
    the sessions through connections of their own."""
    signed_in(db)
    signed_in(db)
    assert sessions.end_all(db, name="clerk", now=T0) == 2
    with Session(any_engine) as elsewhere:
        assert sessions.open_sessions(elsewhere, name="clerk") == []
        assert len(events(elsewhere, action="sign_out")) == 1


def test_a_visit_without_a_session_or_a_cookie_is_unknown(db: Session) -> None:
    out = sessions.resume(db, idle=IDLE, now=T0)
    assert (out.actor, out.session_id, out.ended) == (None, None, "unknown")
    out = sessions.resume(db, idle=IDLE, token="", now=T0)  # an empty cookie
    assert (out.actor, out.session_id, out.ended) == (None, None, "unknown")


def test_the_idle_sweep_leaves_sessions_already_ended_alone(db: Session) -> None:
    session_id, _ = signed_in(db)
    sessions.end(db, session_id=session_id, now=T0 + dt.timedelta(minutes=1))
    assert sessions.end_idle(db, idle=IDLE, now=T0 + dt.timedelta(hours=5)) == 0
    assert len(events(db, action="sign_out")) == 1  # the sign-out, not a second "idle" one


def test_a_ticket_not_traded_in_time_is_renewed_until_the_browser_has_its_cookie(db: Session) -> None:
    """A browser that fetched its cookie image after the ticket's two minutes (a server under load): the tab is
    told so on its next run and given a new ticket, which buys the cookie; the old one stays spent. Once the
    cookie is bought, or the session has ended, no ticket is renewed."""
    handoff = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    fresh = sessions.resume(db, idle=IDLE, session_id=handoff.session_id, now=T0 + dt.timedelta(minutes=1))
    assert (fresh.claimed, fresh.ticket_lapsed) == (False, False)
    late = T0 + dt.timedelta(minutes=2)  # expired at exactly 2:00
    assert sessions.resume(db, idle=IDLE, session_id=handoff.session_id, now=late).ticket_lapsed
    assert sessions.claim(db, ticket=handoff.ticket, now=late) is None
    renewed = sessions.renew_ticket(db, session_id=handoff.session_id, now=late)
    assert renewed is not None and renewed != handoff.ticket
    again = sessions.resume(db, idle=IDLE, session_id=handoff.session_id, now=late + dt.timedelta(seconds=1))
    assert (again.claimed, again.ticket_lapsed) == (False, False)  # a new lifetime from the renewal
    assert sessions.claim(db, ticket=handoff.ticket, now=late + dt.timedelta(seconds=2)) is None
    token = sessions.claim(db, ticket=renewed, now=late + dt.timedelta(minutes=1, seconds=59))
    assert token is not None
    after = sessions.resume(db, idle=IDLE, token=token, now=late + dt.timedelta(minutes=3))
    assert (after.claimed, after.ticket_lapsed) == (True, False)
    assert sessions.renew_ticket(db, session_id=handoff.session_id, now=late + dt.timedelta(minutes=3)) is None
    ended = sessions.start(db, name="clerk", idle=IDLE, now=T0)
    sessions.end(db, session_id=ended.session_id, now=T0 + dt.timedelta(minutes=1))
    assert sessions.renew_ticket(db, session_id=ended.session_id, now=T0 + dt.timedelta(minutes=3)) is None
