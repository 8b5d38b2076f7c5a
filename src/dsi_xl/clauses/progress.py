"""The half-year status to the steering group (7.2): how far the effort has come on a day.

7.2 obliges the municipality to report progress to the steering group every half year; the
template's Status sheet shows it from the workbook's own figures as of a day the accountant
chooses. What needs the agreement is computed here: the budget for the period up to that day,
and (in :mod:`.deadlines`) the deadlines of the next twelve months.

The budget of a calendar year is spread evenly over the effort's months in that year (as the
accrual ceiling of 4.3 is, :func:`dsi_xl.clauses.unused_grant.accrual_limit`); the month of the
day counts whole, so a status as of 30 June holds half of a full year's budget.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dsi_xl.agreement.model import Agreement
from dsi_xl.clauses.unused_grant import effort_in, months
from dsi_xl.money import ZERO, round_ore


def budget_to_date(agreement: Agreement, line: int, day: date) -> Decimal:
    """The budget of line ``line`` (1-based) from the effort's start up to and including the month
    of ``day``, rounded to øre: 0 before the effort begins, the line's whole budget after it ends.
    Randers' coordinator costs 541.667 kr. for March-December 2026 and 650.000 kr. in 2027:

    >>> from dsi_xl.agreement import load
    >>> budget_to_date(load(), 2, date(2027, 6, 30))  # 541.667 + 650.000 x 6/12
    Decimal('866667.00')
    """
    a = agreement
    total = ZERO
    for year in a.budget_years:
        amount = a.budget_amount(line, year)
        first, last = effort_in(a, year)
        effort = months(first, last)
        if year < day.year:
            total += amount
        elif year == day.year and effort:
            total += amount * min(months(first, day), effort) / effort
    return round_ore(total)
