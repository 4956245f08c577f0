"""Passwords stored only as argon2id hashes (argon2-cffi's defaults, RFC 9106's second recommendation)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tracker.errors import TrackerError

MIN_LENGTH = 8
MAX_LENGTH = 256
_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2 hash of a password that is long enough; TrackerError naming the rule otherwise."""
    if len(password) < MIN_LENGTH:
        raise TrackerError("account.password_short", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise TrackerError("account.password_long", n=MAX_LENGTH)
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash (False for no hash, a malformed hash or a mismatch)."""
    if not stored or len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
