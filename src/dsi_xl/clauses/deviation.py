"""Budget deviation per line and year (4.2 reduction, 6.1.1(v) substantial deviation).

A deviation is significant when it is more than the agreement's threshold in percent of the
line's budget for the year (the project's default is 10 %, kept in the agreement's data). Spending
on a line that has no budget that year is always significant.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dsi_xl.money import HUNDRED, round_ore, to_decimal, to_nonnegative


@dataclass(frozen=True, slots=True)
class Deviation:
    """Actual minus budget, in DKK and in percent of the budget (``None`` for a zero budget)."""

    amount: Decimal
    percent: Decimal | None
    significant: bool


def compute(budget: Any, actual: Any, threshold_percent: Any) -> Deviation:
    """How far ``actual`` is from ``budget``, and whether that is more than the threshold.

    >>> compute(650000, 720000, 10).significant, compute(650000, 700000, 10).significant
    (True, False)
    >>> compute(0, 5000, 10)
    Deviation(amount=Decimal('5000.00'), percent=None, significant=True)
    """
    planned = to_nonnegative(budget, "Budget")
    spent = to_nonnegative(actual, "Faktiske udgifter")
    threshold = to_decimal(threshold_percent, "Grænse for væsentlig afvigelse")
    amount = round_ore(spent - planned)
    if planned == 0:
        return Deviation(amount, None, spent != 0)
    percent = (spent - planned) / planned * HUNDRED
    return Deviation(amount, percent, abs(percent) > threshold)
