"""A measured value as a goal's result (the ``value`` indicator, TILSAGNSDATA.md section 1).

The result is the value itself (a count, an average, a rate) in the goal's own unit, never
rounded; it is 0 or more. Its amount is computed like any goal's (:mod:`.goal_payment`): units
better than the baseline x DKK per unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dsi_xl.money import to_nonnegative


def compute(measured: Any, what: str = "Værdi") -> Decimal:
    """The measured value as a Decimal, unrounded.

    >>> compute(41.5)
    Decimal('41.5')
    >>> compute(-1, "Antal dage")
    Traceback (most recent call last):
    dsi_xl.errors.OutOfRange: Antal dage: forventede et tal på 0 eller derover, fandt -1.
    """
    return to_nonnegative(measured, what)
