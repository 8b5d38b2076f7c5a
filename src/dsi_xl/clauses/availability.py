"""When a figure can exist, and when the accounts must hold it (reading 8).

Nothing may be demanded before it can exist. Accounts for calendar year N speak for the day they
are judged on (:mod:`.judging_day`); a period has *ended* on that day when its last day lies
before it. So, for the accounts of year N judged on day D:

- a measurement year's figures are required when its repayment rate is stated by the accounts'
  own deadline (the accounts *cover* the rate: :func:`covers`) and the measurement year has ended
  by D; figures for a measurement year that has not ended by D cannot be known yet;
- a quarter's caseload is required when the quarter begins in or before N and has ended by D;
- an installment is required when its period begins in or before N and its due date has passed
  by D; an installment dated before its own period begins, or after D, cannot be right.

The rules warn (``advarsel``) about figures the accounts cannot know yet; they never demand them.
"""

from __future__ import annotations

from datetime import date

from dsi_xl.agreement.model import Agreement, Installment, Quarter, RepaymentRate
from dsi_xl.clauses import deadlines


def ended(last_day: date, day: date) -> bool:
    """A period whose last day is ``last_day`` is over on ``day``: its last day lies before it."""
    return last_day < day


def covers(agreement: Agreement, year: int, rate: RepaymentRate) -> bool:
    """The accounts for ``year`` report ``rate``: it must be stated by their own deadline (7.4).
    For Randers the accounts for 2027 (due 30.06.2028) cover rate 1 (stated by 31.05.2028):

    >>> from dsi_xl.agreement import load
    >>> randers = load()
    >>> rate_1 = randers.repayment_rates[0]
    >>> covers(randers, 2026, rate_1), covers(randers, 2027, rate_1)
    (False, True)

    and demand its measurement year (to 29.02.2028) only once it is over on the judging day:

    >>> from datetime import date
    >>> [measurement_required(randers, 2027, day, rate_1) for day in (date(2028, 2, 15), date(2028, 3, 1))]
    [False, True]
    """
    return rate.statement_due <= deadlines.accounts_due(agreement, year)


def measurement_required(agreement: Agreement, year: int, day: date, rate: RepaymentRate) -> bool:
    """The measurement year feeding ``rate`` is covered by the accounts for ``year`` and over on ``day``."""
    return covers(agreement, year, rate) and ended(rate.measurement_end, day)


def quarter_required(year: int, day: date, quarter: Quarter) -> bool:
    """The quarter begins in or before the accounts year and is over on ``day``."""
    return quarter.start.year <= year and ended(quarter.end, day)


def installment_required(year: int, day: date, installment: Installment) -> bool:
    """The installment's period begins in or before the accounts year and its due date has passed on ``day``."""
    return installment.start.year <= year and ended(installment.due, day)


def installment_dated_possibly(installment: Installment, received: date, day: date) -> bool:
    """A receipt date can be right: not before the installment's own period, not after ``day``."""
    return installment.start <= received <= day
