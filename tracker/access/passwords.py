"""Passwords stored only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second recommendation)."""

from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tracker.core.errors import TrackerError

MIN_LENGTH = 8
MAX_LENGTH = 256
_HASHER = PasswordHasher()


def check_password(password: str, name: str | None = None) -> None:
    """TrackerError naming the rule a new password breaks: 8–256 characters, not only spaces, not the account's
    name (in any case, with or without spaces around it), no NUL."""
    if len(password) < MIN_LENGTH:
        raise TrackerError("account.password_short", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise TrackerError("account.password_long", n=MAX_LENGTH)
    if not password.strip():
        raise TrackerError("account.password_blank")
    if "\x00" in password:
        raise TrackerError("account.password_control")
    if name is not None and password.strip().casefold() == name.strip().casefold():
        raise TrackerError("account.password_is_name")


def hash_password(password: str, name: str | None = None) -> str:
    """The argon2 hash of a password that keeps the rules (`check_password`); TrackerError naming the rule
    otherwise."""
    check_password(password, name)
    return _HASHER.hash(password)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash no password is known for: verified when the name is unknown, so that a wrong name takes as long
    as a wrong password (no telling which names exist by the time an answer takes)."""
    return _HASHER.hash(secrets.token_hex(16))


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash (False for no hash, a malformed hash or a mismatch)."""
    if not stored or len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
