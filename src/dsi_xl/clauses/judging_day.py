"""The day a file is judged on, and whether its signing date can be true (reading 7).

Accounts for calendar year N speak for the day they were signed: a deadline that had not passed
then cannot be held against them. But the signing date is typed by the municipality, so it is
trusted only when it is *possible*:

- not before the end of the accounts year: the earliest possible day is 1 January N+1. The 31
  December N itself is **not** possible: the year's costs and installments run to the end of that
  day (the unused grant counts installments received "on or before 31 December N", reading 5), so
  accounts signed on it would be signed before their year had ended;
- not after the run's day (``--as-of`` or today): a file cannot have been signed in the future.

The judging day is the signing date when it is possible, else the run's day. So a wrong date never
hides a passed deadline (signed "01.01.2026" on 2028 accounts is judged on the run's day, as if
unsigned), and a date in the future is simply judged early. Without a usable accounts year only the
second condition can be checked.
"""

from __future__ import annotations

from datetime import date
from typing import TypeGuard


def earliest(accounts_year: int) -> date:
    """The first day accounts for ``accounts_year`` can be signed: 1 January of the next year."""
    return date(accounts_year + 1, 1, 1)


def too_early(signed: date, accounts_year: int | None) -> bool:
    """Signed before the accounts year had ended (on or before 31 December of that year)."""
    return accounts_year is not None and signed < earliest(accounts_year)


def too_late(signed: date, run_day: date) -> bool:
    """Signed after the run's day: a date in the future."""
    return signed > run_day


def possible(signed: date | None, accounts_year: int | None, run_day: date) -> TypeGuard[date]:
    """Whether ``signed`` can be the true signing date of accounts for ``accounts_year`` judged on
    ``run_day``: not before the year's end and not after the run's day. A missing date is not
    (so where it is true, ``signed`` is a date)."""
    return signed is not None and not too_early(signed, accounts_year) and not too_late(signed, run_day)


def judged_on(signed: date | None, accounts_year: int | None, run_day: date) -> date:
    """The day the file's deadlines are judged on: the signing date when it is possible, else the
    run's day (unsigned, signed too early, or signed in the future).

    >>> judged_on(date(2028, 5, 15), 2027, date(2028, 6, 1))
    datetime.date(2028, 5, 15)
    >>> judged_on(date(2027, 12, 31), 2027, date(2028, 6, 1))  # before the year had ended
    datetime.date(2028, 6, 1)
    """
    return signed if possible(signed, accounts_year, run_day) else run_day


compute = judged_on
