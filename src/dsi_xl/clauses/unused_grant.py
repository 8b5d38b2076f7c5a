"""Unused grant to repay, and how much of it an accrual may hold back (4.3).

Paid-out grant that was not spent on the effort is repaid krone for krone, independent of the
payment goals and outside the return cap, unless it covers costs that fall later (an accrual,
periodisering). The ceiling on an accrual is the project's reading: the budget for the rest of
the installment period that is running at the end of the accounts year, prorated by month.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from dsi_xl.agreement.model import Agreement
from dsi_xl.errors import OutOfRange
from dsi_xl.money import ZERO, is_blank, round_ore, to_nonnegative


def compute(received: Any, spent: Any, accrual: Any = None) -> Decimal:
    """Unused grant to repay: received - spent - accrual, never below 0, rounded to øre."""
    got = to_nonnegative(received, "Modtaget tilskud")
    used = to_nonnegative(spent, "Afholdte udgifter")
    held = ZERO if is_blank(accrual) else to_nonnegative(accrual, "Periodisering")
    return round_ore(max(got - used - held, ZERO))


def _months(start: date, end: date) -> int:
    """Whole calendar months from ``start``'s month to ``end``'s month, both included; 0 if empty."""
    return max((end.year - start.year) * 12 + end.month - start.month + 1, 0)


def accrual_limit(agreement: Agreement, year: int) -> Decimal:
    """The most an accrual may hold back at the end of ``year``: the budget of the months that
    remain of the installment period running on 31 December, prorated within each budget year
    by the effort months that year has."""
    if year not in agreement.budget_years:
        raise OutOfRange("Regnskabsår", "et af budgetårene", year)
    year_end = date(year, 12, 31)
    running = [i for i in agreement.installments if i.start <= year_end <= i.end]
    if not running:
        return ZERO
    period_end = running[0].end
    limit = ZERO
    for later in range(year + 1, period_end.year + 1):
        if later not in agreement.budget_years:
            continue
        effort_months = _months(max(date(later, 1, 1), agreement.effort_start), min(date(later, 12, 31), agreement.effort_end))
        rest_months = _months(date(later, 1, 1), min(date(later, 12, 31), period_end))
        if effort_months:
            limit += agreement.budget_year_total(later) * rest_months / effort_months
    return round_ore(limit)
