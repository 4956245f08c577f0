"""The rules a new password keeps, each refusal naming its rule and its limit in the user's language (from a
mutation run of `tracker/access/passwords.py`: the too-long and NUL refusals and the limits in the messages were
checked by nothing)."""

from __future__ import annotations

import pytest

from tracker.access.passwords import check_password, hash_password, verify_password
from tracker.core.errors import TrackerError


@pytest.mark.parametrize(("password", "key", "params"), [
    ("1234567", "account.password_short", {"n": 8}),
    ("x" * 257, "account.password_long", {"n": 256}),
    ("abcd\x00efgh", "account.password_control", {}),
    (" " * 8, "account.password_blank", {}),
    (" Clerk_ABC", "account.password_is_name", {}),
])
def test_each_refusal_names_its_rule_and_limit(password: str, key: str, params: dict[str, object]) -> None:
    with pytest.raises(TrackerError) as exc:
        check_password(password, "clerk_abc")
    assert (exc.value.key, exc.value.params) == (key, params)
    for limit in params.values():
        assert str(limit) in exc.value.text("zh") and str(limit) in exc.value.text("en")


@pytest.mark.parametrize("password", ["12345678", "x" * 256, "a\tb\nc d e", "clerk_abc2"])
def test_a_password_at_the_limits_is_kept(password: str) -> None:
    """8 and 256 characters, a tab and a newline (only NUL is refused), the name with more to it."""
    check_password(password, "clerk_abc")
    assert verify_password(hash_password(password, "clerk_abc"), password)
