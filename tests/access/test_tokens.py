"""API tokens in the domain (the HTTP routes are tested in tests/webapp/api): made by administrators only, shown
once and stored as SHA-256, acting as their role, refused when missing, unknown or revoked, every use audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import select
from sqlmodel import Session

from tracker.access.audit import events
from tracker.access.roles import AccessDenied, Actor
from tracker.access.tokens import (
    PREFIX,
    BadToken,
    add_token,
    list_tokens,
    record_call,
    revoke_token,
    token_actor,
)
from tracker.core.errors import TrackerError
from tracker.storage.models import ApiToken

ADMIN = Actor("admin", "admin")


def test_a_token_is_shown_once_stored_as_its_sha256_and_acts_as_its_role(db: Session) -> None:
    secret = add_token(db, actor=ADMIN, name="city.platform", role="leader")
    assert secret.startswith(PREFIX) and len(secret) == len(PREFIX) + 43  # 32 random bytes, URL-safe base64
    row = db.execute(select(ApiToken)).scalars().one()
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in row.token_hash
    assert (row.name, row.role, row.created_by, row.last_used_at) == ("city.platform", "leader", "admin", None)
    assert add_token(db, actor=ADMIN, name="other", role="leader") != secret  # each one its own
    who = token_actor(db, secret=secret)
    assert (who.name, who.role) == ("token:city.platform", "leader")
    db.refresh(row)
    assert row.last_used_at is not None  # marked as used


def test_adding_is_audited_and_checked(db: Session) -> None:
    add_token(db, actor=ADMIN, name="powerquery", role="planner")
    added = events(db, action="token_add")
    assert (added["user"].tolist(), added["subject"].tolist()) == (["admin"], ["powerquery"])
    assert json.loads(added["detail"][0])["role"] == "planner"
    for name, role, key in (("x", "leader", "token.bad_name"), ("has space", "leader", "token.bad_name"),
                            ("a" * 65, "leader", "token.bad_name"), ("feed\n", "leader", "token.bad_name"),
                            ("ok_name", "boss", "account.bad_role"), ("powerquery", "leader", "token.exists")):
        with pytest.raises(TrackerError) as caught:
            add_token(db, actor=ADMIN, name=name, role=role)
        assert caught.value.key == key, (name, role)
    assert len(list_tokens(db, actor=ADMIN)) == 1  # the refused ones stored nothing


@pytest.mark.parametrize("actor", [Actor("p", "planner"), Actor("l", "leader"), Actor("c", "reporter")])
def test_only_administrators_make_list_or_revoke_tokens(db: Session, actor: Actor) -> None:
    add_token(db, actor=ADMIN, name="feed", role="leader")
    with pytest.raises(AccessDenied):
        add_token(db, actor=actor, name="mine", role="admin")
    with pytest.raises(AccessDenied):
        list_tokens(db, actor=actor)
    with pytest.raises(AccessDenied):
        revoke_token(db, actor=actor, name="feed")
    assert [t.revoked_at for t in list_tokens(db, actor=ADMIN)] == [None]


def test_a_revoked_token_is_refused_and_stays_listed_once(db: Session) -> None:
    secret = add_token(db, actor=ADMIN, name="feed", role="leader")
    add_token(db, actor=ADMIN, name="another", role="planner")
    revoke_token(db, actor=ADMIN, name="feed")
    revoke_token(db, actor=ADMIN, name="feed")  # again: nothing changes, audited once
    with pytest.raises(BadToken):
        token_actor(db, secret=secret)
    listed = list_tokens(db, actor=ADMIN)
    assert [(t.name, t.role, t.created_by, t.revoked_by) for t in listed] == [
        ("another", "planner", "admin", None), ("feed", "leader", "admin", "admin")]  # by name
    revoked = listed[1].revoked_at
    assert revoked is not None and revoked.tzinfo is not None
    assert dt.datetime.now(dt.UTC) - revoked < dt.timedelta(minutes=5)
    assert events(db, action="token_revoke")["subject"].tolist() == ["feed"]
    with pytest.raises(TrackerError) as caught:
        revoke_token(db, actor=ADMIN, name="nobody")
    assert caught.value.key == "token.unknown"


@pytest.mark.parametrize("secret", [None, "", PREFIX + "not-a-token"])
def test_a_missing_or_unknown_token_is_refused(db: Session, secret: str | None) -> None:
    add_token(db, actor=ADMIN, name="feed", role="leader")
    with pytest.raises(BadToken):
        token_actor(db, secret=secret)


def test_every_call_is_audited_with_its_token_query_and_answer(db: Session) -> None:
    record_call(db, actor=Actor("token:feed", "leader"), path="/api/v1/progress", query="as_of=2018-06" + "x" * 600,
                status=200)
    record_call(db, actor=None, path="/api/v1/values", query="", status=401)
    calls = events(db, action="api_call")
    assert calls["user"].tolist() == ["token:?", "token:feed"]  # newest first; no token: "token:?"
    assert calls["subject"].tolist() == ["/api/v1/values", "/api/v1/progress"]
    first = json.loads(calls["detail"][1])
    assert first["status"] == 200 and len(first["query"]) == 500 and first["query"].startswith("as_of=2018-06")
    assert json.loads(calls["detail"][0])["status"] == 401
