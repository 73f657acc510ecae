"""Login throttling rules (RELIABILITY.md A3, issue 14): growing delays per account-and-address pair, so whoever
guesses from one address slows down only there, while the real user from another address, or from an address where
they have logged in before, still gets in. Wide limits per address (many accounts tried) and per account (many
addresses) stop only pairs that never succeeded. Pure: the counts come from the selectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 5  # typos cost nothing
FIRST_DELAY = timedelta(seconds=30)  # after the fifth failure; doubled by each further one
MAX_DELAY = timedelta(minutes=15)
PAIR_WINDOW = timedelta(hours=24)  # a pair's failures older than this no longer count
WIDE_WINDOW = timedelta(minutes=15)
ADDRESS_FAILURES = 50  # failures from one address, any accounts, within WIDE_WINDOW
ACCOUNT_FAILURES = 20  # failures against one account, any addresses, within WIDE_WINDOW
KNOWN_FOR = timedelta(days=90)  # a pair that logged in successfully this recently is never stopped by wide limits


def delay_after(failures: int) -> timedelta:
    """How long a pair must wait after its latest failure, given its failures not yet cleared."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)


def pair_locked_until(failures: int, last_failure: datetime | None) -> datetime | None:
    """When the pair may try again (None when it need not wait)."""
    wait = delay_after(failures)
    if not wait or last_failure is None:
        return None
    return last_failure + wait


@dataclass(frozen=True)
class Lock:
    """A lock an administrator sees: a pair, or a whole address (email None) or account (ip None)."""

    email: str | None
    ip: str | None
    failures: int
    last_failure: datetime
    locked_until: datetime | None
