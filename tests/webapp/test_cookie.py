"""The sign-in cookie on the ASGI seam: a ticket traded once for an HttpOnly, SameSite=Strict cookie (Secure over
HTTPS), then on to the page asked for, never to another site; sign-out clears it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tracker.access import sessions
from tracker.core.settings import Settings
from tracker.storage.db import session
from tracker.storage.opening import open_tracker
from webapp.cookie import safe_next
from webapp.server import routes


@pytest.fixture
def client(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    with TestClient(Starlette(routes=routes()), base_url="http://testserver") as c:
        yield c


def ticket() -> str:
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        handoff = sessions.start(s, name="leader", idle=dt.timedelta(minutes=30))
    return handoff.ticket


def test_the_ticket_sets_an_httponly_strict_cookie_and_goes_on(client: TestClient) -> None:
    answer = client.get("/auth/session", params={"ticket": ticket(), "next": "/units?as_of=2018-06&lang=en"},
                        follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/units?as_of=2018-06&lang=en"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{sessions.COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on a desk: a Secure cookie would never come back
    assert answer.headers["cache-control"] == "no-store"


def test_the_ticket_as_an_image_sets_the_cookie_in_the_background(client: TestClient) -> None:
    answer = client.get("/auth/session", params={"ticket": ticket(), "as": "image"}, follow_redirects=False)
    assert (answer.status_code, answer.headers["content-type"]) == (200, "image/gif")
    assert answer.content.startswith(b"GIF89a")  # a transparent pixel: the page stays where it is
    assert answer.headers["set-cookie"].startswith(f"{sessions.COOKIE}=")


def test_behind_an_https_proxy_the_cookie_is_secure(client: TestClient) -> None:
    answer = client.get("/auth/session", params={"ticket": ticket()}, headers={"X-Forwarded-Proto": "https"},
                        follow_redirects=False)
    assert "Secure" in answer.headers["set-cookie"]


def test_a_spent_or_made_up_ticket_sets_no_cookie(client: TestClient) -> None:
    fresh = ticket()
    client.get("/auth/session", params={"ticket": fresh}, follow_redirects=False)
    for used in (fresh, "made-up"):
        answer = client.get("/auth/session", params={"ticket": used, "next": "/"}, follow_redirects=False)
        assert answer.status_code == 303 and "set-cookie" not in answer.headers


@pytest.mark.parametrize(("asked", "goes"), [("/targets?lang=en", "/targets?lang=en"), (None, "/"), ("", "/"),
                                             ("https://evil.example/", "/"), ("//evil.example/x", "/"),
                                             ("/\\evil.example", "/"), ("/ok\r\nSet-Cookie: x=1", "/")])
def test_next_never_leaves_the_site(asked: str | None, goes: str) -> None:
    assert safe_next(asked) == goes


def test_sign_out_clears_the_cookie(client: TestClient) -> None:
    answer = client.get("/auth/signout", params={"next": "/targets"}, follow_redirects=False)
    assert answer.headers["location"] == "/targets"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f'{sessions.COOKIE}=""') and "Max-Age=0" in cookie
