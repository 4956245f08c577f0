"""The acting identity of an account: only an active one acts."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tracker.access.accounts import actor_of, add_account, set_active
from tracker.access.roles import Actor
from tracker.core.errors import TrackerError
from tracker.register import Register

ADMIN = Actor("root", "admin")


def test_only_an_active_account_acts(db: Session, register: Register) -> None:
    """A deliberate fault the tests missed: actor_of skipping the active check (a disabled account went on
    acting on the command line's --user and at its next click on a page)."""
    add_account(db, register, actor=ADMIN, name="clerk_a", role="reporter", password="long enough",
                units=["street_chigang"])
    assert actor_of(db, "clerk_a") == Actor("clerk_a", "reporter", frozenset({"street_chigang"}))
    set_active(db, actor=ADMIN, name="clerk_a", active=False)
    with pytest.raises(TrackerError) as exc:
        actor_of(db, "clerk_a")
    assert exc.value.key == "account.disabled"
    with pytest.raises(TrackerError) as unknown:
        actor_of(db, "nobody")
    assert unknown.value.key == "account.unknown"
