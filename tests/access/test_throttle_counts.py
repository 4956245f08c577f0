"""The throttle's counters at their edges, through `begin_attempt` and `end_attempt` (no password hashing): five
free failures per client and name, forgotten after a quiet quarter of an hour, cleared by a success that takes only
its own attempt off the address and account counters; the three counters kept apart."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from tracker.access.throttle import (
    ADDRESS_FREE,
    FAILURE_WINDOW,
    FREE_FAILURES,
    IN_FLIGHT,
    begin_attempt,
    end_attempt,
    in_flight,
    peek_attempt,
)

T0 = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def _checked(db: Session, name: str, address: str, at: dt.datetime) -> bool:
    """One failed attempt: whether it was let through to the password check (not refused)."""
    return begin_attempt(db, name, address, at, 1.0).refused_until is None


def test_a_new_client_has_five_free_failures_and_the_sixth_waits(db: Session) -> None:
    assert FREE_FAILURES == 5
    checked = [_checked(db, "leader", "10.0.0.1", T0 + i * SECOND) for i in range(6)]
    assert checked == [True] * 5 + [False]


def test_failures_are_forgotten_after_a_quiet_quarter_of_an_hour(db: Session) -> None:
    for i in range(5):
        _checked(db, "leader", "10.0.0.1", T0 + i * SECOND)
    last = T0 + 4 * SECOND
    edge = last + FAILURE_WINDOW  # a quarter of an hour after the fifth: the 30 s wait is long over, the failures
    assert _checked(db, "leader", "10.0.0.1", edge)  # still count: checked, and counted as the sixth,
    assert not _checked(db, "leader", "10.0.0.1", edge + SECOND)  # so the next one waits (60 s)
    later = edge + FAILURE_WINDOW + SECOND  # quiet for longer than the window: five free failures again
    assert [_checked(db, "leader", "10.0.0.1", later + i * SECOND) for i in range(6)] == [True] * 5 + [False]


def test_a_success_clears_its_clients_failures_for_that_name(db: Session) -> None:
    for i in range(3):
        _checked(db, "leader", "10.0.0.1", T0 + i * SECOND)
    assert _checked(db, "leader", "10.0.0.1", T0 + 3 * SECOND)  # the right password this time
    end_attempt(db, "leader", "10.0.0.1")
    after = T0 + 4 * SECOND
    assert [_checked(db, "leader", "10.0.0.1", after + i * SECOND) for i in range(6)] == [True] * 5 + [False]


def test_a_success_takes_only_its_own_attempt_off_the_accounts_count(db: Session) -> None:
    """Strangers failed 8 times at `leader` from two addresses (4 each, under their own limit). The leader's
    attempt is the 9th on the account: 4 over the free 5, delayed 2^(4−1) = 8 × the base delay (the most there is).
    The success takes that attempt off (8 remain), so the next attempt is the 9th again, delayed the same —
    not reset to none (which would let a stranger's run be wiped by one success)."""
    for i in range(4):
        for stranger in ("203.0.113.9", "203.0.113.10"):
            _checked(db, "leader", stranger, T0 + i * SECOND)
    first = begin_attempt(db, "leader", "10.1.2.3", T0 + 10 * SECOND, 1.0)
    assert (first.refused_until, first.delay) == (None, 8.0)
    end_attempt(db, "leader", "10.1.2.3")
    second = begin_attempt(db, "leader", "10.1.2.3", T0 + 11 * SECOND, 1.0)
    assert (second.refused_until, second.delay) == (None, 8.0)
    end_attempt(db, "leader", "10.1.2.3")
    # the leader's own client never failed: its name–address counter is clear, however many strangers tried
    assert _checked(db, "leader", "10.1.2.3", T0 + 12 * SECOND)


def test_an_address_and_an_account_of_the_same_spelling_are_counted_apart(db: Session) -> None:
    """The command line signs in from the address "local"; an account may be named "local" too. The local client
    fails at twenty other names (its address counter reaches the limit: it must wait); then someone fails once
    at the account "local" from elsewhere. The account's counter is not the address's: the local client still
    waits."""
    assert ADDRESS_FREE == 20
    for i in range(20):
        assert _checked(db, f"user{i}", "local", T0 + i * SECOND)
    assert not _checked(db, "user99", "local", T0 + 21 * SECOND)  # the address's twentieth failure: a wait
    assert _checked(db, "local", "10.0.0.1", T0 + 22 * SECOND)
    assert not _checked(db, "user98", "local", T0 + 23 * SECOND)  # still waiting


def test_an_office_signing_in_all_day_from_one_address_is_never_held_back(db: Session) -> None:
    """Many people behind one address (the office's NAT) sign in successfully: each success takes its own
    attempt off the address's counter, so twenty-five of them never reach the address's limit of twenty."""
    for i in range(25):
        name = f"clerk{i % 7}"
        assert _checked(db, name, "10.1.2.3", T0 + i * SECOND), i
        end_attempt(db, name, "10.1.2.3")


def test_a_success_leaves_the_accounts_count_as_it_was(db: Session) -> None:
    """Five failures at `leader` from two addresses (3 and 2): the leader's attempt is the sixth, one over the
    free five: delayed 1 × the base delay. The success takes it off again, so the next attempt is delayed the same
    (not more: a success must not add to the account's count)."""
    for i, stranger in enumerate(("203.0.113.9",) * 3 + ("203.0.113.10",) * 2):
        _checked(db, "leader", stranger, T0 + i * SECOND)
    for k in range(2):
        attempt = begin_attempt(db, "leader", "10.1.2.3", T0 + (10 + k) * SECOND, 1.0)
        assert (attempt.refused_until, attempt.delay) == (None, 1.0), k
        end_attempt(db, "leader", "10.1.2.3")


def test_the_delay_doubles_from_the_sixth_failure_on_the_account_up_to_eight_steps(db: Session) -> None:
    """Ten attempts at one account, each from a client of its own (no client is ever held back): the k-th comes after
    k − 1 failures; from the sixth it is delayed 1, 2, 4, 8 × the base delay, then no more (MAX_DELAY_STEPS)."""
    delays = [begin_attempt(db, "leader", f"203.0.113.{k}", T0 + k * SECOND, 1.0).delay for k in range(10)]
    assert delays == [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_the_wait_is_over_at_exactly_its_end(db: Session) -> None:
    for i in range(5):
        _checked(db, "leader", "10.0.0.1", T0 + i * SECOND)
    fifth = T0 + 4 * SECOND
    assert not _checked(db, "leader", "10.0.0.1", fifth + dt.timedelta(seconds=29))
    assert _checked(db, "leader", "10.0.0.1", fifth + dt.timedelta(seconds=30))  # 30 s after the fifth: checked


def test_a_refusal_by_attempts_that_may_still_be_checked_is_pending_until_they_cannot_be(db: Session) -> None:
    """Five attempts at T0 … T0 + 4 s, none ended: the sixth at T0 + 5 s is refused, but the fifth began 1 s
    before — it may still be a colleague's check under way — so the refusal is pending. An attempt may be under way
    for its delay (at most 8 × the base delay, 1 s here) and its check (5 s): 13 s. From 13 s after the fifth the
    refusal stands (its 30 s wait not yet over) and is no longer pending."""
    assert in_flight(1.0) == dt.timedelta(seconds=13) and in_flight(0.0) == IN_FLIGHT == 5 * SECOND
    for i in range(5):
        _checked(db, "leader", "10.1.2.3", T0 + i * SECOND)
    fifth = T0 + 4 * SECOND
    early = begin_attempt(db, "leader", "10.1.2.3", fifth + SECOND, 1.0)
    assert early.refused_until == fifth + dt.timedelta(seconds=30) and early.pending
    assert begin_attempt(db, "leader", "10.1.2.3", fifth + 12 * SECOND, 1.0).pending  # a delayed check may be under way
    late = begin_attempt(db, "leader", "10.1.2.3", fifth + 13 * SECOND, 1.0)
    assert late.refused_until == fifth + dt.timedelta(seconds=30) and not late.pending
    assert not begin_attempt(db, "leader", "10.1.2.3", fifth + 5 * SECOND, 0.0).pending  # no delay: 5 s


def test_a_look_at_the_counters_counts_nothing_and_says_what_an_attempt_would_meet(db: Session) -> None:
    """`peek_attempt` (what a pending attempt asks while it waits) gives the refusal `begin_attempt` would, and
    None when the attempt would be checked — without counting: six looks change nothing."""
    for i in range(5):
        _checked(db, "leader", "10.1.2.3", T0 + i * SECOND)
    at = T0 + 5 * SECOND
    look = peek_attempt(db, "leader", "10.1.2.3", at, 1.0)
    assert look == begin_attempt(db, "leader", "10.1.2.3", at, 1.0) and look is not None and look.pending
    for i in range(6):
        assert peek_attempt(db, "clerk", "10.1.2.4", T0 + i * SECOND, 1.0) is None
    assert [_checked(db, "clerk", "10.1.2.4", T0 + (10 + i) * SECOND) for i in range(6)] == [True] * 5 + [False]


def test_a_refusal_by_the_address_counter_is_pending_too(db: Session) -> None:
    """Twenty attempts from one address at twenty names within 20 s, none ended: the 21st is refused by the
    address's counter, pending while the twentieth may still be checked."""
    for i in range(ADDRESS_FREE):
        assert _checked(db, f"clerk{i}", "10.1.2.3", T0 + i * SECOND)
    last = T0 + (ADDRESS_FREE - 1) * SECOND
    attempt = begin_attempt(db, "clerk_new", "10.1.2.3", last + SECOND, 1.0)
    assert attempt.refused_until is not None and attempt.pending
