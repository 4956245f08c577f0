"""Sign-in throttling, counted atomically in the database, that a stranger cannot turn into a lock-out.

Every attempt is counted *before* its password is checked, in one short transaction holding the database's
write lock (SQLite: the first statement writes; PostgreSQL: the rows are locked FOR UPDATE), so twenty guesses
sent at once are counted as twenty and only the first few are checked. Three counters:

- per account name *and* client address: after FREE_FAILURES failures that client waits 30 s, 60 s, 120 s … up
  to 15 minutes before its next attempt at that name is checked;
- per client address, over every name: after ADDRESS_FREE failures the same waits (one client spraying names);
- per account name, over every client: after FREE_FAILURES failures each attempt is *delayed* (at most
  MAX_DELAY_STEPS × the sign-in delay), never refused — so a stranger's wrong passwords do not stop the right one
  from a client without failures of its own.

A refused attempt is not counted again (a client hammering the form does not extend its own wait). A success
clears its name–address counter and takes its own attempt off the other two.

Attempts still being checked count too, so colleagues signing in together — one office address, or one shared
account — could push the sixth (the twenty-first from one address) over a limit no one had failed. A refusal whose
counters moved while an attempt may still be under way (`in_flight`: its delay and its check) is therefore
`pending`: the sign-in looks at the counters again, reading only, every QUEUE_STEP (`tracker.access.accounts.
sign_in`) and asks to be counted as soon as the successes before it have taken their attempts off; after real
failures it is refused as before, counted once.

SQL outside `tracker/storage`: this module owns the `signin_throttle` table; its queries live with the rule.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from tracker.core.clock import as_utc
from tracker.storage.models import SigninThrottle

FAILURE_WINDOW = dt.timedelta(minutes=15)
FREE_FAILURES = 5
ADDRESS_FREE = 20
FIRST_WAIT = dt.timedelta(seconds=30)
MAX_WAIT = dt.timedelta(minutes=15)
MAX_DELAY_STEPS = 8  # the longest delay an account under attack adds: 8 × TRACKER_SIGNIN_DELAY
IN_FLIGHT = dt.timedelta(seconds=5)  # how long a password check may take, its delay apart (`in_flight`)
QUEUE_STEP = 0.25  # seconds between a pending attempt's looks at the counters
LOCAL = "local"


@dataclass(frozen=True)
class Attempt:
    """What the counters say of an attempt: refused until a time, or checked after `delay` seconds; `pending`:
    refused by counters that attempts still under way may take back (a success, `in_flight`)."""

    refused_until: dt.datetime | None
    delay: float
    pending: bool = False


def _keys(name: str, address: str) -> list[tuple[str, str]]:
    folded = name.casefold()[:64]
    return [("pair", f"{folded}\n{address[:128]}"), ("address", address[:128]), ("account", folded)]


def wait_after(failures: int, free: int) -> dt.timedelta | None:
    """How long a client waits after `failures` failures when `free` are allowed; None below the limit."""
    if failures < free:
        return None
    return min(FIRST_WAIT * 2 ** min(failures - free, 10), MAX_WAIT)


def _live(row: tuple[int, dt.datetime] | None, free: int, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """The row's failures that still count (none once its window and its wait are over) and its last failure."""
    if row is None:
        return 0, None
    failures, last = row[0], as_utc(row[1])
    span = max(FAILURE_WINDOW, wait_after(failures, free) or FAILURE_WINDOW)
    return (0, None) if now - last > span else (failures, last)


def _lock_rows(session: Session, keys: Iterable[tuple[str, str]], now: dt.datetime) -> dict[tuple[str, str], tuple[int, dt.datetime]]:
    """Create the counters that do not exist yet and hold them until the transaction ends; their values."""
    conn = session.connection()
    maker = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    rows = [{"scope": s, "key": k, "failures": 0, "last_at": now} for s, k in keys]
    session.execute(maker(SigninThrottle).values(rows).on_conflict_do_nothing())  # the first statement writes
    t = SigninThrottle
    stmt = select(col(t.scope), col(t.key), col(t.failures), col(t.last_at)).where(
        col(t.key).in_([k for _, k in keys]))
    if conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return {(s, k): (f, at) for s, k, f, at in session.execute(stmt).all()}


def _set(session: Session, scope: str, key: str, failures: int, at: dt.datetime | None = None) -> None:
    values: dict[str, object] = {"failures": max(failures, 0)}
    if at is not None:
        values["last_at"] = at
    t = SigninThrottle
    session.execute(update(t).where(col(t.scope) == scope, col(t.key) == key).values(**values))


def in_flight(base_delay: float) -> dt.timedelta:
    """How long a counted attempt may still be under way: its delay (at most MAX_DELAY_STEPS × the base) and its
    check (IN_FLIGHT)."""
    return IN_FLIGHT + dt.timedelta(seconds=MAX_DELAY_STEPS * base_delay)


def _refusal(rows: dict[tuple[str, str], tuple[int, dt.datetime]], keys: list[tuple[str, str]], now: dt.datetime,
             base_delay: float) -> Attempt | None:
    """The refusal the counters `rows` make of an attempt now, or None when it is to be checked."""
    pair, addr = (_live(rows.get(k), free, now) for k, free in zip(keys[:2], (FREE_FAILURES, ADDRESS_FREE),
                                                                     strict=True))
    refusing = [(last, last + wait) for (n, last), free in ((pair, FREE_FAILURES), (addr, ADDRESS_FREE))
                if last is not None and (wait := wait_after(n, free)) is not None and last + wait > now]
    if not refusing:
        return None
    return Attempt(max(until for _, until in refusing), 0.0,
                   pending=all(now - last < in_flight(base_delay) for last, _ in refusing))


def peek_attempt(session: Session, name: str, address: str, now: dt.datetime, base_delay: float) -> Attempt | None:
    """What `begin_attempt` would say of a refusal now, read without writing or counting (a pending attempt asks
    this while it waits); None when the attempt would be checked."""
    session.commit()
    keys = _keys(name, address)
    t = SigninThrottle
    stmt = select(col(t.scope), col(t.key), col(t.failures), col(t.last_at)).where(
        col(t.key).in_([k for _, k in keys]))
    refusal = _refusal({(sc, k): (f, at) for sc, k, f, at in session.execute(stmt).all()}, keys, now, base_delay)
    session.commit()
    return refusal


def begin_attempt(session: Session, name: str, address: str, now: dt.datetime, base_delay: float) -> Attempt:
    """Count an attempt at `name` from `address` (committed at once), or refuse it while the client must wait."""
    session.commit()  # whatever the session read before, this is a transaction of its own
    keys = _keys(name, address)
    rows = _lock_rows(session, keys, now)
    refusal = _refusal(rows, keys, now, base_delay)
    if refusal is not None:
        session.commit()
        return refusal
    pair, addr, account = (_live(rows.get(k), free, now) for k, free in
                           zip(keys, (FREE_FAILURES, ADDRESS_FREE, FREE_FAILURES), strict=True))
    for (scope, key), (failures, _last) in zip(keys, (pair, addr, account), strict=True):
        _set(session, scope, key, failures + 1, now)
    session.commit()
    over = account[0] + 1 - FREE_FAILURES
    return Attempt(None, base_delay * min(2 ** max(over - 1, 0), MAX_DELAY_STEPS) if over > 0 else 0.0)


def end_attempt(session: Session, name: str, address: str) -> None:
    """A success: its name–address counter cleared, its own attempt taken off the other two."""
    keys = _keys(name, address)
    rows = _lock_rows(session, keys, dt.datetime.now(dt.UTC))
    _set(session, *keys[0], 0)
    for key in keys[1:]:
        _set(session, *key, rows.get(key, (1, None))[0] - 1)
    session.commit()


def client_address(remote: str | None, forwarded_for: str | None, trusted: Iterable[str]) -> str:
    """The client's address: the connection's, or — when the connection comes from a trusted reverse proxy —
    the nearest address in X-Forwarded-For that is not itself a trusted proxy. `local` for this machine."""
    trusted_set = {LOCAL if t in ("127.0.0.1", "::1", "localhost") else t for t in trusted}
    address = remote or LOCAL
    if address in ("127.0.0.1", "::1"):
        address = LOCAL
    if address in trusted_set and forwarded_for:
        for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
            try:
                ipaddress.ip_address(hop)
            except ValueError:
                break  # not an address: a forged or broken header ends what can be believed
            address = LOCAL if hop in ("127.0.0.1", "::1") else hop
            if address not in trusted_set:
                break
    return address
