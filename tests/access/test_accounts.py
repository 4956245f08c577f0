"""The acting identity of an account: only an active one acts."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
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


def test_the_acting_identity_carries_its_own_units_and_the_demo_mark(db: Session, register: Register) -> None:
    from tracker.access.accounts import actor_for_email

    add_account(db, register, actor=ADMIN, name="clerk_a", role="reporter", password="long enough",
                units=["street_chigang"], email="A@Example.org", is_demo=True)
    add_account(db, register, actor=ADMIN, name="clerk_b", role="reporter", password="long enough",
                units=["street_xingang", "street_nanhuaxi"], email="b@example.org")
    a = Actor("clerk_a", "reporter", frozenset({"street_chigang"}), True)
    b = Actor("clerk_b", "reporter", frozenset({"street_xingang", "street_nanhuaxi"}), False)
    assert (actor_of(db, "clerk_a"), actor_of(db, "clerk_b")) == (a, b)
    assert (actor_for_email(db, "a@example.org"), actor_for_email(db, "B@EXAMPLE.ORG")) == (a, b)
    assert actor_for_email(db, "nobody@example.org") is None
    set_active(db, actor=ADMIN, name="clerk_a", active=False)
    assert actor_for_email(db, "a@example.org") is None
    with pytest.raises(TrackerError) as exc:
        actor_of(db, "clerk_a")
    assert exc.value.text("zh") == "账号“clerk_a”已停用"


def test_assigning_units_replaces_that_accounts_only_and_is_audited(db: Session, register: Register) -> None:
    import json

    from tracker.access.accounts import assign_units
    from tracker.access.audit import events

    add_account(db, register, actor=ADMIN, name="clerk_a", role="reporter", password="long enough",
                units=["street_chigang"])
    add_account(db, register, actor=ADMIN, name="clerk_b", role="reporter", password="long enough",
                units=["street_xingang"])
    add_account(db, register, actor=ADMIN, name="planner_a", role="planner", password="long enough")
    assign_units(db, register, actor=ADMIN, name="clerk_a", units=["street_nanhuaxi", "street_longfeng"])
    assert actor_of(db, "clerk_a").units == {"street_nanhuaxi", "street_longfeng"}  # replaced
    assert actor_of(db, "clerk_b").units == {"street_xingang"}  # another account's untouched
    with pytest.raises(TrackerError) as none:
        assign_units(db, register, actor=ADMIN, name="clerk_a", units=[])
    assert none.value.key == "account.reporter_needs_unit"
    assert actor_of(db, "clerk_a").units == {"street_nanhuaxi", "street_longfeng"}  # refused: nothing changed
    assign_units(db, register, actor=ADMIN, name="planner_a", units=[])  # a planner needs none
    assigned = events(db, action="account_assign")
    assert assigned["subject"].tolist() == ["planner_a", "clerk_a"]
    assert json.loads(assigned["detail"][1]) == {"units": ["street_nanhuaxi", "street_longfeng"]}


def test_a_password_set_by_an_administrator_is_audited_and_ends_the_sessions_saying_by_whom(
        db: Session, register: Register) -> None:
    import datetime as dt
    import json

    from tracker.access import sessions
    from tracker.access.accounts import set_password
    from tracker.access.audit import events

    add_account(db, register, actor=ADMIN, name="clerk_a", role="reporter", password="long enough",
                units=["street_chigang"])
    sessions.start(db, name="clerk_a", idle=dt.timedelta(minutes=30))
    set_password(db, actor=ADMIN, name="clerk_a", password="another long one")
    assert events(db, action="account_password")[["user", "subject"]].values.tolist() == [["root", "clerk_a"]]
    ended = events(db, action="sign_out")
    assert ended["user"].tolist() == ["clerk_a"]
    assert json.loads(ended["detail"][0]) == {"reason": "password_set", "by": "root"}


def test_only_another_active_administrator_lets_one_be_disabled(db: Session, register: Register) -> None:
    add_account(db, register, actor=ADMIN, name="admin_a", role="admin", password="long enough")
    add_account(db, register, actor=ADMIN, name="planner_a", role="planner", password="long enough")
    with pytest.raises(TrackerError):  # a planner is no administrator: admin_a is the only one
        set_active(db, actor=ADMIN, name="admin_a", active=False)


def test_an_accounts_units_are_listed_in_code_order_on_both_databases(any_engine: Engine, register: Register) -> None:
    from tests.helpers import synced
    from tracker.access.accounts import list_accounts

    with synced(any_engine, register) as db:
        add_account(db, register, actor=ADMIN, name="clerk", role="reporter", password="secret-123",
                    units=["street_xingang", "street_binjiang", "street_chigang"])
        listed = {a.name: a.units for a in list_accounts(db)}
    assert listed["clerk"] == ["street_binjiang", "street_chigang", "street_xingang"]
